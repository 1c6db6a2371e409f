package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"plugpub/workflow"
)

const pid = "2021004100000001"

func TestEventsAreAppendOnly(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	for _, q := range []string{
		"UPDATE events SET reason = 'rewritten'",
		"DELETE FROM events",
		"DELETE FROM events WHERE id = 1",
	} {
		_, err := f.st.db.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "events are append-only") {
			t.Errorf("%s: got %v, want the trigger's refusal", q, err)
		}
	}
	evs, err := f.st.Events(f.ctx, pid, workflow.Page{})
	f.must(err)
	if len(evs) != 5 {
		t.Fatalf("%d events, want 5 (create, add, submit, approve, online)", len(evs))
	}
}

func TestSnapshotIsImmutable(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	sub := f.release(pid, "车牌识别插件")
	_, err := f.st.db.Exec("UPDATE submissions SET snapshot = '{}' WHERE id = ?", sub.ID)
	if err == nil || !strings.Contains(err.Error(), "immutable") {
		t.Errorf("rewriting a snapshot: %v", err)
	}
}

// TestCheckConstraints: a state the workflow does not know cannot be stored,
// whoever writes it.
func TestCheckConstraints(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	f.release(pid, "车牌识别插件")
	for _, q := range []string{
		"UPDATE versions SET state = 'published'",
		"UPDATE submissions SET state = 'done'",
		"UPDATE listings SET visibility = 'visible'",
		"UPDATE users SET buyer = 'company'",
		"UPDATE users SET roles = 'root'",
		"UPDATE users SET roles = 'admin,root'",
		"UPDATE plugins SET rev = 0",
		"INSERT INTO logos (ref, mime, data) VALUES ('sha256:" + strings.Repeat("0", 64) + "', 'image/gif', x'00')",
		"INSERT INTO versions (plugin_id, major, minor, patch, state, created_at, rev, updated_by, updated_at) VALUES ('" + pid + "', 1000, 0, 0, 'dev', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('2021004100000009', 'x', 'nobody', 0, 1, 'x', 0)",
		"UPDATE plugins SET created_at = 'yesterday'",
	} {
		if _, err := f.st.db.Exec(q); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
}

// TestStaleRevIsAConflictNamingWhoChangedIt applies changes read at an old
// Rev, as a second terminal would.
func TestStaleRevIsAConflictNamingWhoChangedIt(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	p, err := f.st.Plugin(f.ctx, pid)
	f.must(err)
	vs, err := f.st.Versions(f.ctx, pid, workflow.Page{})
	f.must(err)
	d := workflow.SampleDraft()
	_, _, err = f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev)
	f.must(err)
	draft, err := f.st.Draft(f.ctx, pid)
	f.must(err)
	_, _, err = f.svc.SaveDraft(f.ctx, "dev1", pid, workflow.NewDraft(), draft.Rev)
	f.must(err)

	stale := p
	stale.Rev--
	staleVer := vs[0]
	staleVer.Rev--
	cases := []struct {
		name   string
		change workflow.Change
		what   string
	}{
		{"plugin", workflow.Change{Plugin: &stale}, "plugin " + pid},
		{"version", workflow.Change{Versions: []workflow.Version{staleVer}}, "version 1.0.0 of plugin " + pid},
		{"draft", workflow.Change{Draft: &draft}, "the draft of " + pid},
		{"new plugin that exists", workflow.Change{Plugin: &workflow.Plugin{ID: pid, Name: "x", Owner: "dev1"}}, "plugin " + pid},
		{"new draft that exists", workflow.Change{Draft: &workflow.StoredDraft{PluginID: pid, Draft: workflow.NewDraft()}}, "the draft of " + pid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := countEvents(t, f.st)
			c.change.Actor, c.change.At = "dev1", f.clock()
			c.change.Events = []workflow.Event{{Entity: workflow.EntityPlugin, Action: workflow.ActCreate, To: "created"}}
			err := f.st.Update(f.ctx, pid, func(workflow.Txn) (workflow.Change, error) { return c.change, nil })
			if workflow.KindOf(err) != workflow.KindConflict {
				t.Fatalf("got %v, want a conflict", err)
			}
			var we *workflow.Error
			errors.As(err, &we)
			if we.By != "dev1" || we.At.IsZero() || !strings.Contains(err.Error(), c.what+" was changed by dev1") {
				t.Errorf("the conflict %q (by %q at %v) should name %s and dev1", err, we.By, we.At, c.what)
			}
			if n := countEvents(t, f.st); n != before {
				t.Errorf("a refused change wrote %d events", n-before)
			}
		})
	}
	f.checkLog()
}

func countEvents(t *testing.T, st *Store) int {
	t.Helper()
	evs, err := st.AllEvents(context.Background(), 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// TestDecideErrorRollsBackAndIsReturnedAsIs: nothing decide did is kept.
func TestDecideErrorRollsBackAndIsReturnedAsIs(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	refusal := workflow.Illegal("no")
	err := f.st.Update(f.ctx, pid, func(txn workflow.Txn) (workflow.Change, error) {
		return workflow.Change{}, refusal
	})
	if err != refusal {
		t.Fatalf("got %v, want decide's own error", err)
	}
	// A change that fails halfway (the second version is not new) leaves
	// nothing of its first half.
	p, err := f.st.Plugin(f.ctx, pid)
	f.must(err)
	now := f.clock()
	err = f.st.Update(f.ctx, pid, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "dev1", At: now, Plugin: &p, Versions: []workflow.Version{
			{PluginID: pid, SemVer: workflow.SemVer{Major: 2}, State: workflow.VersionDev, CreatedAt: now},
			{PluginID: pid, SemVer: workflow.SemVer{Major: 1}, State: workflow.VersionDev, CreatedAt: now},
		}}, nil
	})
	if workflow.KindOf(err) != workflow.KindConflict {
		t.Fatalf("got %v, want a conflict on 1.0.0", err)
	}
	vs, err := f.st.Versions(f.ctx, pid, workflow.Page{})
	f.must(err)
	if len(vs) != 1 {
		t.Errorf("%d versions after a failed change, want 1", len(vs))
	}
	if p2, _ := f.st.Plugin(f.ctx, pid); p2.Rev != p.Rev {
		t.Errorf("plugin rev %d after a failed change, want %d", p2.Rev, p.Rev)
	}
}

// TestNewSubmissionGetsItsIDEverywhere: the assigned id is written back into
// the change and into the key of the event about it.
func TestNewSubmissionGetsItsIDEverywhere(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	_, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	sub, err := f.svc.Submit(f.ctx, "dev1", pid, "")
	f.must(err)
	if sub.ID == 0 || sub.Rev != 1 {
		t.Fatalf("submission %+v", sub)
	}
	got, err := f.st.Submission(f.ctx, sub.ID)
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
	evs, err := f.st.Events(f.ctx, pid, workflow.Page{Offset: 5})
	f.must(err)
	if len(evs) != 1 || evs[0].Key != fmt.Sprint(sub.ID) || evs[0].Entity != workflow.EntitySubmission {
		t.Errorf("events %+v, want one submit event keyed %d", evs, sub.ID)
	}
	// The submission belongs to pid: another plugin's transaction does not see it.
	f.online("2021004100000002")
	err = f.st.Update(f.ctx, "2021004100000002", func(txn workflow.Txn) (workflow.Change, error) {
		if _, ok, err := txn.Submission(sub.ID); ok || err != nil {
			t.Errorf("another plugin read submission %d: ok=%v err=%v", sub.ID, ok, err)
		}
		return workflow.Change{}, nil
	})
	f.must(err)
}

func TestOrderTwiceIsIllegal(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	f.release(pid, "车牌识别插件")
	o, err := f.svc.Order(f.ctx, "buyer1", pid)
	f.must(err)
	// Behind the service's back, as a second terminal that read before the
	// first order committed would.
	p, _ := f.st.Plugin(f.ctx, pid)
	err = f.st.Update(f.ctx, pid, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "buyer1", At: f.clock(), Plugin: &p, Orders: []workflow.Order{o}}, nil
	})
	if workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), "buyer1 already ordered plugin "+pid) {
		t.Errorf("got %v", err)
	}
	orders, err := f.st.Orders(f.ctx, "buyer1", workflow.Page{})
	f.must(err)
	// The service returns the order it built; the id is the store's.
	if len(orders) != 1 || orders[0].ID == 0 || orders[0].PluginID != pid || orders[0].SubmissionID != o.SubmissionID || !orders[0].At.Equal(o.At) {
		t.Errorf("orders %+v, want one like %+v", orders, o)
	}
	f.checkLog()
}

func TestChangeForAnotherPluginIsRefused(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	p, _ := f.st.Plugin(f.ctx, pid)
	err := f.st.Update(f.ctx, "2021004100000002", func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "dev1", At: f.clock(), Plugin: &p}, nil
	})
	if err == nil || !strings.Contains(err.Error(), "belongs to plugin "+pid) {
		t.Errorf("got %v", err)
	}
}

func TestEmptyChangeWritesNothing(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	d := workflow.SampleDraft()
	first, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev)
	f.must(err)
	again, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, first.Rev)
	f.must(err)
	stored, err := f.st.Draft(f.ctx, pid)
	f.must(err)
	if again.Rev != first.Rev || stored.Rev != first.Rev {
		t.Errorf("an unchanged autosave moved the draft from rev %d to %d (stored %d)", first.Rev, again.Rev, stored.Rev)
	}
}

// TestFactsEqualReplayedLog runs every kind of action and checks that the
// log explains the tables exactly.
func TestFactsEqualReplayedLog(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	first := f.release(pid, "车牌识别插件")
	_, err := f.svc.Order(f.ctx, "buyer1", pid)
	f.must(err)
	_, err = f.svc.Hide(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	second := f.release(pid, "车牌识别插件二")
	if got, _ := f.st.Submission(f.ctx, first.ID); got.State != workflow.SubmissionSuperseded {
		t.Errorf("the first listing is %s, want superseded", got.State)
	}
	sub, err := f.svc.Submit(f.ctx, "dev1", pid, "")
	f.must(err)
	_, err = f.svc.Reject(f.ctx, "rev1", sub.ID, "描述不清", workflow.AnyRev)
	f.must(err)
	sub, err = f.svc.Submit(f.ctx, "dev1", pid, "")
	f.must(err)
	_, err = f.svc.Withdraw(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	_, err = f.svc.AddVersion(f.ctx, "dev1", pid, "1.1.0")
	f.must(err)
	for _, a := range []struct {
		as  string
		act workflow.Action
	}{{"dev1", workflow.ActSubmit}, {"rev1", workflow.ActApprove}, {"dev1", workflow.ActOnline}} {
		_, err := f.svc.VersionAct(f.ctx, a.as, pid, "1.1.0", a.act, "", workflow.AnyRev)
		f.must(err)
	}
	f.checkLog()

	facts, err := f.st.Facts(f.ctx)
	f.must(err)
	if facts.Listings[pid] != (workflow.ListingFact{SubmissionID: second.ID, Visibility: workflow.VisibilityHidden}) {
		t.Errorf("listing fact %+v", facts.Listings[pid])
	}
	if facts.Versions[workflow.VersionKey(pid, "1.0.0")] != workflow.VersionOffline ||
		facts.Versions[workflow.VersionKey(pid, "1.1.0")] != workflow.VersionOnline {
		t.Errorf("version facts %v", facts.Versions)
	}
	if facts.Orders[workflow.OrderKey(pid, "buyer1")] != first.ID {
		t.Errorf("order facts %v", facts.Orders)
	}
	if facts.Submissions[sub.ID] != workflow.SubmissionWithdrawn {
		t.Errorf("submission facts %v", facts.Submissions)
	}

	// AllEvents pages by id.
	all, err := f.st.AllEvents(f.ctx, 0, 1000)
	f.must(err)
	tail, err := f.st.AllEvents(f.ctx, all[9].ID, 3)
	f.must(err)
	if len(tail) != 3 || tail[0].ID != all[10].ID {
		t.Errorf("AllEvents after %d: %+v", all[9].ID, tail)
	}
}

// TestConcurrentUpdatesLoseNothing: goroutines racing on one plugin are
// serialised; every save lands exactly once.
func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	const n = 20
	errs := make(chan error, n)
	for i := range n {
		go func() {
			d := workflow.SampleDraft()
			d.Info.Intro = fmt.Sprintf("第%d次修改", i)
			_, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev)
			errs <- err
		}()
	}
	for range n {
		f.must(<-errs)
	}
	d, err := f.st.Draft(f.ctx, pid)
	f.must(err)
	if d.Rev != n {
		t.Errorf("draft rev %d after %d saves", d.Rev, n)
	}
}

// TestOneOnlineVersionEvenAgainstABuggyChange: the schema keeps the rules
// the workflow relies on, and says so as an error that is not a conflict.
func TestOneOnlineVersionEvenAgainstABuggyChange(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	p, _ := f.st.Plugin(f.ctx, pid)
	now := f.clock()
	err := f.st.Update(f.ctx, pid, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "dev1", At: now, Plugin: &p, Versions: []workflow.Version{
			{PluginID: pid, SemVer: workflow.SemVer{Major: 2}, State: workflow.VersionOnline, CreatedAt: now},
		}}, nil
	})
	if err == nil || workflow.KindOf(err) != 0 || !strings.Contains(err.Error(), "UNIQUE constraint failed") {
		t.Errorf("got %v", err)
	}
}
