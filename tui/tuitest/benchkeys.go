package tuitest

import (
	"testing"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"plugpub/cmd/benchsum/figure"
	"plugpub/tui/common"
)

// TerminalColours draws in a real terminal's colours, not the tests' plain
// text, until the benchmark ends: what a key press costs includes styling.
func TerminalColours(b *testing.B) {
	lipgloss.SetColorProfile(termenv.ANSI256)
	b.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
}

// BenchContext is a screen's context as user on a fresh world, drawing in
// terminal colours (TerminalColours), for a benchmark of the screen alone.
func BenchContext(b *testing.B, user string) *common.Context {
	TerminalColours(b)
	return NewWorld(b).ScreenContext(user)
}

// BenchKeyPress is the key-press benchmark of a long list: ours is one key
// press on the screen s, Update then View. The baseline is the stock
// bubbles table of cols and rows at the same size, its cursor on row
// cursor as the screen's should be. Down and up are pressed by
// turns on both, each press timed on its own, so both see the same noise;
// the medians are reported in ms, with their ratio (figure.Times).
func BenchKeyPress(b *testing.B, s common.Screen, width, height int, cols []table.Column, rows []table.Row, cursor int) {
	base := table.New(table.WithColumns(cols), table.WithRows(rows), table.WithHeight(height), table.WithWidth(width), table.WithFocused(true))
	base.SetCursor(cursor)
	keys := []tea.KeyMsg{{Type: tea.KeyDown}, {Type: tea.KeyUp}}
	o, t := figure.Interleave(b, func(i int) {
		s.Update(keys[i%2])
		if s.View() == "" {
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
