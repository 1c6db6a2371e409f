package tuitest

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// Term is a root model running in a 100×30 terminal under teatest, as a
// golden test of a screen under the real root drives it.
type Term struct {
	t  *testing.T
	tm *teatest.TestModel
}

// NewTerm starts root in a 100×30 terminal.
func NewTerm(t *testing.T, root tea.Model) *Term {
	return &Term{t: t, tm: teatest.NewTestModel(t, root, teatest.WithInitialTermSize(100, 30))}
}

// WaitFor waits, up to five seconds, until the terminal has shown text.
func (x *Term) WaitFor(text string) {
	x.t.Helper()
	teatest.WaitFor(x.t, x.tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// Press sends each key, as Key names them, in turn.
func (x *Term) Press(keys ...string) {
	for _, k := range keys {
		x.tm.Send(Key(k))
	}
}

// FinalView quits the program and returns its last view, as a golden file
// holds it.
func (x *Term) FinalView() []byte {
	x.t.Helper()
	if err := x.tm.Quit(); err != nil {
		x.t.Fatal(err)
	}
	return []byte(x.tm.FinalModel(x.t, teatest.WithFinalTimeout(5*time.Second)).View())
}
