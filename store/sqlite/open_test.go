package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"plugpub/internal/nobody"
	"plugpub/internal/testfs"
	"plugpub/store/sqlite/sqlitetest"
	"plugpub/workflow"
)

func TestNewDatabaseIsPrivateAndComplete(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plugpub.db")
	st := openAt(t, path)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("new database has mode %o, want 600", mode)
	}
	if st.Path() != path {
		t.Errorf("Path() = %q, want %q", st.Path(), path)
	}
	var version, appID int
	if err := st.db.QueryRow("SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)").
		Scan(&version, &appID); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion || st.SchemaVersion() != SchemaVersion || appID != applicationID {
		t.Errorf("user_version %d, SchemaVersion() %d, application_id %#x; want %d, %d, %#x",
			version, st.SchemaVersion(), appID, SchemaVersion, SchemaVersion, applicationID)
	}
	var mode string
	if err := st.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	// Nothing is left behind from building the file under a temporary name.
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".new-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestReopenKeepsDataAndMigratesNothingTwice(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plugpub.db")
	for i := range 3 {
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if i == 0 {
			u, _ := workflow.NewUser("dev1", []workflow.Role{workflow.RoleDeveloper}, "")
			if err := st.PutUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.User(ctx, "dev1"); err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var tables int
		if err := st.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'plugins'").Scan(&tables); err != nil {
			t.Fatal(err)
		}
		if tables != 1 {
			t.Fatalf("open %d: %d plugins tables", i, tables)
		}
		st.Close()
	}
}

// TestRefusesWhatIsNotOurs: every refusal names the file and the cause and
// leaves the file byte for byte as it was.
func TestRefusesWhatIsNotOurs(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	// file makes the file of b; script, an SQLite file another program
	// made with a script.
	file := func(b []byte) func(*testing.T, string) {
		return func(t *testing.T, path string) { writeFile(t, path, b) }
	}
	script := func(sql string) func(*testing.T, string) {
		return func(t *testing.T, path string) { sqlitetest.Exec(t, path, sql) }
	}
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"empty", file(nil), "is empty; not a plugpub database"},
		{"random bytes", file(random), "is not an SQLite database"},
		{"short text", file([]byte("hello")), "is not an SQLite database"},
		{"header then garbage", file(append([]byte(sqliteHeader), random...)), "not a plugpub"},
		{"newer plugpub", func(t *testing.T, path string) {
			st := openAt(t, path)
			if _, err := st.db.Exec("PRAGMA user_version = 99"); err != nil {
				t.Fatal(err)
			}
			st.Close()
		}, fmt.Sprintf("was written by a newer plugpub (schema 99, this one knows %d); upgrade plugpub", SchemaVersion)},
		{"truncated", func(t *testing.T, path string) {
			st := openAt(t, path)
			for i := range 50 {
				u, _ := workflow.NewUser(fmt.Sprintf("dev%d", i), []workflow.Role{workflow.RoleDeveloper}, "")
				if err := st.PutUser(ctx, u); err != nil {
					t.Fatal(err)
				}
			}
			st.Close()
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, "is damaged"},
		{"bare newer version", script("PRAGMA user_version = 99"), "was written by a newer plugpub"},
		{"someone else's tables", script("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')"),
			"is an SQLite database but not a plugpub one"},
		{"someone else's versioned schema", script("CREATE TABLE notes (id INTEGER PRIMARY KEY); PRAGMA user_version = 1"),
			"is an SQLite database but not a plugpub one"},
		{"another application", script("PRAGMA application_id = 1234"), "is an SQLite database but not a plugpub one"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			c.make(t, path)
			before := testfs.State(t, path)
			st, err := Open(ctx, path)
			if err == nil {
				st.Close()
				t.Fatal("opened it")
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q should name %s and say %q", err, path, c.want)
			}
			if testfs.State(t, path) != before {
				t.Error("the file changed")
			}
		})
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRefusesAFolderAndAMissingFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := Open(ctx, dir); err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("opening a folder: %v", err)
	}
	missing := filepath.Join(dir, "nope", "plugpub.db")
	_, err := Open(ctx, missing)
	if err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), missing) {
		t.Errorf("opening in a missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Error("the missing folder was created")
	}
}

func TestReadOnlyIsAClearError(t *testing.T) {
	if nobody.Root() {
		// Root writes read-only files and folders anyway (as on CI): the
		// check runs as nobody, in a copy of this test binary that nobody
		// can reach, with a temporary folder of its own.
		dir := nobody.TempDir(t)
		tmp := filepath.Join(dir, "tmp")
		if err := os.Mkdir(tmp, 0o700); err != nil {
			t.Fatal(err)
		}
		nobody.Give(t, tmp)
		cmd := nobody.As(exec.Command(nobody.Executable(t, dir), "-test.run=^TestReadOnlyIsAClearError$", "-test.count=1", "-test.v"))
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestReadOnlyIsAClearError") {
			t.Fatalf("as nobody (uid %d): %v\n%s", nobody.ID, err, out)
		}
		return
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "plugpub.db")
	openAt(t, path).Close()

	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "cannot write: permission denied") || !strings.Contains(err.Error(), path) {
		t.Errorf("read-only file: %v", err)
	}
	os.Chmod(path, 0o600)

	// A folder it cannot write: no new file, and no -wal or -shm next to
	// an existing one.
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o700); err != nil {
		t.Fatal(err)
	}
	existing := filepath.Join(ro, "existing.db")
	openAt(t, existing).Close()
	if err := os.Chmod(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o700) })
	for _, p := range []string{filepath.Join(ro, "plugpub.db"), existing} {
		_, err = Open(ctx, p)
		if err == nil || !strings.Contains(err.Error(), "cannot write: permission denied") || !strings.Contains(err.Error(), p) {
			t.Errorf("read-only folder: %v", err)
		}
	}
}

// TestConcurrentFirstOpen: two openers of one fresh path both get a working
// database, and it is the same one.
func TestConcurrentFirstOpen(t *testing.T) {
	ctx := context.Background()
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "plugpub.db")
		var wg sync.WaitGroup
		stores := make([]*Store, 4)
		errs := make([]error, len(stores))
		for i := range stores {
			wg.Go(func() { stores[i], errs[i] = Open(ctx, path) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d opener %d: %v", round, i, err)
			}
		}
		u, _ := workflow.NewUser("dev1", []workflow.Role{workflow.RoleDeveloper}, "")
		if err := stores[0].PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		for i, st := range stores {
			if _, err := st.User(ctx, "dev1"); err != nil {
				t.Errorf("round %d opener %d does not see the same database: %v", round, i, err)
			}
			st.Close()
		}
	}
}

// openWaiting opens a new database file with the waits o, closed when t
// ends.
func openWaiting(t *testing.T, o options) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plugpub.db")
	st, err := open(context.Background(), path, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// holdWriteLock begins a write transaction (BEGIN IMMEDIATE) on the file at
// path from a connection of its own, both ended when t ends.
func holdWriteLock(t *testing.T, path string) *sql.Tx {
	t.Helper()
	other, err := sql.Open("sqlite", dsn(path, false, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	holder, err := other.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { holder.Rollback() })
	return holder
}

// TestBusyDatabaseIsOneClearMessage holds the write lock from another
// connection: Update gives up with a message a person can act on, never
// SQLite's "database is locked".
func TestBusyDatabaseIsOneClearMessage(t *testing.T) {
	ctx := context.Background()
	st, path := openWaiting(t, options{busyTimeout: 50 * time.Millisecond, patience: 300 * time.Millisecond})
	u, _ := workflow.NewUser("dev1", []workflow.Role{workflow.RoleDeveloper}, "")
	if err := st.PutUser(ctx, u); err != nil {
		t.Fatal(err)
	}

	holder := holdWriteLock(t, path)
	if _, err := holder.Exec("UPDATE users SET buyer = '' WHERE name = 'dev1'"); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	calls := 0
	err := st.Update(ctx, "2021004100000001", func(workflow.Txn) (workflow.Change, error) {
		calls++
		return workflow.Change{}, nil
	})
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("got %v, want ErrBusy", err)
	}
	want := "the database " + path + " is busy: another plugpub process holds it; try again"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
	if calls != 0 {
		t.Errorf("decide ran %d times without the write lock", calls)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("gave up after %v, before its patience ran out", d)
	}

	// Once the lock is released, the same call goes through.
	holder.Rollback()
	if err := st.Update(ctx, "2021004100000001", func(workflow.Txn) (workflow.Change, error) {
		calls++
		return workflow.Change{}, nil
	}); err != nil || calls != 1 {
		t.Fatalf("after release: %v, %d calls", err, calls)
	}
}

// TestBusyRetryWaitsForTheHolder: a lock held for less than the patience is
// waited out, not reported.
func TestBusyRetryWaitsForTheHolder(t *testing.T) {
	ctx := context.Background()
	st, path := openWaiting(t, options{busyTimeout: 20 * time.Millisecond, patience: 5 * time.Second})
	holder := holdWriteLock(t, path)
	time.AfterFunc(200*time.Millisecond, func() { holder.Rollback() })
	u, _ := workflow.NewUser("dev1", []workflow.Role{workflow.RoleDeveloper}, "")
	if err := st.PutUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	err := st.Update(ctx, "2021004100000001", func(txn workflow.Txn) (workflow.Change, error) {
		_, ok, err := txn.User("dev1")
		if !ok {
			t.Error("dev1 not found")
		}
		return workflow.Change{}, err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAwkwardPaths: the path goes into a file: URI, where ?, #, % and &
// mean something; each must still name the file itself.
func TestAwkwardPaths(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "my data ?#%&=中文")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"plug pub.db", "a?mode=ro.db", "b#frag.db", "c%41.db", "d&_txlock=deferred.db", "插件.db"} {
		path := filepath.Join(dir, name)
		for range 2 { // create, then reopen
			st, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			st.Close()
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q, want just the 6 databases", names)
	}

	t.Chdir(dir)
	st, err := Open(ctx, "relative.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Path() != "relative.db" {
		t.Errorf("Path() = %q", st.Path())
	}
}

func TestOptionsBusyPatience(t *testing.T) {
	for _, tc := range []struct {
		patience time.Duration
		want     options
	}{
		{0, defaultOptions()},
		{-time.Second, defaultOptions()},
		{time.Second, options{busyTimeout: time.Second, patience: time.Second}},
		{2 * time.Minute, options{busyTimeout: defaultOptions().busyTimeout, patience: 2 * time.Minute}},
	} {
		if got := (Options{BusyPatience: tc.patience}).internal(); got != tc.want {
			t.Errorf("BusyPatience %v: got %+v, want %+v", tc.patience, got, tc.want)
		}
	}
}

// TestOpenWithShortPatience: a caller's patience bounds the whole wait for a
// database another connection holds, SQLite's own busy wait included; the
// default would wait DefaultBusyPatience.
func TestOpenWithShortPatience(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plugpub.db")
	openAt(t, path).Close()
	holdWriteLock(t, path)

	start := time.Now()
	st, err := OpenWith(ctx, path, Options{BusyPatience: 200 * time.Millisecond})
	if err == nil {
		st.Close()
		t.Fatal("opened a database whose write lock another connection holds")
	}
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v, want ErrBusy naming %s", err, path)
	}
	// Not a speed check: waiting anywhere near the default patience means
	// the option was ignored.
	if d := time.Since(start); d >= DefaultBusyPatience/2 {
		t.Errorf("waited %v with a patience of 200ms", d)
	}
}

// Schema 3 drops the second JSON check of a snapshot (the draft row's
// CHECK has read the same bytes); the file must stay sound and every
// connection must see the new schema.
func TestSnapshotIsCheckedOnce(t *testing.T) {
	ctx := t.Context()
	st := openAt(t, filepath.Join(t.TempDir(), "s.db"))
	var table string
	if err := st.db.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'submissions'").Scan(&table); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(table, "json_valid") || !strings.Contains(table, "snapshot     TEXT    NOT NULL,") {
		t.Fatalf("the submissions table still checks its snapshot:\n%s", table)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
