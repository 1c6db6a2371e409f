package main

import (
	"context"
	"time"

	"plugpub/store/postgres"
	"plugpub/store/sqlite"
	"plugpub/workflow"
)

// database is what the commands and the console need of an engine: the
// workflow's store, and what they show of it.
type database interface {
	workflow.Store
	Close() error
	SchemaVersion() int
	// DataVersion moves whenever anyone commits; the console polls it.
	DataVersion(ctx context.Context) (int64, error)
}

var (
	_ database = (*sqlite.Store)(nil)
	_ database = (*postgres.Store)(nil)
)

// isPostgres reports whether --db (or PLUGPUB_DB) is a PostgreSQL address
// rather than an SQLite file.
func isPostgres(addr string) bool { return postgres.IsAddress(addr) }

// dbName is the database as messages and logs show it: a file as given,
// an address without its password.
func dbName(addr string) string {
	if isPostgres(addr) {
		return postgres.Redact(addr)
	}
	return addr
}

// openDatabase picks the engine by the address: postgres:// or
// postgresql:// is a PostgreSQL database, anything else an SQLite file.
func openDatabase(ctx context.Context, addr string, patience time.Duration) (database, error) {
	if isPostgres(addr) {
		return postgres.Open(ctx, addr)
	}
	return sqlite.OpenWith(ctx, addr, sqlite.Options{BusyPatience: patience})
}
