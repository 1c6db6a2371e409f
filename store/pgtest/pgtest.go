// Package pgtest gives tests a PostgreSQL database of their own: one
// throwaway cluster per test binary, made from the installed binaries on
// first use (initdb into a temporary folder, a random 127.0.0.1 port, a
// unix socket in a short folder, fsync off), a fresh database per test, and
// the cluster stopped and removed when the binary ends (Main).
//
// As root, initdb and postgres refuse to run, so they run as the postgres
// user (or nobody), in a folder that user owns. Without the binaries the
// tests skip, saying how to get them, except in CI (CI=true), where they
// must run.
package pgtest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"plugpub/internal/nobody"
)

// User and Password are the cluster's superuser; host connections need
// the password (scram-sha-256), so a test can give a wrong one.
const (
	User     = "plugpub"
	Password = "pgtest-secret"
)

// Cluster is one running PostgreSQL server.
type Cluster struct {
	Bin    string // the folder of initdb, pg_ctl and postgres
	Dir    string // holds data/, the socket and the log
	Port   int
	cred   *syscall.Credential
	nextDB atomic.Int64

	mu        sync.Mutex
	templates map[string]*template

	adminMu   sync.Mutex
	adminConn *pgx.Conn

	watchdog *exec.Cmd // stops the server if this process dies first
}

// template is a database prepared once, that NewDBFrom copies.
type template struct {
	once sync.Once
	err  error
}

var (
	once    sync.Once
	shared  *Cluster
	initErr error
)

// Main runs the tests of m and stops the cluster if any test started one.
// A test binary that uses this package calls it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	os.Exit(code)
}

// BinDir finds the newest installed PostgreSQL's binaries: $PG_BIN, else
// /usr/lib/postgresql/*/bin holding initdb.
func BinDir() (string, bool) {
	if d := os.Getenv("PG_BIN"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, true
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(dirs, func(i, j int) bool { return major(dirs[i]) > major(dirs[j]) })
	if len(dirs) == 0 {
		return "", false
	}
	return filepath.Dir(dirs[0]), true
}

func major(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// Shared is the cluster of this test binary, started on first use. It
// skips t without PostgreSQL binaries, or fails it when CI=true.
func Shared(t testing.TB) *Cluster {
	t.Helper()
	bin := binaries(t)
	once.Do(func() { shared, initErr = Start(bin) })
	if initErr != nil {
		t.Fatalf("starting a throwaway PostgreSQL cluster: %v", initErr)
	}
	return shared
}

// Own is a cluster for t alone, stopped when t ends: for a test binary
// whose TestMain does not call Main.
func Own(t testing.TB) *Cluster {
	t.Helper()
	c, err := Start(binaries(t))
	if err != nil {
		t.Fatalf("starting a throwaway PostgreSQL cluster: %v", err)
	}
	t.Cleanup(c.Stop)
	return c
}

func binaries(t testing.TB) string {
	t.Helper()
	bin, ok := BinDir()
	if !ok {
		msg := "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/initdb or $PG_BIN): install them with `apt-get install postgresql` to run the PostgreSQL tests"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return bin
}

// runAs is the user the server runs as: this one, or when root the
// postgres user, else nobody.
func runAs() (*syscall.Credential, error) {
	if !nobody.Root() {
		return nil, nil
	}
	if u, err := user.Lookup("postgres"); err == nil {
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 == nil && err2 == nil {
			return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
		}
	}
	return &syscall.Credential{Uid: nobody.ID, Gid: nobody.ID}, nil
}

// Start makes and starts a new cluster with the binaries in bin.
func Start(bin string) (*Cluster, error) {
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	// A short folder: a unix socket's path is limited to about 100 bytes.
	dir, err := os.MkdirTemp(nobody.Base(), "pgt")
	if err != nil {
		return nil, err
	}
	c := &Cluster{Bin: bin, Dir: dir, cred: cred}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte(Password+"\n"), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		os.Chown(pw, int(cred.Uid), int(cred.Gid))
	}
	if out, err := c.run("initdb", "-D", c.data(), "-U", User, "--pwfile", pw, "-E", "UTF8", "--locale=C.UTF-8",
		"--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	var lastErr error
	for try := 0; try < 5; try++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		c.Port = port
		err = c.start()
		if err == nil {
			c.watch()
			return c, nil
		}
		lastErr = err
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

func (c *Cluster) data() string { return filepath.Join(c.Dir, "data") }

func (c *Cluster) run(tool string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(c.Bin, tool), args...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	return cmd.CombinedOutput()
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// watchdogScript waits for the test process ($1) to end, then stops the
// server (pg_ctl in $2, data in $3). /proc, not kill -0: the watchdog may
// run as another user than the process it watches.
const watchdogScript = `while [ -d "/proc/$1" ]; do sleep 1; done; "$2/pg_ctl" -D "$3" -m immediate -w stop >/dev/null 2>&1`

// watch starts the watchdog: a test binary killed by go test's timeout
// (or by hand) runs no cleanup, and its server would keep running, holding
// its port and memory, until the machine restarts. The watchdog is a
// session of its own, so the signal that kills the tests spares it.
func (c *Cluster) watch() {
	cmd := exec.Command("/bin/sh", "-c", watchdogScript, "pgtest-watchdog", strconv.Itoa(os.Getpid()), c.Bin, c.data())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Credential: c.cred}
	if cmd.Start() == nil {
		c.watchdog = cmd
		go cmd.Wait() // reaped when Stop ends it
	}
}

// Stop stops the server at once and removes its folder.
func (c *Cluster) Stop() {
	if c.watchdog != nil {
		c.watchdog.Process.Kill()
	}
	c.adminMu.Lock()
	if c.adminConn != nil {
		c.adminConn.Close(context.Background())
		c.adminConn = nil
	}
	c.adminMu.Unlock()
	c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
	os.RemoveAll(c.Dir)
}

// Restart stops the server (immediate: as a crash would) and starts it
// again on the same port.
func (c *Cluster) Restart() error {
	if err := c.Down(); err != nil {
		return err
	}
	return c.start()
}

// Down stops the server as a crash would (immediate), keeping its data, so
// a test can keep it away for a while; Up starts it again on the same port.
func (c *Cluster) Down() error {
	c.adminMu.Lock()
	if c.adminConn != nil {
		c.adminConn.Close(context.Background()) // it would not survive the restart
		c.adminConn = nil
	}
	c.adminMu.Unlock()
	if out, err := c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop"); err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

// Up starts the server that Down stopped.
func (c *Cluster) Up() error { return c.start() }

// start starts the server on c.Port: fsync off, which only a crash of the
// whole machine could make lose data (a test's data).
func (c *Cluster) start() error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200", c.Port, c.Dir)
	out, err := c.run("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.Dir, "log"), "-o", opts, "-w", "-t", "60", "start")
	if err != nil {
		return fmt.Errorf("pg_ctl start: %v: %s %s", err, out, lastLines([]byte(c.Log()), 5))
	}
	return nil
}

// URL is the address of database db on the cluster, with password pw.
func (c *Cluster) URL(db, pw string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(User, pw), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.Port)),
		Path: "/" + db, RawQuery: "sslmode=disable"}
	return u.String()
}

// NewDB creates an empty database (UTF-8, LC_CTYPE C.UTF-8, copied from
// template0) and returns its address; it is dropped when t ends.
func (c *Cluster) NewDB(t testing.TB) string {
	t.Helper()
	return c.testDB(t, func(ctx context.Context, name string) error {
		return c.admin(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
	})
}

// testDB names a database of its own for t, makes it with create (within
// a minute) and returns its address; it is dropped when t ends.
func (c *Cluster) testDB(t testing.TB, create func(ctx context.Context, name string) error) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.nextDB.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := create(ctx, name); err != nil {
		t.Fatalf("creating a test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := c.admin(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("dropping the test database %s: %v", name, err)
		}
	})
	return c.URL(name, Password)
}

// NewDBFrom is NewDB of a copy of the database name, which prepare makes
// once per cluster from an empty one (a migrated schema, say): copying a
// template is much faster than migrating every test's database.
func (c *Cluster) NewDBFrom(t testing.TB, name string, prepare func(addr string) error) string {
	t.Helper()
	c.mu.Lock()
	if c.templates == nil {
		c.templates = map[string]*template{}
	}
	tm := c.templates[name]
	if tm == nil {
		tm = &template{}
		c.templates[name] = tm
	}
	c.mu.Unlock()
	tm.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if tm.err = c.admin(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"); tm.err == nil {
			tm.err = prepare(c.URL(name, Password))
		}
	})
	if tm.err != nil {
		t.Fatalf("preparing the template database %s: %v", name, tm.err)
	}
	// The minute starts after prepare, which may take longer (a large copy).
	return c.testDB(t, func(ctx context.Context, db string) error {
		var err error
		for try := 0; try < 50; try++ {
			// The template must have no session; the last one of prepare
			// may take a moment to end.
			if err = c.admin(ctx, "CREATE DATABASE "+db+" TEMPLATE "+name); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		return err
	})
}

// admin runs sql on the postgres database, on one connection kept for it.
func (c *Cluster) admin(ctx context.Context, sql string) error {
	c.adminMu.Lock()
	defer c.adminMu.Unlock()
	if c.adminConn == nil || c.adminConn.IsClosed() {
		conn, err := pgx.Connect(ctx, c.URL("postgres", Password))
		if err != nil {
			return err
		}
		c.adminConn = conn
	}
	_, err := c.adminConn.Exec(ctx, sql)
	if err != nil && c.adminConn.IsClosed() {
		c.adminConn = nil
	}
	return err
}

// DB is a fresh database on the shared cluster (see Shared and NewDB).
func DB(t testing.TB) string {
	t.Helper()
	return Shared(t).NewDB(t)
}

// Log is the server's log so far, for a failing test to show.
func (c *Cluster) Log() string {
	b, _ := os.ReadFile(filepath.Join(c.Dir, "log"))
	return string(bytes.TrimSpace(b))
}
