// Package versions is 版本管理: a plugin's versions with the actions legal
// for this user on the selected one, and 发布 once a version is online.
package versions

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// loadedMsg brings the plugin and all its versions (a plugin has few; the
// action rules need them all, e.g. "one version in review at a time").
type loadedMsg struct {
	id       string
	plugin   workflow.Plugin
	versions []workflow.Version
}

type doneMsg struct {
	id   string
	text string
}

// keyMap holds one binding per action; enabled reflects the selected row.
type keyMap struct {
	list     common.ListKeys
	Add      key.Binding
	Submit   key.Binding
	Withdraw key.Binding
	Approve  key.Binding
	Reject   key.Binding
	Return   key.Binding
	Online   key.Binding
	Offline  key.Binding
	Publish  key.Binding
}

// byAction maps each workflow action to its binding.
func (k *keyMap) byAction() map[workflow.Action]*key.Binding {
	return map[workflow.Action]*key.Binding{
		workflow.ActSubmit: &k.Submit, workflow.ActWithdraw: &k.Withdraw, workflow.ActApprove: &k.Approve,
		workflow.ActReject: &k.Reject, workflow.ActReturn: &k.Return, workflow.ActOnline: &k.Online, workflow.ActOffline: &k.Offline,
	}
}

// Model is the 版本管理 screen.
type Model struct {
	ctx      *common.Context
	pluginID string
	id       string
	keys     keyMap
	table    vtable.Model[workflow.Version]
	plugin   workflow.Plugin
	versions []workflow.Version
	modal    dialog.Modal // an open confirmation or prompt
	width    int
	height   int
}

// New builds the screen for one plugin.
func New(ctx *common.Context, pluginID string) *Model {
	m := &Model{ctx: ctx, pluginID: pluginID, id: "versions:" + pluginID, keys: keyMap{
		list:     common.NewListKeys(),
		Add:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "新建版本")),
		Submit:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "提交审核")),
		Withdraw: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "撤回审核")),
		Approve:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "审核通过")),
		Reject:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "审核驳回")),
		Return:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "退回修改")),
		Online:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "上线")),
		Offline:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "下线")),
		Publish:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "发布")),
	}}
	st := &ctx.Styles
	cols := []vtable.Column{
		{Title: "版本", Width: 9},
		{Title: "状态", Width: 8},
		{Title: "更新时间", Width: common.ShortWidth},
		{Title: "更新人", Width: 10},
		{Title: "驳回原因", Flex: 1},
	}
	render := func(v workflow.Version) []vtable.Cell {
		s := st.State(string(v.State))
		return []vtable.Cell{{Text: v.SemVer.String()}, {Text: workflow.Label(string(v.State)), Style: &s},
			{Text: common.Short(v.UpdatedAt, ctx.Now())}, {Text: v.UpdatedBy}, {Text: v.Reason}}
	}
	// The rows come from the one load of all versions, so the table's
	// fetch just serves them from memory.
	fetch := func(q vtable.Query) tea.Cmd {
		vs := m.versions
		if q.Filter != "" {
			vs = matching(m.versions, q.Filter)
		}
		items := vs[min(q.Offset, len(vs)):min(q.Offset+q.Limit, len(vs))]
		w := vtable.Window[workflow.Version]{Offset: q.Offset, Items: items, Total: len(vs), Filter: q.Filter}
		return func() tea.Msg { return vtable.WindowMsg[workflow.Version]{ID: m.id, Window: w} }
	}
	m.table = vtable.New(m.id, cols, render, fetch, st)
	m.updateKeys()
	return m
}

// matching is the versions whose version, state, who or reason contains
// filter, ignoring case, as the store's filter of the versions list: the
// screen holds them all (the action rules need them), so it filters them
// itself.
func matching(vs []workflow.Version, filter string) []workflow.Version {
	f := strings.ToLower(filter)
	var out []workflow.Version
	for _, v := range vs {
		for _, s := range []string{v.SemVer.String(), workflow.Label(string(v.State)), string(v.State), v.UpdatedBy, v.SubmittedBy, v.Reason} {
			if strings.Contains(strings.ToLower(s), f) {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

func (m *Model) load() tea.Cmd {
	svc, as, pid, id := m.ctx.Svc, m.ctx.User.Name, m.pluginID, m.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		p, err := svc.Plugin(ctx, as, pid)
		if err != nil {
			return nil, err
		}
		vs, err := svc.Versions(ctx, as, pid, workflow.Page{Limit: workflow.MaxPageSize})
		if err != nil {
			return nil, err
		}
		return loadedMsg{id: id, plugin: p, versions: vs}, nil
	})
}

// Init loads the versions.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title names the screen.
func (m *Model) Title() string { return "版本管理" }

// Capturing is true while a dialog is open: it gets every key.
func (m *Model) Capturing() bool { return m.modal != nil }

// SetSize lays the screen out.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, h)
}

// Update handles loads, dialogs and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.plugin, m.versions = msg.plugin, msg.versions
		m.updateKeys()
		return m, m.table.Reload()
	case doneMsg:
		if msg.id != m.id {
			return m, nil
		}
		return m, tea.Batch(common.Info(msg.text), m.load())
	case common.ReloadMsg:
		return m, m.load()
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&m.modal, msg); ok {
			return m, cmd
		}
		return m, m.key(msg)
	}
	return m, m.tableUpdate(msg)
}

func (m *Model) tableUpdate(msg tea.Msg) tea.Cmd {
	cmd := m.table.Update(msg)
	m.updateKeys()
	return cmd
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	if key.Matches(msg, k.Add) && k.Add.Enabled() {
		m.modal = dialog.NewPrompt(&m.ctx.Styles, "新建版本: x.y.z", "1.0.0", func(s string) error {
			_, err := workflow.ParseSemVer(s)
			return err
		}, func(s string) tea.Cmd {
			return m.act(fmt.Sprintf("版本 %s 已创建", s), func(ctx context.Context, svc *workflow.Service) error {
				_, err := svc.AddVersion(ctx, m.ctx.User.Name, m.pluginID, s)
				return err
			})
		}).SingleLine()
		return nil
	}
	if key.Matches(msg, k.Publish) && k.Publish.Enabled() {
		if m.ctx.OpenWizard != nil {
			return common.Push(m.ctx.OpenWizard(m.pluginID))
		}
		return common.Info("the 发布 wizard is not in this build yet: fill the draft with plugpub draft sample|set " + m.pluginID + ", then plugpub submit " + m.pluginID)
	}
	v, ok := m.table.Selected()
	if !ok {
		return m.tableUpdate(msg)
	}
	for act, b := range k.byAction() {
		if key.Matches(msg, *b) && b.Enabled() {
			return m.ask(act, v)
		}
	}
	return m.tableUpdate(msg)
}

// ask confirms what is public or cannot be taken back, and asks a reason
// for a rejection; the rest runs at once.
func (m *Model) ask(act workflow.Action, v workflow.Version) tea.Cmd {
	ver, rev := v.SemVer.String(), v.Rev
	run := func(reason string) tea.Cmd {
		label := workflow.ActionLabels[act]
		return m.act(fmt.Sprintf("版本 %s: %s", ver, label), func(ctx context.Context, svc *workflow.Service) error {
			_, err := svc.VersionAct(ctx, m.ctx.User.Name, m.pluginID, ver, act, reason, rev)
			return err
		})
	}
	st := &m.ctx.Styles
	switch act {
	case workflow.ActReject:
		m.modal = dialog.NewPrompt(st, "审核驳回 版本 "+ver+": reason", "驳回原因", workflow.ValidateReason, run)
		return nil
	case workflow.ActWithdraw, workflow.ActOnline, workflow.ActOffline:
		body := map[workflow.Action]string{
			workflow.ActWithdraw: "The version goes back to 开发中; it leaves the review queue.",
			workflow.ActOnline:   "The version goes live for every user of the plugin; the version online now goes offline.",
			workflow.ActOffline:  "The version stops serving users. It cannot go online again.",
		}[act]
		m.modal = dialog.NewConfirm(st, fmt.Sprintf("%s 版本 %s?", workflow.ActionLabels[act], ver), body, run(""))
		return nil
	}
	return run("")
}

// act runs one service call off the Update loop.
func (m *Model) act(done string, fn func(context.Context, *workflow.Service) error) tea.Cmd {
	svc, id := m.ctx.Svc, m.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		if err := fn(ctx, svc); err != nil {
			return nil, err
		}
		return doneMsg{id: id, text: done}, nil
	})
}

// updateKeys enables exactly the bindings the selected version allows.
func (m *Model) updateKeys() {
	u, p := m.ctx.User, m.plugin
	owner := u.Has(workflow.RoleDeveloper) && p.Owner == u.Name
	m.keys.Add.SetEnabled(owner)
	m.keys.Publish.SetEnabled(owner && slices.ContainsFunc(m.versions, func(v workflow.Version) bool { return v.State == workflow.VersionOnline }))
	var legal []workflow.Action
	if v, ok := m.table.Selected(); ok {
		legal = workflow.VersionActions(u, p, v, m.versions)
	}
	for act, b := range m.keys.byAction() {
		b.SetEnabled(slices.Contains(legal, act))
	}
}

// View draws the table and any dialog below it.
func (m *Model) View() string {
	view := m.table.View()
	if m.modal != nil {
		return common.Overlay(view, m.modal.View(m.width), m.width, m.height)
	}
	return common.Clip(view, m.width, m.height)
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	if m.modal != nil {
		return m.modal.ShortHelp()
	}
	k := m.keys
	return []key.Binding{k.Submit, k.Withdraw, k.Approve, k.Reject, k.Return, k.Online, k.Offline, k.Add, k.Publish}
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp(), m.keys.list.Bindings()}
}
