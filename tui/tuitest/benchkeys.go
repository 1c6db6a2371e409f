package tuitest

import (
	"context"
	"testing"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store/sqlite"
	"plugpub/tui/common"
	"plugpub/workflow"
)

// TerminalColours draws in a real terminal's colours, not the tests' plain
// text, until the benchmark ends: what a key press costs includes styling.
func TerminalColours(b *testing.B) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
}

// BenchKeyPress is the key-press benchmark of a long list: ours is one key
// press on the screen, Update then View, returning the view. The baseline
// is the stock bubbles table of cols and rows at the same size, its cursor
// on row cursor as the screen's should be. Down and up are pressed by
// turns on both, each press timed on its own, so both see the same noise;
// the medians are reported in ms, with their ratio (figure.Times).
func BenchKeyPress(b *testing.B, width, height int, cols []table.Column, rows []table.Row, cursor int, ours func(tea.KeyMsg) string) {
	base := table.New(table.WithColumns(cols), table.WithRows(rows), table.WithHeight(height), table.WithWidth(width), table.WithFocused(true))
	base.SetCursor(cursor)
	keys := []tea.KeyMsg{{Type: tea.KeyDown}, {Type: tea.KeyUp}}
	o, t := figure.Interleave(b, func(i int) {
		if ours(keys[i%2]) == "" {
			b.Fatal("our view is empty")
		}
	}, func(i int) {
		base, _ = base.Update(keys[i%2])
		if base.View() == "" {
			b.Fatal("the baseline's view is empty")
		}
	})
	figure.Times(b, o, t)
}

// BenchDB opens the large database make bench makes (PLUGPUB_BENCH_DB),
// skipping the benchmark without it, and returns a program context acting
// as user on it; the store closes when the benchmark ends.
func BenchDB(b *testing.B, user string) *common.Context {
	b.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, figure.LargeDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	svc := workflow.NewService(st, nil)
	u, err := svc.User(ctx, user)
	if err != nil {
		b.Fatal(err)
	}
	return &common.Context{Svc: svc, User: u, Styles: common.NewStyles(), Keys: common.NewGlobalKeys()}
}
