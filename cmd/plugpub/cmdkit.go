package main

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// The shape every command that acts shares: it reads its command line
// (arguments, then flags) before the database is opened, so a typo is
// reported without touching it, then acts as the --as user on an open
// service and prints the result, as JSON with --json or as text. The
// helpers here hold that shape, so each command states only what differs.

// actFunc is what a command does once its command line is read.
type actFunc = func(ctx context.Context, svc *workflow.Service, as string) error

// acts sets c to run: read checks the command line and returns what to do
// as the acting user. c's arguments are the ones its Use line names (see
// useArgs): help shows that line, so the check cannot drift from it.
func (a *app) acts(c *cobra.Command, read func(cmd *cobra.Command, args []string) (actFunc, error)) *cobra.Command {
	c.Args = argsNamed(useArgs(c.Use)...)
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		act, err := read(cmd, args)
		if err != nil {
			return err
		}
		return a.acting(cmd, act)
	})
	return c
}

// useArgs is the positional arguments a Use line names after the
// command's name: its words up to the first flag (--x) or optional part
// ([…]). Of DIR|- (a folder, or - for stdin) the name is DIR.
func useArgs(use string) []string {
	var names []string
	for _, w := range strings.Fields(use)[1:] {
		if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "[") {
			break
		}
		name, _, _ := strings.Cut(w, "|")
		names = append(names, name)
	}
	return names
}

// readsOnPlugin is acts for a command whose first argument is a plugin
// id: PLUGIN is checked first, then read checks the rest of the command
// line (flags, a file, stdin).
func (a *app) readsOnPlugin(c *cobra.Command, read func(cmd *cobra.Command, id string) (actFunc, error)) *cobra.Command {
	return a.acts(c, func(cmd *cobra.Command, args []string) (actFunc, error) {
		id, err := pluginArg(args[0])
		if err != nil {
			return nil, err
		}
		return read(cmd, id)
	})
}

// onPlugin is acts for a command whose only argument is a plugin id.
func (a *app) onPlugin(c *cobra.Command, act func(ctx context.Context, svc *workflow.Service, as, id string) error) *cobra.Command {
	return a.readsOnPlugin(c, func(_ *cobra.Command, id string) (actFunc, error) {
		return func(ctx context.Context, svc *workflow.Service, as string) error { return act(ctx, svc, as, id) }, nil
	})
}

// onSubmission is acts for a command whose argument is a submission id.
func (a *app) onSubmission(c *cobra.Command, act func(ctx context.Context, svc *workflow.Service, as string, id int64) error) *cobra.Command {
	return a.acts(c, func(_ *cobra.Command, args []string) (actFunc, error) {
		id, err := submissionArg(args[0])
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error { return act(ctx, svc, as, id) }, nil
	})
}

// onPluginVersion is acts for a command whose arguments are PLUGIN X.Y.Z.
func (a *app) onPluginVersion(c *cobra.Command, act func(ctx context.Context, svc *workflow.Service, as, id, ver string) error) *cobra.Command {
	return a.acts(c, func(_ *cobra.Command, args []string) (actFunc, error) {
		id, ver, err := pluginVersionArgs(args)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error { return act(ctx, svc, as, id, ver) }, nil
	})
}

// paged is acts for a list command of no arguments, with --limit and
// --offset.
func (a *app) paged(c *cobra.Command, act func(ctx context.Context, svc *workflow.Service, as string, p workflow.Page) error) *cobra.Command {
	pg := addPaging(c)
	return a.acts(c, func(_ *cobra.Command, _ []string) (actFunc, error) {
		p, err := pg.page()
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error { return act(ctx, svc, as, p) }, nil
	})
}

// pagedOnPlugin is paged for a list of one plugin's: PLUGIN is checked
// first, then the paging.
func (a *app) pagedOnPlugin(c *cobra.Command, act func(ctx context.Context, svc *workflow.Service, as, id string, p workflow.Page) error) *cobra.Command {
	pg := addPaging(c)
	return a.readsOnPlugin(c, func(_ *cobra.Command, id string) (actFunc, error) {
		p, err := pg.page()
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error { return act(ctx, svc, as, id, p) }, nil
	})
}

// then prints what an action returned, or passes on its error:
// return then(print)(svc.Do(…)).
func then[T any](print func(T) error) func(T, error) error {
	return func(v T, err error) error {
		if err != nil {
			return err
		}
		return print(v)
	}
}

// printRows prints v as JSON with --json, else t with a row of cells for
// each item.
func printRows[T any](a *app, v any, t *table, items []T, cells func(T) []string) error {
	return a.print(v, func(w io.Writer) error {
		for _, it := range items {
			t.row(cells(it)...)
		}
		return t.render(w)
	})
}

// listed prints a list an action returned, as printRows does (see then):
// return listed(a, t, cells)(svc.List(…)).
func listed[T any](a *app, t *table, cells func(T) []string) func([]T, error) error {
	return then(func(items []T) error { return printRows(a, nonNil(items), t, items, cells) })
}

// submissionPrinter prints a submission an action returned, saying what
// happened to it.
func (a *app) submissionPrinter(svc *workflow.Service, what string) func(workflow.Submission) error {
	return func(s workflow.Submission) error { return a.printSubmission(s, svc.Now(), what) }
}

// printSubmissions prints a list of submissions; cells are a row's.
func (a *app) printSubmissions(ss []workflow.Submission, now time.Time, t *table, cells func(workflow.Submission) []string) error {
	return printRows(a, toSubmissionsJSON(ss, now), t, ss, cells)
}

// requiredString adds a string flag c cannot run without; shorthand is
// its one-letter form, or "".
func requiredString(c *cobra.Command, p *string, name, shorthand, usage string) {
	c.Flags().StringVarP(p, name, shorthand, "", usage)
	_ = c.MarkFlagRequired(name) // it fails only for a flag c lacks
}
