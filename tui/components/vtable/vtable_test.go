package vtable

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
)

// rows serves windows of a list of n rows, counting the fetches, as the
// store would page them.
type rows struct {
	n       int
	fetches int
}

func (r *rows) fetch(offset, limit int) tea.Cmd {
	r.fetches++
	items := make([]int, 0, limit)
	for i := offset; i < min(r.n, offset+limit); i++ {
		items = append(items, i)
	}
	return func() tea.Msg {
		return WindowMsg[int]{ID: "t", Window: Window[int]{Offset: offset, Items: items, Total: r.n}}
	}
}

func newTable(r *rows) *Model[int] {
	st := common.NewStyles()
	m := New("t", []Column{{Title: "#", Width: 8}, {Title: "名称", Flex: 1}},
		func(i int) []Cell { return []Cell{{Text: fmt.Sprint(i)}, {Text: fmt.Sprintf("第%d行", i)}} }, r.fetch, &st)
	m.SetSize(40, 11)
	return &m
}

// feed runs a command's messages back into the table, like the program loop.
func feed(m *Model[int], cmd tea.Cmd) {
	for _, msg := range tuitest.Run(cmd) {
		feed(m, m.Update(msg))
	}
}

func TestScrollsAHundredThousandRowsLoadingOnlyWindows(t *testing.T) {
	r := &rows{n: 100_000}
	m := newTable(r)
	feed(m, m.Init())
	if got, ok := m.Selected(); !ok || got != 0 {
		t.Fatalf("first row: %v %v", got, ok)
	}
	feed(m, m.Update(tuitest.Key("end")))
	if got, ok := m.Selected(); !ok || got != 99_999 {
		t.Fatalf("end should select the last row, got %v %v", got, ok)
	}
	if !strings.Contains(m.View(), "第99999行") {
		t.Fatalf("the last row is not drawn:\n%s", m.View())
	}
	for range 30 {
		feed(m, m.Update(tuitest.Key("pgup")))
	}
	if got, _ := m.Selected(); got != 99_999-30*10 {
		t.Fatalf("30 pages up from the end: row %d", got)
	}
	if r.fetches > 4 {
		t.Fatalf("%d fetches for a jump and 300 rows of scrolling; windows should serve them", r.fetches)
	}
	feed(m, m.Update(tuitest.Key("home")))
	if got, _ := m.Selected(); got != 0 {
		t.Fatalf("home: row %d", got)
	}
	tuitest.CheckFits(t, m.View(), 40, 11)
}

func TestEmptyAndTinyTables(t *testing.T) {
	r := &rows{n: 0}
	m := newTable(r)
	feed(m, m.Init())
	if !strings.Contains(m.View(), "nothing here yet") {
		t.Fatalf("an empty list should say so:\n%s", m.View())
	}
	feed(m, m.Update(tuitest.Key("down")))
	if _, ok := m.Selected(); ok {
		t.Fatal("nothing to select in an empty list")
	}
	r.n = 5
	feed(m, m.Reload())
	for _, sz := range [][2]int{{1, 1}, {3, 2}, {0, 0}, {200, 3}} {
		m.SetSize(sz[0], sz[1])
		tuitest.CheckFits(t, m.View(), sz[0], sz[1])
	}
}

// A window that arrives for a list the screen has since replaced is ignored.
func TestIgnoresOtherTablesWindows(t *testing.T) {
	m := newTable(&rows{n: 3})
	feed(m, m.Init())
	m.Update(WindowMsg[int]{ID: "other", Window: Window[int]{Items: []int{7}, Total: 1}})
	if m.Total() != 3 {
		t.Fatalf("took another table's window: total %d", m.Total())
	}
}

func TestLayoutGivesFlexColumnsTheRest(t *testing.T) {
	ws := Layout([]Column{{Width: 10}, {Flex: 2}, {Flex: 1}}, 45)
	if ws[0] != 10 || ws[1]+ws[2] != 33 || ws[1] < ws[2] {
		t.Fatalf("widths %v", ws)
	}
	if ws := Layout([]Column{{Width: 10}, {Flex: 1}}, 5); ws[0] > 5 || ws[1] != 0 {
		t.Fatalf("tiny widths %v", ws)
	}
}

// TestOneFetchAtATime: keys typed faster than windows arrive start one
// fetch, not one per page; the window that lands fetches the next for
// wherever the cursor is by then, and the rows there show.
func TestOneFetchAtATime(t *testing.T) {
	r := &rows{n: 100_000}
	m := newTable(r)
	feed(m, m.Init())
	var cmds []tea.Cmd
	for range 500 { // 5,000 rows down before any window lands
		if cmd := m.Update(tuitest.Key("pgdown")); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	if len(cmds) != 1 || r.fetches != 2 {
		t.Fatalf("%d fetches started for 500 pages (%d in all); want one in flight", len(cmds), r.fetches)
	}
	feed(m, cmds[0])
	if got, ok := m.Selected(); !ok || got != 5000 {
		t.Fatalf("after the windows landed the cursor row is %d (loaded %v), want 5000", got, ok)
	}
	if r.fetches != 3 || !strings.Contains(m.View(), "第5000行") {
		t.Fatalf("%d fetches; the row under the cursor is not drawn:\n%s", r.fetches, m.View())
	}
}
