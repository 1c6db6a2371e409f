package workflow_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"plugpub/store/sqlite"
	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// The parent of the stress and crash tests (stress_test.go): it starts the
// workers, watches what they acknowledge, kills them, and checks the
// database against the acknowledgements and the invariants.

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
	f := newFixture(t)
	for i, p := range stressPlugins {
		f.stage("dev1", p, []string{"listed", "in_review", "online"}[i])
	}
	// The listed one asks 订购审核, so the owner has orders to decide.
	sub := f.submitSample(stressPlugins[0], func(d *workflow.Draft) { d.Info.OrderReview = workflow.OrderReviewManual })
	f.approveAndRelease(stressPlugins[0], sub.ID)
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
// waitForServer waits until the database answers again after a restart.
func (w *stressWorld) waitForServer(t *testing.T) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		_, err := w.f.st.Facts(w.f.ctx)
		if err == nil {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("the database did not answer within 30 s of the restart: %v", err)
		}
	}
}

func (w *stressWorld) check(t *testing.T, when string) {
	t.Helper()
	f := w.f
	if lite, ok := f.st.(*sqlite.Store); ok {
		if err := lite.IntegrityCheck(f.ctx); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
	}
	facts, err := workflowtest.CheckLog(f.ctx, f.st)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
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
	// At most one live order per plugin and mini program, refused ones
	// with their reason, and each decided by the owner.
	for _, p := range stressPlugins {
		live := map[string]int{}
		for off := 0; ; off += workflow.MaxPageSize {
			rs, err := f.svc.PluginOrders(f.ctx, "dev1", p, "", workflow.Page{Offset: off, Limit: workflow.MaxPageSize})
			f.must(err)
			for _, r := range rs {
				if r.Live(f.svc.Now()) {
					live[r.AppID]++
				}
				switch {
				case r.State == workflow.OrderRefused && r.Reason == "":
					t.Fatalf("%s: order %d was refused without a reason", when, r.ID)
				case (r.State == workflow.OrderRefused || (r.State == workflow.OrderApproved && r.Rev > 1)) && r.UpdatedBy != "dev1":
					t.Fatalf("%s: order %d was decided by %s, not the owner", when, r.ID, r.UpdatedBy)
				}
			}
			if len(rs) < workflow.MaxPageSize {
				break
			}
		}
		for app, n := range live {
			if n > 1 {
				t.Fatalf("%s: plugin %s has %d live orders for mini program %q", when, p, n, app)
			}
		}
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
