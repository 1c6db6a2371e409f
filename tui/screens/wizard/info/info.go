// Package info is ① 插件信息 of the publish wizard: a huh form over the
// draft's Info, validated by workflow's rules as the developer types, with
// the logo read from a file and stored, and 填写样例.
package info

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// LogoDelay is how long the logo path must stay unchanged before it is
// checked without leaving the field: a pasted path is stored without a tab,
// and a path typed by hand is not read at every keystroke.
const LogoDelay = 400 * time.Millisecond

// The form is never narrower or shorter than this; View clips what does not
// fit, which is better than huh laying fields out in a negative width.
const (
	minFormWidth  = 24
	minFormHeight = 3
	// Below this height the footer gives its line to the form.
	minFooterHeight = 6
)

// Field indexes in form order, which is DESIGN.md's order.
const (
	fTitle = iota
	fIntro
	fDescription
	fLogo
	fAbilities
	fBuyers
	fShow
	fUsage
	fCases
	fPCURL
	fContact
	nFields
)

// spec describes one field: its draft JSON name (the tail of a problem path
// such as "info.title"), its label, the hint shown while it has no problem,
// its value as text (to tell what changed) and its workflow rule.
type spec struct {
	name  string
	title string
	hint  string
	value func(workflow.Info) string
	check func(workflow.Info) error
}

var specs = [nFields]spec{
	fTitle: {"title", "服务标题", "required, 2–20 characters",
		func(in workflow.Info) string { return in.Title },
		func(in workflow.Info) error { return workflow.ValidateTitle(in.Title) }},
	fIntro: {"intro", "简单介绍", "required, one line of at most 50 characters; shown in lists and search results",
		func(in workflow.Info) string { return in.Intro },
		func(in workflow.Info) error { return workflow.ValidateIntro(in.Intro) }},
	fDescription: {"description", "服务描述", "required; enter starts a new line, tab goes on",
		func(in workflow.Info) string { return in.Description },
		func(in workflow.Info) error { return workflow.ValidateDescription(in.Description) }},
	fLogo: {"logo", "Logo", "optional: the path of a PNG or JPEG file of at most 2 MiB",
		func(in workflow.Info) string { return in.Logo },
		func(in workflow.Info) error { return workflow.ValidateLogo(in.Logo) }},
	fAbilities: {"abilities", "功能类型", "at least one; space or x picks",
		func(in workflow.Info) string { return strings.Join(in.Abilities, "\x00") },
		func(in workflow.Info) error { return workflow.ValidateAbilities(in.Abilities) }},
	fBuyers: {"buyers", "可订购人群", "who may order the plugin",
		func(in workflow.Info) string { return in.Buyers },
		func(in workflow.Info) error { return workflow.ValidateBuyers(in.Buyers) }},
	fShow: {"show_after_release", "发布后是否展示", "whether the market shows the listing once it is listed",
		func(in workflow.Info) string { return fmt.Sprint(in.ShowAfterRelease) },
		nil},
	fUsage: {"usage", "接入玩法", "required; how a mini program starts using the plugin",
		func(in workflow.Info) string { return in.Usage },
		func(in workflow.Info) error { return workflow.ValidateUsage(in.Usage) }},
	fCases: {"cases", "案例介绍", "optional; who uses the plugin and what it changed for them",
		func(in workflow.Info) string { return in.Cases },
		func(in workflow.Info) error { return workflow.ValidateCases(in.Cases) }},
	fPCURL: {"pc_url", "PC端url", "optional, an https:// address",
		func(in workflow.Info) string { return in.PCURL },
		func(in workflow.Info) error { return workflow.ValidatePCURL(in.PCURL) }},
	fContact: {"contact", "客服联系方式", "required: a phone number or an e-mail address",
		func(in workflow.Info) string { return in.Contact },
		func(in workflow.Info) error { return workflow.ValidateContact(in.Contact) }},
}

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

// logoState is the logo path field and what became of it. The path is not
// part of the draft: the draft holds the stored image's reference.
type logoState struct {
	path    string // bound to the input
	edit    int    // bumps with every change of path
	seq     int    // bumps with every check started
	pending string // the path being checked
	okPath  string // the path last stored, until the path changes
	err     string
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

// newTheme derives huh's theme from the app's: ANSI colours only, because an
// adaptive colour makes lipgloss ask the terminal for its background, which
// stalls where nothing answers. Focus and choices read without colour too:
// a bar marks the focused field, [x] a chosen ability, > the chosen option.
func newTheme(st *common.Styles) *huh.Theme {
	t := huh.ThemeBase()
	t.Help = st.Help
	t.FieldSeparator = lipgloss.NewStyle().SetString("\n\n")
	t.Group.Title = st.Heading
	t.Group.Description = st.Muted

	f := &t.Focused
	f.Base = f.Base.BorderForeground(lipgloss.Color("6"))
	f.Card = f.Base
	f.Title = st.Header
	f.NoteTitle = st.Header
	f.Description = st.Muted
	f.ErrorIndicator = st.Error.SetString(" *")
	f.ErrorMessage = st.Error
	f.SelectSelector = st.Warn.SetString("> ")
	f.MultiSelectSelector = st.Warn.SetString("> ")
	f.NextIndicator = st.Warn.MarginLeft(1).SetString(">")
	f.PrevIndicator = st.Warn.MarginRight(1).SetString("<")
	f.Option = lipgloss.NewStyle()
	f.SelectedOption = st.Good
	f.UnselectedOption = lipgloss.NewStyle()
	f.SelectedPrefix = st.Good.SetString("[x] ")
	f.UnselectedPrefix = lipgloss.NewStyle().SetString("[ ] ")
	f.FocusedButton = st.Selected.Padding(0, 2).MarginRight(1)
	f.BlurredButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1)
	f.Next = f.FocusedButton
	f.TextInput = huh.TextInputStyles{
		Cursor:      lipgloss.NewStyle(),
		CursorText:  lipgloss.NewStyle(),
		Placeholder: st.Muted,
		Prompt:      st.Label,
		Text:        lipgloss.NewStyle(),
	}

	t.Blurred = t.Focused
	b := &t.Blurred
	b.Base = b.Base.BorderStyle(lipgloss.HiddenBorder())
	b.Card = b.Base
	b.Title = st.Label
	b.MultiSelectSelector = lipgloss.NewStyle().SetString("  ")
	b.NextIndicator = lipgloss.NewStyle()
	b.PrevIndicator = lipgloss.NewStyle()
	return t
}

// none is a binding with no keys: it never matches, whatever huh enables.
func none() key.Binding { return key.NewBinding() }

// newKeyMap is huh's keymap made fit for a form inside a program that is
// not huh's: ctrl+c belongs to the root, so the form cannot be aborted; in
// the long texts enter starts a new line (they hold paragraphs and lists)
// and tab goes on; there is nothing to filter among three options, and the
// filter's esc would fight the wizard's; and the external editor is off
// (see buildForm).
func newKeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = none()
	k.Input.AcceptSuggestion = none()
	k.Input.Submit = common.Enter("done")
	k.Text.Next = common.Tab("next")
	k.Text.NewLine = common.Enter("new line", "alt+enter", "ctrl+j")
	k.Text.Editor = none()
	k.Text.Submit = none()
	k.Select.Filter, k.Select.SetFilter, k.Select.ClearFilter = none(), none(), none()
	k.MultiSelect.Filter, k.MultiSelect.SetFilter, k.MultiSelect.ClearFilter = none(), none(), none()
	return k
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

// buildForm makes the form. A huh form cannot be restarted once it has
// completed, and its fields keep their own copies of the values, so every
// change from outside (Load, 填写样例, a resize) gets a new one.
func (s *Step) buildForm(at int) {
	s.gen++
	in := &s.d.Info
	sanitizeInfo(in)
	if in.Abilities == nil {
		in.Abilities = []string{}
	}
	// A select has no "none": huh would show, and write back, its first
	// option for a value it does not offer. The draft's default is fairer.
	if workflow.ValidateBuyers(in.Buyers) != nil {
		in.Buyers = workflow.NewDraft().Info.Buyers
	}

	theme := s.theme
	// Every field gets the theme before anything renders it: huh falls
	// back to its Charm theme, whose adaptive colours query the terminal.
	// Every field's CharLimit is its limit (step.CharLimit), so a paste
	// cannot make a draft the store refuses.
	input := func(name string, v *string) *huh.Input {
		f := huh.NewInput()
		f.WithTheme(theme)
		return f.CharLimit(step.CharLimit("info."+name, false, *v)).Value(v)
	}
	text := func(name string, v *string, lines int) *huh.Text {
		f := huh.NewText()
		f.WithTheme(theme)
		// huh's external editor sends its result to every Text field of
		// the group, overwriting all three long texts with one.
		return f.ExternalEditor(false).Lines(lines).CharLimit(step.CharLimit("info."+name, true, *v)).Value(v)
	}
	title := input("title", &in.Title)
	intro := input("intro", &in.Intro)
	desc := text("description", &in.Description, 5)
	// A file path, not a draft field: its limit is the operating system's.
	logo := huh.NewInput()
	logo.WithTheme(theme)
	logo.Value(&s.logo.path)
	abilities := huh.NewMultiSelect[string]()
	abilities.WithTheme(theme)
	abilities.Filterable(false).Options(huh.NewOptions(workflow.Abilities...)...).Value(&in.Abilities)
	// Options go before values: huh scrolls a select to the option its
	// value matches when the options are set, and never back, so a select
	// whose empty value matches nothing starts unscrolled.
	buyers := huh.NewSelect[string]()
	buyers.WithTheme(theme)
	buyers.Options(huh.NewOptions(workflow.Buyers...)...).Value(&in.Buyers)
	show := huh.NewSelect[string]()
	show.WithTheme(theme)
	show.Options(huh.NewOptions(showOptions[:]...)...).Accessor(showAccessor{&in.ShowAfterRelease})
	usage := text("usage", &in.Usage, 5)
	cases := text("cases", &in.Cases, 4)
	pcURL := input("pc_url", &in.PCURL)
	contact := input("contact", &in.Contact)

	s.fields = [nFields]huh.Field{title, intro, desc, logo, abilities, buyers, show, usage, cases, pcURL, contact}
	s.describe = [nFields]func(string){
		func(d string) { title.Description(d) }, func(d string) { intro.Description(d) },
		func(d string) { desc.Description(d) }, func(d string) { logo.Description(d) },
		func(d string) { abilities.Description(d) }, func(d string) { buyers.Description(d) },
		func(d string) { show.Description(d) }, func(d string) { usage.Description(d) },
		func(d string) { cases.Description(d) }, func(d string) { pcURL.Description(d) },
		func(d string) { contact.Description(d) },
	}
	titles := []func(string){
		func(t string) { title.Title(t) }, func(t string) { intro.Title(t) },
		func(t string) { desc.Title(t) }, func(t string) { logo.Title(t) },
		func(t string) { abilities.Title(t) }, func(t string) { buyers.Title(t) },
		func(t string) { show.Title(t) }, func(t string) { usage.Title(t) },
		func(t string) { cases.Title(t) }, func(t string) { pcURL.Title(t) },
		func(t string) { contact.Title(t) },
	}
	for i, sp := range specs {
		titles[i](sp.title)
		s.desc[i] = sp.hint
		s.describe[i](sp.hint)
	}
	for _, f := range s.fields {
		steadyCursor(f)
	}

	w, h := max(s.width, minFormWidth), max(s.formHeight(), minFormHeight)
	form := huh.NewForm(huh.NewGroup(s.fields[:]...)).
		WithTheme(theme).WithKeyMap(s.keymap).
		// Help is the wizard's footer and problems show on their fields;
		// huh's own footer would also not fit in the height it was given.
		WithShowHelp(false).WithShowErrors(false).
		WithWidth(w).WithHeight(h)
	gen := s.gen
	form.SubmitCmd = func() tea.Msg { return formDoneMsg{owner: s, gen: gen} }
	form.CancelCmd = form.SubmitCmd
	// Init focuses the first field as it runs; its command only asks the
	// terminal for the window size and starts the cursor, neither wanted.
	_ = form.Init()
	s.form = form
	for range min(at, nFields-1) {
		s.form.NextField()
	}
}

// formHeight leaves the footer its line when there is room for both.
func (s *Step) formHeight() int {
	if s.height >= minFooterHeight {
		return s.height - 1
	}
	return s.height
}

// showOptions are 发布后是否展示's choices, true first.
var showOptions = [2]string{"展示", "隐藏"}

// showAccessor lets a select of strings edit the bool: a select of bools
// would match false, 隐藏, before it has a value, and scroll to it.
type showAccessor struct{ p *bool }

func (a showAccessor) Get() string {
	if *a.p {
		return showOptions[0]
	}
	return showOptions[1]
}

func (a showAccessor) Set(v string) { *a.p = v == showOptions[0] }

// steadyCursor stops a huh text field's cursor from blinking and gives its
// textarea plain styles. huh v1 keeps the bubbles models it wraps
// unexported and offers neither setting. A blinking cursor redraws the
// screen twice a second and keeps a command in flight forever, which a
// test driver that runs commands to completion never finishes; bubbles'
// default textarea styles use adaptive colours (see newTheme). Should huh
// rename its fields, this does nothing and Update still drops the blinks.
func steadyCursor(f huh.Field) {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	v = v.Elem()
	for _, name := range []string{"textinput", "textarea"} {
		fv := v.FieldByName(name)
		if !fv.IsValid() || !fv.CanAddr() {
			continue
		}
		switch m := reflect.NewAt(fv.Type(), unsafe.Pointer(fv.UnsafeAddr())).Interface().(type) {
		case *textinput.Model:
			m.Cursor.SetMode(cursor.CursorStatic)
		case *textarea.Model:
			m.Cursor.SetMode(cursor.CursorStatic)
			plain := textarea.Style{
				Base: lipgloss.NewStyle(), CursorLine: lipgloss.NewStyle(), CursorLineNumber: lipgloss.NewStyle(),
				EndOfBuffer: lipgloss.NewStyle(), LineNumber: lipgloss.NewStyle(), Placeholder: lipgloss.NewStyle(),
				Prompt: lipgloss.NewStyle(), Text: lipgloss.NewStyle(),
			}
			m.FocusedStyle, m.BlurredStyle = plain, plain
		}
	}
}

// innerInput is the bubbles *textinput.Model or *textarea.Model inside a
// huh input or text field, reached as steadyCursor reaches it, or nil.
func innerInput(f huh.Field) any {
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	for _, name := range []string{"textinput", "textarea"} {
		if fv := v.Elem().FieldByName(name); fv.IsValid() && fv.CanAddr() {
			return reflect.NewAt(fv.Type(), unsafe.Pointer(fv.UnsafeAddr())).Interface()
		}
	}
	return nil
}

// sanitizeInfo keeps escape sequences, control characters and bidi
// overrides out of the fields, which draw their text as it is. The widgets
// would drop control characters anyway, and leave the rest of an escape
// sequence behind as text.
func sanitizeInfo(in *workflow.Info) bool {
	changed := false
	for _, p := range []*string{&in.Title, &in.Intro, &in.PCURL, &in.Contact} {
		if v := workflow.SanitizeLine(*p); v != *p {
			*p, changed = v, true
		}
	}
	for _, p := range []*string{&in.Description, &in.Usage, &in.Cases} {
		if v := workflow.Sanitize(*p); v != *p {
			*p, changed = v, true
		}
	}
	return changed
}

func cloneInfo(in workflow.Info) workflow.Info {
	in.Abilities = slices.Clone(in.Abilities)
	return in
}

// changedFields marks the fields whose values differ from before as
// touched and reports whether any did.
func (s *Step) changedFields(before workflow.Info) bool {
	changed := false
	for i, sp := range specs {
		if sp.value(before) != sp.value(s.d.Info) {
			s.touched[i], changed = true, true
		}
	}
	return changed
}

// focused is the index of the field with focus.
func (s *Step) focused() int {
	f := s.form.GetFocusedField()
	for i, g := range s.fields {
		if g == f {
			return i
		}
	}
	return 0
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
	case fShow:
		if v, ok := s.fields[fShow].(*huh.Select[string]).Hovered(); ok {
			showAccessor{&s.d.Info.ShowAfterRelease}.Set(v)
		}
	}

	if s.form.State != huh.StateNormal {
		// enter on the last field "submits": the step has nowhere to go,
		// the wizard moves between steps.
		s.rebuild(nFields - 1)
		cmds = append(cmds, common.Info("插件信息: ctrl+n goes on to ② 接入指引"))
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
			problems = append(problems, err.Error())
		}
	}
	if at != fLogo && s.logo.err != "" {
		problems = append(problems, "logo: "+s.logo.err)
	}
	switch len(problems) {
	case 0:
		return st.Muted.Render("tab / shift+tab: next / previous field · ctrl+l: 填写样例")
	case 1:
		return st.Error.Render("✗ " + problems[0])
	}
	return st.Error.Render(fmt.Sprintf("✗ %s (+%d more)", problems[0], len(problems)-1))
}

func (s *Step) description(i int) string {
	st := &s.ctx.Styles
	if i == fLogo {
		return s.logoDescription()
	}
	sp := specs[i]
	if s.touched[i] && sp.check != nil {
		if err := sp.check(s.d.Info); err != nil {
			return st.Error.Render("✗ " + err.Error())
		}
	}
	return sp.hint
}

// logoDescription says what became of the path, else what is stored.
func (s *Step) logoDescription() string {
	st := &s.ctx.Styles
	l := &s.logo
	ref := s.d.Info.Logo
	switch {
	case l.pending != "":
		return "checking " + workflow.SanitizeLine(l.pending) + " …"
	case l.err != "":
		return st.Error.Render("✗ " + l.err)
	case l.okPath != "" && ref != "":
		return st.Good.Render("✓ stored · 已上传 " + shortRef(ref))
	case ref != "":
		if err := workflow.ValidateLogo(ref); err != nil {
			return st.Error.Render("✗ " + err.Error())
		}
		return st.Good.Render("已上传 "+shortRef(ref)) + "; a path replaces it, an empty one keeps it"
	}
	return specs[fLogo].hint
}

func shortRef(ref string) string {
	if len(ref) > len(workflow.LogoRefPrefix)+12 {
		return ref[:len(workflow.LogoRefPrefix)+12] + "…"
	}
	return ref
}

// checkLogo reads, checks and stores the file the logo path names, off the
// Update loop. An empty path keeps the current logo; a path already stored
// or being checked is not read again.
func (s *Step) checkLogo() tea.Cmd {
	l := &s.logo
	p := cleanPath(l.path)
	if p == "" {
		l.err = ""
		return nil
	}
	if p == l.pending || p == l.okPath {
		return nil
	}
	l.seq++
	l.pending, l.err = p, ""
	s.refreshDescriptions(false)
	owner, seq, svc := s, l.seq, s.ctx.Svc
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		ref, err := storeLogo(ctx, svc, p)
		return logoMsg{owner: owner, seq: seq, path: p, ref: ref, err: err}
	}
}

// logoDone takes a check's answer, unless a later check or an edit of the
// path made it stale.
func (s *Step) logoDone(msg logoMsg) tea.Cmd {
	l := &s.logo
	if msg.seq != l.seq {
		return nil
	}
	l.pending = ""
	defer s.refreshDescriptions(false)
	if msg.path != cleanPath(l.path) {
		return nil
	}
	if msg.err != nil {
		l.err = workflow.SanitizeLine(strings.TrimPrefix(msg.err.Error(), "info.logo: "))
		return nil
	}
	l.okPath = msg.path
	s.touched[fLogo] = true
	if s.d.Info.Logo == msg.ref {
		return nil
	}
	s.d.Info.Logo = msg.ref
	return step.Edited
}

// cleanPath undoes what terminals add when a file is dropped on them or a
// path is pasted: surrounding quotes, a file:// prefix, escaped spaces.
func cleanPath(p string) string {
	p = strings.TrimSpace(p)
	if len(p) >= 2 && (p[0] == '\'' || p[0] == '"') && p[len(p)-1] == p[0] {
		p = p[1 : len(p)-1]
	}
	p = strings.TrimPrefix(p, "file://")
	return strings.ReplaceAll(p, `\ `, " ")
}

// storeLogo reads the file at path and stores it through the service,
// which checks it by its bytes.
func storeLogo(ctx context.Context, svc *workflow.Service, path string) (string, error) {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(home, rest)
	}
	data, err := workflow.ReadLogoFile(path)
	if err != nil {
		return "", err
	}
	return svc.PutLogo(ctx, data)
}

// askSample fills the sample at once into an empty form, and asks first
// when that would overwrite something typed.
func (s *Step) askSample() tea.Cmd {
	if !s.holdsText() {
		return s.fillSample()
	}
	owner := s
	s.confirm = dialog.NewConfirm(&s.ctx.Styles, "填写样例",
		"Replace what the 插件信息 fields hold with the sample? The logo is kept.",
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
