package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"plugpub/store/pgtest"
	"plugpub/store/postgres"
	"plugpub/store/storetest"
	"plugpub/workflow"
)

// TestRefusesWhatIsNotOurs: a database with another application's tables,
// or a newer plugpub's schema, is refused in one line and left as it was.
func TestRefusesWhatIsNotOurs(t *testing.T) {
	c := pgtest.Shared(t)
	ctx := context.Background()

	foreign := c.NewDB(t)
	pgtest.Exec(t, foreign, "CREATE TABLE invoices (id int)")
	_, err := postgres.Open(ctx, foreign)
	if err == nil || !strings.Contains(err.Error(), "is not a plugpub database") || strings.Contains(err.Error(), "\n") {
		t.Errorf("another application's database: %v", err)
	}
	if got := pgtest.Tables(t, foreign); got != "invoices" {
		t.Errorf("the foreign database now has %s", got)
	}

	newer := c.NewDB(t)
	st, err := postgres.Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	pgtest.Exec(t, newer, fmt.Sprintf("INSERT INTO plugpub_migrations (version, name) VALUES (%d, 'future')", postgres.SchemaVersion+1))
	before := pgtest.Tables(t, newer)
	_, err = postgres.Open(ctx, newer)
	if err == nil || !strings.Contains(err.Error(), "newer plugpub") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a newer schema: %v", err)
	}
	if pgtest.Tables(t, newer) != before {
		t.Error("opening a newer schema changed its tables")
	}
}

// TestReopenMigratesNothingTwice and two hosts starting together: the
// advisory lock lets one migrate, and the others find it done.
func TestConcurrentFirstOpen(t *testing.T) {
	addr := pgtest.DB(t)
	ctx := context.Background()
	atOnce(t, 6, func(int) error {
		st, err := postgres.Open(ctx, addr)
		if err == nil {
			st.Close()
		}
		return err
	})
	var rows, max int
	pgtest.QueryRow(t, addr, "SELECT count(*), max(version) FROM plugpub_migrations", &rows, &max)
	if rows != postgres.SchemaVersion || max != postgres.SchemaVersion {
		t.Errorf("%d migrations recorded, up to %d; want %d", rows, max, postgres.SchemaVersion)
	}
}

// TestConnectFaults: each is one line naming the server and the cause,
// and never the password.
func TestConnectFaults(t *testing.T) {
	c := pgtest.Shared(t)
	addr := c.NewDB(t)
	name := strings.TrimPrefix(addr, "postgres://")
	name = name[strings.Index(name, "/")+1 : strings.Index(name, "?")]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, f := range []struct {
		name, addr string
		want       []string
	}{
		{"wrong password", c.URL(name, "wrong-secret"), []string{fmt.Sprintf("127.0.0.1:%d/%s", c.Port, name), "password"}},
		{"no such database", c.URL("nosuchdb", pgtest.Password), []string{"nosuchdb", "does not exist"}},
		{"unreachable", "postgres://plugpub:pw@127.0.0.1:1/x?sslmode=disable", []string{"127.0.0.1:1/x", "connection refused"}},
		{"malformed", "postgres://plugpub:pw@127.0.0.1:notaport/x", []string{"malformed"}},
		{"unknown option", "postgres://plugpub@127.0.0.1:5432/x?sslmode=sometimes", []string{"malformed", "sslmode"}},
	} {
		t.Run(f.name, func(t *testing.T) {
			_, err := postgres.Open(ctx, f.addr)
			if err == nil {
				t.Fatal("opened")
			}
			msg := err.Error()
			t.Log(msg)
			for _, w := range f.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not say %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, "wrong-secret") || strings.Contains(msg, ":pw@") {
				t.Errorf("%q is not one line without the password", msg)
			}
		})
	}
	if got := pgtest.Tables(t, addr); got != "" {
		t.Errorf("a failed open wrote %s", got)
	}
}

// TestNotifyMovesDataVersion: a commit through one store moves the
// DataVersion another store (another host) reads, within a second; one
// that changes nothing does not.
func TestNotifyMovesDataVersion(t *testing.T) {
	addr := pgtest.DB(t)
	ctx := context.Background()
	a, b := openAt(t, addr), openAt(t, addr)
	v0, err := b.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc := workflow.NewService(a, time.Now)
	if _, err := svc.AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreatePlugin(ctx, "dev1", "2021004100000001", "车牌识别"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Second)
	for {
		v, err := b.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != v0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("another store's commit did not move DataVersion within a second")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestConcurrentHostsOneWinner: two stores (two hosts) race to approve the
// same submission; exactly one wins and the other is told who.
func TestConcurrentHostsOneWinner(t *testing.T) {
	addr := pgtest.DB(t)
	ctx := context.Background()
	svcs := hosts(t, addr, 2)
	s := svcs[0]
	for _, u := range []struct {
		n string
		r workflow.Role
	}{{"dev1", workflow.RoleDeveloper}, {"rev1", workflow.RoleReviewer}, {"rev2", workflow.RoleReviewer}} {
		if _, err := s.AddUser(ctx, u.n, []workflow.Role{u.r}, ""); err != nil {
			t.Fatal(err)
		}
	}
	const id = "2021004100000001"
	if _, err := s.CreatePlugin(ctx, "dev1", id, "车牌识别"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVersion(ctx, "dev1", id, "1.0.0"); err != nil {
		t.Fatal(err)
	}
	if err := storetest.TakeOnline(ctx, s, "dev1", id, "1.0.0"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SaveDraft(ctx, "dev1", id, workflow.SampleDraft(), workflow.AnyRev); err != nil {
		t.Fatal(err)
	}
	for round := range 10 {
		sub, err := s.Submit(ctx, "dev1", id, "")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, svc := range svcs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = svc.Approve(ctx, fmt.Sprintf("rev%d", i+1), sub.ID, sub.Rev)
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
				continue
			}
			var we *workflow.Error
			if !errors.As(err, &we) || (we.Kind != workflow.KindConflict && we.Kind != workflow.KindIllegal) {
				t.Fatalf("round %d: the loser got %v", round, err)
			}
			if we.Kind == workflow.KindConflict && !strings.HasPrefix(we.By, "rev") {
				t.Errorf("round %d: the conflict does not say who won: %v", round, err)
			}
		}
		if won != 1 {
			t.Fatalf("round %d: %d winners (%v)", round, won, errs)
		}
		got, err := s.Submission(ctx, "dev1", sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != workflow.SubmissionApproved || got.Rev != sub.Rev+1 {
			t.Fatalf("round %d: submission %+v", round, got)
		}
		// Listed, so the next round can submit again.
		if _, err := s.Release(ctx, "dev1", id, workflow.AnyRev); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

// TestManyStoresLoseNothing: autosaves racing on one plugin from four
// stores (four hosts) each land exactly once.
func TestManyStoresLoseNothing(t *testing.T) {
	addr := pgtest.DB(t)
	ctx := context.Background()
	svcs := hosts(t, addr, 4)
	const id = "2021004100000001"
	if _, err := svcs[0].AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svcs[0].CreatePlugin(ctx, "dev1", id, "车牌识别"); err != nil {
		t.Fatal(err)
	}
	const each = 10
	atOnce(t, len(svcs)*each, func(n int) error {
		h, i := n/each, n%each
		d := workflow.SampleDraft()
		d.Info.Intro = fmt.Sprintf("主机%d第%d次修改", h, i)
		_, _, err := svcs[h].SaveDraft(ctx, "dev1", id, d, workflow.AnyRev)
		return err
	})
	d, err := svcs[3].Draft(ctx, "dev1", id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rev != int64(len(svcs)*each) {
		t.Errorf("draft rev %d after %d saves", d.Rev, len(svcs)*each)
	}
}
