package pgtest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Exec runs each statement of qs on the database at addr, failing the
// test at the first that fails.
func Exec(t testing.TB, addr string, qs ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range qs {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// Tables lists the tables of the database at addr, by name, joined by
// commas: what a test shows to prove nothing was written.
func Tables(t testing.TB, addr string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var s string
	if err := conn.QueryRow(ctx, `SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '') FROM pg_tables
		WHERE schemaname = current_schema()`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}
