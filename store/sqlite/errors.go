package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrBusy matches (errors.Is) the error returned when another process held
// the database for longer than this one would wait.
var ErrBusy = errors.New("the database is busy")

// busyPatience is how long a write keeps retrying a busy database before it
// gives up; each try already waits busy_timeout inside SQLite.
const busyPatience = 30 * time.Second

type busyError struct{ path string }

func (e *busyError) Error() string {
	return fmt.Sprintf("the database %s is busy: another plugpub process holds it; try again", e.path)
}

func (e *busyError) Is(target error) bool { return target == ErrBusy }

func sqliteCode(err error) (int, bool) {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code(), true
	}
	return 0, false
}

// isBusy reports an error SQLite gives when another connection holds a
// lock, whatever the extended code says about why.
func isBusy(err error) bool {
	if errors.Is(err, ErrBusy) {
		return true
	}
	code, ok := sqliteCode(err)
	return ok && (code&0xff == sqlite3.SQLITE_BUSY || code&0xff == sqlite3.SQLITE_LOCKED)
}

func isReadOnly(err error) bool {
	if errors.Is(err, fs.ErrPermission) {
		return true
	}
	code, ok := sqliteCode(err)
	return ok && (code&0xff == sqlite3.SQLITE_READONLY || code&0xff == sqlite3.SQLITE_CANTOPEN || code&0xff == sqlite3.SQLITE_PERM)
}

func isNotADB(err error) bool {
	code, ok := sqliteCode(err)
	return ok && code&0xff == sqlite3.SQLITE_NOTADB
}

func isUnique(err error) bool {
	code, ok := sqliteCode(err)
	return ok && (code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// wrap names the operation that failed, and turns a busy database into the
// one message a person can act on: SQLite's own words ("database is locked
// (5) (SQLITE_BUSY)") never reach the user.
func wrap(path, op string, err error) error {
	if err == nil {
		return nil
	}
	if isBusy(err) {
		return &busyError{path: path}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// wrap is the package wrap for this store's file.
func (s *Store) wrap(op string, err error) error { return wrap(s.path, op, err) }

// retry runs fn until it does not fail with a busy database, backing off
// between tries, for at most busyPatience. fn must be safe to run again:
// a whole transaction, never a part of one.
func (s *Store) retry(ctx context.Context, fn func() error) error {
	return retryBusy(ctx, s.path, s.patience, fn)
}

func retryBusy(ctx context.Context, path string, patience time.Duration, fn func() error) error {
	deadline := time.Now().Add(patience)
	pause := 5 * time.Millisecond
	for {
		err := fn()
		if !isBusy(err) {
			return err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return &busyError{path: path}
		}
		// Jitter keeps two waiting processes from retrying in lockstep; the
		// last wait is cut to the deadline, so the whole patience is used
		// (giving up a pause early would refuse a lock about to be free).
		t := time.NewTimer(min(pause/2+rand.N(pause), left))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("waiting for the busy database %s: %w", path, ctx.Err())
		case <-t.C:
		}
		pause = min(2*pause, time.Second)
	}
}
