package sqlite

import (
	"context"
	"testing"

	"plugpub/store/storetest"
)

// pid is the plugin most cases act on.
const pid = storetest.PID

// newStore opens a fresh database file in a temporary folder.
func newStore(t *testing.T) *Store {
	t.Helper()
	return sqliteEngine().Open(t).(*Store)
}

// openAt opens the database file at path, failing t, and closes it when
// t ends.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// flow is the conformance suite's flow (the real service, a clock that
// ticks one second per reading) on a SQLite file, with the store's own
// type at hand for what only SQLite has.
type flow struct {
	*storetest.Flow
	st *Store
}

func newFlow(t *testing.T) *flow {
	t.Helper()
	f := storetest.NewFlow(t, sqliteEngine())
	return &flow{Flow: f, st: f.St.(*Store)}
}

func (f *flow) must(err error) {
	f.T.Helper()
	if err != nil {
		f.T.Fatal(err)
	}
}
