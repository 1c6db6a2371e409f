package vtable

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow/i18n"
)

// rows serves windows of a list of n rows, counting the fetches, as the
// store would page them; a filter keeps the rows whose number contains it.
type rows struct {
	n       int
	fetches int
	queries []Query
}

func (r *rows) fetch(q Query) tea.Cmd {
	r.fetches++
	r.queries = append(r.queries, q)
	var match []int
	if q.Filter == "" {
		match = nil
	} else {
		for i := range r.n {
			if strings.Contains(fmt.Sprint(i), q.Filter) {
				match = append(match, i)
			}
		}
	}
	total := r.n
	if q.Filter != "" {
		total = len(match)
	}
	items := make([]int, 0, q.Limit)
	for i := q.Offset; i < min(total, q.Offset+q.Limit); i++ {
		if q.Filter != "" {
			items = append(items, match[i])
		} else {
			items = append(items, i)
		}
	}
	return func() tea.Msg {
		return WindowMsg[int]{ID: "t", Window: Window[int]{Offset: q.Offset, Items: items, Total: total, Filter: q.Filter}}
	}
}

// newTable is 40×12: a header, ten rows and the footer.
func newTable(r *rows) *Model[int] {
	ctx := &common.Context{Styles: common.NewStyles()}
	m := New("t", []Column{{Title: "#", Width: 8}, {Title: "名称", Flex: 1}},
		func(i int) []Cell { return []Cell{{Text: fmt.Sprint(i)}, {Text: fmt.Sprintf("第%d行", i)}} }, r.fetch, ctx)
	m.SetSize(40, 12)
	return &m
}

// filtering enables the filter (with placeholder), loads the table and
// presses / to focus the filter.
func filtering(m *Model[int], placeholder string) {
	m.EnableFilter(placeholder)
	feed(m, m.Init())
	feed(m, m.Update(tuitest.Key("/")))
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
	tuitest.CheckFits(t, m.View(), 40, 12)
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

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// The footer says where the cursor is in how many rows.
func TestFooterShowsPositionAndCount(t *testing.T) {
	m := newTable(&rows{n: 1418})
	feed(m, m.Init())
	for range 11 {
		feed(m, m.Update(tuitest.Key("down")))
	}
	if got := lastLine(m.View()); !strings.HasSuffix(strings.TrimRight(got, " "), "12/1,418") {
		t.Fatalf("footer %q, want it to end in 12/1,418", got)
	}
	tuitest.CheckFits(t, m.View(), 40, 12)
}

// TestFilterNarrowsAsTypedAndEscClears: / focuses the filter, each key
// typed refetches the rows that match (the count follows), a filter that
// matches nothing says what was filtered, and esc brings every row back.
func TestFilterNarrowsAsTypedAndEscClears(t *testing.T) {
	r := &rows{n: 1418}
	m := newTable(r)
	filtering(m, "编号")
	if !m.Filtering() {
		t.Fatal("/ should focus the filter")
	}
	feed(m, m.Update(tuitest.Key("1")))
	feed(m, m.Update(tuitest.Key("4")))
	feed(m, m.Update(tuitest.Key("1")))
	if q := r.queries[len(r.queries)-1]; q.Filter != "141" || q.Offset != 0 {
		t.Fatalf("last query %+v, want the first window of filter 141", q)
	}
	// 141, 1141 and 1410…1417: ten rows.
	if m.Total() != 10 {
		t.Fatalf("141 matches %d rows, want 10", m.Total())
	}
	view := m.View()
	if !strings.Contains(view, "第1415行") || strings.Contains(view, "第0行") || !strings.Contains(lastLine(view), "1/10") {
		t.Fatalf("filtered on 141:\n%s", view)
	}
	if got, ok := m.Selected(); !ok || got != 141 {
		t.Fatalf("the cursor should be on the first match, got %v %v", got, ok)
	}
	feed(m, m.Update(tuitest.Key("x")))
	if view := m.View(); !strings.Contains(view, "no row matches “141x”") || !strings.Contains(lastLine(view), "0/0") {
		t.Fatalf("an empty result should say what was filtered:\n%s", view)
	}
	feed(m, m.Update(tuitest.Key("esc")))
	if m.Filtering() || m.Filter() != "" || m.Total() != 1418 || !strings.Contains(m.View(), "第0行") {
		t.Fatalf("esc should clear the filter (filtering %v, filter %q, total %d):\n%s", m.Filtering(), m.Filter(), m.Total(), m.View())
	}
	tuitest.CheckFits(t, m.View(), 40, 12)
}

// Enter leaves the filter keeping it; the list keys work again, and the
// footer names the filter.
func TestFilterEnterKeepsIt(t *testing.T) {
	m := newTable(&rows{n: 1418})
	filtering(m, "")
	feed(m, m.Update(tuitest.Key("99")))
	feed(m, m.Update(tuitest.Key("enter")))
	feed(m, m.Update(tuitest.Key("j")))
	if m.Filtering() || m.Filter() != "99" {
		t.Fatalf("enter should keep the filter: filtering %v filter %q", m.Filtering(), m.Filter())
	}
	if got, _ := m.Selected(); got != 199 {
		t.Fatalf("j after the filter: row %d, want 199 (99, 199, …)", got)
	}
	if foot := lastLine(m.View()); !strings.Contains(foot, "filter: 99") || !strings.Contains(foot, "2/") {
		t.Fatalf("footer %q", foot)
	}
}

// A window of a filter typed past is dropped, and until the new one lands
// nothing is selected (enter must not open a row of the old list).
func TestLateWindowOfAnOldFilterIsDropped(t *testing.T) {
	r := &rows{n: 100}
	m := newTable(r)
	m.EnableFilter("")
	feed(m, m.Init())
	m.Update(tuitest.Key("/"))
	first := m.Update(tuitest.Key("5"))
	second := m.Update(tuitest.Key("5"))
	if _, ok := m.Selected(); ok {
		t.Fatal("a row of the unfiltered list is selectable while the filter's rows are on their way")
	}
	feed(m, second)
	feed(m, first)
	if m.Filter() != "55" || m.Total() != 1 {
		t.Fatalf("the late window of filter 5 replaced 55's: total %d", m.Total())
	}
}

// TestIDColumnsAreNeverCut: an id column grows to the widest id loaded
// and the other columns give way, at any width that can hold it.
func TestIDColumnsAreNeverCut(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	ids := []int64{7, 1970000, 19700001234}
	fetch := func(q Query) tea.Cmd {
		return func() tea.Msg { return WindowMsg[int64]{ID: "t", Window: Window[int64]{Items: ids, Total: len(ids)}} }
	}
	m := New("t", []Column{{Title: "ID", Width: 4, ID: true}, {Title: "名称", Flex: 1}, {Title: "提交人", Width: 10}},
		func(i int64) []Cell {
			return []Cell{{Text: fmt.Sprint(i)}, {Text: "车牌识别插件车牌识别插件"}, {Text: "dev1"}}
		}, fetch, ctx)
	for _, w := range []int{80, 40, 20} {
		m.SetSize(w, 8)
		for _, msg := range tuitest.Run(m.Init()) {
			m.Update(msg)
		}
		view := m.View()
		for _, id := range ids {
			if !strings.Contains(view, fmt.Sprint(id)+" ") {
				t.Errorf("at %d columns id %d is cut:\n%s", w, id, view)
			}
		}
		tuitest.CheckFits(t, view, w, 8)
	}
}

// A click selects the row under it (Y counts from the header), a click
// past the rows or on the header does nothing, and the wheel scrolls.
func TestClickSelectsRowAndWheelScrolls(t *testing.T) {
	m := newTable(&rows{n: 100})
	feed(m, m.Init())
	feed(m, m.Update(tuitest.Key("pgdown")))
	feed(m, m.Update(tuitest.Key("pgdown"))) // row 20, the top row 11
	top := 11
	click := func(y int) tea.MouseMsg {
		return tea.MouseMsg{X: 5, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
	}
	feed(m, m.Update(click(3)))
	if got, _ := m.Selected(); got != top+2 {
		t.Fatalf("a click on line 3 selected row %d, want %d:\n%s", got, top+2, m.View())
	}
	for _, y := range []int{0, 11, 40} { // the header, the footer, below the table
		feed(m, m.Update(click(y)))
		if got, _ := m.Selected(); got != top+2 {
			t.Fatalf("a click on line %d moved the cursor to %d", y, got)
		}
	}
	feed(m, m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown}))
	if got, _ := m.Selected(); got != top+3 {
		t.Fatalf("the wheel down: row %d", got)
	}
	feed(m, m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelUp}))
	if got, _ := m.Selected(); got != top+2 {
		t.Fatalf("the wheel up: row %d", got)
	}
}

// A short list in a small box (发布管理's table of two rows) keeps its rows:
// the footer shows only once the box has room to spare or the rows do not
// all fit; HideFooter leaves it out for a screen that counts itself.
func TestFooterGivesWayInASmallBox(t *testing.T) {
	m := newTable(&rows{n: 2})
	feed(m, m.Init())
	m.SetSize(40, 3)
	if view := m.View(); !strings.Contains(view, "第0行") || !strings.Contains(view, "第1行") {
		t.Fatalf("both rows should show in a 3-line box:\n%s", view)
	}
	m.SetSize(40, 5)
	if foot := lastLine(m.View()); !strings.Contains(foot, "1/2") {
		t.Fatalf("a 5-line box has room for the footer, got %q", foot)
	}
	m.HideFooter()
	if strings.Contains(m.View(), "1/2") {
		t.Fatalf("HideFooter should leave it out:\n%s", m.View())
	}
	tuitest.CheckFits(t, m.View(), 40, 5)
}

// A long filter, Chinese and all, never draws past the table's box.
func TestLongFilterFits(t *testing.T) {
	m := newTable(&rows{n: 1418})
	filtering(m, "编号或名称")
	feed(m, m.Update(tuitest.Key(strings.Repeat("车牌识别", 20))))
	for _, sz := range [][2]int{{40, 12}, {20, 4}, {5, 3}, {1, 1}} {
		m.SetSize(sz[0], sz[1])
		tuitest.CheckFits(t, m.View(), sz[0], sz[1])
	}
	feed(m, m.Update(tuitest.Key("enter")))
	m.SetSize(20, 4)
	tuitest.CheckFits(t, m.View(), 20, 4)
}

// TestSpeaksTheSessionsLanguage: a table of a Chinese session says its own
// lines (the empty list, a filter that matches nothing, the filter kept,
// loading) in Chinese, and an English one in English.
func TestSpeaksTheSessionsLanguage(t *testing.T) {
	for _, c := range []struct {
		lang                          i18n.Lang
		loading, empty, none, applied string
	}{
		{i18n.Chinese, "加载中…", "暂无内容", "没有与“99x”匹配的行 — 按 / 再按 esc 清除筛选", "筛选：99x"},
		{i18n.English, "loading…", "nothing here yet", "no row matches “99x” — / then esc clears it", "filter: 99x"},
	} {
		r := &rows{n: 0}
		ctx := &common.Context{Styles: common.NewStyles(), Printer: i18n.Printer(c.lang)}
		m := New("t", []Column{{Title: "#", Width: 8}, {Title: "名称", Flex: 1}},
			func(i int) []Cell { return []Cell{{Text: fmt.Sprint(i)}, {Text: fmt.Sprintf("第%d行", i)}} }, r.fetch, ctx)
		m.SetSize(60, 12)
		m.EnableFilter("编号")
		if v := m.View(); !strings.Contains(v, c.loading) {
			t.Errorf("%s: before the first window %q:\n%s", c.lang, c.loading, v)
		}
		feed(&m, m.Init())
		if v := m.View(); !strings.Contains(v, c.empty) {
			t.Errorf("%s: an empty list says %q:\n%s", c.lang, c.empty, v)
		}
		r.n = 1418
		feed(&m, m.Reload())
		for _, k := range []string{"/", "9", "9", "x", "enter"} {
			feed(&m, m.Update(tuitest.Key(k)))
		}
		if v := m.View(); !strings.Contains(v, c.none) || !strings.Contains(lastLine(v), c.applied) {
			t.Errorf("%s: a filter that matches nothing says %q and %q:\n%s", c.lang, c.none, c.applied, v)
		}
	}
}
