package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plugpub/store/pgtest"
)

// TestPostgres runs the commands on PostgreSQL, on a cluster of its own:
// the faults of an address, and a demo moved by migrate, after which every
// list and view prints the same --json on both engines.
func TestPostgres(t *testing.T) {
	c := pgtest.Own(t)
	t.Run("faults", func(t *testing.T) {
		addr := c.NewDB(t)
		name := addr[strings.LastIndex(addr, "/")+1 : strings.Index(addr, "?")]
		for _, f := range []struct {
			name, db string
			want     []string
		}{
			{"wrong password", c.URL(name, "wrong-secret"), []string{fmt.Sprintf("127.0.0.1:%d/%s", c.Port, name), "password"}},
			{"unreachable", "postgres://plugpub:pw@127.0.0.1:1/plugpub?sslmode=disable", []string{"127.0.0.1:1/plugpub", "connection refused"}},
			{"malformed", "postgres://plugpub:pw@127.0.0.1:port/plugpub", []string{"malformed", "invalid port"}},
		} {
			// A command, and plugpub serve, which writes no host key either.
			hostKey := filepath.Join(t.TempDir(), "host")
			for _, args := range [][]string{{"--as", "dev1", "plugin", "list"}, {"serve", "--listen", "127.0.0.1:0", "--host-key", hostKey}} {
				t.Run(f.name+"/"+map[bool]string{true: "serve", false: "command"}[args[0] == "serve"], func(t *testing.T) {
					env := append(testEnv(t), "PLUGPUB_DB="+f.db)
					_, stderr, code := run(t, env, args...)
					if code != 1 {
						t.Errorf("exit %d, want 1; stderr %q", code, stderr)
					}
					msg := strings.TrimSuffix(stderr, "\n")
					if strings.Contains(msg, "\n") || strings.Contains(msg, "wrong-secret") || strings.Contains(msg, ":pw@") {
						t.Errorf("stderr %q is not one line without the password", stderr)
					}
					for _, w := range f.want {
						if !strings.Contains(msg, w) {
							t.Errorf("stderr %q does not say %q", msg, w)
						}
					}
				})
			}
			if _, err := os.Stat(hostKey); err == nil {
				t.Errorf("%s: plugpub serve wrote a host key before it could reach the database", f.name)
			}
		}
		if got := pgtest.Tables(t, addr); got != "" {
			t.Errorf("the refused commands wrote %s", got)
		}
	})

	t.Run("migrate", func(t *testing.T) {
		env := testEnv(t)
		file := filepath.Join(t.TempDir(), "demo.db")
		if _, stderr, code := run(t, env, "--db", file, "demo"); code != 0 {
			t.Fatalf("demo: exit %d: %s", code, stderr)
		}
		// A claim and a rejection's notes (schema 9) are copied too.
		var queue []struct{ ID int64 }
		out, stderr, code := run(t, env, "--db", file, "--as", "reviewer1", "--json", "review", "list")
		if code != 0 || json.Unmarshal([]byte(out), &queue) != nil || len(queue) < 2 {
			t.Fatalf("review list: %d %s %s", code, out, stderr)
		}
		for _, args := range [][]string{
			{"review", "claim", fmt.Sprint(queue[0].ID)},
			{"review", "reject", fmt.Sprint(queue[1].ID), "--reason", "请修改", "--note", "info.title=标题太泛", "--note", "guide.components[0].name=改名"},
		} {
			if _, stderr, code := run(t, env, append([]string{"--db", file, "--as", "reviewer1"}, args...)...); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
		}
		addr := c.NewDB(t)
		stdout, stderr, code := run(t, env, "migrate", "--from", file, "--to", addr, "--json")
		if code != 0 {
			t.Fatalf("migrate: exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, "copied plugins") || !strings.Contains(stderr, "verified") {
			t.Errorf("no progress on stderr: %q", stderr)
		}
		var m migrated
		if err := json.Unmarshal([]byte(stdout), &m); err != nil || m.Tables["plugins"] == 0 || m.Events == 0 || strings.Contains(m.To, pgtest.Password) {
			t.Errorf("migrate printed %s (%v)", stdout, err)
		}
		// Into a database that is not empty: refused, exit 5.
		if _, stderr, code := run(t, env, "migrate", "--from", file, "--to", addr); code != 5 || !strings.Contains(stderr, "not empty") && !strings.Contains(stderr, "already") {
			t.Errorf("migrate again: exit %d, %q; want 5", code, stderr)
		}

		var plugins []struct{ ID string }
		out, stderr, code = run(t, env, "--db", file, "--as", "reviewer1", "--json", "plugin", "list")
		if code != 0 || json.Unmarshal([]byte(out), &plugins) != nil || len(plugins) == 0 {
			t.Fatalf("plugin list: %d %s %s", code, out, stderr)
		}
		cmds := [][]string{
			{"--as", "reviewer1", "plugin", "list"},
			{"--as", "dev1", "plugin", "list", "--filter", "车"},
			{"--as", "reviewer1", "review", "list"},
			{"--as", "reviewer1", "review", "list", "--mine"},
			{"--as", "buyer1", "market", "search", "车牌"},
			{"--as", "buyer1", "market", "search", "插件"},
			{"--as", "buyer1", "market", "search", "会员 积分"},
			{"--as", "buyer1", "market", "orders"},
			{"--as", "reviewer1", "user", "list"},
		}
		for _, p := range plugins {
			cmds = append(cmds,
				[]string{"--as", "reviewer1", "version", "list", p.ID},
				[]string{"--as", "reviewer1", "submissions", p.ID},
				[]string{"--as", "reviewer1", "log", p.ID},
				[]string{"--as", "buyer1", "market", "view", p.ID},
			)
		}
		same := 0
		for _, args := range cmds {
			a, aerr, acode := run(t, env, append([]string{"--db", file, "--json"}, args...)...)
			b, berr, bcode := run(t, env, append([]string{"--db", addr, "--json"}, args...)...)
			if a != b || acode != bcode || aerr != berr {
				t.Errorf("plugpub %s differs:\nSQLite (exit %d): %s%s\nPostgreSQL (exit %d): %s%s", strings.Join(args, " "), acode, a, aerr, bcode, b, berr)
				continue
			}
			if acode == 0 && len(a) > 2 {
				same++
			}
		}
		if same < len(cmds)/2 {
			t.Errorf("only %d of %d commands printed anything: the comparison proves little", same, len(cmds))
		}
	})
}
