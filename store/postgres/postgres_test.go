package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"plugpub/store/pgtest"
	"plugpub/store/postgres"
	"plugpub/store/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// addrs remembers the address of each open store, for Exec.
var addrs sync.Map

// Engine is the PostgreSQL store on a fresh database of the test cluster.
func Engine() storetest.Engine {
	return storetest.Engine{
		Open: func(t testing.TB) storetest.Store {
			addr := NewDB(t)
			st, err := postgres.Open(context.Background(), addr)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
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
