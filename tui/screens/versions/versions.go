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
	"plugpub/tui/components/scroll"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// loadedMsg brings what workflow's rules need to answer for the plugin and
// every version (a plugin has few), and the versions newest first.
type loadedMsg struct {
	id       string
	facts    workflow.PluginFacts
	versions []workflow.Version
}

type doneMsg struct {
	id   string
	text string
}

// addFailedMsg is the service's answer to a 新建版本 it refused; the
// prompt opens again with what was typed and the whole message.
type addFailedMsg struct {
	id  string
	err error
}

// keyMap holds one binding per action; enabled reflects the selected row.
type keyMap struct {
	list     common.ListKeys
	Focus    key.Binding
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
	facts    workflow.PluginFacts
	versions []workflow.Version // newest first
	// plugin and row are workflow's answers for the plugin (新建版本,
	// 发布) and for the selected version; keys follow them.
	plugin workflow.Offer
	row    workflow.Offer
	modal  dialog.Modal // an open confirmation or prompt
	// adding is the 新建版本 prompt while its answer is awaited, to reopen
	// with the service's error.
	adding  *dialog.Prompt
	detail  scroll.Model // the selected version: who, when, 驳回原因
	focus   bool         // the detail pane has the list keys
	shown   string       // the version the detail shows, to scroll it to the top on a new one
	width   int
	height  int
	tableH  int
	compact bool // no room for the detail pane
}

// New builds the screen for one plugin.
func New(ctx *common.Context, pluginID string) *Model {
	m := &Model{ctx: ctx, pluginID: pluginID, id: "versions:" + pluginID, keys: keyMap{
		list:     common.NewListKeys(),
		Focus:    common.Tab("table/detail", "shift+tab"),
		Add:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "新建版本")),
		Submit:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "提交审核")),
		Withdraw: key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "撤回审核")),
		Approve:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "审核通过")),
		Reject:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "审核驳回")),
		Return:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "退回修改")),
		Online:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "上线")),
		Offline:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "下线")),
		Publish:  common.Publish(),
	}, detail: scroll.New()}
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
	m.table = vtable.New(m.id, cols, render, fetch, ctx)
	m.table.EnableFilter("版本、状态、更新人或驳回原因")
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
		f, err := svc.Facts(ctx, as, pid)
		if err != nil {
			return nil, err
		}
		vs := slices.Clone(f.Versions)
		slices.SortFunc(vs, func(a, b workflow.Version) int { return b.SemVer.Compare(a.SemVer) })
		return loadedMsg{id: id, facts: f, versions: vs}, nil
	})
}

// Init loads the versions.
func (m *Model) Init() tea.Cmd { return m.load() }

// Title names the screen.
func (m *Model) Title() string { return "版本管理" }

// Capturing is true while a dialog is open or a filter is being typed:
// it gets every key.
func (m *Model) Capturing() bool { return m.modal != nil || m.table.Filtering() }

// SetSize lays the screen out.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout()
}

// layout gives the table its rows (at most three fifths of the height) and
// the detail pane below a rule the rest; a box too small for both shows
// the table alone.
func (m *Model) layout() {
	w, h := m.width, m.height
	m.compact = h < 10
	m.keys.Focus.SetEnabled(!m.compact)
	if m.compact {
		m.focus = false
		m.table.SetSize(w, h)
		m.detail.SetSize(w, 0)
		return
	}
	// Rows, header, and the footer (position and filter), which the table
	// draws from five lines up.
	m.tableH = min(max(5, len(m.versions)+2), h*3/5)
	m.table.SetSize(w, m.tableH)
	m.detail.SetSize(w, h-m.tableH-1)
	m.refreshDetail()
}

// Update handles loads, dialogs and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.facts, m.versions = msg.facts, msg.versions
		m.layout()
		m.updateKeys()
		return m, m.table.Reload()
	case doneMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.adding = nil
		return m, tea.Batch(common.Info(msg.text), m.load())
	case addFailedMsg:
		if msg.id != m.id || m.adding == nil {
			return m, nil
		}
		if m.modal == nil {
			m.adding.SetError(m.ctx.Err(msg.err))
			m.modal = m.adding
		}
		m.adding = nil
		return m, nil
	case common.ReloadMsg:
		return m, m.load()
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&m.modal, msg); ok {
			return m, cmd
		}
		if m.table.Filtering() {
			return m, m.tableUpdate(msg)
		}
		return m, m.key(msg)
	}
	return m, m.tableUpdate(msg)
}

func (m *Model) tableUpdate(msg tea.Msg) tea.Cmd {
	cmd := m.table.Update(msg)
	m.updateKeys()
	m.refreshDetail()
	return cmd
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	if key.Matches(msg, k.Focus) && k.Focus.Enabled() {
		m.focus = !m.focus
		return nil
	}
	if key.Matches(msg, k.Add) && k.Add.Enabled() {
		m.addPrompt()
		return nil
	}
	if key.Matches(msg, k.Publish) && k.Publish.Enabled() {
		if m.ctx.OpenWizard != nil {
			return common.Push(m.ctx.OpenWizard(m.pluginID))
		}
		return common.Info(m.ctx.T("the 发布 wizard is not in this build yet: fill the draft with plugpub draft sample|set %s, then plugpub submit %s", m.pluginID, m.pluginID))
	}
	if v, ok := m.table.Selected(); ok {
		for act, b := range k.byAction() {
			if key.Matches(msg, *b) && b.Enabled() {
				return m.ask(m.row.Get(act), v)
			}
		}
	}
	if m.focus {
		m.detail.Update(msg)
		return nil
	}
	return m.tableUpdate(msg)
}

// addPrompt asks for the new version with the next free one suggested:
// enter on the empty line takes it. A version the service refuses keeps
// the prompt open with its message.
func (m *Model) addPrompt() {
	next := workflow.NextVersion(m.versions).String()
	or := func(s string) string {
		if s == "" {
			return next
		}
		return s
	}
	var p *dialog.Prompt
	p = dialog.NewPrompt(m.ctx, m.ctx.T("新建版本 x.y.z (enter: %s)", next), next, m.ctx.Checked(func(s string) error {
		_, err := workflow.ParseSemVer(or(s))
		return err
	}), func(s string) tea.Cmd {
		s = or(s)
		m.adding = p
		svc, as, pid, id := m.ctx.Svc, m.ctx.User.Name, m.pluginID, m.id
		return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			if _, err := svc.AddVersion(ctx, as, pid, s); err != nil {
				return addFailedMsg{id: id, err: err}, nil
			}
			return doneMsg{id: id, text: fmt.Sprintf("版本 %s 已创建", s)}, nil
		})
	}).SingleLine()
	m.modal = p
}

// ask asks the verdict's question first, if it has one (public or
// irreversible actions), and a reason for a rejection; the rest runs at once.
func (m *Model) ask(vd workflow.Verdict, v workflow.Version) tea.Cmd {
	act, ver, rev := vd.Action, v.SemVer.String(), v.Rev
	run := func(reason string) tea.Cmd {
		label := workflow.ActionLabels[act]
		return m.act(fmt.Sprintf("版本 %s: %s", ver, label), func(ctx context.Context, svc *workflow.Service) error {
			_, err := svc.VersionAct(ctx, m.ctx.User.Name, m.pluginID, ver, act, reason, rev)
			return err
		})
	}
	if act == workflow.ActReject {
		m.modal = dialog.NewPrompt(m.ctx, m.ctx.T("审核驳回 版本 %s: reason", ver), "驳回原因", m.ctx.Checked(workflow.ValidateReason), run)
		return nil
	}
	return dialog.Ask(&m.modal, m.ctx, workflow.ActionLabels[act]+" 版本 "+ver, m.ctx.Confirm(vd), run(""))
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

// updateKeys asks workflow what the user may do to the plugin and to the
// selected version, and enables exactly those bindings.
func (m *Model) updateKeys() {
	u := m.ctx.User
	m.plugin, m.row = nil, nil
	if m.facts.Plugin.ID != "" {
		m.plugin = workflow.PluginOffer(u, m.facts)
		if v, ok := m.table.Selected(); ok {
			m.row = workflow.VersionOffer(u, m.facts, v)
		}
	}
	m.keys.Add.SetEnabled(m.plugin.Can(workflow.ActAddVer))
	m.keys.Publish.SetEnabled(common.CanPublish(m.plugin).Allowed)
	for act, b := range m.keys.byAction() {
		b.SetEnabled(m.row.Can(act))
	}
}

// unavailable lists, for the detail pane, what the state or a rule stops
// the user doing now, with workflow's reason: the version's moves a rule
// refuses, then 新建版本 and 发布.
func (m *Model) unavailable() []common.Refusal {
	var out []common.Refusal
	sel, _ := m.table.Selected()
	for _, v := range m.row {
		if common.Explained(v) && common.Moves(workflow.VersionMachine, sel.State, v.Action) {
			out = append(out, common.Refusal{Label: workflow.ActionLabels[v.Action], Reason: m.ctx.Reason(v)})
		}
	}
	for _, c := range []struct {
		label string
		v     workflow.Verdict
	}{{"新建版本", m.plugin.Get(workflow.ActAddVer)}, {"发布", common.CanPublish(m.plugin)}} {
		if common.Explained(c.v) {
			out = append(out, common.Refusal{Label: c.label, Reason: m.ctx.Reason(c.v)})
		}
	}
	return out
}

// labelWidth fits the longest label, 驳回原因, and two spaces.
const labelWidth = 10

// refreshDetail renders the selected version's pane: its state, who
// changed it last and when, and its rejection reason wrapped in full.
func (m *Model) refreshDetail() {
	w := m.detail.Width()
	if w <= 0 || m.compact {
		return
	}
	st := &m.ctx.Styles
	v, ok := m.table.Selected()
	if !ok {
		m.detail.SetContent("")
		return
	}
	if ver := v.SemVer.String(); ver != m.shown {
		m.shown = ver
		m.detail.SetTop(0)
	}
	var lines []string
	field := func(label string, parts ...string) {
		lines = append(lines, common.Fit(st.Label.Render(common.Fit(label, min(labelWidth, w/3)))+strings.Join(parts, "  "), w))
	}
	lines = append(lines, st.Bold.Render("版本 "+v.SemVer.String())+"  "+st.State(string(v.State)).Render(workflow.Label(string(v.State))))
	field("更新", workflow.SanitizeLine(v.UpdatedBy), common.Long(v.UpdatedAt))
	if v.SubmittedBy != "" {
		field("提交人", workflow.SanitizeLine(v.SubmittedBy))
	}
	field("创建时间", common.Long(v.CreatedAt))
	if strings.TrimSpace(v.Reason) != "" {
		// While it is 审核驳回 the last change was the rejection, so its
		// author and time are the reviewer's; after 退回修改 they are not.
		head := st.Bad.Bold(true).Render("上次驳回原因")
		if v.State == workflow.VersionRejected {
			head = st.Bad.Bold(true).Render("驳回原因") + "  " + st.Muted.Render(workflow.SanitizeLine(v.UpdatedBy)+" · "+common.Long(v.UpdatedAt))
		}
		lines = append(lines, head)
		text := common.Wrap(strings.ReplaceAll(v.Reason, "\t", "    "), max(1, w-2))
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, "  "+st.Bad.Render(l))
		}
	}
	lines = append(lines, common.RefusalLines(st, m.unavailable(), w)...)
	m.detail.SetContent(strings.Join(lines, "\n"))
}

// View draws the table over the detail pane, and any dialog over both.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	view := m.table.View()
	if !m.compact {
		rule := m.ctx.Styles.Muted
		if m.focus {
			rule = m.ctx.Styles.Label
		}
		view = common.Clip(view, m.width, m.tableH)
		if n := strings.Count(view, "\n") + 1; n < m.tableH {
			view += strings.Repeat("\n", m.tableH-n)
		}
		view += "\n" + rule.Render(strings.Repeat("─", m.width)) + "\n" + m.detail.View()
	}
	if m.modal != nil {
		return dialog.Over(view, m.modal, m.width, m.height)
	}
	return common.Clip(view, m.width, m.height)
}

// ShortHelp lists what works now.
func (m *Model) ShortHelp() []key.Binding {
	if m.modal != nil {
		return m.modal.ShortHelp()
	}
	if m.table.Filtering() {
		return m.table.FilterKeys()
	}
	k := m.keys
	return append([]key.Binding{k.Submit, k.Withdraw, k.Approve, k.Reject, k.Return, k.Online, k.Offline, k.Add, k.Publish, k.Focus},
		m.table.FilterKeys()...)
}

// FullHelp groups every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp(), append(m.keys.list.Bindings(), m.keys.Focus)}
}
