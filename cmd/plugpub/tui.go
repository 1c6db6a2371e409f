package main

import (
	"context"
	"errors"

	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// tui opens the console. For now it is a placeholder that proves the wiring
// (identity, database, terminal); the tui package will replace this file.
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
		line(a.stdout, "plugpub: the console needs a terminal (as %s on %s); for scripts see: plugpub --help", as, path)
		return nil
	}
	return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
		m := placeholder{user: as, db: path}
		if u, err := svc.User(ctx, as); err == nil {
			m.roles = describeUser(u)
		} else if workflow.KindOf(err) == workflow.KindNotFound {
			m.roles = "not a user in this database yet: plugpub user add " + as + " --role developer"
		} else {
			return err
		}
		p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(cmd.InOrStdin()), tea.WithOutput(a.stdout))
		_, err := p.Run()
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

type placeholder struct {
	user, roles, db string
}

func (m placeholder) Init() tea.Cmd { return nil }

func (m placeholder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "q", "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m placeholder) View() string {
	var b strings.Builder
	b.WriteString("plugpub — " + m.user + " on " + m.db + "\n\n")
	b.WriteString("  " + m.roles + "\n\n")
	b.WriteString("  The console screens are on their way; every action is a command today:\n")
	b.WriteString("  plugpub --help\n\n")
	b.WriteString("  q quit\n")
	return workflow.Sanitize(b.String())
}
