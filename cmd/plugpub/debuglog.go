package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// The --log FILE debug log: one JSON line (log/slog) per command run, per
// database opened, and per screen change or error in the console, for
// finding out afterwards what happened where nobody watched (a script, the
// SSH server). Without --log nothing is written and nothing is opened.

// openLog opens --log's file for appending, once; without --log, or when
// it cannot be opened, a.log stays nil and logging is a no-op.
func (a *app) openLog() error {
	if a.logFlag == "" || a.log != nil {
		return nil
	}
	f, err := os.OpenFile(a.logFlag, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return usagef("--log %s: %v", a.logFlag, err)
	}
	a.logFile = f
	a.log = slog.New(slog.NewJSONHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return nil
}

// logger is the debug log, a no-op one without --log; it is safe to use
// from any goroutine, as a tea.Cmd is.
func (a *app) logger() *slog.Logger {
	if a.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return a.log
}

// logRun records one command run and closes the log.
func (a *app) logRun(cmd *cobra.Command, args []string, took time.Duration, code int, err error) {
	if a.logFlag != "" && a.log == nil && a.remote == nil {
		// The command line was refused before any command ran.
		_ = a.openLog()
	}
	if a.log == nil {
		return
	}
	name := "plugpub"
	if cmd != nil {
		name = cmd.CommandPath()
	}
	as, _ := a.user()
	attrs := []any{"command", name, "args", strings.Join(args, " "), "user", as, "duration_ms", took.Milliseconds(), "exit", code}
	if err != nil {
		attrs = append(attrs, "error", err.Error())
		a.log.Error("command", attrs...)
	} else {
		a.log.Info("command", attrs...)
	}
	if a.logFile == nil {
		return // the log is the server's (plugpub serve --log), left open
	}
	if cerr := a.logFile.Close(); cerr != nil {
		fmt.Fprintln(a.stderr, "plugpub: closing the log:", cerr)
	}
	a.log, a.logFile = nil, nil
}
