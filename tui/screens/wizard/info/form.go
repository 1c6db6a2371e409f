package info

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

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
	fOrderReview
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
// A hint is a message of the catalog; the limits it states are arguments
// taken from workflow's draft table, never restated here.
type spec struct {
	name  string
	title string
	hint  i18n.Text
	value func(workflow.Info) string
	check func(workflow.Info) error
}

var specs = [nFields]spec{
	fTitle: {"title", "服务标题", i18n.T("required, %d–%d characters", workflow.MinTitleRunes, limit("title")),
		func(in workflow.Info) string { return in.Title },
		func(in workflow.Info) error { return workflow.ValidateTitle(in.Title) }},
	fIntro: {"intro", "简单介绍", i18n.T("required, one line of at most %d characters; shown in lists and search results", limit("intro")),
		func(in workflow.Info) string { return in.Intro },
		func(in workflow.Info) error { return workflow.ValidateIntro(in.Intro) }},
	fDescription: {"description", "服务描述", i18n.T("required; enter starts a new line, tab goes on"),
		func(in workflow.Info) string { return in.Description },
		func(in workflow.Info) error { return workflow.ValidateDescription(in.Description) }},
	fLogo: {"logo", "Logo", i18n.T("optional: the path of a PNG or JPEG file of at most %s", workflow.HumanBytes(workflow.MaxLogoBytes)),
		func(in workflow.Info) string { return in.Logo },
		func(in workflow.Info) error { return workflow.ValidateLogo(in.Logo) }},
	fAbilities: {"abilities", "功能类型", i18n.T("at least one; space or x picks"),
		func(in workflow.Info) string { return strings.Join(in.Abilities, "\x00") },
		func(in workflow.Info) error { return workflow.ValidateAbilities(in.Abilities) }},
	fBuyers: {"buyers", "可订购人群", i18n.T("who may order the plugin"),
		func(in workflow.Info) string { return in.Buyers },
		func(in workflow.Info) error { return workflow.ValidateBuyers(in.Buyers) }},
	fOrderReview: {"order_review", "订购审核", i18n.T("自动通过: an order is usable at once; 需审核: you approve each in 使用者管理"),
		func(in workflow.Info) string { return in.OrderReview },
		func(in workflow.Info) error { return workflow.ValidateOrderReview(in.OrderReview) }},
	fShow: {"show_after_release", "发布后是否展示", i18n.T("whether the market shows the listing once it is listed"),
		func(in workflow.Info) string { return fmt.Sprint(in.ShowAfterRelease) },
		nil},
	fUsage: {"usage", "接入玩法", i18n.T("required; how a mini program starts using the plugin"),
		func(in workflow.Info) string { return in.Usage },
		func(in workflow.Info) error { return workflow.ValidateUsage(in.Usage) }},
	fCases: {"cases", "案例介绍", i18n.T("optional; who uses the plugin and what it changed for them"),
		func(in workflow.Info) string { return in.Cases },
		func(in workflow.Info) error { return workflow.ValidateCases(in.Cases) }},
	fPCURL: {"pc_url", "PC端url", i18n.T("optional, an https:// address"),
		func(in workflow.Info) string { return in.PCURL },
		func(in workflow.Info) error { return workflow.ValidatePCURL(in.PCURL) }},
	fContact: {"contact", "客服联系方式", i18n.T("required: a phone number or an e-mail address"),
		func(in workflow.Info) string { return in.Contact },
		func(in workflow.Info) error { return workflow.ValidateContact(in.Contact) }},
}

// limit is the most characters the draft table allows in info.name.
func limit(name string) int {
	n, ok := workflow.FieldLimit("info." + name)
	if !ok {
		panic("info: the draft table has no limit for info." + name)
	}
	return n
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
	orderReview := huh.NewSelect[string]()
	orderReview.WithTheme(theme)
	orderReview.Options(huh.NewOptions(workflow.OrderReviews...)...).Accessor(orderReviewAccessor{&in.OrderReview})
	show := huh.NewSelect[string]()
	show.WithTheme(theme)
	show.Options(huh.NewOptions(showOptions[:]...)...).Accessor(showAccessor{&in.ShowAfterRelease})
	usage := text("usage", &in.Usage, 5)
	cases := text("cases", &in.Cases, 4)
	pcURL := input("pc_url", &in.PCURL)
	contact := input("contact", &in.Contact)

	s.fields = [nFields]huh.Field{title, intro, desc, logo, abilities, buyers, orderReview, show, usage, cases, pcURL, contact}
	s.describe = [nFields]func(string){
		func(d string) { title.Description(d) }, func(d string) { intro.Description(d) },
		func(d string) { desc.Description(d) }, func(d string) { logo.Description(d) },
		func(d string) { abilities.Description(d) }, func(d string) { buyers.Description(d) },
		func(d string) { orderReview.Description(d) }, func(d string) { show.Description(d) }, func(d string) { usage.Description(d) },
		func(d string) { cases.Description(d) }, func(d string) { pcURL.Description(d) },
		func(d string) { contact.Description(d) },
	}
	titles := []func(string){
		func(t string) { title.Title(t) }, func(t string) { intro.Title(t) },
		func(t string) { desc.Title(t) }, func(t string) { logo.Title(t) },
		func(t string) { abilities.Title(t) }, func(t string) { buyers.Title(t) },
		func(t string) { orderReview.Title(t) }, func(t string) { show.Title(t) }, func(t string) { usage.Title(t) },
		func(t string) { cases.Title(t) }, func(t string) { pcURL.Title(t) },
		func(t string) { contact.Title(t) },
	}
	for i, sp := range specs {
		titles[i](sp.title)
		hint := sp.hint.Localize(s.ctx.Printer)
		s.desc[i] = hint
		s.describe[i](hint)
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

// orderReviewAccessor shows a draft without 订购审核 ("") as its default,
// 自动通过, without writing it: opening the form changes no draft.
type orderReviewAccessor struct{ p *string }

func (a orderReviewAccessor) Get() string {
	if *a.p == "" {
		return workflow.OrderReviewAuto
	}
	return *a.p
}

func (a orderReviewAccessor) Set(v string) {
	if *a.p == "" && v == workflow.OrderReviewAuto {
		return
	}
	*a.p = v
}

// innerInput is the bubbles *textinput.Model or *textarea.Model inside a
// huh input or text field, or nil. huh keeps it unexported, so it is
// reached through reflection: steadyCursor sets its cursor, and forward
// guards bubbles' bugs on it (see common.GuardWordLeft), since a huh field
// cannot be a common.TextInput or TextArea.
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
