package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"plugpub/store"
)

// querier is what reads need; the pool and a transaction both have it, so
// a read inside Update and one outside share their SQL and their scanning.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// scanner is a row, as the shared scanning (store.Scan…) reads it.
type scanner = store.Scanner

// conn is a querier as the shared reads use it (store.Conn): their ?
// placeholders become $1, $2 ….
type conn struct{ q querier }

func (c conn) Each(ctx context.Context, query string, args []any, row func(store.Scanner) error) error {
	rows, err := c.q.Query(ctx, store.Rebind(query), args...)
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
	err := scan(c.q.QueryRow(ctx, store.Rebind(query), args...))
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func (c conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := c.q.Exec(ctx, store.Rebind(query), args...)
	return tag.RowsAffected(), err
}

// one runs a single-row query: ok=false when there is no row.
func one[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) (T, bool, error) {
	return store.One(ctx, conn{q}, scan, query, args...)
}

// list runs a query and scans every row with scan.
func list[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	return store.List(ctx, conn{q}, scan, query, args...)
}
