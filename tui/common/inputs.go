package common

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// TextInput is bubbles' single-line input with its v1.0.0 bugs guarded in
// Update (see GuardDeleteWordForward). Every single-line input the console
// owns is one, so no owner can forget a guard; everything else is the
// embedded model's.
type TextInput struct{ textinput.Model }

// NewTextInput is textinput.New, guarded.
func NewTextInput() TextInput { return TextInput{textinput.New()} }

// Update hands msg to the input once the guards made it safe.
func (t *TextInput) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	t.Model, cmd = t.Model.Update(GuardDeleteWordForward(&t.Model, msg))
	return cmd
}

// TextArea is bubbles' multi-line input with its v1.0.0 bugs guarded in
// Update (see GuardWordLeft). Every textarea the console owns is one.
type TextArea struct {
	textarea.Model
	// Single is set on a textarea held to one line (the dialog's short
	// prompt): a pasted line break or tab becomes a space (see OneLine).
	Single bool
}

// NewTextArea is textarea.New, guarded.
func NewTextArea() TextArea { return TextArea{Model: textarea.New()} }

// Update hands msg to the textarea once the guards made it safe.
func (t *TextArea) Update(msg tea.Msg) tea.Cmd {
	if t.Single {
		msg = OneLine(msg)
	}
	if GuardWordLeft(&t.Model, msg) {
		return nil
	}
	var cmd tea.Cmd
	t.Model, cmd = t.Model.Update(msg)
	return cmd
}

// GuardWordLeft takes msg when it is ta's word-backward key (alt+b,
// alt+left) and only blanks precede the cursor: bubbles v1.0.0's textarea
// then loops forever looking for a word, freezing the console. The cursor
// goes to the start instead, where a word-left would have stopped.
// TextArea asks it before every key; a textarea inside a huh field, which
// is not a TextArea, is guarded by calling it by hand.
func GuardWordLeft(ta *textarea.Model, msg tea.Msg) bool {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !key.Matches(k, ta.KeyMap.WordBackward) {
		return false
	}
	rows := strings.Split(ta.Value(), "\n")
	row := min(ta.Line(), len(rows)-1)
	li := ta.LineInfo()
	line := []rune(rows[row])
	before := string(line[:min(len(line), li.StartColumn+li.ColumnOffset)])
	if strings.IndexFunc(strings.Join(rows[:row], "\n")+before, func(r rune) bool { return !unicode.IsSpace(r) }) >= 0 {
		return false // a word to stop at: the textarea's own move is safe
	}
	for i := 0; ta.Line() > 0 && i < 1<<16; i++ {
		ta.CursorUp()
	}
	ta.CursorStart()
	return true
}

// GuardDeleteWordForward makes ti's delete-word-forward key (alt+d,
// alt+delete) do what it says where bubbles v1.0.0's textinput does not.
// That textinput steps over the character under the cursor before it looks
// for the word's end, so
//   - on the last character it reads past its text and panics, ending the
//     program;
//   - on the last letter of a word it deletes the next word too
//     (bubbles#1056: "ab c" with the cursor on b becomes "a", not "a c").
//
// In both the word forward is that one character, so the key becomes
// delete. TextInput passes every key through this; a textinput inside a
// huh field is guarded by calling it by hand.
func GuardDeleteWordForward(ti *textinput.Model, msg tea.Msg) tea.Msg {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !key.Matches(k, ti.KeyMap.DeleteWordForward) {
		return msg
	}
	v, pos := []rune(ti.Value()), ti.Position()
	switch {
	case pos == len(v)-1:
		return tea.KeyMsg{Type: tea.KeyDelete}
	case ti.EchoMode == textinput.EchoNormal && pos < len(v)-1 && !unicode.IsSpace(v[pos]) && unicode.IsSpace(v[pos+1]):
		// A masked input deletes everything after the cursor instead, and
		// never looks at words.
		return tea.KeyMsg{Type: tea.KeyDelete}
	}
	return msg
}

// Newlines turns the carriage returns a terminal sends for pasted line
// breaks (\r\n or a bare \r) into \n, or returns nil when runes has none.
// The root applies it to every typed or pasted text before a screen sees
// it, so a multi-line input (a textarea) keeps the lines; a single-line one
// must make them spaces (see OneLine).
func Newlines(runes []rune) []rune {
	has := false
	for _, r := range runes {
		if r == '\r' {
			has = true
			break
		}
	}
	if !has {
		return nil
	}
	out := make([]rune, 0, len(runes))
	for i, r := range runes {
		if r == '\r' {
			if i+1 < len(runes) && runes[i+1] == '\n' {
				continue // the \n that follows stands for both
			}
			r = '\n'
		}
		out = append(out, r)
	}
	return out
}

// OneLine is for the owner of a single-line input: a pasted line break
// (a \n, after the root's Newlines) or tab becomes a space, so the text
// stays on one line. bubbles' textinput does this itself (its sanitiser
// replaces newlines and tabs by spaces); a textarea held to one line, as
// the dialog's single-line prompt is, needs it.
func OneLine(msg tea.Msg) tea.Msg {
	k, ok := msg.(tea.KeyMsg)
	if !ok || k.Type != tea.KeyRunes || !strings.ContainsAny(string(k.Runes), "\n\t") {
		return msg
	}
	runes := make([]rune, len(k.Runes))
	for i, r := range k.Runes {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		runes[i] = r
	}
	k.Runes = runes
	return k
}
