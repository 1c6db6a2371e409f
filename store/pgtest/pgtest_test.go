package pgtest_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"plugpub/store/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// Each test gets its own UTF-8 database with a C.UTF-8 ctype (what pg_trgm
// needs for CJK trigrams), and the wrong password is refused.
func TestNewDB(t *testing.T) {
	c := pgtest.Shared(t)
	ctx := context.Background()
	a, b := c.NewDB(t), c.NewDB(t)
	if a == b {
		t.Fatalf("two tests share the database %s", a)
	}
	var enc, ctype string
	pgtest.QueryRow(t, a, "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()", &enc, &ctype)
	if enc != "UTF8" || ctype != "C.UTF-8" {
		t.Fatalf("encoding %s, ctype %s; want UTF8, C.UTF-8", enc, ctype)
	}
	pgtest.Exec(t, a, "CREATE TABLE x (n int)")
	if _, err := pgx.Connect(ctx, c.URL("postgres", "wrong")); err == nil {
		t.Fatal("a wrong password was accepted")
	}
}
