// Package vtable is a table over a list too long to load: it holds one
// window of rows fetched from the store around the cursor and draws only the
// visible ones, so a key press costs the same at row 1 and at row 100,000.
package vtable

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// Column is a header and a width: Width cells, or a share of what is left
// when Width is 0 (Flex, default 1).
type Column struct {
	Title string
	Width int
	Flex  int
	// Min is the least width a flex column is worth showing at; Fit drops
	// columns before one would be narrower.
	Min int
	// ID marks a column of identifiers (a submission's, a plugin's), which
	// someone copies into a command: it is never cut. It is as wide as the
	// widest id in the loaded window (Width at least), and the other
	// columns give way.
	ID bool
}

// Cell is one drawn cell: untrusted Text, and a style from the theme.
type Cell struct {
	Text  string
	Style *lipgloss.Style
}

// Window is one page of rows starting at Offset, with the list's Total,
// for the Filter of the Query it answers: the table drops a window of a
// filter it no longer shows (one typed past).
type Window[T any] struct {
	Offset int
	Items  []T
	Total  int
	Filter string
}

// Query is what a table asks its Fetcher for: Limit rows from Offset of
// the rows that match Filter (a case-insensitive substring; "" for all),
// and their count.
type Query struct {
	Offset int
	Limit  int
	Filter string
}

// Page is the query as the workflow's lists take it.
func (q Query) Page() workflow.Page {
	return workflow.Page{Offset: q.Offset, Limit: q.Limit, Filter: q.Filter}
}

// WindowMsg delivers a window to the table whose ID it names.
type WindowMsg[T any] struct {
	ID     string
	Window Window[T]
}

// Fetcher loads the rows and the count of a query off the Update loop; the
// window it delivers carries q.Filter.
type Fetcher[T any] func(q Query) tea.Cmd

// WindowSize is how many rows one fetch brings; several screens' worth, so
// scrolling rarely waits.
const WindowSize = 200

// Model is the table.
type Model[T any] struct {
	ID     string
	cols   []Column
	render func(T) []Cell
	fetch  Fetcher[T]
	ctx    *common.Context // the language and styles it draws in
	styles *common.Styles
	keys   common.ListKeys
	fkeys  FilterKeys

	win     Window[T]
	loaded  bool
	stale   bool      // the rows shown are of an earlier filter; the new ones are on their way
	pending int       // offset of the fetch under way, -1 when none
	sent    time.Time // when it was sent
	cursor  int
	top     int
	width   int
	height  int
	widths  []int
	idw     []int // the width each ID column needs for the loaded window

	noFooter   bool
	noMatch    func(filter string) string // what an empty filtered list says; nil: how to clear the filter
	filterable bool
	input      common.TextInput
	filter     string // the filter the rows are of
}

// FilterKeys are the bindings of a table's filter, for help.
type FilterKeys struct {
	Filter key.Binding // focus the filter
	Done   key.Binding // back to the rows, keeping it
	Clear  key.Binding // clear it and go back to the rows
	// Moves move the cursor while the filter has focus.
	common.ArrowKeys
}

func newFilterKeys() FilterKeys {
	return FilterKeys{
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Done:      common.Enter("keep filter"),
		Clear:     common.Esc("clear filter"),
		ArrowKeys: common.NewArrowKeys(),
	}
}

// New builds a table that speaks and draws as ctx says (its language, its
// styles); it fetches its first window on Init.
func New[T any](id string, cols []Column, render func(T) []Cell, fetch Fetcher[T], ctx *common.Context) Model[T] {
	return Model[T]{ID: id, cols: cols, render: render, fetch: fetch, ctx: ctx, styles: &ctx.Styles, keys: common.NewListKeys(),
		fkeys: newFilterKeys(), pending: -1}
}

// EnableFilter gives the table a filter: / focuses it, every key typed
// refetches the rows that match, enter goes back to the rows keeping it,
// esc clears it. While it has focus the screen must report Capturing
// (Filtering) so that the root passes it q, ? and esc.
func (m *Model[T]) EnableFilter(placeholder string) {
	in := common.NewTextInput()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = workflow.MaxFilterRunes
	// A blinking cursor would redraw the screen twice a second for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	m.input, m.filterable = in, true
	m.SetSize(m.width, m.height)
}

// Filtering is true while the filter has focus and takes every key.
func (m *Model[T]) Filtering() bool { return m.filterable && m.input.Focused() }

// Filter is the filter the rows shown match ("" for none).
func (m *Model[T]) Filter() string { return m.filter }

// SetFilter shows the rows that match f from the first, as if typed.
func (m *Model[T]) SetFilter(f string) tea.Cmd {
	if m.filterable {
		m.input.SetValue(f)
		m.input.CursorEnd()
	}
	return m.setFilter(f)
}

func (m *Model[T]) setFilter(f string) tea.Cmd {
	if f == m.filter {
		return nil
	}
	m.filter, m.cursor, m.top = f, 0, 0
	m.stale = m.loaded
	m.pending = -1
	return m.Reload()
}

// FilterKeys are the filter's bindings that work now (none without a
// filter), for a screen's help.
func (m *Model[T]) FilterKeys() []key.Binding {
	switch {
	case !m.filterable:
		return nil
	case m.input.Focused():
		return []key.Binding{m.fkeys.Done, m.fkeys.Clear}
	}
	return []key.Binding{m.fkeys.Filter}
}

// ShortHelp is the filter's keys that work now (see FilterKeys); the
// moves are in FullHelp.
func (m *Model[T]) ShortHelp() []key.Binding { return m.FilterKeys() }

// FullHelp is the moves, and the filter's keys.
func (m *Model[T]) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.keys.Bindings(), m.FilterKeys()}
}

var _ common.Component = (*Model[struct{}])(nil)

// Init fetches the first window.
func (m *Model[T]) Init() tea.Cmd { return m.Reload() }

// Reload fetches the window around the cursor again (after a change).
func (m *Model[T]) Reload() tea.Cmd {
	off := max(0, m.cursor-WindowSize/2)
	m.pending, m.sent = off, time.Now()
	return m.fetch(Query{Offset: off, Limit: WindowSize, Filter: m.filter})
}

// lostFetch is how long a fetch may go unanswered before another is sent:
// one that failed (the screen shows the error) never answers.
const lostFetch = 2 * time.Second

// SetSize sets the box the table draws in, header and footer included.
func (m *Model[T]) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
	m.scroll()
}

// layout gives ID columns the width their ids need, then lays out.
func (m *Model[T]) layout() {
	cols := m.cols
	if len(m.idw) == len(m.cols) {
		cols = make([]Column, len(m.cols))
		for i, c := range m.cols {
			if c.ID {
				c.Width = max(c.Width, m.idw[i])
			}
			cols[i] = c
		}
	}
	m.widths = Layout(cols, m.width)
}

// measure finds the widest id of each ID column in the loaded window.
func (m *Model[T]) measure() {
	ids := false
	for _, c := range m.cols {
		ids = ids || c.ID
	}
	if !ids {
		m.idw = nil
		return
	}
	m.idw = make([]int, len(m.cols))
	for i, c := range m.cols {
		if c.ID {
			m.idw[i] = ansi.StringWidth(c.Title)
		}
	}
	for _, it := range m.win.Items {
		cells := m.render(it)
		for i, c := range m.cols {
			if c.ID && i < len(cells) {
				m.idw[i] = max(m.idw[i], ansi.StringWidth(workflow.SanitizeLine(cells[i].Text)))
			}
		}
	}
	m.layout()
}

// Keys are the table's bindings, for help.
func (m *Model[T]) Keys() common.ListKeys { return m.keys }

// Loaded reports whether the first window has arrived.
func (m *Model[T]) Loaded() bool { return m.loaded }

// Total is the number of rows in the whole list.
func (m *Model[T]) Total() int { return m.win.Total }

// Cursor is the absolute index of the selected row.
func (m *Model[T]) Cursor() int { return m.cursor }

// Selected returns the row under the cursor, if it is loaded (and of the
// filter shown).
func (m *Model[T]) Selected() (T, bool) {
	var zero T
	i := m.cursor - m.win.Offset
	if !m.loaded || m.stale || i < 0 || i >= len(m.win.Items) {
		return zero, false
	}
	return m.win.Items[i], true
}

// SetCursor moves the cursor to an absolute row, fetching if needed.
func (m *Model[T]) SetCursor(i int) tea.Cmd {
	m.cursor = max(0, min(i, m.win.Total-1))
	m.scroll()
	return m.ensure()
}

// Update moves the cursor, takes delivered windows, types into the filter
// while it has focus, and selects the row clicked (a tea.MouseMsg whose Y
// counts from the table's top line, its header).
func (m *Model[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case WindowMsg[T]:
		if msg.ID != m.ID || msg.Window.Filter != m.filter {
			return nil
		}
		m.win, m.loaded, m.stale, m.pending = msg.Window, true, false, -1
		if m.cursor >= m.win.Total {
			m.cursor = max(0, m.win.Total-1)
		}
		m.measure()
		m.scroll()
		return m.ensure()
	case tea.MouseMsg:
		return m.mouse(msg)
	case tea.KeyMsg:
		if m.Filtering() {
			return m.typeFilter(msg)
		}
		page := max(1, m.bodyHeight())
		switch {
		case m.filterable && key.Matches(msg, m.fkeys.Filter):
			m.input.SetValue(m.filter)
			m.input.CursorEnd()
			return m.input.Focus()
		}
		if d, ok := step(msg, page, m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown); ok {
			return m.SetCursor(m.cursor + d)
		}
		switch {
		case key.Matches(msg, m.keys.Top):
			return m.SetCursor(0)
		case key.Matches(msg, m.keys.Bottom):
			return m.SetCursor(m.win.Total - 1)
		}
	}
	return nil
}

// typeFilter edits the filter and refetches on every change; the arrows
// still move the cursor, enter goes back to the rows, esc clears.
func (m *Model[T]) typeFilter(msg tea.KeyMsg) tea.Cmd {
	page := max(1, m.bodyHeight())
	switch {
	case key.Matches(msg, m.fkeys.Done):
		m.input.Blur()
		return nil
	case key.Matches(msg, m.fkeys.Clear):
		m.input.Blur()
		m.input.Reset()
		return m.setFilter("")
	}
	if d, ok := step(msg, page, m.fkeys.Up, m.fkeys.Down, m.fkeys.PageUp, m.fkeys.PageDown); ok {
		return m.SetCursor(m.cursor + d)
	}
	return tea.Batch(m.input.Update(msg), m.setFilter(strings.TrimSpace(m.input.Value())))
}

// step is how far msg moves the cursor when it is one of the bindings
// for a row up, a row down, a page up and a page down (page rows); ok is
// false for any other key.
func step(msg tea.KeyMsg, page int, up, down, pageUp, pageDown key.Binding) (d int, ok bool) {
	switch {
	case key.Matches(msg, up):
		return -1, true
	case key.Matches(msg, down):
		return 1, true
	case key.Matches(msg, pageUp):
		return -page, true
	case key.Matches(msg, pageDown):
		return page, true
	}
	return 0, false
}

// mouse selects the row clicked and scrolls on the wheel.
func (m *Model[T]) mouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return m.SetCursor(m.cursor - 1)
	case tea.MouseButtonWheelDown:
		return m.SetCursor(m.cursor + 1)
	case tea.MouseButtonLeft:
		r := msg.Y - 1 // the header is line 0
		if !m.loaded || m.width <= 0 || msg.X < 0 || msg.X >= m.width || r < 0 || r >= m.bodyHeight() || m.top+r >= m.win.Total {
			return nil
		}
		return m.SetCursor(m.top + r)
	}
	return nil
}

// ensure fetches the window around the cursor when the visible rows are
// not all loaded. One fetch at a time: when it lands, Update calls ensure
// again for wherever the cursor is by then. Keys held down or typed ahead
// would otherwise start a fetch per page, each on a database connection of
// its own; 300 of them at once once took the console to 440 MB
// (BenchmarkScrollMemory in cmd/plugpub).
func (m *Model[T]) ensure() tea.Cmd {
	lo, hi := m.top, min(m.win.Total, m.top+m.bodyHeight())
	if !m.loaded || (lo >= m.win.Offset && hi <= m.win.Offset+len(m.win.Items)) {
		return nil
	}
	if m.pending >= 0 && time.Since(m.sent) < lostFetch {
		return nil
	}
	off := max(0, m.cursor-WindowSize/2)
	m.pending, m.sent = off, time.Now()
	return m.fetch(Query{Offset: off, Limit: WindowSize, Filter: m.filter})
}

// footer reports whether the table draws its footer line (the filter and
// the position): when it has room for it below the header and a row, and
// either the rows need it (they do not all fit, or a filter is on) or it
// takes only one of four lines or fewer, so that a short list in a small
// box (发布管理's table) keeps its rows.
func (m *Model[T]) footer() bool {
	if m.noFooter || m.height < 3 {
		return false
	}
	return m.height >= 5 || m.win.Total > m.height-1 || m.filter != "" || m.Filtering()
}

// HideFooter leaves out the footer line, for a screen that shows the
// position itself (the market's 第 2 / 30 条).
func (m *Model[T]) HideFooter() {
	m.noFooter = true
	m.scroll()
}

func (m *Model[T]) bodyHeight() int {
	if m.footer() {
		return m.height - 2
	}
	return max(0, m.height-1)
}

// position is "12/1,418": the cursor's row and the count of rows.
func (m *Model[T]) position() string {
	if !m.loaded {
		return ""
	}
	if m.win.Total == 0 {
		return "0/0"
	}
	return thousands(m.cursor+1) + "/" + thousands(m.win.Total)
}

// thousands writes n with a comma every three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scroll keeps the cursor inside the visible rows.
func (m *Model[T]) scroll() {
	h := m.bodyHeight()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if h > 0 && m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = max(0, min(m.top, m.win.Total-h))
}

// View draws the header and the visible rows, never wider than the width.
func (m *Model[T]) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var b strings.Builder
	for i, c := range m.cols {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(common.Fit(c.Title, m.widths[i]))
	}
	head := m.styles.Header.Render(common.Fit(b.String(), m.width))
	lines := []string{head}
	switch {
	case !m.loaded:
		lines = append(lines, m.styles.Muted.Render(common.Fit(m.ctx.T("loading…"), m.width)))
	case m.win.Total == 0 && m.filter != "":
		lines = append(lines, m.styles.Muted.Render(common.Cell(m.noMatchText(), m.width)))
	case m.win.Total == 0:
		lines = append(lines, m.styles.Muted.Render(common.Fit(m.ctx.T("nothing here yet"), m.width)))
	default:
		end := min(m.win.Total, m.top+m.bodyHeight())
		for r := m.top; r < end; r++ {
			lines = append(lines, m.row(r))
		}
	}
	if m.footer() {
		lines = lines[:min(len(lines), m.height-1)]
		for len(lines) < m.height-1 {
			lines = append(lines, "")
		}
		lines = append(lines, m.footerLine())
	}
	return strings.Join(lines[:min(len(lines), m.height)], "\n")
}

// SetNoMatch sets what the table says when nothing matches its filter,
// for a screen whose filter is not typed (使用者管理's state filter).
func (m *Model[T]) SetNoMatch(say func(filter string) string) { m.noMatch = say }

// noMatchText says what was filtered when nothing matches.
func (m *Model[T]) noMatchText() string {
	if m.noMatch != nil {
		return m.noMatch(m.filter)
	}
	how := "/ then esc clears it"
	if m.Filtering() {
		how = "esc clears it"
	}
	return m.ctx.T("no row matches “%s” — %s", m.filter, m.ctx.T(how))
}

// footerLine is the filter (being typed, or the one applied) on the left
// and the position on the right.
func (m *Model[T]) footerLine() string {
	pos := m.position()
	left := m.width - ansi.StringWidth(pos) - 1
	var l string
	switch {
	case m.Filtering():
		// The box is what the position leaves, which changes as it moves.
		m.input.Width = max(1, left-ansi.StringWidth(m.input.Prompt)-1)
		l = common.Clip(m.input.View(), max(0, left), 1)
		l += strings.Repeat(" ", max(0, left-ansi.StringWidth(l)))
	case m.filter != "":
		l = m.styles.Muted.Render(common.Cell(m.ctx.T("filter: %s", m.filter), left))
	default:
		l = strings.Repeat(" ", max(0, left))
	}
	if left < 0 {
		return m.styles.Muted.Render(common.Fit(pos, m.width))
	}
	return l + " " + m.styles.Muted.Render(pos)
}

func (m *Model[T]) row(r int) string {
	i := r - m.win.Offset
	if i < 0 || i >= len(m.win.Items) {
		return m.styles.Muted.Render(common.Fit("…", m.width))
	}
	cells := m.render(m.win.Items[i])
	var b strings.Builder
	for c := range m.cols {
		if c > 0 {
			b.WriteByte(' ')
		}
		text := ""
		var st *lipgloss.Style
		if c < len(cells) {
			text, st = cells[c].Text, cells[c].Style
		}
		cell := common.Cell(text, m.widths[c])
		if st != nil && r != m.cursor {
			cell = st.Render(cell)
		}
		b.WriteString(cell)
	}
	line := common.Fit(b.String(), m.width)
	if r == m.cursor {
		return m.styles.Selected.Render(line)
	}
	return line
}

// Layout splits width among columns: ID columns first, then the other
// fixed ones, then flex shares, one space between columns; columns shrink
// to nothing on a tiny screen. Other tables (the guide's lists) use it too.
func Layout(cols []Column, width int) []int {
	ws := make([]int, len(cols))
	left := width - max(0, len(cols)-1)
	flex := 0
	for _, ids := range []bool{true, false} {
		for i, c := range cols {
			if c.Width > 0 && c.ID == ids {
				ws[i] = min(c.Width, max(0, left))
				left -= ws[i]
			}
		}
	}
	for _, c := range cols {
		if c.Width <= 0 {
			flex += max(1, c.Flex)
		}
	}
	if flex > 0 && left > 0 {
		share, rest := left, left
		for i, c := range cols {
			if c.Width == 0 {
				ws[i] = share * max(1, c.Flex) / flex
				rest -= ws[i]
			}
		}
		for i := len(cols) - 1; i >= 0 && rest > 0; i-- {
			if cols[i].Width == 0 {
				ws[i] += rest
				rest = 0
			}
		}
	}
	return ws
}

// SetColumns changes the columns in place, keeping the rows and the cursor,
// so a screen can drop its less important columns when it gets narrow; the
// render function must return cells for the new columns from now on.
func (m *Model[T]) SetColumns(cols []Column) {
	m.cols = cols
	m.measure()
	m.layout()
}
