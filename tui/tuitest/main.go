package tuitest

import (
	"os"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"plugpub/tui/common"
)

// Main runs a package's screen tests in the ASCII colour profile, so a
// view is plain text: no style, and any escape sequence in it came from
// the data.
func Main(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// MainUTC is Main with local time in UTC, so times drawn in local time
// read the same on every machine (goldens, assertions on a date).
func MainUTC(m *testing.M) {
	time.Local = time.UTC
	Main(m)
}

// Load sizes s to w×h and runs its Init, with everything that sets off,
// as the program loop would; it returns the messages seen.
func Load(t testing.TB, s common.Screen, w, h int) []tea.Msg {
	t.Helper()
	s.SetSize(w, h)
	return Drive(t, s, Run(s.Init())...)
}
