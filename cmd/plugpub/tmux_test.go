package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// console runs the real binary in a private tmux server, for tests that
// type into the whole program and read its screen as a person would.
type console struct {
	t    *testing.T
	tmux string
	sock string
	name string
	// statusFile, when set, receives the program's exit status.
	statusFile string
}

func newConsole(t *testing.T, env []string, args ...string) *console {
	t.Helper()
	return startConsole(t, "", env, args)
}

// newExitingConsole is newConsole for a test of how the program ends: its
// exit status is written to the file statusFile names.
func newExitingConsole(t *testing.T, env []string, args ...string) *console {
	t.Helper()
	return startConsole(t, filepath.Join(t.TempDir(), "status"), env, args)
}

func startConsole(t *testing.T, statusFile string, env, args []string) *console {
	t.Helper()
	cmdline := []string{"env", "TERM=xterm-256color"}
	cmdline = append(cmdline, env...)
	cmdline = append(cmdline, binPath)
	cmdline = append(cmdline, args...)
	return startInTmux(t, statusFile, cmdline)
}

// startInTmux runs cmdline (the binary, or ssh to it) in a private tmux.
func startInTmux(t *testing.T, statusFile string, cmdline []string) *console {
	t.Helper()
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	c := &console{t: t, tmux: tmux, sock: filepath.Join(t.TempDir(), "tmux.sock"), name: "plugpub", statusFile: statusFile}
	if c.statusFile != "" {
		// A shell records the exit status, which tmux 3.3 does not
		// always report for a pane that is already dead.
		cmdline = append([]string{"sh", "-c", `"$@"; echo $? >` + quoteAll([]string{c.statusFile})[0], "sh"}, cmdline...)
	}
	c.run(append([]string{"new-session", "-d", "-x", "100", "-y", "30", "-s", c.name}, quoteAll(cmdline)...)...)
	t.Cleanup(func() { exec.Command(c.tmux, "-S", c.sock, "kill-server").Run() })
	return c
}

func quoteAll(args []string) []string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return []string{strings.Join(q, " ")}
}

func (c *console) run(args ...string) string {
	c.t.Helper()
	out, err := exec.Command(c.tmux, append([]string{"-S", c.sock}, args...)...).CombinedOutput()
	if err != nil {
		c.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// exitStatus waits for the program to end and returns its exit status
// (only for a console from newExitingConsole).
func (c *console) exitStatus(within time.Duration) string {
	c.t.Helper()
	for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if b, err := os.ReadFile(c.statusFile); err == nil && strings.HasSuffix(string(b), "\n") {
			return strings.TrimSpace(string(b))
		}
	}
	c.t.Fatalf("the program did not end within %s:\n%s", within, c.screen())
	return ""
}

// keys types into the console: tmux key names ("Enter", "Escape") or text.
func (c *console) keys(keys ...string) {
	c.t.Helper()
	for _, k := range keys {
		c.run("send-keys", "-t", c.name, k)
		time.Sleep(50 * time.Millisecond)
	}
}

func (c *console) screen() string {
	c.t.Helper()
	return c.run("capture-pane", "-p", "-t", c.name)
}

// waitFor waits until the screen shows text.
func (c *console) waitFor(text string) string {
	c.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := c.screen()
		if strings.Contains(s, text) {
			return s
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("the console never showed %q; it shows:\n%s", text, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// quit presses key (q, or C-c) and waits until the program has quit.
func (c *console) quit(key string) {
	c.t.Helper()
	c.keys(key)
	c.waitExit()
}

// demoConsole is a console acting as user on a fresh demo database, and
// the environment it runs in.
func demoConsole(t *testing.T, user string) ([]string, *console) {
	t.Helper()
	env := demoEnv(t)
	return env, newConsole(t, env, "--as", user)
}

// waitExit waits until the program has quit and the session with it.
func (c *console) waitExit() {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command(c.tmux, "-S", c.sock, "has-session", "-t", c.name).Run() == nil {
		if time.Now().After(deadline) {
			c.t.Fatalf("the console did not quit; it shows:\n%s", c.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// openPlugin waits for plugin in the list, opens it and waits for its page
// (版本管理).
func (c *console) openPlugin(plugin string) {
	c.t.Helper()
	c.waitFor(plugin)
	c.keys("Enter")
	c.waitFor("版本管理")
}

// TestConsoleInTmux drives the real binary on a demo database from the
// keyboard: open a plugin, add a version, quit.
func TestConsoleInTmux(t *testing.T) {
	env, c := demoConsole(t, "dev1")
	c.waitFor("我的插件")
	c.openPlugin("2021004100000001")
	c.keys("n")
	c.waitFor("新建版本")
	// The dialog suggests the next free version: clear it, type ours.
	c.keys("C-u", "1.2.0", "Enter")
	s := c.waitFor("开发中")
	if !strings.Contains(s, "1.2.0") {
		t.Fatalf("the new version should be 开发中:\n%s", s)
	}
	c.quit("q")
	out, _, code := run(t, env, "--as", "dev1", "version", "list", "2021004100000001")
	if code != 0 || !strings.Contains(out, "1.2.0") {
		t.Fatalf("the version typed in the console is not in the database (%d):\n%s", code, out)
	}
}

// TestReviewInTmux: a reviewer rejects the overdue demo submission with a
// reason from the review queue; its owner then reads the reason in 发布管理.
func TestReviewInTmux(t *testing.T) {
	env, rev := demoConsole(t, "reviewer1")
	rev.waitFor("审核队列")
	rev.keys("2")
	rev.waitFor("已超时")
	rev.keys("Enter")
	rev.waitFor("审核驳回")
	rev.keys("x")
	rev.waitFor("驳回原因")
	rev.keys("发票样例不完整", "C-s")
	rev.waitFor("审核驳回: #")
	rev.quit("q")

	dev := newConsole(t, env, "--as", "dev2")
	dev.openPlugin("2021004100000003")
	dev.keys("2")
	s := dev.waitFor("发票样例不完整")
	if !strings.Contains(s, "审核驳回") {
		t.Fatalf("发布管理 should show the rejection:\n%s", s)
	}
	dev.quit("q")
}

// TestWizardSurvivesSIGKILL types into the publish wizard, kills the
// process with SIGKILL, and finds the text in the draft afterwards: the
// draft saves itself as you type.
func TestWizardSurvivesSIGKILL(t *testing.T) {
	env, c := demoConsole(t, "dev1")
	c.typeInWizardAndKill("Z9")

	out, errOut, code := run(t, env, "--as", "dev1", "draft", "show", "2021004100000001")
	if code != 0 || !strings.Contains(out, "Z9") {
		t.Fatalf("the typed text did not survive SIGKILL (%d %s):\n%s", code, errOut, out)
	}
	again := newConsole(t, env, "--as", "dev1")
	again.reopenWizard("Z9") // reopening resumes exactly where the draft stood
	again.keys("Escape")
	again.quit("q")
}

// typeInWizardAndKill opens the wizard (openWizard), types text at the end
// of its first field, waits out the autosave, and kills the process in
// the pane with SIGKILL.
func (c *console) typeInWizardAndKill(text string) {
	c.t.Helper()
	openWizard(c)
	c.keys("End", text)
	c.waitFor(text)
	// The save delay and the save: the wizard says saved (已保存) with the time of
	// a save once one has happened since it opened (before, the word alone).
	// Waited for, bounded, since a loaded machine may take longer.
	saved := regexp.MustCompile(`(saved|已保存) \d\d:\d\d:\d\d`)
	for deadline := time.Now().Add(15 * time.Second); !saved.MatchString(c.screen()); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			c.t.Fatalf("the wizard never said it saved %q; it shows:\n%s", text, c.screen())
		}
	}
	pid := strings.TrimSpace(c.run("display-message", "-p", "-t", c.name, "#{pane_pid}"))
	if out, err := exec.Command("kill", "-9", pid).CombinedOutput(); err != nil {
		c.t.Fatalf("kill -9 %s: %v %s", pid, err, out)
	}
	c.waitExit()
}

// reopenWizard opens the wizard on the demo's listed plugin again, on its
// draft, and waits for text there.
func (c *console) reopenWizard(text string) {
	c.t.Helper()
	c.openPlugin("2021004100000001") // before 2 picks its tab: a 2 typed ahead would pick the home's
	c.keys("2")
	c.waitFor("修改信息")
	c.keys("e", "y")
	c.waitFor(text)
}
