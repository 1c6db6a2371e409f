// Package users is 使用者管理: every order of one plugin — buyer, mini
// program, the listed version at the time, state, when, reason — for its
// owner (and, read-only, a reviewer), with counts per state, a state
// filter, and 通过 / 拒绝 on pending rows as workflow's OrderRowOffer says.
package users

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// row is one order with what this user may do to it, decided when it was
// loaded so that drawing a row asks nothing.
type row struct {
	o     workflow.OrderRow
	state workflow.OrderState // at load time: a pending one may have expired
	offer workflow.Offer
}

// loadedMsg is one window of rows and the counts per state, read together.
type loadedMsg struct {
	id     string
	seq    int
	gen    int
	plugin workflow.Plugin
	counts map[workflow.OrderState]int // nil: the ones at hand still hold
	win    vtable.Window[row]
}

type doneMsg struct {
	id   string
	text string
}

// Keys are the screen's bindings; 通过 and 拒绝 are enabled only when the
// selected row's offer allows them, so help lists exactly what works.
type Keys struct {
	Approve key.Binding
	Refuse  key.Binding
	Next    key.Binding // the next state filter
	Prev    key.Binding
	List    common.ListKeys
}

func newKeys() Keys {
	return Keys{
		Approve: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "通过")),
		Refuse:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "拒绝")),
		Next:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "筛选状态")),
		Prev:    key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "上一个状态")),
		List:    common.NewListKeys(),
	}
}

// filters are the state filters f steps through: every order, then each
// state. The table's filter is the state's Chinese word, which its footer
// shows and the fetch reads back with ParseOrderState.
var filters = append([]workflow.OrderState{""}, workflow.OrderStates...)

// Model is the 使用者管理 screen; it is a common.Screen.
type Model struct {
	ctx      *common.Context
	pluginID string
	id       string
	keys     Keys
	table    vtable.Model[row]
	confirm  dialog.Modal

	plugin workflow.Plugin
	counts map[workflow.OrderState]int
	// gen counts reloads; the counts are read again only in a new one, so
	// scrolling to another window costs one page of orders, not a count
	// of every order as well.
	gen       int
	countsGen int
	filter    int // index in filters
	loaded    bool
	seq       int // of the last fetch sent
	applied   int // of the last window taken

	width, height int
	cols          []col
	tableW        int
	detailH       int
}

// New builds 使用者管理 for one plugin; it loads on Init.
func New(ctx *common.Context, pluginID string) *Model {
	m := &Model{ctx: ctx, pluginID: pluginID, keys: newKeys(), tableW: -1}
	m.id = fmt.Sprintf("users:%s:%p", pluginID, m)
	st := &ctx.Styles
	m.cols = pickColumns(1 << 16)
	m.table = vtable.New(m.id, columnsOf(m.cols), func(r row) []vtable.Cell { return renderRow(st, r, m.cols, ctx.Now()) }, m.fetch, ctx)
	m.table.SetNoMatch(func(state string) string { return "没有" + state + "的订单 · f 换一个状态" })
	return m
}

// col names one column of the table.
type col int

const (
	colID col = iota
	colBuyer
	colApp
	colAppID
	colVersion
	colState
	colAt
	colReason
)

func allColumns() []vtable.Column {
	return []vtable.Column{
		{Title: "ID", Width: 4, ID: true},
		{Title: "使用者", Flex: 1, Min: 8},
		{Title: "小程序", Flex: 1, Min: 8},
		{Title: "小程序 ID", Width: 16},
		{Title: "版本", Width: 8},
		{Title: "状态", Width: 6},
		{Title: "时间", Width: 11},
		{Title: "原因", Flex: 2, Min: 8},
	}
}

// giveWay is the order in which columns leave a narrow table: the detail
// lines under it show the reason, the time and the version anyway.
var giveWay = []col{colReason, colAppID, colAt, colVersion, colApp}

func pickColumns(width int) []col { return vtable.Fit(allColumns(), giveWay, width) }

func columnsOf(cols []col) []vtable.Column { return vtable.Pick(allColumns(), cols) }

func renderRow(st *common.Styles, r row, cols []col, now time.Time) []vtable.Cell {
	o := r.o
	state := st.State(string(r.state))
	all := [...]vtable.Cell{
		{Text: fmt.Sprint(o.ID)}, {Text: o.Consumer}, {Text: common.AppName(o)}, {Text: o.AppID}, {Text: o.Version},
		{Text: workflow.OrderLabel(r.state), Style: &state}, {Text: common.Short(o.At, now)}, {Text: o.Reason},
	}
	return vtable.Pick(all[:], cols)
}

// fetch loads one window of the plugin's orders in the state filtered and
// the counts per state, which the header shows and the total comes from.
func (m *Model) fetch(q vtable.Query) tea.Cmd {
	m.seq++
	svc, u, pid, id, seq, gen := m.ctx.Svc, m.ctx.User, m.pluginID, m.id, m.seq, m.gen
	counts := m.counts
	if m.countsGen != gen {
		counts = nil
	}
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		var st workflow.OrderState
		if q.Filter != "" {
			var err error
			if st, err = workflow.ParseOrderState(q.Filter); err != nil {
				return nil, err
			}
		}
		page, err := orderPage(ctx, svc, u.Name, pid)
		if err != nil {
			return nil, err
		}
		fresh := counts == nil
		if fresh {
			if counts, err = svc.OrderCounts(ctx, u.Name, pid); err != nil {
				return nil, err
			}
		}
		os, err := svc.PluginOrders(ctx, u.Name, pid, st, workflow.Page{Offset: q.Offset, Limit: q.Limit})
		if err != nil {
			return nil, err
		}
		now := svc.Now()
		rows := make([]row, len(os))
		for i, o := range os {
			rows[i] = row{o: o, state: o.StateAt(now), offer: workflow.OrderRowOffer(u, page, o, now)}
		}
		msg := loadedMsg{id: id, seq: seq, gen: gen, plugin: page.Plugin,
			win: vtable.Window[row]{Offset: q.Offset, Items: rows, Total: countOf(counts, st), Filter: q.Filter}}
		if fresh {
			msg.counts = counts
		}
		return msg, nil
	})
}

// orderPage is the plugin's 订购页 as OrderRowOffer weighs an approval
// with (可订购人群, the listed version): just the plugin while nothing is
// listed.
func orderPage(ctx context.Context, svc *workflow.Service, as, pid string) (workflow.MarketPage, error) {
	p, err := svc.Plugin(ctx, as, pid)
	if err != nil {
		return workflow.MarketPage{}, err
	}
	page, err := svc.MarketPage(ctx, pid)
	if workflow.KindOf(err) == workflow.KindNotFound {
		return workflow.MarketPage{Plugin: p}, nil
	}
	return page, err
}

// countOf is how many orders a filter shows: one state's, or all of them.
func countOf(counts map[workflow.OrderState]int, st workflow.OrderState) int {
	if st != "" {
		return counts[st]
	}
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// Init loads the first window and the counts.
func (m *Model) Init() tea.Cmd {
	m.gen++
	return m.table.Init()
}

// Title names the screen.
func (m *Model) Title() string { return "使用者管理" }

// Capturing is true while a dialog is open: it gets every key.
func (m *Model) Capturing() bool { return m.confirm != nil }

// SetSize lays out the header, the table and the detail lines.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
}

// layout gives the detail of the selected order up to four lines under
// the table when the box has room, and the table the rest.
func (m *Model) layout() {
	m.detailH = 0
	if m.height >= 12 {
		m.detailH = 4
	}
	if m.width != m.tableW {
		m.tableW = m.width
		m.cols = pickColumns(m.width)
		m.table.SetColumns(columnsOf(m.cols))
	}
	m.table.SetSize(m.width, max(0, m.height-1-m.detailH))
}

// Update handles loads, the dialogs and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != m.id || msg.seq < m.applied {
			return m, nil
		}
		m.applied, m.plugin, m.loaded = msg.seq, msg.plugin, true
		if msg.counts != nil {
			m.counts, m.countsGen = msg.counts, msg.gen
		}
		cmd := m.table.Update(vtable.WindowMsg[row]{ID: m.id, Window: msg.win})
		m.updateKeys()
		return m, cmd
	case refuseFailedMsg:
		if msg.id != m.id {
			return m, nil
		}
		if workflow.KindOf(msg.err) == workflow.KindInvalid && m.confirm == nil {
			msg.prompt.SetError(m.ctx.Err(msg.err))
			m.confirm = msg.prompt
			return m, nil
		}
		return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
	case doneMsg:
		if msg.id != m.id {
			return m, nil
		}
		return m, tea.Batch(common.Info(msg.text), m.reload())
	case common.ReloadMsg:
		return m, m.reload()
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&m.confirm, msg); ok {
			return m, cmd
		}
		return m, m.key(msg)
	case tea.MouseMsg:
		msg.Y-- // the header line
		cmd := m.table.Update(msg)
		m.updateKeys()
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Next):
		return m.setFilter(m.filter + 1)
	case key.Matches(msg, k.Prev):
		return m.setFilter(m.filter - 1)
	case msg.String() == "a", msg.String() == "x":
		// Matched whether or not enabled: a disabled one says why.
		act := workflow.ActApprove
		if msg.String() == "x" {
			act = workflow.ActRefuse
		}
		return m.act(act)
	}
	cmd := m.table.Update(msg)
	m.updateKeys()
	return cmd
}

// reload reads the window around the cursor and the counts again.
func (m *Model) reload() tea.Cmd {
	m.gen++
	return m.table.Reload()
}

func (m *Model) setFilter(i int) tea.Cmd {
	m.filter = (i + len(filters)) % len(filters)
	word := ""
	if st := filters[m.filter]; st != "" {
		word = workflow.OrderLabel(st)
	}
	cmd := m.table.SetFilter(word)
	m.updateKeys()
	return cmd
}

func (m *Model) updateKeys() {
	r, ok := m.table.Selected()
	m.keys.Approve.SetEnabled(ok && r.offer.Can(workflow.ActApprove))
	m.keys.Refuse.SetEnabled(ok && r.offer.Can(workflow.ActRefuse))
}

// act asks for 通过 or 拒绝 of the selected order, as its offer says: a
// refused one shows the offer's reason; 拒绝 asks for the reason to give.
// Both act with the Rev the row showed, so acting on stale data is a
// conflict, not a surprise.
func (m *Model) act(act workflow.Action) tea.Cmd {
	r, ok := m.table.Selected()
	if !ok {
		return nil
	}
	v := r.offer.Get(act)
	if !v.Allowed {
		if v.Reason == "" {
			return nil
		}
		return common.Info(m.ctx.Reason(v))
	}
	o := r.o
	svc, as, id := m.ctx.Svc, m.ctx.User.Name, m.id
	if act == workflow.ActApprove {
		title := fmt.Sprintf("通过订单 #%d（%s · %s）", o.ID, workflow.SanitizeLine(o.Consumer), workflow.SanitizeLine(common.AppText(o)))
		run := common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			if _, err := svc.ApproveOrder(ctx, as, o.ID, o.Rev); err != nil {
				return nil, err
			}
			return doneMsg{id: id, text: fmt.Sprintf("已通过订单 #%d", o.ID)}, nil
		})
		question := m.ctx.Confirm(v)
		if question == "" {
			question = fmt.Sprintf("通过后，%s 的小程序即可使用插件 %s。", workflow.SanitizeLine(o.Consumer), o.PluginID)
		}
		m.confirm = dialog.NewConfirm(m.ctx, title, question, run)
		return nil
	}
	title := m.ctx.Confirm(v)
	if title == "" {
		title = fmt.Sprintf("拒绝订单 #%d？", o.ID)
	}
	var p *dialog.Prompt
	// The service checks the reason (RefuseOrder): what it refuses comes
	// back into the open prompt (refuseFailedMsg), so nothing typed is lost.
	p = dialog.NewPrompt(m.ctx, title, "拒绝原因（使用者会看到）", func(string) error { return nil }, func(reason string) tea.Cmd {
		return func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if _, err := svc.RefuseOrder(ctx, as, o.ID, o.Rev, reason); err != nil {
				return refuseFailedMsg{id: id, prompt: p, err: err}
			}
			return doneMsg{id: id, text: fmt.Sprintf("已拒绝订单 #%d", o.ID)}
		}
	}).SingleLine()
	m.confirm = p
	return nil
}

// refuseFailedMsg is a 拒绝 the service refused: a reason it does not
// take reopens the prompt with its answer; anything else is an error.
type refuseFailedMsg struct {
	id     string
	prompt *dialog.Prompt
	err    error
}

// View draws the header, the orders and the selected order's detail, and
// any dialog over them.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := &m.ctx.Styles
	lines := []string{st.Muted.Render(common.Cell(m.header(), m.width)), m.table.View()}
	if m.detailH > 0 {
		lines = append(lines, m.detail()...)
	}
	view := common.Clip(strings.Join(lines, "\n"), m.width, m.height)
	if m.confirm != nil {
		return dialog.Over(view, m.confirm, m.width, m.height)
	}
	return view
}

// header is the filter shown, then the counts per state: the tab bar
// above already names the screen, and a narrow window keeps the filter.
func (m *Model) header() string {
	if !m.loaded {
		return "加载中…"
	}
	// Under a filter the list is that state's orders: the header says how
	// many it shows of all, so 共 is never read as the list's length.
	shown, total := "全部", fmt.Sprintf("共 %d", countOf(m.counts, ""))
	if s := filters[m.filter]; s != "" {
		shown, total = workflow.OrderLabel(s), fmt.Sprintf("显示 %d / 共 %d", countOf(m.counts, s), countOf(m.counts, ""))
	}
	parts := []string{"筛选：" + shown + "（f）", total}
	for _, s := range workflow.OrderStates {
		parts = append(parts, fmt.Sprintf("%s %d", workflow.OrderLabel(s), m.counts[s]))
	}
	return strings.Join(parts, " · ")
}

// detail is the selected order in full: who and what, the reason, and why
// 通过 / 拒绝 are not possible when a rule stops them.
func (m *Model) detail() []string {
	st := &m.ctx.Styles
	w := m.width
	r, ok := m.table.Selected()
	out := []string{st.Muted.Render(strings.Repeat("─", w))}
	if !ok {
		return out
	}
	o := r.o
	stStyle := st.State(string(r.state))
	head := fmt.Sprintf("订单 #%d · %s · 小程序 %s · 版本 %s · ", o.ID, o.Consumer, common.AppText(o), o.Version)
	out = append(out, common.Fit(workflow.SanitizeLine(head)+stStyle.Render(workflow.OrderLabel(r.state))+
		" · "+common.Long(o.At), w))
	var more []string
	if o.Reason != "" {
		more = append(more, st.Label.Render("原因 ")+workflow.SanitizeLine(o.Reason))
	}
	if r.state == workflow.OrderPending {
		for _, act := range []workflow.Action{workflow.ActApprove, workflow.ActRefuse} {
			if v := r.offer.Get(act); !v.Allowed && v.Reason != "" {
				more = append(more, st.Label.Render("不可"+actWord(act)+" ")+st.Muted.Render(workflow.SanitizeLine(m.ctx.Reason(v))))
			}
		}
	} else if o.UpdatedBy != "" && r.state != workflow.OrderExpired {
		more = append(more, st.Muted.Render(workflow.SanitizeLine(fmt.Sprintf("处理人 %s · %s", o.UpdatedBy, common.Long(o.UpdatedAt)))))
	}
	for _, l := range more {
		out = append(out, common.Fit(l, w))
	}
	return out[:min(len(out), m.detailH)]
}

func actWord(a workflow.Action) string {
	if a == workflow.ActApprove {
		return "通过"
	}
	return "拒绝"
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	if m.confirm != nil {
		return m.confirm.ShortHelp()
	}
	k := m.keys
	return []key.Binding{k.Approve, k.Refuse, k.Next}
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	if m.confirm != nil {
		return [][]key.Binding{m.confirm.ShortHelp()}
	}
	k := m.keys
	return [][]key.Binding{{k.Approve, k.Refuse}, {k.Next, k.Prev}, k.List.Bindings()}
}
