// Package review is the plugin center's review queue: submissions in
// review, earliest due first with overdue ones marked, and a detail screen
// that shows the snapshot as the market will, the differences from what is
// listed now, and approve / reject.
package review

import (
	"context"
	"fmt"
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
	seq     int
	applied int
	width   int
	height  int
}

// New builds the queue of ctx.User, who must be a reviewer; it loads on Init.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, keys: queueKeys{
		list: common.NewListKeys(),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "review")),
	}}
	m.id = fmt.Sprintf("review:%p", m)
	st := &ctx.Styles
	cols := []vtable.Column{
		{Title: "ID", Width: 4},
		{Title: "插件", Width: 16},
		{Title: "名称", Flex: 2},
		{Title: "版本", Width: 7},
		{Title: "提交人", Flex: 1},
		{Title: "提交时间", Width: 11},
		{Title: "预计完成", Width: 11},
		{Title: "状态", Width: 10},
	}
	// The clock is read per row so a row turns overdue without a reload.
	render := func(it item) []vtable.Cell {
		s := it.sub
		state := vtable.Cell{Text: workflow.Label(string(s.State)), Style: &st.Warn}
		if s.Overdue(ctx.Now()) {
			state = vtable.Cell{Text: "⚠ 已超时", Style: &st.Bad}
		} else if s.SubmittedBy == ctx.User.Name {
			state = vtable.Cell{Text: "自己提交", Style: &st.Muted}
		}
		return []vtable.Cell{{Text: fmt.Sprint(s.ID)}, {Text: s.PluginID}, {Text: it.name}, {Text: s.Version},
			{Text: s.SubmittedBy}, {Text: shortTime(s.SubmittedAt)}, {Text: shortTime(s.DueAt)}, state}
	}
	m.table = vtable.New(m.id, cols, render, m.fetch, st)
	return m
}

func (m *Model) fetch(offset, limit int) tea.Cmd {
	m.seq++
	svc, as, id, seq := m.ctx.Svc, m.ctx.User.Name, m.id, m.seq
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		subs, err := svc.ReviewQueue(ctx, as, workflow.Page{Offset: offset, Limit: limit})
		if err != nil {
			return nil, err
		}
		total, err := svc.CountReviewQueue(ctx, as)
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
		return queueMsg{id: id, seq: seq, win: vtable.Window[item]{Offset: offset, Items: items, Total: total}}, nil
	})
}

// Init loads the first window.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title names the screen.
func (m *Model) Title() string { return "审核队列" }

// Capturing is always false: the queue has no text input.
func (m *Model) Capturing() bool { return false }

// SetSize gives the table the whole box.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.table.SetSize(m.width, m.height)
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
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.Open) {
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
	if m.table.Loaded() && m.table.Total() == 0 {
		st := &m.ctx.Styles
		return common.Clip(st.Muted.Render(common.Wrap("Nothing to review: no submission is 审核中.", m.width)), m.width, m.height)
	}
	return common.Clip(m.table.View(), m.width, m.height)
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Open, m.keys.list.Up, m.keys.list.Down}
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Open}, m.keys.list.Bindings()}
}

func shortTime(t time.Time) string { return t.Local().Format("01-02 15:04") }

func longTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}
