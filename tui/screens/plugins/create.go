package plugins

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/workflow"
)

// createdMsg and createFailedMsg answer the 新建插件 dialog of screen.
type createdMsg struct {
	screen string
	plugin workflow.Plugin
}

type createFailedMsg struct {
	screen string
	err    error
}

// createDialog asks for a new plugin's id and name and creates it with
// Service.CreatePlugin, the CLI's own call, so the rules are the same; a
// refusal stays in the dialog, in full, until the next key.
type createDialog struct {
	ctx    *common.Context
	screen string
	inputs [2]textinput.Model // id, name
	focus  int
	err    string
	busy   bool
	keys   dialog.Keys
	next   key.Binding
	prev   key.Binding
}

var _ dialog.Modal = (*createDialog)(nil)

func newCreateDialog(ctx *common.Context, screen string) *createDialog {
	c := &createDialog{ctx: ctx, screen: screen, keys: dialog.NewKeys(),
		next: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		prev: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
	}
	c.keys.Submit = key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "创建"))
	for i, f := range []struct {
		prompt, placeholder string
		limit               int
	}{
		{"插件 ID  ", "16 位数字，如 2021004100000001", 32},
		{"插件名称 ", "1–40 个字", 80},
	} {
		in := textinput.New()
		in.Prompt = f.prompt
		in.Placeholder = f.placeholder
		in.CharLimit = f.limit
		in.Cursor.SetMode(cursor.CursorStatic)
		c.inputs[i] = in
	}
	c.inputs[0].Focus()
	return c
}

// Update edits the fields; enter on the id goes to the name, enter on the
// name (or ctrl+s) creates, esc cancels.
func (c *createDialog) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return false, nil
	}
	switch {
	case key.Matches(k, c.keys.Cancel):
		return true, nil
	case c.busy:
		return false, nil
	case key.Matches(k, c.next), key.Matches(k, c.keys.Submit) && c.focus == 0 && k.String() == "enter":
		c.setFocus(c.focus + 1)
		return false, nil
	case key.Matches(k, c.prev):
		c.setFocus(c.focus - 1)
		return false, nil
	case key.Matches(k, c.keys.Submit):
		return false, c.create()
	}
	c.err = ""
	var cmd tea.Cmd
	in := &c.inputs[c.focus]
	*in, cmd = in.Update(common.GuardDeleteWordForward(in, k))
	return false, cmd
}

func (c *createDialog) setFocus(i int) {
	c.focus = (i + len(c.inputs)) % len(c.inputs)
	for j := range c.inputs {
		if j == c.focus {
			c.inputs[j].Focus()
		} else {
			c.inputs[j].Blur()
		}
	}
}

func (c *createDialog) create() tea.Cmd {
	c.busy, c.err = true, ""
	svc, as, screen := c.ctx.Svc, c.ctx.User.Name, c.screen
	id, name := strings.TrimSpace(c.inputs[0].Value()), strings.TrimSpace(c.inputs[1].Value())
	// A refusal is the dialog's to show, not the status bar's.
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		p, err := svc.CreatePlugin(ctx, as, id, name)
		if err != nil {
			return createFailedMsg{screen: screen, err: err}, nil
		}
		return createdMsg{screen: screen, plugin: p}, nil
	})
}

// failed shows why the plugin was not created; the fields keep what was typed.
func (c *createDialog) failed(err error) {
	c.busy, c.err = false, c.ctx.Err(err)
}

// View draws the dialog within width.
func (c *createDialog) View(width int) string {
	st := &c.ctx.Styles
	inner := max(1, min(width-4, 60))
	parts := []string{st.Bold.Render("新建插件")}
	for i := range c.inputs {
		c.inputs[i].Width = max(1, inner-10)
		parts = append(parts, common.Clip(c.inputs[i].View(), inner, 1))
	}
	switch {
	case c.busy:
		parts = append(parts, st.Muted.Render(c.ctx.T("creating…")))
	case c.err != "":
		parts = append(parts, st.Error.Render(common.Wrap(workflow.Sanitize(c.err), inner)))
	}
	parts = append(parts, st.Muted.Render(common.Fit(c.ctx.T("tab: next field    enter: 创建    esc: cancel"), inner)))
	return common.Clip(st.Dialog.Render(strings.Join(parts, "\n")), width, 1<<16)
}

// ShortHelp lists the dialog's keys.
func (c *createDialog) ShortHelp() []key.Binding {
	return []key.Binding{c.next, c.keys.Submit, c.keys.Cancel}
}
