package sshserve

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/internal/sshserve/sshtest"
	"plugpub/store/sqlite"
	"plugpub/tui"
	"plugpub/workflow"
)

// world is an in-process server on 127.0.0.1:0 over a real database in
// which dev1 holds devKey; otherKey is registered to nobody.
type world struct {
	t        *testing.T
	addr     string
	srv      *Server
	st       *sqlite.Store
	devKey   gossh.Signer
	otherKey gossh.Signer
	log      *sshtest.Buffer
	served   <-chan error
	release  chan struct{} // closes the "hold" command
}

// testExec is the Exec of these tests: it prints who the server says the
// session is, and does what the first argument asks.
func (w *world) exec(ctx context.Context, s *Session) int {
	args := s.Command()
	fmt.Fprintf(s, "as=%q env=%q\n", s.As, s.Env)
	if len(args) == 0 {
		return 0
	}
	switch args[0] {
	case "panic":
		panic("a bug in one session")
	case "hold": // until released, the client leaves or the server stops
		select {
		case <-w.release:
		case <-ctx.Done():
			return 1
		case <-s.Stopping:
			time.Sleep(200 * time.Millisecond) // a transaction finishing
			fmt.Fprintln(s, "finished")
		}
		return 0
	case "exit":
		return 3
	}
	return 0
}

func newWorld(t *testing.T, tune func(*Options)) *world {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &world{t: t, st: st, devKey: sshtest.Key(t), otherKey: sshtest.Key(t), log: &sshtest.Buffer{}, release: make(chan struct{})}
	svc := workflow.NewService(st, nil)
	if _, err := svc.AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddUser(ctx, "reviewer1", []workflow.Role{workflow.RoleReviewer}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddKey(ctx, workflow.Superuser, "dev1", sshtest.AuthorizedKey(w.devKey)); err != nil {
		t.Fatal(err)
	}
	pem, err := HostKey(filepath.Join(dir, "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{
		Listen:  "127.0.0.1:0",
		HostKey: pem,
		Keys:    st,
		Log:     slog.New(slog.NewTextHandler(w.log, nil)),
		Exec:    w.exec,
	}
	if tune != nil {
		tune(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	w.srv = srv
	w.addr, w.served = sshtest.Start(t, srv)
	return w
}

func (w *world) dial(user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", w.addr, sshtest.Config(user, auth...))
}

func (w *world) client(key gossh.Signer) *gossh.Client {
	w.t.Helper()
	c, err := w.dial("anyone", gossh.PublicKeys(key))
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { c.Close() })
	return c
}

func TestIdentityIsTheKeyNotTheUserNameOrEnvironment(t *testing.T) {
	w := newWorld(t, nil)
	c, err := w.dial("reviewer1", gossh.PublicKeys(w.devKey))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := sshtest.Run(t, c, "", "whoami", "PLUGPUB_USER=reviewer1", "USER=reviewer1", "PLUGPUB_DB=/tmp/other.db", "LANG=zh_CN.UTF-8")
	if want := `as="dev1" env=["LANG=zh_CN.UTF-8"]`; !strings.Contains(r.Stdout, want) {
		t.Fatalf("stdout %q, want %s", r.Stdout, want)
	}
	if r := sshtest.Run(t, c, "", "exit"); r.Code != 3 {
		t.Fatalf("exit status %d, want the command's 3", r.Code)
	}
	unknown := w.client(w.otherKey)
	if r := sshtest.Run(t, unknown, "", "whoami"); !strings.Contains(r.Stdout, `as=""`) {
		t.Fatalf("an unregistered key is %q, want nobody", r.Stdout)
	}
}

// offerOnly offers another's public key but cannot sign for it: what a
// client without the private key can do.
type offerOnly struct {
	pub gossh.PublicKey
	n   *int
}

func (o offerOnly) PublicKey() gossh.PublicKey { return o.pub }
func (o offerOnly) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	*o.n++ // the server answered the offer with "that key would do"
	return nil, errors.New("no private key")
}

// then is an AuthCallback trying methods in order, whatever the server
// advertises.
func then(methods ...gossh.AuthMethod) func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
	return func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
		if len(methods) == 0 {
			return nil, nil
		}
		m := methods[0]
		methods = methods[1:]
		return m, nil
	}
}

// GHSA-pchf-49fh-w34r: offering the victim's public key, before
// authenticating with one's own, must not make one the victim.
func TestOfferedKeyIsNotWhoYouAre(t *testing.T) {
	w := newWorld(t, nil)
	n := 0
	c, err := gossh.Dial("tcp", w.addr, &gossh.ClientConfig{
		User:            "dev1",
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		AuthCallback:    then(gossh.PublicKeys(offerOnly{pub: w.devKey.PublicKey(), n: &n}), gossh.PublicKeys(w.otherKey)),
		Timeout:         5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n != 1 {
		t.Fatalf("the victim's key was offered and accepted %d times, want once (else the test tests nothing)", n)
	}
	if r := sshtest.Run(t, c, "", "whoami"); !strings.Contains(r.Stdout, `as=""`) {
		t.Fatalf("after offering dev1's key the client is %q, want nobody", r.Stdout)
	}
}

func TestOnlyPublicKeyAuthentication(t *testing.T) {
	w := newWorld(t, nil)
	asked := 0
	for name, auth := range map[string][]gossh.AuthMethod{
		"password": {gossh.Password("secret")},
		"keyboard-interactive": {gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			asked++
			return []string{"secret"}, nil
		})},
		"none": nil,
	} {
		c, err := w.dial("dev1", auth...)
		if err == nil {
			c.Close()
			t.Fatalf("%s authentication was accepted", name)
		}
		if !strings.Contains(err.Error(), "unable to authenticate") {
			t.Fatalf("%s: %v, want unable to authenticate", name, err)
		}
	}
	if asked != 0 {
		t.Fatalf("the server asked keyboard-interactive questions %d times", asked)
	}
}

func TestMaxAuthTries(t *testing.T) {
	w := newWorld(t, func(o *Options) { o.MaxAuthTries = 3 })
	n := 0
	guess := gossh.PasswordCallback(func() (string, error) { n++; return "guess", nil })
	var tries []gossh.AuthMethod
	for range 10 {
		tries = append(tries, guess)
	}
	_, err := gossh.Dial("tcp", w.addr, &gossh.ClientConfig{
		User: "dev1", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
		AuthCallback: then(tries...),
	})
	if err == nil {
		t.Fatal("ten password guesses got in")
	}
	t.Logf("%d password attempts before the server hung up", n)
	if n > 4 { // the fourth may be on its way when the server hangs up
		t.Fatalf("the server took %d failed attempts, want it to hang up after 3", n)
	}
	// Under the limit, a good key still gets in.
	c, err := gossh.Dial("tcp", w.addr, &gossh.ClientConfig{
		User: "dev1", HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second,
		AuthCallback: then(guess, guess, gossh.PublicKeys(w.devKey)),
	})
	if err != nil {
		t.Fatalf("two failures then a good key: %v", err)
	}
	c.Close()
}

func TestForwardingAgentAndSubsystemsRefused(t *testing.T) {
	w := newWorld(t, nil)
	c := w.client(w.devKey)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if conn, err := c.Dial("tcp", ln.Addr().String()); err == nil {
		conn.Close()
		t.Fatal("local port forwarding (direct-tcpip) was accepted")
	}
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Fatal("remote port forwarding (tcpip-forward) was accepted")
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	ok, err := s.SendRequest("auth-agent-req@openssh.com", true, nil)
	if err != nil || ok {
		t.Fatalf("agent forwarding: ok=%v err=%v, want refused", ok, err)
	}
	if err := s.RequestSubsystem("sftp"); err == nil {
		t.Fatal("the sftp subsystem was accepted")
	}
	s.Close()
	// The connection still works for what is allowed.
	if r := sshtest.Run(t, c, "", "whoami"); !strings.Contains(r.Stdout, `as="dev1"`) {
		t.Fatalf("after the refusals: %q", r.Stdout)
	}
}

func TestWeakKeysRefused(t *testing.T) {
	w := newWorld(t, nil)
	rk, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := gossh.NewSignerFromKey(rk)
	if err != nil {
		t.Fatal(err)
	}
	// The key signs, so the connection is made; its sessions are refused,
	// saying why, which a refusal during authentication could not.
	c, err := w.dial("x", gossh.PublicKeys(rs))
	if err != nil {
		t.Fatal(err)
	}
	// The refusal is in the client's language, Chinese by default: the
	// server's words and workflow's reason both.
	for _, lang := range []struct {
		env  []string
		says string
	}{
		{nil, "plugpub: 此密钥被拒绝："},
		{[]string{"LANG=en_US.UTF-8"}, "plugpub: this key is refused: "},
	} {
		r := sshtest.Run(t, c, "", "whoami", lang.env...)
		if r.Code != ExitForbidden || strings.Contains(r.Stdout, "as=") || !strings.Contains(r.Stderr, "2048") || !strings.HasPrefix(r.Stderr, lang.says) {
			t.Fatalf("RSA 1024 %v: %+v, want refused with %q and a message naming 2048 bits", lang.env, r, lang.says)
		}
	}
	c.Close()
	// DSA: x/crypto v0.59.0 no longer parses ssh-dss keys at all, so the
	// server cannot accept one; workflow.ParseKey refuses them by name.
}

func TestHandshakeDeadline(t *testing.T) {
	w := newWorld(t, func(o *Options) { o.HandshakeTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", w.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.Copy(io.Discard, conn) // the server's banner, then nothing
	if took := time.Since(start); err != nil || took > 3*time.Second {
		t.Fatalf("a client that never authenticates held on for %s (err %v), want closed after 200ms", took, err)
	}
	if !strings.Contains(w.log.String(), "handshake timeout") {
		t.Fatalf("no log of the timeout: %s", w.log)
	}
}

// hold runs the "hold" command on client c in a session of its own and
// returns once the server counts that session open (or after 5 s); the
// command's result arrives on the channel when it ends.
func (w *world) hold(t *testing.T, c *gossh.Client) <-chan sshtest.Result {
	t.Helper()
	held := make(chan sshtest.Result, 1)
	go func() { held <- sshtest.Run(t, c, "", "hold") }()
	deadline := time.Now().Add(5 * time.Second)
	for w.srv.active.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return held
}

func TestMaxSessions(t *testing.T) {
	w := newWorld(t, func(o *Options) { o.MaxSessions = 1 })
	c := w.client(w.devKey)
	held := w.hold(t, c)
	// Told in the client's language: Chinese unless it sent an en locale.
	for _, lang := range []struct {
		env  []string
		want string
	}{
		{nil, "plugpub: 服务器已满（已打开 1 个会话）；请稍后再试\r\n"},
		{[]string{"LANG=zh_CN.UTF-8"}, "plugpub: 服务器已满（已打开 1 个会话）；请稍后再试\r\n"},
		{[]string{"LC_ALL=en_US.UTF-8", "LANG=zh_CN.UTF-8"}, "plugpub: the server is full (1 sessions open); try again later\r\n"},
	} {
		r := sshtest.Run(t, w.client(w.devKey), "", "whoami", lang.env...)
		if r.Code != ExitBusy || r.Stderr != lang.want || strings.Contains(r.Stdout, "as=") {
			t.Fatalf("the second session %v: %+v, want told %q", lang.env, r, lang.want)
		}
	}
	close(w.release)
	if r := <-held; r.Code != 0 {
		t.Fatalf("the first session: %+v", r)
	}
	if r := sshtest.Run(t, c, "", "whoami"); r.Code != 0 {
		t.Fatalf("once the first ended: %+v", r)
	}
}

func TestIdleTimeout(t *testing.T) {
	w := newWorld(t, func(o *Options) { o.IdleTimeout = 300 * time.Millisecond })
	c := w.client(w.devKey)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- s.Run("hold") }()
	select {
	case <-done:
		if took := time.Since(start); took < 250*time.Millisecond {
			t.Fatalf("closed after %s, before the idle timeout", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("an idle connection stayed open 5s with a 300ms idle timeout")
	}
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	w := newWorld(t, nil)
	c := w.client(w.devKey)
	r := sshtest.Run(t, c, "", "panic")
	if r.Code != ExitInternal || !strings.Contains(r.Stderr, "plugpub: 内部错误；会话已关闭") {
		t.Fatalf("the panicking session: %+v", r)
	}
	if !strings.Contains(w.log.String(), "a bug in one session") {
		t.Fatalf("the panic is not in the log: %s", w.log)
	}
	if r := sshtest.Run(t, w.client(w.devKey), "", "whoami"); !strings.Contains(r.Stdout, `as="dev1"`) {
		t.Fatalf("after a panic the server answers %+v", r)
	}
}

func TestLogSanitisesTheCommandLine(t *testing.T) {
	w := newWorld(t, nil)
	sshtest.Run(t, w.client(w.devKey), "", "whoami \x1b]0;owned\x07 \u202etxt.exe \x9b31m")
	log := w.log.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\x9b"} {
		if strings.Contains(log, bad) {
			t.Fatalf("the log holds %q: %q", bad, log)
		}
	}
	if !strings.Contains(log, `user=dev1 command=`) || !strings.Contains(log, "exit=0") {
		t.Fatalf("no command line logged: %s", log)
	}
}

func TestShutdownLetsRunningCommandsFinish(t *testing.T) {
	w := newWorld(t, nil)
	c := w.client(w.devKey)
	held := w.hold(t, c)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := w.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if r := <-held; r.Code != 0 || !strings.Contains(r.Stdout, "finished") {
		t.Fatalf("the running command: %+v, want finished with 0", r)
	}
	if err := <-w.served; err != nil {
		t.Fatalf("Serve returned %v after Shutdown, want nil", err)
	}
	if _, err := w.dial("x", gossh.PublicKeys(w.devKey)); err == nil {
		t.Fatal("a new connection was accepted after Shutdown")
	}
}

func TestHostKeyMadeOnceAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hk")
	a, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v, want 0600", fi.Mode().Perm())
	}
	b, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("a second start made another host key")
	}
	k, err := gossh.ParsePrivateKey(a)
	if err != nil || k.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("host key %v, %v; want ed25519", k, err)
	}
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := HostKey(path); err == nil {
		t.Fatal("a garbled host key was taken")
	}
}

// echoModel is a console for the tests: it says when it starts, names
// each key, and says when it hears of a commit.
type echoModel struct{ bg string }

func (m echoModel) Init() tea.Cmd { return nil }
func (m echoModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tui.CommitMsg:
		m.bg += " commit-seen"
	case tea.KeyMsg:
		switch msg.String() {
		case "q":
			return m, tea.Quit
		case "P":
			panic("a bug in one console")
		}
		m.bg += " key-" + msg.String()
	case tea.WindowSizeMsg:
		m.bg += fmt.Sprintf(" size-%dx%d", msg.Width, msg.Height)
	}
	return m, nil
}
func (m echoModel) View() string { return "ready" + m.bg + "\n" }

// screen collects what a console session prints.
type screen struct{ sshtest.Buffer }

// waitFor waits until the screen shows want; how long that took.
func (s *screen) waitFor(t *testing.T, want string) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 5*time.Second {
		if strings.Contains(s.String(), want) {
			return time.Since(start)
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("the console never showed %q; it showed %q", want, s.String())
	return 0
}

func openConsole(t *testing.T, w *world) (*gossh.Session, *screen, io.WriteCloser) {
	t.Helper()
	scr := &screen{}
	s, in := sshtest.Shell(t, w.client(w.devKey), 24, 80, scr)
	t.Cleanup(func() { s.Close() })
	return s, scr, in
}

func TestConsoleFirstFrameKeysResizeAndCommits(t *testing.T) {
	var sessions []*Session
	var mu sync.Mutex
	w := newWorld(t, func(o *Options) {
		o.Console = func(s *Session) (tea.Model, []tea.ProgramOption, error) {
			mu.Lock()
			sessions = append(sessions, s)
			mu.Unlock()
			return echoModel{}, nil, nil
		}
	})
	s1, scr1, in1 := openConsole(t, w)
	// The first frame and the first key do not wait on a colour query the
	// client never answers (wish's would wait a second).
	if took := scr1.waitFor(t, "ready"); took > 500*time.Millisecond {
		t.Fatalf("first frame after %s", took)
	}
	if _, err := in1.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if took := scr1.waitFor(t, "key-x"); took > 500*time.Millisecond {
		t.Fatalf("first key shown after %s", took)
	}
	if err := s1.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	scr1.waitFor(t, "size-100x30")
	_, scr2, _ := openConsole(t, w)
	scr2.waitFor(t, "ready")
	if n := w.srv.Consoles(); n != 2 {
		t.Fatalf("%d consoles open, want 2", n)
	}
	// A commit anywhere reaches every console at once.
	mu.Lock()
	committer := sessions[0]
	if committer.As != "dev1" || committer.Renderer == nil || !committer.Renderer.HasDarkBackground() {
		t.Fatalf("console session %+v: want dev1 with a dark renderer of its own", committer)
	}
	if sessions[0].Renderer == sessions[1].Renderer {
		t.Fatal("two sessions share a renderer")
	}
	mu.Unlock()
	committer.Committed()
	scr1.waitFor(t, "commit-seen")
	scr2.waitFor(t, "commit-seen")
	if _, err := in1.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	if err := s1.Wait(); err != nil {
		t.Fatalf("quitting the console: %v, want exit 0", err)
	}
}

func TestConsoleStoppedByShutdown(t *testing.T) {
	w := newWorld(t, func(o *Options) {
		o.Console = func(*Session) (tea.Model, []tea.ProgramOption, error) { return echoModel{}, nil, nil }
	})
	s, scr, _ := openConsole(t, w)
	scr.waitFor(t, "ready")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := w.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with a console open: %v", err)
	}
	_ = s.Wait()
	scr.waitFor(t, "plugpub: 服务器正在停止；你的工作已保存")
}

func TestConsolePanicOrGarbageStaysInItsSession(t *testing.T) {
	w := newWorld(t, func(o *Options) {
		o.Console = func(*Session) (tea.Model, []tea.ProgramOption, error) { return echoModel{}, nil, nil }
	})
	_, calm, calmIn := openConsole(t, w)
	calm.waitFor(t, "ready")
	// Garbage: an unfinished OSC answer, broken UTF-8, a flood of escapes.
	_, _, junkIn := openConsole(t, w)
	junk := append([]byte("\x1b]11;rgb:ffff/ffff"), bytes.Repeat([]byte("\xff\xfe\x1b[\x1bO\x00"), 2000)...)
	go junkIn.Write(junk)
	if _, err := calmIn.Write([]byte("k")); err != nil {
		t.Fatal(err)
	}
	if took := calm.waitFor(t, "key-k"); took > time.Second {
		t.Fatalf("a key took %s beside a session sending garbage", took)
	}
	// A panic in a console ends that session, logged, and nothing else.
	boom, boomScr, boomIn := openConsole(t, w)
	boomScr.waitFor(t, "ready")
	if _, err := boomIn.Write([]byte("P")); err != nil {
		t.Fatal(err)
	}
	err := boom.Wait()
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != ExitInternal {
		t.Fatalf("the panicking console ended with %v, want exit %d", err, ExitInternal)
	}
	if !strings.Contains(w.log.String(), "a bug in one console") {
		t.Fatalf("the panic is not in the log: %s", w.log)
	}
	if _, err := calmIn.Write([]byte("j")); err != nil {
		t.Fatal(err)
	}
	calm.waitFor(t, "key-j")
}

// ssh -t HOST COMMAND runs the command, terminal or not.
func TestCommandWithATerminalIsACommand(t *testing.T) {
	w := newWorld(t, func(o *Options) {
		o.Console = func(*Session) (tea.Model, []tea.ProgramOption, error) { return echoModel{}, nil, nil }
	})
	s, err := w.client(w.devKey).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := s.Output("exit")
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 3 || !strings.Contains(string(out), `as="dev1"`) || strings.Contains(string(out), "ready") {
		t.Fatalf("ssh -t HOST exit: %v %q, want the command's output and status 3", err, out)
	}
}

func TestMaxPendingConnections(t *testing.T) {
	w := newWorld(t, func(o *Options) { o.MaxPending = 2 })
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", w.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		held = append(held, c)
	}
	// Both are taken: the banner proves the server is at them.
	for _, c := range held {
		_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Read(make([]byte, 8)); err != nil {
			t.Fatalf("a pending connection got no banner: %v", err)
		}
	}
	third, err := net.Dial("tcp", w.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	_ = third.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := third.Read(make([]byte, 8)); err == nil {
		t.Fatalf("a third unauthenticated connection was served (%d bytes)", n)
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("a third unauthenticated connection was left open, not closed")
	}
	// Authenticated connections are not pending: with the two half-open
	// ones gone, two clients that authenticate both stay connected.
	for _, c := range held {
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for w.srv.pending.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	a, b := w.client(w.devKey), w.client(w.devKey)
	c := w.client(w.devKey)
	for _, cl := range []*gossh.Client{a, b, c} {
		if r := sshtest.Run(t, cl, "", "whoami"); !strings.Contains(r.Stdout, `as="dev1"`) {
			t.Fatalf("an authenticated client: %+v", r)
		}
	}
}
