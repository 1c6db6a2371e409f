package store

import "context"

// Conn is an engine's connection (a pool, or a transaction) as the shared
// reads use it. Queries are written with ? placeholders; an engine whose
// driver wants $1, $2 … rebinds them (Rebind).
type Conn interface {
	// Each runs query and calls row for every row, stopping at an error.
	Each(ctx context.Context, query string, args []any, row func(Scanner) error) error
	// Row runs a one-row query and scans it: ok is false when there is no row.
	Row(ctx context.Context, query string, args []any, scan func(Scanner) error) (ok bool, err error)
	// Exec runs a statement and says how many rows it changed.
	Exec(ctx context.Context, query string, args ...any) (int64, error)
}

// List runs a query on c and scans every row with scan.
func List[T any](ctx context.Context, c Conn, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	err := c.Each(ctx, query, args, func(sc Scanner) error {
		v, err := scan(sc)
		if err == nil {
			out = append(out, v)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// One runs a single-row query on c: ok is false when there is no row.
func One[T any](ctx context.Context, c Conn, scan func(Scanner) (T, error), query string, args ...any) (v T, ok bool, err error) {
	ok, err = c.Row(ctx, query, args, func(sc Scanner) error {
		var err error
		v, err = scan(sc)
		return err
	})
	return v, ok, err
}

// Count runs a SELECT count(*) on c.
func Count(ctx context.Context, c Conn, query string, args ...any) (int, error) {
	var n int
	_, err := c.Row(ctx, query, args, func(sc Scanner) error { return sc.Scan(&n) })
	return n, err
}
