package workflow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"plugpub/workflow"
)

// The child of the stress and crash tests (stress_test.go): one role,
// acting until its time is up or it is killed. What each role may try is
// stressActions (stress_actions_test.go).

// stressSummary is what a worker that ran its course reports last.
type stressSummary struct {
	Role     string         `json:"role"`
	Actions  int            `json:"actions"`
	Writes   int            `json:"writes"` // state changes, draft saves and new users
	Reads    int            `json:"reads"`
	Refused  map[string]int `json:"refused"` // by kind
	Seconds  float64        `json:"seconds"`
	MaxStall float64        `json:"max_stall"` // the longest single action, in seconds
}

type stressWorker struct {
	ctx     context.Context
	svc     *workflow.Service
	rng     *rand.Rand
	role    string
	out     io.Writer
	sum     stressSummary
	n       int    // edits so far, so every draft save changes the draft
	buyer   string // the consumer the buyer part acts as now
	buyers  int
	ordered map[string]bool // by the current consumer
}

// stressAction is one thing a part may try. never marks what the part's
// role may never do: it must be refused.
type stressAction struct {
	name  string
	never bool
	do    func(w *stressWorker, p string) error
}

func stressChild() int {
	return asChild(func(ctx context.Context, svc *workflow.Service) int {
		seed, _ := strconv.ParseUint(os.Getenv("PLUGPUB_SEED"), 10, 64)
		w := &stressWorker{
			ctx: ctx, svc: svc, rng: rand.New(rand.NewPCG(seed, seed>>7+1)),
			role: os.Getenv("PLUGPUB_ROLE"), out: os.Stdout, ordered: map[string]bool{},
			sum: stressSummary{Role: os.Getenv("PLUGPUB_ROLE"), Refused: map[string]int{}},
		}
		actions := stressActions[w.role]
		if actions == nil {
			fmt.Fprintln(os.Stderr, "unknown PLUGPUB_ROLE")
			return 2
		}
		if w.role == "buyer" {
			w.newBuyer()
		}
		run, _ := time.ParseDuration(os.Getenv("PLUGPUB_FOR")) // 0: until killed
		fmt.Fprintln(w.out, "ready")
		start := time.Now()
		for run == 0 || time.Since(start) < run {
			a := actions[w.rng.IntN(len(actions))]
			p := stressPlugins[w.rng.IntN(len(stressPlugins))]
			t0 := time.Now()
			err := a.do(w, p)
			w.sum.MaxStall = max(w.sum.MaxStall, time.Since(t0).Seconds())
			w.sum.Actions++
			w.judge(a, err)
		}
		w.sum.Seconds = time.Since(start).Seconds()
		b, _ := json.Marshal(w.sum)
		fmt.Fprintf(w.out, "sum %s\n", b)
		return 0
	})
}

// judge reports what no user may ever see: an action the role may never
// take that went through, a refusal of the wrong kind, or an error that is
// not one of workflow's (a raw database error, a busy database).
func (w *stressWorker) judge(a stressAction, err error) {
	kind := workflow.KindOf(err)
	switch {
	case err == nil && a.never:
		fmt.Fprintf(w.out, "bad %s %s: went through\n", w.role, a.name)
	case err == nil:
	case kind == 0 && os.Getenv("PLUGPUB_SERVER_RESTARTS") != "" && serverAway(err):
		w.sum.Refused["server away"]++
	case kind == 0:
		fmt.Fprintf(w.out, "bad %s %s: not a workflow error: %q\n", w.role, a.name, err.Error())
	case a.never && kind != workflow.KindForbidden && kind != workflow.KindIllegal:
		fmt.Fprintf(w.out, "bad %s %s: refused as %v, want forbidden: %q\n", w.role, a.name, kind, err.Error())
	case !a.never && kind == workflow.KindForbidden:
		fmt.Fprintf(w.out, "bad %s %s: a permitted action was forbidden: %q\n", w.role, a.name, err.Error())
	default:
		w.sum.Refused[kind.String()]++
	}
	if err != nil {
		msg := strings.ToLower(err.Error())
		for _, raw := range []string{"locked", "sqlite_busy", "is busy"} {
			if strings.Contains(msg, raw) {
				fmt.Fprintf(w.out, "bad %s %s: a lock error reached the user: %q\n", w.role, a.name, err.Error())
			}
		}
	}
}

// serverAway reports an error that says, in words, that the PostgreSQL
// server could not be reached: what a user sees while it restarts
// (TestServerRestartLosesNothing), and never the driver's own text.
func serverAway(err error) bool {
	msg := err.Error()
	if strings.Contains(msg, "SQLSTATE") {
		return false
	}
	for _, away := range []string{"the connection was lost", "cannot connect", "the connection failed"} {
		if strings.Contains(msg, away) {
			return true
		}
	}
	return false
}

// ack reports a committed state change: its actor, plugin and the event it
// must have written. It is printed only after the commit returned.
func (w *stressWorker) ack(actor, plugin string, e workflow.Entity, a workflow.Action) {
	w.sum.Writes++
	fmt.Fprintf(w.out, "ok %s %s %s %s\n", actor, plugin, e, a)
}

func (w *stressWorker) read(err error) error {
	if err == nil {
		w.sum.Reads++
	}
	return err
}

func (w *stressWorker) newBuyer() {
	seed := os.Getenv("PLUGPUB_SEED")
	for range 10 {
		w.buyers++
		name := fmt.Sprintf("buyer-%s-%d", seed, w.buyers)
		kind := workflow.BuyerPersonal
		if w.buyers%2 == 0 {
			kind = workflow.BuyerEnterprise
		}
		if _, err := w.svc.AddUser(w.ctx, name, []workflow.Role{workflow.RoleConsumer}, kind); err != nil {
			if os.Getenv("PLUGPUB_SERVER_RESTARTS") != "" && serverAway(err) {
				w.sum.Refused["server away"]++
				continue
			}
			fmt.Fprintf(w.out, "bad buyer add user: %q\n", err.Error())
			continue
		}
		w.sum.Writes++
		fmt.Fprintf(w.out, "user %s\n", name)
		w.buyer, w.ordered = name, map[string]bool{}
		// One mini program, which the buyer's orders are for: an appId
		// made of the seed and the buyer's number, as unique as the name.
		n, _ := strconv.ParseUint(seed, 10, 64)
		if _, err := w.svc.AddApp(w.ctx, name, fmt.Sprintf("9%05d%010d", n%100_000, w.buyers), "小程序"); err != nil {
			fmt.Fprintf(w.out, "bad buyer add app: %q\n", err.Error())
		}
		return
	}
}

// edit is a terminal's edit of the draft: load it, change the intro, save
// against the rev it loaded (so two terminals editing at once conflict).
func (w *stressWorker) edit(p string) error {
	cur, err := w.svc.Draft(w.ctx, "dev1", p)
	if err != nil {
		return err
	}
	w.n++
	d := cur.Draft
	d.Info.Intro = fmt.Sprintf("第%d次修改（%s %d）", w.n, w.role, os.Getpid())
	sd, _, err := w.svc.SaveDraft(w.ctx, "dev1", p, d, cur.Rev)
	if err == nil && sd.Rev == cur.Rev+1 {
		w.sum.Writes++
		fmt.Fprintf(w.out, "draft dev1 %s\n", p)
	}
	return err
}

// newest returns one of the plugin's three newest submissions, one in
// state want if there is one (ok=false when there is none at all).
func (w *stressWorker) newest(p string, want workflow.SubmissionState) (workflow.Submission, bool, error) {
	subs, err := w.svc.Submissions(w.ctx, "rev1", p, workflow.Page{Limit: 3})
	if err != nil || len(subs) == 0 {
		return workflow.Submission{}, false, err
	}
	if i := slices.IndexFunc(subs, func(s workflow.Submission) bool { return s.State == want }); i >= 0 {
		return subs[i], true, nil
	}
	return subs[w.rng.IntN(len(subs))], true, nil
}

// someSubmission is one of the plugin's recent submissions, or of the
// first plugin's, which is listed from the start.
func (w *stressWorker) someSubmission(p string) (workflow.Submission, error) {
	sub, ok, err := w.newest(p, workflow.SubmissionInReview)
	if err == nil && !ok {
		sub, _, err = w.newest(stressPlugins[0], workflow.SubmissionInReview)
	}
	return sub, err
}

func (w *stressWorker) newestVersion(p string) (workflow.Version, error) {
	vs, err := w.svc.Versions(w.ctx, "dev1", p, workflow.Page{Limit: 1})
	if err != nil || len(vs) == 0 {
		return workflow.Version{}, err
	}
	return vs[0], nil
}

// review approves or rejects a random in-review submission, as a screen
// does: against the rev the queue showed.
func (w *stressWorker) review(act workflow.Action) error {
	q, err := w.svc.ReviewQueue(w.ctx, "rev1", workflow.Page{Limit: 50})
	if err != nil || len(q) == 0 {
		return err
	}
	sub := q[w.rng.IntN(len(q))]
	if act == workflow.ActApprove {
		_, err = w.svc.Approve(w.ctx, "rev1", sub.ID, sub.Rev)
	} else {
		_, err = w.svc.Reject(w.ctx, "rev1", sub.ID, "描述不完整", sub.Rev)
	}
	if err == nil {
		w.ack("rev1", sub.PluginID, workflow.EntitySubmission, act)
	}
	return err
}
