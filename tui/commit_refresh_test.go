package tui_test

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/store/sqlite"
	"plugpub/tui"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// TestCommitMsgReloadsAtOnce: a plugin another Service (its own store on
// the same file) creates shows as soon as the root is sent CommitMsg, with
// no poll tick run: how plugpub serve makes one session's commit show in
// every other at once. Without CommitMsg the screen stays as it was.
func TestCommitMsgReloadsAtOnce(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	m := tea.Model(tui.New(ctx, tui.Home(ctx)))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	// Init's messages, without its poll tick (Run abandons a tick).
	for _, msg := range tuitest.Run(m.Init()) {
		m, _ = m.Update(msg)
	}
	if !strings.Contains(ansi.Strip(m.View()), "车牌识别") {
		t.Fatalf("the plugins screen did not load:\n%s", m.View())
	}

	other, err := sqlite.Open(context.Background(), w.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := workflow.NewService(other, nil).CreatePlugin(context.Background(), "dev1", "2021004100000009", "发票助手"); err != nil {
		t.Fatal(err)
	}
	// Something else arriving (a resize) does not reload: the screen is
	// stale until told.
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Contains(ansi.Strip(m.View()), "发票助手") {
		t.Fatal("the new plugin showed before CommitMsg; the test cannot tell what CommitMsg does")
	}

	m, _ = tuitest.DriveModel(t, m, tui.CommitMsg{})
	if view := ansi.Strip(m.View()); !strings.Contains(view, "发票助手") {
		t.Fatalf("after CommitMsg the other Service's plugin is not shown:\n%s", view)
	}
}
