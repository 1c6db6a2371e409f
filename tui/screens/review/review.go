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
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// item is one queue row with the plugin's name, looked up when loaded.
type item struct {
	sub  workflow.Submission
	name string
}

type queueMsg struct {
	id  string
	seq int
	win vtable.Window[item]
}

type queueKeys struct {
	list common.ListKeys
	Open key.Binding
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

	glance *glance // the header's figures; nil until loaded
	top    int     // the header's lines, above the table
}

// New builds the queue of ctx.User, who must be a reviewer; it loads on Init.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, keys: queueKeys{
		list: common.NewListKeys(),
		Open: common.Enter("review"),
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
)

// queueColumns picks the columns a width can show: the submission time
// goes first as the screen narrows, then the version, the submitter and
// the due time; the ids, the name and the state always stay.
func queueColumns(width int) []column {
	switch {
	case width >= 100 || width == 0:
		return []column{colID, colPlugin, colName, colVersion, colBy, colSubmitted, colDue, colState}
	case width >= 72:
		return []column{colID, colPlugin, colName, colVersion, colBy, colDue, colState}
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

func (m *Model) fetch(q vtable.Query) tea.Cmd {
	m.seq++
	svc, as, id, seq := m.ctx.Svc, m.ctx.User.Name, m.id, m.seq
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		subs, err := svc.ReviewQueue(ctx, as, q.Page())
		if err != nil {
			return nil, err
		}
		total, err := svc.CountReviewQueue(ctx, as, q.Filter)
		if err != nil {
			return nil, err
		}
		names := map[string]string{}
		items := make([]item, len(subs))
		for i, s := range subs {
			name, ok := names[s.PluginID]
			if !ok {
				p, err := svc.Plugin(ctx, as, s.PluginID)
				if err != nil {
					return nil, err
				}
				name, names[s.PluginID] = p.Name, p.Name
			}
			items[i] = item{sub: s, name: name}
		}
		return queueMsg{id: id, seq: seq, win: vtable.Window[item]{Offset: q.Offset, Items: items, Total: total, Filter: q.Filter}}, nil
	})
}

// Init loads the first window.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title names the screen.
func (m *Model) Title() string { return "审核队列" }

// Capturing is true while the filter has focus.
func (m *Model) Capturing() bool { return m.table.Filtering() }

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
	case common.ReloadMsg:
		return m, m.table.Reload()
	case tea.MouseMsg:
		// The table starts below the header.
		if msg.Y -= m.top; msg.Y < 0 {
			return m, nil
		}
		cmd := m.table.Update(msg)
		m.updateKeys()
		return m, cmd
	case tea.KeyMsg:
		if !m.table.Filtering() && key.Matches(msg, m.keys.Open) {
			if it, ok := m.table.Selected(); ok {
				return m, common.Push(NewDetail(m.ctx, it.sub.ID))
			}
			return m, nil
		}
		cmd := m.table.Update(msg)
		m.updateKeys()
		return m, cmd
	}
	return m, nil
}

func (m *Model) updateKeys() {
	_, ok := m.table.Selected()
	m.keys.Open.SetEnabled(ok)
}

// View draws the table, or says the queue is empty.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.table.Loaded() && m.table.Total() == 0 && m.table.Filter() == "" && !m.table.Filtering() {
		st := &m.ctx.Styles
		return common.Clip(st.Muted.Render(common.Wrap(m.ctx.T("Nothing to review: no submission is 审核中."), m.width)), m.width, m.height)
	}
	if m.top == 0 {
		return common.Clip(m.table.View(), m.width, m.height)
	}
	return common.Clip(m.header(m.width, m.top)+"\n"+m.table.View(), m.width, m.height)
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	if m.table.Filtering() {
		return m.table.FilterKeys()
	}
	return append([]key.Binding{m.keys.Open, m.keys.list.Up, m.keys.list.Down}, m.table.FilterKeys()...)
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	if m.table.Filtering() {
		return [][]key.Binding{m.table.FilterKeys()}
	}
	return [][]key.Binding{append([]key.Binding{m.keys.Open}, m.table.FilterKeys()...), m.keys.list.Bindings()}
}

// longTime is how the detail shows a time.
func longTime(t time.Time) string { return common.Long(t) }
