// Package storetest is the conformance suite every workflow.Store engine
// must pass: the behaviours the SQLite store's own tests pin (compare-and-
// set conflicts naming who and when, the append-only event log, paging
// and counts, search order, limits, logo storage, keys), run against any
// engine by its test package:
//
//	func TestConformance(t *testing.T) { storetest.Run(t, storetest.Engine{Open: …, Exec: …}) }
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"plugpub/workflow"
)

// Store is what the suite needs of an engine: the workflow's store, and
// the event log and facts to check that the log replays to the tables.
type Store interface {
	workflow.Store
	AllEvents(ctx context.Context, afterID int64, limit int) ([]workflow.Event, error)
	Facts(ctx context.Context) (workflow.Facts, error)
}

// Engine is one implementation under test.
type Engine struct {
	// Open returns a new, empty, migrated store that t closes.
	Open func(t testing.TB) Store
	// Exec runs one SQL statement on st behind the store's back, as a
	// hand edit or a buggy writer would: the schema's own refusals are
	// tested through it. Written in the SQL both engines speak.
	Exec func(st Store, sql string) error
	// Check, when set, checks the engine's own consistency after a flow
	// (SQLite: PRAGMA integrity_check).
	Check func(t testing.TB, st Store)
}

// Run runs every case of the suite against e, each a subtest.
func Run(t *testing.T, e Engine) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, e) })
	}
}

var cases = []struct {
	name string
	run  func(t *testing.T, e Engine)
}{
	{"EventsAreAppendOnly", eventsAreAppendOnly},
	{"SnapshotIsImmutable", snapshotIsImmutable},
	{"CheckConstraints", checkConstraints},
	{"StaleRevIsAConflictNamingWhoChangedIt", staleRevIsAConflict},
	{"DecideErrorRollsBackAndIsReturnedAsIs", decideErrorRollsBack},
	{"NewSubmissionGetsItsIDEverywhere", newSubmissionGetsItsID},
	{"OrderTwiceIsIllegal", orderTwiceIsIllegal},
	{"ChangeForAnotherPluginIsRefused", changeForAnotherPlugin},
	{"EmptyChangeWritesNothing", emptyChangeWritesNothing},
	{"FactsEqualReplayedLog", factsEqualReplayedLog},
	{"ConcurrentUpdatesLoseNothing", concurrentUpdatesLoseNothing},
	{"OneOnlineVersionEvenAgainstABuggyChange", oneOnlineVersion},
	{"NotFoundKinds", notFoundKinds},
	{"DraftBeforeTheFirstSaveIsEmpty", draftBeforeFirstSave},
	{"LogoIsStoredOnce", logoIsStoredOnce},
	{"UsersRoundTripAndPage", usersRoundTripAndPage},
	{"PluginsSummaryAndFilter", pluginsSummaryAndFilter},
	{"CountsMatchTheLists", countsMatchTheLists},
	{"SubmissionsPage", submissionsPage},
	{"ReviewQueueEarliestDueFirst", reviewQueueEarliestDueFirst},
	{"VersionsNewestFirst", versionsNewestFirst},
	{"SearchFindsShortChineseQueries", searchFindsShortChinese},
	{"SearchOrder", searchOrder},
	{"SearchNeedsEveryWord", searchNeedsEveryWord},
	{"HostileQueriesNeverError", hostileQueries},
	{"BrowseListsShownNewestFirst", browseNewestFirst},
	{"Keys", keys},
	{"SignUpIsOneTransaction", signUp},
	{"LimitsAreClamped", limitsAreClamped},
	{"OrdersOfAPluginByStateCountedAndPaged", ordersByState},
	{"ConsumerOrdersAndAppsAreTheirOwn", consumerOrdersAndApps},
	{"OneLiveOrderPerPluginAndAppUnderARace", oneLiveOrderPerApp},
	{"EveryOrderTransitionIsAnEvent", everyOrderTransitionIsAnEvent},
	{"OrderChecks", orderChecks},
}

// PID is the plugin most cases act on.
const PID = "2021004100000001"

// Flow drives the real service on a real store, with a clock that ticks
// one second per reading so events have distinct, ordered times.
type Flow struct {
	T   testing.TB
	Ctx context.Context
	St  Store
	Svc *workflow.Service
	e   Engine

	mu  sync.Mutex
	now time.Time
}

// NewFlow opens a store of e with the users dev1, rev1 and buyer1.
func NewFlow(t testing.TB, e Engine) *Flow {
	t.Helper()
	f := &Flow{T: t, Ctx: context.Background(), St: e.Open(t), e: e, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	f.Svc = workflow.NewService(f.St, f.Clock)
	for _, u := range []struct {
		name  string
		role  workflow.Role
		buyer workflow.Buyer
	}{
		{"dev1", workflow.RoleDeveloper, ""},
		{"rev1", workflow.RoleReviewer, ""},
		{"buyer1", workflow.RoleConsumer, workflow.BuyerPersonal},
	} {
		if _, err := f.Svc.AddUser(f.Ctx, u.name, []workflow.Role{u.role}, u.buyer); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// Clock is the flow's clock.
func (f *Flow) Clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(time.Second)
	return f.now
}

func (f *Flow) must(err error) {
	f.T.Helper()
	if err != nil {
		f.T.Fatal(err)
	}
}

// Online creates plugin id with version 1.0.0 online.
func (f *Flow) Online(id string) {
	f.T.Helper()
	_, err := f.Svc.CreatePlugin(f.Ctx, "dev1", id, "车牌识别")
	f.must(err)
	_, err = f.Svc.AddVersion(f.Ctx, "dev1", id, "1.0.0")
	f.must(err)
	for _, a := range []struct {
		as  string
		act workflow.Action
	}{{"dev1", workflow.ActSubmit}, {"rev1", workflow.ActApprove}, {"dev1", workflow.ActOnline}} {
		_, err := f.Svc.VersionAct(f.Ctx, a.as, id, "1.0.0", a.act, "", workflow.AnyRev)
		f.must(err)
	}
}

// Release saves a draft titled title, and submits, approves and lists it.
func (f *Flow) Release(id, title string) workflow.Submission {
	f.T.Helper()
	d := workflow.SampleDraft()
	d.Info.Title = title
	return f.releaseDraft(id, d)
}

// ReleaseText lists plugin id (made online first) with this market text.
func (f *Flow) ReleaseText(id, title, intro, description string) {
	f.T.Helper()
	f.Online(id)
	d := workflow.SampleDraft()
	d.Info.Title, d.Info.Intro, d.Info.Description = title, intro, description
	f.releaseDraft(id, d)
}

func (f *Flow) releaseDraft(id string, d workflow.Draft) workflow.Submission {
	f.T.Helper()
	_, probs, err := f.Svc.SaveDraft(f.Ctx, "dev1", id, d, workflow.AnyRev)
	f.must(err)
	if len(probs) > 0 {
		f.T.Fatalf("the draft has problems: %v", probs)
	}
	sub, err := f.Svc.Submit(f.Ctx, "dev1", id, "")
	f.must(err)
	_, err = f.Svc.Approve(f.Ctx, "rev1", sub.ID, workflow.AnyRev)
	f.must(err)
	sub, err = f.Svc.Release(f.Ctx, "dev1", id, workflow.AnyRev)
	f.must(err)
	return sub
}

// CheckLog replays the whole event log and compares it with the tables.
func (f *Flow) CheckLog() {
	f.T.Helper()
	evs, err := f.St.AllEvents(f.Ctx, 0, 1_000_000)
	f.must(err)
	replayed, err := workflow.Replay(evs)
	f.must(err)
	facts, err := f.St.Facts(f.Ctx)
	f.must(err)
	if d := replayed.DiffText(facts); d != "" {
		f.T.Fatalf("the log does not replay to the tables: %s", d)
	}
	if f.e.Check != nil {
		f.e.Check(f.T, f.St)
	}
}

func (f *Flow) exec(q string) error {
	f.T.Helper()
	if f.e.Exec == nil {
		f.T.Skip("the engine gives no raw SQL")
	}
	return f.e.Exec(f.St, q)
}

func eventsAreAppendOnly(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	for _, q := range []string{
		"UPDATE events SET reason = 'rewritten'",
		"DELETE FROM events",
		"DELETE FROM events WHERE id = 1",
	} {
		err := f.exec(q)
		if err == nil || !strings.Contains(err.Error(), "events are append-only") {
			t.Errorf("%s: got %v, want the trigger's refusal", q, err)
		}
	}
	evs, err := f.St.Events(f.Ctx, PID, workflow.Page{})
	f.must(err)
	if len(evs) != 5 {
		t.Fatalf("%d events, want 5 (create, add, submit, approve, online)", len(evs))
	}
}

func snapshotIsImmutable(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	sub := f.Release(PID, "车牌识别插件")
	err := f.exec(fmt.Sprintf("UPDATE submissions SET snapshot = '{}' WHERE id = %d", sub.ID))
	if err == nil || !strings.Contains(err.Error(), "immutable") {
		t.Errorf("rewriting a snapshot: %v", err)
	}
}

// checkConstraints: a state the workflow does not know cannot be stored,
// whoever writes it.
func checkConstraints(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	f.Release(PID, "车牌识别插件")
	for _, q := range []string{
		"UPDATE versions SET state = 'published'",
		"UPDATE submissions SET state = 'done'",
		"UPDATE listings SET visibility = 'visible'",
		"UPDATE users SET buyer = 'company'",
		"UPDATE users SET roles = 'root'",
		"UPDATE users SET roles = 'admin,root'",
		"UPDATE users SET roles = ''",
		"UPDATE plugins SET rev = 0",
		"INSERT INTO logos (ref, mime, data) VALUES ('sha256:" + strings.Repeat("0", 64) + "', 'image/gif', 'x')",
		"INSERT INTO logos (ref, mime, data) VALUES ('md5:" + strings.Repeat("0", 67) + "', 'image/png', 'x')",
		"INSERT INTO versions (plugin_id, major, minor, patch, state, created_at, rev, updated_by, updated_at) VALUES ('" + PID + "', 1000, 0, 0, 'dev', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('2021004100000009', 'x', 'nobody', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('0021004100000009', 'x', 'dev1', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('202100410000000x', 'x', 'dev1', 0, 1, 'x', 0)",
		"UPDATE plugins SET created_at = 'yesterday'",
		"UPDATE events SET action = 'publish'",
	} {
		if err := f.exec(q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
	// And what is legal is accepted, so the refusals above are the checks'.
	for _, q := range []string{
		"UPDATE users SET roles = 'admin,developer' WHERE name = 'dev1'",
		"UPDATE users SET buyer = 'enterprise' WHERE name = 'buyer1'",
	} {
		if err := f.exec(q); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// staleRevIsAConflict applies changes read at an old Rev, as a second
// terminal would.
func staleRevIsAConflict(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	p, err := f.St.Plugin(f.Ctx, PID)
	f.must(err)
	vs, err := f.St.Versions(f.Ctx, PID, workflow.Page{})
	f.must(err)
	_, _, err = f.Svc.SaveDraft(f.Ctx, "dev1", PID, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	draft, err := f.St.Draft(f.Ctx, PID)
	f.must(err)
	_, _, err = f.Svc.SaveDraft(f.Ctx, "dev1", PID, workflow.NewDraft(), draft.Rev)
	f.must(err)

	stale := p
	stale.Rev--
	staleVer := vs[0]
	staleVer.Rev--
	for _, c := range []struct {
		name   string
		change workflow.Change
		what   string
	}{
		{"plugin", workflow.Change{Plugin: &stale}, "plugin " + PID},
		{"version", workflow.Change{Versions: []workflow.Version{staleVer}}, "version 1.0.0 of plugin " + PID},
		{"draft", workflow.Change{Draft: &draft}, "the draft of " + PID},
		{"new plugin that exists", workflow.Change{Plugin: &workflow.Plugin{ID: PID, Name: "x", Owner: "dev1"}}, "plugin " + PID},
		{"new draft that exists", workflow.Change{Draft: &workflow.StoredDraft{PluginID: PID, Draft: workflow.NewDraft()}}, "the draft of " + PID},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := countEvents(t, f.St)
			c.change.Actor, c.change.At = "dev1", f.Clock()
			c.change.Events = []workflow.Event{{Entity: workflow.EntityPlugin, Action: workflow.ActCreate, To: "created"}}
			err := f.St.Update(f.Ctx, PID, func(workflow.Txn) (workflow.Change, error) { return c.change, nil })
			if workflow.KindOf(err) != workflow.KindConflict {
				t.Fatalf("got %v, want a conflict", err)
			}
			var we *workflow.Error
			errors.As(err, &we)
			if we.By != "dev1" || we.At.IsZero() || !strings.Contains(err.Error(), c.what+" was changed by dev1") {
				t.Errorf("the conflict %q (by %q at %v) should name %s and dev1", err, we.By, we.At, c.what)
			}
			if n := countEvents(t, f.St); n != before {
				t.Errorf("a refused change wrote %d events", n-before)
			}
		})
	}
	f.CheckLog()
}

func countEvents(t testing.TB, st Store) int {
	t.Helper()
	evs, err := st.AllEvents(context.Background(), 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

func decideErrorRollsBack(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	refusal := workflow.Illegal("no")
	err := f.St.Update(f.Ctx, PID, func(txn workflow.Txn) (workflow.Change, error) {
		return workflow.Change{}, refusal
	})
	if err != refusal {
		t.Fatalf("got %v, want decide's own error", err)
	}
	// A change that fails halfway (the second version is not new) leaves
	// nothing of its first half.
	p, err := f.St.Plugin(f.Ctx, PID)
	f.must(err)
	now := f.Clock()
	err = f.St.Update(f.Ctx, PID, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "dev1", At: now, Plugin: &p, Versions: []workflow.Version{
			{PluginID: PID, SemVer: workflow.SemVer{Major: 2}, State: workflow.VersionDev, CreatedAt: now},
			{PluginID: PID, SemVer: workflow.SemVer{Major: 1}, State: workflow.VersionDev, CreatedAt: now},
		}}, nil
	})
	if workflow.KindOf(err) != workflow.KindConflict {
		t.Fatalf("got %v, want a conflict on 1.0.0", err)
	}
	vs, err := f.St.Versions(f.Ctx, PID, workflow.Page{})
	f.must(err)
	if len(vs) != 1 {
		t.Errorf("%d versions after a failed change, want 1", len(vs))
	}
	if p2, _ := f.St.Plugin(f.Ctx, PID); p2.Rev != p.Rev {
		t.Errorf("plugin rev %d after a failed change, want %d", p2.Rev, p.Rev)
	}
}

func newSubmissionGetsItsID(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	sub, err := f.Svc.Submit(f.Ctx, "dev1", PID, "")
	f.must(err)
	if sub.ID == 0 || sub.Rev != 1 {
		t.Fatalf("submission %+v", sub)
	}
	got, err := f.St.Submission(f.Ctx, sub.ID)
	f.must(err)
	if got.Snapshot == nil || got.Snapshot.Info.Title != workflow.SampleDraft().Info.Title || got.State != workflow.SubmissionInReview {
		t.Errorf("read back %+v", got)
	}
	if !got.SubmittedAt.Equal(sub.SubmittedAt) || !got.DueAt.Equal(sub.DueAt) || got.SubmittedAt.Location() != time.UTC {
		t.Errorf("times %v %v, want %v %v in UTC", got.SubmittedAt, got.DueAt, sub.SubmittedAt, sub.DueAt)
	}
	if !got.ReviewedAt.IsZero() {
		t.Errorf("an unreviewed submission has ReviewedAt %v", got.ReviewedAt)
	}
	evs, err := f.St.Events(f.Ctx, PID, workflow.Page{Offset: 5})
	f.must(err)
	if len(evs) != 1 || evs[0].Key != fmt.Sprint(sub.ID) || evs[0].Entity != workflow.EntitySubmission {
		t.Errorf("events %+v, want one submit event keyed %d", evs, sub.ID)
	}
	f.Online("2021004100000002")
	err = f.St.Update(f.Ctx, "2021004100000002", func(txn workflow.Txn) (workflow.Change, error) {
		if _, ok, err := txn.Submission(sub.ID); ok || err != nil {
			t.Errorf("another plugin read submission %d: ok=%v err=%v", sub.ID, ok, err)
		}
		return workflow.Change{}, nil
	})
	f.must(err)
}

func orderTwiceIsIllegal(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	f.Release(PID, "车牌识别插件")
	o, err := f.Svc.Order(f.Ctx, "buyer1", PID)
	f.must(err)
	p, _ := f.St.Plugin(f.Ctx, PID)
	again := o
	again.ID, again.Rev = 0, 0 // a second insert of the same live order
	err = f.St.Update(f.Ctx, PID, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "buyer1", At: f.Clock(), Plugin: &p, Orders: []workflow.Order{again}}, nil
	})
	if workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), "buyer1 already ordered plugin "+PID) {
		t.Errorf("got %v", err)
	}
	orders, err := f.St.Orders(f.Ctx, "buyer1", workflow.Page{})
	f.must(err)
	if len(orders) != 1 || orders[0].ID == 0 || orders[0].PluginID != PID || orders[0].SubmissionID != o.SubmissionID || !orders[0].At.Equal(o.At) {
		t.Errorf("orders %+v, want one like %+v", orders, o)
	}
	lines, err := f.St.OrderLines(f.Ctx, "buyer1", workflow.Page{})
	f.must(err)
	if len(lines) != 1 || lines[0].Title != "车牌识别插件" || lines[0].Version == "" {
		t.Errorf("order lines %+v", lines)
	}
	f.CheckLog()
}

func changeForAnotherPlugin(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	p, _ := f.St.Plugin(f.Ctx, PID)
	err := f.St.Update(f.Ctx, "2021004100000002", func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "dev1", At: f.Clock(), Plugin: &p}, nil
	})
	if err == nil || !strings.Contains(err.Error(), "belongs to plugin "+PID) {
		t.Errorf("got %v", err)
	}
}

func emptyChangeWritesNothing(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	d := workflow.SampleDraft()
	first, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, d, workflow.AnyRev)
	f.must(err)
	again, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, d, first.Rev)
	f.must(err)
	stored, err := f.St.Draft(f.Ctx, PID)
	f.must(err)
	if again.Rev != first.Rev || stored.Rev != first.Rev {
		t.Errorf("an unchanged autosave moved the draft from rev %d to %d (stored %d)", first.Rev, again.Rev, stored.Rev)
	}
}

func factsEqualReplayedLog(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	first := f.Release(PID, "车牌识别插件")
	_, err := f.Svc.Order(f.Ctx, "buyer1", PID)
	f.must(err)
	_, err = f.Svc.Hide(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	second := f.Release(PID, "车牌识别插件二")
	if got, _ := f.St.Submission(f.Ctx, first.ID); got.State != workflow.SubmissionSuperseded {
		t.Errorf("the first listing is %s, want superseded", got.State)
	}
	sub, err := f.Svc.Submit(f.Ctx, "dev1", PID, "")
	f.must(err)
	_, err = f.Svc.Reject(f.Ctx, "rev1", sub.ID, "描述不清", workflow.AnyRev)
	f.must(err)
	sub, err = f.Svc.Submit(f.Ctx, "dev1", PID, "")
	f.must(err)
	_, err = f.Svc.Withdraw(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	_, err = f.Svc.AddVersion(f.Ctx, "dev1", PID, "1.1.0")
	f.must(err)
	for _, a := range []struct {
		as  string
		act workflow.Action
	}{{"dev1", workflow.ActSubmit}, {"rev1", workflow.ActApprove}, {"dev1", workflow.ActOnline}} {
		_, err := f.Svc.VersionAct(f.Ctx, a.as, PID, "1.1.0", a.act, "", workflow.AnyRev)
		f.must(err)
	}
	f.CheckLog()

	facts, err := f.St.Facts(f.Ctx)
	f.must(err)
	if facts.Listings[PID] != (workflow.ListingFact{SubmissionID: second.ID, Visibility: workflow.VisibilityHidden}) {
		t.Errorf("listing fact %+v", facts.Listings[PID])
	}
	if facts.Versions[workflow.VersionKey(PID, "1.0.0")] != workflow.VersionOffline ||
		facts.Versions[workflow.VersionKey(PID, "1.1.0")] != workflow.VersionOnline {
		t.Errorf("version facts %v", facts.Versions)
	}
	if facts.Orders[workflow.OrderKey(PID, "buyer1")] != first.ID {
		t.Errorf("order facts %v", facts.Orders)
	}
	if facts.Submissions[sub.ID] != workflow.SubmissionWithdrawn {
		t.Errorf("submission facts %v", facts.Submissions)
	}
	all, err := f.St.AllEvents(f.Ctx, 0, 1000)
	f.must(err)
	tail, err := f.St.AllEvents(f.Ctx, all[9].ID, 3)
	f.must(err)
	if len(tail) != 3 || tail[0].ID != all[10].ID {
		t.Errorf("AllEvents after %d: %+v", all[9].ID, tail)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID || all[i].At.Before(all[i-1].At) {
			t.Fatalf("events %d and %d are out of order", all[i-1].ID, all[i].ID)
		}
	}
}

// concurrentUpdatesLoseNothing: goroutines racing on one plugin are
// serialised; every save lands exactly once.
func concurrentUpdatesLoseNothing(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	const n = 20
	errs := make(chan error, n)
	for i := range n {
		go func() {
			d := workflow.SampleDraft()
			d.Info.Intro = fmt.Sprintf("第%d次修改", i)
			_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, d, workflow.AnyRev)
			errs <- err
		}()
	}
	for range n {
		f.must(<-errs)
	}
	d, err := f.St.Draft(f.Ctx, PID)
	f.must(err)
	if d.Rev != n {
		t.Errorf("draft rev %d after %d saves", d.Rev, n)
	}
}

// oneOnlineVersion: the schema keeps the rules the workflow relies on, and
// says so as an error that is not a conflict.
func oneOnlineVersion(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	p, _ := f.St.Plugin(f.Ctx, PID)
	now := f.Clock()
	err := f.St.Update(f.Ctx, PID, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "dev1", At: now, Plugin: &p, Versions: []workflow.Version{
			{PluginID: PID, SemVer: workflow.SemVer{Major: 2}, State: workflow.VersionOnline, CreatedAt: now},
		}}, nil
	})
	if err == nil || workflow.KindOf(err) != 0 {
		t.Errorf("got %v, want the schema's refusal", err)
	}
	if vs, _ := f.St.Versions(f.Ctx, PID, workflow.Page{}); len(vs) != 1 {
		t.Errorf("%d versions after a refused change", len(vs))
	}
}

func notFoundKinds(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	checks := map[string]error{}
	_, checks["user"] = f.St.User(ctx, "ghost")
	_, checks["plugin"] = f.St.Plugin(ctx, PID)
	_, checks["draft of a missing plugin"] = f.St.Draft(ctx, PID)
	_, checks["submission"] = f.St.Submission(ctx, 42)
	_, checks["listing"] = f.St.Listing(ctx, PID)
	_, _, checks["logo"] = f.St.Logo(ctx, "sha256:"+fmt.Sprintf("%064d", 0))
	for what, err := range checks {
		if workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("%s: got %v, want not found", what, err)
		}
	}
	if _, err := f.St.Submission(ctx, 42); err.Error() != "submission 42 does not exist" {
		t.Errorf("message %q", err)
	}
}

func draftBeforeFirstSave(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	d, err := f.St.Draft(f.Ctx, PID)
	f.must(err)
	if d.Rev != 0 || d.PluginID != PID || !draftEqual(t, d.Draft, workflow.NewDraft()) {
		t.Errorf("draft %+v, want an empty one", d)
	}
	saved, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, workflow.SampleDraft(), 0)
	f.must(err)
	d, err = f.St.Draft(f.Ctx, PID)
	f.must(err)
	if d.Rev != 1 || saved.Rev != 1 || d.UpdatedBy != "dev1" || !d.UpdatedAt.Equal(saved.UpdatedAt) || !draftEqual(t, d.Draft, workflow.SampleDraft()) {
		t.Errorf("draft after save %+v", d)
	}
}

func draftEqual(t testing.TB, a, b workflow.Draft) bool {
	t.Helper()
	ja, err := workflow.MarshalDraft(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := workflow.MarshalDraft(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

func logoIsStoredOnce(t *testing.T, e Engine) {
	st := e.Open(t)
	data := []byte("\x89PNG\r\n\x1a\nnot really\x00with a NUL")
	ref := "sha256:" + fmt.Sprintf("%064x", 7)
	for range 2 {
		if err := st.PutLogo(t.Context(), ref, "image/png", data); err != nil {
			t.Fatal(err)
		}
	}
	mime, got, err := st.Logo(t.Context(), ref)
	if err != nil || mime != "image/png" || !bytes.Equal(got, data) {
		t.Errorf("Logo = %q, %q, %v", mime, got, err)
	}
	if err := st.PutLogo(t.Context(), ref, "image/jpeg", []byte{0xff, 0xd8}); err != nil {
		t.Fatal(err)
	}
	if mime, got, _ := st.Logo(t.Context(), ref); mime != "image/png" || !bytes.Equal(got, data) {
		t.Error("storing a ref again replaced it")
	}
	if err := st.PutLogo(t.Context(), "sha256:"+fmt.Sprintf("%064x", 8), "image/gif", data); err == nil {
		t.Error("stored a GIF")
	}
	big := bytes.Repeat([]byte{1}, 2<<20+1)
	if err := st.PutLogo(t.Context(), "sha256:"+fmt.Sprintf("%064x", 9), "image/png", big); err == nil {
		t.Error("stored a logo over 2 MiB")
	}
}

func usersRoundTripAndPage(t *testing.T, e Engine) {
	st := e.Open(t)
	for i := range 5 {
		u, err := workflow.NewUser(fmt.Sprintf("user%d", i), []workflow.Role{workflow.RoleConsumer, workflow.RoleDeveloper}, workflow.BuyerEnterprise)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	us, err := st.Users(t.Context(), workflow.Page{Offset: 1, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].Name != "user1" || us[1].Name != "user2" {
		t.Fatalf("page %+v", us)
	}
	u := us[0]
	if u.RoleList() != "developer,consumer" || u.Buyer != workflow.BuyerEnterprise || !u.Has(workflow.RoleConsumer) {
		t.Errorf("user %+v", u)
	}
	// Names order by code point, as bytes do: Z before a.
	for _, name := range []string{"Zed", "alice"} {
		u, err := workflow.NewUser(name, []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	all, err := st.Users(t.Context(), workflow.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range all {
		names = append(names, u.Name)
	}
	if want := "[Zed alice user0 user1 user2 user3 user4]"; fmt.Sprint(names) != want {
		t.Errorf("users %v, want %s", names, want)
	}
}

func ids[T any](xs []T, id func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func pluginsSummaryAndFilter(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	f.Release(PID, "车牌识别插件")
	_, err := f.Svc.CreatePlugin(f.Ctx, "dev1", "2021004100000002", "会员_100%")
	f.must(err)
	_, err = f.Svc.AddUser(f.Ctx, "dev2", []workflow.Role{workflow.RoleDeveloper}, "")
	f.must(err)
	_, err = f.Svc.CreatePlugin(f.Ctx, "dev2", "2021004100000003", "Other")
	f.must(err)

	all, err := f.St.Plugins(f.Ctx, "", "", workflow.Page{})
	f.must(err)
	if len(all) != 3 {
		t.Fatalf("%d plugins", len(all))
	}
	first := all[0]
	if first.ID != PID || first.Online != "1.0.0" || first.Latest != string(workflow.SubmissionListed) || first.Listing != workflow.VisibilityShown {
		t.Errorf("summary %+v", first)
	}
	if all[1].Online != "" || all[1].Latest != "" || all[1].Listing != "" {
		t.Errorf("summary of a new plugin %+v", all[1])
	}
	for _, c := range []struct {
		owner, filter string
		want          []string
	}{
		{"dev1", "", []string{PID, "2021004100000002"}},
		{"dev2", "", []string{"2021004100000003"}},
		{"", "0002", []string{"2021004100000002"}},
		{"", "车牌", []string{PID}},
		{"", "OTHER", []string{"2021004100000003"}},
		{"", "oth", []string{"2021004100000003"}},
		{"", "_1", []string{"2021004100000002"}},
		{"", "%", []string{"2021004100000002"}},
		{"", "_", []string{"2021004100000002"}},
		{"", `\`, nil},
		{"", "dev2", []string{"2021004100000003"}},
		{"", "DEV", []string{PID, "2021004100000002", "2021004100000003"}},
		{"dev2", "车牌", nil},
	} {
		ps, err := f.St.Plugins(f.Ctx, c.owner, c.filter, workflow.Page{})
		f.must(err)
		got := ids(ps, func(p workflow.PluginSummary) string { return p.ID })
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Plugins(%q, %q) = %v, want %v", c.owner, c.filter, got, c.want)
		}
		if n, err := f.St.CountPlugins(f.Ctx, c.owner, c.filter); err != nil || n != len(c.want) {
			t.Errorf("CountPlugins(%q, %q) = %d, %v; want %d", c.owner, c.filter, n, err, len(c.want))
		}
	}
}

func countsMatchTheLists(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	for _, id := range []string{"2021004100000001", "2021004100000002", "2021004100000003"} {
		if _, err := f.Svc.CreatePlugin(ctx, "dev1", id, "车牌"+id[15:]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		owner, filter string
		want          int
	}{{"", "", 3}, {"dev1", "", 3}, {"rev1", "", 0}, {"", "车牌2", 1}, {"", "0000000", 3}, {"", "%", 0}} {
		n, err := f.St.CountPlugins(ctx, c.owner, c.filter)
		f.must(err)
		list, err := f.St.Plugins(ctx, c.owner, c.filter, workflow.Page{Limit: 100})
		f.must(err)
		if n != c.want || len(list) != c.want {
			t.Errorf("owner %q filter %q: count %d, list %d, want %d", c.owner, c.filter, n, len(list), c.want)
		}
	}
	if n, err := f.St.CountEvents(ctx, "2021004100000001"); err != nil || n != 1 {
		t.Errorf("events of a new plugin: %d, %v; want 1", n, err)
	}
	if n, err := f.St.CountReviewQueue(ctx, ""); err != nil || n != 0 {
		t.Errorf("review queue: %d, %v; want 0", n, err)
	}
}

func submissionsPage(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	const n = 60
	var want []int64
	for range n {
		sub, err := f.Svc.Submit(f.Ctx, "dev1", PID, "")
		f.must(err)
		_, err = f.Svc.Withdraw(f.Ctx, "dev1", PID, workflow.AnyRev)
		f.must(err)
		want = append(want, sub.ID)
	}
	var got []int64
	pages := 0
	for off := 0; ; off += 25 {
		subs, err := f.St.Submissions(f.Ctx, PID, workflow.Page{Offset: off, Limit: 25})
		f.must(err)
		pages++
		for _, s := range subs {
			if s.Snapshot != nil {
				t.Fatal("a list carries snapshots")
			}
			if s.State != workflow.SubmissionWithdrawn || s.Rev != 2 {
				t.Fatalf("submission %+v", s)
			}
			got = append(got, s.ID)
		}
		if len(subs) < 25 {
			break
		}
	}
	if pages != 3 || len(got) != n {
		t.Fatalf("%d pages, %d submissions", pages, len(got))
	}
	for i, id := range got {
		if id != want[n-1-i] {
			t.Fatalf("position %d holds %d, want %d (newest first)", i, id, want[n-1-i])
		}
	}
	if c, err := f.St.CountSubmissions(f.Ctx, PID, ""); err != nil || c != n {
		t.Errorf("CountSubmissions = %d, %v; want %d", c, err, n)
	}
	for _, filter := range []string{"已撤回", "withdrawn", "dev1", fmt.Sprint(want[7])} {
		c, err := f.St.CountSubmissions(f.Ctx, PID, filter)
		f.must(err)
		subs, err := f.St.Submissions(f.Ctx, PID, workflow.Page{Limit: 500, Filter: filter})
		f.must(err)
		if c != len(subs) || c == 0 {
			t.Errorf("filter %q: count %d, list %d", filter, c, len(subs))
		}
	}
	subs, err := f.St.Submissions(f.Ctx, PID, workflow.Page{Offset: 500, Limit: 50})
	if err != nil || len(subs) != 0 {
		t.Errorf("past the end: %v, %v", subs, err)
	}
	evs, err := f.St.Events(f.Ctx, PID, workflow.Page{Offset: 5, Limit: 2})
	f.must(err)
	if len(evs) != 2 || evs[0].Action != workflow.ActSubmit || evs[1].Action != workflow.ActWithdraw || evs[0].ID >= evs[1].ID {
		t.Errorf("events page %+v", evs)
	}
	if c, err := f.St.CountEvents(f.Ctx, PID); err != nil || c != 5+2*n {
		t.Errorf("CountEvents = %d, %v; want %d", c, err, 5+2*n)
	}
	f.CheckLog()
}

func reviewQueueEarliestDueFirst(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	var want []int64
	for i := range 3 {
		id := fmt.Sprintf("20210041%08d", i+1)
		f.Online(id)
		_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", id, workflow.SampleDraft(), workflow.AnyRev)
		f.must(err)
		sub, err := f.Svc.Submit(f.Ctx, "dev1", id, "")
		f.must(err)
		want = append(want, sub.ID)
	}
	_, err := f.Svc.Approve(f.Ctx, "rev1", want[1], workflow.AnyRev)
	f.must(err)
	q, err := f.St.ReviewQueue(f.Ctx, workflow.Page{})
	f.must(err)
	if len(q) != 2 || q[0].ID != want[0] || q[1].ID != want[2] || q[0].DueAt.After(q[1].DueAt) {
		t.Errorf("queue %+v, want %d then %d", q, want[0], want[2])
	}
	for filter, n := range map[string]int{"": 2, "0003": 1, "车牌": 2, "dev1": 2, "nobody": 0} {
		c, err := f.St.CountReviewQueue(f.Ctx, filter)
		f.must(err)
		q, err := f.St.ReviewQueue(f.Ctx, workflow.Page{Filter: filter})
		f.must(err)
		if c != n || len(q) != n {
			t.Errorf("queue filter %q: count %d, list %d, want %d", filter, c, len(q), n)
		}
	}
	approved, err := f.St.Submission(f.Ctx, want[1])
	f.must(err)
	if approved.Reviewer != "rev1" || approved.ReviewedAt.IsZero() || approved.Rev != 2 {
		t.Errorf("approved %+v", approved)
	}
}

func versionsNewestFirst(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	for _, v := range []string{"1.0.1", "1.2.0", "2.0.0", "10.0.0"} {
		_, err := f.Svc.AddVersion(f.Ctx, "dev1", PID, v)
		f.must(err)
	}
	vs, err := f.St.Versions(f.Ctx, PID, workflow.Page{Limit: 3})
	f.must(err)
	got := ids(vs, func(v workflow.Version) string { return v.SemVer.String() })
	if fmt.Sprint(got) != "[10.0.0 2.0.0 1.2.0]" {
		t.Errorf("versions %v", got)
	}
	for filter, n := range map[string]int{"": 5, "1.": 3, "开发中": 4, "dev": 5, "online": 1, "0.0": 3, "nobody": 0} {
		c, err := f.St.CountVersions(f.Ctx, PID, filter)
		f.must(err)
		vs, err := f.St.Versions(f.Ctx, PID, workflow.Page{Filter: filter})
		f.must(err)
		if c != n || len(vs) != n {
			t.Errorf("versions filter %q: count %d, list %d, want %d", filter, c, len(vs), n)
		}
	}
}

// SearchIDs pages through every result of q, limit at a time.
func SearchIDs(t testing.TB, st workflow.Store, q string, limit int) []string {
	t.Helper()
	var out []string
	for off := 0; ; off += limit {
		es, err := st.Search(t.Context(), q, workflow.Page{Offset: off, Limit: limit})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		out = append(out, ids(es, func(e workflow.MarketEntry) string { return e.PluginID })...)
		if len(es) < limit {
			return out
		}
	}
}

func found(t testing.TB, st workflow.Store, q, id string) bool {
	t.Helper()
	return slices.Contains(SearchIDs(t, st, q, 50), id)
}

func searchFindsShortChinese(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	sub := f.Release(PID, "小程序OCR车牌号识别插件")
	other := "2021004100000002"
	f.Online(other)
	f.Release(other, "会员积分插件")

	queries := []string{"车牌", "车", "OCR车牌号", "ocr", "Ocr", "小程序ocr车牌号识别插件", "oc", "号识", "新能源", "31", "一秒识别"}
	for _, q := range queries {
		if !found(t, f.St, q, PID) {
			t.Errorf("Search(%q) does not find %s", q, PID)
		}
	}
	for _, q := range []string{"OCR车牌号", "ocr"} {
		if found(t, f.St, q, other) {
			t.Errorf("Search(%q) finds %s, whose text does not hold it", q, other)
		}
	}
	for _, q := range []string{"车x", "ocrx", "牌车", "识别插件吗"} {
		if found(t, f.St, q, PID) {
			t.Errorf("Search(%q) finds %s, which does not contain it", q, PID)
		}
	}
	es, err := f.St.Search(f.Ctx, "OCR", workflow.Page{})
	f.must(err)
	if len(es) != 1 || es[0] != (workflow.MarketEntry{PluginID: PID, SubmissionID: sub.ID, Title: "小程序OCR车牌号识别插件",
		Intro: workflow.SampleDraft().Info.Intro, Buyers: workflow.BuyersAny, Visibility: workflow.VisibilityShown, ListedAt: es[0].ListedAt}) {
		t.Errorf("entry %+v", es)
	}
	_, err = f.Svc.Hide(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	for _, q := range queries {
		if found(t, f.St, q, PID) {
			t.Errorf("Search(%q) finds the hidden %s", q, PID)
		}
	}
	if !found(t, f.St, "会员", other) {
		t.Error("hiding one plugin hid another")
	}
	_, err = f.Svc.Show(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	for _, q := range queries {
		if !found(t, f.St, q, PID) {
			t.Errorf("Search(%q) does not find %s once shown again", q, PID)
		}
	}
	f.Release(PID, "停车缴费插件")
	if found(t, f.St, "OCR", PID) || !found(t, f.St, "停车缴费", PID) || !found(t, f.St, "缴", PID) {
		t.Error("search still has the old listing's title")
	}
	f.CheckLog()
}

// OrderCase lists five plugins with 快递柜 or C# in different fields.
func OrderCase(f *Flow) {
	const d = "为小程序提供开箱即用的能力。"
	f.ReleaseText("2021004100000001", "取件通知插件", "到件提醒与取件码", d+"支持快递柜取件，C# SDK 另附。")
	f.ReleaseText("2021004100000002", "取件码插件", "快递柜取件码一键生成", d)
	f.ReleaseText("2021004100000003", "快递柜 C# 插件", "柜机对接", d)
	f.ReleaseText("2021004100000004", "智能快递柜插件", "格口管理", d)
	f.ReleaseText("2021004100000005", "会员积分插件", "积分兑换", d)
}

func searchOrder(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	OrderCase(f)
	want := []string{"2021004100000003", "2021004100000004", "2021004100000002", "2021004100000001"}
	for _, q := range []string{"快递柜", "快递", "递", "快递柜取", "c#", "C#"} {
		w := want
		switch q {
		case "快递柜取":
			w = []string{"2021004100000002", "2021004100000001"}
		case "c#", "C#":
			w = []string{"2021004100000003", "2021004100000001"}
		}
		for _, limit := range []int{1, 2, 3, 50} {
			if got := SearchIDs(t, f.St, q, limit); !slices.Equal(got, w) {
				t.Errorf("Search(%q) by %d: %v, want %v", q, limit, got, w)
			}
		}
	}
	_, err := f.Svc.Hide(f.Ctx, "dev1", "2021004100000003", workflow.AnyRev)
	f.must(err)
	if got := SearchIDs(t, f.St, "快递", 2); !slices.Equal(got, want[1:]) {
		t.Errorf("after hiding 3: %v, want %v", got, want[1:])
	}
}

// WordsCase lists five plugins for the several-word queries of WordQueries.
func WordsCase(f *Flow) {
	const d = "为小程序提供开箱即用的能力。"
	f.ReleaseText("2021004100000001", "北京天气预报插件", "七日预报与预警", d)
	f.ReleaseText("2021004100000002", "天气插件", "支持北京与上海的实时天气", d)
	f.ReleaseText("2021004100000003", "空气质量插件", "城市空气指数", d+"覆盖北京，附天气联动。")
	f.ReleaseText("2021004100000004", "北京公交插件", "实时公交到站", d)
	f.ReleaseText("2021004100000005", "天气预报插件", "上海七日预报", d)
}

// WordQueries are the queries of WordsCase and what each finds, in order.
var WordQueries = []struct {
	Q    string
	Want []string
}{
	{"北京 天气", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"  北京   天气  ", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"北京 天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"天气预报 北京", []string{"2021004100000001"}},
	{"天气预报 七日", []string{"2021004100000001", "2021004100000005"}},
	{"天气预报 七日预报", []string{"2021004100000001", "2021004100000005"}},
	{"实时公交 北京", []string{"2021004100000004"}},
	{"北京 公交 天气", nil},
	{"北京 c#", nil},
	{"天气 上海", []string{"2021004100000002", "2021004100000005"}},
	{"七日预报 北京", []string{"2021004100000001"}},
	{"预报插件 北京", []string{"2021004100000001"}},
	{"天气联动 北京", []string{"2021004100000003"}},
	{"预报插件 七日 上海", []string{"2021004100000005"}},
	{"实时天气 北京 上海", []string{"2021004100000002"}},
	{"开箱即用 天气", []string{"2021004100000001", "2021004100000002", "2021004100000003", "2021004100000005"}},
	{"开箱即用 小程序 天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
}

func searchNeedsEveryWord(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	WordsCase(f)
	for _, c := range WordQueries {
		for _, limit := range []int{1, 2, 50} {
			if got := SearchIDs(t, f.St, c.Q, limit); !slices.Equal(got, c.Want) {
				t.Errorf("Search(%q) by %d: %v, want %v", c.Q, limit, got, c.Want)
			}
		}
	}
}

// HostileQueries are queries of query syntax, quotes and control
// characters: text to find, never an error.
var HostileQueries = []string{
	`"`, `""`, `"""`, `*`, `**`, `***`, `(`, `)`, `(((`, `AND`, `OR`, `NOT`, `NEAR`, `NEAR(a b)`, `NEAR/2`,
	`-`, `--`, `:`, `title:`, `title:车牌`, `grams:车`, `{title}: x`, `^车`, `车*`, `a AND b`, `a OR`, `"车牌`,
	`车牌"`, `'`, `';--`, `\`, `%`, `_`, `\x00`, "\x00车牌", `+`, `.`, `*"(AND)`, `"识别"`, `车牌"识`,
	"车\u202e牌", "ＯＣＲ", "é", "e\u0301", `(x`, `a"`, `%车`, `_牌`, `\%`, "+++ #",
}

func hostileQueries(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	f.Release(PID, `车牌"识别"*(AND)`)
	for _, q := range HostileQueries {
		if _, err := f.St.Search(f.Ctx, q, workflow.Page{}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	for _, q := range []string{`"识别"`, `*(AND)`, `牌"识`, `"识`, `(a`} {
		if !found(t, f.St, q, PID) {
			t.Errorf("Search(%q) does not find the title that contains it", q)
		}
	}
	for _, q := range []string{`(x`, `a"`, `%车`, `_牌`, `"`, `(`, `*`} {
		if found(t, f.St, q, PID) {
			t.Errorf("Search(%q) finds a title that does not hold it, or holds only punctuation", q)
		}
	}
}

func browseNewestFirst(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	for _, id := range []string{"2021004100000003", "2021004100000001", "2021004100000002"} {
		f.Online(id)
		f.Release(id, "插件"+id[len(id)-1:])
	}
	_, err := f.Svc.Hide(f.Ctx, "dev1", "2021004100000001", workflow.AnyRev)
	f.must(err)
	var got []string
	for off := 0; ; off++ {
		es, err := f.St.Browse(f.Ctx, workflow.Page{Offset: off, Limit: 1})
		f.must(err)
		if len(es) == 0 {
			break
		}
		got = append(got, es[0].PluginID)
	}
	if want := []string{"2021004100000002", "2021004100000003"}; !slices.Equal(got, want) {
		t.Errorf("Browse: %v, want %v (newest first, the hidden one left out)", got, want)
	}
}

func fingerprint(i int) string { return "SHA256:" + fmt.Sprintf("%043d", i) }

func keys(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	key := func(i int, user string) workflow.Key {
		return workflow.Key{Fingerprint: fingerprint(i), User: user, Type: "ssh-ed25519", Comment: fmt.Sprint("key ", i),
			Public: fmt.Sprint("ssh-ed25519 AAAA", i), AddedBy: "admin", AddedAt: at.Add(time.Duration(i) * time.Minute)}
	}
	for i := range 3 {
		owner, held, err := f.St.PutKey(ctx, key(i, "dev1"), 3)
		if err != nil || owner != "" {
			t.Fatalf("PutKey %d: %q %d %v", i, owner, held, err)
		}
	}
	if owner, held, err := f.St.PutKey(ctx, key(9, "dev1"), 3); err != nil || owner != "" || held != 3 {
		t.Errorf("a fourth key over the limit: owner %q held %d %v", owner, held, err)
	}
	if owner, _, err := f.St.PutKey(ctx, key(1, "rev1"), 3); err != nil || owner != "dev1" {
		t.Errorf("a key bound already: owner %q %v, want dev1", owner, err)
	}
	ks, err := f.St.Keys(ctx, "dev1")
	f.must(err)
	if len(ks) != 3 || ks[0] != key(0, "dev1") || ks[2].Fingerprint != fingerprint(2) {
		t.Errorf("keys %+v", ks)
	}
	if u, ok, err := f.St.KeyUser(ctx, fingerprint(2)); err != nil || !ok || u != "dev1" {
		t.Errorf("KeyUser = %q %v %v", u, ok, err)
	}
	if _, ok, err := f.St.KeyUser(ctx, fingerprint(9)); err != nil || ok {
		t.Errorf("KeyUser of an unbound key = %v %v", ok, err)
	}
	if ok, err := f.St.DeleteKey(ctx, "rev1", fingerprint(2)); err != nil || ok {
		t.Errorf("another user deleted dev1's key: %v %v", ok, err)
	}
	if ok, err := f.St.DeleteKey(ctx, "dev1", fingerprint(2)); err != nil || !ok {
		t.Errorf("DeleteKey = %v %v", ok, err)
	}
	if _, ok, _ := f.St.KeyUser(ctx, fingerprint(2)); ok {
		t.Error("a deleted key still names its user")
	}
	if _, _, err := f.St.PutKey(ctx, workflow.Key{Fingerprint: "MD5:xx", User: "dev1", Type: "x", Public: "x", AddedAt: at}, 3); err == nil {
		t.Error("stored a key whose fingerprint is not SHA256")
	}
	if _, _, err := f.St.PutKey(ctx, key(5, "ghost"), 3); err == nil {
		t.Error("bound a key to a user that does not exist")
	}
}

// limitsAreClamped: a page is never larger than MaxPageSize, a negative
// offset is the start, and a filter longer than MaxFilterRunes is cut.
func limitsAreClamped(t *testing.T, e Engine) {
	st := e.Open(t)
	ctx := t.Context()
	n := workflow.MaxPageSize + 5
	for i := range n {
		u, err := workflow.NewUser(fmt.Sprintf("u%04d", i), []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	us, err := st.Users(ctx, workflow.Page{Limit: n})
	if err != nil || len(us) != workflow.MaxPageSize {
		t.Errorf("a page of %d: %d users, %v; want %d", n, len(us), err, workflow.MaxPageSize)
	}
	us, err = st.Users(ctx, workflow.Page{Offset: -3, Limit: 1})
	if err != nil || len(us) != 1 || us[0].Name != "u0000" {
		t.Errorf("a negative offset: %+v, %v", us, err)
	}
	us, err = st.Users(ctx, workflow.Page{})
	if err != nil || len(us) != workflow.DefaultPageSize {
		t.Errorf("no limit: %d users, %v; want %d", len(us), err, workflow.DefaultPageSize)
	}
	long := strings.Repeat("车", workflow.MaxFilterRunes*3)
	if _, err := st.Plugins(ctx, "", long, workflow.Page{}); err != nil {
		t.Errorf("a long filter: %v", err)
	}
	if _, err := st.Search(ctx, long, workflow.Page{}); err != nil {
		t.Errorf("a long query: %v", err)
	}
}
