// Package plugins is the first screen of a developer or reviewer: the
// plugins I own, or all of them, with a filter.
package plugins

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// Opener builds the screen enter opens for a plugin; cmd wires it to the
// plugin screen, which keeps this package free of the screens below it.
type Opener func(pluginID string) common.Screen

type keyMap struct {
	list   common.ListKeys
	Open   key.Binding
	Filter key.Binding
	Clear  key.Binding
	Apply  key.Binding
	Cancel key.Binding
}

// Model is the plugins screen.
type Model struct {
	ctx    *common.Context
	open   Opener
	keys   keyMap
	table  vtable.Model[workflow.PluginSummary]
	input  textinput.Model
	filter string // the applied filter
	gen    int    // bumps with the filter, so a late window of an old filter is dropped
	typing bool
	width  int
	height int
}

// New builds the screen.
func New(ctx *common.Context, open Opener) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "插件 ID 或名称"
	in.CharLimit = 64
	in.Cursor.SetMode(cursor.CursorStatic)
	m := &Model{ctx: ctx, open: open, input: in, keys: keyMap{
		list:   common.NewListKeys(),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "clear filter")),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
	m.table = m.newTable()
	return m
}

func (m *Model) newTable() vtable.Model[workflow.PluginSummary] {
	m.gen++
	st := &m.ctx.Styles
	cols := []vtable.Column{
		{Title: "插件 ID", Width: 16},
		{Title: "名称", Flex: 2},
		{Title: "负责人", Width: 10},
		{Title: "线上版本", Width: 8},
		{Title: "最新发布", Width: 8},
		{Title: "上架", Width: 4},
	}
	render := func(p workflow.PluginSummary) []vtable.Cell {
		latest := st.State(p.Latest)
		listing := st.State(string(p.Listing))
		return []vtable.Cell{{Text: p.ID}, {Text: p.Name}, {Text: p.Owner}, {Text: p.Online},
			{Text: workflow.Label(p.Latest), Style: &latest}, {Text: workflow.Label(string(p.Listing)), Style: &listing}}
	}
	id := fmt.Sprintf("plugins#%d", m.gen)
	svc, as, filter := m.ctx.Svc, m.ctx.User.Name, m.filter
	fetch := func(offset, limit int) tea.Cmd {
		return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			items, err := svc.Plugins(ctx, as, filter, workflow.Page{Offset: offset, Limit: limit})
			if err != nil {
				return nil, err
			}
			total, err := svc.CountPlugins(ctx, as, filter)
			if err != nil {
				return nil, err
			}
			return vtable.WindowMsg[workflow.PluginSummary]{ID: id, Window: vtable.Window[workflow.PluginSummary]{Offset: offset, Items: items, Total: total}}, nil
		})
	}
	t := vtable.New(id, cols, render, fetch, st)
	t.SetSize(m.width, m.tableHeight())
	return t
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title names the screen.
func (m *Model) Title() string {
	if m.ctx.User.Has(workflow.RoleReviewer) {
		return "全部插件"
	}
	return "我的插件"
}

// Capturing is true while the filter is being typed.
func (m *Model) Capturing() bool { return m.typing }

// SetSize lays the screen out.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(1, w-4)
	m.table.SetSize(w, m.tableHeight())
}

func (m *Model) tableHeight() int {
	if m.typing || m.filter != "" {
		return max(0, m.height-1)
	}
	return m.height
}

// Update handles keys and windows.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.ReloadMsg:
		return m, m.table.Reload()
	case tea.KeyMsg:
		if m.typing {
			return m, m.typeFilter(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Filter):
			m.typing = true
			m.input.SetValue(m.filter)
			m.input.CursorEnd()
			m.table.SetSize(m.width, m.tableHeight())
			return m, m.input.Focus()
		case key.Matches(msg, m.keys.Clear) && m.filter != "":
			return m, m.apply("")
		case key.Matches(msg, m.keys.Open):
			if p, ok := m.table.Selected(); ok && m.open != nil {
				return m, common.Push(m.open(p.ID))
			}
			return m, nil
		}
	}
	return m, m.table.Update(msg)
}

func (m *Model) typeFilter(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Apply):
		m.typing = false
		m.input.Blur()
		return m.apply(m.input.Value())
	case key.Matches(msg, m.keys.Cancel):
		m.typing = false
		m.input.Blur()
		m.table.SetSize(m.width, m.tableHeight())
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(common.GuardDeleteWordForward(&m.input, msg))
	return cmd
}

func (m *Model) apply(filter string) tea.Cmd {
	m.filter = filter
	m.table = m.newTable()
	return m.table.Init()
}

// View draws the filter line and the table.
func (m *Model) View() string {
	st := m.ctx.Styles
	table := m.table.View()
	switch {
	case m.typing:
		return common.Clip(m.input.View()+"\n"+table, m.width, m.height)
	case m.filter != "":
		line := st.Muted.Render(common.Cell(fmt.Sprintf("filter: %s  (%d)  x clears", m.filter, m.table.Total()), m.width))
		return common.Clip(line+"\n"+table, m.width, m.height)
	}
	return common.Clip(table, m.width, m.height)
}

// ShortHelp lists the keys that work now.
func (m *Model) ShortHelp() []key.Binding {
	if m.typing {
		return []key.Binding{m.keys.Apply, m.keys.Cancel}
	}
	_, selected := m.table.Selected()
	return []key.Binding{common.Enable(m.keys.Open, selected), m.keys.Filter, common.Enable(m.keys.Clear, m.filter != "")}
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp(), m.keys.list.Bindings()}
}
