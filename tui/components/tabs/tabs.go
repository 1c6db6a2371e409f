// Package tabs is a screen made of other screens, one shown at a time and
// chosen with the number keys: the home sections (插件, 审核队列, 服务市场) and
// a plugin's 版本管理 / 发布管理.
package tabs

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
)

// Model is the tab container; it is a common.Screen.
type Model struct {
	ctx    *common.Context
	title  string
	tabs   []common.Screen
	names  []string
	keys   []key.Binding
	active int
	inited []bool
	width  int
	height int
}

// Tab is one child with its tab label.
type Tab struct {
	Name   string
	Screen common.Screen
}

// New builds the container; title prefixes the breadcrumb ("" for none).
func New(ctx *common.Context, title string, tabs ...Tab) *Model {
	m := &Model{ctx: ctx, title: title, inited: make([]bool, len(tabs))}
	for i, t := range tabs {
		m.tabs = append(m.tabs, t.Screen)
		m.names = append(m.names, t.Name)
		n := fmt.Sprint(i + 1)
		m.keys = append(m.keys, key.NewBinding(key.WithKeys(n), key.WithHelp(n, t.Name)))
	}
	return m
}

// Init starts the first tab; the others start when first shown, so a tab
// nobody opens costs no query.
func (m *Model) Init() tea.Cmd { return m.show(m.active) }

func (m *Model) show(i int) tea.Cmd {
	m.active = i
	if m.inited[i] {
		return func() tea.Msg { return common.ReloadMsg{} }
	}
	m.inited[i] = true
	return m.tabs[i].Init()
}

// Active is the index of the shown tab.
func (m *Model) Active() int { return m.active }

// Title is the container's title and the shown tab's.
func (m *Model) Title() string {
	t := m.tabs[m.active].Title()
	if m.title == "" {
		return t
	}
	return m.title + " · " + t
}

// Capturing defers to the shown tab.
func (m *Model) Capturing() bool { return m.tabs[m.active].Capturing() }

// SetSize gives every tab the space under the tab bar.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	for _, t := range m.tabs {
		t.SetSize(w, max(0, h-1))
	}
}

// Update switches tabs on number keys and on a click on the tab bar; other
// keys and mouse events go to the shown tab and data messages to every
// tab, each taking only its own.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if !m.Capturing() {
			for i, k := range m.keys {
				if key.Matches(msg, k) {
					if i == m.active {
						return m, nil
					}
					return m, m.show(i)
				}
			}
		}
		var cmd tea.Cmd
		m.tabs[m.active], cmd = m.tabs[m.active].Update(msg)
		return m, cmd
	case tea.MouseMsg:
		// Y is counted from the top of this screen (see common.Screen): the
		// tab bar is line 0, the shown tab starts below it.
		if msg.Y == 0 {
			if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
				if i := m.tabAt(msg.X); i >= 0 && i != m.active {
					return m, m.show(i)
				}
			}
			return m, nil
		}
		msg.Y--
		var cmd tea.Cmd
		m.tabs[m.active], cmd = m.tabs[m.active].Update(msg)
		return m, cmd
	case common.ReloadMsg:
		var cmd tea.Cmd
		m.tabs[m.active], cmd = m.tabs[m.active].Update(msg)
		return m, cmd
	}
	cmds := make([]tea.Cmd, len(m.tabs))
	for i, t := range m.tabs {
		m.tabs[i], cmds[i] = t.Update(msg)
	}
	return m, tea.Batch(cmds...)
}

// label is tab i's text in the tab bar.
func (m *Model) label(i int) string { return fmt.Sprintf(" %d %s ", i+1, m.names[i]) }

// tabAt is the tab whose label covers column x of the tab bar, or -1.
func (m *Model) tabAt(x int) int {
	left := 0
	for i := range m.names {
		right := left + lipgloss.Width(m.label(i))
		if x >= left && x < right {
			return i
		}
		left = right
	}
	return -1
}

// View draws the tab bar and the shown tab.
func (m *Model) View() string {
	st := m.ctx.Styles
	var bar strings.Builder
	for i := range m.names {
		label := m.label(i)
		if i == m.active {
			bar.WriteString(st.Selected.Render(label))
		} else {
			bar.WriteString(st.Muted.Render(label))
		}
	}
	return common.Clip(bar.String()+"\n"+m.tabs[m.active].View(), m.width, m.height)
}

// ShortHelp is the shown tab's keys.
func (m *Model) ShortHelp() []key.Binding { return m.tabs[m.active].ShortHelp() }

// FullHelp adds the tab keys.
func (m *Model) FullHelp() [][]key.Binding {
	return append(m.tabs[m.active].FullHelp(), m.keys)
}
