package tui_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/tuitest"
)

// The console writes screen changes and errors to the debug log (plugpub
// --log) through the context.
func TestConsoleLogsScreensAndErrors(t *testing.T) {
	var buf bytes.Buffer
	ctx := tuitest.NewWorld(t).Context("dev1")
	ctx.Log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := tea.Model(tui.New(ctx, &fake{}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.Update(common.PushMsg{Screen: &fake{}})
	m, _ = m.Update(common.ErrMsg{Err: errors.New("the disk is full")})
	m.Update(common.PopMsg{})
	got := buf.String()
	for _, want := range []string{`msg="screen open" screen=fake depth=2`, `msg="console error" screen=fake error="the disk is full"`,
		`msg="screen close" screen=fake "back to"=fake`} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %s:\n%s", want, got)
		}
	}
}
