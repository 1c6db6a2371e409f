// Package info is ① 插件信息 of the publish wizard: a huh form over the
// draft's Info, validated by workflow's rules as the developer types, with
// the logo read from a file and stored, and 填写样例.
package info

import (
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// Messages carry their step, so an answer meant for a wizard that was
// closed is not taken by the next one.
type (
	// formDoneMsg is the form's SubmitCmd and CancelCmd: huh's own would
	// end the program.
	formDoneMsg struct {
		owner *Step
		gen   int
	}
	logoTickMsg struct {
		owner *Step
		edit  int
	}
	logoMsg struct {
		owner *Step
		seq   int
		path  string
		ref   string
		err   error
	}
	sampleMsg struct{ owner *Step }
	// refreshMsg makes the form lay itself out again after a field's
	// description changed outside its Update.
	refreshMsg struct{}
)

type keyMap struct {
	Sample key.Binding
}

// Step is ① 插件信息. It edits *d in place; the wizard owns and saves it.
type Step struct {
	ctx    *common.Context
	d      *workflow.Draft
	keys   keyMap
	theme  *huh.Theme
	keymap *huh.KeyMap

	form   *huh.Form
	gen    int // bumps with every form built
	fields [nFields]huh.Field
	// describe sets a field's description, which is where its problem or
	// hint shows; desc is what each shows now.
	describe [nFields]func(string)
	desc     [nFields]string
	// touched fields show their problems: a field the developer edited or
	// left, or one a problem jump pointed at. An untouched empty form is
	// not a wall of "required".
	touched [nFields]bool

	// footer is the line under the form: the problems of fields out of
	// sight, since huh scrolls the focused field to the top and a field
	// just left disappears with its problem.
	footer string

	// notes are the reviewer's notes on the 驳回 the draft answers: each
	// is drawn under its field, marked ✎ until resolved.
	notes []workflow.NoteStatus

	logo    logoState
	confirm *dialog.Confirm
	pending []tea.Cmd // from changes made outside Update, such as Load

	width, height int
}

var _ step.Step = (*Step)(nil)

// New builds the step over *d, which the wizard may fill later and then
// call Load. The plugin is the wizard's business: the logo store is
// content-addressed, not per plugin.
func New(ctx *common.Context, pluginID string, d *workflow.Draft) *Step {
	s := &Step{
		ctx: ctx, d: d,
		keys: keyMap{
			Sample: key.NewBinding(key.WithKeys("ctrl+l", "f2"), key.WithHelp("ctrl+l", "填写样例")),
		},
		theme:  newTheme(&ctx.Styles),
		keymap: newKeyMap(),
		width:  ctx.Width, height: ctx.Height,
	}
	s.Load(d)
	return s
}

// Init emits what a Load left to say, such as a draft the form had to
// correct.
func (s *Step) Init() tea.Cmd { return s.takePending() }

func (s *Step) takePending() tea.Cmd {
	if len(s.pending) == 0 {
		return nil
	}
	cmd := tea.Batch(s.pending...)
	s.pending = nil
	return cmd
}

// Load shows the draft again after the wizard replaced it. The form is
// built anew: its fields hold copies of the values and would write the old
// ones back at the next message.
func (s *Step) Load(d *workflow.Draft) {
	s.d = d
	s.logo = logoState{}
	s.confirm = nil
	s.pending = nil // they were about the draft replaced
	// What the draft already holds is checked at once; empty fields wait
	// until they are visited.
	for i, sp := range specs {
		s.touched[i] = sp.value(d.Info) != ""
	}
	at := 0
	if s.form != nil {
		at = s.focused()
	}
	s.rebuild(at)
}

// rebuild builds a new form focused on field at, and notes an edit when
// building it had to change the draft.
func (s *Step) rebuild(at int) {
	before := cloneInfo(s.d.Info)
	s.buildForm(at)
	if s.changedFields(before) {
		s.pending = append(s.pending, step.Edited)
	}
	s.refreshDescriptions(true)
}

// Update handles a key or a message the step or its form asked for.
func (s *Step) Update(msg tea.Msg) tea.Cmd {
	cmds := []tea.Cmd{s.takePending()}
	switch msg := msg.(type) {
	case step.EditedMsg:
		return tea.Batch(cmds...) // the wizard's
	case cursor.BlinkMsg:
		return tea.Batch(cmds...) // see steadyCursor
	case formDoneMsg:
		if msg.owner == s && msg.gen == s.gen && s.form.State != huh.StateNormal {
			s.rebuild(nFields - 1)
		}
		return tea.Batch(cmds...)
	case logoTickMsg:
		if msg.owner == s && msg.edit == s.logo.edit {
			cmds = append(cmds, s.checkLogo())
		}
		return tea.Batch(cmds...)
	case logoMsg:
		if msg.owner == s {
			cmds = append(cmds, s.logoDone(msg))
		}
		return tea.Batch(cmds...)
	case sampleMsg:
		if msg.owner == s {
			cmds = append(cmds, s.fillSample())
		}
		return tea.Batch(cmds...)
	case tea.KeyMsg:
		if s.confirm != nil {
			cmd, _ := dialog.Step(&s.confirm, msg)
			return tea.Batch(append(cmds, cmd)...)
		}
		if key.Matches(msg, s.keys.Sample) {
			return tea.Batch(append(cmds, s.askSample())...)
		}
	}
	return tea.Batch(append(cmds, s.forward(msg))...)
}

// forward gives msg to the form and then does what its fields cannot: tell
// the wizard the draft changed, show each field's problem, check the logo
// when its field is left, and keep the form alive when it completes.
func (s *Step) forward(msg tea.Msg) tea.Cmd {
	// bubbles' inputs hang or panic on a few editing keys (see common).
	switch in := innerInput(s.fields[s.focused()]).(type) {
	case *textarea.Model:
		if common.GuardWordLeft(in, msg) {
			return nil
		}
	case *textinput.Model:
		msg = common.GuardDeleteWordForward(in, msg)
	}
	before, from, path := cloneInfo(s.d.Info), s.focused(), s.logo.path
	_, cmd := s.form.Update(msg)
	cmds := []tea.Cmd{cmd}

	// huh moves a select's cursor to the last option with G or end without
	// choosing it, unlike every other move; the cursor is the choice.
	switch s.focused() {
	case fBuyers:
		if v, ok := s.fields[fBuyers].(*huh.Select[string]).Hovered(); ok {
			s.d.Info.Buyers = v
		}
	case fOrderReview:
		if v, ok := s.fields[fOrderReview].(*huh.Select[string]).Hovered(); ok {
			orderReviewAccessor{&s.d.Info.OrderReview}.Set(v)
		}
	case fShow:
		if v, ok := s.fields[fShow].(*huh.Select[string]).Hovered(); ok {
			showAccessor{&s.d.Info.ShowAfterRelease}.Set(v)
		}
	}

	if s.form.State != huh.StateNormal {
		// enter on the last field "submits": the step has nowhere to go,
		// the wizard moves between steps.
		s.rebuild(nFields - 1)
		cmds = append(cmds, common.Info(s.ctx.T("插件信息: ctrl+n goes on to ② 接入指引")))
	}
	if to := s.focused(); to != from {
		s.touched[from] = true
		if from == fLogo {
			cmds = append(cmds, s.checkLogo())
		}
	}
	if s.logo.path != path {
		s.logo.edit++
		s.logo.okPath, s.logo.err = "", ""
		edit := s.logo.edit
		cmds = append(cmds, tea.Tick(LogoDelay, func(time.Time) tea.Msg { return logoTickMsg{owner: s, edit: edit} }))
	}
	if sanitizeInfo(&s.d.Info) {
		// Pasted text brought characters the terminal must not see; the
		// fields hold copies, so they are built again.
		s.buildForm(s.focused())
	}
	if s.changedFields(before) {
		cmds = append(cmds, step.Edited)
	}
	s.refreshDescriptions(false)
	return tea.Batch(cmds...)
}

// refreshDescriptions shows each field's problem, or its hint, under its
// title, and lays the form out again when any changed.
func (s *Step) refreshDescriptions(force bool) {
	changed := force
	for i := range specs {
		if d := s.description(i); d != s.desc[i] {
			s.desc[i] = d
			s.describe[i](d)
			changed = true
		}
	}
	if changed {
		s.form.Update(refreshMsg{})
	}
	s.footer = s.footerLine()
}

// footerLine names the first problem of a field other than the focused
// one, or the keys to move, so the line is never empty.
func (s *Step) footerLine() string {
	st := &s.ctx.Styles
	at := s.focused()
	var problems []string
	for i, sp := range specs {
		if i == at || !s.touched[i] || sp.check == nil {
			continue
		}
		if err := sp.check(s.d.Info); err != nil {
			problems = append(problems, s.ctx.Err(err))
		}
	}
	if at != fLogo && s.logo.err != "" {
		problems = append(problems, s.ctx.T("logo: %s", s.logo.err))
	}
	switch len(problems) {
	case 0:
		return st.Muted.Render(s.ctx.T("tab / shift+tab: next / previous field · ctrl+l: 填写样例"))
	case 1:
		return st.Error.Render("✗ " + problems[0])
	}
	return st.Error.Render(s.ctx.T("✗ %s (+%d more)", problems[0], len(problems)-1))
}

// SetNotes shows the reviewer's notes under their fields.
func (s *Step) SetNotes(ns []workflow.NoteStatus) {
	s.notes = ns
	if s.form != nil {
		s.refreshDescriptions(false)
	}
}

// noteLines is what the reviewer noted on field i, one line each: ✎ while
// the field is unchanged since the 驳回, ✓ once it changed.
func (s *Step) noteLines(i int) string {
	st := &s.ctx.Styles
	path := "info." + specs[i].name
	var out []string
	for _, n := range s.notes {
		if n.Path != path && !strings.HasPrefix(n.Path, path+"[") {
			continue
		}
		if n.Resolved {
			out = append(out, st.Muted.Render("✓ 已解决的批注: "+workflow.SanitizeLine(n.Text)))
		} else {
			out = append(out, st.Warn.Render("✎ 审核批注: "+workflow.SanitizeLine(n.Text)))
		}
	}
	return strings.Join(out, "\n")
}

func (s *Step) description(i int) string {
	d := s.fieldDescription(i)
	if n := s.noteLines(i); n != "" {
		return n + "\n" + d
	}
	return d
}

func (s *Step) fieldDescription(i int) string {
	st := &s.ctx.Styles
	if i == fLogo {
		return s.logoDescription()
	}
	sp := specs[i]
	if s.touched[i] && sp.check != nil {
		if err := sp.check(s.d.Info); err != nil {
			return st.Error.Render("✗ " + s.ctx.Err(err))
		}
	}
	return sp.hint.Localize(s.ctx.Printer)
}

// askSample fills the sample at once into an empty form, and asks first
// when that would overwrite something typed.
func (s *Step) askSample() tea.Cmd {
	if !s.holdsText() {
		return s.fillSample()
	}
	owner := s
	s.confirm = dialog.NewConfirm(s.ctx, "填写样例",
		s.ctx.T("Replace what the 插件信息 fields hold with the sample? The logo is kept."),
		func() tea.Msg { return sampleMsg{owner: owner} })
	return nil
}

// holdsText reports whether the developer has put anything into the form
// that the sample would overwrite; the selects' defaults do not count.
func (s *Step) holdsText() bool {
	in := s.d.Info
	for _, v := range []string{in.Title, in.Intro, in.Description, in.Usage, in.Cases, in.PCURL, in.Contact} {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return len(in.Abilities) > 0
}

// fillSample replaces the info with workflow's sample, keeping the logo.
func (s *Step) fillSample() tea.Cmd {
	sample := workflow.SampleDraft().Info
	sample.Logo = s.d.Info.Logo
	s.d.Info = sample
	for i := range s.touched {
		s.touched[i] = true
	}
	s.logo.err = ""
	s.rebuild(s.focused())
	return tea.Batch(s.takePending(), step.Edited)
}

// View draws the form, scrolled to the focused field, within the size.
func (s *Step) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	v := s.form.View()
	if s.formHeight() < s.height {
		v = common.Clip(v, s.width, s.formHeight()) + "\n" + common.Fit(s.footer, s.width)
	}
	if s.confirm != nil {
		v = dialog.Over(v, s.confirm, s.width, s.height)
	}
	return common.Clip(v, s.width, s.height)
}

// SetSize builds the form again at the new size: huh shrinks fields to fit
// a small height and never grows them back.
func (s *Step) SetSize(width, height int) {
	if width == s.width && height == s.height {
		return
	}
	s.width, s.height = width, height
	s.rebuild(s.focused())
}

// Capturing is true while a text field (an input or a long text) has
// focus, where q and ? are text, or the 填写样例 question is open. On the
// pickers (功能类型, 可订购人群, 发布后是否展示) they are the root's.
func (s *Step) Capturing() bool {
	if s.confirm != nil {
		return true
	}
	switch s.fields[s.focused()].(type) {
	case *huh.Input, *huh.Text:
		return true
	}
	return false
}

// Open is true while the 填写样例 question is open, so esc answers it
// instead of leaving the wizard.
func (s *Step) Open() bool { return s.confirm != nil }

// ShortHelp is the focused field's keys and 填写样例.
func (s *Step) ShortHelp() []key.Binding {
	if s.confirm != nil {
		return s.confirm.ShortHelp()
	}
	return append(slices.Clone(s.form.KeyBinds()), s.keys.Sample)
}

// FullHelp groups the same keys.
func (s *Step) FullHelp() [][]key.Binding {
	if s.confirm != nil {
		return [][]key.Binding{s.confirm.ShortHelp()}
	}
	return [][]key.Binding{slices.Clone(s.form.KeyBinds()), {s.keys.Sample}}
}

// Focus moves to the field a problem path such as "info.contact" or
// "info.abilities[2]" names, and shows its problem.
func (s *Step) Focus(path string) bool {
	rest, ok := strings.CutPrefix(path, "info.")
	if !ok {
		return false
	}
	name, _, _ := strings.Cut(rest, "[")
	name, _, _ = strings.Cut(name, ".")
	for i, sp := range specs {
		if sp.name != name {
			continue
		}
		s.confirm = nil
		before, from := cloneInfo(s.d.Info), s.focused()
		for n := 0; n < nFields && s.focused() < i; n++ {
			s.form.NextField()
		}
		for n := 0; n < nFields && s.focused() > i; n++ {
			s.form.PrevField()
		}
		s.touched[i] = true
		if from != i {
			s.touched[from] = true
			if from == fLogo {
				s.pending = append(s.pending, s.checkLogo())
			}
		}
		if s.changedFields(before) {
			s.pending = append(s.pending, step.Edited)
		}
		s.refreshDescriptions(false)
		return true
	}
	return false
}
