// Package orders is 我的订购: a consumer's orders, newest first, each
// opening the 订购页 of the plugin ordered.
package orders

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/tui/screens/market"
	"plugpub/workflow"
)

// Keys are the screen's bindings.
type Keys struct {
	Open key.Binding
	List common.ListKeys
}

// Model is the 我的订购 screen.
type Model struct {
	ctx    *common.Context
	keys   Keys
	table  vtable.Model[workflow.OrderLine]
	failed string // why the last load failed
	more   bool   // a row past the loaded window exists: the total is a lower bound

	width, height int
}

type failedMsg struct {
	table string
	err   error
}

// New builds 我的订购 for ctx.User; it loads on Init.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, keys: Keys{
		Open: common.Enter("订购页"),
		List: common.NewListKeys(),
	}}
	id := fmt.Sprintf("orders/%p", m)
	cols := []vtable.Column{
		{Title: "插件 ID", Width: 16},
		{Title: "服务标题", Flex: 3},
		{Title: "版本", Width: 11},
		{Title: "订购时间", Width: 16},
	}
	m.table = vtable.New(id, cols, render, m.fetcher(id), ctx)
	return m
}

func render(o workflow.OrderLine) []vtable.Cell {
	return []vtable.Cell{{Text: o.PluginID}, {Text: o.Title}, {Text: o.Version}, {Text: when(o.At)}}
}

// fetcher asks one row more than it needs, as the market does: the
// service has no count of orders.
func (m *Model) fetcher(id string) vtable.Fetcher[workflow.OrderLine] {
	svc, user := m.ctx.Svc, m.ctx.User.Name
	return func(q vtable.Query) tea.Cmd {
		offset, limit := q.Offset, q.Limit
		return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			ls, err := svc.OrderLines(ctx, user, workflow.Page{Offset: offset, Limit: limit + 1})
			if err != nil {
				return failedMsg{table: id, err: err}, nil
			}
			total := offset + len(ls)
			if len(ls) > limit {
				ls = ls[:limit]
			}
			return vtable.WindowMsg[workflow.OrderLine]{ID: id, Window: vtable.Window[workflow.OrderLine]{Offset: offset, Items: ls, Total: total}}, nil
		})
	}
}

// Init loads the first orders.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title is the breadcrumb.
func (m *Model) Title() string { return "我的订购" }

// Capturing is always false: the screen has no text input.
func (m *Model) Capturing() bool { return false }

// SetSize lays out a summary line and the table.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.table.SetSize(m.width, max(0, m.height-1))
}

// Update handles keys and loads.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if key.Matches(msg, m.keymap().Open) {
			if o, ok := m.table.Selected(); ok {
				return m, common.Push(market.NewDetail(m.ctx, o.PluginID))
			}
			return m, nil
		}
		return m, m.table.Update(msg)
	case vtable.WindowMsg[workflow.OrderLine]:
		if msg.ID == m.table.ID {
			m.failed = ""
			m.more = msg.Window.Total > msg.Window.Offset+len(msg.Window.Items)
		}
		return m, m.table.Update(msg)
	case failedMsg:
		if msg.table != m.table.ID {
			return m, nil
		}
		m.failed = m.ctx.Err(msg.err)
		return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
	case common.ReloadMsg:
		return m, m.table.Reload()
	}
	return m, m.table.Update(msg)
}

// View draws the summary and the orders.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := &m.ctx.Styles
	var head string
	switch {
	case m.failed != "":
		return common.Clip(st.Error.Render(common.Cell("我的订购加载失败："+m.failed, m.width)), m.width, m.height)
	case !m.table.Loaded():
		return st.Muted.Render(common.Cell("加载中…", m.width))
	case m.table.Total() == 0:
		return common.Clip(st.Muted.Render(common.Wrap("还没有订购。在服务市场找到插件，打开订购页，按 o 订购。", m.width)), m.width, m.height)
	case m.more:
		head = fmt.Sprintf("我的订购 · 第 %d 条，共 %d 条以上 · enter 打开订购页", m.table.Cursor()+1, m.table.Total()-1)
	default:
		head = fmt.Sprintf("我的订购 · 第 %d / %d 条 · enter 打开订购页", m.table.Cursor()+1, m.table.Total())
	}
	return common.Clip(st.Muted.Render(common.Cell(head, m.width))+"\n"+m.table.View(), m.width, m.height)
}

// ShortHelp lists what the keys do now.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keymap()
	return []key.Binding{k.Open, k.List.Up, k.List.Down}
}

// FullHelp groups every binding.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keymap()
	return [][]key.Binding{{k.Open}, k.List.Bindings()}
}

func (m *Model) keymap() Keys {
	k := m.keys
	_, selected := m.table.Selected()
	k.Open = common.Enable(k.Open, selected && m.failed == "")
	scroll := selected && m.table.Total() > 1
	for _, b := range []*key.Binding{&k.List.Up, &k.List.Down, &k.List.PageUp, &k.List.PageDown, &k.List.Top, &k.List.Bottom} {
		*b = common.Enable(*b, scroll)
	}
	return k
}

// when is a time as the console shows it everywhere.
func when(t time.Time) string { return common.Long(t) }
