package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"plugpub/internal/nobody"
)

// binPath is the plugpub binary built once by TestMain.
var binPath string

func TestMain(m *testing.M) {
	// The tests read plugpub's English, the catalog's source; the in-process
	// runs read the language from this process's environment.
	// TestLanguageOfRefusals asks for the others.
	for _, k := range localeVars {
		os.Unsetenv(k)
	}
	os.Setenv("PLUGPUB_LANG", "en")
	// A folder nobody (uid 65534) can reach too, for the read-only cases
	// that run as nobody when the tests run as root (brokendb_test.go).
	dir, err := nobody.MkdirTemp("plugpub-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "plugpub")
	args := []string{"build", "-o", binPath}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command(goTool(), append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building plugpub for the CLI tests:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// testEnv gives a test its own database, home and XDG folder, so nothing
// reads or writes the developer's real data.
func testEnv(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	return []string{
		"PLUGPUB_DB=" + filepath.Join(dir, "plugpub.db"),
		"HOME=" + dir,
		"XDG_DATA_HOME=" + filepath.Join(dir, "xdg"),
	}
}

// demoEnv is testEnv with the demo data loaded.
func demoEnv(t *testing.T) []string {
	t.Helper()
	env := testEnv(t)
	if _, errOut, code := run(t, env, "demo"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	return env
}

func envValue(env []string, key string) string {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}

type runOpts struct {
	stdin string
	dir   string              // working directory; the test's cwd when ""
	cred  *syscall.Credential // run as this user; the test's own when nil
}

// run executes the real binary and returns what it printed and its exit code.
func run(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runWith(t, runOpts{}, env, args...)
}

func runWith(t *testing.T, o runOpts, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	cmd.Env = append(cleanEnviron(), env...)
	cmd.Stdin = strings.NewReader(o.stdin)
	cmd.Dir = o.dir
	if o.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: o.cred}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running plugpub %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), code
}

// cleanEnviron drops the variables that would point the binary at real
// data, and pins its language to English (PLUGPUB_LANG=en; a test appends
// PLUGPUB_LANG= and a LANG to ask for another). A race-enabled binary
// sleeps a second at exit by default, which over a hundred runs is most of
// the test's time: turn that off.
func cleanEnviron() []string {
	env := []string{"GORACE=" + strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"), "PLUGPUB_LANG=en"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "PLUGPUB_DB", "PLUGPUB_USER", "XDG_DATA_HOME", "HOME", "GORACE":
			continue
		}
		if slices.Contains(localeVars, k) {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// localeVars choose the language plugpub speaks.
var localeVars = []string{"PLUGPUB_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}

// cli is a test's session with one database.
type cli struct {
	t   *testing.T
	env []string
}

func newCLI(t *testing.T) *cli { return &cli{t: t, env: testEnv(t)} }

// newDemoCLI is newCLI with the demo data loaded.
func newDemoCLI(t *testing.T) *cli {
	t.Helper()
	c := newCLI(t)
	c.ok("demo")
	return c
}

// newCLIWithPlugin is newCLI with the developer dev1 and their plugin
// flowPlugin, named name: where most draft and import tests start.
func newCLIWithPlugin(t *testing.T, name string) *cli {
	t.Helper()
	c := newCLI(t)
	c.ok("user", "add", "dev1", "--role", "developer")
	c.ok("--as", "dev1", "plugin", "create", flowPlugin, "--name", name)
	return c
}

func (c *cli) db() string { return envValue(c.env, "PLUGPUB_DB") }

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	out, errOut, code := run(c.t, c.env, args...)
	if code != 0 {
		c.t.Fatalf("plugpub %s: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// fails runs a command that must exit with code and returns its stderr.
func (c *cli) fails(code int, args ...string) string {
	c.t.Helper()
	out, errOut, got := run(c.t, c.env, args...)
	if got != code {
		c.t.Fatalf("plugpub %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, code, out, errOut)
	}
	if !strings.HasPrefix(errOut, "plugpub: ") {
		c.t.Errorf("plugpub %s: stderr should start with \"plugpub: \", got:\n%s", strings.Join(args, " "), errOut)
	}
	return errOut
}

// json runs a command with --json that must succeed and decodes its stdout.
func (c *cli) json(v any, args ...string) {
	c.t.Helper()
	out := c.ok(append([]string{"--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.t.Fatalf("plugpub --json %s: stdout is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// writeFile writes body to the file name in dir and returns its path.
func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s should contain %q; got:\n%s", what, w, got)
		}
	}
}
