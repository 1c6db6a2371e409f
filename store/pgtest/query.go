package pgtest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// connect opens a connection to the database at addr, closed when the
// test ends.
func connect(t testing.TB, addr string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// Exec runs each statement of qs on the database at addr, failing the
// test at the first that fails.
func Exec(t testing.TB, addr string, qs ...string) {
	t.Helper()
	conn := connect(t, addr)
	for _, q := range qs {
		if _, err := conn.Exec(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(context.Background())
}

// Tables lists the tables of the database at addr, by name, joined by
// commas: what a test shows to prove nothing was written.
func Tables(t testing.TB, addr string) string {
	t.Helper()
	var s string
	QueryRow(t, addr, `SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '')
		FROM pg_tables WHERE schemaname = current_schema()`, &s)
	return s
}

// QueryRow scans the one row sql gives on the database at addr into dest,
// failing the test if it cannot.
func QueryRow(t testing.TB, addr, sql string, dest ...any) {
	t.Helper()
	conn := connect(t, addr)
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), sql).Scan(dest...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
