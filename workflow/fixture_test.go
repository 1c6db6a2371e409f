package workflow_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"

	"plugpub/store/pgtest"
	"plugpub/store/postgres"
	"plugpub/store/sqlite"
	"plugpub/store/storetest"
	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// testStore is what the tests need of an engine: what the conformance
// suite needs (the workflow's store, the log and facts to check it by),
// and Close.
type testStore interface {
	storetest.Store
	Close() error
}

// onPostgres reports PLUGPUB_TEST_ENGINE=postgres: the Service tests then
// run on a PostgreSQL database of the test cluster (store/pgtest) instead
// of an SQLite file (.ci/run runs them both ways).
//
// make stress takes the engine by address too: PLUGPUB_STRESS_DB=pgtest is
// a throwaway cluster, as PLUGPUB_TEST_ENGINE=postgres, and a postgres://
// address an empty database of a server of one's own (stressAddress).
func onPostgres() bool {
	return os.Getenv("PLUGPUB_TEST_ENGINE") == "postgres" || os.Getenv("PLUGPUB_STRESS_DB") == "pgtest" || stressAddress() != ""
}

// stressAddress is the PostgreSQL database PLUGPUB_STRESS_DB names, if it
// names one.
func stressAddress() string {
	if a := os.Getenv("PLUGPUB_STRESS_DB"); postgres.IsAddress(a) {
		return a
	}
	return ""
}

// openTestStore opens a new store on the engine the tests run on, and its
// address (a file, or a postgres:// URL) for child processes.
func openTestStore(t testing.TB, file string) (testStore, string, error) {
	ctx := context.Background()
	if addr := stressAddress(); addr != "" {
		st, err := postgres.Open(ctx, addr)
		return st, addr, err
	}
	if onPostgres() {
		// A copy of a database migrated once, which is much faster than
		// migrating each.
		addr := pgtest.Shared(t).NewDBFrom(t, "plugpub_template", func(addr string) error {
			st, err := postgres.Open(ctx, addr)
			if err != nil {
				return err
			}
			return st.Close()
		})
		st, err := postgres.Open(ctx, addr)
		return st, addr, err
	}
	st, err := sqlite.Open(ctx, file)
	return st, file, err
}

// The fixtures the tests of the Service share.

// fixture is a real SQLite file with a cast of users and a clock that ticks
// one second per reading, so events have distinct, ordered times.
type fixture struct {
	t   testing.TB
	ctx context.Context
	st  testStore
	svc *workflow.Service
	// addr is the database as a child process opens it (asChild).
	addr string
	// clock is the service's, for tests of time (a claim's lapse).
	clock *workflowtest.Clock
}

const pid = "2021004100000001"

// newFixture's cast is workflowtest's and "both", a developer who also
// reviews.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureOf(t, append(workflowtest.Cast(), workflowtest.User{Name: "both", Roles: []workflow.Role{workflow.RoleDeveloper, workflow.RoleReviewer}}))
}

// newFixtureOf is a fixture whose cast is users.
func newFixtureOf(t testing.TB, users []workflowtest.User) *fixture {
	t.Helper()
	st, addr, err := openTestStore(t, filepath.Join(t.TempDir(), "plugpub.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := workflowtest.NewClock()
	svc := workflowtest.NewService(t, st, clock, users)
	return &fixture{t: t, ctx: context.Background(), st: st, svc: svc, addr: addr, clock: clock}
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// stage drives a plugin owned by owner to a named stage of the flow.
func (f *fixture) stage(owner, id, stage string) {
	f.t.Helper()
	ctx, s := f.ctx, f.svc
	_, err := s.CreatePlugin(ctx, owner, id, "车牌识别")
	f.must(err)
	if stage == "created" {
		return
	}
	_, err = s.AddVersion(ctx, owner, id, "1.0.0")
	f.must(err)
	f.must(workflowtest.TakeOnline(ctx, s, owner, id, "1.0.0"))
	_, err = s.SampleDraft(ctx, owner, id)
	f.must(err)
	if stage == "online" {
		return
	}
	sub, err := s.Submit(ctx, owner, id, "")
	f.must(err)
	switch stage {
	case "in_review":
		return
	case "withdrawn":
		_, err = s.Withdraw(ctx, owner, id, workflow.AnyRev)
	case "rejected":
		_, err = s.Reject(ctx, "rev1", sub.ID, "logo 不清晰", workflow.AnyRev)
	case "approved", "listed", "hidden":
		_, err = s.Approve(ctx, "rev1", sub.ID, workflow.AnyRev)
		f.must(err)
		if stage == "approved" {
			return
		}
		_, err = s.Release(ctx, owner, id, workflow.AnyRev)
		f.must(err)
		if stage == "hidden" {
			_, err = s.Hide(ctx, owner, id, workflow.AnyRev)
		}
	default:
		f.t.Fatalf("unknown stage %q", stage)
	}
	f.must(err)
}

// submitSample saves the sample draft, changed by edit, as dev1's draft
// of plugin id and submits it.
func (f *fixture) submitSample(id string, edit func(d *workflow.Draft)) workflow.Submission {
	f.t.Helper()
	d := workflow.SampleDraft()
	edit(&d)
	_, _, err := f.svc.SaveDraft(f.ctx, "dev1", id, d, workflow.AnyRev)
	f.must(err)
	sub, err := f.svc.Submit(f.ctx, "dev1", id, "")
	f.must(err)
	return sub
}

// approveAndRelease has rev1 approve the submission subID of dev1's plugin
// id and dev1 release it.
func (f *fixture) approveAndRelease(id string, subID int64) {
	f.t.Helper()
	_, err := f.svc.Approve(f.ctx, "rev1", subID, workflow.AnyRev)
	f.must(err)
	_, err = f.svc.Release(f.ctx, "dev1", id, workflow.AnyRev)
	f.must(err)
}

// retitle is an edit for submitSample: the title becomes title.
func retitle(title string) func(d *workflow.Draft) {
	return func(d *workflow.Draft) { d.Info.Title = title }
}

func (f *fixture) submissionID(id string) int64 {
	f.t.Helper()
	subs, err := f.svc.Submissions(f.ctx, "rev1", id, workflow.Page{Limit: 1})
	f.must(err)
	if len(subs) == 0 {
		f.t.Fatalf("plugin %s has no submission", id)
	}
	return subs[0].ID
}

// marketPage is the 订购页 of plugin id, which must be listed.
func (f *fixture) marketPage(id string) workflow.MarketPage {
	f.t.Helper()
	page, err := f.svc.MarketPage(f.ctx, id)
	f.must(err)
	return page
}

// checkLog replays the event log and compares it with the tables.
func (f *fixture) checkLog() {
	f.t.Helper()
	if _, err := workflowtest.CheckLog(f.ctx, f.st); err != nil {
		f.t.Fatal(err)
	}
}

// checkService checks prop as a rapid property, each run on a database
// of its own with a service whose clock ticks a minute per reading.
func checkService(t *testing.T, prop func(rt *rapid.T, ctx context.Context, st testStore, svc *workflow.Service)) {
	checkStore(t, func(rt *rapid.T, ctx context.Context, st testStore) {
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		prop(rt, ctx, st, workflow.NewService(st, func() time.Time { now = now.Add(time.Minute); return now }))
	})
}

// checkStore checks prop as a rapid property, each run on a database of
// its own; a property that moves the clock itself builds its own service.
func checkStore(t *testing.T, prop func(rt *rapid.T, ctx context.Context, st testStore)) {
	dir := t.TempDir()
	var n atomic.Int64
	rapid.Check(t, func(rt *rapid.T) {
		ctx := context.Background()
		st, _, err := openTestStore(t, filepath.Join(dir, fmt.Sprintf("rapid%d.db", n.Add(1))))
		if err != nil {
			rt.Fatal(err)
		}
		defer st.Close()
		prop(rt, ctx, st)
	})
}

// asChild runs part in a child process of a test, on the database that
// PLUGPUB_DB names, and returns the exit code part returns (1 when the
// database does not open).
func asChild(part func(ctx context.Context, svc *workflow.Service) int) int {
	ctx := context.Background()
	var st interface {
		workflow.Store
		Close() error
	}
	var err error
	if addr := os.Getenv("PLUGPUB_DB"); postgres.IsAddress(addr) {
		st, err = postgres.Open(ctx, addr)
	} else {
		st, err = sqlite.Open(ctx, addr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	return part(ctx, workflow.NewService(st, nil))
}
