package common

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// GuardWordLeft takes msg when it is ta's word-backward key (alt+b,
// alt+left) and only blanks precede the cursor: bubbles v1.0.0's textarea
// then loops forever looking for a word, freezing the console. The cursor
// goes to the start instead, where a word-left would have stopped. Every
// textarea's owner asks this before handing it a key.
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
// alt+delete) safe: with the cursor on the last character, bubbles v1.0.0's
// textinput reads past its text and panics, ending the program. There the
// word forward is that one character, so the key becomes delete. Every
// textinput's owner passes its keys through this.
func GuardDeleteWordForward(ti *textinput.Model, msg tea.Msg) tea.Msg {
	k, ok := msg.(tea.KeyMsg)
	if ok && key.Matches(k, ti.KeyMap.DeleteWordForward) && ti.Position() == utf8.RuneCountInString(ti.Value())-1 {
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
