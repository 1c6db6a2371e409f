package workflow_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"plugpub/store"
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

func envDuration(t *testing.T, key string, def time.Duration) time.Duration {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		t.Fatalf("%s=%q: want a duration such as 30s", key, v)
	}
	return d
}

func envCount(t *testing.T, key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive number", key, v)
	}
	return n
}

// ---- the child: one role, acting until its time is up or it is killed ----

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
			fmt.Fprintf(w.out, "bad buyer add user: %q\n", err.Error())
			continue
		}
		w.sum.Writes++
		fmt.Fprintf(w.out, "user %s\n", name)
		w.buyer, w.ordered = name, map[string]bool{}
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

var stressActions = map[string][]stressAction{
	"developer": {
		{name: "edit the draft", do: func(w *stressWorker, p string) error { return w.edit(p) }},
		{name: "submit", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Submit(w.ctx, "dev1", p, "")
			if err == nil {
				w.ack("dev1", p, workflow.EntitySubmission, workflow.ActSubmit)
			}
			return err
		}},
		{name: "withdraw", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Withdraw(w.ctx, "dev1", p, workflow.AnyRev)
			if err == nil {
				w.ack("dev1", p, workflow.EntitySubmission, workflow.ActWithdraw)
			}
			return err
		}},
		{name: "版本管理: the next step of the newest version", do: func(w *stressWorker, p string) error {
			v, err := w.newestVersion(p)
			if err != nil {
				return err
			}
			var act workflow.Action
			switch v.State {
			case workflow.VersionDev:
				act = workflow.ActSubmit
			case workflow.VersionAuditing:
				act = workflow.ActWithdraw
				if w.rng.IntN(4) > 0 {
					act = workflow.ActSubmit // mostly the reviewer's turn: refused as illegal
				}
			case workflow.VersionRejected:
				act = workflow.ActReturn
			case workflow.VersionApproved:
				act = workflow.ActOnline
			case workflow.VersionOnline:
				if w.rng.IntN(8) == 0 {
					act = workflow.ActOffline // rarely: the plugin cannot be published until the next one is online
				}
			}
			if act == "" { // online or offline: start the next version
				next := v.SemVer
				if next.Patch++; next.Patch > workflow.MaxSemVerPart {
					next.Minor, next.Patch = next.Minor+1, 0
				}
				_, err = w.svc.AddVersion(w.ctx, "dev1", p, next.String())
				if err == nil {
					w.ack("dev1", p, workflow.EntityVersion, workflow.ActAddVer)
				}
				return err
			}
			_, err = w.svc.VersionAct(w.ctx, "dev1", p, v.SemVer.String(), act, "", v.Rev)
			if err == nil {
				w.ack("dev1", p, workflow.EntityVersion, act)
			}
			return err
		}},
		{name: "read the log", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Log(w.ctx, "dev1", p, workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "approve as a developer", never: true, do: func(w *stressWorker, p string) error {
			sub, err := w.someSubmission(p)
			if err != nil {
				return err
			}
			_, err = w.svc.Approve(w.ctx, "dev1", sub.ID, workflow.AnyRev)
			return err
		}},
		{name: "order as a developer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.Order(w.ctx, "dev1", p)
			return err
		}},
		{name: "edit another developer's draft", never: true, do: func(w *stressWorker, _ string) error {
			_, _, err := w.svc.SaveDraft(w.ctx, "dev1", stressForeign, workflow.SampleDraft(), workflow.AnyRev)
			return err
		}},
	},
	"reviewer": {
		{name: "approve from the queue", do: func(w *stressWorker, _ string) error { return w.review(workflow.ActApprove) }},
		{name: "reject from the queue", do: func(w *stressWorker, _ string) error { return w.review(workflow.ActReject) }},
		{name: "review a version", do: func(w *stressWorker, p string) error {
			vs, err := w.svc.Versions(w.ctx, "rev1", p, workflow.Page{Limit: 3})
			if err != nil || len(vs) == 0 {
				return err
			}
			v := vs[w.rng.IntN(len(vs))]
			if i := slices.IndexFunc(vs, func(v workflow.Version) bool { return v.State == workflow.VersionAuditing }); i >= 0 {
				v = vs[i]
			}
			act, reason := workflow.ActApprove, ""
			if w.rng.IntN(3) == 0 {
				act, reason = workflow.ActReject, "崩溃"
			}
			_, err = w.svc.VersionAct(w.ctx, "rev1", p, v.SemVer.String(), act, reason, v.Rev)
			if err == nil {
				w.ack("rev1", p, workflow.EntityVersion, act)
			}
			return err
		}},
		{name: "read the queue", do: func(w *stressWorker, _ string) error {
			_, err := w.svc.ReviewQueue(w.ctx, "rev1", workflow.Page{Limit: 50})
			return w.read(err)
		}},
		{name: "edit a draft as a reviewer", never: true, do: func(w *stressWorker, p string) error {
			_, _, err := w.svc.SaveDraft(w.ctx, "rev1", p, workflow.SampleDraft(), workflow.AnyRev)
			return err
		}},
		{name: "release as a reviewer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.Release(w.ctx, "rev1", p, workflow.AnyRev)
			return err
		}},
		{name: "hide as a reviewer", never: true, do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Hide(w.ctx, "rev1", stressForeign, workflow.AnyRev)
			return err
		}},
	},
	"operator": {
		{name: "release", do: func(w *stressWorker, p string) error {
			sub, ok, err := w.newest(p, workflow.SubmissionApproved)
			if err != nil || !ok {
				return err
			}
			_, err = w.svc.ReleaseSubmission(w.ctx, "dev1", sub.ID, sub.Rev)
			if err == nil {
				w.ack("dev1", p, workflow.EntitySubmission, workflow.ActRelease)
			}
			return err
		}},
		{name: "hide or show", do: func(w *stressWorker, p string) error {
			mp, err := w.svc.MarketPage(w.ctx, p)
			if err != nil {
				return err
			}
			act := workflow.ActHide
			if w.rng.IntN(2) == 0 { // half the time the wrong one: refused as illegal
				act = workflow.ActShow
			}
			if act == workflow.ActHide {
				_, err = w.svc.Hide(w.ctx, "dev1", p, mp.Listing.Rev)
			} else {
				_, err = w.svc.Show(w.ctx, "dev1", p, mp.Listing.Rev)
			}
			if err == nil {
				w.ack("dev1", p, workflow.EntityListing, act)
			}
			return err
		}},
		{name: "edit the draft", do: func(w *stressWorker, p string) error { return w.edit(p) }},
		{name: "read the submissions", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Submissions(w.ctx, "dev1", p, workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "hide another developer's listing", never: true, do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Hide(w.ctx, "dev1", stressForeign, workflow.AnyRev)
			return err
		}},
		{name: "approve as an operator", never: true, do: func(w *stressWorker, p string) error {
			sub, err := w.someSubmission(p)
			if err != nil {
				return err
			}
			_, err = w.svc.Approve(w.ctx, "dev1", sub.ID, workflow.AnyRev)
			return err
		}},
	},
	"buyer": {
		{name: "search", do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Search(w.ctx, "车牌", workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "open the order page", do: func(w *stressWorker, p string) error {
			_, err := w.svc.MarketPage(w.ctx, p)
			if workflow.KindOf(err) == workflow.KindNotFound {
				return nil // not listed yet: an empty page, not a failure
			}
			return w.read(err)
		}},
		{name: "order", do: func(w *stressWorker, p string) error {
			if w.ordered[p] {
				w.newBuyer()
			}
			_, err := w.svc.Order(w.ctx, w.buyer, p)
			if err == nil {
				w.ordered[p] = true
				w.ack(w.buyer, p, workflow.EntityOrder, workflow.ActOrder)
			}
			return err
		}},
		{name: "hide as a buyer", never: true, do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Hide(w.ctx, w.buyer, stressForeign, workflow.AnyRev)
			return err
		}},
		{name: "submit as a buyer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.Submit(w.ctx, w.buyer, p, "")
			return err
		}},
		{name: "edit a draft as a buyer", never: true, do: func(w *stressWorker, p string) error {
			_, _, err := w.svc.SaveDraft(w.ctx, w.buyer, p, workflow.SampleDraft(), workflow.AnyRev)
			return err
		}},
	},
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

// ---- the parent: start, watch, kill and check ----

// acks is what the workers said they committed.
type acks struct {
	mu      sync.Mutex
	events  map[string]int // "actor entity action"
	plugins map[string]int // state changes per plugin: each bumps its Rev once
	drafts  map[string]int // draft saves per plugin: each bumps the draft's Rev once
	users   int
	bad     []string
}

func newAcks() *acks {
	return &acks{events: map[string]int{}, plugins: map[string]int{}, drafts: map[string]int{}}
}

type stressProc struct {
	role   string
	cmd    *exec.Cmd
	ready  chan struct{}
	done   chan struct{} // its stdout is read to the end
	sum    *stressSummary
	stderr bytes.Buffer
}

func startStressProc(t *testing.T, path, role string, seed uint64, run time.Duration, a *acks) *stressProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PLUGPUB_CHILD=stress", "PLUGPUB_DB="+path, "PLUGPUB_ROLE="+role,
		"PLUGPUB_SEED="+strconv.FormatUint(seed, 10), "PLUGPUB_FOR="+run.String())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &stressProc{role: role, cmd: cmd, ready: make(chan struct{}), done: make(chan struct{})}
	cmd.Stderr = &p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		readyOnce := sync.OnceFunc(func() { close(p.ready) })
		defer readyOnce()
		for sc.Scan() {
			a.record(p, sc.Text(), readyOnce)
		}
	}()
	return p
}

func (a *acks) record(p *stressProc, line string, ready func()) {
	word, rest, _ := strings.Cut(line, " ")
	a.mu.Lock()
	defer a.mu.Unlock()
	switch word {
	case "ready":
		ready()
	case "ok":
		f := strings.Fields(rest) // actor plugin entity action
		if len(f) != 4 {
			a.bad = append(a.bad, "unreadable: "+line)
			return
		}
		a.events[f[0]+" "+f[2]+" "+f[3]]++
		a.plugins[f[1]]++
	case "draft":
		f := strings.Fields(rest)
		a.drafts[f[len(f)-1]]++
	case "user":
		a.users++
	case "sum":
		var s stressSummary
		if err := json.Unmarshal([]byte(rest), &s); err != nil {
			a.bad = append(a.bad, "unreadable: "+line)
			return
		}
		p.sum = &s
	default:
		a.bad = append(a.bad, line)
	}
}

func (a *acks) takeBad() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.bad
	a.bad = nil
	return b
}

// stressWorld is the database the parts share, with what it held before.
type stressWorld struct {
	f       *fixture
	path    string
	startEv int64
	revs    map[string]int64 // plugin Rev before
	drafts  map[string]int64 // draft Rev before
	users   int
}

func newStressWorld(t *testing.T) *stressWorld {
	if onPostgres() {
		t.Skip("the stress test kills writers of an SQLite file; on PostgreSQL see store/postgres")
	}
	f := newFixture(t)
	for i, p := range stressPlugins {
		f.stage("dev1", p, []string{"listed", "in_review", "online"}[i])
	}
	f.stage("dev2", stressForeign, "listed")
	w := &stressWorld{f: f, path: f.addr, revs: map[string]int64{}, drafts: map[string]int64{}}
	evs, err := f.st.AllEvents(f.ctx, 0, 1_000_000)
	f.must(err)
	w.startEv = evs[len(evs)-1].ID
	for _, p := range stressPlugins {
		pl, err := f.st.Plugin(f.ctx, p)
		f.must(err)
		d, err := f.st.Draft(f.ctx, p)
		f.must(err)
		w.revs[p], w.drafts[p] = pl.Rev, d.Rev
	}
	w.users = countUsers(f)
	return w
}

func countUsers(f *fixture) int {
	n := 0
	for {
		us, err := f.st.Users(f.ctx, workflow.Page{Offset: n, Limit: workflow.MaxPageSize})
		f.must(err)
		n += len(us)
		if len(us) < workflow.MaxPageSize {
			return n
		}
	}
}

// subPlugins maps submission ids to plugins from the submit events, which
// are never rewritten; from is the last event already read.
func subPlugins(f *fixture, into map[int64]string, from int64) int64 {
	for {
		evs, err := f.st.AllEvents(f.ctx, from, 10_000)
		f.must(err)
		for _, e := range evs {
			if e.Entity == workflow.EntitySubmission && e.Action == workflow.ActSubmit {
				n, _ := strconv.ParseInt(e.Key, 10, 64)
				into[n] = e.PluginID
			}
			from = e.ID
		}
		if len(evs) < 10_000 {
			return from
		}
	}
}

// factsInvariants checks the engine's invariants on one consistent reading
// of the tables (Facts is one statement), so it can run while others write.
func factsInvariants(facts workflow.Facts, subPlugin map[int64]string) []string {
	var bad []string
	type open struct{ inReview, approved, listed []int64 }
	per := map[string]*open{}
	for id, st := range facts.Submissions {
		p, ok := subPlugin[id]
		if !ok {
			bad = append(bad, fmt.Sprintf("submission %d has no submit event", id))
			continue
		}
		if per[p] == nil {
			per[p] = &open{}
		}
		switch st {
		case workflow.SubmissionInReview:
			per[p].inReview = append(per[p].inReview, id)
		case workflow.SubmissionApproved:
			per[p].approved = append(per[p].approved, id)
		case workflow.SubmissionListed:
			per[p].listed = append(per[p].listed, id)
		}
	}
	for p, o := range per {
		for what, ids := range map[string][]int64{"in review": o.inReview, "approved": o.approved, "listed": o.listed} {
			if len(ids) > 1 {
				bad = append(bad, fmt.Sprintf("plugin %s has %d submissions %s: %v", p, len(ids), what, ids))
			}
		}
		l, listed := facts.Listings[p]
		switch {
		case len(o.listed) == 1 && (!listed || l.SubmissionID != o.listed[0]):
			bad = append(bad, fmt.Sprintf("plugin %s lists submission %d but its listing is %+v", p, o.listed[0], l))
		case len(o.listed) == 0 && listed:
			bad = append(bad, fmt.Sprintf("plugin %s has a listing %+v but no listed submission", p, l))
		}
	}
	versions := map[string][2]int{} // plugin → online, in review
	for k, st := range facts.Versions {
		p, _, _ := strings.Cut(k, "@")
		c := versions[p]
		switch st {
		case workflow.VersionOnline:
			c[0]++
		case workflow.VersionAuditing, workflow.VersionApproved, workflow.VersionRejected:
			c[1]++
		}
		versions[p] = c
	}
	for p, c := range versions {
		if c[0] > 1 || c[1] > 1 {
			bad = append(bad, fmt.Sprintf("plugin %s has %d versions online and %d in review", p, c[0], c[1]))
		}
	}
	for k, sub := range facts.Orders {
		p, _, _ := strings.Cut(k, "/")
		if st := facts.Submissions[sub]; subPlugin[sub] != p || (st != workflow.SubmissionListed && st != workflow.SubmissionSuperseded) {
			bad = append(bad, fmt.Sprintf("order %s is of submission %d (%s, plugin %s), which was never listed for it", k, sub, st, subPlugin[sub]))
		}
	}
	slices.Sort(bad)
	return bad
}

// check is everything that must hold once nobody writes: the file is
// sound, the log replays to the tables, and the invariants hold, those
// that need whole rows included.
func (w *stressWorld) check(t *testing.T, when string) {
	t.Helper()
	f := w.f
	if err := f.st.(*store.Store).IntegrityCheck(f.ctx); err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	var evs []workflow.Event
	for {
		page, err := f.st.AllEvents(f.ctx, lastID(evs), 100_000)
		f.must(err)
		evs = append(evs, page...)
		if len(page) < 100_000 {
			break
		}
	}
	replayed, err := workflow.Replay(evs)
	if err != nil {
		t.Fatalf("%s: the log does not replay: %v", when, err)
	}
	facts, err := f.st.Facts(f.ctx)
	f.must(err)
	if d := replayed.DiffText(facts); d != "" {
		t.Fatalf("%s: the log does not replay to the tables: %s", when, d)
	}
	subPlugin := map[int64]string{}
	subPlugins(f, subPlugin, 0)
	if bad := factsInvariants(facts, subPlugin); len(bad) > 0 {
		t.Fatalf("%s: %s", when, strings.Join(bad, "; "))
	}
	// Market search on this process's long-lived connection finds exactly
	// the shown listings, whoever changed them (every title has 车牌).
	var shown, hits []string
	for p, l := range facts.Listings {
		if l.Visibility == workflow.VisibilityShown {
			shown = append(shown, p)
		}
	}
	es, err := f.svc.Search(f.ctx, "车牌", workflow.Page{Limit: 50})
	f.must(err)
	for _, e := range es {
		hits = append(hits, e.PluginID)
	}
	slices.Sort(shown)
	slices.Sort(hits)
	if !slices.Equal(shown, hits) {
		t.Fatalf("%s: search finds %v, but the shown listings are %v", when, hits, shown)
	}
	for _, p := range append(slices.Clone(stressPlugins), stressForeign) {
		for off := 0; ; off += workflow.MaxPageSize {
			subs, err := f.st.Submissions(f.ctx, p, workflow.Page{Offset: off, Limit: workflow.MaxPageSize})
			f.must(err)
			for _, s := range subs {
				switch {
				case s.State == workflow.SubmissionRejected && strings.TrimSpace(s.Reason) == "":
					t.Fatalf("%s: submission %d was rejected without a reason", when, s.ID)
				case s.Reviewer != "" && s.Reviewer == s.SubmittedBy:
					t.Fatalf("%s: submission %d was reviewed by its submitter %s", when, s.ID, s.Reviewer)
				case s.Reviewer != "" && s.Reviewer != "rev1":
					t.Fatalf("%s: submission %d was reviewed by %s, who is no reviewer", when, s.ID, s.Reviewer)
				}
			}
			if len(subs) < workflow.MaxPageSize {
				break
			}
		}
	}
}

func lastID(evs []workflow.Event) int64 {
	if len(evs) == 0 {
		return 0
	}
	return evs[len(evs)-1].ID
}

// committed counts what the log and the rows say was done since the start,
// in the terms the workers acknowledge it.
func (w *stressWorld) committed(t *testing.T) *acks {
	f := w.f
	got := newAcks()
	from := w.startEv
	listingReleases := map[string]int{}
	for {
		evs, err := f.st.AllEvents(f.ctx, from, 10_000)
		f.must(err)
		for _, e := range evs {
			from = e.ID
			switch {
			case e.Action == workflow.ActSupersede:
				continue // a consequence, written with the action that caused it
			case e.Entity == workflow.EntityListing && e.Action == workflow.ActRelease:
				listingReleases[e.Actor]++ // written with the submission's release
				continue
			}
			got.events[e.Actor+" "+string(e.Entity)+" "+string(e.Action)]++
		}
		if len(evs) < 10_000 {
			break
		}
	}
	for actor, n := range listingReleases {
		if m := got.events[actor+" submission release"]; m != n {
			t.Errorf("%d listings released by %s, but %d submissions", n, actor, m)
		}
	}
	for _, p := range stressPlugins {
		pl, err := f.st.Plugin(f.ctx, p)
		f.must(err)
		d, err := f.st.Draft(f.ctx, p)
		f.must(err)
		got.plugins[p] = int(pl.Rev - w.revs[p])
		got.drafts[p] = int(d.Rev - w.drafts[p])
	}
	got.users = countUsers(f) - w.users
	return got
}

// compare checks committed against acknowledged: equal when every worker
// finished; when workers were killed, each kill may leave one change that
// was committed but not yet acknowledged, and nothing acknowledged may be
// missing.
func compareAcks(t *testing.T, committed, acked *acks, kills int) {
	t.Helper()
	acked.mu.Lock()
	defer acked.mu.Unlock()
	unacked := 0
	diff := func(what string, got, want int) {
		if got < want {
			t.Errorf("lost update: %s: %d acknowledged, %d in the database", what, want, got)
		}
		if got > want {
			unacked += got - want
			if kills == 0 {
				t.Errorf("%s: %d in the database, only %d acknowledged", what, got, want)
			}
		}
	}
	keys := map[string]bool{}
	for k := range committed.events {
		keys[k] = true
	}
	for k := range acked.events {
		keys[k] = true
	}
	for k := range keys {
		diff("events "+k, committed.events[k], acked.events[k])
	}
	for _, p := range stressPlugins {
		diff("changes of plugin "+p, committed.plugins[p], acked.plugins[p])
		diff("draft saves of plugin "+p, committed.drafts[p], acked.drafts[p])
	}
	diff("new users", committed.users, acked.users)
	// An unacknowledged change shows as an event and as a plugin or draft
	// rev, so it is counted about twice; each kill allows one change.
	if kills > 0 && unacked > 2*kills {
		t.Errorf("%d more changes in the database than acknowledged, after only %d kills", unacked, kills)
	}
}

// TestStress runs the four parts for PLUGPUB_STRESS (5s unless set) while
// checking the invariants on the live database, then checks that no update
// was lost: the log holds exactly the events the workers acknowledged, each
// plugin's and draft's Rev moved by exactly the acknowledged changes, and
// the log replays to the tables.
func TestStress(t *testing.T) {
	run := envDuration(t, "PLUGPUB_STRESS", 5*time.Second)
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
	compareAcks(t, w.committed(t), a, 0)
}

// TestCrashLosesNothing kills the parts with SIGKILL, one at a time at
// random moments, PLUGPUB_KILLS times (20 unless set). Before each kill the
// other parts are frozen (SIGSTOP), so that after it the file can be
// checked while nobody writes: integrity_check, the log replays to the
// tables, the invariants hold. Then they go on and the killed part is
// started again. At the end nothing acknowledged is missing.
func TestCrashLosesNothing(t *testing.T) {
	kills := envCount(t, "PLUGPUB_KILLS", 20)
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
