package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/internal/sshserve"
	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/screens/wizard"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// remoteSession is what an SSH session fixes for the command tree it runs.
type remoteSession struct {
	user      string // the key's; "" for a key nobody registered (signup)
	store     database
	dbPath    string
	committed func()
}

// hostKeyName is the host key's file, beside the database.
const hostKeyName = "plugpub_host_ed25519"

func (a *app) serveCmd() *cobra.Command {
	var listen, hostKey string
	var idle time.Duration
	var maxSessions int
	c := &cobra.Command{
		Use:   "serve [--listen HOST:PORT] [--host-key FILE] [--idle-timeout D] [--max-sessions N]",
		Short: "Serve the plugin center over SSH: the key a client connects with is who they are",
		Long: `Serve the plugin center over SSH. ssh -p PORT HOST opens the console as the
user the client's key is registered to (plugpub user key add); ssh -p PORT
HOST COMMAND … runs a command as them, with the same output and exit codes
as here. A key nobody registered may only sign up. The host key is an
ed25519 key beside the database, made on the first start. SIGTERM or ctrl+c
stops accepting, lets running commands finish, and exits 0.`,
		Args: noArgs,
	}
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		if maxSessions < 1 {
			return usagef("--max-sessions must be at least 1, got %d", maxSessions)
		}
		if idle < 0 {
			return usagef("--idle-timeout must not be negative, got %s", idle)
		}
		// withStore stops on ctrl+c; SIGTERM, what a service manager
		// sends, is handled the same below.
		return a.withStore(cmd, func(ctx context.Context, st database, path string) error {
			return a.serve(ctx, st, path, sshserve.Options{Listen: listen, IdleTimeout: idle, MaxSessions: maxSessions}, hostKey)
		})
	})
	f := c.Flags()
	f.StringVar(&listen, "listen", sshserve.DefaultListen, "the address to listen on, HOST:PORT")
	f.StringVar(&hostKey, "host-key", "", "the server's ed25519 host key (default "+hostKeyName+" beside the database; made when missing)")
	f.DurationVar(&idle, "idle-timeout", sshserve.DefaultIdleTimeout, "close a connection idle this long (0: never)")
	f.IntVar(&maxSessions, "max-sessions", sshserve.DefaultMaxSessions, "sessions open at once; the next one is told the server is full")
	return c
}

// serve runs the server on st until ctx ends or SIGTERM, then shuts down.
func (a *app) serve(ctx context.Context, st database, path string, o sshserve.Options, hostKey string) error {
	if hostKey == "" {
		if isPostgres(path) {
			// Several hosts may serve one PostgreSQL database; each keeps its
			// own host key, and only its operator knows where.
			return usagef("with a PostgreSQL database, say where this host's key is kept: --host-key FILE")
		}
		hostKey = filepath.Join(filepath.Dir(path), hostKeyName)
	}
	signups := workflow.NewSignupLimiter(time.Now, workflow.SignupsPerMinute, workflow.SignupsPerHour)
	pem, err := sshserve.HostKey(hostKey)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(a.stderr, nil))
	o.HostKey, o.Keys, o.Log = pem, st, log
	o.Exec, o.Console = a.sshExec(st, path, signups), a.sshConsole(st, path)
	srv, err := sshserve.New(o)
	if err != nil {
		return err
	}
	ln, err := srv.Listen()
	if err != nil {
		return i18n.Errorf("listening on %s: %w", o.Listen, err)
	}
	signer, _ := gossh.ParsePrivateKey(pem)
	log.Info("ssh serve", "listen", ln.Addr().String(), "db", path, "host_key", hostKey, "host_fingerprint", gossh.FingerprintSHA256(signer.PublicKey()))
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Running commands get ShutdownGrace to finish; then what is left
	// is closed (a transaction cut short rolls back whole).
	log.Info("ssh stopping", "consoles", srv.Consoles())
	sctx, cancel := context.WithTimeout(context.Background(), sshserve.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("ssh stopped with sessions still open", "error", err.Error())
	}
	log.Info("ssh stopped")
	return nil
}

// sshExec runs one SSH command line on a fresh command tree, as the key's
// user, on the server's database.
func (a *app) sshExec(st database, path string, signups *workflow.SignupLimiter) func(ctx context.Context, s *sshserve.Session) int {
	return func(ctx context.Context, s *sshserve.Session) int {
		args := s.Command()
		if args == nil {
			args = []string{}
		}
		// The session's language, help included, is the client's.
		r, root := newRootEnv("plugpub", s, s.Stderr(), envLookup(s.Env))
		r.log = a.log
		r.remote = &remoteSession{user: s.As, store: st, dbPath: path, committed: s.Committed}
		r.callerKey, r.signups = s.AuthorizedKey, signups
		hideLocalOnly(root)
		if s.As == "" && (len(args) == 0 || args[0] != "signup") {
			unregistered(r.errOut(), root, s, "\n")
			return exitForbidden
		}
		return r.execute(ctx, root, args, s.Stdin())
	}
}

// sshConsole builds the console of an SSH session with a terminal.
func (a *app) sshConsole(st database, path string) func(s *sshserve.Session) (tea.Model, []tea.ProgramOption, error) {
	return func(s *sshserve.Session) (tea.Model, []tea.ProgramOption, error) {
		p := i18n.Printer(i18n.DetectEnviron(s.Env))
		opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion()}
		svc := workflow.NewService(sshserve.Notifying(st, s.Committed), nil)
		c := &common.Context{Svc: svc, DBPath: path, Styles: common.NewStylesFor(s.Renderer), Keys: common.NewGlobalKeys(), Changes: st.DataVersion, Printer: p, Log: a.log}
		if s.As == "" {
			// A key nobody registered browses the market as a guest;
			// workflow's offers refuse it everything else.
			return tui.NewGuest(c, signupCommand(s)), opts, nil
		}
		u, err := svc.User(s.Context(), s.As)
		if err != nil {
			return nil, nil, err
		}
		c.User = u
		c.OpenWizard = func(pluginID string) common.Screen { return wizard.New(c, pluginID) }
		return tui.New(c, tui.Home(c)), opts, nil
	}
}

// unregistered tells a key nobody registered what it is and how to get in.
func unregistered(w io.Writer, root *cobra.Command, s *sshserve.Session, nl string) {
	say := func(format string, args ...any) {
		fmt.Fprint(w, workflow.SanitizeLine(i18n.Sprintf(printerOf(w), format, args...))+nl)
	}
	say("plugpub: the key %s is not registered on this server", s.Fingerprint)
	say("an admin registers it with: plugpub user key add NAME %s", shellQuote(s.AuthorizedKey))
	if c, _, err := root.Find([]string{"signup"}); err == nil && c != root {
		say("or sign up as a consumer: ssh … signup NAME")
	}
}

// serverOnly are the commands that act on the server's machine: refused
// over SSH (remoteRefuses) and kept out of its help (hideLocalOnly).
// migrate would read a server file and reach any database.
var serverOnly = []string{"demo", "serve", "migrate"}

// hideLocalOnly keeps out of an SSH session's help what remoteRefuses
// refuses there: the commands that act on the server's machine and the
// flags that choose the user, the database or a log file.
func hideLocalOnly(root *cobra.Command) {
	for _, c := range root.Commands() {
		if slices.Contains(serverOnly, c.Name()) {
			c.Hidden = true
		}
	}
	for _, name := range []string{"db", "as", "log"} {
		_ = root.PersistentFlags().MarkHidden(name)
	}
}

// signupCommand is the command a guest runs to sign up on this server,
// with the port it connected to (the host is the client's to say).
func signupCommand(s *sshserve.Session) string {
	port := "23234"
	if _, p, err := net.SplitHostPort(s.LocalAddr().String()); err == nil {
		port = p
	}
	return "ssh -p " + port + " HOST signup NAME"
}

// envLookup is getenv over the few variables a client may send.
func envLookup(env []string) func(string) string {
	return func(name string) string {
		v := ""
		for _, kv := range env {
			if k, val, ok := strings.Cut(kv, "="); ok && k == name {
				v = val
			}
		}
		return v
	}
}

// storeOf is the store a command's service writes through: over SSH it
// tells the server after each commit, so every console reloads at once.
func (a *app) storeOf(st database) workflow.Store {
	if a.remote == nil {
		return st
	}
	return sshserve.Notifying(st, a.remote.committed)
}

// readKeyArg is workflow.ReadKeyArg, except that over SSH KEY must be the
// key's line: a path would name a file on the server.
func (a *app) readKeyArg(arg string) (string, error) {
	if a.remote != nil {
		return arg, nil
	}
	return workflow.ReadKeyArg(arg)
}

// remoteRefuses is what an SSH session may not do: choose its user or the
// database, write the server's files, or read them.
func (a *app) remoteRefuses(cmd *cobra.Command, args []string) error {
	if a.remote == nil {
		return nil
	}
	f := cmd.Flags()
	for _, name := range []string{"db", "as"} {
		if f.Changed(name) {
			return usagef("--%s is refused over SSH: the key you connect with decides who you are, and the server its database", name)
		}
	}
	if f.Changed("log") {
		return usagef("--log is refused over SSH: it would write a file on the server, which keeps its own log")
	}
	if cmd.Parent() == cmd.Root() && slices.Contains(serverOnly, cmd.Name()) {
		return usagef("%s is refused over SSH: run it on the server's machine", cmd.CommandPath())
	}
	switch cmd.Name() {
	case "import":
		if cmd.Parent() == cmd.Root() && len(args) == 2 && args[1] != "-" {
			return usagef("over SSH, import reads the project from stdin: tar c -C DIR . | ssh … import %s -", args[0])
		}
	}
	if fl := f.Lookup("file"); fl != nil && fl.Changed && fl.Value.String() != "-" {
		return usagef("over SSH, --file must be -: the file is on your machine, so send it on stdin (ssh … %s --file - < FILE)", strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" "))
	}
	return nil
}
