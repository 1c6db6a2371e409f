package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/render"
	"plugpub/workflow"
)

// confirm is ③ 确认: every problem, each a jump to its field, then what will
// be submitted exactly as the market detail page will show it.
type confirm struct {
	ctx      *common.Context
	pluginID string // names the provider in the preview's sample code
	draft    *workflow.Draft
	problems *[]workflow.Problem
	notes    *[]workflow.NoteStatus // the reviewer's notes on the 驳回 the draft answers
	offer    *submitOffer
	keys     confirmKeys
	list     common.ListKeys

	cursor int // the selected problem, then note
	top    int // first line of the preview shown
	dialog *dialog.Confirm
	width  int
	height int

	// The preview is cached until the draft changes (gen) or the width
	// does: View runs after every message and a large guide is not free.
	gen       int
	cacheKey  [2]int
	cacheBody []string
}

// invalidate drops the cached preview after an edit.
func (c *confirm) invalidate() { c.gen++ }

type confirmKeys struct {
	Jump   key.Binding
	Submit key.Binding
}

func newConfirm(ctx *common.Context, pluginID string, d *workflow.Draft, problems *[]workflow.Problem, offer *submitOffer) *confirm {
	return &confirm{ctx: ctx, pluginID: pluginID, draft: d, problems: problems, offer: offer, list: common.NewListKeys(), keys: confirmKeys{
		Jump:   common.Enter("go to the field"),
		Submit: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "提交申请")),
	}}
}

func (c *confirm) Init() tea.Cmd        { return nil }
func (c *confirm) Load(*workflow.Draft) { c.cursor, c.top = 0, 0 }
func (c *confirm) Focus(string) bool    { return false }
func (c *confirm) Capturing() bool      { return c.dialog != nil }
func (c *confirm) Open() bool           { return c.dialog != nil }
func (c *confirm) SetSize(w, h int)     { c.width, c.height = w, h }
func (c *confirm) FullHelp() [][]key.Binding {
	return [][]key.Binding{c.ShortHelp(), c.list.Bindings()}
}

func (c *confirm) ShortHelp() []key.Binding {
	if c.dialog != nil {
		return c.dialog.ShortHelp()
	}
	return []key.Binding{common.Enable(c.keys.Jump, c.items() > 0), common.Enable(c.keys.Submit, c.canSubmit())}
}

// canSubmit is 提交申请 offered: workflow offers it and the draft has no
// problem.
func (c *confirm) canSubmit() bool {
	return len(*c.problems) == 0 && c.offer.known && c.offer.allowed
}

func (c *confirm) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if c.dialog != nil {
		cmd, _ := dialog.Step(&c.dialog, k)
		return cmd
	}
	probs := *c.problems
	page := max(1, c.height-c.headerHeight())
	switch {
	case key.Matches(k, c.keys.Submit) && c.canSubmit():
		title := "提交申请?"
		if c.offer.ask != "" {
			title = c.offer.ask
		}
		body := c.ctx.T("The draft goes to the plugin center for review (预计一个工作日). While it is in review the draft cannot be changed; 撤回审核 takes it back.")
		if open := workflow.Unresolved(c.noteList()); len(open) > 0 {
			// Not a rule, advice: the reviewer will look for these first.
			labels := make([]string, len(open))
			for i, n := range open {
				labels[i] = common.FieldLabel(c.draft, n.Path)
			}
			body = c.ctx.T("%d of the reviewer's notes are still unresolved (their fields are unchanged): %s.", len(open), strings.Join(labels, "、")) + "\n\n" + body
		}
		c.dialog = dialog.NewConfirm(c.ctx, title, body, func() tea.Msg { return submitMsg{} })
	case key.Matches(k, c.keys.Jump) && c.items() > 0:
		i := min(c.cursor, c.items()-1)
		path := ""
		if i < len(probs) {
			path = probs[i].Path
		} else {
			path = c.noteList()[i-len(probs)].Path
		}
		return func() tea.Msg { return jumpMsg{path: path} }
	case key.Matches(k, c.list.Up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(k, c.list.Down):
		c.cursor = min(max(0, c.items()-1), c.cursor+1)
	case key.Matches(k, c.list.PageDown):
		c.top += page
	case key.Matches(k, c.list.PageUp):
		c.top = max(0, c.top-page)
	case key.Matches(k, c.list.Top):
		c.top = 0
	}
	return nil
}

// noteList is the notes, none when the wizard has none.
func (c *confirm) noteList() []workflow.NoteStatus {
	if c.notes == nil {
		return nil
	}
	return *c.notes
}

// items is how many rows the cursor goes through: problems, then notes.
func (c *confirm) items() int { return len(*c.problems) + len(c.noteList()) }

// headerHeight is the lines the problem list, the notes (and workflow's
// refusal) take above the preview.
func (c *confirm) headerHeight() int {
	refused := 0
	if c.offer.known && !c.offer.allowed {
		refused = 1
	}
	n := len(*c.problems)
	h := 2 + refused
	if n > 0 {
		h += min(n, max(1, c.height/3))
	}
	if ns := len(c.noteList()); ns > 0 {
		h += 1 + min(ns, max(1, c.height/4))
	}
	return h
}

// noteLines is the notes' heading and rows, the cursor's row selected
// when it is on one, at most max(1, height/4) of them around it.
func (c *confirm) noteLines() []string {
	notes := c.noteList()
	if len(notes) == 0 {
		return nil
	}
	st := &c.ctx.Styles
	open := len(workflow.Unresolved(notes))
	head := st.Good.Render(common.Fit(c.ctx.T("✎ %d notes of the reviewer, all resolved — enter 跳到该字段", len(notes)), c.width))
	if open > 0 {
		head = st.Warn.Render(common.Fit(c.ctx.T("✎ %d notes of the reviewer, %d unresolved — enter 跳到该字段; change their fields before 提交申请", len(notes), open), c.width))
	}
	out := []string{head}
	shown := min(len(notes), max(1, c.height/4))
	at := c.cursor - len(*c.problems) // the cursor's note, or <0
	first := max(0, min(at-shown+1, len(notes)-shown))
	for i := first; i < first+shown; i++ {
		n := notes[i]
		mark := st.Bad.Render("○ 未解决 ")
		if n.Resolved {
			mark = st.Good.Render("✓ 已解决 ")
		}
		text := common.FieldLabel(c.draft, n.Path) + ": " + workflow.SanitizeLine(n.Text)
		if i == at {
			out = append(out, st.Selected.Render("› "+common.Fit(ansiStrip(mark)+text, c.width-2)))
		} else {
			out = append(out, "  "+mark+common.Fit(text, max(0, c.width-2-9)))
		}
	}
	return out
}

func (c *confirm) View() string {
	if c.width <= 0 || c.height <= 0 {
		return ""
	}
	st := c.ctx.Styles
	probs := *c.problems
	var lines []string
	refused := c.offer.known && !c.offer.allowed
	if refused {
		// What workflow says stands above the problems: fixing them would
		// not make 提交申请 possible.
		lines = append(lines, st.Error.Render(common.Cell("✗ 不能提交申请: "+workflow.SanitizeLine(c.offer.reason), c.width)))
	}
	switch {
	case len(probs) == 0 && refused:
		lines = append(lines, st.Good.Render(common.Fit("✓ 草稿没有问题", c.width)), "")
	case len(probs) == 0:
		lines = append(lines, st.Good.Render(common.Fit("✓ 没有问题: s 提交申请", c.width)), "")
	default:
		shown := min(len(probs), max(1, c.height/3))
		pos := ""
		if shown < len(probs) {
			// Not every problem fits: ↑/↓ scroll through them all.
			pos = fmt.Sprintf(" (%d/%d, ↑/↓)", min(c.cursor, len(probs)-1)+1, len(probs))
		}
		lines = append(lines, st.Error.Render(common.Fit(fmt.Sprintf("✗ %d 个问题%s — enter 跳到该字段; 全部解决后才能提交申请", len(probs), pos), c.width)))
		first := max(0, min(c.cursor-shown+1, len(probs)-shown))
		for i := first; i < min(len(probs), first+shown); i++ {
			line := common.Cell(probs[i].Localize(c.ctx.Printer), c.width-2)
			if i == c.cursor {
				lines = append(lines, st.Selected.Render("› "+line))
			} else {
				lines = append(lines, "  "+line)
			}
		}
		lines = append(lines, "")
	}
	if nl := c.noteLines(); nl != nil {
		lines = append(lines[:len(lines)-1], append(nl, "")...)
	}
	body := c.preview()
	c.top = max(0, min(c.top, len(body)-1))
	lines = append(lines, body[c.top:]...)
	view := common.Clip(strings.Join(lines, "\n"), c.width, c.height)
	if c.dialog != nil {
		return dialog.Over(view, c.dialog, c.width, c.height)
	}
	return view
}

func (c *confirm) preview() []string {
	k := [2]int{c.gen, c.width}
	if k != c.cacheKey || c.cacheBody == nil {
		c.cacheKey = k
		c.cacheBody = strings.Split(render.DetailOf(c.pluginID, *c.draft, &c.ctx.Styles, c.width), "\n")
	}
	return c.cacheBody
}

func ansiStrip(s string) string { return ansi.Strip(s) }
