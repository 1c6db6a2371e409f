package users_test

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"plugpub/tui"
	"plugpub/tui/screens/users"
)

// These tests run the screen under the real root, which imports this
// package; so they live outside it.

// 使用者管理 of a plugin with a pending, an approved and a refused order,
// the refused one selected, as a 100×30 terminal shows it.
func TestGolden(t *testing.T) {
	w := users.Setup(t)
	ctx := w.Context("dev1")
	tm := teatest.NewTestModel(t, tui.New(ctx, users.New(ctx, "2021004100000001")), teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("企业车队管理")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("处理人 dev1")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, []byte(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()))
}
