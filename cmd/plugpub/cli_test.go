package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestUsageErrors: whatever is wrong with the command line itself exits 2
// and says what, before any database is touched.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"version", "bogus"}, `unknown command "bogus"`},
		{[]string{"version"}, "needs a subcommand"},
		{[]string{"user", "list", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"version", "add", flowPlugin}, "missing X.Y.Z"},
		{[]string{"version", "add", flowPlugin, "1.0.0", "extra"}, `unexpected argument "extra"`},
		{[]string{"user", "add", "dev1"}, `"role" not set`},
		{[]string{"plugin", "create", flowPlugin}, `"name" not set`},
		{[]string{"draft", "set", flowPlugin}, `"file" not set`},
		{[]string{"version", "reject", flowPlugin, "1.0.0"}, `"reason" not set`},
		{[]string{"user", "list", "--limit", "0"}, "--limit must be"},
		{[]string{"user", "list", "--offset", "-1"}, "--offset must not be negative"},
		{[]string{"user", "list", "--limit", "x"}, "invalid argument"},
		{[]string{"market", "search"}, "missing QUERY"},
	} {
		errOut := c.fails(exitUsage, tc.args...)
		mustContain(t, strings.Join(tc.args, " "), errOut, tc.want, "--help")
	}
}

// TestInvalidArguments: a malformed id or version is invalid input (3), with the rule.
func TestInvalidArguments(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	mustContain(t, "bad plugin id", c.fails(exitInvalid, "--as", "dev1", "plugin", "create", "12ab", "--name", "x"), "16 digits")
	mustContain(t, "bad version", c.fails(exitInvalid, "--as", "dev1", "version", "add", flowPlugin, "1.2"), "1.0.0")
	mustContain(t, "bad version", c.fails(exitInvalid, "--as", "dev1", "submit", flowPlugin, "--version", "v1.0.0"), "version")
	mustContain(t, "bad submission id", c.fails(exitInvalid, "--as", "rev1", "review", "approve", "abc"), "positive number")
	c.fails(exitInvalid, "market", "search", " ")
}

// TestJSONListsAreNeverNull: an empty list is [], so scripts need no null case.
func TestJSONListsAreNeverNull(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for _, args := range [][]string{
		{"--json", "user", "list"},
		{"--json", "market", "search", "车牌"},
	} {
		if out := strings.TrimSpace(c.ok(args...)); out != "[]" {
			t.Errorf("plugpub %s = %s, want []", strings.Join(args, " "), out)
		}
	}
	c.ok("user", "add", "dev1", "--role", "developer")
	c.ok("--as", "dev1", "plugin", "create", flowPlugin, "--name", "x")
	for _, args := range [][]string{
		{"--json", "--as", "dev1", "submissions", flowPlugin},
		{"--json", "--as", "dev1", "version", "list", flowPlugin},
	} {
		if out := strings.TrimSpace(c.ok(args...)); out != "[]" {
			t.Errorf("plugpub %s = %s, want []", strings.Join(args, " "), out)
		}
	}
}

// TestUntrustedTextIsSanitized: a name full of terminal escapes and bidi
// overrides reaches neither the text nor the JSON output raw.
func TestUntrustedTextIsSanitized(t *testing.T) {
	t.Parallel()
	evil := "a\x1b]0;pwned\x07b\x1b[2Jc\u202ed\u0085e"
	c := newCLIWithPlugin(t, evil)
	for _, args := range [][]string{
		{"--as", "dev1", "plugin", "list"},
		{"--json", "--as", "dev1", "plugin", "list"},
		{"--as", "dev1", "log", flowPlugin},
	} {
		out := c.ok(args...)
		if strings.ContainsAny(out, "\x1b\x07\u202e\u0085") {
			t.Errorf("plugpub %s printed a raw control character: %q", strings.Join(args, " "), out)
		}
	}
	var ps []struct{ Name string }
	c.json(&ps, "--as", "dev1", "plugin", "list")
	if len(ps) != 1 || ps[0].Name != strings.TrimSpace(evil) {
		t.Errorf("--json must keep the stored name exactly (escaped): got %+v", ps)
	}
}

// TestTUIWithoutTerminal: with no terminal the console says so and exits 0.
func TestTUIWithoutTerminal(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out := c.ok("--as", "dev1")
	mustContain(t, "plugpub without a terminal", out, "needs a terminal", "dev1", c.db())
}

// The in-process tests below run the command tree without a process.

func TestHelpInProcess(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := execute(context.Background(), []string{"--help"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("--help: exit %d: %s", code, errOut.String())
	}
	for _, cmd := range []string{"demo", "user", "plugin", "version", "draft", "submit", "withdraw", "submissions", "review", "release", "hide", "show", "market", "log"} {
		mustContain(t, "--help", out.String(), "\n  "+cmd+" ")
	}
	mustContain(t, "--help", out.String(), "--db", "--as", "--json")
}

func TestTableAlignsByDisplayWidth(t *testing.T) {
	tb := newTable("ID", "TITLE", "STATE")
	tb.row("1", "小程序OCR车牌号识别插件", state("listed"))
	tb.row("22", "ab", "x\x1b[31my")
	var b bytes.Buffer
	if err := tb.render(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), b.String())
	}
	// The third column starts at the same display column on every line.
	col := -1
	for _, l := range lines {
		i := strings.LastIndex(l, "  ")
		w := ansi.StringWidth(l[:i+2])
		if col >= 0 && w != col {
			t.Errorf("columns do not line up:\n%s", b.String())
		}
		col = w
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Errorf("a cell's escape sequence reached the output: %q", b.String())
	}
}

func TestEscapeTerminalUnsafeKeepsJSONValid(t *testing.T) {
	in := map[string]string{"s": "a\u202eb\u0085c\x7fd中"}
	var b bytes.Buffer
	if err := writeJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\u202e\u0085\x7f") {
		t.Errorf("raw unsafe rune in %q", b.String())
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["s"] != in["s"] {
		t.Errorf("round trip = %q, %v; want %q", back["s"], err, in["s"])
	}
}
