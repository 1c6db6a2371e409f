package market

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/workflow"
)

// appChoice is one line of the 选择小程序 list: a mini program of the
// buyer's, with its live order for this plugin if it has one, or (app
// nil) the line that adds a mini program.
type appChoice struct {
	app  *workflow.App
	live *workflow.OrderRow
}

// pickerKeys are the 选择小程序 list's bindings.
type pickerKeys struct {
	Up, Down, Choose, Add, Cancel key.Binding
}

// appPicker asks which of the buyer's mini programs to order for; a mini
// program that already has a live order for the plugin says so and is
// not ordered again (choosing it says the offer's reason).
type appPicker struct {
	dialog.Frame
	ctx     *common.Context
	title   string
	choices []appChoice
	at      int
	keys    pickerKeys
	// choose is what picking a choice does: order for its app, or (app nil)
	// open the form that adds one.
	choose func(appChoice) tea.Cmd
}

func newAppPicker(ctx *common.Context, title string, choices []appChoice, choose func(appChoice) tea.Cmd) *appPicker {
	p := &appPicker{Frame: dialog.NewFrame(ctx, "esc: cancel"), ctx: ctx, title: title, choices: choices, choose: choose,
		keys: pickerKeys{
			Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
			Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
			Choose: common.Enter("choose"),
			Add:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "添加小程序")),
			Cancel: common.Esc("cancel"),
		}}
	// Start on the first mini program that can still be ordered for, or
	// on 添加小程序 when none can.
	p.at = len(choices) - 1
	for i, c := range choices {
		if c.app != nil && c.live == nil {
			p.at = i
			break
		}
	}
	return p
}

func (p *appPicker) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, p.keys.Cancel):
		p.Close()
	case key.Matches(k, p.keys.Up):
		p.at = max(0, p.at-1)
	case key.Matches(k, p.keys.Down):
		p.at = min(len(p.choices)-1, p.at+1)
	case key.Matches(k, p.keys.Add):
		p.Close()
		return p.choose(appChoice{})
	case key.Matches(k, p.keys.Choose):
		p.Close()
		return p.choose(p.choices[p.at])
	}
	return nil
}

func (p *appPicker) View() string {
	st := p.ctx.Styles
	inner := max(1, min(p.Width-4, 60))
	lines := []string{st.Bold.Render(common.Wrap(p.title, inner)), ""}
	for i, c := range p.choices {
		var text string
		switch {
		case c.app == nil:
			text = "+ 添加小程序（小程序 ID 与名称）"
		case c.live != nil:
			text = fmt.Sprintf("%s %s · %s", c.app.Name, c.app.AppID, workflow.OrderLabel(c.live.StateAt(p.ctx.Now())))
		default:
			text = c.app.Name + " " + c.app.AppID
		}
		text = common.Fit(workflow.SanitizeLine(text), max(1, inner-2))
		switch {
		case i == p.at:
			text = st.Selected.Render("› " + text)
		case c.live != nil:
			text = "  " + st.Muted.Render(text)
		default:
			text = "  " + text
		}
		lines = append(lines, text)
	}
	lines = append(lines, "", st.Muted.Render(common.Wrap(p.ctx.T("enter: choose    n: add    esc: cancel"), inner)))
	return common.Box(st.Dialog.Render(strings.Join(lines, "\n")), p.Width, p.TooSmall())
}

func (p *appPicker) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Choose, p.keys.Add, p.keys.Up, p.keys.Down, p.keys.Cancel}
}

func (p *appPicker) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// newAppForm adds a mini program: its 16-digit appId and its name. The
// appId's shape is workflow's rule, checked before anything is sent; the
// rest is the service's answer (an appId taken, a name too long), shown in
// the form.
func newAppForm(ctx *common.Context, submit func(appID, name string) tea.Cmd) *dialog.Form {
	spec := dialog.FormSpec{
		Title: "添加小程序：订购要选择一个小程序",
		Fields: []dialog.Field{
			{Prompt: "小程序 ID ", Placeholder: "16 位数字，如 2021000000000001", Limit: 16},
			{Prompt: "名称      ", Placeholder: "小程序名称", Limit: workflow.MaxLineRunes},
		},
		Submit: common.Enter("submit", "ctrl+s"),
		Hint:   "tab: next field    enter: submit    esc: cancel",
		Busy:   "saving…",
	}
	return dialog.NewForm(ctx, spec, func(vs []string) tea.Cmd { return submit(vs[0], vs[1]) }).
		Check(func(vs []string) (int, error) { return 0, workflow.ValidateAppID(vs[0]) })
}

var _ dialog.Modal = (*appPicker)(nil)
