package workflow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"plugpub/store/pgtest"
	"plugpub/workflow"
)

// These tests run real OS processes against one database file: the test
// binary re-executes itself with PLUGPUB_CHILD set and plays one part. The
// stress and crash tests (stress_test.go) use the same machinery.

func TestMain(m *testing.M) {
	switch os.Getenv("PLUGPUB_CHILD") {
	case "":
		pgtest.Main(m) // stops the PostgreSQL test cluster, if one was started
	case "race":
		os.Exit(raceChild())
	case "stress":
		os.Exit(stressChild())
	}
	fmt.Fprintln(os.Stderr, "unknown PLUGPUB_CHILD")
	os.Exit(2)
}

// raceResult is what a racing child reports on stdout.
type raceResult struct {
	Kind string `json:"kind"` // "ok", a workflow kind, or "error"
	Msg  string `json:"msg"`
}

// raceChild waits for the agreed moment, takes one action, and reports.
func raceChild() int {
	return asChild(func(ctx context.Context, svc *workflow.Service) int {
		start, _ := strconv.ParseInt(os.Getenv("PLUGPUB_START"), 10, 64)
		time.Sleep(time.Until(time.Unix(0, start)))
		as, plugin := os.Getenv("PLUGPUB_AS"), os.Getenv("PLUGPUB_PLUGIN")
		sub, _ := strconv.ParseInt(os.Getenv("PLUGPUB_SUB"), 10, 64)
		var err error
		switch os.Getenv("PLUGPUB_ACTION") {
		case "approve":
			_, err = svc.Approve(ctx, as, sub, workflow.AnyRev)
		case "reject":
			_, err = svc.Reject(ctx, as, sub, "并发驳回", workflow.AnyRev)
		case "withdraw":
			_, err = svc.Withdraw(ctx, as, plugin, workflow.AnyRev)
		case "release":
			_, err = svc.Release(ctx, as, plugin, workflow.AnyRev)
		case "hide":
			_, err = svc.Hide(ctx, as, plugin, workflow.AnyRev)
		case "submit":
			_, err = svc.Submit(ctx, as, plugin, "")
		default:
			err = fmt.Errorf("unknown action")
		}
		res := raceResult{Kind: "ok"}
		if err != nil {
			res = raceResult{Kind: "error", Msg: err.Error()}
			if k := workflow.KindOf(err); k != 0 {
				res.Kind = k.String()
			}
		}
		json.NewEncoder(os.Stdout).Encode(res)
		return 0
	})
}

// TestTwoProcessesRace has two processes take conflicting actions at the
// same moment: exactly one wins, the other is told conflict or illegal, and
// nobody ever sees a raw "database is locked".
func TestTwoProcessesRace(t *testing.T) {
	f := newFixture(t)
	races := []struct {
		stage string
		a, b  [2]string // action, actor
	}{
		{"in_review", [2]string{"approve", "rev1"}, [2]string{"approve", "rev2"}},
		{"in_review", [2]string{"approve", "rev1"}, [2]string{"reject", "rev2"}},
		{"in_review", [2]string{"withdraw", "dev1"}, [2]string{"approve", "rev1"}},
		{"approved", [2]string{"release", "dev1"}, [2]string{"release", "dev1"}},
		{"listed", [2]string{"hide", "dev1"}, [2]string{"hide", "dev1"}},
		{"online", [2]string{"submit", "dev1"}, [2]string{"submit", "dev1"}},
	}
	rounds := 3
	if testing.Short() {
		rounds = 1
	}
	n := 0
	for _, r := range races {
		for range rounds {
			n++
			id := fmt.Sprintf("20210041%08d", n)
			f.stage("dev1", id, r.stage)
			sub := int64(0)
			if r.stage != "online" {
				sub = f.submissionID(id)
			}
			start := time.Now().Add(400 * time.Millisecond).UnixNano()
			var cmds []*exec.Cmd
			var outs []*strings.Builder
			for _, side := range [][2]string{r.a, r.b} {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "PLUGPUB_CHILD=race", "PLUGPUB_DB="+f.addr,
					"PLUGPUB_START="+strconv.FormatInt(start, 10), "PLUGPUB_ACTION="+side[0], "PLUGPUB_AS="+side[1],
					"PLUGPUB_PLUGIN="+id, "PLUGPUB_SUB="+strconv.FormatInt(sub, 10))
				out := &strings.Builder{}
				cmd.Stdout, cmd.Stderr = out, out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				cmds, outs = append(cmds, cmd), append(outs, out)
			}
			wins := 0
			for i, cmd := range cmds {
				if err := cmd.Wait(); err != nil {
					t.Fatalf("child: %v: %s", err, outs[i])
				}
				var res raceResult
				if err := json.Unmarshal([]byte(outs[i].String()), &res); err != nil {
					t.Fatalf("child said %q", outs[i])
				}
				switch res.Kind {
				case "ok":
					wins++
				case "conflict", "illegal":
				default:
					t.Errorf("%s %v vs %v: a loser got %s: %s", r.stage, r.a, r.b, res.Kind, res.Msg)
				}
				if strings.Contains(strings.ToLower(res.Msg), "locked") || strings.Contains(res.Msg, "SQLITE_BUSY") {
					t.Errorf("a raw lock error reached the user: %s", res.Msg)
				}
			}
			if wins != 1 {
				t.Errorf("%s %v vs %v: %d winners, want exactly 1", r.stage, r.a, r.b, wins)
			}
		}
	}
	f.checkLog()
}
