package sqlite

import (
	"context"
	"database/sql"

	"plugpub/store"
)

// querier is what reads need; both *sql.DB and *sql.Tx have it, so a read
// inside Update and one outside share their SQL and their scanning.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is a row, as the shared scanning (store.Scan…) reads it.
type scanner = store.Scanner

// list runs a query and scans every row with scan.
func list[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return store.Collect(rows, scan)
}
