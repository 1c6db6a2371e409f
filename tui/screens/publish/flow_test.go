package publish_test

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/screens/publish"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// These tests run the screen under the real root, which imports this
// package; so they live outside it and reach its internals through
// export_test.go.

const pid = publish.PID

// Acting on what another terminal changed meanwhile is refused with who
// changed it, and the screen reloads to show what is true now.
func TestConflictReloads(t *testing.T) {
	cases := []struct {
		name     string
		scenario string
		other    func(w *tuitest.World)
		keys     []string
		after    []string
	}{
		{"hide after another terminal hid and showed", "listed", func(w *tuitest.World) {
			w.Must(w.Svc.Hide(w.Ctx, "dev1", pid, workflow.AnyRev))
			w.Must(w.Svc.Show(w.Ctx, "dev1", pid, workflow.AnyRev))
		}, []string{"h", "y"}, []string{"listed 修改信息 订购页 隐藏"}},
		// Withdraw picks the plugin's submission in review; the screen must
		// not let it withdraw one the user never saw.
		{"withdraw after another terminal withdrew and submitted again", "in review", func(w *tuitest.World) {
			w.Must(w.Svc.Withdraw(w.Ctx, "dev1", pid, workflow.AnyRev))
			w.Must(w.Svc.Submit(w.Ctx, "dev1", pid, ""))
		}, []string{"w", "y"}, []string{"in_review 撤回审核", "withdrawn"}},
		{"release after another terminal released", "approved", func(w *tuitest.World) {
			w.Must(w.Svc.Release(w.Ctx, "dev1", pid, workflow.AnyRev))
		}, []string{"l", "y"}, []string{"listed 修改信息 订购页 隐藏"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := publish.Setup(t, c.scenario)
			m := publish.Open(t, w, "dev1")
			c.other(w)
			ctx := m.Context()
			ctx.Width, ctx.Height = 100, 30
			root, seen := tuitest.DriveModel(t, tui.New(ctx, m), tea.WindowSizeMsg{Width: 100, Height: 30})
			for _, k := range c.keys {
				var s []tea.Msg
				root, s = tuitest.DriveModel(t, root, tuitest.Key(k))
				seen = append(seen, s...)
			}
			e, ok := tuitest.Find[common.ErrMsg](seen)
			if !ok || workflow.KindOf(e.Err) != workflow.KindConflict {
				t.Fatalf("want a conflict, got %v", seen)
			}
			if view := root.View(); !strings.Contains(view, "changed by dev1") {
				t.Errorf("the status bar should say who changed it:\n%s", view)
			}
			if got := publish.Rows(t, m); !slices.Equal(got, c.after) {
				t.Errorf("after the conflict the screen shows %q, want %q", got, c.after)
			}
		})
	}
}

// 发布管理 of a listed plugin whose modification is in review, with the
// listed row selected, as a 100×30 terminal shows it.
func TestGolden(t *testing.T) {
	w := publish.Setup(t, "listed, modification in review")
	ctx := w.Context("dev1")
	term := tuitest.NewTerm(t, tui.New(ctx, publish.New(ctx, pid)))
	term.WaitFor("撤回审核")
	term.Press("down")
	term.WaitFor("· → 展示")
	golden.RequireEqual(t, term.FinalView())
}
