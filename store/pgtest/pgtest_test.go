package pgtest_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"plugpub/store/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// Each test gets its own UTF-8 database with a C.UTF-8 ctype (what pg_trgm
// needs for CJK trigrams), and the wrong password is refused.
func TestNewDB(t *testing.T) {
	c := pgtest.Shared(t)
	ctx := context.Background()
	a, b := c.NewDB(t), c.NewDB(t)
	if a == b {
		t.Fatalf("two tests share the database %s", a)
	}
	var enc, ctype string
	pgtest.QueryRow(t, a, "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()", &enc, &ctype)
	if enc != "UTF8" || ctype != "C.UTF-8" {
		t.Fatalf("encoding %s, ctype %s; want UTF8, C.UTF-8", enc, ctype)
	}
	pgtest.Exec(t, a, "CREATE TABLE x (n int)")
	if _, err := pgx.Connect(ctx, c.URL("postgres", "wrong")); err == nil {
		t.Fatal("a wrong password was accepted")
	}
}

// A test binary killed before its cleanup (go test's timeout, kill -9)
// leaves no server behind: the watchdog stops it. The child is this test
// binary again, starting its own cluster and printing its port.
func TestKilledTestLeavesNoServer(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") == "1" {
		c := pgtest.Own(t)
		fmt.Println("port", c.Port)
		time.Sleep(time.Minute) // killed long before
		return
	}
	pgtest.Shared(t) // skips (or fails under CI) without the binaries
	cmd := exec.Command(os.Args[0], "-test.run", "^TestKilledTestLeavesNoServer$", "-test.v")
	cmd.Env = append(os.Environ(), "PGTEST_CHILD=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	port := ""
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if p, ok := strings.CutPrefix(sc.Text(), "port "); ok {
			port = p
			break
		}
	}
	if port == "" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the child printed no port")
	}
	addr := net.JoinHostPort("127.0.0.1", port)
	if c, err := net.Dial("tcp", addr); err != nil {
		t.Fatalf("the child's server is not up: %v", err)
	} else {
		c.Close()
	}
	cmd.Process.Kill()
	cmd.Wait()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return // stopped
		}
		c.Close()
	}
	t.Fatalf("the server of a killed test binary still listens on %s after 30 s", addr)
}
