package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is text a person could paste or import that a terminal would act
// on: a colour, a window title (OSC), clear-screen, a C1 CSI, bidi overrides
// and isolates (Trojan Source), a bell, a carriage return, a NEL.
const hostile = "\x1b[31m红\x1b]0;pwned\x07\x1b[2J\u009b6n\u202e\u2066反\u2069\r\u0085"

// hostileShort fits a 20-character title.
const hostileShort = "\x1b[1m牌\u202e\x07\u0085"

// terminalUnsafeIn names the first rune of s a terminal would act on.
func terminalUnsafeIn(s string) string {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("%U at byte %d in …%q…", r, i, s[max(0, i-20):min(len(s), i+20)])
		}
	}
	return ""
}

// TestHostileTextNeverReachesTheTerminal puts hostile text into every
// free-text field a person fills (plugin name, the info form, the guide, a
// rejection reason), takes the plugin through review to the market, and
// runs every command that prints text: none prints a rune a terminal would
// act on, while the readable part of the text still shows.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "车牌"+hostile)
	P := flowPlugin
	c.ok("user", "add", "reviewer1", "--role", "reviewer")
	c.ok("user", "add", "buyer1", "--role", "consumer")
	for _, args := range [][]string{
		{"version", "add", P, "1.0.0"}, {"version", "submit", P, "1.0.0"},
	} {
		c.ok(append([]string{"--as", "dev1"}, args...)...)
	}
	c.ok("--as", "reviewer1", "version", "reject", P, "1.0.0", "--reason", "版本"+hostile)
	c.ok("--as", "dev1", "version", "return", P, "1.0.0")
	c.ok("--as", "dev1", "version", "submit", P, "1.0.0")
	c.ok("--as", "reviewer1", "version", "approve", P, "1.0.0")
	c.ok("--as", "dev1", "version", "online", P, "1.0.0")

	// The sample draft with hostile text in every free-text field.
	c.ok("--as", "dev1", "draft", "sample", P)
	var d map[string]any
	if err := json.Unmarshal([]byte(c.ok("--as", "dev1", "draft", "show", P)), &d); err != nil {
		t.Fatal(err)
	}
	info := d["info"].(map[string]any)
	info["title"] = "车" + hostileShort
	info["intro"] = "简介" + hostile
	for _, k := range []string{"description", "usage", "cases"} {
		info[k] = fmt.Sprintf("第一行%s\n第二行%s", hostile, hostile)
	}
	guide := d["guide"].(map[string]any)
	guide["instructions"] = "说明" + hostile
	for _, list := range []string{"components", "pages", "apis"} {
		for _, e := range guide[list].([]any) {
			e.(map[string]any)["description"] = "描述" + hostile
		}
	}
	comp := guide["components"].([]any)[0].(map[string]any)
	for _, p := range comp["props"].([]any) {
		p.(map[string]any)["description"] = "属性" + hostile
	}
	file := filepath.Join(t.TempDir(), "draft.json")
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("--as", "dev1", "draft", "set", P, "--file", file)
	c.ok("--as", "dev1", "draft", "check", P)

	// Review it twice: rejected with a hostile reason, then approved.
	c.ok("--as", "dev1", "submit", P)
	c.ok("--as", "reviewer1", "review", "reject", latestSubmission(t, c, P), "--reason", "驳回"+hostile)
	c.ok("--as", "dev1", "submit", P)
	c.ok("--as", "reviewer1", "review", "approve", latestSubmission(t, c, P))
	c.ok("--as", "dev1", "release", P)
	c.ok("--as", "buyer1", "market", "order", P)
	c.ok("--as", "dev1", "submit", P) // a modification in the review queue

	// A draft whose problems quote hostile names: draft set warns, check lists.
	esc, err := json.Marshal(hostile)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.ReplaceAll(string(b), `"name":"`, `"name":"`+string(esc[1:len(esc)-1]))
	badFile := writeFile(t, t.TempDir(), "bad.json", bad)
	c.ok("--as", "dev1", "withdraw", P)
	_, setErr, code := run(t, c.env, "--as", "dev1", "draft", "set", P, "--file", badFile)
	if code != 0 || !strings.Contains(setErr, "warning") {
		t.Fatalf("draft set of a draft with bad names: exit %d\n%s", code, setErr)
	}

	for _, args := range [][]string{
		{"--as", "dev1", "plugin", "list"},
		{"--as", "dev1", "version", "list", P},
		{"--as", "dev1", "submissions", P},
		{"--as", "dev1", "log", P},
		{"--as", "dev1", "draft", "check", P},
		{"--as", "reviewer1", "review", "list"},
		{"market", "search", "车"},
		{"market", "view", P},
		{"--as", "buyer1", "market", "orders"},
		{"--as", "dev1", "draft", "show", P},
		{"--json", "--as", "dev1", "submissions", P},
		{"--json", "market", "view", P},
	} {
		out, errOut, _ := run(t, c.env, args...)
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if bad := terminalUnsafeIn(s); bad != "" {
				t.Errorf("plugpub %s: %s holds %s", strings.Join(args, " "), name, bad)
			}
			if !utf8.ValidString(s) {
				t.Errorf("plugpub %s: %s is not UTF-8", strings.Join(args, " "), name)
			}
		}
		if strings.Contains(strings.Join(args, " "), "market view") && !strings.Contains(out, "第二行") {
			t.Errorf("plugpub %s lost the readable text:\n%s", strings.Join(args, " "), out)
		}
	}
	// A refusal quoting hostile input is sanitised too.
	errOut := c.fails(exitNotFound, "--as", "ghost"+hostile, "plugin", "list")
	if bad := terminalUnsafeIn(errOut); bad != "" {
		t.Errorf("an error message holds %s", bad)
	}
}

// TestOversizedInputIsRefused: a 1 MB description, 10,000 properties and
// 100 KB names are refused with exit 3 and a message that states the
// limit, without flooding the terminal, and nothing is saved.
func TestOversizedInputIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "车牌识别")
	P := flowPlugin
	c.ok("--as", "dev1", "draft", "sample", P)
	shown := c.ok("--as", "dev1", "draft", "show", P)

	huge := strings.Repeat("长", 1<<20) // a million characters, 3 MB
	name100k := strings.Repeat("n", 100<<10)
	props := make([]any, 10_000)
	for i := range props {
		props[i] = map[string]any{"name": fmt.Sprintf("p%d", i), "type": "String"}
	}
	for _, tc := range []struct {
		name  string
		edit  func(d map[string]any)
		limit string
	}{
		{"a 1 MB description", func(d map[string]any) {
			d["info"].(map[string]any)["description"] = huge
		}, "info.description: has 1048576 characters; at most 20000 are allowed"},
		{"10,000 properties", func(d map[string]any) {
			d["guide"].(map[string]any)["components"].([]any)[0].(map[string]any)["props"] = props
		}, "guide.components[0].props: there are 10000 props; at most 200 are allowed"},
		{"a 100 KB component name", func(d map[string]any) {
			d["guide"].(map[string]any)["components"].([]any)[0].(map[string]any)["name"] = name100k
		}, "guide.components[0].name: has 102400 characters; at most 200 are allowed"},
		{"a 5 MB file", func(d map[string]any) {
			d["info"].(map[string]any)["usage"] = strings.Repeat(huge, 2)
		}, "more than the 4 MiB limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal([]byte(shown), &d); err != nil {
				t.Fatal(err)
			}
			tc.edit(d)
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			file := writeFile(t, t.TempDir(), "big.json", string(b))
			errOut := c.fails(exitInvalid, "--as", "dev1", "draft", "set", P, "--file", file)
			mustContain(t, "draft set", errOut, tc.limit)
			if len(errOut) > 4096 {
				t.Errorf("the refusal is %d bytes long; it should state the limit, not echo the input", len(errOut))
			}
			if now := c.ok("--as", "dev1", "draft", "show", P); now != shown {
				t.Error("the oversized draft was saved")
			}
		})
	}

	for _, tc := range []struct {
		name  string
		args  []string
		limit string
	}{
		{"a 100 KB plugin name", []string{"--as", "dev1", "plugin", "create", "2021004100000002", "--name", name100k}, "plugin name must be 1–40 characters, got 102400"},
		{"a 100 KB user name", []string{"user", "add", name100k, "--role", "developer"}, "must be 1–64 letters"},
	} {
		errOut := c.fails(exitInvalid, tc.args...)
		mustContain(t, tc.name, errOut, tc.limit)
		if len(errOut) > 4096 {
			t.Errorf("%s: the refusal is %d bytes long; it should state the limit, not echo the input", tc.name, len(errOut))
		}
	}
	var users []any
	c.json(&users, "user", "list")
	if len(users) != 1 {
		t.Errorf("%d users after refusing one, want 1", len(users))
	}
}
