package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"plugpub/store/pgtest"
	"plugpub/store/postgres"
	"plugpub/store/storetest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// addrs remembers the address of each open store, for Exec.
var addrs sync.Map

// Engine is the PostgreSQL store on a fresh database of the test cluster.
func Engine() storetest.Engine {
	return storetest.Engine{
		Open: func(t testing.TB) storetest.Store {
			addr := NewDB(t)
			st := openAt(t, addr)
			addrs.Store(st, addr)
			return st
		},
		Exec: func(st storetest.Store, q string) error {
			addr, _ := addrs.Load(st)
			ctx := context.Background()
			conn, err := pgx.Connect(ctx, addr.(string))
			if err != nil {
				return err
			}
			defer conn.Close(ctx)
			_, err = conn.Exec(ctx, q)
			return err
		},
	}
}

// openAt opens a store on addr, as one host does, and closes it when the
// test ends.
func openAt(t testing.TB, addr string) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// hosts is n stores on addr, each with its own Service: n hosts on one
// database.
func hosts(t testing.TB, addr string, n int) []*workflow.Service {
	t.Helper()
	svcs := make([]*workflow.Service, n)
	for i := range svcs {
		svcs[i] = workflow.NewService(openAt(t, addr), time.Now)
	}
	return svcs
}

// atOnce runs fn(0) … fn(n-1) each in a goroutine of its own, all at once,
// and fails t with every error they return.
func atOnce(t testing.TB, n int, fn func(i int) error) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = fn(i) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// NewDB is a fresh database of the test cluster with the schema made
// already, copied from a template migrated once.
func NewDB(t testing.TB) string {
	return pgtest.Shared(t).NewDBFrom(t, "plugpub_template", func(addr string) error {
		st, err := postgres.Open(context.Background(), addr)
		if err != nil {
			return err
		}
		return st.Close()
	})
}

func TestConformance(t *testing.T) {
	storetest.Run(t, Engine())
}
