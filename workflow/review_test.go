package workflow_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"plugpub/workflow"
)

// TestNotesPinnedToFields: a 驳回 carries notes on fields of the
// submission; a path the submission does not have refuses the whole
// rejection and names the path; the developer reads the notes with the
// submission and in the draft's list, each resolved once its field
// changed; the log records one note event each.
func TestNotesPinnedToFields(t *testing.T) {
	f := newFixture(t)
	ctx, s := f.ctx, f.svc
	f.stage("dev1", pid, "in_review")
	sub := f.submissionID(pid)

	_, err := s.RejectWithNotes(ctx, "rev1", sub, "请修改", []workflow.NoteInput{
		{Path: "info.title", Text: "标题太泛"}, {Path: "guide.components[9].name", Text: "没有这个组件"}}, workflow.AnyRev)
	if workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(err.Error(), "guide.components[9].name") {
		t.Fatalf("a note on a missing field: %v, want invalid naming the path", err)
	}
	if got, _ := s.Submission(ctx, "rev1", sub); got.State != workflow.SubmissionInReview {
		t.Fatalf("a refused rejection wrote: %s", got.State)
	}
	if _, err := s.RejectWithNotes(ctx, "dev1", sub, "请修改", []workflow.NoteInput{{Path: "info.title", Text: "x"}}, workflow.AnyRev); workflow.KindOf(err) != workflow.KindForbidden {
		t.Fatalf("the developer pins a note: %v, want forbidden", err)
	}
	notes := []workflow.NoteInput{
		{Path: "info.title", Text: "标题太泛"},
		{Path: "guide.components[0].props[0].type", Text: "类型应为 String"},
		{Path: "info.contact", Text: "联系方式无法接通"},
	}
	got, err := s.RejectWithNotes(ctx, "rev1", sub, "请按批注修改", notes, workflow.AnyRev)
	f.must(err)
	if len(got.Notes) != 3 || got.Notes[1].Path != notes[1].Path || got.Notes[1].Author != "rev1" || got.Notes[2].Seq != 3 {
		t.Fatalf("the rejection's notes: %+v", got.Notes)
	}
	read, err := s.Submission(ctx, "dev1", sub)
	f.must(err)
	if len(read.Notes) != 3 || read.Notes[0].Text != "标题太泛" || read.Notes[0].SubmissionID != sub {
		t.Fatalf("the developer reads notes %+v", read.Notes)
	}
	list, err := s.Submissions(ctx, "dev1", pid, workflow.Page{})
	f.must(err)
	if len(list) != 1 || len(list[0].Notes) != 3 {
		t.Fatalf("发布管理 lists %+v", list)
	}

	// Nothing changed yet: every note is open.
	open, err := s.DraftNotes(ctx, "dev1", pid)
	f.must(err)
	if len(open) != 3 || len(workflow.Unresolved(open)) != 3 {
		t.Fatalf("draft notes before any change: %+v", open)
	}
	d, err := s.Draft(ctx, "dev1", pid)
	f.must(err)
	d.Draft.Info.Title = "车牌识别插件（专业版）"
	_, _, err = s.SaveDraft(ctx, "dev1", pid, d.Draft, workflow.AnyRev)
	f.must(err)
	open, err = s.DraftNotes(ctx, "dev1", pid)
	f.must(err)
	left := workflow.Unresolved(open)
	if len(left) != 2 || !open[0].Resolved || left[0].Path != notes[1].Path {
		t.Fatalf("after changing the title: %+v", open)
	}

	// The log: the 驳回, then a note event each, which replays.
	evs, err := s.Log(ctx, "dev1", pid, workflow.Page{Limit: 1000})
	f.must(err)
	var acts []workflow.Action
	for _, e := range evs {
		if e.Entity == workflow.EntitySubmission {
			acts = append(acts, e.Action)
		}
	}
	if want := []workflow.Action{workflow.ActSubmit, workflow.ActReject, workflow.ActNote, workflow.ActNote, workflow.ActNote}; !slices.Equal(acts, want) {
		t.Fatalf("submission events %v, want %v", acts, want)
	}
	f.checkLog()

	// Resubmitted, the review page's first base is the rejected one, with its notes.
	resub, err := s.Submit(ctx, "dev1", pid, "")
	f.must(err)
	b, err := s.DiffBases(ctx, "rev2", resub)
	f.must(err)
	if b.Default() != workflow.BaseRejected || b.Rejected.ID != sub || len(b.Rejected.Notes) != 3 || b.Rejected.Snapshot == nil || b.Listed != nil {
		t.Fatalf("bases of the resubmission: %+v", b)
	}
	if b.Other(workflow.BaseRejected) != workflow.BaseRejected {
		t.Errorf("nothing is listed, yet the key switches to %s", b.Other(workflow.BaseRejected))
	}
	if n := workflow.NotesAt(b.Rejected, "info.title"); len(n) != 1 {
		t.Errorf("notes at info.title: %+v", n)
	}
	if got := workflow.DiffPath(*b.Rejected.Snapshot, "guide.components[0].props[0].type"); !strings.HasPrefix(got, "guide.components[") || strings.Contains(got, "[0]") {
		t.Errorf("DiffPath names entries by index still: %s", got)
	} else if back, ok := workflow.NotePath(*b.Rejected.Snapshot, got); !ok || back != "guide.components[0].props[0].type" {
		t.Errorf("NotePath(%s) = %s, %v", got, back, ok)
	}
	// Every line of a diff maps to a field a note can take.
	changed := *b.Rejected.Snapshot
	changed.Info.Title = "别的标题"
	changed.Guide.Components[0].Props[0].Type = "Number"
	for _, c := range workflow.DiffDrafts(*b.Rejected.Snapshot, changed) {
		if p, ok := workflow.NotePath(changed, c.Path); !ok || workflow.CheckNotePath(changed, 1, p) != nil {
			t.Errorf("diff line %s: note path %q, %v", c.Path, p, ok)
		}
	}
	if _, ok := workflow.NotePath(changed, "guide.components[no-such].name"); ok {
		t.Error("NotePath found an entry that is not there")
	}
	// A note goes with a 驳回 only, and an approval takes none.
	if _, err := s.Approve(ctx, "rev2", resub.ID, workflow.AnyRev); err != nil {
		t.Fatal(err)
	}
	if open, err := s.DraftNotes(ctx, "dev1", pid); err != nil || len(open) != 0 {
		t.Fatalf("after an approval the draft answers no 驳回: %+v %v", open, err)
	}
}

// TestClaims: a claim is advice — another reviewer may still decide (the
// offer asks first) or take it over; only the holder releases it; it
// lapses after ClaimLapse and is then never shown; a decision ends it.
func TestClaims(t *testing.T) {
	f := newFixture(t)
	ctx, s := f.ctx, f.svc
	f.stage("dev1", pid, "in_review")
	sub := f.submissionID(pid)
	if _, err := s.Claim(ctx, "dev1", sub, workflow.AnyRev); workflow.KindOf(err) != workflow.KindForbidden {
		t.Fatalf("a developer claims: %v", err)
	}
	if _, err := s.Unclaim(ctx, "rev1", sub, workflow.AnyRev); workflow.KindOf(err) != workflow.KindIllegal {
		t.Fatalf("unclaiming what nobody holds: %v", err)
	}
	c, err := s.Claim(ctx, "rev1", sub, workflow.AnyRev)
	f.must(err)
	if by, live := c.Claim(s.Now()); !live || by != "rev1" {
		t.Fatalf("after 认领: %q live=%v", by, live)
	}
	q, err := s.ReviewQueueWhere(ctx, "rev1", workflow.QueueFilter{Mine: true}, workflow.Page{})
	f.must(err)
	if len(q) != 1 || q[0].ClaimedBy != "rev1" {
		t.Fatalf("rev1's queue: %+v", q)
	}
	for _, c := range []struct {
		as   string
		qf   workflow.QueueFilter
		want int
	}{
		{"rev2", workflow.QueueFilter{Mine: true}, 0},
		{"rev2", workflow.QueueFilter{Unclaimed: true}, 0},
		{"rev2", workflow.QueueFilter{}, 1},
		{"rev2", workflow.QueueFilter{Overdue: true}, 0},
	} {
		n, err := s.CountReviewQueueWhere(ctx, c.as, c.qf, "")
		f.must(err)
		if n != c.want {
			t.Errorf("%s %+v counts %d, want %d", c.as, c.qf, n, c.want)
		}
	}
	facts, err := s.Facts(ctx, "rev2", pid)
	f.must(err)
	read, err := s.Submission(ctx, "rev2", sub)
	f.must(err)
	rev2, err := s.User(ctx, "rev2")
	f.must(err)
	vd := workflow.SubmissionOffer(rev2, facts, read).Get(workflow.ActApprove)
	if !vd.Allowed || vd.ClaimedBy != "rev1" || !strings.Contains(vd.Confirm, "rev1") {
		t.Fatalf("rev2's 审核通过 on rev1's claim: %+v; want allowed, asking first", vd)
	}
	co := workflow.ClaimOffer(rev2, facts, read)
	if v := co.Get(workflow.ActUnclaim); v.Allowed || v.ClaimedBy != "rev1" {
		t.Errorf("rev2 releases rev1's claim: %+v", v)
	}
	if v := co.Get(workflow.ActClaim); !v.Allowed || v.Confirm == "" {
		t.Errorf("rev2 takes the claim over: %+v", v)
	}
	if _, err := s.Unclaim(ctx, "rev2", sub, workflow.AnyRev); workflow.KindOf(err) != workflow.KindIllegal {
		t.Fatalf("rev2 releases rev1's claim: %v", err)
	}

	// Two hours without action: the claim is gone from every read.
	f.clock.Advance(workflow.ClaimLapse)
	read, err = s.Submission(ctx, "rev2", sub)
	f.must(err)
	if read.ClaimedBy != "" {
		t.Fatalf("a lapsed claim is shown: %+v", read)
	}
	for _, qf := range []workflow.QueueFilter{{}, {Unclaimed: true}} {
		q, err = s.ReviewQueueWhere(ctx, "rev2", qf, workflow.Page{})
		f.must(err)
		if len(q) != 1 || q[0].ClaimedBy != "" {
			t.Fatalf("queue %+v after the lapse: %+v", qf, q)
		}
	}
	st, err := s.ReviewStats(ctx, "rev2")
	f.must(err)
	if st.InReview != 1 || st.Unclaimed != 1 {
		t.Fatalf("stats after the lapse: %+v", st)
	}
	if _, err := s.Unclaim(ctx, "rev1", sub, workflow.AnyRev); workflow.KindOf(err) != workflow.KindIllegal {
		t.Fatalf("releasing a lapsed claim: %v", err)
	}

	// rev2 claims, rev1 decides anyway: the decision ends the claim.
	_, err = s.Claim(ctx, "rev2", sub, workflow.AnyRev)
	f.must(err)
	_, err = s.Reject(ctx, "rev1", sub, "说明不全", workflow.AnyRev)
	f.must(err)
	read, err = s.Submission(ctx, "rev1", sub)
	f.must(err)
	if read.ClaimedBy != "" {
		t.Fatalf("a decided submission keeps its claim: %+v", read)
	}
	evs, err := s.Log(ctx, "rev1", pid, workflow.Page{Limit: 1000})
	f.must(err)
	claims := 0
	for _, e := range evs {
		if e.Action == workflow.ActClaim {
			claims++
		}
	}
	if claims != 2 {
		t.Errorf("%d claim events, want 2", claims)
	}
	f.checkLog()
}

// TestReviewStats: the figures of the queue and of the decisions of the
// last 14 days, the median time to a decision and how many kept the
// promise of one working day.
func TestReviewStats(t *testing.T) {
	f := newFixture(t)
	ctx, s := f.ctx, f.svc
	f.stage("dev1", pid, "in_review")
	if _, err := s.ReviewStats(ctx, "dev1"); workflow.KindOf(err) != workflow.KindForbidden {
		t.Fatalf("a developer reads the stats: %v", err)
	}
	sub := f.submissionID(pid)
	f.clock.Advance(3 * time.Hour)
	_, err := s.Reject(ctx, "rev1", sub, "说明不全", workflow.AnyRev)
	f.must(err)
	_, err = s.Submit(ctx, "dev1", pid, "")
	f.must(err)
	f.clock.Advance(5 * 24 * time.Hour) // overdue, whatever the weekday
	st, err := s.ReviewStats(ctx, "rev1")
	f.must(err)
	if st.InReview != 1 || st.Overdue != 1 || st.Unclaimed != 1 {
		t.Fatalf("queue figures %+v", st)
	}
	if len(st.Days) != workflow.StatsDays || st.Decided != 1 || st.OnTime != 1 || st.MaxPerDay() != 1 {
		t.Fatalf("decision figures %+v", st)
	}
	if st.Median < 3*time.Hour || st.Median > 3*time.Hour+time.Minute || !st.WithinPromise() || !st.MedianKeepsPromise || st.MedianSeconds != int64(st.Median/time.Second) {
		t.Fatalf("median %v", st.Median)
	}
	total := 0
	for _, d := range st.Days {
		total += d.Decisions
	}
	if total != 1 || st.Days[len(st.Days)-1].Day != st.At.In(workflow.ReviewZone).Format("2006-01-02") {
		t.Fatalf("days %+v", st.Days)
	}
	f.clock.Advance(workflow.StatsDays * 24 * time.Hour)
	st, err = s.ReviewStats(ctx, "rev1")
	f.must(err)
	if st.Decided != 0 || st.Median != 0 {
		t.Fatalf("a decision 19 days old still counts: %+v", st)
	}
}

// TestNotePaths: the paths a note may take are the draft's fields as
// draft check names them, and the parser of --note PATH=TEXT.
func TestNotePaths(t *testing.T) {
	d := workflow.SampleDraft()
	paths := workflow.DraftPaths(d)
	for _, want := range []string{"info", "info.title", "info.abilities[0]", "guide.components", "guide.components[0]", "guide.components[0].props[0].type", "guide.instructions"} {
		if !slices.Contains(paths, want) {
			t.Errorf("DraftPaths lacks %s", want)
		}
	}
	d.Info.Title = ""
	d.Guide.Components[0].Props[0].Type = "Strng"
	for _, p := range d.Problems() {
		if p.Path != "" && workflow.CheckNotePath(d, 1, p.Path) != nil {
			t.Errorf("draft check names %s, which a note cannot take", p.Path)
		}
	}
	for _, c := range []struct {
		in, path, text string
		ok             bool
	}{
		{"info.title=标题太泛", "info.title", "标题太泛", true},
		{" guide.components[2].props[0].type = 应为 String=x ", "guide.components[2].props[0].type", "应为 String=x", true},
		{"info.title", "", "", false},
		{"info.title=", "", "", false},
		{"=text", "", "", false},
		{"info..title=x", "", "", false},
		{"info.title[01]=x", "", "", false},
		{"Info.Title=x", "", "", false},
		{"guide.components[-1]=x", "", "", false},
		{"guide.components[2=x", "", "", false},
	} {
		n, err := workflow.ParseNote(c.in)
		if (err == nil) != c.ok || n.Path != c.path || n.Text != c.text {
			t.Errorf("ParseNote(%q) = %+v, %v", c.in, n, err)
		}
		if err != nil && workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("ParseNote(%q): %v is not invalid", c.in, err)
		}
	}
}

// FuzzParseNote: whatever a client sends as --note, the parser and the
// path check answer without panicking, and what they accept is a path
// ValidNotePath accepts and a text within the limit.
func FuzzParseNote(f *testing.F) {
	for _, s := range []string{"info.title=x", "guide.components[2].props[0].type=类型", "a[0][1].b=c", "=", "[", "a[]=b", "a.b[9999999]=c"} {
		f.Add(s)
	}
	d := workflow.SampleDraft()
	f.Fuzz(func(t *testing.T, s string) {
		n, err := workflow.ParseNote(s)
		if err != nil {
			if workflow.KindOf(err) != workflow.KindInvalid {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if workflow.ValidNotePath(n.Path) != nil || n.Text == "" || strings.TrimSpace(n.Text) != n.Text {
			t.Fatalf("%q accepted as %+v", s, n)
		}
		if err := workflow.CheckNotePath(d, 1, n.Path); err == nil && !slices.Contains(workflow.DraftPaths(d), n.Path) {
			t.Fatalf("%q: CheckNotePath takes %s, which DraftPaths lacks", s, n.Path)
		}
	})
}
