package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"plugpub/workflow"
)

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
	for _, u := range []workflow.User{
		{Name: "dev1", Roles: []workflow.Role{workflow.RoleDeveloper}},
		{Name: "rev1", Roles: []workflow.Role{workflow.RoleReviewer}},
		{Name: "buyer1", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerPersonal},
	} {
		if _, err := f.Svc.AddUser(f.Ctx, u.Name, u.Roles, u.Buyer); err != nil {
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
	f.must(TakeOnline(f.Ctx, f.Svc, "dev1", id, "1.0.0"))
}

// TakeOnline takes version ver of plugin id through review to online as a
// version goes: submitted by owner, approved by rev1, put online by owner.
// It is the one copy of that sequence; workflowtest.TakeOnline is this.
func TakeOnline(ctx context.Context, svc *workflow.Service, owner, id, ver string) error {
	for _, a := range []struct {
		as  string
		act workflow.Action
	}{{owner, workflow.ActSubmit}, {"rev1", workflow.ActApprove}, {owner, workflow.ActOnline}} {
		if _, err := svc.VersionAct(ctx, a.as, id, ver, a.act, "", workflow.AnyRev); err != nil {
			return err
		}
	}
	return nil
}

// Release saves a draft titled title, and submits, approves and lists it.
func (f *Flow) Release(id, title string) workflow.Submission {
	f.T.Helper()
	d := workflow.SampleDraft()
	d.Info.Title = title
	return f.ReleaseDraft(id, d)
}

// OnlineRelease takes plugin id online and lists it titled title.
func (f *Flow) OnlineRelease(id, title string) workflow.Submission {
	f.T.Helper()
	f.Online(id)
	return f.Release(id, title)
}

// ReleaseText lists plugin id (made online first) with this market text.
func (f *Flow) ReleaseText(id, title, intro, description string) {
	f.T.Helper()
	f.Online(id)
	d := workflow.SampleDraft()
	d.Info.Title, d.Info.Intro, d.Info.Description = title, intro, description
	f.ReleaseDraft(id, d)
}

// ReleaseDraft saves d as the draft of id (it must have no problems), and
// submits, approves and lists it.
func (f *Flow) ReleaseDraft(id string, d workflow.Draft) workflow.Submission {
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

// checkSchema runs the statements the schema must refuse, then those it
// must accept, in raw SQL past the workflow.
func (f *Flow) checkSchema(refused, accepted []string) {
	f.T.Helper()
	for _, q := range refused {
		if err := f.exec(q); err == nil {
			f.T.Errorf("%s: accepted", q)
		}
	}
	for _, q := range accepted {
		if err := f.exec(q); err != nil {
			f.T.Errorf("%s: %v", q, err)
		}
	}
}
