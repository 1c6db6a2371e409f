package publish

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/table"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// benchRows is the length of the list a key press is measured on.
const benchRows = 100_000

// benchSubmissions is a plugin's 100,000 submissions, newest first as
// 发布管理 lists them, in the states a long history leaves: the newest in
// review, one listed, the rest rejected, withdrawn or superseded.
func benchSubmissions(now time.Time) []workflow.Submission {
	reasons := []string{"案例介绍与服务描述不符：请补充真实的接入案例", "logo 不清晰，请上传 200×200 以上的图片", ""}
	subs := make([]workflow.Submission, benchRows)
	for i := range subs {
		at := now.Add(-time.Duration(i) * 7 * time.Hour)
		s := workflow.Submission{ID: int64(benchRows - i), PluginID: pid, Version: fmt.Sprintf("%d.%d.0", 3-i/40_000, i%40), SubmittedBy: "dev1",
			SubmittedAt: at, DueAt: workflow.DueAt(at).UTC(), Rev: 2, UpdatedBy: "reviewer07", UpdatedAt: at.Add(3 * time.Hour)}
		switch i % 4 {
		case 0, 1:
			s.State, s.Reviewer, s.ReviewedAt, s.Reason = workflow.SubmissionRejected, "reviewer07", at.Add(3*time.Hour), reasons[i%2]
		case 2:
			s.State = workflow.SubmissionWithdrawn
		default:
			s.State, s.Reviewer, s.ReviewedAt = workflow.SubmissionSuperseded, "reviewer02", at.Add(2*time.Hour)
		}
		subs[i] = s
	}
	subs[0].State, subs[0].Reviewer, subs[0].Reason = workflow.SubmissionInReview, "", ""
	subs[benchRows/2+3].State = workflow.SubmissionListed
	return subs
}

// BenchmarkKeyPress is one key press, Update and View, on 发布管理 with the
// cursor in the middle of 100,000 rows, beside the stock bubbles table
// holding the same 100,000 rows at the same size (tuitest.BenchKeyPress).
func BenchmarkKeyPress(b *testing.B) {
	ctx := tuitest.BenchContext(b, "dev1")
	const width, height = 120, 37 // a 120×40 terminal less the root's bars
	now := ctx.Now()
	subs := benchSubmissions(now)

	// 发布管理 with the window the store would send for the middle.
	m := New(ctx, pid)
	m.SetSize(width, height)
	listed := subs[benchRows/2+3]
	plugin := workflow.Plugin{ID: pid, Name: "车牌识别", Owner: "dev1", Rev: 9}
	listing := &workflow.Listing{PluginID: pid, SubmissionID: listed.ID, Visibility: workflow.VisibilityShown, Rev: 3}
	st := pluginState{listing: listing, facts: workflow.PluginFacts{Plugin: plugin, Listing: listing, ListedVersion: listed.Version,
		Versions: []workflow.Version{{PluginID: pid, SemVer: workflow.SemVer{Major: 3, Minor: 39}, State: workflow.VersionOnline}}}}
	off := benchRows/2 - vtable.WindowSize/2
	rows := make([]row, vtable.WindowSize)
	for i := range rows {
		s := subs[off+i]
		rows[i] = row{sub: s, ops: opsFor(ctx.User, st, s)}
		if s.ID == listed.ID {
			rows[i].listing = st.listing
		}
	}
	m.seq = 1
	m.Update(loadedMsg{id: m.id, seq: 1, state: st, win: vtable.Window[row]{Offset: off, Items: rows, Total: benchRows}})
	m.table.SetCursor(benchRows / 2)
	// The two rows visited have their timelines, as after their fetches.
	for _, s := range subs[benchRows/2 : benchRows/2+2] {
		tl := timeline{events: []workflow.Event{
			{At: s.SubmittedAt, Actor: "dev1", Entity: workflow.EntitySubmission, Key: strconv.FormatInt(s.ID, 10), Action: workflow.ActSubmit, To: string(workflow.SubmissionInReview)},
			{At: s.ReviewedAt, Actor: s.Reviewer, Entity: workflow.EntitySubmission, Key: strconv.FormatInt(s.ID, 10), Action: workflow.ActReject,
				From: string(workflow.SubmissionInReview), To: string(s.State), Reason: s.Reason},
		}}
		m.Update(timelineMsg{id: m.id, subID: s.ID, gen: m.gen, tl: tl})
	}
	m.selected()
	if r, ok := m.table.Selected(); !ok || r.sub.ID != subs[benchRows/2].ID {
		b.Fatalf("the cursor is not on the middle row: %v %v", r.sub.ID, ok)
	}

	// The stock table with the same columns, rows and size.
	var cols []table.Column
	for i, c := range allColumns() {
		cols = append(cols, table.Column{Title: c.Title, Width: vtable.Layout(allColumns(), width)[i]})
	}
	trows := make([]table.Row, benchRows)
	for i, s := range subs {
		vis := ""
		if s.ID == listed.ID {
			vis = workflow.Label(string(workflow.VisibilityShown))
		}
		trows[i] = table.Row{strconv.FormatInt(s.ID, 10), s.Version, common.Short(s.SubmittedAt, now), common.Short(s.DueAt, now), s.Reviewer,
			workflow.Label(string(s.State)), vis, opsText(opsFor(ctx.User, st, s))}
	}
	tuitest.BenchKeyPress(b, m, width, height, cols, trows, benchRows/2)
	if r, _ := m.table.Selected(); r.sub.ID != subs[benchRows/2].ID && r.sub.ID != subs[benchRows/2+1].ID {
		b.Fatalf("the cursor left the two rows: %d", r.sub.ID)
	}
}
