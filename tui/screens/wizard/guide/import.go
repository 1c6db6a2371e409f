package guide

import (
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
	"plugpub/workflow/project"
)

// Importing the guide from the plugin project (从插件工程导入): i on a list
// asks for the project's folder, reads it in a command, shows what would
// change, asks, and, when entries the code no longer declares would go,
// asks again whether to delete or keep them. Only then is the guide
// changed, in memory; the wizard's autosave writes it like any edit, so
// the service's rules (owner, not in review, the draft's rev) apply.

// importer is the step's import state.
type importer struct {
	key     key.Binding
	modal   dialog.Modal
	lastDir string         // the folder of the last import, offered first
	pending *pendingImport // the plan on screen, waiting for an answer
	reading bool
	msg     string // the last outcome, for the message line
	bad     bool
}

// pendingImport is one read project and its plan against the guide as it
// was when the read came back; nothing can edit the guide while the
// dialogs for it are open.
type pendingImport struct {
	dir  string
	dec  project.Declared
	plan project.Plan
}

// importReadMsg carries a read project back to the step that asked.
type importReadMsg struct {
	s   *Step
	dir string
	dec project.Declared
	err error
}

// importAskMsg asks about removals after the preview was accepted.
type importAskMsg struct {
	s *Step
	p *pendingImport
}

// importApplyMsg applies an accepted plan.
type importApplyMsg struct {
	s      *Step
	p      *pendingImport
	remove bool
}

func newImporter() importer {
	return importer{key: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "import"))}
}

// importKey is the binding, enabled where it acts: a list tab with nothing open.
func (s *Step) importKey() key.Binding {
	b := s.imp.key
	b.SetEnabled(s.tab < tabInstructions && s.editor == nil && s.confirm == nil && s.imp.modal == nil && !s.imp.reading)
	return b
}

// updateImport takes the messages and keys that belong to importing;
// handled is false for everything else.
func (s *Step) updateImport(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch m := msg.(type) {
	case importReadMsg:
		if m.s == s {
			s.imported(m)
		}
		return nil, true
	case importAskMsg:
		if m.s == s && m.p == s.imp.pending {
			s.askRemovals(m.p)
		}
		return nil, true
	case importApplyMsg:
		if m.s != s || m.p != s.imp.pending {
			return nil, true
		}
		return s.applyImport(m.p, m.remove), true
	case tea.KeyMsg:
		if s.imp.modal != nil {
			cmd, _ := dialog.Step(&s.imp.modal, m)
			if s.imp.modal == nil && cmd == nil {
				s.imp.pending = nil // cancelled
			}
			return cmd, true
		}
		if s.tab < tabInstructions && s.editor == nil && s.confirm == nil {
			s.imp.msg, s.imp.bad = "", false // a key moves on from the last outcome
			if key.Matches(m, s.importKey()) {
				s.askFolder()
				return nil, true
			}
		}
	}
	return nil, false
}

// askFolder prompts for the project folder: the last one used, else the
// working directory, taken when nothing is typed.
func (s *Step) askFolder() {
	def := s.imp.lastDir
	if def == "" {
		if wd, err := os.Getwd(); err == nil {
			def = wd
		} else {
			def = "."
		}
	}
	title := "从插件工程导入接入指引 · 插件工程文件夹 (mini.project.json / project.config.json 所在, 或 plugin.json 所在)"
	p := dialog.NewPrompt(s.ctx, title, def+"  (enter: 使用它)", func(string) error { return nil },
		func(text string) tea.Cmd {
			dir := text
			if dir == "" {
				dir = def
			}
			s.imp.lastDir, s.imp.reading = dir, true
			s.imp.msg, s.imp.bad = "正在读取 "+dir+" …", false
			return readProject(s, dir)
		})
	s.imp.modal = p.SingleLine()
}

// readProject reads the project off the Update loop.
func readProject(s *Step, dir string) tea.Cmd {
	return func() tea.Msg {
		dec, err := project.Read(dir)
		return importReadMsg{s: s, dir: dir, dec: dec, err: err}
	}
}

// imported shows what a read found: the error, that nothing changes, or
// the preview to accept.
func (s *Step) imported(m importReadMsg) {
	s.imp.reading = false
	if m.err != nil {
		s.imp.msg, s.imp.bad = "✗ 导入失败 "+s.ctx.Err(m.err), true
		return
	}
	plan := project.NewPlan(s.d.Guide, m.dec)
	if plan.Empty() {
		s.imp.msg, s.imp.bad = "插件工程声明的组件、页面和接口都已在接入指引中, 没有要导入的", false
		return
	}
	p := &pendingImport{dir: m.dir, dec: m.dec, plan: plan}
	s.imp.pending = p
	s.imp.msg = ""
	onYes := func() tea.Msg { return importApplyMsg{s: s, p: p} }
	if plan.Removals() > 0 {
		onYes = func() tea.Msg { return importAskMsg{s: s, p: p} }
	}
	s.imp.modal = dialog.NewConfirm(s.ctx, "导入接入指引?", previewText(p), onYes)
}

// askRemovals is the second question: entries only the draft has are
// deleted only when the person says so; n or esc keeps them and imports
// the rest.
func (s *Step) askRemovals(p *pendingImport) {
	n := p.plan.Removals()
	var names []string
	for _, d := range []project.Diff{p.plan.Components, p.plan.Pages, p.plan.APIs} {
		names = append(names, d.Removed...)
		for _, ch := range d.Changed {
			for _, sub := range []*project.Diff{ch.Props, ch.Events} {
				if sub != nil {
					for _, r := range sub.Removed {
						names = append(names, ch.Name+"."+r)
					}
				}
			}
		}
	}
	s.imp.modal = &keepOrDelete{
		Frame:    dialog.NewFrame(s.ctx, "n / esc: keep them"),
		title:    fmt.Sprintf("删除 %d 项代码中已没有的条目?", n),
		body:     "代码中已不再声明: " + nameList(names, 6) + "\n\n其余的新增和更改照常导入。",
		styles:   &s.ctx.Styles,
		delete:   key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "delete them")),
		keep:     common.No("keep them"),
		onDelete: func() tea.Msg { return importApplyMsg{s: s, p: p, remove: true} },
		onKeep:   func() tea.Msg { return importApplyMsg{s: s, p: p} },
	}
}

// keepOrDelete is the removal question. Unlike dialog.Confirm, both
// answers go on with the import, and enter answers nothing: deleting
// must be chosen with y, and keeping is what n and esc do.
type keepOrDelete struct {
	dialog.Frame
	title, body      string
	styles           *common.Styles
	delete, keep     key.Binding
	onDelete, onKeep tea.Cmd
}

var _ dialog.Modal = (*keepOrDelete)(nil)

func (k *keepOrDelete) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(m, k.delete):
			k.Close()
			return k.onDelete
		case key.Matches(m, k.keep):
			k.Close()
			return k.onKeep
		}
	}
	return nil
}

// View draws the box as dialog.Confirm does, with its own answers.
func (k *keepOrDelete) View() string {
	width := k.Width
	inner := max(1, min(width-4, 60))
	text := k.styles.Bold.Render(common.Wrap(k.title, inner)) + "\n\n" + common.Wrap(k.body, inner) +
		"\n\n" + k.styles.Muted.Render(common.Wrap("y: 删除它们    n / esc: 保留它们", inner))
	return common.Clip(k.styles.Dialog.Render(text), width, 1<<16)
}

func (k *keepOrDelete) ShortHelp() []key.Binding { return []key.Binding{k.delete, k.keep} }

func (k *keepOrDelete) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// applyImport merges the plan into the guide and tells the wizard, which
// saves it.
func (s *Step) applyImport(p *pendingImport, remove bool) tea.Cmd {
	s.imp.pending = nil
	s.d.Guide = p.plan.Apply(s.d.Guide, remove)
	for _, l := range s.lists {
		l.undo, l.note = nil, "" // their undo points into the old lists
		l.clamp()
	}
	s.checks.reset()
	c := p.plan.Counts(remove)
	parts := []string{fmt.Sprintf("新增 %d", c.Added), fmt.Sprintf("更改 %d", c.Changed)}
	if c.Removed > 0 {
		parts = append(parts, fmt.Sprintf("删除 %d", c.Removed))
	}
	if c.Kept > 0 {
		parts = append(parts, fmt.Sprintf("保留代码中已没有的 %d 项", c.Kept))
	}
	s.imp.msg, s.imp.bad = "已从 "+p.dir+" 导入: "+strings.Join(parts, " · "), false
	return step.Edited
}

// importOutcome is the last import's outcome wrapped to w cells, on at
// most three lines and at most maxLines, each exactly w cells; nil when
// there is none.
func (s *Step) importOutcome(w, maxLines int) []string {
	if s.imp.msg == "" || w <= 0 {
		return nil
	}
	lines := strings.Split(common.Wrap(workflow.SanitizeLine(s.imp.msg), w), "\n")
	if n := max(1, min(3, maxLines)); len(lines) > n {
		lines = lines[:n]
		lines[n-1] += "…" // Fit cuts it back to w and keeps the mark
	}
	for i, l := range lines {
		lines[i] = common.Fit(l, w)
	}
	return lines
}

// previewText says what importing would do, list by list, with names
// (sanitised when drawn: the dialog wraps it with common.Wrap).
func previewText(p *pendingImport) string {
	var b strings.Builder
	dec := p.dec
	fmt.Fprintf(&b, "插件工程 %s (%s, %d 个文件)\n", p.dir, dec.Dialect, len(dec.Files))
	for _, sec := range []struct {
		title string
		d     project.Diff
	}{{"组件", p.plan.Components}, {"页面", p.plan.Pages}, {"接口", p.plan.APIs}} {
		d := sec.d
		if len(d.Added)+len(d.Changed)+len(d.Removed) == 0 {
			continue
		}
		var changed []string
		for _, c := range d.Changed {
			changed = append(changed, c.Name)
		}
		b.WriteString("\n" + sec.title + ":")
		if len(d.Added) > 0 {
			fmt.Fprintf(&b, "\n  + 新增 %d: %s", len(d.Added), nameList(d.Added, 4))
		}
		if len(changed) > 0 {
			fmt.Fprintf(&b, "\n  ~ 更改 %d: %s", len(changed), nameList(changed, 4))
		}
		if len(d.Removed) > 0 {
			fmt.Fprintf(&b, "\n  - 仅草稿有 %d: %s", len(d.Removed), nameList(d.Removed, 4))
		}
	}
	if n := len(p.plan.Notes); n > 0 {
		fmt.Fprintf(&b, "\n\n说明: %s", p.plan.Notes[0])
		if n > 1 {
			fmt.Fprintf(&b, " (另有 %d 条)", n-1)
		}
	}
	if n := len(dec.Warnings); n > 0 {
		fmt.Fprintf(&b, "\n警告: %s", dec.Warnings[0])
		if n > 1 {
			fmt.Fprintf(&b, " (另有 %d 条)", n-1)
		}
	}
	b.WriteString("\n\n已填写的描述、默认值和参数都会保留。")
	return b.String()
}

// nameList joins at most n names, each on one line and cut short.
func nameList(names []string, n int) string {
	var out []string
	for i, name := range names {
		if i == n {
			out = append(out, fmt.Sprintf("等 %d 个", len(names)))
			break
		}
		name = workflow.SanitizeLine(name)
		if r := []rune(name); len(r) > 24 {
			name = string(r[:23]) + "…"
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}
