// Package orders is 我的订购: a consumer's orders across plugins, newest
// first, with the mini program, state and reason of each; enter opens the
// 订购页 of the plugin ordered, c cancels (取消 / 退订) as OrderRowOffer says.
package orders

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/vtable"
	"plugpub/tui/screens/market"
	"plugpub/workflow"
)

// Keys are the screen's bindings.
type Keys struct {
	Open   key.Binding
	Cancel key.Binding
	List   common.ListKeys
}

// Model is the 我的订购 screen.
type Model struct {
	ctx    *common.Context
	keys   Keys
	table  vtable.Model[row]
	ask    dialog.Modal // an open confirmation
	failed string       // why the last load failed
	more   bool         // a row past the loaded window exists: the total is a lower bound
	// detailH is the line on the selected order: 1 with room, else 0.
	detailH int

	width, height int
}

// row is one order with what the buyer may do to it, decided at load.
type row struct {
	o     workflow.OrderRow
	state workflow.OrderState // at load time: a pending one may have expired
	offer workflow.Offer
}

type doneMsg struct {
	table string
	text  string
}

type failedMsg struct {
	table string
	err   error
}

// New builds 我的订购 for ctx.User; it loads on Init.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, keys: Keys{
		Open:   common.Enter("订购页"),
		Cancel: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "取消/退订")),
		List:   common.NewListKeys(),
	}}
	id := fmt.Sprintf("orders/%p", m)
	cols := []vtable.Column{
		{Title: "插件 ID", Width: 16},
		{Title: "服务标题", Flex: 3},
		{Title: "小程序", Flex: 2},
		{Title: "小程序 ID", Width: 16},
		{Title: "版本", Width: 8},
		{Title: "状态", Width: 6},
		{Title: "订购时间", Width: 11},
		{Title: "原因", Flex: 2},
	}
	st := &ctx.Styles
	m.table = vtable.New(id, cols, func(r row) []vtable.Cell { return render(st, r, ctx.Now()) }, m.fetcher(id), ctx)
	return m
}

func render(st *common.Styles, r row, now time.Time) []vtable.Cell {
	o := r.o
	state := st.State(string(r.state))
	return []vtable.Cell{{Text: o.PluginID}, {Text: o.Title}, {Text: common.AppName(o)}, {Text: o.AppID}, {Text: o.Version},
		{Text: workflow.OrderLabel(r.state), Style: &state}, {Text: common.Short(o.At, now)}, {Text: o.Reason}}
}

// fetcher asks one row more than it needs, as the market does: the
// service has no count of orders.
func (m *Model) fetcher(id string) vtable.Fetcher[row] {
	svc, u := m.ctx.Svc, m.ctx.User
	return func(q vtable.Query) tea.Cmd {
		offset, limit := q.Offset, q.Limit
		return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			os, err := svc.MyOrders(ctx, u.Name, "", workflow.Page{Offset: offset, Limit: limit + 1})
			if err != nil {
				return failedMsg{table: id, err: err}, nil
			}
			total := offset + len(os)
			if len(os) > limit {
				os = os[:limit]
			}
			now := svc.Now()
			rows := make([]row, len(os))
			for i, o := range os {
				// The buyer's own 取消/退订 needs no more of the page than the plugin's id.
				page := workflow.MarketPage{Plugin: workflow.Plugin{ID: o.PluginID}}
				rows[i] = row{o: o, state: o.StateAt(now), offer: workflow.OrderRowOffer(u, page, o, now)}
			}
			return vtable.WindowMsg[row]{ID: id, Window: vtable.Window[row]{Offset: offset, Items: rows, Total: total}}, nil
		})
	}
}

// Init loads the first orders.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title is the breadcrumb.
func (m *Model) Title() string { return "我的订购" }

// Capturing is true while a confirmation is open.
func (m *Model) Capturing() bool { return m.ask != nil }

// SetSize lays out a summary line, the table and, with room, a line on
// the selected order: its mini program, state and reason in full.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.detailH = 0
	if m.height >= 8 {
		m.detailH = 1
	}
	m.table.SetSize(m.width, max(0, m.height-1-m.detailH))
}

// Update handles keys and loads.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&m.ask, msg); ok {
			return m, cmd
		}
		switch {
		case key.Matches(msg, m.keymap().Open):
			if r, ok := m.table.Selected(); ok {
				return m, common.Push(market.NewDetail(m.ctx, r.o.PluginID))
			}
			return m, nil
		case msg.String() == "c":
			return m, m.cancel()
		}
		return m, m.table.Update(msg)
	case doneMsg:
		if msg.table != m.table.ID {
			return m, nil
		}
		return m, tea.Batch(common.Info(msg.text), m.table.Reload())
	case vtable.WindowMsg[row]:
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

// cancel asks for 取消 (a pending order) or 退订 (a live one) of the
// selected order, as its offer says; a refused one says why.
func (m *Model) cancel() tea.Cmd {
	r, ok := m.table.Selected()
	if !ok {
		return nil
	}
	v := r.offer.Get(workflow.ActCancel)
	if !v.Allowed {
		if v.Reason == "" {
			return nil
		}
		return common.Info(m.ctx.Reason(v))
	}
	o, svc, as, id := r.o, m.ctx.Svc, m.ctx.User.Name, m.table.ID
	word := "退订"
	if r.state == workflow.OrderPending {
		word = "取消"
	}
	run := common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		if _, err := svc.CancelOrder(ctx, as, o.ID, o.Rev); err != nil {
			return nil, err
		}
		return doneMsg{table: id, text: fmt.Sprintf("已%s订单 #%d", word, o.ID)}, nil
	})
	title := fmt.Sprintf("%s订单 #%d（%s · %s）", word, o.ID, o.PluginID, workflow.SanitizeLine(common.AppText(o)))
	return dialog.Ask(&m.ask, m.ctx, title, m.ctx.Confirm(v), run)
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
	view := st.Muted.Render(common.Cell(head, m.width)) + "\n" + m.table.View()
	if m.detailH > 0 {
		view += "\n" + m.detail()
	}
	view = common.Clip(view, m.width, m.height)
	if m.ask != nil {
		return dialog.Over(view, m.ask, m.width, m.height)
	}
	return view
}

// detail is the selected order in one line: when, for which mini
// program, its state and the reason in full (cut to the width).
func (m *Model) detail() string {
	r, ok := m.table.Selected()
	if !ok {
		return ""
	}
	o, st := r.o, &m.ctx.Styles
	text := fmt.Sprintf("订单 #%d · 订购于 %s · 小程序 %s · ", o.ID, common.Long(o.At), common.AppText(o))
	line := workflow.SanitizeLine(text) + st.State(string(r.state)).Render(workflow.OrderLabel(r.state))
	if o.Reason != "" {
		line += " · " + st.Label.Render("原因 ") + workflow.SanitizeLine(o.Reason)
	}
	return common.Fit(line, m.width)
}

// ShortHelp lists what the keys do now.
func (m *Model) ShortHelp() []key.Binding {
	if m.ask != nil {
		return m.ask.ShortHelp()
	}
	k := m.keymap()
	return []key.Binding{k.Open, k.Cancel, k.List.Up, k.List.Down}
}

// FullHelp groups every binding.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keymap()
	return [][]key.Binding{{k.Open, k.Cancel}, k.List.Bindings()}
}

func (m *Model) keymap() Keys {
	k := m.keys
	r, selected := m.table.Selected()
	k.Open = common.Enable(k.Open, selected && m.failed == "")
	k.Cancel = common.Enable(k.Cancel, selected && m.failed == "" && r.offer.Can(workflow.ActCancel))
	scroll := selected && m.table.Total() > 1
	for _, b := range []*key.Binding{&k.List.Up, &k.List.Down, &k.List.PageUp, &k.List.PageDown, &k.List.Top, &k.List.Bottom} {
		*b = common.Enable(*b, scroll)
	}
	return k
}
