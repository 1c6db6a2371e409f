package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"plugpub/tui/common"
)

// readLog is the records of a --log file, each a JSON object.
func readLog(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("not a JSON line: %q: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out
}

func TestLogFlag(t *testing.T) {
	dir := t.TempDir()
	db, logPath := filepath.Join(dir, "plugpub.db"), filepath.Join(dir, "debug.log")
	runIn := func(args ...string) int {
		var out, errb bytes.Buffer
		return execute(context.Background(), append([]string{"--db", db, "--log", logPath}, args...), strings.NewReader(""), &out, &errb)
	}
	if code := runIn("user", "add", "dev1", "--role", "developer"); code != exitOK {
		t.Fatalf("user add: exit %d", code)
	}
	if code := runIn("--as", "dev1", "plugin", "create", "bad-id", "--name", "x"); code != exitInvalid {
		t.Fatalf("plugin create of a bad id: exit %d", code)
	}
	if code := runIn("--as", "dev1", "plugin", "list", "--bogus"); code != exitUsage {
		t.Fatalf("an unknown flag: exit %d", code)
	}
	rs := readLog(t, logPath)
	var cmds, opens []map[string]any
	for _, r := range rs {
		switch r["msg"] {
		case "command":
			cmds = append(cmds, r)
		case "store open":
			opens = append(opens, r)
		}
	}
	if len(cmds) != 3 {
		t.Fatalf("want 3 command records, got %d: %v", len(cmds), rs)
	}
	for i, want := range []struct {
		command string
		exit    float64
		user    string
		err     string
	}{
		{"plugpub user add", exitOK, "", ""},
		{"plugpub plugin create", exitInvalid, "dev1", "bad-id"},
		{"plugpub plugin list", exitUsage, "dev1", "bogus"},
	} {
		r := cmds[i]
		if r["command"] != want.command || r["exit"] != want.exit || (want.user != "" && r["user"] != want.user) {
			t.Errorf("record %d: %v, want %+v", i, r, want)
		}
		if _, ok := r["duration_ms"].(float64); !ok {
			t.Errorf("record %d has no duration: %v", i, r)
		}
		if e, _ := r["error"].(string); want.err != "" && !strings.Contains(e, want.err) || want.err == "" && e != "" {
			t.Errorf("record %d: error %q, want one naming %q", i, e, want.err)
		}
	}
	// Only user add reached the database: the bad id is refused first.
	if len(opens) != 1 || opens[0]["path"] != db || opens[0]["schema"] == nil {
		t.Errorf("store open records: %v", opens)
	}
}

func TestNoLogFlagWritesNothing(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := execute(context.Background(), []string{"--db", filepath.Join(dir, "plugpub.db"), "user", "list"}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "log") {
			t.Errorf("%s written without --log", e.Name())
		}
	}
	// The console's logger is a no-op without a log, even on no context.
	var c *common.Context
	c.Logger().Info("nothing")
	(&common.Context{}).Logger().Error("nothing")
}

func TestLogFlagUnwritable(t *testing.T) {
	var out, errb bytes.Buffer
	code := execute(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "plugpub.db"), "--log", filepath.Join(t.TempDir(), "no", "such", "log"), "user", "list"},
		strings.NewReader(""), &out, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "--log") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}
