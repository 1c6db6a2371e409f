package review_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"plugpub/tui"
	"plugpub/tui/screens/review"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// A reviewer claims a row in the queue, opens it, pins a note to the
// title and rejects with a reason; the next reviewer's queue shows the
// claim gone with the decision, and the developer's resubmission is
// reviewed against the rejected one with the note beside the title.
//
// Each part has a world of its own, set up before its program runs: the
// tests' clock moves with every read, and what a program reads is its own
// business, so nothing drawn depends on a program that ran before.
func TestNotesAndClaimsGolden(t *testing.T) {
	world := func(t *testing.T) (*tuitest.World, workflow.Submission) {
		w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
		w.Online("dev2", "2021004100000002", "电子发票")
		review.Submit(t, w, "dev2", "2021004100000002")
		return w, review.Submit(t, w, "dev1", pid1)
	}
	t.Run("queue", func(t *testing.T) {
		w, _ := world(t)
		ctx := w.Context("rev1")
		tm := teatest.NewTestModel(t, tui.New(ctx, review.New(ctx)), teatest.WithInitialTermSize(100, 30))
		waitFor(t, tm, "车牌识别", "未认领 2")
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
		tm.Type("c")
		waitFor(t, tm, "认领: #2", "未认领 1", "我")
		golden.RequireEqual(t, finalView(t, tm))
	})
	t.Run("note", func(t *testing.T) {
		w, s := world(t)
		w.Must(w.Svc.Claim(w.Ctx, "rev1", s.ID, workflow.AnyRev))
		tm := runDetail(t, w, "rev2", s.ID)
		waitFor(t, tm, "市场详情页预览", "rev1")
		tm.Type("]")
		tm.Type("n")
		waitFor(t, tm, "what the developer should change here")
		typeText(tm, "标题请写明识别的车牌类型")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
		waitFor(t, tm, "✎ 批注: 标题请写明识别的车牌类型")
		tm.Type("x")
		waitFor(t, tm, "claimed (认领) by rev1")
		tm.Type("y")
		waitFor(t, tm, "1 条批注")
		golden.RequireEqual(t, finalView(t, tm))
	})
	t.Run("resubmitted", func(t *testing.T) {
		w, s := world(t)
		w.Must(w.Svc.RejectWithNotes(w.Ctx, "rev2", s.ID, "请改标题", []workflow.NoteInput{{Path: "info.title", Text: "标题请写明识别的车牌类型"}}, workflow.AnyRev))
		d := workflow.SampleDraft()
		d.Info.Title = "蓝牌绿牌识别插件"
		w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, d, workflow.AnyRev))
		again := review.Submit(t, w, "dev1", pid1)
		tm := runDetail(t, w, "rev1", again.ID)
		waitFor(t, tm, "与被驳回的提交的差异", "✎ 上次批注")
		tm.Send(tea.KeyMsg{Type: tea.KeyTab})
		golden.RequireEqual(t, finalView(t, tm))
	})
}
