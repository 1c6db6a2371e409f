package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"golang.org/x/text/message"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// Exit codes; README.md lists them for scripts.
const (
	exitOK          = 0
	exitInternal    = 1 // I/O, a broken database, a bug
	exitUsage       = 2 // the command line itself is wrong
	exitInvalid     = 3 // the input breaks a rule of the form
	exitForbidden   = 4 // the acting user may not do this
	exitConflict    = 5 // someone changed it first, or not allowed in this state
	exitNotFound    = 6 // no such user, plugin, version or submission
	exitInterrupted = 130
)

// app is what every command shares: the writers and the global flags. It is
// built per newRootCmd, so tests can run several command trees at once.
type app struct {
	stdout, stderr io.Writer
	dbFlag         string
	asFlag         string
	json           bool
	getenv         func(string) string
	prog           string // the name plugpub was run as, for commands it prints to try
	// p says what people read in the language of the process's locale
	// (i18n.Detect); --json output is not translated.
	p *message.Printer
	// logFlag is --log; log writes to logFile once it is open (debuglog.go).
	logFlag string
	log     *slog.Logger
	logFile *os.File
	// callerKey and signups are set by plugpub serve for an SSH session
	// (signup.go): the authorized_keys line of the key the session
	// authenticated with, and the server's one signup limiter.
	callerKey string
	signups   *workflow.SignupLimiter
	// remote is set when the tree runs for an SSH session (serve.go): the
	// key's user and the server's database, never flags or environment.
	remote *remoteSession
}

// execute runs one command line and returns the process exit code.
func execute(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return executeAs(ctx, "plugpub", args, stdin, stdout, stderr)
}

// executeAs is execute for a binary run as prog (os.Args[0] as typed, such
// as ./bin/plugpub): the commands it suggests start with that name, so they
// can be pasted as they are.
func executeAs(ctx context.Context, prog string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a, root := newRoot(prog, stdout, stderr)
	return a.execute(ctx, root, args, stdin)
}

// execute runs root, the tree of a, on one command line.
func (a *app) execute(ctx context.Context, root *cobra.Command, args []string, stdin io.Reader) int {
	root.SetIn(stdin)
	if args == nil {
		args = []string{} // nil makes cobra read os.Args
	}
	root.SetArgs(args)
	start := time.Now()
	cmd, err := root.ExecuteContextC(ctx)
	code := exitCode(err)
	a.logRun(cmd, args, time.Since(start), code, err)
	if err == nil {
		return exitOK
	}
	p := i18n.Printer(i18n.Detect(a.getenv))
	fmt.Fprintln(a.stderr, "plugpub: "+workflow.Sanitize(errorText(p, err)))
	if code == exitUsage && cmd != nil {
		fmt.Fprintln(a.stderr, i18n.Sprintf(p, "Run '%s --help' for usage.", cmd.CommandPath()))
	}
	return code
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	return newRootCmdAs("plugpub", stdout, stderr)
}

func newRootCmdAs(prog string, stdout, stderr io.Writer) *cobra.Command {
	_, root := newRoot(prog, stdout, stderr)
	return root
}

// newRoot is the command tree and the app its commands share.
func newRoot(prog string, stdout, stderr io.Writer) (*app, *cobra.Command) {
	return newRootEnv(prog, stdout, stderr, os.Getenv)
}

// newRootEnv is newRoot in the environment getenv reads (an SSH
// session's): its language is the help's too.
func newRootEnv(prog string, stdout, stderr io.Writer, getenv func(string) string) (*app, *cobra.Command) {
	a := &app{stdout: stdout, stderr: stderr, getenv: getenv, prog: progName(prog)}
	a.p = i18n.Printer(i18n.Detect(a.getenv))
	root := &cobra.Command{
		Use:   "plugpub",
		Short: "Publish mini-program plugins to the service market",
		Long: `plugpub is a terminal console for publishing mini-program plugins to a
service market: put a version online, fill the plugin info and integration
guide (the draft), submit it for review, list it on the market once approved,
hide or show it, and let consumers find and order it.

Run without a command to open the console; the commands below do the same
things from scripts.`,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          a.run(a.tui),
		// --log opens before any command runs, so it sees the database opened.
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := a.remoteRefuses(cmd, args); err != nil {
				return err
			}
			return a.openLog()
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "database file (default $PLUGPUB_DB, else $XDG_DATA_HOME/plugpub/plugpub.db, else ~/.local/share/plugpub/plugpub.db)")
	pf.StringVar(&a.asFlag, "as", "", "act as this user (default $PLUGPUB_USER, else your OS user name)")
	pf.BoolVar(&a.json, "json", false, "print machine-readable JSON on stdout")
	pf.StringVar(&a.logFlag, "log", "", "append a debug log to this file: each command, database opened, console screen and error (JSON lines)")
	// The command tree: the groups are declared here, their commands in
	// the files of their concern.
	root.AddCommand(
		a.demoCmd(),
		group(&cobra.Command{Use: "user", Short: "Add and list users, and the SSH keys they connect with"},
			a.userAddCmd(), a.userListCmd(),
			group(&cobra.Command{Use: "key", Short: "Add, list and remove the SSH keys a user connects to plugpub serve with"},
				a.userKeyAddCmd(), a.userKeyListCmd(), a.userKeyRemoveCmd())),
		group(&cobra.Command{Use: "plugin", Short: "Create and list plugins"},
			a.pluginCreateCmd(), a.pluginListCmd()),
		a.versionCmd(),
		a.draftCmd(),
		a.submitCmd(), a.withdrawCmd(), a.submissionsCmd(),
		group(&cobra.Command{Use: "review", Short: "Review submissions (reviewer; 插件中心审核)"},
			a.reviewListCmd(), a.reviewApproveCmd(), a.reviewRejectCmd(), a.reviewClaimCmd(), a.reviewUnclaimCmd(), a.reviewStatsCmd()),
		a.releaseCmd(), a.hideCmd(), a.showCmd(),
		group(&cobra.Command{Use: "market", Short: "Find, view and order listed plugins (服务市场)"},
			a.marketSearchCmd(), a.marketViewCmd(), a.marketOrderCmd(), a.marketOrdersCmd()),
		group(&cobra.Command{Use: "app", Short: "The acting consumer's mini programs (小程序), which orders are for"},
			a.appAddCmd(), a.appListCmd()),
		a.ordersCmd(),
		group(&cobra.Command{Use: "order", Short: "Decide or cancel one order (使用者管理, 我的订购)"},
			a.orderApproveCmd(), a.orderRefuseCmd(), a.orderCancelCmd()),
		a.logCmd(),
		a.importCmd(),
		a.exportCmd(),
		a.signupCmd(),
		a.migrateCmd(),
		a.serveCmd(),
	)
	// --version, from the build info.
	root.Version = versionLine(debug.ReadBuildInfo())
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetHelpCommand(helpCmd(root))
	a.addCompletions(root)
	localizeHelp(root, a.p)
	return a, root
}

// helpCmd replaces cobra's help command, which prints "Unknown help topic"
// and exits 0 for a command that does not exist: a typo must exit 2.
func helpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help provides help for any command in the application.\nSimply type " + root.Name() + " help [path to command] for full details.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, s := range cmd.Commands() {
				if s.IsAvailableCommand() && strings.HasPrefix(s.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(s.Name(), s.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				topic := strings.Join(args, " ")
				if cmd != nil && len(rest) > 0 {
					if s := cmd.SuggestionsFor(rest[0]); len(s) > 0 {
						return usagef("unknown help topic %q; did you mean %q?", topic, strings.TrimSpace(strings.TrimPrefix(cmd.CommandPath(), root.Name())+" "+s[0]))
					}
				}
				return usagef("unknown help topic %q", topic)
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// progName is how to type plugpub again in a suggested command: the name
// it was run as, quoted for a shell when it needs it.
func progName(argv0 string) string {
	if strings.TrimSpace(argv0) == "" {
		return "plugpub"
	}
	return shellQuote(workflow.SanitizeLine(argv0))
}

// ---- errors and exit codes ----

// ranError marks an error from a command's own code. Whatever else comes out
// of cobra (unknown command or flag, wrong argument count, a missing
// required flag) is about how the command line was written: exit 2.
type ranError struct{ err error }

func (e ranError) Error() string { return e.err.Error() }
func (e ranError) Unwrap() error { return e.err }

// usageError is a command line mistake found by a command's own code.
type usageError struct{ t i18n.Text }

func (e usageError) Error() string                      { return e.t.String() }
func (e usageError) Localize(p *message.Printer) string { return e.t.Localize(p) }

func usagef(format string, a ...any) error { return usageError{i18n.T(format, a...)} }

// invalidf is a workflow-kind invalid error for input the CLI reads itself
// (a draft file, an argument), so it exits 3 like the service's own.
func invalidf(format string, a ...any) error {
	return &workflow.Error{Kind: workflow.KindInvalid, Msg: i18n.T(format, a...).String(), Format: format, Args: a}
}

func exitCode(err error) int {
	var u usageError
	var ran ranError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &u), !errors.As(err, &ran):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	switch workflow.KindOf(err) {
	case workflow.KindInvalid:
		return exitInvalid
	case workflow.KindForbidden:
		return exitForbidden
	case workflow.KindConflict, workflow.KindIllegal:
		return exitConflict
	case workflow.KindNotFound:
		return exitNotFound
	}
	return exitInternal
}

func errorText(p *message.Printer, err error) string {
	if errors.Is(err, context.Canceled) {
		return i18n.Sprintf(p, "interrupted")
	}
	return i18n.Err(p, err)
}

// run adapts a command's code to cobra, marking its errors as its own.
func (a *app) run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := fn(cmd, args); err != nil {
			return ranError{err}
		}
		return nil
	}
}

// ---- arguments ----

// argsNamed checks the positional arguments against their names, so the
// message says what is missing rather than "accepts 2 arg(s)".
func argsNamed(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return usagef("%s: missing %s", cmd.CommandPath(), strings.Join(names[len(args):], " "))
		case len(args) > len(names):
			return usagef("%s: unexpected argument %q (expected %s)", cmd.CommandPath(), args[len(names)], strings.Join(names, " "))
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return usagef("unknown command %q for %q; did you mean %q?", args[0], cmd.CommandPath(), s[0])
	}
	return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
}

// group makes c a command that only holds subcommands. Cobra would print
// help and exit 0 for "plugpub version bogus"; a typo must exit 2.
func group(c *cobra.Command, subs ...*cobra.Command) *cobra.Command {
	c.Args = noArgs
	c.AddCommand(subs...)
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		var names []string
		for _, s := range cmd.Commands() {
			if s.IsAvailableCommand() {
				names = append(names, s.Name())
			}
		}
		return usagef("%s needs a subcommand: %s", cmd.CommandPath(), strings.Join(names, ", "))
	}
	return c
}

// paging is the --limit and --offset of a list command.
type paging struct{ limit, offset int }

func addPaging(c *cobra.Command) *paging {
	p := &paging{}
	c.Flags().IntVar(&p.limit, "limit", workflow.DefaultPageSize, fmt.Sprintf("show at most this many rows (1–%d)", workflow.MaxPageSize))
	c.Flags().IntVar(&p.offset, "offset", 0, "skip this many rows first")
	return p
}

func (p *paging) page() (workflow.Page, error) {
	if p.limit < 1 || p.limit > workflow.MaxPageSize {
		return workflow.Page{}, usagef("--limit must be 1 to %d, got %d", workflow.MaxPageSize, p.limit)
	}
	if p.offset < 0 {
		return workflow.Page{}, usagef("--offset must not be negative, got %d", p.offset)
	}
	return workflow.Page{Limit: p.limit, Offset: p.offset}, nil
}

// pluginArg checks a plugin id before the database is opened, so a typo is
// "invalid input" with the rule, not "not found".
func pluginArg(s string) (string, error) {
	id, err := workflow.ParsePluginID(s)
	if err != nil {
		return "", invalidf("%v", err)
	}
	return id, nil
}

func versionArg(s string) (string, error) {
	v, err := workflow.ParseSemVer(s)
	if err != nil {
		return "", invalidf("%v", err)
	}
	return v.String(), nil
}

// ---- identity and the database ----

// user is the acting user. Identity is advisory: anyone who can write the
// database file can say --as anybody (README says so).
func (a *app) user() (string, error) {
	return a.setting(func(r *remoteSession) string { return r.user }, a.asFlag, "PLUGPUB_USER", func() (string, error) {
		u, err := user.Current()
		if err != nil || u.Username == "" {
			return "", usagef("cannot tell who you are: pass --as USER or set PLUGPUB_USER")
		}
		return u.Username, nil
	})
}

func (a *app) dbPath() (string, error) {
	return a.setting(func(r *remoteSession) string { return r.dbPath }, a.dbFlag, "PLUGPUB_DB", func() (string, error) {
		// The XDG spec says to ignore a relative XDG_DATA_HOME.
		if x := a.getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
			return filepath.Join(x, "plugpub", "plugpub.db"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", usagef("cannot find a place for the database: pass --db PATH or set PLUGPUB_DB (%v)", err)
		}
		return filepath.Join(home, ".local", "share", "plugpub", "plugpub.db"), nil
	})
}

// setting is the first source of a setting that says anything: the SSH
// session under plugpub serve (fromRemote), then the flag, then the
// environment variable env, then fallback.
func (a *app) setting(fromRemote func(*remoteSession) string, flag, env string, fallback func() (string, error)) (string, error) {
	if a.remote != nil {
		return fromRemote(a.remote), nil
	}
	if flag != "" {
		return flag, nil
	}
	if v := a.getenv(env); v != "" {
		return v, nil
	}
	return fallback()
}

// busyPatience is $PLUGPUB_BUSY_TIMEOUT: how long to wait for a database
// another process holds before giving up (0, the store's default, if unset).
func (a *app) busyPatience() (time.Duration, error) {
	v := strings.TrimSpace(a.getenv("PLUGPUB_BUSY_TIMEOUT"))
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, usagef("PLUGPUB_BUSY_TIMEOUT=%q must be a positive duration such as 500ms, 5s or 2m", v)
	}
	return d, nil
}

// withStore opens the database for one command and closes it after. The
// context is cancelled by ctrl+c, so a command stuck waiting on a busy
// database can be stopped without leaving a transaction half done. The
// address picks the engine (openDatabase); path is what messages show.
func (a *app) withStore(cmd *cobra.Command, fn func(ctx context.Context, st database, path string) error) (err error) {
	if a.remote != nil { // the server's, open for all its sessions
		return fn(cmd.Context(), a.remote.store, a.remote.dbPath)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	addr, err := a.dbPath()
	if err != nil {
		return err
	}
	path := dbName(addr)
	if !isPostgres(addr) {
		if err := os.MkdirAll(filepath.Dir(addr), 0o700); err != nil {
			return fmt.Errorf("creating the database folder: %w", err)
		}
	}
	patience, err := a.busyPatience()
	if err != nil {
		return err
	}
	start := time.Now()
	st, err := openDatabase(ctx, addr, patience)
	if err != nil {
		a.logger().Error("store open", "path", path, "duration_ms", time.Since(start).Milliseconds(), "error", err.Error())
		return err // the store's messages name the file or server and the cause
	}
	// Open migrates an older database to the current schema before it returns.
	a.logger().Info("store open", "path", path, "schema", st.SchemaVersion(), "duration_ms", time.Since(start).Milliseconds())
	defer func() {
		// Closing checkpoints the WAL; a failure there is worth knowing.
		if cerr := st.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing %s: %w", path, cerr)
		}
	}()
	return fn(ctx, st, path)
}

// withService is withStore for the common case: one service on the wall clock.
func (a *app) withService(cmd *cobra.Command, fn func(ctx context.Context, svc *workflow.Service) error) error {
	return a.withStore(cmd, func(ctx context.Context, st database, _ string) error {
		return fn(ctx, workflow.NewService(a.storeOf(st), time.Now))
	})
}

// acting is withService for commands that act as the --as user.
func (a *app) acting(cmd *cobra.Command, fn func(ctx context.Context, svc *workflow.Service, as string) error) error {
	as, err := a.user()
	if err != nil {
		return err
	}
	return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
		return fn(ctx, svc, as)
	})
}

// print writes v as JSON in --json mode, else calls text.
func (a *app) print(v any, text func(w io.Writer) error) error {
	if a.json {
		return writeJSON(a.stdout, v)
	}
	return text(a.out())
}

// speaker is a writer of text for people in one language: line and
// printProblems say their messages with p.
type speaker struct {
	io.Writer
	p *message.Printer
}

// out and errOut are stdout and stderr for text in the user's language.
func (a *app) out() io.Writer    { return speaker{a.stdout, a.p} }
func (a *app) errOut() io.Writer { return speaker{a.stderr, a.p} }

// printerOf is the language w speaks: English, the source, unless w is a
// speaker.
func printerOf(w io.Writer) *message.Printer {
	if s, ok := w.(speaker); ok {
		return s.p
	}
	return nil
}
