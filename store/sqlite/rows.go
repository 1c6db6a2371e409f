package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"plugpub/store"
)

// querier is what reads need; both *sql.DB and *sql.Tx have it, so a read
// inside Update and one outside share their SQL and their scanning.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// scanner is a row, as the shared scanning (store.Scan…) reads it.
type scanner = store.Scanner

// conn is a querier as the shared reads use it (store.Conn).
type conn struct{ q querier }

func (c conn) Each(ctx context.Context, query string, args []any, row func(store.Scanner) error) error {
	rows, err := c.q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (c conn) Row(ctx context.Context, query string, args []any, scan func(store.Scanner) error) (bool, error) {
	err := scan(c.q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	r, err := c.q.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// list runs a query and scans every row with scan.
func list[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	return store.List(ctx, conn{q}, scan, query, args...)
}

// one runs a single-row query: ok=false when there is no row.
func one[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) (T, bool, error) {
	return store.One(ctx, conn{q}, scan, query, args...)
}
