package info

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// steadyCursor works around huh v1.0.0's Input and Text having no way to
// stop their cursor blinking: they keep the bubbles textinput and textarea
// they wrap unexported, always in blink mode, and offer no cursor setting
// (nor one for the textarea's styles). A blinking cursor redraws the
// screen twice a second and keeps a command in flight forever, which a
// test driver that runs commands to completion never finishes; bubbles'
// default textarea styles use adaptive colours (see newTheme). So it
// reaches the wrapped model (innerInput), sets it steady and gives the
// textarea plain styles. Should huh rename its fields, this does nothing
// and Update still drops the blinks.
func steadyCursor(f huh.Field) {
	switch m := innerInput(f).(type) {
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
