package dialog

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// Field is one line of a Form: its prompt, placeholder and length limit.
type Field struct {
	Prompt, Placeholder string
	Limit               int
}

// FormSpec says what a Form asks and how it reads: its title, its fields,
// the binding that submits (enter on the last field, and any other keys it
// names), and the catalog keys of its hint line and of what it says while
// the answer is on its way.
type FormSpec struct {
	Title  string
	Fields []Field
	Submit key.Binding
	Hint   string
	Busy   string
}

// Form asks for a few one-line values, such as a new plugin's id and name
// or a mini program's appId and name: tab and enter on an earlier field
// move down, the submit binding on the last sends the values to submit,
// esc cancels. It stays open while the answer is on its way (Busy); the
// owner closes it on success, and a refusal (Failed) stays in it, in full,
// until the next key, the fields keeping what was typed.
type Form struct {
	Frame
	spec   FormSpec
	inputs []common.TextInput
	focus  int
	err    string
	busy   bool
	keys   Keys
	next   key.Binding
	prev   key.Binding
	check  func(values []string) (field int, err error)
	submit func(values []string) tea.Cmd
}

var _ Modal = (*Form)(nil)

// NewForm builds a focused form in ctx's language and styles.
func NewForm(ctx *common.Context, spec FormSpec, submit func(values []string) tea.Cmd) *Form {
	f := &Form{Frame: NewFrame(ctx, "esc: cancel"), spec: spec, keys: NewKeys(), submit: submit,
		next: common.Tab("next field", "down"),
		prev: common.ShiftTab("previous field", "up"),
	}
	f.keys.Submit = spec.Submit
	for _, fd := range spec.Fields {
		in := common.NewTextInput()
		in.Prompt, in.Placeholder, in.CharLimit = fd.Prompt, fd.Placeholder, fd.Limit
		in.Cursor.SetMode(cursor.CursorStatic)
		f.inputs = append(f.inputs, in)
	}
	f.inputs[0].Focus()
	return f
}

// Check runs fn before the values are sent: a workflow rule that can be
// asked without the database (an appId's shape). Its error shows in the
// form with the focus on the field it names.
func (f *Form) Check(fn func(values []string) (field int, err error)) *Form {
	f.check = fn
	return f
}

// Busy reports whether the values were sent and the answer is awaited.
func (f *Form) Busy() bool { return f.busy }

// Failed shows why the values were refused; the fields keep what was typed.
func (f *Form) Failed(err error) { f.busy, f.err = false, f.ctx.Err(err) }

// Values are the fields as typed, trimmed.
func (f *Form) Values() []string {
	out := make([]string, len(f.inputs))
	for i := range f.inputs {
		out[i] = strings.TrimSpace(f.inputs[i].Value())
	}
	return out
}

// Update edits the fields, moves between them, submits and cancels.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	last := f.focus == len(f.inputs)-1
	switch {
	case key.Matches(k, f.keys.Cancel):
		f.Close()
		return nil
	case f.busy:
		return nil
	case key.Matches(k, f.next), key.Matches(k, f.keys.Submit) && !last && k.String() == "enter":
		f.setFocus(f.focus + 1)
		return nil
	case key.Matches(k, f.prev):
		f.setFocus(f.focus - 1)
		return nil
	case key.Matches(k, f.keys.Submit):
		vs := f.Values()
		if f.check != nil {
			if i, err := f.check(vs); err != nil {
				f.err = f.ctx.Err(err)
				f.setFocus(i)
				return nil
			}
		}
		f.busy, f.err = true, ""
		return f.submit(vs)
	}
	f.err = ""
	return f.inputs[f.focus].Update(common.OneLine(k))
}

func (f *Form) setFocus(i int) {
	f.focus = (i + len(f.inputs)) % len(f.inputs)
	for j := range f.inputs {
		if j == f.focus {
			f.inputs[j].Focus()
		} else {
			f.inputs[j].Blur()
		}
	}
}

// View draws the form within the width.
func (f *Form) View() string {
	st := f.styles
	inner := max(1, min(f.Width-4, 60))
	parts := []string{st.Bold.Render(common.Wrap(f.spec.Title, inner))}
	for i := range f.inputs {
		f.inputs[i].Width = max(1, inner-ansi.StringWidth(f.inputs[i].Prompt)-1)
		parts = append(parts, common.Clip(f.inputs[i].View(), inner, 1))
	}
	switch {
	case f.busy:
		parts = append(parts, st.Muted.Render(f.ctx.T(f.spec.Busy)))
	case f.err != "":
		parts = append(parts, st.Error.Render(common.Wrap(workflow.Sanitize(f.err), inner)))
	}
	parts = append(parts, st.Muted.Render(common.Fit(f.ctx.T(f.spec.Hint), inner)))
	return common.Box(st.Dialog.Render(strings.Join(parts, "\n")), f.Width, f.TooSmall())
}

// ShortHelp lists the form's keys.
func (f *Form) ShortHelp() []key.Binding { return []key.Binding{f.next, f.keys.Submit, f.keys.Cancel} }

// FullHelp is the same keys.
func (f *Form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
