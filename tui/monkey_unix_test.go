//go:build unix

package tui

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// A named pipe given as the logo: opening it for reading waits for a
// writer, which never comes, so the check never answered.
func TestLogoFromANamedPipeAnswers(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "logo.png")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	mk := replay(t, target("发布①插件信息"), namedKey("tab"), namedKey("tab"), namedKey("tab"),
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(fifo), Paste: true}, namedKey("tab"))
	if v := mk.m.View(); !strings.Contains(v, "not a file") {
		t.Errorf("the logo field should say the pipe is not a file:\n%s", v)
	}
}
