package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/internal/sshserve/sshtest"
	"plugpub/store/sqlite"
	"plugpub/workflow"
)

// End to end: the real binary's plugpub serve on a random loopback port,
// driven by the real OpenSSH client with keys ssh-keygen made.

// sshClient is the OpenSSH client, or a skip when it is missing outside CI
// (under CI=true a missing ssh fails: .ci/run installs openssh-client).
func sshClient(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing under CI (.ci/run installs openssh-client)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

type served struct {
	t      *testing.T
	cli    *cli
	dir    string
	addr   string
	port   string
	cmd    *exec.Cmd
	log    *sshtest.Buffer
	exited chan error
}

var listenRE = regexp.MustCompile(`msg="ssh serve" listen=(127\.0\.0\.1:(\d+))`)

// startServe runs plugpub serve on c's database and waits until it listens.
func startServe(t *testing.T, c *cli, args ...string) *served {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(cleanEnviron(), c.env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &served{t: t, cli: c, cmd: cmd, log: &sshtest.Buffer{}, exited: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.exited
	})
	found := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			s.log.Write(append(sc.Bytes(), '\n'))
			if m := listenRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m
			}
		}
		s.exited <- cmd.Wait()
	}()
	select {
	case m := <-found:
		s.addr, s.port = m[1], m[2]
	case <-time.After(15 * time.Second):
		t.Fatalf("plugpub serve did not start:\n%s", s.log)
	}
	return s
}

// sshArgs is an OpenSSH command line to the server with key, in English.
func (s *served) sshArgs(key string, extra ...string) []string {
	args := []string{"-p", s.port, "-i", key, "-F", "/dev/null",
		"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "SendEnv=PLUGPUB_LANG"}
	return append(append(args, extra...), "--", "127.0.0.1")
}

// consoleArgs is the command line of a console over OpenSSH with key
// (sshArgs, -tt) in a 256-colour terminal, in language lang.
func (s *served) consoleArgs(lang, key string) []string {
	return append([]string{"env", "TERM=xterm-256color", "PLUGPUB_LANG=" + lang, "ssh", "-tt"}, s.sshArgs(key)...)
}

func (s *served) ssh(key, stdin string, remote ...string) (string, string, int) {
	s.t.Helper()
	cmd := exec.Command(sshClient(s.t, "ssh"), append(s.sshArgs(key), remote...)...)
	cmd.Env = append(cleanEnviron(), "PLUGPUB_LANG=en")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		s.t.Fatalf("ssh %v: %v", remote, err)
	}
	return out.String(), errb.String(), code
}

// keygen makes an ed25519 key pair in dir with ssh-keygen.
func keygen(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	out, err := exec.Command(sshClient(t, "ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	return path
}

func TestServeWithOpenSSH(t *testing.T) {
	t.Parallel()
	sshClient(t, "ssh")
	c := newCLI(t)
	dir := t.TempDir()
	admin, dev, stranger := keygen(t, dir, "admin1"), keygen(t, dir, "dev1"), keygen(t, dir, "stranger")
	c.ok("user", "add", "admin1", "--role", "admin", "--key", admin+".pub")
	c.ok("user", "add", "dev1", "--role", "developer")
	c.ok("--as", "dev1", "plugin", "create", flowPlugin, "--name", "车牌识别")
	s := startServe(t, c)

	// The first admin lets dev1 in, over SSH.
	pub, err := os.ReadFile(dev + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := s.ssh(admin, "", "user", "key", "add", "dev1", shellQuote(strings.TrimSpace(string(pub)))); code != 0 {
		t.Fatalf("admin adding dev1's key over ssh: exit %d\n%s%s", code, out, errOut)
	}
	local := c.ok("--as", "dev1", "--json", "plugin", "list")
	out, errOut, code := s.ssh(dev, "", "plugin", "list", "--json")
	if code != 0 || out != local {
		t.Fatalf("ssh plugin list --json: exit %d, stderr %q\n%s\nlocal:\n%s", code, errOut, out, local)
	}
	// Stdin is the session's: a draft sent with --file -.
	c.ok("--as", "dev1", "draft", "sample", flowPlugin)
	draft := c.ok("--as", "dev1", "draft", "show", flowPlugin, "--json")
	if _, errOut, code := s.ssh(dev, draft, "draft", "set", flowPlugin, "--file", "-"); code != 0 {
		t.Fatalf("draft set --file - over ssh: exit %d: %s", code, errOut)
	}
	if _, errOut, code := s.ssh(dev, "", "--as", "admin1", "user", "list"); code != exitUsage || !strings.Contains(errOut, "decides who you are") {
		t.Fatalf("--as over ssh: exit %d: %s", code, errOut)
	}
	// The SSH user name changes nothing.
	cmd := exec.Command("ssh", append(s.sshArgs(dev, "-l", "admin1"), "user", "add", "x", "--role", "admin")...)
	cmd.Env = append(cleanEnviron(), "PLUGPUB_LANG=en")
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != exitForbidden {
		t.Fatalf("dev1 as ssh user admin1 adding an admin: %v, want exit 4", err)
	}
	fp := strings.Fields(run1(t, "ssh-keygen", "-l", "-f", stranger+".pub"))[1]
	_, errOut, code = s.ssh(stranger, "", "plugin", "list")
	if code != exitForbidden || !strings.Contains(errOut, fp) || !strings.Contains(errOut, "plugpub user key add NAME 'ssh-ed25519 ") {
		t.Fatalf("an unregistered key: exit %d: %s", code, errOut)
	}
	if !strings.Contains(s.log.String(), `user=dev1 command="plugin list --json" exit=0`) {
		t.Fatalf("no log line for the command:\n%s", s.log)
	}

	// SIGTERM: exit 0; a restart keeps the host key, so a client that
	// trusted it connects with StrictHostKeyChecking=yes.
	hostKey := filepath.Join(filepath.Dir(c.db()), hostKeyName)
	before, err := os.ReadFile(hostKey)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(hostKey); fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v", fi.Mode().Perm())
	}
	known := filepath.Join(dir, "known_hosts")
	first := exec.Command("ssh", append(s.sshArgs(dev, "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile="+known), "plugin", "list")...)
	if out, err := first.CombinedOutput(); err != nil {
		t.Fatalf("first connection: %v: %s", err, out)
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		s.exited <- err
		if err != nil {
			t.Fatalf("plugpub serve after SIGTERM: %v, want exit 0\n%s", err, s.log)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("plugpub serve did not stop on SIGTERM:\n%s", s.log)
	}
	s2 := startServe(t, c)
	after, _ := os.ReadFile(hostKey)
	if !bytes.Equal(before, after) {
		t.Fatal("a restart made a new host key")
	}
	// The port differs, and OpenSSH keys known hosts by port: trust the
	// same key under the new one.
	b, _ := os.ReadFile(known)
	b = bytes.ReplaceAll(b, []byte("]:"+s.port+" "), []byte("]:"+s2.port+" "))
	if err := os.WriteFile(known, b, 0o600); err != nil {
		t.Fatal(err)
	}
	again := exec.Command("ssh", append(s2.sshArgs(dev, "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile="+known), "plugin", "list")...)
	if out, err := again.CombinedOutput(); err != nil {
		t.Fatalf("after a restart, the known host key: %v: %s", err, out)
	}
}

func run1(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// TestServeConsoleInTmux opens the console over ssh -t in tmux, sees
// another session's commit at once, and quits with q.
func TestServeConsoleInTmux(t *testing.T) {
	t.Parallel()
	sshClient(t, "ssh")
	c := newCLI(t)
	dir := t.TempDir()
	dev := keygen(t, dir, "dev1")
	c.ok("user", "add", "dev1", "--role", "developer", "--key", dev+".pub")
	c.ok("--as", "dev1", "plugin", "create", flowPlugin, "--name", "车牌识别")
	s := startServe(t, c)
	con := startInTmux(t, filepath.Join(t.TempDir(), "status"),
		s.consoleArgs("en", dev))
	con.waitFor("车牌识别")
	start := time.Now()
	if _, errOut, code := s.ssh(dev, "", "plugin", "create", "2021004100000009", "--name", "发票助手"); code != 0 {
		t.Fatalf("plugin create over ssh: %d %s", code, errOut)
	}
	con.waitFor("发票助手")
	t.Logf("another session's commit shown after %s", time.Since(start))
	con.keys("q")
	if st := con.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("ssh exit status %s after q, want 0", st)
	}
}

// TestServeGuestConsoleInTmux: a key nobody registered opens the market
// as a guest over ssh -t, is told how to sign up, and is offered no 订购.
func TestServeGuestConsoleInTmux(t *testing.T) {
	t.Parallel()
	sshClient(t, "ssh")
	c := newDemoCLI(t)
	dir := t.TempDir()
	guest := keygen(t, dir, "guest")
	s := startServe(t, c)
	con := startInTmux(t, filepath.Join(t.TempDir(), "status"),
		s.consoleArgs("zh", guest))
	con.waitFor("signup NAME")
	con.waitFor("车牌号识别") // the browse list, newest first
	con.keys("Enter")
	con.waitFor("订购页")
	if screen := con.screen(); strings.Contains(screen, "o 订购") {
		t.Fatalf("a guest is offered 订购:\n%s", screen)
	}
	con.keys("q")
	if st := con.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("ssh exit status %s after q, want 0", st)
	}
}

// writers starts n goroutines, the writers g = 0…n-1, each calling
// write(g, i) for i = 0, 1, … until write returns false or stop is called;
// stop waits for them all.
func writers(n int, write func(g, i int) bool) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				if !write(g, i) {
					return
				}
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}

// TestServeSurvivesKill9 kills the server with SIGKILL while 20 clients
// write: the file passes integrity_check, the event log replays to the
// tables, and every command a client saw exit 0 is there.
func TestServeSurvivesKill9(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	key := sshtest.Key(t)
	c.ok("user", "add", "dev1", "--role", "developer", "--key", sshtest.AuthorizedKey(key))
	s := startServe(t, c)
	cfg := sshtest.Config("dev1", gossh.PublicKeys(key))
	var mu sync.Mutex
	var confirmed []string
	stop := writers(20, func(g, i int) bool {
		id := fmt.Sprintf("2021004100%02d%04d", g, i)
		cl, err := gossh.Dial("tcp", s.addr, cfg)
		if err != nil {
			return false // the server is gone
		}
		sess, err := cl.NewSession()
		if err == nil {
			err = sess.Run("plugin create " + id + " --name p" + id[10:])
			sess.Close()
		}
		cl.Close()
		if err == nil {
			mu.Lock()
			confirmed = append(confirmed, id)
			mu.Unlock()
		}
		return true
	})
	// Kill once writes flow: after 40 have finished (a race-enabled binary
	// is slow to get there), so many more are in flight.
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(confirmed)
		mu.Unlock()
		if n >= 40 {
			break
		}
	}
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	stop()
	mu.Lock()
	defer mu.Unlock()
	if len(confirmed) < 20 {
		t.Fatalf("only %d commands finished before the kill: the test would prove little", len(confirmed))
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, c.db())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatalf("integrity_check after kill -9: %v", err)
	}
	evs, err := st.AllEvents(ctx, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := workflow.Replay(evs)
	if err != nil {
		t.Fatal(err)
	}
	facts, err := st.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := replayed.DiffText(facts); d != "" {
		t.Fatalf("the log does not replay to the tables: %s", d)
	}
	for _, id := range confirmed {
		if !facts.Plugins[id] {
			t.Errorf("plugin %s was confirmed (exit 0) but is not in the database", id)
		}
	}
	t.Logf("%d confirmed writes, %d plugins after kill -9", len(confirmed), len(facts.Plugins))
}

// TestServeWizardSurvivesADroppedConnection types into the wizard over
// ssh, kills the ssh client (the connection drops mid-wizard), and finds
// the autosaved draft on reconnecting, where it stood.
func TestServeWizardSurvivesADroppedConnection(t *testing.T) {
	t.Parallel()
	sshClient(t, "ssh")
	c := newDemoCLI(t)
	dir := t.TempDir()
	dev := keygen(t, dir, "dev1")
	c.ok("user", "key", "add", "dev1", dev+".pub")
	s := startServe(t, c)
	sshLine := s.consoleArgs("en", dev)
	con := startInTmux(t, "", sshLine)
	con.typeInWizardAndKill("Z9")
	if out := c.ok("--as", "dev1", "draft", "show", "2021004100000001"); !strings.Contains(out, "Z9") {
		t.Fatalf("the typed text did not survive the dropped connection:\n%s", out)
	}
	again := startInTmux(t, "", sshLine)
	again.reopenWizard("Z9")
	again.keys("Escape", "q")
	again.waitExit()
}
