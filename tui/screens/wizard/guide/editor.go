package guide

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/render"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// editor edits one entry: its fields, then its nested lists, each of
// which opens an editor of the same kind (sub) on one of its rows. Focus
// moves over fields and lists with tab; esc closes the innermost editor.
type editor struct {
	s      *Step
	c      coll
	i      int
	crumb  string // where the entry lives, before its own name
	fields []*fieldState
	kids   []*listView
	focus  int // fields first, then kids
	sub    *editor
	scroll int // first body line shown

	width, height int
}

type fieldState struct {
	f     field
	input common.TextInput
	area  common.TextArea
}

// labelWidth fits the widest label, 默认值.
const labelWidth = 6

func newEditor(s *Step, c coll, i int, crumb string) *editor {
	e := &editor{s: s, c: c, i: i, crumb: crumb}
	m := c.meta()
	for _, f := range m.fields {
		fs := &fieldState{f: f}
		// Text reaches an input sanitised, so a hostile name cannot drive
		// the terminal while it is edited; it is written back only if the
		// person changes it.
		path := c.entryPath(i) + "." + f.key
		switch f.kind {
		case lineField:
			fs.input = common.NewTextInput()
			fs.input.Prompt = ""
			fs.input.Cursor.SetMode(cursor.CursorStatic)
			v := workflow.SanitizeLine(c.text(i, f.key))
			fs.input.CharLimit = step.CharLimit(path, false, v)
			fs.input.SetValue(v)
		case textField:
			fs.area = newArea()
			v := workflow.Sanitize(c.text(i, f.key))
			fs.area.CharLimit = step.CharLimit(path, true, v)
			fs.area.SetValue(v)
		}
		e.fields = append(e.fields, fs)
	}
	for _, k := range m.kids {
		e.kids = append(e.kids, newList(c.child(i, k.key)))
	}
	e.setFocus(0)
	e.setSize(s.width, s.bodyHeight())
	return e
}

// newArea is a textarea for long text. Its only limit is the field's
// (step.CharLimit), which never cuts a text loaded from the draft;
// workflow's rules are shown as errors that name the field.
func newArea() common.TextArea {
	ta := common.NewTextArea()
	ta.ShowLineNumbers = false
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Prompt = "│ "
	focused, blurred := textarea.DefaultStyles()
	focused.CursorLine = lipgloss.NewStyle()
	ta.FocusedStyle, ta.BlurredStyle = focused, blurred
	// A steady cursor: blinking costs a redraw twice a second for nothing.
	ta.Cursor.SetMode(cursor.CursorStatic)
	return ta
}

func (e *editor) items() int { return len(e.fields) + len(e.kids) }

// focused returns the focused field, or the focused nested list.
func (e *editor) focused() (*fieldState, *listView) {
	if e.focus < len(e.fields) {
		return e.fields[e.focus], nil
	}
	return nil, e.kids[e.focus-len(e.fields)]
}

func (e *editor) setFocus(n int) {
	if fs, _ := e.focused(); fs != nil {
		fs.input.Blur()
		fs.area.Blur()
	}
	e.focus = (n + e.items()) % e.items()
	if fs, _ := e.focused(); fs != nil {
		switch fs.f.kind {
		case lineField:
			fs.input.Focus()
			fs.input.CursorEnd()
		case textField:
			fs.area.Focus()
		}
	}
}

// typing reports whether the focused item takes text.
func (e *editor) typing() bool {
	fs, _ := e.focused()
	return fs != nil && (fs.f.kind == lineField || fs.f.kind == textField)
}

// innermost is the editor that has the keys.
func (e *editor) innermost() *editor {
	for e.sub != nil {
		e = e.sub
	}
	return e
}

// name is the entry's name as the breadcrumb shows it.
func (e *editor) name() string {
	if n := e.c.text(e.i, "name"); strings.TrimSpace(n) != "" {
		return n
	}
	return "(未命名)"
}

func (e *editor) path() string { return e.c.entryPath(e.i) }

func (e *editor) openSub(k int) {
	l := e.kids[k]
	e.sub = newEditor(e.s, l.c, l.cursor, e.crumb+e.c.meta().noun+" "+e.name()+" › ")
	e.sub.setSize(e.width, e.height)
}

// update handles a message for this editor or the one open inside it. It
// reports whether the draft changed and whether this editor closed.
func (e *editor) update(msg tea.Msg) (changed, closed bool, cmd tea.Cmd) {
	if e.sub != nil {
		changed, closed, cmd = e.sub.update(msg)
		if closed {
			e.sub = nil
		}
		return changed, false, cmd
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		changed, cmd = e.forward(msg)
		return changed, false, cmd
	}
	keys := &e.s.keys
	switch {
	case key.Matches(k, keys.Close):
		return false, true, nil
	case key.Matches(k, keys.NextField):
		e.setFocus(e.focus + 1)
		return false, false, nil
	case key.Matches(k, keys.PrevField):
		e.setFocus(e.focus - 1)
		return false, false, nil
	}
	fs, l := e.focused()
	if l != nil {
		switch l.update(k, *keys) {
		case listEdited:
			return true, false, nil
		case listAdded:
			e.openSub(e.focus - len(e.fields))
			return true, false, nil
		case listOpen:
			e.openSub(e.focus - len(e.fields))
		}
		return false, false, nil
	}
	switch fs.f.kind {
	case lineField:
		switch k.Type {
		case tea.KeyUp:
			e.setFocus(e.focus - 1)
			return false, false, nil
		case tea.KeyDown, tea.KeyEnter:
			e.setFocus(e.focus + 1)
			return false, false, nil
		}
	case textField:
		// Keys are text here (enter is a new line); tab leaves.
	case typeField:
		switch {
		case key.Matches(k, keys.TypeNext):
			return e.cycle(fs, 1), false, nil
		case key.Matches(k, keys.TypePrev):
			return e.cycle(fs, -1), false, nil
		}
		return false, false, e.moveOn(k)
	case boolField:
		if key.Matches(k, keys.Toggle) || k.Type == tea.KeyLeft || k.Type == tea.KeyRight {
			e.c.setFlag(e.i, !e.c.flag(e.i))
			return true, false, nil
		}
		return false, false, e.moveOn(k)
	}
	changed, cmd = e.forward(k)
	return changed, false, cmd
}

// moveOn moves focus on arrows and enter in a field that types nothing.
func (e *editor) moveOn(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyUp:
		e.setFocus(e.focus - 1)
	case tea.KeyDown, tea.KeyEnter:
		e.setFocus(e.focus + 1)
	}
	return nil
}

// forward gives msg to the focused text field and writes what it changed
// into the draft.
func (e *editor) forward(msg tea.Msg) (bool, tea.Cmd) {
	fs, _ := e.focused()
	if fs == nil {
		return false, nil
	}
	var cmd tea.Cmd
	var before, after string
	switch fs.f.kind {
	case lineField:
		before = fs.input.Value()
		cmd = fs.input.Update(msg)
		after = fs.input.Value()
	case textField:
		before = fs.area.Value()
		cmd = fs.area.Update(msg)
		after = fs.area.Value()
	default:
		return false, nil
	}
	if after == before {
		return false, cmd
	}
	e.c.setText(e.i, fs.f.key, after)
	return true, cmd
}

// cycle steps the type through the allowed types only. A type the list
// does not allow (loaded from a draft) is left for the first or last
// allowed one, and is never offered again.
func (e *editor) cycle(fs *fieldState, d int) bool {
	types := fs.f.types
	j := slices.Index(types, e.c.text(e.i, fs.f.key))
	next := types[0]
	switch {
	case j >= 0:
		next = types[(j+d+len(types))%len(types)]
	case d < 0:
		next = types[len(types)-1]
	}
	e.c.setText(e.i, fs.f.key, next)
	return true
}

// focusPath puts focus on what the rest of a problem path names: a field,
// a nested list, or a row of it and one of the row's fields.
func (e *editor) focusPath(segs []seg) {
	if len(segs) == 0 {
		return
	}
	m := e.c.meta()
	if f := m.field(segs[0].key); f >= 0 {
		e.setFocus(f)
		return
	}
	k := m.kid(segs[0].key)
	if k < 0 {
		return
	}
	e.setFocus(len(e.fields) + k)
	l := e.kids[k]
	if i := segs[0].idx; i >= 0 && i < l.c.len() {
		l.cursor = i
		e.openSub(k)
		e.sub.focusPath(segs[1:])
	}
}

func (e *editor) setSize(w, h int) {
	e.width, e.height = w, h
	inner := max(1, w-2-labelWidth-1)
	areaH := 3
	if h < 14 {
		areaH = 1
	}
	for _, fs := range e.fields {
		switch fs.f.kind {
		case lineField:
			fs.input.Width = max(1, inner-1) // the cursor takes a cell past the text
		case textField:
			fs.area.SetWidth(inner)
			fs.area.SetHeight(areaH)
		}
	}
	if e.sub != nil {
		e.sub.setSize(w, h)
	}
}

// fieldErr is what is wrong with one field: its own validator's message
// as typed, else what Problems says about it (a duplicate name, a limit).
func (e *editor) fieldErr(fs *fieldState, x *probIndex) string {
	if err := e.c.check(e.i, fs.f.key); err != nil {
		return e.s.ctx.Err(err)
	}
	return x.fieldMsg(e.path() + "." + fs.f.key)
}

// view draws the innermost open editor in w×h: the breadcrumb and the
// entry's problem count stay on top, the fields and lists scroll under
// them to keep the focused one in sight.
func (e *editor) view(x *probIndex, w, h int) string {
	if e.sub != nil {
		return e.sub.view(x, w, h)
	}
	if w <= 0 || h <= 0 {
		return ""
	}
	st := &e.s.ctx.Styles
	// On a short screen the focused field matters more than the summary,
	// and on a tiny one more than where it is.
	var head []string
	if h >= 2 {
		head = append(head, st.Bold.Render(common.Cell(e.crumb+e.c.meta().noun+" "+e.name(), w)))
	}
	if h >= 6 {
		if n := x.count[e.path()]; n > 0 {
			head = append(head, st.Error.Render(common.Cell("✗ "+strconv.Itoa(n)+" 个问题: "+x.first[e.path()], w)))
		} else if t, ok := e.s.notes.under[e.path()]; ok {
			head = append(head, st.Warn.Render(common.Cell("✎ 审核批注: "+t, w)))
		} else {
			head = append(head, st.Good.Render(common.Fit("✓ 没有问题", w)))
		}
	}
	bodyH := h - len(head)

	var body []string
	var start, end int // the focused item's lines
	indent := strings.Repeat(" ", 2+labelWidth+1)
	for n, fs := range e.fields {
		first := len(body)
		mark := "  "
		if n == e.focus {
			mark = "› "
		}
		label := mark + st.Label.Render(common.Fit(fs.f.label, labelWidth)) + " "
		switch fs.f.kind {
		case lineField:
			body = append(body, label+fs.input.View())
		case textField:
			for j, l := range strings.Split(fs.area.View(), "\n") {
				if j == 0 {
					body = append(body, label+l)
				} else {
					body = append(body, indent+l)
				}
			}
		case typeField:
			body = append(body, label+e.picker(fs, w-len(indent), n == e.focus))
		case boolField:
			box := "[ ] 否"
			if e.c.flag(e.i) {
				box = "[x] 是"
			}
			if n == e.focus {
				box = st.Selected.Render(box)
			}
			body = append(body, label+box)
		}
		if msg := e.fieldErr(fs, x); msg != "" {
			body = append(body, errLines(st, msg, indent, w)...)
		}
		if t, ok := e.s.notes.at[e.path()+"."+fs.f.key]; ok {
			body = append(body, indent+st.Warn.Render(common.Cell("✎ 审核批注: "+t, max(0, w-len(indent)))))
		}
		if n == e.focus {
			start, end = first, len(body)
		}
	}
	if len(e.kids) > 0 {
		// The nested lists share what the fields leave (less a title and
		// a header line each): a short list takes what it needs and gives
		// the rest to the others.
		needs := make([]int, len(e.kids))
		for k, l := range e.kids {
			needs[k] = l.c.len()
		}
		shares := shareRows(bodyH-len(body)-2*len(e.kids), max(1, bodyH-3), needs)
		for k, l := range e.kids {
			rows := shares[k]
			first := len(body)
			n := len(e.fields) + k
			mark := "  "
			if n == e.focus {
				mark = "› "
			}
			title := mark + st.Bold.Render(e.c.meta().kids[k].label+" ("+strconv.Itoa(l.c.len())+")")
			if text, bad := l.summary(x); text != "" {
				s := common.Cell(text, max(0, w-ansi.StringWidth(title)-2))
				if bad {
					s = st.Error.Render(s)
				} else {
					s = st.Muted.Render(s)
				}
				title += "  " + s
			}
			body = append(body, title)
			for _, line := range l.view(e.s.ctx, x, w-2, rows, n == e.focus) {
				body = append(body, "  "+line)
			}
			if n == e.focus {
				start, end = first, len(body)
			}
		}
	}

	// Keep the focused item in view, from its top if it does not all fit.
	end = min(end, start+bodyH)
	e.scroll = min(e.scroll, start)
	e.scroll = max(e.scroll, end-bodyH)
	e.scroll = max(0, min(e.scroll, len(body)-bodyH))
	body = body[e.scroll:min(len(body), e.scroll+bodyH)]
	return common.Clip(strings.Join(append(head, body...), "\n"), w, h)
}

// shareRows splits avail table rows between lists that need needs[k]
// rows each: an equal share, what a short list leaves going to the longer
// ones. Each gets at least a few rows (the editor scrolls when they do not
// all fit) and at most most, what fits on the screen.
func shareRows(avail, most int, needs []int) []int {
	rows := make([]int, len(needs))
	for avail > 0 {
		var want []int
		for k, n := range needs {
			if rows[k] < n {
				want = append(want, k)
			}
		}
		if len(want) == 0 {
			break
		}
		share := max(1, avail/len(want))
		for _, k := range want {
			add := min(share, needs[k]-rows[k], avail)
			rows[k] += add
			avail -= add
		}
	}
	for k, n := range needs {
		rows[k] = max(1, min(max(rows[k], min(n, 3)), most))
	}
	return rows
}

// errLines is a field's error under it, wrapped to at most three lines:
// enough for workflow's longest message at 80 columns.
func errLines(st *common.Styles, msg, indent string, w int) []string {
	room := w - len(indent)
	if room < 12 {
		return []string{st.Error.Render(common.Cell("✗ "+msg, w))}
	}
	lines := strings.Split(render.Wrap("✗ "+msg, room), "\n")
	if len(lines) > 3 {
		lines = lines[:3]
		lines[2] = common.Fit(lines[2], room-1) + "…"
	}
	for i, l := range lines {
		lines[i] = indent + st.Error.Render(l)
	}
	return lines
}

// picker shows the allowed types with the current one marked; a type the
// list does not allow is shown crossed out in front, never as an option.
func (e *editor) picker(fs *fieldState, w int, focused bool) string {
	st := &e.s.ctx.Styles
	cur := e.c.text(e.i, fs.f.key)
	shown := workflow.SanitizeLine(cur)
	if ansi.StringWidth(shown) > 12 {
		shown = ansi.Truncate(shown, 12, "…")
	}
	var b strings.Builder
	if !slices.Contains(fs.f.types, cur) {
		if shown == "" {
			shown = "未选择"
		}
		b.WriteString(st.Error.Render(shown+" ✗") + "  ")
	}
	if w < len(strings.Join(fs.f.types, "  "))+4 {
		// Too narrow for every option: the current one between arrows,
		// unless it is not an option at all.
		if b.Len() > 0 {
			return b.String()
		}
		opt := "‹ " + shown + " ›"
		if focused {
			opt = st.Selected.Render(opt)
		}
		return b.String() + opt
	}
	for j, t := range fs.f.types {
		if j > 0 {
			b.WriteString("  ")
		}
		switch {
		case t == cur && focused:
			b.WriteString(st.Selected.Render("[" + t + "]"))
		case t == cur:
			b.WriteString(st.Bold.Render("[" + t + "]"))
		default:
			b.WriteString(st.Muted.Render(t))
		}
	}
	return b.String()
}

// help lists the keys of the innermost editor's focused item.
func (e *editor) help(k Keys) []key.Binding {
	e = e.innermost()
	nav := []key.Binding{k.NextField, k.PrevField, k.Close}
	fs, l := e.focused()
	if l != nil {
		return append(l.help(k), nav...)
	}
	switch fs.f.kind {
	case typeField:
		return append([]key.Binding{k.TypeNext, k.TypePrev}, nav...)
	case boolField:
		return append([]key.Binding{k.Toggle}, nav...)
	}
	return nav
}
