package workflow_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"plugpub/store/pgtest"
	"plugpub/workflow"
)

// The stress and crash tests run the four parts of the issue as separate OS
// processes on one database file (the test binary re-executed, see
// TestMain), each taking random legal and illegal actions as fast as it can:
//
//   - developer: dev1 edits the drafts of its plugins, submits, withdraws,
//     adds versions and moves them through 版本管理;
//   - reviewer: rev1 approves and rejects what is in review, versions too;
//   - operator: there is no operator role in plugpub. Putting a listing on
//     the market (上架) and hiding or showing it (隐藏 / 展示) is done by the
//     plugin's owner, so the operator is dev1 in a second terminal, working
//     the market side of the same plugins (and editing the same drafts);
//   - buyer: searches, opens order pages and orders, as one consumer after
//     another (a consumer orders a plugin once).
//
// Each also tries what its role may never do (approving as a developer,
// editing a draft as a reviewer, hiding as a buyer, acting on another
// developer's plugin), which must be refused: as forbidden, or as illegal
// when the state rules it out first (releasing with nothing approved).
// TestRoleMatrix pins the exact refusal of each.
//
// PLUGPUB_STRESS sets how long the stress test runs (5s by default; make
// stress uses 30s) and PLUGPUB_KILLS how many processes the crash test
// kills (20 by default; make stress uses 100).

var stressRoles = []string{"developer", "reviewer", "operator", "buyer"}

// stressPlugins are dev1's, at different stages; stressForeign is dev2's.
var stressPlugins = []string{"2021004300000001", "2021004300000002", "2021004300000003"}

const stressForeign = "2021004300000009"

// envPositive reads the environment variable key with parse: unset gives
// def, a value parse refuses or one not above zero fails the test, which
// then says what is wanted, like.
func envPositive[T int | time.Duration](t *testing.T, key string, def T, parse func(string) (T, error), like string) T {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := parse(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want %s", key, v, like)
	}
	return n
}

// TestStress runs the four parts for PLUGPUB_STRESS (5s unless set) while
// checking the invariants on the live database, then checks that no update
// was lost: the log holds exactly the events the workers acknowledged, each
// plugin's and draft's Rev moved by exactly the acknowledged changes, and
// the log replays to the tables.
func TestStress(t *testing.T) {
	run := envPositive(t, "PLUGPUB_STRESS", 5*time.Second, time.ParseDuration, "a duration such as 30s")
	w := newStressWorld(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("stress: %d processes for %v on %s (seed %d)", len(stressRoles), run, w.path, seed)
	a := newAcks()
	var procs []*stressProc
	for i, role := range stressRoles {
		procs = append(procs, startStressProc(t, w.path, role, seed+uint64(i), run, a))
	}

	// Watch the live database while they work.
	subPlugin := map[int64]string{}
	var lastEv int64
	checks := 0
	finished := make(chan struct{})
	go func() {
		for _, p := range procs {
			<-p.done
			p.cmd.Wait()
		}
		close(finished)
	}()
	for watching := true; watching; {
		select {
		case <-finished:
			watching = false
		case <-time.After(200 * time.Millisecond):
		}
		facts, err := w.f.st.Facts(w.f.ctx)
		if err != nil {
			t.Fatalf("reading the live database: %v", err)
		}
		lastEv = subPlugins(w.f, subPlugin, lastEv)
		if bad := factsInvariants(facts, subPlugin); len(bad) > 0 {
			t.Fatalf("while the processes worked: %s", strings.Join(bad, "; "))
		}
		checks++
		for _, b := range a.takeBad() {
			t.Errorf("a worker saw: %s", b)
		}
	}

	var total, writes float64
	for _, p := range procs {
		if p.cmd.ProcessState.ExitCode() != 0 || p.sum == nil {
			t.Fatalf("the %s process failed (exit %d): %s", p.role, p.cmd.ProcessState.ExitCode(), p.stderr.String())
		}
		s := p.sum
		total += float64(s.Actions) / s.Seconds
		writes += float64(s.Writes) / s.Seconds
		t.Logf("%-9s %6d actions %7.0f/s, %5d writes %6.0f/s, %5d reads, refused %v, longest action %.0f ms",
			s.Role, s.Actions, float64(s.Actions)/s.Seconds, s.Writes, float64(s.Writes)/s.Seconds, s.Reads, s.Refused, s.MaxStall*1000)
	}
	t.Logf("all       %.0f actions/s, %.0f writes/s; invariants checked %d times while running", total, writes, checks)

	w.check(t, "after the stress run")
	committed := w.committed(t)
	orders := map[workflow.Action]int{}
	for k, n := range committed.events {
		if f := strings.Fields(k); len(f) == 3 && f[1] == string(workflow.EntityOrder) {
			orders[workflow.Action(f[2])] += n
		}
	}
	t.Logf("order events: %v", orders)
	compareAcks(t, committed, a, 0)
}

// TestCrashLosesNothing kills the parts with SIGKILL, one at a time at
// random moments, PLUGPUB_KILLS times (20 unless set). Before each kill the
// other parts are frozen (SIGSTOP), so that after it the file can be
// checked while nobody writes: integrity_check, the log replays to the
// tables, the invariants hold. Then they go on and the killed part is
// started again. At the end nothing acknowledged is missing.
func TestCrashLosesNothing(t *testing.T) {
	if onPostgres() {
		t.Skip("on PostgreSQL the server is what crashes: TestServerRestartLosesNothing")
	}
	kills := envPositive(t, "PLUGPUB_KILLS", 20, strconv.Atoi, "a positive number")
	w := newStressWorld(t)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 3))
	t.Logf("crash: %d kills among %d processes on %s (seed %d)", kills, len(stressRoles), w.path, seed)
	a := newAcks()
	procs := make([]*stressProc, len(stressRoles))
	start := func(i int) {
		seed++
		procs[i] = startStressProc(t, w.path, stressRoles[i], seed, 0, a)
		<-procs[i].ready
	}
	signalAll := func(sig syscall.Signal, except int) {
		for i, p := range procs {
			if i != except && p != nil {
				p.cmd.Process.Signal(sig)
			}
		}
	}
	t.Cleanup(func() {
		signalAll(syscall.SIGCONT, -1)
		signalAll(syscall.SIGKILL, -1)
		for _, p := range procs {
			if p != nil {
				p.cmd.Wait()
			}
		}
	})
	for i := range procs {
		start(i)
	}
	begun := time.Now()
	for k := range kills {
		time.Sleep(time.Duration(5+rng.IntN(150)) * time.Millisecond)
		victim := rng.IntN(len(procs))
		signalAll(syscall.SIGSTOP, victim)
		procs[victim].cmd.Process.Signal(syscall.SIGKILL)
		<-procs[victim].done
		procs[victim].cmd.Wait()
		if ws, ok := procs[victim].cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: the %s process had stopped by itself (%v): %s", k+1, procs[victim].role, procs[victim].cmd.ProcessState, procs[victim].stderr.String())
		}
		w.check(t, fmt.Sprintf("after kill %d (the %s)", k+1, stressRoles[victim]))
		for _, b := range a.takeBad() {
			t.Errorf("a worker saw: %s", b)
		}
		signalAll(syscall.SIGCONT, victim)
		start(victim)
	}
	signalAll(syscall.SIGSTOP, -1)
	signalAll(syscall.SIGKILL, -1)
	for _, p := range procs {
		<-p.done
		p.cmd.Wait()
	}
	w.check(t, "after the last kill")
	for _, b := range a.takeBad() {
		t.Errorf("a worker saw: %s", b)
	}
	total := kills + len(procs)
	compareAcks(t, w.committed(t), a, total)
	acked := 0
	for _, n := range a.plugins {
		acked += n
	}
	t.Logf("%d kills, each followed by the checks (and %d more at the end), in %v; %d acknowledged state changes",
		kills, len(procs), time.Since(begun).Round(time.Millisecond), acked)
}

// TestServerRestartLosesNothing is TestCrashLosesNothing for PostgreSQL,
// where the server is what crashes: the four parts work on while the
// server is stopped as a crash would stop it (immediate) and started again,
// PLUGPUB_RESTARTS times (3 unless set; make stress uses 10). After each
// restart the parts are frozen and the database checked (the log replays
// to the tables, the invariants hold); at the end nothing acknowledged is
// missing. While the server is away a part may only be told so, in words.
func TestServerRestartLosesNothing(t *testing.T) {
	if !onPostgres() {
		t.Skip("PostgreSQL only (make stress STRESS_DB=pgtest): the server restarted under the parts")
	}
	if stressAddress() != "" {
		t.Skip("PLUGPUB_STRESS_DB names a server this test did not start, which it cannot restart: STRESS_DB=pgtest")
	}
	restarts := envPositive(t, "PLUGPUB_RESTARTS", 3, strconv.Atoi, "a positive number")
	t.Setenv("PLUGPUB_SERVER_RESTARTS", "1")
	w := newStressWorld(t)
	c := pgtest.Shared(t)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 5))
	t.Logf("server restarts: %d under %d processes on %s (seed %d)", restarts, len(stressRoles), fmt.Sprintf("127.0.0.1:%d", c.Port), seed)
	a := newAcks()
	procs := make([]*stressProc, len(stressRoles))
	signalAll := func(sig syscall.Signal) {
		for _, p := range procs {
			p.cmd.Process.Signal(sig)
		}
	}
	for i, role := range stressRoles {
		procs[i] = startStressProc(t, w.path, role, seed+uint64(i), 0, a)
		<-procs[i].ready
	}
	t.Cleanup(func() {
		signalAll(syscall.SIGCONT)
		signalAll(syscall.SIGKILL)
		for _, p := range procs {
			p.cmd.Wait()
		}
	})
	begun := time.Now()
	var away time.Duration
	for r := range restarts {
		time.Sleep(time.Duration(200+rng.IntN(800)) * time.Millisecond)
		t0 := time.Now()
		if err := c.Down(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond)
		if err := c.Up(); err != nil {
			t.Fatal(err)
		}
		away += time.Since(t0)
		w.waitForServer(t)
		signalAll(syscall.SIGSTOP)
		w.check(t, fmt.Sprintf("after restart %d", r+1))
		for _, b := range a.takeBad() {
			t.Errorf("a worker saw: %s", b)
		}
		signalAll(syscall.SIGCONT)
	}
	time.Sleep(500 * time.Millisecond) // writes after the last restart
	signalAll(syscall.SIGSTOP)
	signalAll(syscall.SIGKILL)
	for _, p := range procs {
		<-p.done
		p.cmd.Wait()
		if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Errorf("the %s process had stopped by itself (%v): %s", p.role, p.cmd.ProcessState, p.stderr.String())
		}
	}
	w.check(t, "after the last restart")
	for _, b := range a.takeBad() {
		t.Errorf("a worker saw: %s", b)
	}
	// A change whose commit's answer was lost with the server is in the
	// database unacknowledged: each restart allows one per part, as do the
	// kills at the end.
	compareAcks(t, w.committed(t), a, (restarts+1)*len(procs))
	acked := 0
	for _, n := range a.plugins {
		acked += n
	}
	t.Logf("%d restarts (the server away %v in all), each followed by the checks, in %v; %d acknowledged state changes",
		restarts, away.Round(time.Millisecond), time.Since(begun).Round(time.Millisecond), acked)
}
