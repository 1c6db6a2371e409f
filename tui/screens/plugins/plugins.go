// Package plugins is the first screen of a developer or reviewer: the
// plugins I own, or all of them, each with its live orders, with a filter,
// and 新建插件.
package plugins

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// Opener builds the screen enter opens for a plugin; cmd wires it to the
// plugin screen, which keeps this package free of the screens below it.
type Opener func(pluginID string) common.Screen

type keyMap struct {
	list   common.ListKeys
	Open   key.Binding
	Create key.Binding
	Clear  key.Binding
}

// Model is the plugins screen.
type Model struct {
	ctx   *common.Context
	open  Opener
	keys  keyMap
	id    string
	table vtable.Model[workflow.PluginSummary]
	// live is each plugin's live orders, read after its window (counting
	// the orders of a popular plugin must not hold up the first frame).
	live   map[string]int
	modal  dialog.Modal // the 新建插件 dialog, when open
	width  int
	height int
}

// liveMsg is the live orders (申请中 and 已通过) of the plugins of a
// window, those the user may read; the others count none.
type liveMsg struct {
	screen string
	ids    []string
	live   map[string]int
}

// New builds the screen.
func New(ctx *common.Context, open Opener) *Model {
	m := &Model{ctx: ctx, open: open, keys: keyMap{
		list:   common.NewListKeys(),
		Open:   common.Enter("open"),
		Create: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "新建插件")),
		Clear:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "clear filter")),
	}}
	m.id = fmt.Sprintf("plugins:%p", m)
	st := &ctx.Styles
	cols := []vtable.Column{
		{Title: "插件 ID", Width: workflow.PluginIDDigits, ID: true},
		{Title: "名称", Flex: 2},
		{Title: "负责人", Width: 10},
		{Title: "线上版本", Width: 8},
		{Title: "最新发布", Width: 8},
		{Title: "上架", Width: 4},
		{Title: "订购", Width: 6},
	}
	m.live = map[string]int{}
	render := func(p workflow.PluginSummary) []vtable.Cell {
		latest := st.State(p.Latest)
		listing := st.State(string(p.Listing))
		return []vtable.Cell{{Text: p.ID}, {Text: p.Name}, {Text: p.Owner}, {Text: p.Online},
			{Text: workflow.Label(p.Latest), Style: &latest}, {Text: workflow.Label(string(p.Listing)), Style: &listing},
			{Text: m.liveText(p.ID)}}
	}
	m.table = vtable.New(m.id, cols, render, m.fetch, ctx)
	m.table.EnableFilter("插件 ID、名称或负责人")
	return m
}

// fetch loads one window of the plugins that match the filter, and their count.
func (m *Model) fetch(q vtable.Query) tea.Cmd {
	svc, as, id := m.ctx.Svc, m.ctx.User.Name, m.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		items, err := svc.Plugins(ctx, as, q.Filter, q.Page())
		if err != nil {
			return nil, err
		}
		total, err := svc.CountPlugins(ctx, as, q.Filter)
		if err != nil {
			return nil, err
		}
		return vtable.WindowMsg[workflow.PluginSummary]{ID: id, Window: vtable.Window[workflow.PluginSummary]{
			Offset: q.Offset, Items: items, Total: total, Filter: q.Filter}}, nil
	})
}

// countLive reads the live orders of a window's plugins.
func (m *Model) countLive(items []workflow.PluginSummary) tea.Cmd {
	if len(items) == 0 {
		return nil
	}
	ids := make([]string, len(items))
	for i, p := range items {
		ids[i] = p.ID
	}
	svc, as, screen := m.ctx.Svc, m.ctx.User.Name, m.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		live, err := svc.LiveOrderCounts(ctx, as, ids)
		if err != nil {
			return nil, err
		}
		return liveMsg{screen: screen, ids: ids, live: live}, nil
	})
}

// liveText is a plugin's live orders as its cell: … until read.
func (m *Model) liveText(id string) string {
	n, ok := m.live[id]
	if !ok {
		return "…"
	}
	return fmt.Sprint(n)
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

// Capturing is true while the filter is being typed or the dialog is open.
func (m *Model) Capturing() bool { return m.table.Filtering() || m.modal != nil }

// SetSize lays the screen out.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.table.SetSize(m.width, m.height)
}

// Update handles keys, clicks, windows and the dialog's answers.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case createdMsg:
		if msg.screen != m.id {
			return m, nil
		}
		m.modal = nil
		// Show the new plugin, selected: filtered on its id (x clears).
		show := m.table.SetFilter(msg.plugin.ID)
		if show == nil {
			show = m.table.Reload()
		}
		return m, tea.Batch(common.Info(fmt.Sprintf("插件 %s 已创建", msg.plugin.ID)), show)
	case createFailedMsg:
		if c, ok := m.modal.(*dialog.Form); ok && msg.screen == m.id {
			c.Failed(msg.err)
		}
		return m, nil
	case common.ReloadMsg:
		return m, m.table.Reload()
	case vtable.WindowMsg[workflow.PluginSummary]:
		if msg.ID != m.id {
			return m, nil
		}
		return m, tea.Batch(m.table.Update(msg), m.countLive(msg.Window.Items))
	case liveMsg:
		if msg.screen == m.id {
			for _, id := range msg.ids {
				m.live[id] = msg.live[id]
			}
		}
		return m, nil
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&m.modal, msg); ok {
			return m, cmd
		}
		if m.table.Filtering() {
			return m, m.table.Update(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Create) && m.canCreate():
			m.modal = newCreateDialog(m.ctx, m.id)
			return m, nil
		case key.Matches(msg, m.keys.Clear) && m.table.Filter() != "":
			return m, m.table.SetFilter("")
		case key.Matches(msg, m.keys.Open):
			if p, ok := m.table.Selected(); ok && m.open != nil {
				return m, common.Push(m.open(p.ID))
			}
			return m, nil
		}
	case tea.MouseMsg:
		if m.modal != nil {
			return m, nil
		}
	}
	return m, m.table.Update(msg)
}

// View draws the table, and the dialog over it when open.
func (m *Model) View() string {
	view := common.Clip(m.table.View(), m.width, m.height)
	if m.modal != nil {
		return dialog.Over(view, m.modal, m.width, m.height)
	}
	return view
}

// ShortHelp lists the keys that work now.
func (m *Model) ShortHelp() []key.Binding {
	if m.modal != nil {
		return m.modal.ShortHelp()
	}
	if m.table.Filtering() {
		return m.table.FilterKeys()
	}
	_, selected := m.table.Selected()
	keys := []key.Binding{common.Enable(m.keys.Open, selected)}
	if m.canCreate() {
		keys = append(keys, m.keys.Create)
	}
	return append(keys,
		append(m.table.FilterKeys(), common.Enable(m.keys.Clear, m.table.Filter() != ""))...)
}

// canCreate is whether workflow lets this user create a plugin: a reviewer
// or a buyer is never offered 新建插件.
func (m *Model) canCreate() bool {
	return workflow.UserOffer(m.ctx.User).Can(workflow.ActCreate)
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp(), m.keys.list.Bindings()}
}
