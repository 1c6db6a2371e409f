// Package guide is the publish wizard's ② 接入指引: tabs 组件 | 页面 | 接口 |
// 接入说明与示例代码 over the draft's integration guide. Each list has a
// table, an entry editor and, inside it, editors for the entry's nested
// lists; errors come from workflow and are shown on the entry and the field
// they belong to, as they are typed.
package guide

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// Step is ② 接入指引. It edits the wizard's draft in place and answers
// every change with step.Edited.
type Step struct {
	ctx     *common.Context
	d       *workflow.Draft
	keys    Keys
	tab     int
	lists   [3]*listView
	editor  *editor // the open entry editor of the shown list, if any
	instr   *instructions
	confirm *dialog.Confirm
	checks  checks
	imp     importer // 从插件工程导入: see import.go
	notes   noteIndex

	width, height int
}

var _ step.Step = (*Step)(nil)

// New builds the step on the wizard's draft.
func New(ctx *common.Context, d *workflow.Draft) *Step {
	s := &Step{ctx: ctx, d: d, keys: NewKeys(), imp: newImporter()}
	s.checks.d, s.checks.pr = s.draft, ctx.Printer
	for t := range s.lists {
		s.lists[t] = newList(topColl(s.draft, t))
		s.lists[t].notes = &s.notes
	}
	s.instr = newInstructions(s)
	s.Load(d)
	return s
}

// draft resolves the draft on every use, so the lists follow Load.
func (s *Step) draft() *workflow.Draft { return s.d }

// Init has nothing to start: the lists are in memory.
func (s *Step) Init() tea.Cmd { return nil }

// Load shows d afresh, on the same tab; open editors, dialogs and the
// undo of a delete belong to the draft that was replaced, so they go.
func (s *Step) Load(d *workflow.Draft) {
	s.d = d
	s.editor, s.confirm = nil, nil
	s.imp.modal, s.imp.pending = nil, nil
	for _, l := range s.lists {
		l.undo, l.note = nil, ""
		l.clamp()
	}
	s.checks.reset()
	s.instr.load(d.Guide.Instructions)
}

// SetSize gives the step its box; the tab bar takes the first line.
func (s *Step) SetSize(w, h int) {
	s.width, s.height = max(0, w), max(0, h)
	if s.editor != nil {
		s.editor.setSize(s.width, s.bodyHeight())
	}
	s.instr.resize(s.width, s.bodyHeight())
}

func (s *Step) bodyHeight() int { return max(0, s.height-1) }

// Open is true while esc belongs to the step: an editor, the text being
// written, or a dialog is open.
func (s *Step) Open() bool {
	return s.confirm != nil || s.imp.modal != nil || s.editor != nil || s.tab == tabInstructions && s.instr.editing
}

// Capturing is true while every key is the step's: a dialog is open, the
// 接入说明 text is being written, or an entry editor's text field has
// focus. On a list, a type picker or the 必填 box q and ? are the root's.
func (s *Step) Capturing() bool {
	switch {
	case s.confirm != nil || s.imp.modal != nil:
		return true
	case s.editor != nil:
		return s.editor.innermost().typing()
	}
	return s.tab == tabInstructions && s.instr.editing
}

// Update routes a message to the innermost open thing: the dialog, the
// entry editor, the instructions, then the list.
func (s *Step) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(sampleMsg); ok {
		if m.s != s {
			return nil
		}
		s.instr.set(workflow.SampleInstructions())
		return step.Edited
	}
	if cmd, ok := s.updateImport(msg); ok {
		return cmd
	}
	if s.confirm != nil {
		k, ok := msg.(tea.KeyMsg)
		if !ok {
			return nil
		}
		cmd, _ := dialog.Step(&s.confirm, k)
		return cmd
	}
	if s.editor != nil {
		changed, closed, cmd := s.editor.update(msg)
		if closed {
			s.editor = nil
			s.lists[s.tab].clamp()
		}
		return s.edited(changed, cmd)
	}
	if s.tab == tabInstructions {
		if k, ok := msg.(tea.KeyMsg); ok && !s.instr.editing && s.switchTab(k) {
			return nil
		}
		changed, cmd := s.instr.update(msg)
		return s.edited(changed, cmd)
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok || s.switchTab(k) {
		return nil
	}
	l := s.lists[s.tab]
	switch l.update(k, s.keys) {
	case listEdited:
		return s.edited(true, nil)
	case listAdded:
		s.open(l.cursor)
		return s.edited(true, nil)
	case listOpen:
		s.open(l.cursor)
	}
	return nil
}

// edited marks the shown list changed and tells the wizard.
func (s *Step) edited(changed bool, cmd tea.Cmd) tea.Cmd {
	if !changed {
		return cmd
	}
	if s.tab < tabInstructions {
		s.checks.edited(s.tab)
	}
	if cmd == nil {
		return step.Edited
	}
	return tea.Batch(cmd, step.Edited)
}

func (s *Step) switchTab(k tea.KeyMsg) bool {
	switch {
	case key.Matches(k, s.keys.PrevTab):
		s.tab = (s.tab + numTabs - 1) % numTabs
	case key.Matches(k, s.keys.NextTab):
		s.tab = (s.tab + 1) % numTabs
	default:
		return false
	}
	return true
}

// open opens the editor on entry i of the shown list.
func (s *Step) open(i int) {
	s.editor = newEditor(s, s.lists[s.tab].c, i, "")
}

// Focus goes to what a problem path names under "guide.": the tab, the
// entry, its editor on the field or the nested row and its field.
func (s *Step) Focus(path string) bool {
	rest, ok := strings.CutPrefix(path, "guide")
	if !ok || rest != "" && rest[0] != '.' {
		return false
	}
	s.confirm, s.editor = nil, nil
	s.instr.stop()
	segs := parsePath(strings.TrimPrefix(rest, "."))
	if len(segs) == 0 {
		return true
	}
	if segs[0].key == "instructions" {
		s.tab = tabInstructions
		s.instr.start()
		return true
	}
	t := -1
	for i, k := range listFields {
		if k == segs[0].key {
			t = i
		}
	}
	if t < 0 {
		return true
	}
	s.tab = t
	l := s.lists[t]
	if i := segs[0].idx; i >= 0 && i < l.c.len() {
		l.cursor = i
		s.open(i)
		s.editor.focusPath(segs[1:])
	}
	return true
}

// seg is one step of a problem path: a key and, for a list, an index.
type seg struct {
	key string
	idx int // -1 when the step has none
}

// parsePath splits "components[1].props[0].type" into its steps.
func parsePath(p string) []seg {
	if p == "" {
		return nil
	}
	var out []seg
	for part := range strings.SplitSeq(p, ".") {
		sg := seg{key: part, idx: -1}
		if k, rest, ok := strings.Cut(part, "["); ok {
			if n, err := strconv.Atoi(strings.TrimSuffix(rest, "]")); err == nil {
				sg = seg{key: k, idx: n}
			}
		}
		out = append(out, sg)
	}
	return out
}

var tabNames = [numTabs]string{"组件", "页面", "接口", "接入说明与示例代码"}

func (s *Step) tabLabel(t int) string {
	if t == tabInstructions {
		return tabNames[t]
	}
	return tabNames[t] + " (" + strconv.Itoa(s.lists[t].c.len()) + ")"
}

// tabBar is every tab when they fit, else the shown one between arrows.
func (s *Step) tabBar(w int) string {
	st := &s.ctx.Styles
	var b strings.Builder
	width := 0
	for t := range numTabs {
		label := " " + s.tabLabel(t) + " "
		width += ansi.StringWidth(label)
		if t == s.tab {
			b.WriteString(st.Selected.Render(label))
		} else {
			b.WriteString(st.Muted.Render(label))
		}
	}
	if width <= w {
		return b.String()
	}
	return st.Selected.Render(common.Fit("‹ "+strconv.Itoa(s.tab+1)+"/4 "+s.tabLabel(s.tab)+" ›", w))
}

// View draws the tab bar and the shown tab, or its open editor, within
// the step's box.
func (s *Step) View() string {
	w, h := s.width, s.height
	if w <= 0 || h <= 0 {
		return ""
	}
	out := s.tabBar(w)
	if bh := s.bodyHeight(); bh > 0 {
		out += "\n" + s.body(w, bh)
	}
	if s.confirm != nil {
		out = dialog.Over(out, s.confirm, w, h)
	}
	if s.imp.modal != nil {
		out = dialog.Over(out, s.imp.modal, w, h)
	}
	return common.Clip(out, w, h)
}

func (s *Step) body(w, h int) string {
	if s.tab == tabInstructions {
		return s.instr.view(w, h)
	}
	if s.editor != nil {
		return s.editor.view(s.checks.forEntry(s.tab, s.editor.i), w, h)
	}
	st := &s.ctx.Styles
	l := s.lists[s.tab]
	x := s.checks.forList(s.tab)
	rows, footer := h-1, h >= 4
	var outcome []string // of an import, wrapped: a file:line:col must show
	if footer {
		outcome = s.importOutcome(w, h-3)
		rows -= max(1, len(outcome))
	}
	lines := l.view(s.ctx, x, w, max(1, rows), true)
	if footer && len(outcome) > 0 {
		style := st.Muted
		if s.imp.bad {
			style = st.Error
		}
		for _, o := range outcome {
			lines = append(lines, style.Render(o))
		}
	} else if footer {
		text, bad := l.summary(x)
		if text == "" {
			text = "a 添加 · enter 编辑 · c 复制 · d 删除 · K/J 移动 · i 从插件工程导入"
		}
		if bad {
			lines = append(lines, st.Error.Render(common.Cell(text, w)))
		} else {
			lines = append(lines, st.Muted.Render(common.Cell(text, w)))
		}
	}
	return strings.Join(lines, "\n")
}

// ShortHelp is what the focused thing's keys do now.
func (s *Step) ShortHelp() []key.Binding {
	switch {
	case s.confirm != nil:
		return s.confirm.ShortHelp()
	case s.imp.modal != nil:
		return s.imp.modal.ShortHelp()
	case s.editor != nil:
		return s.editor.help(s.keys)
	case s.tab == tabInstructions:
		return s.instr.help(s.keys)
	}
	return append(s.lists[s.tab].help(s.keys), s.importKey(), s.keys.PrevTab, s.keys.NextTab)
}

// FullHelp adds the list movement keys where a list has focus.
func (s *Step) FullHelp() [][]key.Binding {
	groups := [][]key.Binding{s.ShortHelp()}
	if s.confirm == nil && s.imp.modal == nil && s.listFocused() {
		groups = append(groups, s.keys.List.Bindings())
	}
	return groups
}

// listFocused reports whether a list (or the preview) takes the movement keys.
func (s *Step) listFocused() bool {
	if s.editor != nil {
		_, l := s.editor.innermost().focused()
		return l != nil
	}
	if s.tab == tabInstructions {
		return s.instr.preview && !s.instr.editing
	}
	return true
}
