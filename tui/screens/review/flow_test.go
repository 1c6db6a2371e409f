package review_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"plugpub/store/sqlite"
	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/screens/publish"
	"plugpub/tui/screens/review"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// These tests run the screens under the real root, which imports this
// package; so they live outside it and reach its internals through
// export_test.go.

const pid1 = review.PID1

// waitFor waits until the program has drawn every one of wants.
// runDetail runs the console at 100×30 for user on the review of
// submission id.
func runDetail(t *testing.T, w *tuitest.World, user string, id int64) *teatest.TestModel {
	t.Helper()
	ctx := w.Context(user)
	return teatest.NewTestModel(t, tui.New(ctx, review.NewDetail(ctx, id)), teatest.WithInitialTermSize(100, 30))
}

func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		for _, w := range wants {
			if !bytes.Contains(out, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// typeText types s a character at a time; teatest's Type sends bytes,
// which splits Chinese characters.
func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func finalView(t *testing.T, tm *teatest.TestModel) []byte {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return []byte(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View())
}

// A reviewer rejects with a reason through the review queue; the developer,
// in another terminal on the same database file, reads that reason in 发布管理.
func TestRejectReasonReachesTheDeveloper(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	review.Submit(t, w, "dev1", pid1)
	const reason = "案例介绍与服务描述不符：请补充真实的接入案例"

	t.Run("reviewer", func(t *testing.T) {
		ctx := w.Context("rev1")
		tm := teatest.NewTestModel(t, tui.New(ctx, review.New(ctx)), teatest.WithInitialTermSize(100, 30))
		waitFor(t, tm, "车牌识别", "审核中")
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		waitFor(t, tm, "x 审核驳回")
		tm.Type("x")
		waitFor(t, tm, "the reason the developer will read")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
		waitFor(t, tm, "rejecting needs a reason")
		typeText(tm, reason)
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
		// The queue and its header reload by separate reads: the golden is
		// the screen once both show the decision.
		waitFor(t, tm, "Nothing to review", "审核中 0 ·", "today 1")
		golden.RequireEqual(t, finalView(t, tm))
	})

	t.Run("developer", func(t *testing.T) {
		// A second program with its own connection and service, as a second
		// terminal would have.
		st, err := sqlite.Open(w.Ctx, w.Store.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		svc := workflow.NewService(st, func() time.Time { return now })
		u, err := svc.User(w.Ctx, "dev1")
		w.Must(err)
		ctx := &common.Context{Svc: svc, User: u, DBPath: st.Path(), Styles: common.NewStyles(),
			Keys: common.NewGlobalKeys(), Changes: st.DataVersion}
		tm := teatest.NewTestModel(t, tui.New(ctx, publish.New(ctx, pid1)), teatest.WithInitialTermSize(100, 30))
		waitFor(t, tm, "驳回原因", reason, "审核中 → 审核驳回")
		golden.RequireEqual(t, finalView(t, tm))
	})
}

// The review of a modification of a listed plugin, as the reviewer first
// sees it and after tab jumps to the differences.
func TestReviewPageGolden(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	w.Listed("dev1", pid1)
	d := workflow.SampleDraft()
	d.Info.Title = "车牌识别插件 Pro"
	d.Info.Cases += "\n某加油站品牌接入后，加油排队时长缩短 30%。"
	d.Guide.Components[0].Props[2].Default = "3"
	d.Guide.Components = append(d.Guide.Components, workflow.Component{Name: "plate-keyboard", Description: "车牌号输入键盘",
		Props: []workflow.Prop{{Name: "value", Type: "String", Description: "当前输入"}}})
	d.Guide.Pages = d.Guide.Pages[:1]
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, d, workflow.AnyRev))
	s := review.Submit(t, w, "dev1", pid1)

	tm := runDetail(t, w, "rev1", s.ID)
	waitFor(t, tm, "与已上架版本的差异", "车牌识别插件 Pro")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	waitFor(t, tm, "plate-keyboard")
	golden.RequireEqual(t, finalView(t, tm))
}

// Two reviewers on one submission: the second one's decision is refused
// with who decided first, and the page reloads to show it.
func TestConflictReloads(t *testing.T) {
	for _, keys := range [][]string{{"a", "y"}, {"x", "不行", "ctrl+s"}} {
		t.Run(keys[0], func(t *testing.T) {
			w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
			s := review.Submit(t, w, "dev1", pid1)
			ctx := review.Reviewer(t, w, "rev1")
			d := review.OpenDetail(t, ctx, s.ID)
			w.Must(w.Svc.Approve(w.Ctx, "rev2", s.ID, s.Rev))
			root, seen := tuitest.DriveModel(t, tui.New(ctx, d), tea.WindowSizeMsg{Width: 100, Height: 30})
			for _, k := range keys {
				var more []tea.Msg
				root, more = tuitest.DriveModel(t, root, tuitest.Key(k))
				seen = append(seen, more...)
			}
			if e, ok := tuitest.Find[common.ErrMsg](seen); !ok || workflow.KindOf(e.Err) != workflow.KindConflict {
				t.Fatalf("want a conflict, got %v", seen)
			}
			view := root.View()
			tuitest.ContainsAll(t, "after the conflict the screen", view, "changed by rev2", "审核通过", "no longer in review")
			if slices.ContainsFunc(d.ShortHelp(), func(b key.Binding) bool { return b.Enabled() && (b.Help().Key == "a" || b.Help().Key == "x") }) {
				t.Error("approve and reject should be off once another reviewer decided")
			}
		})
	}
}
