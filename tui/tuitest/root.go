package tuitest

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
)

// Open sizes root (tui.New on s; tuitest cannot import tui) to w×h and runs
// s's Init through it, so s has its first data: the console as a person
// sees it once the screen has loaded. The root's change poll is not run.
func Open(t testing.TB, root tea.Model, s common.Screen, w, h int) tea.Model {
	t.Helper()
	root, _ = DriveModel(t, root, tea.WindowSizeMsg{Width: w, Height: h})
	root, _ = DriveModel(t, root, Run(s.Init())...)
	return root
}

// Type sends each key (as Key names them) to m in turn, with everything
// it sets off, and returns the model after the last.
func Type(t testing.TB, m tea.Model, keys ...string) tea.Model {
	t.Helper()
	for _, k := range keys {
		m, _ = DriveModel(t, m, Key(k))
	}
	return m
}

// Press sends each key (as Key names them) to s in turn, as Drive does,
// and returns every message seen.
func Press(t testing.TB, s common.Screen, keys ...string) []tea.Msg {
	t.Helper()
	var msgs []tea.Msg
	for _, k := range keys {
		msgs = append(msgs, Drive(t, s, Key(k))...)
	}
	return msgs
}

// PressAsks presses key on s and fails the test unless s then asks first:
// it captures the keys (a dialog is open) and shows question.
func PressAsks(t testing.TB, s common.Screen, key, question string) {
	t.Helper()
	Press(t, s, key)
	if !s.Capturing() || !strings.Contains(s.View(), question) {
		t.Fatalf("%s should ask %q first:\n%s", key, question, s.View())
	}
}
