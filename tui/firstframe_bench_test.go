package tui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store/sqlite"
	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// BenchmarkFirstFrame is the console's start on the large database, as
// cmd/plugpub does it: open the file, build the home screen for the user,
// load its first rows and render the frame that shows them. The baseline is
// the same on a small database of five plugins, so the ratio says what the
// size of the data costs. Process start and the terminal are not in it:
// cmd/plugpub's BenchmarkStartup measures the real binary on a terminal.
func BenchmarkFirstFrame(b *testing.B) {
	large := figure.LargeDB(b)
	lipgloss.SetColorProfile(termenv.ANSI256)
	w := tuitest.NewWorld(b)
	for i, id := range []string{"2021004100000001", "2021004100000002", "2021004100000003", "2021004100000004", "2021004100000005"} {
		w.Online("dev1", id, "车牌识别")
		if i < 3 {
			w.Listed("dev1", id)
		}
	}
	small := w.Store.Path()
	for _, c := range []struct{ name, as, smallAs string }{{"developer", "dev1", "dev1"}, {"reviewer", "reviewer1", "rev1"}} {
		b.Run(c.name, func(b *testing.B) {
			ours, base := figure.Interleave(b, func(int) { firstFrame(b, large, c.as) }, func(int) { firstFrame(b, small, c.smallAs) })
			figure.Times(b, ours, base)
		})
	}
}

// firstFrame opens path as user and returns once the home screen shows its
// first rows.
func firstFrame(b *testing.B, path, user string) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}()
	svc := workflow.NewService(st, nil)
	u, err := svc.User(ctx, user)
	if err != nil {
		b.Fatal(err)
	}
	c := &common.Context{Svc: svc, User: u, DBPath: path, Styles: common.NewStyles(), Keys: common.NewGlobalKeys(), Changes: st.DataVersion}
	var m tea.Model = tui.New(c, tui.Home(c))
	r := newRunner()
	defer r.stop()
	r.run(m.Init())
	m, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	r.run(cmd)
	for {
		view := m.View()
		if strings.Contains(view, "2021004100000001") {
			return
		}
		select {
		case msg := <-r.msgs:
			m, cmd = m.Update(msg)
			r.run(cmd)
		case <-time.After(10 * time.Second):
			b.Fatalf("no rows after 10s:\n%s", view)
		}
	}
}

// runner runs commands as the Bubble Tea loop does, each on its own
// goroutine, and hands back their messages; the poll's tick is left to
// wait out its second after the frame is done.
type runner struct {
	msgs chan tea.Msg
	done chan struct{}
}

func newRunner() *runner { return &runner{msgs: make(chan tea.Msg, 64), done: make(chan struct{})} }

func (r *runner) stop() { close(r.done) }

func (r *runner) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				r.run(c)
			}
			return
		}
		if msg == nil {
			return
		}
		select {
		case r.msgs <- msg:
		case <-r.done:
		}
	}()
}
