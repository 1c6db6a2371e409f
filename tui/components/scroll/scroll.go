// Package scroll is a read-only pane of pre-rendered lines that scrolls with
// the list keys: a detail pane, a rendered snapshot, a diff. It cuts every
// line to its width, so what it is handed can never draw outside its box.
package scroll

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
)

// Model is the pane.
type Model struct {
	lines  []string
	top    int
	width  int
	height int
	keys   common.ListKeys
}

// New builds an empty pane.
func New() Model { return Model{keys: common.NewListKeys()} }

// SetSize sets the box; the caller renders content for this width.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.clamp()
}

// Width is the width content should be rendered for.
func (m *Model) Width() int { return m.width }

// SetContent replaces the text, keeping the scroll position where it still
// exists, so a reload does not throw the reader back to the top.
func (m *Model) SetContent(s string) {
	m.lines = strings.Split(strings.TrimRight(s, "\n"), "\n")
	m.clamp()
}

// Top is the first visible line; SetTop scrolls to a line.
func (m *Model) Top() int { return m.top }

// SetTop scrolls so that line i is the first shown.
func (m *Model) SetTop(i int) {
	m.top = i
	m.clamp()
}

// Lines is the number of content lines.
func (m *Model) Lines() int { return len(m.lines) }

// Keys are the pane's bindings, for help.
func (m *Model) Keys() common.ListKeys { return m.keys }

// WheelLines is how far one notch of the mouse wheel scrolls.
const WheelLines = 3

// Update scrolls on a list key or the mouse wheel; Top says where to.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if mm, ok := msg.(tea.MouseMsg); ok {
		if mm.Action != tea.MouseActionPress {
			return nil
		}
		switch mm.Button {
		case tea.MouseButtonWheelUp:
			m.top -= WheelLines
		case tea.MouseButtonWheelDown:
			m.top += WheelLines
		default:
			return nil
		}
		m.clamp()
		return nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	page := max(1, m.height-1)
	switch {
	case key.Matches(k, m.keys.Up):
		m.top--
	case key.Matches(k, m.keys.Down):
		m.top++
	case key.Matches(k, m.keys.PageUp):
		m.top -= page
	case key.Matches(k, m.keys.PageDown):
		m.top += page
	case key.Matches(k, m.keys.Top):
		m.top = 0
	case key.Matches(k, m.keys.Bottom):
		m.top = len(m.lines)
	default:
		return nil
	}
	m.clamp()
	return nil
}

// ShortHelp is the moves a reader needs first.
func (m *Model) ShortHelp() []key.Binding { return []key.Binding{m.keys.Up, m.keys.Down} }

// FullHelp is every move.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.keys.Bindings()} }

var _ common.Component = (*Model)(nil)

func (m *Model) clamp() {
	m.top = max(0, min(m.top, len(m.lines)-m.height))
}

// View draws the visible lines, at most width × height.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	end := min(len(m.lines), m.top+m.height)
	return common.Clip(strings.Join(m.lines[m.top:end], "\n"), m.width, m.height)
}
