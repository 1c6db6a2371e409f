// Package sqlite keeps plugpub's data in one SQLite file (modernc.org/sqlite,
// pure Go): the schema, its migrations, and one function per query. It
// implements workflow.Store; every rule lives in workflow.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"plugpub/store"
	"plugpub/workflow"
)

var _ workflow.Store = (*Store)(nil)

//go:embed migrations/*.sql
var migrationFS embed.FS

// SchemaVersion is the newest schema this program knows: the number of
// migrations, and what PRAGMA user_version says once they have run.
const SchemaVersion = 9

// maxOpenConns bounds the connection pool of a Store; see openRW.
const maxOpenConns = 8

// applicationID is PRAGMA application_id of every plugpub database ("PLPB").
const applicationID = 0x504C5042

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// Store is a plugpub database. It is safe for concurrent use, and several
// processes may open the same file.
type Store struct {
	store.Reads // what both engines read alike, on db
	db          *sql.DB
	path        string
	readOnly    string        // the DSN of a read-only handle on the same file
	patience    time.Duration // see busyPatience
	watch       watcher
}

// options are the waits of a Store; tests shorten them.
type options struct {
	busyTimeout time.Duration // SQLite's own wait for a lock, per statement
	patience    time.Duration // how long a write retries a busy database in all
}

func defaultOptions() options { return options{busyTimeout: 5 * time.Second, patience: busyPatience} }

// DefaultBusyPatience is how long a Store waits, in all, for a database that
// another process holds before it reports ErrBusy.
const DefaultBusyPatience = busyPatience

// Options tune a Store for its caller.
type Options struct {
	// BusyPatience replaces DefaultBusyPatience when positive. A script that
	// would rather fail fast than wait half a minute sets it lower.
	BusyPatience time.Duration
}

func (o Options) internal() options {
	in := defaultOptions()
	if o.BusyPatience > 0 {
		in.patience = o.BusyPatience
		// SQLite's own wait comes first and is not cut short by the
		// patience, so it must not be longer.
		in.busyTimeout = min(in.busyTimeout, o.BusyPatience)
	}
	return in
}

// Open opens the database at path, creating it (mode 0600) if it does not
// exist; the folder must exist. A file that is not a plugpub database, or
// was written by a newer plugpub, is refused and left exactly as it was.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, defaultOptions())
}

// OpenWith is Open with Options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	return open(ctx, path, o.internal())
}

func open(ctx context.Context, path string, o options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	useOFDLocks()
	registerSQLFunctions() // migrations call them
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		ours, err := create(ctx, path, abs, o)
		if err != nil {
			return nil, err
		}
		if ours {
			return openRW(ctx, path, abs, o)
		}
	case err != nil:
		return nil, fmt.Errorf("database %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("database %s is a folder, not a database file", path)
	}
	if err := inspect(ctx, path, abs, o); err != nil {
		return nil, err
	}
	if err := writable(abs); err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return nil, fmt.Errorf("cannot open the database %s: cannot write: permission denied", path)
		}
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return openRW(ctx, path, abs, o)
}

var ofdOnce sync.Once

// useOFDLocks makes SQLite lock the database with open file description
// locks where the kernel has them. With classic POSIX locks, closing any
// descriptor of the file drops every lock this process holds on it, and
// Open reads the header of a file that another Store in this process may
// have open. Where OFD locks are unavailable, or a lock was already taken,
// the call changes nothing, which is the old behaviour.
func useOFDLocks() {
	ofdOnce.Do(func() { _, _ = sqlite.OFDLocking(true) })
}

// create makes a new, fully migrated database at abs. It is built under a
// temporary name and linked into place, so nobody ever sees a half-made
// file: a second process opening the same fresh path either finds nothing
// (and races to link its own) or finds a complete database. ours says the
// file at abs is the one made here, so there is nothing to inspect; it is
// false when another opener's file got there first.
func create(ctx context.Context, path, abs string, o options) (ours bool, err error) {
	dir := filepath.Dir(abs)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return false, fmt.Errorf("cannot create the database %s: the folder %s does not exist", path, dir)
	}
	// CreateTemp opens with O_CREATE|O_EXCL and mode 0600; SQLite gives the
	// -wal and -shm files the mode of the database.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".new-*")
	if err != nil {
		return false, createErr(path, err)
	}
	name := tmp.Name()
	tmp.Close()
	defer removeDB(name)
	st, err := openRW(ctx, path, name, o)
	if err != nil {
		return false, err
	}
	// Everything must be in the main file before it is linked: the -wal of
	// the temporary name is removed with it.
	var busy, logged, moved int
	err = st.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &moved)
	if cerr := st.db.Close(); err == nil {
		err = cerr
	}
	if err == nil && busy != 0 {
		err = errors.New("the new database could not be checkpointed")
	}
	if err != nil {
		return false, fmt.Errorf("creating the database %s: %w", path, err)
	}
	err = os.Link(name, abs)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		// Someone else's new database got there first; it is just as good,
		// once inspected like any existing file.
		return false, nil
	case isNoLink(err):
		return createInPlace(path, abs)
	}
	return false, createErr(path, err)
}

// createInPlace is for file systems without hard links: the file is created
// empty (O_EXCL, 0600) and migrated in place. A second process opening it in
// that moment is told it is empty; that is the price of such a file system.
func createInPlace(path, abs string) (bool, error) {
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, createErr(path, err)
	}
	return true, f.Close()
}

func isNoLink(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EOPNOTSUPP) ||
		errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EMLINK) || errors.Is(err, syscall.ENOSYS)
}

func createErr(path string, err error) error {
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("cannot create the database %s: cannot write: permission denied", path)
	}
	return fmt.Errorf("cannot create the database %s: %w", path, err)
}

// removeDB removes a database file with the files SQLite keeps next to it.
func removeDB(name string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(name + suffix)
	}
}

// inspect refuses what is not a plugpub database this program can use,
// without writing a byte: the checks before SQLite sees the file only read
// it, and SQLite only ever opens it read-only here. (Opening read-write
// would switch the file to WAL, which rewrites its header.)
func inspect(ctx context.Context, path, abs string, o options) error {
	f, err := os.Open(abs)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("cannot read the database %s: permission denied", path)
		}
		return fmt.Errorf("database %s: %w", path, err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return fmt.Errorf("database %s is empty; not a plugpub database", path)
	case err != nil && err != io.ErrUnexpectedEOF:
		return fmt.Errorf("reading the database %s: %w", path, err)
	case !bytes.Equal(head[:n], []byte(sqliteHeader)):
		return fmt.Errorf("database %s is not an SQLite database, so not a plugpub one", path)
	}

	db, err := sql.Open("sqlite", dsn(abs, true, o.busyTimeout))
	if err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	defer db.Close()
	var version, appID, objects int
	err = db.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT application_id FROM pragma_application_id),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&version, &appID, &objects)
	if err != nil {
		if isNotADB(err) {
			return fmt.Errorf("database %s is not an SQLite database (only its first bytes look like one), so not a plugpub one", path)
		}
		if isCorrupt(err) {
			return fmt.Errorf("database %s is damaged: SQLite finds it malformed, as a file cut short or overwritten would be; restore it from a backup", path)
		}
		if isReadOnly(err) {
			// Even reading a WAL database needs its -shm file, made next to it.
			return fmt.Errorf("cannot open the database %s: cannot write: permission denied (in its folder)", path)
		}
		return wrap(path, "reading the schema version of "+path, err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return notOurs(path)
	case version > SchemaVersion:
		return fmt.Errorf("database %s was written by a newer plugpub (schema %d, this one knows %d); upgrade plugpub", path, version, SchemaVersion)
	case version == 0 && objects > 0, version > 0 && appID != applicationID:
		return notOurs(path)
	}
	return nil
}

// isCorrupt reports SQLITE_CORRUPT: a truncated or overwritten file.
func isCorrupt(err error) bool {
	code, ok := sqliteCode(err)
	return ok && code&0xff == sqlite3.SQLITE_CORRUPT
}

func notOurs(path string) error {
	return fmt.Errorf("database %s is an SQLite database but not a plugpub one", path)
}

// dsn is the data source name for the file at abs. Read-only handles set
// nothing that writes; read-write ones get the pragmas every connection
// needs, and BEGIN IMMEDIATE, so a write transaction takes the write lock
// up front and never fails halfway with a busy upgrade.
func dsn(abs string, readOnly bool, busyTimeout time.Duration) string {
	u := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
	busy := fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds())
	if readOnly {
		return u + "?mode=ro&" + busy
	}
	return u + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&" + busy +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// openRW opens the file read-write and brings its schema up to date.
func openRW(ctx context.Context, path, abs string, o options) (*Store, error) {
	db, err := sql.Open("sqlite", dsn(abs, false, o.busyTimeout))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	// Each connection has its own page cache and parsed schema: bound how
	// many a burst of reads can open at once (SQLite serialises writes
	// anyway, and WAL readers do not need more on two cores).
	db.SetMaxOpenConns(maxOpenConns)
	// And keep them: database/sql keeps 2 idle by default, so a burst of
	// more (100 SSH consoles polling) closed the rest after each query and
	// opened them again, each time running the pragmas, reading the schema
	// and starting with a cold page cache.
	db.SetMaxIdleConns(maxOpenConns)
	s := &Store{db: db, path: path, readOnly: dsn(abs, true, o.busyTimeout), patience: o.patience}
	s.Reads = store.Reads{Conn: conn{db}, Wrap: s.wrap, Retry: s.retry, KeyTx: s.keyTx, Dialect: store.Dialect{
		TextFilter: textFilter, QueueFilter: queueFilter,
		SubmissionsFrom: submissionsIndexed, QueueFrom: queueIndexed,
	}}
	if err := s.retry(ctx, func() error { return db.PingContext(ctx) }); err != nil {
		db.Close()
		return nil, s.openErr(err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, s.openErr(err)
	}
	return s, nil
}

func (s *Store) openErr(err error) error {
	if isReadOnly(err) {
		return fmt.Errorf("cannot open the database %s: cannot write: permission denied (plugpub writes the file and its -wal and -shm files next to it)", s.path)
	}
	if errors.Is(err, ErrBusy) || workflow.KindOf(err) != 0 {
		return err
	}
	return s.wrap("opening the database "+s.path, err)
}

// Close closes the database.
func (s *Store) Close() error {
	s.watch.mu.Lock()
	if s.watch.conn != nil {
		s.watch.conn.Close()
		s.watch.conn = nil
	}
	s.watch.mu.Unlock()
	if err := s.db.Close(); err != nil {
		return s.wrap("closing the database "+s.path, err)
	}
	return nil
}

// Path is the database file as it was given to Open.
func (s *Store) Path() string { return s.path }

// SchemaVersion is the schema version of the open database, which Open
// has brought to this program's SchemaVersion.
func (s *Store) SchemaVersion() int { return SchemaVersion }

// migrations are the embedded migrations, checked (store.Migrations).
func migrations() ([]store.Migration, error) { return store.Migrations(migrationFS, SchemaVersion) }

// migrate applies the migrations the database lacks, each in its own
// transaction. The version is read again inside that transaction, which
// holds the write lock: of two processes opening an old file at once, the
// second finds the work done.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for {
		done := false
		err := s.retry(ctx, func() error {
			var err error
			done, err = s.migrateOne(ctx, ms)
			return err
		})
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next missing migration, or reports done. Its
// BEGIN IMMEDIATE is also what proves the file writable when nothing is
// missing.
func (s *Store) migrateOne(ctx context.Context, ms []store.Migration) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, err
	}
	if version > len(ms) {
		return false, fmt.Errorf("database %s was written by a newer plugpub (schema %d, this one knows %d); upgrade plugpub", s.path, version, SchemaVersion)
	}
	if version == len(ms) {
		return true, nil
	}
	m := ms[version]
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.Version)); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: %w", m.Name, err)
	}
	return false, nil
}

// IntegrityCheck asks SQLite to check the whole file and every foreign key.
// It checks on a connection of its own: FTS5's part of the check trusts
// what a connection cached about the market index, and on a connection that
// used the index before another process changed it, it reported a sound
// file as damaged ("fts5: checksum mismatch"; seen in the crash test).
func (s *Store) IntegrityCheck(ctx context.Context) error {
	db, err := sql.Open("sqlite", s.readOnly)
	if err != nil {
		return s.wrap("checking the integrity of "+s.path, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return s.wrap("checking the integrity of "+s.path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return s.wrap("checking the integrity of "+s.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.wrap("checking the integrity of "+s.path, err)
	}
	var fk int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil {
		return s.wrap("checking the foreign keys of "+s.path, err)
	}
	if fk > 0 {
		problems = append(problems, fmt.Sprintf("%d rows refer to rows that do not exist (PRAGMA foreign_key_check)", fk))
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("… and %d more", len(problems)-10))
		}
		return fmt.Errorf("the database %s is damaged:\n  %s", s.path, strings.Join(problems, "\n  "))
	}
	return nil
}
