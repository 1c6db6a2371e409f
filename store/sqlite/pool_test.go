package sqlite

import "testing"

// TestConnectionPoolIsBounded: a burst of reads (keys typed ahead in the
// console) must not open a connection, and a page cache, per read.
func TestConnectionPoolIsBounded(t *testing.T) {
	st := newStore(t)
	if got := st.db.Stats().MaxOpenConnections; got != maxOpenConns || got <= 0 {
		t.Fatalf("the pool allows %d connections, want %d", got, maxOpenConns)
	}
}
