package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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
	offer    *submitOffer
	keys     confirmKeys
	list     common.ListKeys

	cursor int // the selected problem
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
	return []key.Binding{common.Enable(c.keys.Jump, len(*c.problems) > 0), common.Enable(c.keys.Submit, c.canSubmit())}
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
		c.dialog = dialog.NewConfirm(c.ctx, title,
			c.ctx.T("The draft goes to the plugin center for review (预计一个工作日). While it is in review the draft cannot be changed; 撤回审核 takes it back."),
			func() tea.Msg { return submitMsg{} })
	case key.Matches(k, c.keys.Jump) && len(probs) > 0:
		path := probs[min(c.cursor, len(probs)-1)].Path
		return func() tea.Msg { return jumpMsg{path: path} }
	case key.Matches(k, c.list.Up):
		c.cursor = max(0, c.cursor-1)
	case key.Matches(k, c.list.Down):
		c.cursor = min(max(0, len(probs)-1), c.cursor+1)
	case key.Matches(k, c.list.PageDown):
		c.top += page
	case key.Matches(k, c.list.PageUp):
		c.top = max(0, c.top-page)
	case key.Matches(k, c.list.Top):
		c.top = 0
	}
	return nil
}

// headerHeight is the lines the problem list (and workflow's refusal)
// take above the preview.
func (c *confirm) headerHeight() int {
	refused := 0
	if c.offer.known && !c.offer.allowed {
		refused = 1
	}
	n := len(*c.problems)
	if n == 0 {
		return 2 + refused
	}
	return min(n, max(1, c.height/3)) + 2 + refused
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
