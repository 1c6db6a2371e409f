// Package dialog has the two prompts screens raise: a yes/no confirmation
// for irreversible or public actions, and a text prompt for a reason.
package dialog

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
)

// Keys are the dialogs' bindings.
type Keys struct {
	Yes    key.Binding
	No     key.Binding
	Submit key.Binding
	Cancel key.Binding
}

// NewKeys returns the dialog bindings.
func NewKeys() Keys {
	return Keys{
		Yes:    key.NewBinding(key.WithKeys("y", "Y", "enter"), key.WithHelp("y/enter", "yes")),
		No:     common.No("no"),
		Submit: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "submit")),
		Cancel: common.Esc("cancel"),
	}
}

// Frame is what every dialog shares, embedded in each: the context it
// speaks and draws through (its language and styles), its size (the box of
// the view it covers, see Over), how it is dismissed and whether it was
// answered.
type Frame struct {
	Width, Height int
	ctx           *common.Context
	styles        *common.Styles
	dismiss       string // the catalog's key of how to dismiss it, for TooSmall
	done          bool
}

// NewFrame is the Frame of a dialog that speaks and draws as ctx says;
// dismiss is the catalog's key of how to dismiss it ("esc: cancel", the
// default, or "n / esc: no"), which its TooSmall line says.
func NewFrame(ctx *common.Context, dismiss string) Frame {
	return Frame{ctx: ctx, styles: &ctx.Styles, dismiss: dismiss}
}

// TooSmall is the one line that stands for the dialog in a window too
// small to hold it whole: that, and how to dismiss it, in the session's
// language (English for a Frame made without NewFrame).
func (f *Frame) TooSmall() string {
	dismiss := f.dismiss
	if dismiss == "" {
		dismiss = "esc: cancel"
	}
	if f.ctx == nil {
		return common.TooSmall + " · " + dismiss
	}
	return f.ctx.T(common.TooSmall) + " · " + f.ctx.T(dismiss)
}

// SetSize is the space the dialog is drawn within.
func (f *Frame) SetSize(w, h int) { f.Width, f.Height = w, h }

// Done is true once the dialog was answered or cancelled: its owner closes
// it (Step does).
func (f *Frame) Done() bool { return f.done }

// Close marks the dialog answered.
func (f *Frame) Close() { f.done = true }

// Confirm asks yes or no before an action that cannot be taken back.
type Confirm struct {
	Frame
	title, body string
	onYes       tea.Cmd
	keys        Keys
}

// NewConfirm builds a confirmation in ctx's language and styles; onYes
// runs when the user says yes.
func NewConfirm(ctx *common.Context, title, body string, onYes tea.Cmd) *Confirm {
	return &Confirm{Frame: NewFrame(ctx, "n / esc: no"), title: title, body: body, onYes: onYes, keys: NewKeys()}
}

// Update closes the dialog when answered, running onYes on yes.
func (c *Confirm) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, c.keys.Yes):
		c.Close()
		return c.onYes
	case key.Matches(k, c.keys.No):
		c.Close()
	}
	return nil
}

// View draws the box within the width.
func (c *Confirm) View() string {
	inner := max(1, min(c.Width-4, 60))
	text := c.styles.Bold.Render(common.Wrap(c.title, inner)) + "\n\n" + common.Wrap(c.body, inner) +
		"\n\n" + c.styles.Muted.Render(common.Wrap(c.ctx.T("y / enter: yes    n / esc: no"), inner))
	return common.Box(c.styles.Dialog.Render(text), c.Width, c.TooSmall())
}

// ShortHelp lists the answers.
func (c *Confirm) ShortHelp() []key.Binding { return []key.Binding{c.keys.Yes, c.keys.No} }

// FullHelp is the same answers.
func (c *Confirm) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

// Prompt asks for a line or two of text, such as a rejection reason, and
// checks it with validate (a workflow rule) before handing it on.
type Prompt struct {
	Frame
	title    string
	input    common.TextArea
	validate func(string) error
	onSubmit func(string) tea.Cmd
	err      string
	single   bool
	keys     Keys
}

// SingleLine makes the prompt one line high, submitted with enter as well
// as ctrl+s: for short values such as a version number.
func (p *Prompt) SingleLine() *Prompt {
	p.single = true
	p.input.Single = true // a pasted line break must not make a second line
	p.input.SetHeight(1)
	p.input.KeyMap.InsertNewline.SetEnabled(false)
	p.keys.Submit = common.Enter("submit", "ctrl+s")
	return p
}

// NewPrompt builds a focused prompt in ctx's language and styles.
func NewPrompt(ctx *common.Context, title, placeholder string, validate func(string) error, onSubmit func(string) tea.Cmd) *Prompt {
	ta := common.NewTextArea()
	ta.Placeholder = placeholder
	ta.ShowLineNumbers = false
	ta.CharLimit = 2000
	ta.SetHeight(3)
	focused, blurred := textarea.DefaultStyles()
	focused.CursorLine = lipgloss.NewStyle()
	ta.FocusedStyle, ta.BlurredStyle = focused, blurred
	// A steady cursor: blinking costs a redraw twice a second for nothing.
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Focus()
	return &Prompt{Frame: NewFrame(ctx, "esc: cancel"), title: title, input: ta, validate: validate, onSubmit: onSubmit, keys: NewKeys()}
}

// Update edits the text; ctrl+s submits when valid, esc cancels.
func (p *Prompt) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, p.keys.Cancel):
			p.Close()
			return nil
		case key.Matches(k, p.keys.Submit):
			text := strings.TrimSpace(p.input.Value())
			if err := p.validate(text); err != nil {
				p.err = err.Error()
				return nil
			}
			p.Close()
			return p.onSubmit(text)
		}
	}
	p.err = ""
	return p.input.Update(msg)
}

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.Value() }

// View draws the prompt within the width.
func (p *Prompt) View() string {
	width := p.Width
	inner := max(1, min(width-4, 60))
	p.input.SetWidth(inner)
	parts := []string{p.styles.Bold.Render(common.Wrap(p.title, inner)), p.input.View()}
	if p.err != "" {
		parts = append(parts, p.styles.Error.Render(common.Wrap(p.err, inner)))
	}
	hint := "ctrl+s: submit    esc: cancel"
	if p.single {
		hint = "enter: submit    esc: cancel"
	}
	parts = append(parts, p.styles.Muted.Render(common.Wrap(p.ctx.T(hint), inner)))
	return common.Box(p.styles.Dialog.Render(strings.Join(parts, "\n")), width, p.TooSmall())
}

// ShortHelp lists the prompt's keys.
func (p *Prompt) ShortHelp() []key.Binding { return []key.Binding{p.keys.Submit, p.keys.Cancel} }

// FullHelp is the same keys.
func (p *Prompt) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// Modal is whichever dialog a screen has open: a component (see
// common.Component) that says when it was answered. A screen keeps one
// Modal field, gives it every key while it is set (Step), and draws it over
// its view (Over).
type Modal interface {
	common.Component
	Done() bool
	// TooSmall is the line that stands for the dialog when it does not
	// fit (Frame's).
	TooSmall() string
}

var (
	_ Modal = (*Confirm)(nil)
	_ Modal = (*Prompt)(nil)
)

// Step hands msg to the open dialog, if any, closing it (setting *m to
// nil) when it is done; handled reports whether there was one to take the
// message. M is Modal, or one dialog's type for a field that holds only
// that one.
func Step[M interface {
	Modal
	comparable
}](m *M, msg tea.Msg) (cmd tea.Cmd, handled bool) {
	var none M
	if *m == none {
		return nil, false
	}
	cmd = (*m).Update(msg)
	if (*m).Done() {
		*m = none
	}
	return cmd, true
}

// Over draws the dialog over view, a w×h screen or pane, centred; the
// dialog is sized to that box first, so its owner need not resize it.
func Over(view string, m Modal, w, h int) string {
	m.SetSize(w, h)
	return common.Overlay(view, m.View(), w, h, m.TooSmall())
}

// SetError shows msg under the input, as a failed validation does, so a
// screen can keep the prompt open, or open it again once submitted, with
// what the service answered, in full.
func (p *Prompt) SetError(msg string) { p.err, p.done = msg, false }

// Ask is how every screen asks before a public or irreversible action:
// with a question (a workflow Verdict's Confirm) it opens a confirmation
// titled title that runs run on yes; without one it runs run at once.
func Ask(m *Modal, ctx *common.Context, title, question string, run tea.Cmd) tea.Cmd {
	if question == "" {
		return run
	}
	*m = NewConfirm(ctx, title, question, run)
	return nil
}

// SetValue starts the prompt with text already typed, such as the note
// being edited.
func (p *Prompt) SetValue(s string) *Prompt {
	p.input.SetValue(s)
	return p
}
