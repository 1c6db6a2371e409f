// Package sqlitetest reaches an SQLite file the way any other program
// would, not through plugpub's store: for tests that make a database
// plugpub did not write, or break one it did.
package sqlitetest

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver, without the store
)

// Exec runs script on the SQLite file at path, creating it if need be.
func Exec(t testing.TB, path, script string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(script); err != nil {
		t.Fatal(err)
	}
}
