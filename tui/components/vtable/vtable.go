// Package vtable is a table over a list too long to load: it holds one
// window of rows fetched from the store around the cursor and draws only the
// visible ones, so a key press costs the same at row 1 and at row 100,000.
package vtable

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
)

// Column is a header and a width: Width cells, or a share of what is left
// when Width is 0 (Flex, default 1).
type Column struct {
	Title string
	Width int
	Flex  int
}

// Cell is one drawn cell: untrusted Text, and a style from the theme.
type Cell struct {
	Text  string
	Style *lipgloss.Style
}

// Window is one page of rows starting at Offset, with the list's Total.
type Window[T any] struct {
	Offset int
	Items  []T
	Total  int
}

// WindowMsg delivers a window to the table whose ID it names.
type WindowMsg[T any] struct {
	ID     string
	Window Window[T]
}

// Fetcher loads limit rows from offset (and the total) off the Update loop.
type Fetcher[T any] func(offset, limit int) tea.Cmd

// WindowSize is how many rows one fetch brings; several screens' worth, so
// scrolling rarely waits.
const WindowSize = 200

// Model is the table.
type Model[T any] struct {
	ID     string
	cols   []Column
	render func(T) []Cell
	fetch  Fetcher[T]
	styles *common.Styles
	keys   common.ListKeys

	win     Window[T]
	loaded  bool
	pending int       // offset of the fetch under way, -1 when none
	sent    time.Time // when it was sent
	cursor  int
	top     int
	width   int
	height  int
	widths  []int
}

// New builds a table; it fetches its first window on Init.
func New[T any](id string, cols []Column, render func(T) []Cell, fetch Fetcher[T], styles *common.Styles) Model[T] {
	return Model[T]{ID: id, cols: cols, render: render, fetch: fetch, styles: styles, keys: common.NewListKeys(), pending: -1}
}

// Init fetches the first window.
func (m *Model[T]) Init() tea.Cmd { return m.Reload() }

// Reload fetches the window around the cursor again (after a change).
func (m *Model[T]) Reload() tea.Cmd {
	off := max(0, m.cursor-WindowSize/2)
	m.pending, m.sent = off, time.Now()
	return m.fetch(off, WindowSize)
}

// lostFetch is how long a fetch may go unanswered before another is sent:
// one that failed (the screen shows the error) never answers.
const lostFetch = 2 * time.Second

// SetSize sets the box the table draws in, header included.
func (m *Model[T]) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.widths = Layout(m.cols, m.width)
	m.scroll()
}

// Keys are the table's bindings, for help.
func (m *Model[T]) Keys() common.ListKeys { return m.keys }

// Loaded reports whether the first window has arrived.
func (m *Model[T]) Loaded() bool { return m.loaded }

// Total is the number of rows in the whole list.
func (m *Model[T]) Total() int { return m.win.Total }

// Cursor is the absolute index of the selected row.
func (m *Model[T]) Cursor() int { return m.cursor }

// Selected returns the row under the cursor, if it is loaded.
func (m *Model[T]) Selected() (T, bool) {
	var zero T
	i := m.cursor - m.win.Offset
	if !m.loaded || i < 0 || i >= len(m.win.Items) {
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

// Update moves the cursor and takes delivered windows.
func (m *Model[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case WindowMsg[T]:
		if msg.ID != m.ID {
			return nil
		}
		m.win, m.loaded, m.pending = msg.Window, true, -1
		if m.cursor >= m.win.Total {
			m.cursor = max(0, m.win.Total-1)
		}
		m.scroll()
		return m.ensure()
	case tea.KeyMsg:
		page := max(1, m.bodyHeight())
		switch {
		case key.Matches(msg, m.keys.Up):
			return m.SetCursor(m.cursor - 1)
		case key.Matches(msg, m.keys.Down):
			return m.SetCursor(m.cursor + 1)
		case key.Matches(msg, m.keys.PageUp):
			return m.SetCursor(m.cursor - page)
		case key.Matches(msg, m.keys.PageDown):
			return m.SetCursor(m.cursor + page)
		case key.Matches(msg, m.keys.Top):
			return m.SetCursor(0)
		case key.Matches(msg, m.keys.Bottom):
			return m.SetCursor(m.win.Total - 1)
		}
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
	return m.fetch(off, WindowSize)
}

func (m *Model[T]) bodyHeight() int { return max(0, m.height-1) }

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
	if !m.loaded {
		return head + "\n" + m.styles.Muted.Render(common.Fit("loading…", m.width))
	}
	if m.win.Total == 0 {
		return head + "\n" + m.styles.Muted.Render(common.Fit("nothing here yet", m.width))
	}
	end := min(m.win.Total, m.top+m.bodyHeight())
	for r := m.top; r < end; r++ {
		lines = append(lines, m.row(r))
	}
	return strings.Join(lines, "\n")
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

// Layout splits width among columns: fixed ones first, then flex shares,
// one space between columns; columns shrink to nothing on a tiny screen.
// Other tables (the guide's lists) use it too.
func Layout(cols []Column, width int) []int {
	ws := make([]int, len(cols))
	left := width - max(0, len(cols)-1)
	flex := 0
	for i, c := range cols {
		if c.Width > 0 {
			ws[i] = min(c.Width, max(0, left))
			left -= ws[i]
		} else {
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
	m.widths = Layout(m.cols, m.width)
}
