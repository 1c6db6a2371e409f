package plugins

import (
	"context"

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

// newCreateDialog asks for a new plugin's id and name and creates it with
// Service.CreatePlugin, the CLI's own call, so the rules are the same; a
// refusal stays in the dialog, in full, until the next key.
func newCreateDialog(ctx *common.Context, screen string) *dialog.Form {
	svc, as := ctx.Svc, ctx.User.Name
	spec := dialog.FormSpec{
		Title: "新建插件",
		Fields: []dialog.Field{
			{Prompt: "插件 ID  ", Placeholder: "16 位数字，如 2021004100000001", Limit: 32},
			{Prompt: "插件名称 ", Placeholder: "1–40 个字", Limit: 80},
		},
		Submit: common.Enter("创建", "ctrl+s"),
		Hint:   "tab: next field    enter: 创建    esc: cancel",
		Busy:   "creating…",
	}
	return dialog.NewForm(ctx, spec, func(vs []string) tea.Cmd {
		id, name := vs[0], vs[1]
		// A refusal is the dialog's to show, not the status bar's.
		return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			p, err := svc.CreatePlugin(ctx, as, id, name)
			if err != nil {
				return createFailedMsg{screen: screen, err: err}, nil
			}
			return createdMsg{screen: screen, plugin: p}, nil
		})
	})
}
