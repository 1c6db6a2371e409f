package main

import (
	"context"
	"errors"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/screens/wizard"
	"plugpub/workflow"
)

// tui opens the console as --as on --db.
func (a *app) tui(cmd *cobra.Command, _ []string) error {
	as, err := a.user()
	if err != nil {
		return err
	}
	path, err := a.dbPath()
	if err != nil {
		return err
	}
	if !isTerminal(cmd.InOrStdin()) || !isTerminal(a.stdout) {
		line(a.out(), "plugpub: the console needs a terminal (as %s on %s); for scripts see: plugpub --help", as, dbName(path))
		return nil
	}
	return a.withStore(cmd, func(ctx context.Context, st database, path string) error {
		svc := workflow.NewService(st, nil)
		u, err := svc.User(ctx, as)
		if err != nil {
			return err // names the user and how to add them
		}
		c := &common.Context{Svc: svc, User: u, DBPath: path, Styles: common.NewStyles(), Keys: common.NewGlobalKeys(), Changes: st.DataVersion, Printer: a.p, Log: a.log}
		c.OpenWizard = func(pluginID string) common.Screen { return wizard.New(c, pluginID) }
		err = tui.Run(c, tui.Home(c), tea.WithContext(ctx), tea.WithInput(cmd.InOrStdin()), tea.WithOutput(a.stdout))
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	})
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
