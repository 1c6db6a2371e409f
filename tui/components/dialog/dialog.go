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
		No:     key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
		Submit: key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "submit")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// Confirm asks yes or no before an action that cannot be taken back.
type Confirm struct {
	title, body string
	onYes       tea.Cmd
	keys        Keys
	styles      *common.Styles
}

// NewConfirm builds a confirmation; onYes runs when the user says yes.
func NewConfirm(styles *common.Styles, title, body string, onYes tea.Cmd) *Confirm {
	return &Confirm{title: title, body: body, onYes: onYes, keys: NewKeys(), styles: styles}
}

// Update reports done when answered, with onYes on yes.
func (c *Confirm) Update(msg tea.Msg) (done bool, cmd tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return false, nil
	}
	switch {
	case key.Matches(k, c.keys.Yes):
		return true, c.onYes
	case key.Matches(k, c.keys.No):
		return true, nil
	}
	return false, nil
}

// View draws the box within width.
func (c *Confirm) View(width int) string {
	inner := max(1, min(width-4, 60))
	text := c.styles.Bold.Render(common.Wrap(c.title, inner)) + "\n\n" + common.Wrap(c.body, inner) +
		"\n\n" + c.styles.Muted.Render(common.Wrap("y / enter: yes    n / esc: no", inner))
	return common.Box(c.styles.Dialog.Render(text), width, "n / esc: no")
}

// ShortHelp lists the answers.
func (c *Confirm) ShortHelp() []key.Binding { return []key.Binding{c.keys.Yes, c.keys.No} }

// Prompt asks for a line or two of text, such as a rejection reason, and
// checks it with validate (a workflow rule) before handing it on.
type Prompt struct {
	title    string
	input    textarea.Model
	validate func(string) error
	onSubmit func(string) tea.Cmd
	err      string
	single   bool
	keys     Keys
	styles   *common.Styles
}

// SingleLine makes the prompt one line high, submitted with enter as well
// as ctrl+s: for short values such as a version number.
func (p *Prompt) SingleLine() *Prompt {
	p.single = true
	p.input.SetHeight(1)
	p.input.KeyMap.InsertNewline.SetEnabled(false)
	p.keys.Submit = key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "submit"))
	return p
}

// NewPrompt builds a focused prompt.
func NewPrompt(styles *common.Styles, title, placeholder string, validate func(string) error, onSubmit func(string) tea.Cmd) *Prompt {
	ta := textarea.New()
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
	return &Prompt{title: title, input: ta, validate: validate, onSubmit: onSubmit, keys: NewKeys(), styles: styles}
}

// Update edits the text; ctrl+s submits when valid, esc cancels.
func (p *Prompt) Update(msg tea.Msg) (done bool, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, p.keys.Cancel):
			return true, nil
		case key.Matches(k, p.keys.Submit):
			text := strings.TrimSpace(p.input.Value())
			if err := p.validate(text); err != nil {
				p.err = err.Error()
				return false, nil
			}
			return true, p.onSubmit(text)
		}
	}
	p.err = ""
	if p.single {
		msg = common.OneLine(msg) // a pasted line break must not make a second line
	}
	if common.GuardWordLeft(&p.input, msg) {
		return false, nil
	}
	var c tea.Cmd
	p.input, c = p.input.Update(msg)
	return false, c
}

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.Value() }

// View draws the prompt within width.
func (p *Prompt) View(width int) string {
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
	parts = append(parts, p.styles.Muted.Render(common.Wrap(hint, inner)))
	return common.Box(p.styles.Dialog.Render(strings.Join(parts, "\n")), width, "esc: cancel")
}

// ShortHelp lists the prompt's keys.
func (p *Prompt) ShortHelp() []key.Binding { return []key.Binding{p.keys.Submit, p.keys.Cancel} }

// Modal is whichever dialog a screen has open. A screen keeps one Modal
// field, gives it every key while it is set, and clears it when done.
type Modal interface {
	Update(tea.Msg) (done bool, cmd tea.Cmd)
	View(width int) string
	ShortHelp() []key.Binding
}

var (
	_ Modal = (*Confirm)(nil)
	_ Modal = (*Prompt)(nil)
)

// Step hands msg to the open dialog, if any, closing it when it is done;
// handled reports whether there was one to take the message.
func Step(m *Modal, msg tea.Msg) (cmd tea.Cmd, handled bool) {
	if *m == nil {
		return nil, false
	}
	done, cmd := (*m).Update(msg)
	if done {
		*m = nil
	}
	return cmd, true
}

// SetError shows msg under the input, as a failed validation does, so a
// screen can keep the prompt open with what the service answered, in full.
func (p *Prompt) SetError(msg string) { p.err = msg }

// Ask is how every screen asks before a public or irreversible action:
// with a question (a workflow Verdict's Confirm) it opens a confirmation
// titled title that runs run on yes; without one it runs run at once.
func Ask(m *Modal, styles *common.Styles, title, question string, run tea.Cmd) tea.Cmd {
	if question == "" {
		return run
	}
	*m = NewConfirm(styles, title, question, run)
	return nil
}
