// Package postgres keeps plugpub's data in a PostgreSQL database (pgx,
// pgxpool): the schema, its migrations, and one function per query, as
// package store does on SQLite. It implements workflow.Store with the same
// results, in the same order; every rule lives in workflow.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"plugpub/store"
	"plugpub/workflow"
)

var _ workflow.Store = (*Store)(nil)

//go:embed migrations/*.sql
var migrationFS embed.FS

// SchemaVersion is the newest schema this program knows: the number of
// migrations, and the highest version plugpub_migrations records.
const SchemaVersion = 3

// migrateLock is the pg_advisory_xact_lock key migrations run under, so
// two hosts starting together cannot both migrate ("PLPB").
const migrateLock = 0x504C5042

// Channel is what every commit NOTIFYs, for consoles to reload.
const Channel = "plugpub_changes"

// Store is a plugpub database on a PostgreSQL server. It is safe for
// concurrent use, and any number of processes and hosts may share it.
type Store struct {
	store.Reads // what both engines read alike, on pool
	pool        *pgxpool.Pool
	server      string // host:port/dbname, for messages (never the password)
	watch       *watcher
}

// IsAddress reports whether s names a PostgreSQL database rather than an
// SQLite file.
func IsAddress(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at addr (postgres://user:pw@host:port/db)
// and brings its schema up to date. A database with a newer schema, or
// with another application's tables, is refused and left as it was.
func Open(ctx context.Context, addr string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(addr)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL address %s is malformed: %s", Redact(addr), parseCause(err))
	}
	server := serverName(cfg.ConnConfig)
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > 10*time.Second {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	cfg.MaxConns = max(cfg.MaxConns, 8)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL server %s: %s", server, cause(err))
	}
	s := &Store{pool: pool, server: server}
	s.Reads = store.Reads{Conn: conn{pool}, Wrap: s.wrap, Retry: s.retry, KeyTx: s.keyTx, Dialect: store.Dialect{
		Binary: ` COLLATE "C"`, TextFilter: textFilter,
		QueueFilter:     func(filter string) (string, []any) { return store.QueueFilter(textFilter, filter) },
		SubmissionsFrom: " FROM submissions", QueueFrom: " FROM submissions",
	}}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("cannot connect to the PostgreSQL server %s: %s", server, cause(err))
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	s.watch = newWatcher(s)
	return s, nil
}

// Close closes every connection.
func (s *Store) Close() error {
	if s.watch != nil {
		s.watch.close()
	}
	s.pool.Close()
	return nil
}

// Path is the server and database, without the password, for messages.
func (s *Store) Path() string { return s.server }

// SchemaVersion is the schema of the open database, which Open has brought
// to this program's SchemaVersion.
func (s *Store) SchemaVersion() int { return SchemaVersion }

func serverName(c *pgx.ConnConfig) string {
	return net.JoinHostPort(c.Host, fmt.Sprint(c.Port)) + "/" + c.Database
}

// Redact is addr with any password replaced, for a message or a log.
func Redact(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		// Not a URL: cut whatever stands between the scheme and an @.
		if i, j := strings.Index(addr, "://"), strings.LastIndex(addr, "@"); i >= 0 && j > i {
			user, _, _ := strings.Cut(addr[i+3:j], ":")
			return addr[:i+3] + user + ":xxxxx" + addr[j:]
		}
		return addr
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.Redacted()
}

// parseCause is why pgx could not parse an address, without the address
// itself (which may hold a password).
func parseCause(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// migrations are the embedded migrations, checked (store.Migrations).
func migrations() ([]store.Migration, error) { return store.Migrations(migrationFS, SchemaVersion) }

// migrate applies the missing migrations in one transaction under
// pg_advisory_xact_lock: of two hosts starting at once, the second waits
// and then finds the work done. Before anything is written it checks the
// database is plugpub's (or empty) and not newer than this program.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	return s.retry(ctx, func() error {
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrateLock)); err != nil {
			return err
		}
		var ours bool
		var tables int
		if err := tx.QueryRow(ctx, `SELECT to_regclass('plugpub_migrations') IS NOT NULL,
			(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())`).Scan(&ours, &tables); err != nil {
			return s.wrap("reading the schema of "+s.server, err)
		}
		version := 0
		if ours {
			if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM plugpub_migrations").Scan(&version); err != nil {
				return s.wrap("reading the schema version of "+s.server, err)
			}
		} else if tables > 0 {
			return fmt.Errorf("PostgreSQL database %s holds %d tables but is not a plugpub database; give plugpub an empty database of its own", s.server, tables)
		}
		if version > len(ms) {
			return fmt.Errorf("PostgreSQL database %s was written by a newer plugpub (schema %d, this one knows %d); upgrade plugpub", s.server, version, SchemaVersion)
		}
		if version == len(ms) {
			return nil
		}
		if !ours {
			if _, err := tx.Exec(ctx, `CREATE TABLE plugpub_migrations (
				version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
				return s.wrap("creating the schema of "+s.server, err)
			}
		}
		for _, m := range ms[version:] {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("PostgreSQL database %s: migration %s: %s", s.server, m.Name, cause(err))
			}
			if _, err := tx.Exec(ctx, "INSERT INTO plugpub_migrations (version, name) VALUES ($1, $2)", m.Version, m.Name); err != nil {
				return s.wrap("recording migration "+m.Name, err)
			}
		}
		return s.wrap("saving the schema of "+s.server, tx.Commit(ctx))
	})
}

// retryable reports a serialization failure or a deadlock, which the
// server resolves by failing one transaction that is safe to run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// maxTries bounds how often a transaction runs again after a
// serialization failure or deadlock.
const maxTries = 8

// retry runs fn, a whole transaction, again while it fails with a
// serialization failure or a deadlock, or on a connection that broke
// before anything was sent (a server restarted since the pool last used
// it), at most maxTries times in all.
func (s *Store) retry(ctx context.Context, fn func() error) error {
	pause := 2 * time.Millisecond
	for try := 1; ; try++ {
		err := fn()
		if !retryable(err) && !(err != nil && pgconn.SafeToRetry(err)) {
			return err
		}
		if try == maxTries {
			return fmt.Errorf("the PostgreSQL database %s is too busy: the change met other writers %d times; try again", s.server, try)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 200*time.Millisecond)
	}
}

// wrap names the operation that failed and says the cause in words: the
// driver's own error never reaches a user as it is.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if workflow.KindOf(err) != 0 || retryable(err) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	return &dbError{op: op, server: s.server, msg: cause(err), err: err}
}

// dbError is a failure of the database, said for a person; Unwrap keeps
// the driver's error for code that needs it (retryable).
type dbError struct {
	op, server, msg string
	err             error
}

func (e *dbError) Error() string { return e.op + ": " + e.msg }
func (e *dbError) Unwrap() error { return e.err }

// cause is err in words: what the server said, or why it could not be
// reached.
func cause(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "28P01" || pe.Code == "28000":
			return "the server refused the user name or password (" + pe.Message + ")"
		case pe.Code == "3D000":
			return "the database does not exist (" + pe.Message + ")"
		case strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "57P"):
			return "the connection was lost (" + pe.Message + ")"
		case pe.Code == "23514":
			return "the database refused a value its schema does not allow (" + pe.ConstraintName + ")"
		case pe.Code == "23505":
			return "the database refused a duplicate (" + pe.ConstraintName + ")"
		case pe.Code == "23503":
			return "the database refused a reference to a row that does not exist (" + pe.ConstraintName + ")"
		case pe.Code == "22021" || pe.Code == "22P05":
			return "the text holds a character PostgreSQL cannot store (NUL)"
		case pe.Code == "P0001":
			return pe.Message
		}
		return pe.Message + " (SQLSTATE " + pe.Code + ")"
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		var ne *net.OpError
		if errors.As(err, &ne) {
			return "cannot connect: " + ne.Err.Error()
		}
		if errors.As(ce.Unwrap(), &pe) {
			return cause(pe)
		}
		return "cannot connect: " + lastPart(ce.Unwrap().Error())
	}
	var ne *net.OpError
	if errors.As(err, &ne) {
		return "the connection failed: " + ne.Err.Error()
	}
	if pgconn.SafeToRetry(err) || pgconn.Timeout(err) || errors.Is(err, pgx.ErrTxClosed) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		// The server went away mid-answer (a restart): the driver says
		// "unexpected EOF".
		return "the connection was lost"
	}
	return err.Error()
}

func lastPart(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

func isUnique(err error) (constraint string, ok bool) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return pe.ConstraintName, true
	}
	return "", false
}
