package main

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"plugpub/internal/nobody"
	"plugpub/internal/testfs"
	"plugpub/store/sqlite/sqlitetest"
)

// TestBrokenDatabases: every way the database file can be unusable gives
// one message naming the file and the cause, a non-zero exit code, and
// leaves the file byte for byte as it was, for a command that only reads
// and for one that writes.
func TestBrokenDatabases(t *testing.T) {
	t.Parallel()
	good := demoDBBytes(t)
	cases := []struct {
		name string
		// make builds the broken database in dir and returns its path.
		make func(t *testing.T, dir string) string
		// cause is what the message must say besides the file's name.
		cause string
		// unprivileged runs plugpub as another user when the test is root.
		unprivileged bool
		env          []string
	}{
		{name: "zero-byte file", cause: "is empty; not a plugpub database", make: func(t *testing.T, dir string) string {
			return writeDBFile(t, dir, nil)
		}},
		{name: "random bytes", cause: "is not an SQLite database", make: func(t *testing.T, dir string) string {
			rng := rand.New(rand.NewPCG(7, 7))
			b := make([]byte, 64<<10)
			for i := range b {
				b[i] = byte(rng.UintN(256))
			}
			return writeDBFile(t, dir, b)
		}},
		{name: "truncated database", cause: "is damaged", make: func(t *testing.T, dir string) string {
			return writeDBFile(t, dir, good[:len(good)/2])
		}},
		{name: "someone else's SQLite file", cause: "is an SQLite database but not a plugpub one", make: func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "plugpub.db")
			sqlitetest.Exec(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')")
			return path
		}},
		{name: "newer schema version", cause: "was written by a newer plugpub (schema 99", make: func(t *testing.T, dir string) string {
			path := writeDBFile(t, dir, good)
			sqlitetest.Exec(t, path, "PRAGMA user_version = 99")
			return path
		}},
		{name: "read-only file", cause: "cannot write: permission denied", unprivileged: true, make: func(t *testing.T, dir string) string {
			path := writeDBFile(t, dir, good)
			nobody.Give(t, path)
			nobody.Give(t, dir) // the folder is writable: only the file is not
			mustChmod(t, path, 0o400)
			return path
		}},
		{name: "read-only folder", cause: "cannot write: permission denied", unprivileged: true, make: func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "ro")
			if err := os.Mkdir(sub, 0o700); err != nil {
				t.Fatal(err)
			}
			path := writeDBFile(t, sub, good)
			nobody.Give(t, path)
			nobody.Give(t, sub)
			mustChmod(t, sub, 0o500)
			t.Cleanup(func() { os.Chmod(sub, 0o700) })
			return path
		}},
		{name: "held by another process", cause: "is busy: another plugpub process holds it",
			env: []string{"PLUGPUB_BUSY_TIMEOUT=1s"}, make: func(t *testing.T, dir string) string {
				path := writeDBFile(t, dir, good)
				holdWriteLock(t, path)
				return path
			}},
		{name: "a directory", cause: "is a folder, not a database file", make: func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "plugpub.db")
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, "inside", "x")
			return path
		}},
	}
	commands := [][]string{
		{"user", "list"},
		{"--as", "dev1", "plugin", "create", "2021004199999999", "--name", "新插件"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var opts runOpts
			if tc.unprivileged {
				opts = unprivileged(t)
			}
			dir := nobody.TempDir(t)
			path := tc.make(t, dir)
			for _, args := range commands {
				before := testfs.State(t, path)
				start := time.Now()
				_, errOut, code := runWith(t, opts, append([]string{"PLUGPUB_DB=" + path, "HOME=" + dir}, tc.env...), args...)
				took := time.Since(start)
				cmd := strings.Join(args, " ")
				t.Logf("plugpub %s (exit %d): %s", cmd, code, strings.TrimSpace(errOut))
				if code == 0 {
					t.Errorf("plugpub %s: exit 0 on a broken database", cmd)
				}
				if !strings.HasPrefix(errOut, "plugpub: ") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
					t.Errorf("plugpub %s: want one line starting with \"plugpub: \", got:\n%s", cmd, errOut)
				}
				mustContain(t, "plugpub "+cmd, errOut, path, tc.cause)
				for _, raw := range []string{"SQLITE_", "(11)", "(26)", "database is locked"} {
					if strings.Contains(errOut, raw) {
						t.Errorf("plugpub %s: SQLite's own words %q reached the user: %s", cmd, raw, errOut)
					}
				}
				if after := testfs.State(t, path); after != before {
					t.Errorf("plugpub %s changed %s", cmd, path)
				}
				// Not a speed check: a wait near the default 30 s means
				// PLUGPUB_BUSY_TIMEOUT was ignored.
				if took > 20*time.Second {
					t.Errorf("plugpub %s took %v", cmd, took)
				}
			}
		})
	}
}

func TestBusyTimeoutMustBeADuration(t *testing.T) {
	t.Parallel()
	env := append(testEnv(t), "PLUGPUB_BUSY_TIMEOUT=soon")
	_, errOut, code := run(t, env, "user", "list")
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	mustContain(t, "a bad PLUGPUB_BUSY_TIMEOUT", errOut, `PLUGPUB_BUSY_TIMEOUT="soon"`, "duration")
	if _, err := os.Stat(envValue(env, "PLUGPUB_DB")); err == nil {
		t.Error("the database was created anyway")
	}
}

// demoDBBytes returns the bytes of a real plugpub database, made once.
func demoDBBytes(t *testing.T) []byte {
	t.Helper()
	c := newDemoCLI(t)
	b, err := os.ReadFile(c.db())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.db() + "-wal"); err == nil {
		t.Fatal("the demo database left a -wal file; its main file alone is not the whole database")
	}
	return b
}

// writeDBFile writes b as the database file plugpub.db in dir.
func writeDBFile(t *testing.T, dir string, b []byte) string {
	t.Helper()
	return writeFile(t, dir, "plugpub.db", string(b))
}

// holdWriteLock takes the write lock of the database from this process (not
// plugpub's) until the test ends, as a plugpub stuck in a transaction would.
func holdWriteLock(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	// A read makes SQLite really take the lock, whatever the driver defers.
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tx.Rollback()
		db.Close()
	})
}

// unprivileged is how to run plugpub so that file permissions apply: as
// this user for an ordinary user, as nobody for root (as on CI: root writes
// read-only files and folders anyway, so only another user can show the
// refusal). TestMain builds the binary where nobody can reach it
// (nobody.MkdirTemp).
func unprivileged(t *testing.T) runOpts {
	t.Helper()
	if !nobody.Root() {
		return runOpts{}
	}
	// nobody must be able to run the binary.
	if err := os.Chmod(binPath, 0o755); err != nil {
		t.Fatal(err)
	}
	return runOpts{cred: nobody.Cred()}
}

func mustChmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}
