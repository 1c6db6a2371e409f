package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"plugpub/store/storetest"
)

// TestConformance runs the suite every engine passes on the SQLite store.
func TestConformance(t *testing.T) {
	storetest.Run(t, sqliteEngine())
}

// sqliteEngine is the SQLite store as the conformance suite opens it.
func sqliteEngine() storetest.Engine {
	return storetest.Engine{
		Open: func(t testing.TB) storetest.Store {
			st, err := Open(context.Background(), filepath.Join(t.TempDir(), "plugpub.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		},
		Exec: func(st storetest.Store, q string) error {
			db, err := sql.Open("sqlite", "file:"+st.(*Store).Path()+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
			if err != nil {
				return err
			}
			defer db.Close()
			_, err = db.Exec(q)
			return err
		},
		Check: func(t testing.TB, st storetest.Store) {
			if err := st.(*Store).IntegrityCheck(context.Background()); err != nil {
				t.Fatal(err)
			}
		},
	}
}
