package tui_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui"
	"plugpub/tui/tuitest"
)

// settle runs cmd and what its messages ask for, feeding each message to
// m, but gives up on a command still running after 300 ms: the change
// poll's tick (a second) never counts.
func settle(m tea.Model, cmd tea.Cmd) tea.Model {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		got := make(chan tea.Msg, 1)
		go func() { got <- c() }()
		select {
		case msg := <-got:
			if b, ok := msg.(tea.BatchMsg); ok {
				queue = append(queue, b...)
				continue
			}
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		case <-time.After(300 * time.Millisecond):
		}
	}
	return m
}

// A CommitMsg (plugpub serve sends one to every console when a session
// commits) shows another's commit at once, without waiting for the poll:
// a plugin another Service (its own store on the same file) creates shows
// as soon as the root is sent CommitMsg. Without it the screen stays as it
// was, even through a resize.
func TestCommitMsgReloadsWithoutThePoll(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	var m tea.Model = tui.New(ctx, tui.Home(ctx))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = settle(m, m.Init())
	if !strings.Contains(m.View(), "车牌识别") {
		t.Fatalf("first frame:\n%s", m.View())
	}
	w.CreateElsewhere("2021004100000009", "发票助手")
	if strings.Contains(m.View(), "发票助手") {
		t.Fatal("shown before anyone said so: the test would prove nothing")
	}
	// Something else arriving (a resize) does not reload: the screen is
	// stale until told.
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Contains(m.View(), "发票助手") {
		t.Fatal("the new plugin showed on a resize, before CommitMsg; the test cannot tell what CommitMsg does")
	}
	m = settle(m, func() tea.Msg { return tui.CommitMsg{} })
	if !strings.Contains(m.View(), "发票助手") {
		t.Fatalf("after CommitMsg:\n%s", m.View())
	}
}
