package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"plugpub/internal/testfs"
)

// complete runs the shell's completion request for args (the last one the
// word being completed) and returns the candidates without their
// descriptions, and the raw output.
func (c *cli) complete(args ...string) ([]string, string) {
	c.t.Helper()
	out := c.ok(append([]string{"__complete"}, args...)...)
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(l, ":") || l == "" {
			continue // the directive
		}
		v, _, _ := strings.Cut(l, "\t")
		got = append(got, v)
	}
	return got, out
}

// TestCompletion: the shell completes plugin ids, versions, submission ids,
// user names and flag values from the database, which it never changes.
func TestCompletion(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	// No database yet: nothing offered, and none created.
	if got, out := c.complete("--as", "dev1", "log", ""); len(got) != 0 {
		t.Errorf("completion without a database offered %v:\n%s", got, out)
	}
	if _, err := os.Stat(c.db()); !os.IsNotExist(err) {
		t.Fatalf("completion created the database (%v)", err)
	}
	c.ok("demo")
	before := testfs.State(t, filepath.Dir(c.db()))

	for _, tc := range []struct {
		args []string
		want []string // exactly these, in this order
		desc []string // in the output (descriptions)
	}{
		{[]string{"--as", "dev1", "submissions", ""}, []string{"2021004100000001", "2021004100000002", "2021004100000005"}, []string{"车牌识别"}},
		{[]string{"--as", "dev2", "log", "20210041000000"}, []string{"2021004100000003", "2021004100000004"}, nil},
		{[]string{"--as", "reviewer1", "market", "view", "2021004100000004"}, []string{"2021004100000004"}, nil},
		{[]string{"--as", "dev1", "log", "2021004100000001", ""}, nil, nil}, // log takes one argument
		{[]string{"--as", "dev1", "version", "submit", "2021004100000001", ""}, []string{"1.0.0"}, []string{"已上线"}},
		{[]string{"--as", "dev1", "version", "add", "2021004100000001", ""}, nil, nil},
		{[]string{"--as", "dev1", "submit", "2021004100000001", "--version", ""}, []string{"1.0.0"}, nil},
		{[]string{"--as", "reviewer1", "review", "approve", ""}, []string{"4", "6"}, []string{"2021004100000003 1.0.0 审核中"}},
		{[]string{"--as", "dev1", "review", "approve", ""}, nil, nil}, // not a reviewer: no queue
		{[]string{"--as", "dev1", "export", "2021004100000001", "--submission", ""}, []string{"1"}, nil},
		{[]string{"--as", ""}, []string{"buyer1", "buyer2", "dev1", "dev2", "reviewer1", "reviewer2"}, []string{"consumer, personal buyer"}},
		{[]string{"--as", "rev"}, []string{"reviewer1", "reviewer2"}, nil},
		{[]string{"market", "orders", "--as", "b"}, []string{"buyer1", "buyer2"}, nil},
		{[]string{"export", "2021004100000001", "--format", ""}, []string{"md", "json"}, nil},
		{[]string{"demo", "--scale", ""}, []string{"small", "large"}, nil},
		{[]string{"user", "add", "x", "--role", "developer,"}, []string{"developer,reviewer", "developer,consumer"}, nil},
		{[]string{"user", "add", "x", "--buyer", ""}, []string{"personal", "enterprise"}, []string{"企业"}},
		{[]string{"help", "ver"}, []string{"version"}, nil},
	} {
		got, out := c.complete(tc.args...)
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("complete %q = %q, want %q\n%s", tc.args, got, tc.want, out)
		}
		mustContain(t, "complete "+strings.Join(tc.args, " "), out, tc.desc...)
	}
	if after := testfs.State(t, filepath.Dir(c.db())); after != before {
		t.Errorf("completion changed the database folder")
	}
}

// TestVersionFlag: --version prints what the build info of the binary says,
// as go version -m reads it.
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out := strings.TrimSpace(c.ok("--version"))
	meta, err := exec.Command(goTool(), "version", "-m", binPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"plugpub "}
	for _, l := range strings.Split(string(meta), "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) >= 3 && f[0] == "mod":
			want = append(want, "plugpub "+f[2])
		case len(f) >= 2 && f[0] == "build" && strings.HasPrefix(f[1], "vcs.revision="):
			want = append(want, strings.TrimPrefix(f[1], "vcs.revision=")[:12])
		case len(f) >= 2 && f[0] == "build" && strings.HasPrefix(f[1], "vcs.time="):
			want = append(want, strings.TrimPrefix(f[1], "vcs.time="))
		}
	}
	mustContain(t, "plugpub --version", out, want...)
	if strings.Contains(out, "\n") {
		t.Errorf("--version printed more than one line: %q", out)
	}
}

func TestVersionLine(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "plugpub", Version: "v1.2.3"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "80ed4f7a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.time", Value: "2026-12-02T15:40:11Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, tc := range []struct {
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{bi, true, "plugpub v1.2.3 80ed4f7a1b2c 2026-12-02T15:40:11Z modified go1.26.8"},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true, "plugpub (devel) go1.26.8"},
		{nil, false, "plugpub (unknown version: built without module information)"},
	} {
		if got := versionLine(tc.bi, tc.ok); got != tc.want {
			t.Errorf("versionLine = %q, want %q", got, tc.want)
		}
	}
}

// TestHelpUnknownTopic: help for a command that does not exist is a usage
// error (exit 2) that names it, like the unknown command itself.
func TestHelpUnknownTopic(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for args, want := range map[string]string{
		"help nosuch":         `unknown help topic "nosuch"`,
		"help verson":         `did you mean "version"?`,
		"help version aprove": `did you mean "version approve"?`,
		"help version bogus":  `unknown help topic "version bogus"`,
		"verson":              `did you mean "version"?`,
	} {
		mustContain(t, args, c.fails(exitUsage, strings.Fields(args)...), want)
	}
	mustContain(t, "help version approve", c.ok("help", "version", "approve"), "Usage:", "plugpub version approve PLUGIN X.Y.Z")
	mustContain(t, "help", c.ok("help"), "Available Commands:", "completion")
}
