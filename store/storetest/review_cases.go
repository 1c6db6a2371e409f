package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"plugpub/workflow"
)

// The cases of review that helps both sides (issue 16): notes pinned to
// fields, claims and the queue's figures, the same on every engine.

// advance moves the flow's clock on by d.
func (f *Flow) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// inReview puts n plugins' sample drafts in review, a minute apart, and
// returns their submissions in order.
func (f *Flow) inReview(n int) []workflow.Submission {
	var subs []workflow.Submission
	for i := range n {
		id := fmt.Sprintf("20210041%08d", i+1)
		f.Online(id)
		_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", id, workflow.SampleDraft(), workflow.AnyRev)
		f.must(err)
		sub, err := f.Svc.Submit(f.Ctx, "dev1", id, "")
		f.must(err)
		subs = append(subs, sub)
		f.advance(time.Minute)
	}
	return subs
}

// notesAreAppendOnly: a 驳回's notes come back with the submission, in
// order, on one read and in 发布管理's list; the schema refuses to change
// or delete one, and a change cannot note another plugin's submission.
func notesAreAppendOnly(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	subs := f.inReview(2)
	notes := []workflow.NoteInput{{Path: "info.title", Text: "标题太泛"}, {Path: "guide.components[0].props[0].type", Text: "类型"}}
	_, err := f.Svc.RejectWithNotes(f.Ctx, "rev1", subs[0].ID, "请修改", notes, workflow.AnyRev)
	f.must(err)
	got, err := f.St.Submission(f.Ctx, subs[0].ID)
	f.must(err)
	if len(got.Notes) != 2 || got.Notes[0].Path != "info.title" || got.Notes[1].Seq != 2 || got.Notes[1].Author != "rev1" || got.Notes[0].At.IsZero() {
		t.Fatalf("notes read back %+v", got.Notes)
	}
	list, err := f.St.Submissions(f.Ctx, subs[0].PluginID, workflow.Page{})
	f.must(err)
	if len(list) != 1 || len(list[0].Notes) != 2 || list[0].Notes[1].Text != "类型" {
		t.Fatalf("发布管理's row %+v", list)
	}
	if other, err := f.St.Submission(f.Ctx, subs[1].ID); err != nil || len(other.Notes) != 0 {
		t.Fatalf("the other submission: %+v %v", other.Notes, err)
	}
	for _, q := range []string{"UPDATE review_notes SET text = 'rewritten'", "DELETE FROM review_notes"} {
		if err := f.exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want the trigger's refusal", q, err)
		}
	}
	// A change of the second plugin noting the first plugin's submission.
	err = f.St.Update(f.Ctx, subs[1].PluginID, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "rev1", At: f.Clock(), Notes: []workflow.Note{{SubmissionID: subs[0].ID, Seq: 3, Path: "info.title", Text: "x"}}}, nil
	})
	if workflow.KindOf(err) != workflow.KindNotFound {
		t.Errorf("noting another plugin's submission: %v", err)
	}
	err = f.St.Update(f.Ctx, subs[0].PluginID, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "rev1", At: f.Clock(), Notes: []workflow.Note{{SubmissionID: subs[0].ID, Seq: 1, Path: "info.intro", Text: "x"}}}, nil
	})
	if workflow.KindOf(err) != workflow.KindIllegal {
		t.Errorf("writing note 1 again: %v", err)
	}
	if got, _ := f.St.Submission(f.Ctx, subs[0].ID); len(got.Notes) != 2 || got.Notes[0].Path != "info.title" {
		t.Errorf("after the refused changes: %+v", got.Notes)
	}
	f.CheckLog()
}

// claimsPickTheQueue: a claim is stored with the submission's rev, read
// with it, picks the queue's rows as the query says at any time, lapses
// by LiveAfter, and is gone once the review ends.
func claimsPickTheQueue(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	if _, err := f.Svc.AddUser(f.Ctx, "rev2", []workflow.Role{workflow.RoleReviewer}, ""); err != nil {
		t.Fatal(err)
	}
	subs := f.inReview(3)
	c, err := f.Svc.Claim(f.Ctx, "rev1", subs[0].ID, subs[0].Rev)
	f.must(err)
	_, err = f.Svc.Claim(f.Ctx, "rev2", subs[1].ID, workflow.AnyRev)
	f.must(err)
	got, err := f.St.Submission(f.Ctx, subs[0].ID)
	f.must(err)
	if got.ClaimedBy != "rev1" || !got.ClaimedAt.Equal(c.ClaimedAt) || got.Rev != 2 {
		t.Fatalf("claimed row %+v (claim %v)", got, c.ClaimedAt)
	}
	now := f.Clock()
	live := now.Add(-workflow.ClaimLapse)
	for _, c := range []struct {
		q    workflow.QueueQuery
		want []int64
	}{
		{workflow.QueueQuery{}, []int64{subs[0].ID, subs[1].ID, subs[2].ID}},
		{workflow.QueueQuery{ClaimedBy: "rev1", Now: now, LiveAfter: live}, []int64{subs[0].ID}},
		{workflow.QueueQuery{Unclaimed: true, Now: now, LiveAfter: live}, []int64{subs[2].ID}},
		{workflow.QueueQuery{Overdue: true, Now: now, LiveAfter: live}, nil},
		{workflow.QueueQuery{Overdue: true, Now: now.Add(10 * 24 * time.Hour), LiveAfter: live}, []int64{subs[0].ID, subs[1].ID, subs[2].ID}},
		// Later than the lapse: nothing is claimed.
		{workflow.QueueQuery{Unclaimed: true, Now: now.Add(3 * time.Hour), LiveAfter: now.Add(time.Hour)}, []int64{subs[0].ID, subs[1].ID, subs[2].ID}},
		{workflow.QueueQuery{ClaimedBy: "rev2", Now: now.Add(3 * time.Hour), LiveAfter: now.Add(time.Hour)}, nil},
	} {
		q, err := f.St.ReviewQueueWhere(f.Ctx, c.q, workflow.Page{})
		f.must(err)
		n, err := f.St.CountReviewQueueWhere(f.Ctx, c.q, "")
		f.must(err)
		got := ids(q, func(s workflow.Submission) string { return fmt.Sprint(s.ID) })
		if fmt.Sprint(got) != fmt.Sprint(c.want) || n != len(c.want) {
			t.Errorf("%+v: %v (count %d), want %v", c.q, got, n, c.want)
		}
	}
	if n, err := f.St.CountReviewQueueWhere(f.Ctx, workflow.QueueQuery{ClaimedBy: "rev1", Now: now, LiveAfter: live}, "nobody"); err != nil || n != 0 {
		t.Errorf("a filter on top of a claim: %d %v", n, err)
	}
	_, err = f.Svc.Approve(f.Ctx, "rev2", subs[0].ID, workflow.AnyRev)
	f.must(err)
	_, err = f.Svc.Unclaim(f.Ctx, "rev2", subs[1].ID, workflow.AnyRev)
	f.must(err)
	for _, s := range subs[:2] {
		got, err := f.St.Submission(f.Ctx, s.ID)
		f.must(err)
		if got.ClaimedBy != "" || !got.ClaimedAt.IsZero() {
			t.Errorf("submission %d after the review or 取消认领: %+v", s.ID, got)
		}
	}
	f.CheckLog()
}

// reviewFiguresCount: the queue's figures and the decisions since a day,
// per day, on time and their median, against what the rows say.
func reviewFiguresCount(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	subs := f.inReview(5)
	// Decisions 1h, 2h and 30h after their submission, on two days.
	f.advance(time.Hour)
	_, err := f.Svc.Approve(f.Ctx, "rev1", subs[0].ID, workflow.AnyRev)
	f.must(err)
	f.advance(time.Hour)
	_, err = f.Svc.Reject(f.Ctx, "rev1", subs[1].ID, "说明不全", workflow.AnyRev)
	f.must(err)
	f.advance(28 * time.Hour)
	_, err = f.Svc.Approve(f.Ctx, "rev1", subs[2].ID, workflow.AnyRev)
	f.must(err)
	_, err = f.Svc.Claim(f.Ctx, "rev1", subs[3].ID, workflow.AnyRev)
	f.must(err)
	now := f.Clock()
	var decided []workflow.Submission
	for _, s := range subs[:3] {
		d, err := f.St.Submission(f.Ctx, s.ID)
		f.must(err)
		decided = append(decided, d)
	}
	const offset = 8 * 3600
	fig, err := f.St.ReviewFigures(f.Ctx, workflow.FiguresQuery{Now: now, LiveAfter: now.Add(-workflow.ClaimLapse), Since: subs[0].SubmittedAt, ZoneOffset: offset})
	f.must(err)
	perDay := map[int64]int{}
	onTime := 0
	for _, d := range decided {
		perDay[(d.ReviewedAt.UnixMilli()+offset*1000)/86_400_000]++
		if !d.ReviewedAt.After(d.DueAt) {
			onTime++
		}
	}
	median := decided[1].ReviewedAt.Sub(decided[1].SubmittedAt)
	overdue := 0
	for _, s := range subs[3:] {
		if now.After(s.DueAt) {
			overdue++
		}
	}
	if fig.InReview != 2 || fig.Unclaimed != 1 || fig.Overdue != overdue || fig.Decided != 3 || fig.OnTime != onTime ||
		fig.Median != median || fmt.Sprint(fig.PerDay) != fmt.Sprint(perDay) {
		t.Fatalf("figures %+v; want 2 in review, 1 unclaimed, %d overdue, 3 decided, %d on time, median %v, per day %v", fig, overdue, onTime, median, perDay)
	}
	// Since after the first two decisions: only the last counts.
	fig, err = f.St.ReviewFigures(f.Ctx, workflow.FiguresQuery{Now: now, LiveAfter: now, Since: decided[2].ReviewedAt, ZoneOffset: offset})
	f.must(err)
	if fig.Decided != 1 || fig.Median != decided[2].ReviewedAt.Sub(decided[2].SubmittedAt) || fig.Unclaimed != 2 {
		t.Fatalf("figures since the last decision %+v", fig)
	}
}
