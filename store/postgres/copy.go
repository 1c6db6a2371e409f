package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"plugpub/workflow"
)

// ErrNotEmpty matches (errors.Is) CopyIn's refusal of a database that
// holds plugpub data already.
var ErrNotEmpty = errors.New("the PostgreSQL database is not empty")

// copyTables are the SQLite schema's tables (schema 8) with their
// columns, in an order where each row's references come before it.
var copyTables = []struct{ name, cols string }{
	{"users", "name, roles, buyer"},
	{"plugins", "id, name, owner, created_at, rev, updated_by, updated_at"},
	{"versions", "plugin_id, major, minor, patch, state, reason, submitted_by, created_at, rev, updated_by, updated_at"},
	{"drafts", "plugin_id, body, rev, updated_by, updated_at"},
	{"logos", "ref, mime, data"},
	{"submissions", "id, plugin_id, version, state, snapshot, submitted_by, submitted_at, due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at"},
	{"listings", "plugin_id, submission_id, visibility, listed_at, title, intro, buyers, rev, updated_by, updated_at"},
	{"apps", "app_id, owner, name, created_at"},
	{"orders", "id, plugin_id, consumer, submission_id, at, title, app_id, state, reason, rev, updated_by, updated_at, pos"},
	{"events", "id, at, actor, plugin_id, entity, key, action, from_state, to_state, reason"},
	{"user_keys", "fingerprint, user, type, comment, public_key, added_by, added_at"},
	// schema 9: review notes and claims (store/review.go)
	{"review_notes", "submission_id, seq, path, text, author, at"},
	{"review_claims", "submission_id, claimed_by, claimed_at"},
}

// Tables are the names of the tables CopyIn copies, for a caller that
// compares counts.
func Tables() []string {
	out := make([]string, len(copyTables))
	for i, t := range copyTables {
		out[i] = t.name
	}
	return out
}

// Source is what CopyIn reads the SQLite database through: a read
// transaction (*sql.Tx), so the copy is of one moment of the file.
type Source interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// CopyIn copies a plugpub SQLite database (src, opened read-only, at the
// current SQLite schema) into this one, which must hold no plugpub data,
// in one transaction: ids, revs and times are kept, the sequences set
// past the copied ids, and market search indexed from the SQLite store's
// shown text. progress is told each table and how many rows it had.
func (s *Store) CopyIn(ctx context.Context, src Source, progress func(table string, rows int64)) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("starting the copy into "+s.server, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrateLock)); err != nil {
		return s.wrap("starting the copy into "+s.server, err)
	}
	var full bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM plugins) OR EXISTS (SELECT 1 FROM logos)`).Scan(&full); err != nil {
		return s.wrap("reading "+s.server, err)
	}
	if full {
		return fmt.Errorf("%w: %s holds plugpub data already; migrate copies into an empty database only", ErrNotEmpty, s.server)
	}
	for _, t := range copyTables {
		n, err := copyTable(ctx, tx, src, t.name, t.cols)
		if err != nil {
			return s.wrap("copying the table "+t.name, err)
		}
		progress(t.name, n)
	}
	for _, seq := range []string{"submissions", "orders", "events"} {
		next := int64(0)
		// AUTOINCREMENT never reuses an id: the sequence starts past the
		// highest ever given, not only past those still there.
		_ = src.QueryRowContext(ctx, "SELECT seq FROM sqlite_sequence WHERE name = ?", seq).Scan(&next)
		if _, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'),
			greatest((SELECT coalesce(max(id), 0) FROM %s), $1::bigint) + 1, false)`, seq, seq), next); err != nil {
			return s.wrap("setting the ids of "+seq, err)
		}
	}
	n, err := copyMarket(ctx, tx, src)
	if err != nil {
		return s.wrap("indexing the market", err)
	}
	progress("market", n)
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, '')", Channel); err != nil {
		return s.wrap("finishing the copy", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return s.wrap("saving the copy into "+s.server, err)
	}
	// The planner knows nothing of rows copied in bulk until autovacuum
	// comes by; without statistics it scans where an index answers.
	if _, err := s.pool.Exec(ctx, "ANALYZE"); err != nil {
		return s.wrap("analyzing the copy in "+s.server, err)
	}
	return nil
}

func copyTable(ctx context.Context, tx pgx.Tx, src Source, table, cols string) (int64, error) {
	rows, err := src.QueryContext(ctx, "SELECT "+cols+" FROM "+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	names := strings.Split(cols, ", ")
	vals := make([]any, len(names))
	ptrs := make([]any, len(names))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, names, pgx.CopyFromFunc(func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		return vals, nil
	}))
	return n, err
}

// copyMarket indexes the text the SQLite store searches, of its shown
// listings (market_fts).
func copyMarket(ctx context.Context, tx pgx.Tx, src Source) (int64, error) {
	rows, err := src.QueryContext(ctx, "SELECT rowid, title, intro, description FROM market_fts")
	if err != nil {
		return 0, err
	}
	type entry struct {
		id int64
		m  workflow.MarketText
	}
	var es []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.m.Title, &e.m.Intro, &e.m.Description); err != nil {
			rows.Close()
			return 0, err
		}
		es = append(es, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, e := range es {
		if err := index(ctx, tx, fmt.Sprintf("%016d", e.id), true, e.m); err != nil {
			return 0, err
		}
	}
	return int64(len(es)), nil
}

// Counts is how many rows each copied table holds, to compare with the
// source after a copy.
func (s *Store) Counts(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range copyTables {
		var n int64
		if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM "+t.name).Scan(&n); err != nil {
			return nil, s.wrap("counting "+t.name, err)
		}
		out[t.name] = n
	}
	return out, nil
}
