// Package review is the plugin center's review queue: submissions in
// review, earliest due first with overdue ones marked, and a detail screen
// that shows the snapshot as the market will, the differences from what is
// listed now, and approve / reject.
package review

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// item is one queue row with its plugin, looked up when loaded.
type item struct {
	sub    workflow.Submission
	name   string
	plugin workflow.Plugin
}

type queueMsg struct {
	id  string
	seq int
	win vtable.Window[item]
}

type queueKeys struct {
	list    common.ListKeys
	Open    key.Binding
	Claim   key.Binding
	Unclaim key.Binding
	Scope   key.Binding
}

// Model is the review queue; it is a common.Screen.
type Model struct {
	ctx     *common.Context
	id      string
	keys    queueKeys
	table   vtable.Model[item]
	cols    []column // the columns the width allows
	seq     int
	applied int
	width   int
	height  int

	glance *workflow.ReviewStats // the header's figures; nil until loaded
	top    int                   // the header's lines, above the table
	scope  scope                 // which rows: all, mine, unclaimed, overdue
	modal  dialog.Modal

	head    string // the header as last drawn, for headKey
	headKey headerKey
}

// New builds the queue of ctx.User, who must be a reviewer; it loads on Init.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, keys: queueKeys{
		list:    common.NewListKeys(),
		Open:    common.Enter("review"),
		Claim:   common.Claim(),
		Unclaim: common.Unclaim(),
		Scope:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "mine/unclaimed/overdue")),
	}}
	m.id = fmt.Sprintf("review:%p", m)
	m.cols = queueColumns(0)
	m.table = vtable.New(m.id, tableColumns(m.cols), m.render, m.fetch, ctx)
	m.table.EnableFilter("ID、插件、名称、版本或提交人")
	return m
}

// column is one queue column and how a row fills it.
type column struct {
	vtable.Column
	cell func(m *Model, it item) vtable.Cell
}

var (
	colID = column{vtable.Column{Title: "ID", Width: 4, ID: true},
		func(_ *Model, it item) vtable.Cell { return vtable.Cell{Text: strconv.FormatInt(it.sub.ID, 10)} }}
	colPlugin = column{vtable.Column{Title: "插件", Width: 16, ID: true},
		func(_ *Model, it item) vtable.Cell { return vtable.Cell{Text: it.sub.PluginID} }}
	colName = column{vtable.Column{Title: "名称", Flex: 2},
		func(_ *Model, it item) vtable.Cell { return vtable.Cell{Text: it.name} }}
	colVersion = column{vtable.Column{Title: "版本", Width: 7},
		func(_ *Model, it item) vtable.Cell { return vtable.Cell{Text: it.sub.Version} }}
	colBy = column{vtable.Column{Title: "提交人", Flex: 1},
		func(_ *Model, it item) vtable.Cell { return vtable.Cell{Text: it.sub.SubmittedBy} }}
	colSubmitted = column{vtable.Column{Title: "提交时间", Width: common.ShortWidth},
		func(m *Model, it item) vtable.Cell {
			return vtable.Cell{Text: common.Short(it.sub.SubmittedAt, m.ctx.Now())}
		}}
	colDue = column{vtable.Column{Title: "预计完成", Width: common.ShortWidth},
		func(m *Model, it item) vtable.Cell { return vtable.Cell{Text: common.Short(it.sub.DueAt, m.ctx.Now())} }}
	colState = column{vtable.Column{Title: "状态", Width: 10}, (*Model).stateCell}
	colClaim = column{vtable.Column{Title: "认领", Flex: 1}, (*Model).claimCell}
)

// queueColumns picks the columns a width can show: the submission time
// goes first as the screen narrows, then the version, the submitter and
// the due time; the ids, the name and the state always stay.
func queueColumns(width int) []column {
	switch {
	case width >= 100 || width == 0:
		return []column{colID, colPlugin, colName, colVersion, colBy, colSubmitted, colDue, colClaim, colState}
	case width >= 72:
		return []column{colID, colPlugin, colName, colBy, colDue, colClaim, colState}
	}
	return []column{colID, colPlugin, colName, colState}
}

func tableColumns(cs []column) []vtable.Column {
	out := make([]vtable.Column, len(cs))
	for i, c := range cs {
		out[i] = c.Column
	}
	return out
}

// render fills the columns shown now. The clock is read per row so a row
// turns overdue without a reload.
func (m *Model) render(it item) []vtable.Cell {
	cells := make([]vtable.Cell, len(m.cols))
	for i, c := range m.cols {
		cells[i] = c.cell(m, it)
	}
	return cells
}

func (m *Model) stateCell(it item) vtable.Cell {
	st, s := &m.ctx.Styles, it.sub
	switch {
	case s.Overdue(m.ctx.Now()):
		return vtable.Cell{Text: "⚠ 已超时", Style: &st.Bad}
	case s.SubmittedBy == m.ctx.User.Name:
		return vtable.Cell{Text: "自己提交", Style: &st.Muted}
	}
	return vtable.Cell{Text: workflow.Label(string(s.State)), Style: &st.Warn}
}

// claimCell is who holds the row's claim: 我 for the user, nobody's
// shown as -. The service's reads clear a lapsed claim, and the clock is
// asked again here, so a claim that lapses while the row is on screen is
// not shown as live either.
func (m *Model) claimCell(it item) vtable.Cell {
	st := &m.ctx.Styles
	by, live := it.sub.Claim(m.ctx.Now())
	switch {
	case !live:
		return vtable.Cell{Text: "-", Style: &st.Muted}
	case by == m.ctx.User.Name:
		return vtable.Cell{Text: "我", Style: &st.Good}
	}
	return vtable.Cell{Text: by, Style: &st.Warn}
}

func (m *Model) fetch(q vtable.Query) tea.Cmd {
	m.seq++
	svc, as, id, seq, qf := m.ctx.Svc, m.ctx.User.Name, m.id, m.seq, m.scope.filter()
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		subs, err := svc.ReviewQueueWhere(ctx, as, qf, q.Page())
		if err != nil {
			return nil, err
		}
		total, err := svc.CountReviewQueueWhere(ctx, as, qf, q.Filter)
		if err != nil {
			return nil, err
		}
		plugins := map[string]workflow.Plugin{}
		items := make([]item, len(subs))
		for i, s := range subs {
			p, ok := plugins[s.PluginID]
			if !ok {
				if p, err = svc.Plugin(ctx, as, s.PluginID); err != nil {
					return nil, err
				}
				plugins[s.PluginID] = p
			}
			items[i] = item{sub: s, name: p.Name, plugin: p}
		}
		return queueMsg{id: id, seq: seq, win: vtable.Window[item]{Offset: q.Offset, Items: items, Total: total, Filter: q.Filter}}, nil
	})
}

// Init loads the first window and the header's figures.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.table.Init(), m.loadGlance()) }

// Title names the screen.
func (m *Model) Title() string { return "审核队列" }

// Capturing is true while the filter has focus or a question is open.
func (m *Model) Capturing() bool { return m.table.Filtering() || m.modal != nil }

// SetSize gives the table the whole box, with the columns it has room for.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.top = 0
	if m.glance != nil {
		m.top = headerHeight(m.width, m.height)
	}
	if cols := queueColumns(m.width); len(cols) != len(m.cols) {
		m.cols = cols
		m.table.SetColumns(tableColumns(cols))
	}
	m.table.SetSize(m.width, m.height-m.top)
}

// Update takes windows, reloads and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case queueMsg:
		if msg.id != m.id || msg.seq < m.applied {
			return m, nil
		}
		m.applied = msg.seq
		cmd := m.table.Update(vtable.WindowMsg[item]{ID: m.id, Window: msg.win})
		m.updateKeys()
		return m, cmd
	case glanceMsg:
		if msg.id == m.id {
			m.glance = &msg.g
			m.SetSize(m.width, m.height)
		}
		return m, nil
	case claimedMsg:
		if msg.id != m.id {
			return m, nil
		}
		return m, tea.Batch(common.Info(msg.text), m.table.Reload(), m.loadGlance())
	case common.ReloadMsg:
		return m, tea.Batch(m.table.Reload(), m.loadGlance())
	case tea.MouseMsg:
		if m.modal != nil {
			return m, nil
		}
		// The table starts below the header.
		if msg.Y -= m.top; msg.Y < 0 {
			return m, nil
		}
		cmd := m.table.Update(msg)
		m.updateKeys()
		return m, cmd
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&m.modal, msg); ok {
			return m, cmd
		}
		if !m.table.Filtering() {
			if cmd, ok := m.key(msg); ok {
				return m, cmd
			}
		}
		cmd := m.table.Update(msg)
		m.updateKeys()
		return m, cmd
	}
	return m, nil
}

func (m *Model) updateKeys() {
	it, ok := m.table.Selected()
	m.keys.Open.SetEnabled(ok)
	o := m.claimOffer(it, ok)
	m.keys.Claim.SetEnabled(o.Can(workflow.ActClaim))
	m.keys.Unclaim.SetEnabled(o.Can(workflow.ActUnclaim))
}

// View draws the table, or says the queue is empty.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	view := m.table.View()
	if m.table.Loaded() && m.table.Total() == 0 && m.table.Filter() == "" && !m.table.Filtering() && m.scope == scopeAll {
		st := &m.ctx.Styles
		view = st.Muted.Render(common.Wrap(m.ctx.T("Nothing to review: no submission is 审核中."), m.width))
	}
	if m.top > 0 {
		view = m.header(m.width, m.top) + "\n" + view
	}
	if m.modal != nil {
		return dialog.Over(common.Clip(view, m.width, m.height), m.modal, m.width, m.height)
	}
	return common.Clip(view, m.width, m.height)
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.modal != nil:
		return m.modal.ShortHelp()
	case m.table.Filtering():
		return m.table.FilterKeys()
	}
	k := &m.keys
	return append([]key.Binding{k.Open, k.Claim, k.Unclaim, k.Scope, k.list.Down}, m.table.FilterKeys()...)
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	switch {
	case m.modal != nil:
		return m.modal.FullHelp()
	case m.table.Filtering():
		return [][]key.Binding{m.table.FilterKeys()}
	}
	k := &m.keys
	return [][]key.Binding{append([]key.Binding{k.Open}, m.table.FilterKeys()...), {k.Claim, k.Unclaim, k.Scope}, k.list.Bindings()}
}

// longTime is how the detail shows a time.
func longTime(t time.Time) string { return common.Long(t) }
