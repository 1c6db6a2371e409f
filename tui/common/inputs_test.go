package common

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

var (
	altB = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}, Alt: true}
	altD = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'d'}, Alt: true}
)

// Every guard through the wrapper that applies it: an owner that holds a
// TextInput or a TextArea cannot meet the bugs however it hands keys on.

// alt+d at each cursor position of a few values: what is left is what a
// delete-word-forward should leave, and nothing panics (bubbles v1.0.0
// panics on the last character and, on the last letter of a word, deletes
// the next word too: bubbles#1056).
func TestTextInputDeleteWordForward(t *testing.T) {
	for _, c := range []struct {
		value string
		pos   int
		want  string
	}{
		{"ab c", 1, "a c"}, // bubbles#1056: was "a"
		{"ab c", 0, " c"},
		{"ab c", 2, "ab"},  // a blank, then the word after it
		{"ab c", 3, "ab "}, // the last character: was a panic
		{"车牌 ab", 4, "车牌 a"},
		{"车牌 ab", 1, "车 ab"},
		{"车牌 ab", 0, " ab"},
		{"a", 0, ""},
		{"ab  cd ef", 1, "a  cd ef"},
		{"ab  cd ef", 2, "ab ef"},
		{"ab", 2, "ab"}, // at the end there is nothing forward
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%q at %d: panic %v", c.value, c.pos, r)
				}
			}()
			ti := NewTextInput()
			ti.Focus()
			ti.SetValue(c.value)
			ti.SetCursor(c.pos)
			ti.Update(altD)
			if got := ti.Value(); got != c.want {
				t.Errorf("%q at %d: alt+d left %q, want %q", c.value, c.pos, got, c.want)
			}
			if got := ti.Position(); got != c.pos && c.pos <= len([]rune(c.want)) {
				t.Errorf("%q at %d: the cursor moved to %d", c.value, c.pos, got)
			}
		}()
	}
}

// Other keys reach the input unchanged.
func TestTextInputTypes(t *testing.T) {
	ti := NewTextInput()
	ti.Focus()
	ti.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("车 x")})
	ti.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if ti.Value() != "车 " {
		t.Errorf("typed %q", ti.Value())
	}
}

// bubbles' textarea loops forever on word-left (alt+b) with only blanks
// before the cursor. GuardWordLeft must take exactly those keys, putting
// the cursor at the start, and leave the rest to the textarea, which then
// answers; a TextArea applies it, so word-left always answers there.
func TestGuardWordLeft(t *testing.T) {
	for _, c := range []struct {
		value string
		guard bool
	}{
		{"", true}, {"   ", true}, {"\n \n\t ", true}, {"  车牌", false}, {"ab  ", false}, {"x\n   ", false},
	} {
		ta := textarea.New()
		ta.Focus()
		ta.SetValue(c.value) // the cursor ends up at the end
		if got := GuardWordLeft(&ta, altB); got != c.guard {
			t.Errorf("%q: guarded %v, want %v", c.value, got, c.guard)
		}
		if c.guard && (ta.Line() != 0 || ta.LineInfo().ColumnOffset != 0) {
			t.Errorf("%q: the cursor should be at the start", c.value)
		}

		w := NewTextArea()
		w.Focus()
		w.SetValue(c.value)
		before := w.Value()
		done := make(chan struct{})
		go func() { w.Update(altB); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%q: the TextArea did not answer word-left", c.value)
		}
		if w.Value() != before {
			t.Errorf("%q: word-left changed the text to %q", before, w.Value())
		}
		if c.guard && (w.Line() != 0 || w.LineInfo().ColumnOffset != 0) {
			t.Errorf("%q: the TextArea's cursor should be at the start", c.value)
		}
	}
	if ta := textarea.New(); GuardWordLeft(&ta, tea.KeyMsg{Type: tea.KeyLeft}) {
		t.Error("a plain left is the textarea's")
	}
}

// On the last character GuardDeleteWordForward makes alt+d a plain delete
// (bubbles' textinput panics there); elsewhere in a word it is the
// textinput's own.
func TestGuardDeleteWordForward(t *testing.T) {
	ti := textinput.New()
	ti.Focus()
	ti.SetValue("车牌 ab")
	ti.SetCursor(4)
	msg := GuardDeleteWordForward(&ti, altD)
	if k, ok := msg.(tea.KeyMsg); !ok || k.Type != tea.KeyDelete {
		t.Fatalf("alt+d on the last character should become delete, got %v", msg)
	}
	ti, _ = ti.Update(msg)
	if ti.Value() != "车牌 a" {
		t.Errorf("after the delete: %q", ti.Value())
	}
	ti.SetCursor(0)
	if msg := GuardDeleteWordForward(&ti, altD); msg.(tea.KeyMsg).String() != "alt+d" {
		t.Errorf("elsewhere alt+d is the textinput's, got %v", msg)
	}
}

// A single-line TextArea makes a pasted line break or tab a space; a
// multi-line one keeps it.
func TestTextAreaSingle(t *testing.T) {
	paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\nb\tc"), Paste: true}
	one := NewTextArea()
	one.Single = true
	one.Focus()
	one.Update(paste)
	if one.Value() != "a b c" {
		t.Errorf("single line: %q", one.Value())
	}
	many := NewTextArea()
	many.Focus()
	many.Update(paste)
	if !strings.HasPrefix(many.Value(), "a\nb") {
		t.Errorf("multi-line: %q", many.Value())
	}
}
