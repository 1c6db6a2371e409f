package guide

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
)

// listView is a table over one list of the guide, top-level or nested: a
// cursor, the rows that fit, and the one delete that can be undone. It
// draws only the rows in view, so a key costs the same for 2 entries or 500.
type listView struct {
	c      coll
	notes  *noteIndex // the reviewer's notes, nil for none
	cursor int
	top    int
	rows   int // rows shown by the last view, for paging
	undo   *removed
	note   string // what the last action did, shown under the table
}

// removed is the last deleted entry, kept for u.
type removed struct {
	at    int
	entry any
	name  string
}

func newList(c coll) *listView { return &listView{c: c, rows: 1} }

// listAction is what a key asked of the list's owner.
type listAction int

const (
	listIgnored listAction = iota // not a list key
	listMoved                     // the cursor moved; the draft did not change
	listEdited                    // the draft changed
	listAdded                     // a new entry is under the cursor: open it
	listOpen                      // open the entry under the cursor
)

// keys are k with each list binding enabled only where it would act.
func (l *listView) keys(k Keys) Keys {
	n := l.c.len()
	k.Edit = common.Enable(k.Edit, n > 0)
	k.Duplicate = common.Enable(k.Duplicate, n > 0)
	k.Delete = common.Enable(k.Delete, n > 0)
	k.Undo = common.Enable(k.Undo, l.undo != nil)
	k.MoveUp = common.Enable(k.MoveUp, l.cursor > 0)
	k.MoveDown = common.Enable(k.MoveDown, l.cursor < n-1)
	return k
}

func (l *listView) help(k Keys) []key.Binding {
	k = l.keys(k)
	return []key.Binding{k.Add, k.Edit, k.Duplicate, k.Delete, k.Undo, k.MoveUp, k.MoveDown}
}

// clamp keeps the cursor on an entry after the list changed underneath.
func (l *listView) clamp() {
	l.cursor = max(0, min(l.cursor, l.c.len()-1))
}

func (l *listView) update(msg tea.KeyMsg, keys Keys) listAction {
	k := l.keys(keys)
	n := l.c.len()
	page := max(1, l.rows)
	moveTo := func(i int) listAction {
		l.cursor = max(0, min(i, n-1))
		return listMoved
	}
	switch {
	case key.Matches(msg, k.Add):
		l.cursor = l.c.add()
		l.note = ""
		return listAdded
	case key.Matches(msg, k.Edit):
		return listOpen
	case key.Matches(msg, k.Duplicate):
		l.cursor = l.c.duplicate(l.cursor)
		l.note = "已复制为 " + quote(l.c.text(l.cursor, "name"))
		return listEdited
	case key.Matches(msg, k.Delete):
		name := l.c.text(l.cursor, "name")
		l.undo = &removed{at: l.cursor, entry: l.c.remove(l.cursor), name: name}
		l.clamp()
		l.note = "已删除" + l.c.meta().noun + " " + quote(name) + " · u 撤销"
		return listEdited
	case key.Matches(msg, k.Undo):
		l.cursor = l.c.restore(l.undo.at, l.undo.entry)
		l.note = "已恢复 " + quote(l.undo.name)
		l.undo = nil
		return listEdited
	case key.Matches(msg, k.MoveUp):
		l.c.swap(l.cursor, l.cursor-1)
		l.cursor--
		l.note = ""
		return listEdited
	case key.Matches(msg, k.MoveDown):
		l.c.swap(l.cursor, l.cursor+1)
		l.cursor++
		l.note = ""
		return listEdited
	case key.Matches(msg, k.List.Up):
		return moveTo(l.cursor - 1)
	case key.Matches(msg, k.List.Down):
		return moveTo(l.cursor + 1)
	case key.Matches(msg, k.List.PageUp):
		return moveTo(l.cursor - page)
	case key.Matches(msg, k.List.PageDown):
		return moveTo(l.cursor + page)
	case key.Matches(msg, k.List.Top):
		return moveTo(0)
	case key.Matches(msg, k.List.Bottom):
		return moveTo(n - 1)
	}
	return listIgnored
}

func quote(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(未命名)"
	}
	return "“" + s + "”"
}

// view draws the header and at most rows entries, each line exactly w
// cells: the summary columns, a ✗ for an entry with problems and its first
// problem. The cursor row is highlighted when the list has focus.
func (l *listView) view(ctx *common.Context, x *probIndex, w, rows int, focused bool) []string {
	st := &ctx.Styles
	if w <= 0 {
		return nil
	}
	l.rows = max(1, rows)
	n := l.c.len()
	l.clamp()
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+l.rows {
		l.top = l.cursor - l.rows + 1
	}
	l.top = max(0, min(l.top, n-l.rows))

	cols := l.c.meta().cols
	if w < 60 {
		cols = cols[:1] // narrow: the name, and what is wrong with it
	}
	all := append(append([]vtable.Column(nil), cols...), vtable.Column{Width: 1}, vtable.Column{Title: "问题", Flex: 3})
	widths := vtable.Layout(all, w)
	// Each cell is cut to its width, so a row is exactly w cells wide and
	// needs measuring again only when the columns could not all fit.
	total := len(all) - 1
	for _, cw := range widths {
		total += cw
	}
	whole := func(s string) string {
		if total == w {
			return s
		}
		return common.Fit(s, w)
	}
	var b strings.Builder
	for i, c := range all {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(common.Fit(c.Title, widths[i]))
	}
	header := whole(b.String())
	if more := l.more(ctx, n); more != "" && ansi.StringWidth(more)+8 <= w {
		// Not every row fits: where the cursor is, and what is below.
		base := strings.TrimRight(b.String(), " ")
		if gap := w - ansi.StringWidth(base) - ansi.StringWidth(more); gap >= 0 {
			header = base + strings.Repeat(" ", gap) + more
		} else {
			header = common.Fit(base, w-ansi.StringWidth(more)) + more
		}
	}
	lines := []string{st.Header.Render(header)}
	if n == 0 {
		return append(lines, st.Muted.Render(common.Fit("还没有"+l.c.meta().noun+" · 按 a 添加", w)))
	}
	for r := l.top; r < min(n, l.top+l.rows); r++ {
		cells := l.c.cells(r)
		msg := x.first[l.c.entryPath(r)]
		sel := focused && r == l.cursor
		b.Reset()
		for i := range cols {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(common.Cell(cells[i], widths[i]))
		}
		mark := ""
		noted := false
		if msg != "" {
			mark = "✗"
		} else if l.notes != nil {
			if t, ok := l.notes.under[l.c.entryPath(r)]; ok {
				mark, msg, noted = "✎", "审核批注: "+t, true
			}
		}
		tail := " " + common.Fit(mark, widths[len(cols)]) + " " + common.Cell(msg, widths[len(cols)+1])
		var line string
		switch {
		case sel:
			line = st.Selected.Render(whole(b.String() + tail))
		case noted:
			line = whole(b.String() + st.Warn.Render(tail))
		case msg != "":
			line = whole(b.String() + st.Error.Render(tail))
		default:
			line = whole(b.String() + tail)
		}
		lines = append(lines, line)
	}
	return lines
}

// more says, when not every one of the n rows is shown, which row the
// cursor is on and how many are below the last shown: " 3/15 ↓ 9 more".
func (l *listView) more(ctx *common.Context, n int) string {
	if n <= l.rows {
		return ""
	}
	s := " " + strconv.Itoa(l.cursor+1) + "/" + strconv.Itoa(n)
	if below := n - (l.top + l.rows); below > 0 {
		s += " ↓ " + ctx.T("%d more", below)
	}
	return s
}

// summary is one line under a table: what the last action did, or how
// many entries have problems.
func (l *listView) summary(x *probIndex) (text string, bad bool) {
	if l.note != "" {
		return l.note, false
	}
	p := l.c.path()
	if m := x.fieldMsg(p); m != "" {
		return "✗ " + m, true
	}
	if n := x.bad[p]; n > 0 {
		return "✗ " + strconv.Itoa(n) + " 个" + l.c.meta().noun + "有问题", true
	}
	return "", false
}
