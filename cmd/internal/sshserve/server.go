// Package sshserve is plugpub serve: the plugin center as an SSH service,
// where the key a client authenticated with is who it is.
//
// The server does transport, identity and limits; what a session does is
// the caller's (cmd/plugpub): Exec runs the command tree for a session
// without a terminal, Console builds the console for one with a terminal.
// Identity is read only from the key that completed authentication
// (ssh.Session.PublicKey, which charmbracelet/ssh takes from the
// connection's final Permissions): the public-key handler runs for keys a
// client merely offers too, so it decides nothing and records nothing
// (soft-serve GHSA-pchf-49fh-w34r). The SSH user name and the client's
// environment never name anyone.
package sshserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/text/message"

	"plugpub/tui"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// Defaults of the limits Options leaves zero.
const (
	DefaultListen           = "127.0.0.1:23234"
	DefaultMaxSessions      = 64
	DefaultHandshakeTimeout = 10 * time.Second
	DefaultMaxAuthTries     = 3
	DefaultMaxPending       = 32
	DefaultIdleTimeout      = 30 * time.Minute
	// ShutdownGrace is how long Shutdown lets running commands finish
	// before it closes what is left.
	ShutdownGrace = 10 * time.Second
)

// Exit statuses the server itself gives a session.
const (
	ExitInternal  = 1
	ExitForbidden = 4
	ExitBusy      = 75 // EX_TEMPFAIL: full, try again later
)

// Keys is what the server asks of the database: who a key belongs to.
type Keys interface {
	KeyUser(ctx context.Context, fingerprint string) (user string, ok bool, err error)
}

// Options configure a Server.
type Options struct {
	Listen           string // host:port; DefaultListen when empty
	HostKey          []byte // PEM, from HostKey
	IdleTimeout      time.Duration
	MaxSessions      int
	HandshakeTimeout time.Duration
	MaxAuthTries     int
	// MaxPending bounds the connections that have not authenticated yet;
	// one more is closed at once (a flood of half-open handshakes must
	// not crowd out the team).
	MaxPending int
	Keys       Keys
	Log        *slog.Logger
	// Light is the background every console assumes, dark unless set:
	// the server never asks a client's terminal (wish's emulated pty would
	// wait for the answer, and with it the first frame and the first key).
	Light bool

	// Exec runs one command line (s.Command) and returns its exit status.
	Exec func(ctx context.Context, s *Session) int
	// Console builds the console for a session with a terminal; the
	// server runs it on the session's input and output.
	Console func(s *Session) (tea.Model, []tea.ProgramOption, error)
}

// Session is one SSH session as the handlers see it.
type Session struct {
	ssh.Session
	// As is the key's user, "" when nobody registered the key. (The
	// embedded Session's User() is the SSH user name, which names nobody.)
	As          string
	Fingerprint string
	// AuthorizedKey is the key as an authorized_keys line, for the
	// command that would register it.
	AuthorizedKey string
	// Env is what the client may choose: its language (LANG, LC_ALL,
	// LC_MESSAGES, PLUGPUB_LANG), nothing else.
	Env []string
	// Renderer is this session's Lip Gloss renderer (its colour profile).
	Renderer *lipgloss.Renderer
	// Committed tells every console the database changed.
	Committed func()
	// Stopping is closed when the server begins to shut down.
	Stopping <-chan struct{}
}

// Server is plugpub serve.
type Server struct {
	o        Options
	srv      *ssh.Server
	log      *slog.Logger
	hub      hub
	active   atomic.Int64
	pending  atomic.Int64 // connections not yet authenticated
	stopping chan struct{}
	stopOnce sync.Once
}

// New builds a server; Serve starts it.
func New(o Options) (*Server, error) {
	if o.Listen == "" {
		o.Listen = DefaultListen
	}
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.HandshakeTimeout <= 0 {
		o.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if o.MaxAuthTries <= 0 {
		o.MaxAuthTries = DefaultMaxAuthTries
	}
	if o.MaxPending <= 0 {
		o.MaxPending = DefaultMaxPending
	}
	if o.Keys == nil || o.Exec == nil {
		return nil, errors.New("sshserve: Keys and Exec are required")
	}
	s := &Server{o: o, log: o.Log, stopping: make(chan struct{})}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(o.Listen),
		wish.WithHostKeyPEM(o.HostKey),
		// Every key that signs may connect: an unregistered one is a guest.
		// This runs for merely offered keys too, so it must not record
		// anything about the key.
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		wish.WithIdleTimeout(o.IdleTimeout),
		wish.WithMiddleware(s.handle), // the only layer: it recovers panics
		func(srv *ssh.Server) error {
			srv.ServerConfigCallback = func(ctx ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{
					MaxAuthTries: o.MaxAuthTries,
					// Called once a key's signature verified: the
					// connection is authenticated and pending no more.
					VerifiedPublicKeyCallback: func(_ gossh.ConnMetadata, _ gossh.PublicKey, p *gossh.Permissions, _ string) (*gossh.Permissions, error) {
						if done, ok := ctx.Value(pendingKey{}).(func()); ok {
							done()
						}
						return p, nil
					},
				}
			}
			srv.ConnCallback = s.conn
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": sessionNoAgent}
			srv.RequestHandlers = map[string]ssh.RequestHandler{} // no tcpip-forward
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			srv.LocalPortForwardingCallback = nil
			srv.ReversePortForwardingCallback = nil
			return nil
		},
	)
	if err != nil {
		return nil, err
	}
	s.srv = srv
	return s, nil
}

// Serve accepts connections on l until Shutdown; it returns nil then.
func (s *Server) Serve(l net.Listener) error {
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Listen opens the listening socket of Options.Listen.
func (s *Server) Listen() (net.Listener, error) {
	return net.Listen("tcp", s.o.Listen)
}

// Notify tells every open console that the database changed.
func (s *Server) Notify() { s.hub.notify() }

// Consoles is how many consoles are open.
func (s *Server) Consoles() int { return s.hub.len() }

// Shutdown stops accepting, tells every session, lets running commands
// finish (their transactions commit or roll back whole) until ctx ends,
// then closes what is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() { close(s.stopping) })
	// With a context already done, ssh.Server.Shutdown closes the
	// listeners and returns at once instead of waiting for connections a
	// client may keep open doing nothing.
	now, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.srv.Shutdown(now)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	var err error
wait:
	for s.active.Load() > 0 {
		select {
		case <-tick.C:
		case <-ctx.Done():
			err = ctx.Err()
			break wait
		}
	}
	_ = s.srv.Close()
	return err
}

// sessionNoAgent is the session channel with agent forwarding refused:
// charmbracelet/ssh says yes to auth-agent-req and leaves forwarding to
// the handler; plugpub says no, so the client never offers its agent.
func sessionNoAgent(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, noAgentChannel{newChan}, ctx)
}

type noAgentChannel struct{ gossh.NewChannel }

func (c noAgentChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		for r := range reqs {
			if r.Type == "auth-agent-req@openssh.com" || r.Type == "x11-req" {
				if r.WantReply {
					_ = r.Reply(false, nil)
				}
				continue
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// conn bounds the handshake and logs the connection when it ends.
func (s *Server) conn(ctx ssh.Context, c net.Conn) net.Conn {
	start := time.Now()
	if n := s.pending.Add(1); n > int64(s.o.MaxPending) {
		s.pending.Add(-1)
		s.log.Warn("ssh connection refused: too many unauthenticated", "remote", c.RemoteAddr().String(), "pending", n-1)
		return nil // closed at once
	}
	var leave sync.Once
	done := func() { leave.Do(func() { s.pending.Add(-1) }) }
	ctx.SetValue(pendingKey{}, done)
	lc := &loggedConn{Conn: c}
	t := time.AfterFunc(s.o.HandshakeTimeout, func() {
		if ctx.Value(ssh.ContextKeyConn) == nil { // not authenticated yet
			s.log.Info("ssh handshake timeout", "remote", c.RemoteAddr().String(), "after_ms", s.o.HandshakeTimeout.Milliseconds())
			c.Close()
		}
	})
	lc.onClose = func() {
		t.Stop()
		done()
		attrs := []any{"remote", c.RemoteAddr().String(), "duration_ms", time.Since(start).Milliseconds()}
		if pk, ok := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey); ok && pk != nil {
			attrs = append(attrs, "fingerprint", gossh.FingerprintSHA256(pk))
		}
		if u, ok := ctx.Value(userKey{}).(string); ok {
			attrs = append(attrs, "user", u)
		}
		s.log.Info("ssh connection", attrs...)
	}
	return lc
}

type userKey struct{}

type pendingKey struct{}

type loggedConn struct {
	net.Conn
	once    sync.Once
	onClose func()
}

func (c *loggedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.onClose)
	return err
}

// handle is every session: identity, limits, then Exec or Console, with a
// panic ending only this session.
func (s *Server) handle(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		code := ExitInternal
		cmdLine := "console"
		attrs := []any{"remote", sess.RemoteAddr().String()}
		// What the client reads is in its language (LANG, LC_ALL,
		// LC_MESSAGES or PLUGPUB_LANG it sent; Chinese by default).
		p := i18n.Printer(i18n.DetectEnviron(clientEnv(sess.Environ())))
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("ssh session panic", append(attrs, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))...)
				tell(sess.Stderr(), p, "internal error; the session is closed (the server's log has the details)")
				code = ExitInternal
			}
			s.log.Info("ssh command", append(attrs, "command", cmdLine, "exit", code, "duration_ms", time.Since(start).Milliseconds())...)
			_ = sess.Exit(code)
			_ = sess.Close()
		}()

		if n := s.active.Add(1); n > int64(s.o.MaxSessions) {
			defer s.active.Add(-1)
			tell(sess.Stderr(), p, "the server is full (%d sessions open); try again later", s.o.MaxSessions)
			code = ExitBusy
			cmdLine = "(refused: full)"
			return
		}
		defer s.active.Add(-1)
		select {
		case <-s.stopping:
			tell(sess.Stderr(), p, "the server is stopping; try again later")
			code = ExitBusy
			cmdLine = "(refused: stopping)"
			return
		default:
		}

		pk := sess.PublicKey()
		if pk == nil { // cannot happen: only public-key auth is offered
			tell(sess.Stderr(), p, "only public-key authentication is accepted")
			code = ExitForbidden
			return
		}
		fp := gossh.FingerprintSHA256(pk)
		attrs = append(attrs, "fingerprint", fp)
		// A command runs as a command, with a terminal or without (ssh -t
		// HOST plugin list); only a terminal and no command is the console.
		_, pty := sessPty(sess)
		console := pty && len(sess.Command()) == 0
		if !console {
			cmdLine = strings.Join(sanitizeArgs(sess.Command()), " ")
		}
		if _, err := workflow.KeyOf(pk); err != nil {
			tell(sess.Stderr(), p, "this key is refused: %s", i18n.Err(p, err))
			code = ExitForbidden
			return
		}
		user, ok, err := s.o.Keys.KeyUser(sess.Context(), fp)
		if err != nil {
			s.log.Error("ssh key lookup", append(attrs, "error", err.Error())...)
			tell(sess.Stderr(), p, "cannot read the database; try again later")
			return
		}
		if !ok {
			user = ""
		}
		attrs = append(attrs, "user", user)
		sess.Context().SetValue(userKey{}, user)
		ss := &Session{
			Session:       sess,
			As:            user,
			Fingerprint:   fp,
			AuthorizedKey: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))),
			Env:           clientEnv(sess.Environ()),
			Committed:     s.Notify,
			Stopping:      s.stopping,
		}
		if console {
			code = s.console(ss, p)
			return
		}
		code = s.o.Exec(sess.Context(), ss)
	}
}

// tell writes one line for the client's person to its stderr, in p's
// language, sanitised, ending as a terminal in raw mode needs (\r\n).
func tell(w io.Writer, p *message.Printer, format string, args ...any) {
	fmt.Fprint(w, "plugpub: "+workflow.SanitizeLine(i18n.Sprintf(p, format, args...))+"\r\n")
}

func sessPty(sess ssh.Session) (ssh.Pty, bool) {
	p, _, ok := sess.Pty()
	return p, ok
}

// console runs the console on sess until it quits, the client leaves or
// the server stops.
func (s *Server) console(ss *Session, lang *message.Printer) int {
	if s.o.Console == nil {
		tell(ss.Stderr(), lang, "this server has no console; run a command: ssh … plugin list")
		return ExitForbidden
	}
	ss.Renderer = s.renderer(ss)
	m, opts, err := s.o.Console(ss)
	if err != nil {
		tell(ss.Stderr(), lang, "%s", i18n.Err(lang, err))
		return ExitForbidden
	}
	if m == nil { // the handler said what it had to say
		return ExitForbidden
	}
	ctx, cancel := context.WithCancel(ss.Context())
	defer cancel()
	opts = append(opts, tea.WithInput(ss), tea.WithOutput(ss), tea.WithContext(ctx))
	p := tea.NewProgram(guarded{m, s, ss}, opts...)
	unsub := s.hub.subscribe(func() { p.Send(tui.CommitMsg{}) })
	defer unsub()
	_, winch, _ := ss.Pty()
	stopped := false
	var stopMu sync.Mutex
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.stopping:
				stopMu.Lock()
				stopped = true
				stopMu.Unlock()
				p.Quit()
				return
			case w, ok := <-winch:
				if !ok {
					return
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	final, err := p.Run()
	p.Kill() // restores the client's terminal if the program crashed
	stopMu.Lock()
	wasStopped := stopped
	stopMu.Unlock()
	if wasStopped {
		tell(ss.Stderr(), lang, "the server is stopping; your work is saved")
	}
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		// guarded logged it; Bubble Tea restored the client's terminal.
		tell(ss.Stderr(), lang, "internal error; the session is closed (the server's log has the details)")
		return ExitInternal
	case err != nil && !errors.Is(err, tea.ErrProgramKilled):
		s.log.Error("ssh console", "error", err.Error(), "fingerprint", ss.Fingerprint)
		return ExitInternal
	}
	if q, ok := final.(interface{ Interrupted() bool }); ok && q.Interrupted() {
		return 130
	}
	return 0
}

// guarded logs a panic in the console's Init, Update or View with the
// session, then lets Bubble Tea end that program as it does (restoring the
// client's terminal): one session's bug ends that session only. (A panic
// in a tea.Cmd's goroutine Bubble Tea catches itself; it ends the session
// the same way, without the value in this log.)
type guarded struct {
	tea.Model
	s  *Server
	ss *Session
}

func (g guarded) catch() {
	if r := recover(); r != nil {
		g.s.log.Error("ssh console panic", "user", g.ss.As, "fingerprint", g.ss.Fingerprint, "remote", g.ss.RemoteAddr().String(), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		panic(r)
	}
}

func (g guarded) Init() tea.Cmd {
	defer g.catch()
	return g.Model.Init()
}

func (g guarded) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer g.catch()
	m, cmd := g.Model.Update(msg)
	g.Model = m
	return g, cmd
}

func (g guarded) View() string {
	defer g.catch()
	return g.Model.View()
}

// Interrupted is the console's (tui.Model): quit by ctrl+c.
func (g guarded) Interrupted() bool {
	q, ok := g.Model.(interface{ Interrupted() bool })
	return ok && q.Interrupted()
}

// renderer is the session's own Lip Gloss renderer: its colour profile
// from the client's TERM and COLORTERM, its background fixed (o.Light) so
// nothing ever queries the client's terminal.
func (s *Server) renderer(ss *Session) *lipgloss.Renderer {
	p, _ := sessPty(ss.Session)
	if p.Term == "" || p.Term == "dumb" {
		r := lipgloss.NewRenderer(ss, termenv.WithProfile(termenv.Ascii))
		r.SetHasDarkBackground(!s.o.Light)
		return r
	}
	env := envList{"TERM=" + p.Term}
	for _, kv := range ss.Environ() {
		if strings.HasPrefix(kv, "COLORTERM=") {
			env = append(env, kv)
		}
	}
	r := lipgloss.NewRenderer(ss, termenv.WithEnvironment(env), termenv.WithUnsafe(), termenv.WithColorCache(true))
	r.SetHasDarkBackground(!s.o.Light)
	return r
}

type envList []string

func (e envList) Environ() []string { return e }
func (e envList) Getenv(k string) string {
	for _, kv := range e {
		if v, ok := strings.CutPrefix(kv, k+"="); ok {
			return v
		}
	}
	return ""
}

// clientEnv keeps of the client's environment only what may choose the
// language on screen.
func clientEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "LANG", "LC_ALL", "LC_MESSAGES", "PLUGPUB_LANG":
			out = append(out, kv)
		}
	}
	return out
}

// sanitizeArgs is the command line as the log may show it.
func sanitizeArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = workflow.SanitizeLine(a)
	}
	return out
}

// Stdin is the session's input as a command reads it: EOF when the client
// closes its side.
func (s *Session) Stdin() io.Reader { return s.Session }
