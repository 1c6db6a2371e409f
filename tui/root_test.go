package tui_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"plugpub/store"
	"plugpub/tui"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

const pid = "2021004100000001"

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// A developer opens a plugin, adds a version from the keyboard, and sees a
// plugin another terminal created appear without pressing a key.
func TestDeveloperFlowAndLiveChanges(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Online("dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	tm := teatest.NewTestModel(t, tui.New(ctx, tui.Home(ctx)), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "车牌识别")

	// Another terminal: its own store and service on the same file.
	other, err := store.Open(context.Background(), w.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := workflow.NewService(other, nil).CreatePlugin(context.Background(), "dev1", "2021004100000009", "发票助手"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "发票助手") // no key was pressed

	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "版本管理")
	tm.Type("n")
	waitFor(t, tm, "新建版本")
	tm.Type("1.1.0")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "开发中")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
	vs, err := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if err != nil || len(vs) != 2 || vs[0].SemVer.String() != "1.1.0" {
		t.Fatalf("versions after the flow: %v %v", vs, err)
	}
	// The times in the table are the clock's; mask them for the golden.
	golden.RequireEqual(t, []byte(maskTimes(final)))
}

// The console survives any size, down to one cell, and still quits on q.
func TestEverySizeFits(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Online("dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	m := tea.Model(tui.New(ctx, tui.Home(ctx)))
	for _, msg := range tuitest.Run(m.Init()) {
		m, _ = m.Update(msg)
	}
	for _, sz := range [][2]int{{100, 30}, {80, 24}, {20, 5}, {1, 1}, {300, 100}, {0, 0}, {7, 2}} {
		m, _ = m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		view := m.View()
		tuitest.CheckFits(t, view, sz[0], sz[1])
		for _, k := range []string{"?", "x", "enter", "esc", "/", "车", "esc"} {
			var cmd tea.Cmd
			m, cmd = m.Update(tuitest.Key(k))
			for _, msg := range tuitest.Run(cmd) {
				m, _ = m.Update(msg)
			}
			tuitest.CheckFits(t, m.View(), sz[0], sz[1])
		}
	}
	_, cmd := m.Update(tuitest.Key("q"))
	if cmd == nil {
		t.Fatal("q must quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q must quit")
	}
}

func maskTimes(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		fields := strings.Fields(line)
		for _, f := range fields {
			if len(f) == 10 && f[4] == '-' && f[7] == '-' {
				line = strings.ReplaceAll(line, f, "YYYY-MM-DD")
			}
			if len(f) == 5 && f[2] == ':' {
				line = strings.ReplaceAll(line, f, "hh:mm")
			}
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
