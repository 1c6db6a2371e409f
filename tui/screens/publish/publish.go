// Package publish is 发布管理: a plugin's submissions with, on each row, the
// operations legal for this user now (撤回审核, 上架, 修改信息, 订购页,
// 隐藏/展示), and a detail pane with the rejection reason and the timeline
// of the selected submission.
package publish

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/scroll"
	"plugpub/tui/components/vtable"
	"plugpub/tui/screens/market"
	"plugpub/workflow"
)

// op is one operation of 发布管理's 操作 column, in the order the column
// lists them.
type op int

const (
	opWithdraw op = iota
	opRelease
	opModify
	opOrderPage
	opHide
	opShow
)

var opLabels = [...]string{"撤回审核", "上架", "修改信息", "订购页", "隐藏", "展示"}

func (o op) String() string { return opLabels[o] }

// opsFor lists what u may do to sub, as workflow's offers say: the
// submission's own actions from SubmissionOffer and, on the listed row, the
// listing's 隐藏/展示 from ListingOffer (and its 订购页, which anyone may
// open). Review actions are the review queue's business, so they are not
// offered here.
func opsFor(u workflow.User, st pluginState, sub workflow.Submission) []op {
	var ops []op
	so := workflow.SubmissionOffer(u, st.facts, sub)
	for _, c := range []struct {
		act workflow.Action
		op  op
	}{{workflow.ActWithdraw, opWithdraw}, {workflow.ActRelease, opRelease}, {workflow.ActModify, opModify}} {
		if so.Can(c.act) {
			ops = append(ops, c.op)
		}
	}
	l := st.listing
	if l == nil || l.SubmissionID != sub.ID {
		return ops
	}
	ops = append(ops, opOrderPage)
	lo := workflow.ListingOffer(u, st.facts)
	if lo.Can(workflow.ActHide) {
		ops = append(ops, opHide)
	}
	if lo.Can(workflow.ActShow) {
		ops = append(ops, opShow)
	}
	return ops
}

// opActions are the workflow actions behind the operations that have one.
var opActions = map[op]workflow.Action{
	opWithdraw: workflow.ActWithdraw, opRelease: workflow.ActRelease, opModify: workflow.ActModify,
	opHide: workflow.ActHide, opShow: workflow.ActShow,
}

// verdict is workflow's answer for operation o on row r.
func (m *Model) verdict(o op, r row) workflow.Verdict {
	act, u, f := opActions[o], m.ctx.User, m.state.facts
	switch o {
	case opHide, opShow:
		return workflow.ListingOffer(u, f).Get(act)
	}
	return workflow.SubmissionOffer(u, f, r.sub).Get(act)
}

// unavailable lists, for the detail pane, the row's operations that a rule
// stops now, with workflow's reason, and 发布. An operation that is simply
// not a move of the row's state is left out: the state says it.
func (m *Model) unavailable(r row) []common.Refusal {
	if !m.loaded {
		return nil
	}
	var out []common.Refusal
	for _, o := range []op{opWithdraw, opRelease, opModify, opHide, opShow} {
		v := m.verdict(o, r)
		if !common.Explained(v) {
			continue
		}
		var moves bool
		switch o {
		case opHide, opShow:
			moves = r.listing != nil && common.Moves(workflow.VisibilityMachine, r.listing.Visibility, v.Action)
		case opModify:
			moves = r.sub.State != workflow.SubmissionInReview && r.sub.State != workflow.SubmissionSuperseded
		default:
			moves = common.Moves(workflow.SubmissionMachine, r.sub.State, v.Action)
		}
		if moves {
			out = append(out, common.Refusal{Label: o.String(), Reason: m.ctx.Reason(v)})
		}
	}
	if v := common.CanPublish(workflow.PluginOffer(m.ctx.User, m.state.facts)); common.Explained(v) {
		out = append(out, common.Refusal{Label: "发布", Reason: m.ctx.Reason(v)})
	}
	return out
}

// keyMap holds one binding per operation; each is enabled only when the
// selected row allows it, so help lists exactly what works.
type keyMap struct {
	list      common.ListKeys
	Focus     key.Binding
	FocusBack key.Binding
	Withdraw  key.Binding
	Release   key.Binding
	Modify    key.Binding
	OrderPage key.Binding
	Hide      key.Binding
	Show      key.Binding
	Publish   key.Binding
}

func newKeyMap() keyMap {
	b := func(k, help string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, help)) }
	return keyMap{
		list:      common.NewListKeys(),
		Focus:     common.Tab("table/detail"),
		FocusBack: common.ShiftTab("table/detail"),
		Withdraw:  b("w", "撤回审核"),
		Release:   b("l", "上架"),
		Modify:    b("e", "修改信息"),
		OrderPage: b("o", "订购页"),
		Hide:      b("h", "隐藏"),
		Show:      b("s", "展示"),
		Publish:   common.Publish(),
	}
}

func (k *keyMap) forOp(o op) *key.Binding {
	return [...]*key.Binding{&k.Withdraw, &k.Release, &k.Modify, &k.OrderPage, &k.Hide, &k.Show}[o]
}

type focus int

const (
	focusTable focus = iota
	focusDetail
)

type cachedTimeline struct {
	tl  timeline
	gen int
}

// Model is the 发布管理 screen; it is a common.Screen.
type Model struct {
	ctx      *common.Context
	pluginID string
	id       string
	keys     keyMap
	table    vtable.Model[row]
	detail   scroll.Model
	confirm  dialog.Modal // an open confirmation

	state   pluginState
	loaded  bool
	seq     int // of the last fetch sent
	applied int // of the last window taken

	// gen counts reloads; a timeline fetched in an older generation is
	// shown until its refetch arrives, so a reload never blanks the pane.
	gen       int
	timelines map[int64]cachedTimeline
	pending   map[int64]int // submission → generation being fetched
	shown     int64         // the submission the detail pane shows

	focus   focus
	width   int
	height  int
	compact bool  // too small for two panes: one at a time, tab switches
	cols    []col // the columns that fit, most important kept
	tableW  int   // the width cols were picked for
	tableH  int
}

// New builds the screen for one plugin; it loads on Init.
func New(ctx *common.Context, pluginID string) *Model {
	m := &Model{ctx: ctx, pluginID: pluginID, keys: newKeyMap(), detail: scroll.New(),
		timelines: map[int64]cachedTimeline{}, pending: map[int64]int{}, shown: -1}
	// The pointer makes the id unique, so two screens on one plugin never
	// take each other's answers.
	m.id = fmt.Sprintf("publish:%s:%p", pluginID, m)
	st := &ctx.Styles
	m.cols, m.tableW = pickColumns(1<<16), -1
	m.table = vtable.New(m.id, columnsOf(m.cols), func(r row) []vtable.Cell { return renderRow(st, r, m.cols, ctx.Now()) }, m.fetch, ctx)
	m.table.EnableFilter("ID、版本、状态、提交人或审核人")
	m.updateKeys()
	return m
}

// col names one column of the table.
type col int

const (
	colID col = iota
	colVersion
	colSubmitted
	colDue
	colReviewer
	colState
	colListed
	colOps
)

// allColumns is every column, widest layout, in display order. The id is
// never cut (vtable widens an ID column to the widest id loaded): it is
// what the CLI takes.
func allColumns() []vtable.Column {
	return []vtable.Column{
		{Title: "ID", Width: 4, ID: true},
		{Title: "版本", Width: 7},
		{Title: "提交时间", Width: 11},
		{Title: "预计完成", Width: 11},
		{Title: "审核人", Flex: 1, Min: 10},
		{Title: "审核状态", Width: 8},
		{Title: "上架状态", Width: 8},
		{Title: "操作", Flex: 3, Min: 20},
	}
}

// giveWay is the order in which columns leave a table too narrow for all
// of them: first what the detail pane and the help line show anyway (the
// operations, the submission time, the listing), then the due time and the
// version. The id, the reviewer and the review state stay.
var giveWay = []col{colOps, colSubmitted, colListed, colDue, colVersion}

// pickColumns is the columns that fit width, most important kept.
func pickColumns(width int) []col { return vtable.Fit(allColumns(), giveWay, width) }

func columnsOf(cols []col) []vtable.Column { return vtable.Pick(allColumns(), cols) }

func renderRow(st *common.Styles, r row, cols []col, now time.Time) []vtable.Cell {
	s := r.sub
	state := st.State(string(s.State))
	all := [...]vtable.Cell{
		{Text: fmt.Sprint(s.ID)}, {Text: s.Version},
		{Text: common.Short(s.SubmittedAt, now)}, {Text: common.Short(s.DueAt, now)},
		{Text: s.Reviewer}, {Text: workflow.Label(string(s.State)), Style: &state},
		{}, {Text: opsText(r.ops)},
	}
	if r.listing != nil {
		vis := st.State(string(r.listing.Visibility))
		all[colListed] = vtable.Cell{Text: workflow.Label(string(r.listing.Visibility)), Style: &vis}
	}
	return vtable.Pick(all[:], cols)
}

func opsText(ops []op) string {
	words := make([]string, len(ops))
	for i, o := range ops {
		words[i] = o.String()
	}
	return strings.Join(words, " ")
}

// Init loads the first window.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title names the screen.
func (m *Model) Title() string { return "发布管理" }

// Capturing is true while a confirmation is open or a filter is being
// typed: it gets every key.
func (m *Model) Capturing() bool { return m.confirm != nil || m.table.Filtering() }

// SetSize lays out the two panes.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
	m.refreshDetail()
}

// layout gives the table as many lines as it has rows, up to two fifths of
// the height, and the detail the rest; a box too small for two bordered
// panes shows one pane at a time.
func (m *Model) layout() {
	w, h := m.width, m.height
	m.compact = w < 30 || h < 12
	tw := w - 2
	if m.compact {
		tw = w
	}
	m.fitColumns(tw)
	if m.compact {
		m.table.SetSize(w, h)
		m.detail.SetSize(w, h)
		return
	}
	rows := max(1, m.table.Total())
	m.tableH = max(4, min(h*2/5, rows+3))
	m.table.SetSize(w-2, m.tableH-2)
	m.detail.SetSize(w-2, h-m.tableH-2)
}

// fitColumns picks the columns for a table width tw; the table keeps its
// rows and cursor.
func (m *Model) fitColumns(tw int) {
	if tw == m.tableW {
		return
	}
	m.tableW = tw
	m.cols = pickColumns(tw)
	m.table.SetColumns(columnsOf(m.cols))
}

// Update handles loads, the confirmation, and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != m.id || msg.seq < m.applied {
			return m, nil
		}
		m.applied, m.state, m.loaded = msg.seq, msg.state, true
		cmd := m.table.Update(vtable.WindowMsg[row]{ID: m.id, Window: msg.win})
		m.layout()
		return m, tea.Batch(cmd, m.selected())
	case timelineMsg:
		if msg.id != m.id {
			return m, nil
		}
		if g, ok := m.pending[msg.subID]; ok && g <= msg.gen {
			delete(m.pending, msg.subID)
		}
		if c, ok := m.timelines[msg.subID]; !ok || c.gen <= msg.gen {
			m.timelines[msg.subID] = cachedTimeline{tl: msg.tl, gen: msg.gen}
		}
		m.refreshDetail()
		return m, nil
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
		if m.table.Filtering() {
			return m, tea.Batch(m.table.Update(msg), m.selected())
		}
		return m, m.key(msg)
	}
	return m, nil
}

// reload refetches the rows around the cursor and, through selected, the
// timeline of the selected row.
func (m *Model) reload() tea.Cmd {
	m.gen++
	return m.table.Reload()
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Focus), key.Matches(msg, k.FocusBack):
		m.focus = 1 - m.focus
		return nil
	case key.Matches(msg, k.Publish) && k.Publish.Enabled():
		return m.wizard()
	}
	if r, ok := m.table.Selected(); ok {
		for _, o := range r.ops {
			if b := k.forOp(o); key.Matches(msg, *b) && b.Enabled() {
				return m.ask(o, r)
			}
		}
	}
	if m.focus == focusDetail {
		m.detail.Update(msg)
		return nil
	}
	cmd := m.table.Update(msg)
	return tea.Batch(cmd, m.selected())
}

// selected brings the keys and the detail pane up to the row under the
// cursor, and fetches its timeline when the one at hand is missing or from
// before the last reload.
func (m *Model) selected() tea.Cmd {
	m.updateKeys()
	r, ok := m.table.Selected()
	if !ok {
		m.refreshDetail()
		return nil
	}
	if r.sub.ID != m.shown {
		m.shown = r.sub.ID
		m.detail.SetTop(0)
	}
	m.refreshDetail()
	if c, ok := m.timelines[r.sub.ID]; ok && c.gen == m.gen {
		return nil
	}
	if g, ok := m.pending[r.sub.ID]; ok && g == m.gen {
		return nil
	}
	m.pending[r.sub.ID] = m.gen
	return m.loadTimeline(r.sub)
}

func (m *Model) updateKeys() {
	r, ok := m.table.Selected()
	for o := opWithdraw; o <= opShow; o++ {
		m.keys.forOp(o).SetEnabled(ok && slices.Contains(r.ops, o))
	}
	m.keys.Publish.SetEnabled(m.loaded && common.CanPublish(workflow.PluginOffer(m.ctx.User, m.state.facts)).Allowed)
}

// ask asks the verdict's question first when it has one (public or
// irreversible), then acts with the Rev the row showed, so acting on stale
// data is a conflict, not a surprise.
func (m *Model) ask(o op, r row) tea.Cmd {
	pid, sub := m.pluginID, r.sub
	title := fmt.Sprintf("%s #%d (%s)", o, sub.ID, sub.Version)
	var run tea.Cmd
	switch o {
	case opWithdraw:
		run = m.act(fmt.Sprintf("撤回审核: #%d 已撤回", sub.ID), func(ctx context.Context, svc *workflow.Service, as string) error {
			_, err := svc.WithdrawSubmission(ctx, as, sub.ID, sub.Rev)
			return err
		})
	case opRelease:
		run = m.act(m.ctx.T("上架: #%d is on the market", sub.ID), func(ctx context.Context, svc *workflow.Service, as string) error {
			_, err := svc.ReleaseSubmission(ctx, as, sub.ID, sub.Rev)
			return err
		})
	case opHide, opShow:
		title = o.String() + " " + pid
		hide, rev := o == opHide, r.listing.Rev
		done := m.ctx.T("展示: market search finds the plugin again")
		if hide {
			done = m.ctx.T("隐藏: market search no longer finds the plugin")
		}
		run = m.act(done, func(ctx context.Context, svc *workflow.Service, as string) error {
			var err error
			if hide {
				_, err = svc.Hide(ctx, as, pid, rev)
			} else {
				_, err = svc.Show(ctx, as, pid, rev)
			}
			return err
		})
	case opModify:
		// Neither public nor irreversible, so workflow asks nothing; while
		// a listing is live it is still worth saying what a change costs.
		if l := m.state.listing; l != nil {
			m.confirm = dialog.NewConfirm(m.ctx, "修改信息?", m.ctx.T(
				"The change will need a new review (审核) and a new 上架. Until then the market keeps showing the listed submission #%d.",
				l.SubmissionID), m.wizard())
			return nil
		}
		return m.wizard()
	case opOrderPage:
		return common.Push(market.NewDetail(m.ctx, pid))
	default:
		return nil
	}
	return dialog.Ask(&m.confirm, m.ctx, title, m.ctx.Confirm(m.verdict(o, r)), run)
}

// wizard opens the publish wizard on the plugin's draft, or says how to
// edit the draft until the wizard exists.
func (m *Model) wizard() tea.Cmd {
	if open := m.ctx.OpenWizard; open != nil {
		pid := m.pluginID
		return func() tea.Msg { return common.PushMsg{Screen: open(pid)} }
	}
	return common.Info(m.ctx.T("the 发布 wizard is not in this build yet: edit the draft with plugpub draft sample|set %s, then plugpub submit %s",
		m.pluginID, m.pluginID))
}

// View draws the table over the detail, and any confirmation over both.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var view string
	switch {
	case m.compact && m.focus == focusDetail:
		view = m.detail.View()
	case m.compact:
		view = m.table.View()
	default:
		st := &m.ctx.Styles
		tbl, det := st.Pane, st.Focused
		if m.focus == focusTable {
			tbl, det = st.Focused, st.Pane
		}
		view = pane(tbl, m.table.View(), m.width, m.tableH) + "\n" + pane(det, m.detail.View(), m.width, m.height-m.tableH)
	}
	if m.confirm != nil {
		return dialog.Over(view, m.confirm, m.width, m.height)
	}
	return common.Clip(view, m.width, m.height)
}

// pane draws body in a bordered box of exactly w×h cells, with style's
// border in its colour. The border is put around the fitted lines here:
// style.Render would measure every line again to find the widest, and that
// was most of the cost of a key press (BenchmarkKeyPress).
func pane(style lipgloss.Style, body string, w, h int) string {
	iw, ih := max(0, w-2), max(0, h-2)
	lines := strings.Split(common.Clip(body, iw, ih), "\n")
	for len(lines) < ih {
		lines = append(lines, "")
	}
	b := style.GetBorderStyle()
	edge := lipgloss.NewStyle().Foreground(style.GetBorderTopForeground())
	left, right := edge.Render(b.Left), edge.Render(b.Right)
	var out strings.Builder
	out.WriteString(edge.Render(b.TopLeft + strings.Repeat(b.Top, iw) + b.TopRight))
	for _, l := range lines[:ih] {
		out.WriteByte('\n')
		out.WriteString(left)
		out.WriteString(common.Fit(l, iw))
		out.WriteString(right)
	}
	out.WriteByte('\n')
	out.WriteString(edge.Render(b.BottomLeft + strings.Repeat(b.Bottom, iw) + b.BottomRight))
	return out.String()
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	if m.confirm != nil {
		return m.confirm.ShortHelp()
	}
	if m.table.Filtering() {
		return m.table.FilterKeys()
	}
	k := m.keys
	return append([]key.Binding{k.Withdraw, k.Release, k.Modify, k.OrderPage, k.Hide, k.Show, k.Publish, k.Focus},
		m.table.FilterKeys()...)
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	if m.confirm != nil {
		return [][]key.Binding{m.confirm.ShortHelp()}
	}
	k := m.keys
	return [][]key.Binding{
		{k.Withdraw, k.Release, k.Modify, k.OrderPage, k.Hide, k.Show, k.Publish},
		append(k.list.Bindings(), k.Focus, k.FocusBack),
	}
}
