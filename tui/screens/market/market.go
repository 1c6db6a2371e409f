// Package market is the 服务市场 as a consumer sees it: a search over the
// shown listings, and each listing's 订购页 (Detail), where it is ordered.
// 发布管理 and the review queue open the same Detail for a plugin id.
package market

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/tui/render"
	"plugpub/workflow"
)

// Keys are the market's bindings; which are enabled follows the state.
type Keys struct {
	Search key.Binding // focus the search box
	Run    key.Binding // run the query typed
	Leave  key.Binding // leave the box, keeping the query
	Open   key.Binding // the selected result's 订购页
	List   common.ListKeys
}

func newKeys() Keys {
	return Keys{
		Search: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Run:    common.Enter("search"),
		Leave:  common.Esc("leave box"),
		Open:   common.Enter("订购页"),
		List:   common.NewListKeys(),
	}
}

// hint is how to search, shown when the market has nothing to browse.
const hint = "按 / 输入关键词，enter 搜索：服务标题、简单介绍和服务描述中的任意一段文字，中文也可以（如 车牌）；几个词用空格分开，每个都要有（如 北京 天气）"

// Model is the market screen.
type Model struct {
	ctx   *common.Context
	keys  Keys
	input common.TextInput
	table vtable.Model[workflow.MarketEntry]
	cols  []column // the columns the width allows

	query  string // the query the table shows results of; "" browses every shown listing, newest first
	gen    int    // bumped per search, naming its table so late answers to an old query are dropped
	failed string // why the last search failed, shown instead of results
	more   bool   // the last window saw a row past its end: the total is a lower bound

	width, height int
}

// searchFailedMsg reports a failed search to the table that asked.
type searchFailedMsg struct {
	table string
	err   error
}

// New builds the market screen with an empty search box.
func New(ctx *common.Context) *Model {
	in := common.NewTextInput()
	in.Prompt = ""
	in.Placeholder = "按 / 搜索服务市场"
	// A blinking cursor would redraw the screen twice a second for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	m := &Model{ctx: ctx, keys: newKeys(), input: in, cols: columnsFor(0)}
	m.table = m.newTable("")
	return m
}

// column is one result column and how an entry fills it.
type column struct {
	vtable.Column
	text func(workflow.MarketEntry) string
}

var (
	colID     = column{vtable.Column{Title: "插件 ID", Width: 16}, func(e workflow.MarketEntry) string { return e.PluginID }}
	colTitle  = column{vtable.Column{Title: "服务标题", Flex: 2}, func(e workflow.MarketEntry) string { return e.Title }}
	colIntro  = column{vtable.Column{Title: "简单介绍", Flex: 3}, func(e workflow.MarketEntry) string { return e.Intro }}
	colBuyers = column{vtable.Column{Title: "可订购人群", Width: 10}, func(e workflow.MarketEntry) string { return e.Buyers }}
	colListed = column{vtable.Column{Title: "上架时间", Width: 16}, func(e workflow.MarketEntry) string { return when(e.ListedAt) }}
)

// columnsFor picks the columns a width can show: the fixed-width ones go
// first as the screen narrows, so the title always has room.
func columnsFor(width int) []column {
	switch {
	case width >= 90:
		return []column{colID, colTitle, colIntro, colBuyers, colListed}
	case width >= 60:
		return []column{colID, colTitle, colIntro, colBuyers}
	}
	return []column{colID, colTitle}
}

func tableColumns(cs []column) []vtable.Column {
	out := make([]vtable.Column, len(cs))
	for i, c := range cs {
		out[i] = c.Column
	}
	return out
}

// renderEntry fills the columns shown now.
func (m *Model) renderEntry(e workflow.MarketEntry) []vtable.Cell {
	cells := make([]vtable.Cell, len(m.cols))
	for i, c := range m.cols {
		cells[i] = vtable.Cell{Text: c.text(e)}
	}
	return cells
}

// newTable builds the results table of query q.
func (m *Model) newTable(q string) vtable.Model[workflow.MarketEntry] {
	id := fmt.Sprintf("market/%p/%d", m, m.gen)
	t := vtable.New(id, tableColumns(m.cols), m.renderEntry, m.fetcher(id, q), m.ctx)
	t.HideFooter() // the summary line above says 第 2 / 30 条
	t.SetSize(m.width, m.tableHeight())
	return t
}

// fetcher pages through the results of q. Search has no count, so each
// fetch asks for one row more than it needs: when that row exists, the total
// is shown as one past the window, and scrolling onto it fetches the next.
func (m *Model) fetcher(id, q string) vtable.Fetcher[workflow.MarketEntry] {
	svc := m.ctx.Svc
	return func(page vtable.Query) tea.Cmd {
		offset, limit := page.Offset, page.Limit
		return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			search := svc.Search
			if q == "" {
				search = func(ctx context.Context, _ string, p workflow.Page) ([]workflow.MarketEntry, error) {
					return svc.Browse(ctx, p)
				}
			}
			es, err := search(ctx, q, workflow.Page{Offset: offset, Limit: limit + 1})
			if err != nil {
				return searchFailedMsg{table: id, err: err}, nil
			}
			total := offset + len(es)
			if len(es) > limit {
				es = es[:limit]
			}
			return vtable.WindowMsg[workflow.MarketEntry]{ID: id, Window: vtable.Window[workflow.MarketEntry]{Offset: offset, Items: es, Total: total}}, nil
		})
	}
}

// Init loads the first page of the market: every shown listing, newest first.
func (m *Model) Init() tea.Cmd { return m.table.Init() }

// Title is the breadcrumb.
func (m *Model) Title() string { return "服务市场" }

// Capturing is true while the search box has focus, so q, ? and esc type
// into it or leave it rather than quitting or going back.
func (m *Model) Capturing() bool { return m.input.Focused() }

// SetSize lays the screen out: the box, a summary line, then the results.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.input.Width = max(1, m.width-ansi.StringWidth(searchLabel)-1)
	if cols := columnsFor(m.width); len(cols) != len(m.cols) {
		m.cols = cols
		m.table.SetColumns(tableColumns(cols))
	}
	m.table.SetSize(m.width, m.tableHeight())
}

func (m *Model) tableHeight() int { return max(0, m.height-2) }

// Query is the query whose results are shown.
func (m *Model) Query() string { return m.query }

// Update handles keys and the answers to searches.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.input.Focused() {
			return m, m.typing(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Search):
			// Like / in less or vim: a new search starts from an empty box;
			// the results of the last one stay until enter.
			m.input.Reset()
			return m, m.input.Focus()
		case key.Matches(msg, m.keys.Open):
			if e, ok := m.table.Selected(); ok && m.failed == "" {
				return m, common.Push(NewDetail(m.ctx, e.PluginID))
			}
			return m, nil
		}
		if m.failed == "" {
			return m, m.table.Update(msg)
		}
		return m, nil
	case vtable.WindowMsg[workflow.MarketEntry]:
		if msg.ID == m.table.ID {
			w := msg.Window
			m.more = w.Total > w.Offset+len(w.Items)
		}
		return m, m.table.Update(msg)
	case searchFailedMsg:
		if msg.table != m.table.ID {
			return m, nil
		}
		m.failed = m.ctx.Err(msg.err)
		return m, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
	case common.ReloadMsg:
		if m.failed != "" {
			return m, nil
		}
		return m, m.table.Reload()
	}
	cmd := m.input.Update(msg)
	return m, tea.Batch(cmd, m.table.Update(msg))
}

// typing is the search box's share of the keys.
func (m *Model) typing(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Leave):
		// The box says what the results are of, never what was typed and
		// dropped (issue 11: 搜索 / over the results of 天气).
		m.input.Blur()
		m.input.SetValue(m.query)
		return nil
	case key.Matches(msg, m.keys.Run):
		// An empty query browses the whole market, newest first; either
		// way the box lets go, so the next / starts a new search rather
		// than typing itself into this one (issue 11).
		q := strings.TrimSpace(m.input.Value())
		m.input.Blur()
		m.input.SetValue(q)
		m.query, m.failed, m.more = q, "", false
		m.gen++
		m.table = m.newTable(q)
		return m.table.Init()
	}
	return m.input.Update(msg)
}

const searchLabel = "搜索 "

// View draws the box, a summary and the results within the size given.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := &m.ctx.Styles
	lines := []string{st.Label.Render(searchLabel) + m.input.View()}
	switch {
	case m.failed != "":
		lines = append(lines, st.Error.Render(common.Cell("搜索失败："+m.failed, m.width)))
	case !m.table.Loaded() && m.query == "":
		lines = append(lines, st.Muted.Render(common.Cell("正在加载服务市场…", m.width)))
	case !m.table.Loaded():
		lines = append(lines, st.Muted.Render(common.Cell("正在搜索「"+workflow.SanitizeLine(m.query)+"」…", m.width)))
	case m.table.Total() == 0 && m.query == "":
		lines = append(lines, st.Muted.Render(common.Cell("服务市场还没有展示中的插件", m.width)))
		for _, l := range strings.Split(render.Wrap(hint, m.width), "\n") {
			lines = append(lines, st.Muted.Render(l))
		}
	case m.table.Total() == 0:
		lines = append(lines, st.Muted.Render(common.Cell("「"+workflow.SanitizeLine(m.query)+"」没有找到展示中的插件；隐藏的插件不会被搜到", m.width)))
	default:
		lines = append(lines, st.Muted.Render(common.Cell(m.summary(), m.width)))
	}
	if m.failed == "" && m.table.Loaded() && m.table.Total() > 0 {
		lines = append(lines, m.table.View())
	}
	return common.Clip(strings.Join(lines, "\n"), m.width, m.height)
}

// summary counts the results; while only the first windows are loaded the
// count is a lower bound, and says so.
func (m *Model) summary() string {
	n, pos := m.table.Total(), m.table.Cursor()+1
	if m.query == "" {
		if m.more {
			return fmt.Sprintf("展示中的插件，最新上架在前 · 第 %d 条，共 %d 条以上 · 按 / 搜索", pos, n-1)
		}
		return fmt.Sprintf("展示中的插件，最新上架在前 · 第 %d / %d 条 · 按 / 搜索", pos, n)
	}
	q := workflow.SanitizeLine(m.query)
	if m.more {
		return fmt.Sprintf("「%s」第 %d 条，共 %d 条以上", q, pos, n-1)
	}
	return fmt.Sprintf("「%s」第 %d / %d 条", q, pos, n)
}

// ShortHelp lists what the keys do now.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keymap()
	if m.input.Focused() {
		return []key.Binding{k.Run, k.Leave}
	}
	return []key.Binding{k.Search, k.Open, k.List.Up, k.List.Down}
}

// FullHelp groups every binding.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keymap()
	return [][]key.Binding{{k.Search, k.Run, k.Leave, k.Open}, k.List.Bindings()}
}

// keymap enables what is legal now, so help never offers what does nothing.
func (m *Model) keymap() Keys {
	k := m.keys
	focused := m.input.Focused()
	_, selected := m.table.Selected()
	results := !focused && m.failed == "" && selected
	k.Search = common.Enable(k.Search, !focused)
	k.Run = common.Enable(k.Run, focused)
	k.Leave = common.Enable(k.Leave, focused)
	k.Open = common.Enable(k.Open, results)
	scroll := results && m.table.Total() > 1
	for _, b := range []*key.Binding{&k.List.Up, &k.List.Down, &k.List.PageUp, &k.List.PageDown, &k.List.Top, &k.List.Bottom} {
		*b = common.Enable(*b, scroll)
	}
	return k
}

// when is a time as the console shows it everywhere.
func when(t time.Time) string { return common.Long(t) }
