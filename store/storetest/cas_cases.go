package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"plugpub/workflow"
)

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
	f.OnlineRelease(PID, "车牌识别插件")
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
