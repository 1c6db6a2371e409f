package plugins

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
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
	dialog.Frame
	ctx    *common.Context
	screen string
	inputs [2]common.TextInput // id, name
	focus  int
	err    string
	busy   bool
	keys   dialog.Keys
	next   key.Binding
	prev   key.Binding
}

var _ dialog.Modal = (*createDialog)(nil)

func newCreateDialog(ctx *common.Context, screen string) *createDialog {
	c := &createDialog{Frame: dialog.NewFrame(ctx, "esc: cancel"), ctx: ctx, screen: screen, keys: dialog.NewKeys(),
		next: common.Tab("next field", "down"),
		prev: common.ShiftTab("previous field", "up"),
	}
	c.keys.Submit = common.Enter("创建", "ctrl+s")
	for i, f := range []struct {
		prompt, placeholder string
		limit               int
	}{
		{"插件 ID  ", "16 位数字，如 2021004100000001", 32},
		{"插件名称 ", "1–40 个字", 80},
	} {
		in := common.NewTextInput()
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
func (c *createDialog) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, c.keys.Cancel):
		c.Close()
		return nil
	case c.busy:
		return nil
	case key.Matches(k, c.next), key.Matches(k, c.keys.Submit) && c.focus == 0 && k.String() == "enter":
		c.setFocus(c.focus + 1)
		return nil
	case key.Matches(k, c.prev):
		c.setFocus(c.focus - 1)
		return nil
	case key.Matches(k, c.keys.Submit):
		return c.create()
	}
	c.err = ""
	return c.inputs[c.focus].Update(k)
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
func (c *createDialog) View() string {
	width := c.Width
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

// FullHelp is the same keys.
func (c *createDialog) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }
