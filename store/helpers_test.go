package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"plugpub/workflow"
)

// newStore opens a fresh database file in a temporary folder.
func newStore(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "plugpub.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// flow drives the real service on a real file, with a clock that ticks one
// second per reading so events have distinct, ordered times.
type flow struct {
	t   *testing.T
	ctx context.Context
	st  *Store
	svc *workflow.Service

	mu  sync.Mutex
	now time.Time
}

func newFlow(t *testing.T) *flow {
	t.Helper()
	f := &flow{t: t, ctx: context.Background(), st: newStore(t), now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	f.svc = workflow.NewService(f.st, f.clock)
	for _, u := range []struct {
		name  string
		role  workflow.Role
		buyer workflow.Buyer
	}{
		{"dev1", workflow.RoleDeveloper, ""},
		{"rev1", workflow.RoleReviewer, ""},
		{"buyer1", workflow.RoleConsumer, workflow.BuyerPersonal},
	} {
		if _, err := f.svc.AddUser(f.ctx, u.name, []workflow.Role{u.role}, u.buyer); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *flow) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(time.Second)
	return f.now
}

func (f *flow) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// online creates plugin id with version 1.0.0 online.
func (f *flow) online(id string) {
	f.t.Helper()
	_, err := f.svc.CreatePlugin(f.ctx, "dev1", id, "车牌识别")
	f.must(err)
	_, err = f.svc.AddVersion(f.ctx, "dev1", id, "1.0.0")
	f.must(err)
	for _, a := range []struct {
		as  string
		act workflow.Action
	}{{"dev1", workflow.ActSubmit}, {"rev1", workflow.ActApprove}, {"dev1", workflow.ActOnline}} {
		_, err := f.svc.VersionAct(f.ctx, a.as, id, "1.0.0", a.act, "", workflow.AnyRev)
		f.must(err)
	}
}

// release saves a draft titled title, and submits, approves and lists it.
func (f *flow) release(id, title string) workflow.Submission {
	f.t.Helper()
	d := workflow.SampleDraft()
	d.Info.Title = title
	_, probs, err := f.svc.SaveDraft(f.ctx, "dev1", id, d, workflow.AnyRev)
	f.must(err)
	if len(probs) > 0 {
		f.t.Fatalf("the draft has problems: %v", probs)
	}
	sub, err := f.svc.Submit(f.ctx, "dev1", id, "")
	f.must(err)
	_, err = f.svc.Approve(f.ctx, "rev1", sub.ID, workflow.AnyRev)
	f.must(err)
	sub, err = f.svc.Release(f.ctx, "dev1", id, workflow.AnyRev)
	f.must(err)
	return sub
}

// checkLog replays the whole event log and compares it with the tables.
func (f *flow) checkLog() {
	f.t.Helper()
	evs, err := f.st.AllEvents(f.ctx, 0, 1_000_000)
	f.must(err)
	replayed, err := workflow.Replay(evs)
	f.must(err)
	facts, err := f.st.Facts(f.ctx)
	f.must(err)
	if d := replayed.DiffText(facts); d != "" {
		f.t.Fatalf("the log does not replay to the tables: %s", d)
	}
	f.must(f.st.IntegrityCheck(f.ctx))
}
