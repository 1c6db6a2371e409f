package workflow_test

import (
	"cmp"
	"errors"
	"strings"
	"testing"

	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// TestEveryActionForEveryRole runs each action from each stage as each kind
// of user and checks the exact kind of refusal (or success).
func TestEveryActionForEveryRole(t *testing.T) {
	type act func(f *fixture, as string) error
	var (
		submit   act = func(f *fixture, as string) error { _, err := f.svc.Submit(f.ctx, as, pid, ""); return err }
		withdraw act = func(f *fixture, as string) error {
			_, err := f.svc.Withdraw(f.ctx, as, pid, workflow.AnyRev)
			return err
		}
		approve act = func(f *fixture, as string) error {
			_, err := f.svc.Approve(f.ctx, as, f.submissionID(pid), workflow.AnyRev)
			return err
		}
		reject act = func(f *fixture, as string) error {
			_, err := f.svc.Reject(f.ctx, as, f.submissionID(pid), "描述不完整", workflow.AnyRev)
			return err
		}
		rejectNoReason act = func(f *fixture, as string) error {
			_, err := f.svc.Reject(f.ctx, as, f.submissionID(pid), "  ", workflow.AnyRev)
			return err
		}
		release act = func(f *fixture, as string) error {
			_, err := f.svc.Release(f.ctx, as, pid, workflow.AnyRev)
			return err
		}
		hide  act = func(f *fixture, as string) error { _, err := f.svc.Hide(f.ctx, as, pid, workflow.AnyRev); return err }
		show  act = func(f *fixture, as string) error { _, err := f.svc.Show(f.ctx, as, pid, workflow.AnyRev); return err }
		order act = func(f *fixture, as string) error { _, err := f.svc.Order(f.ctx, as, pid); return err }
		edit  act = func(f *fixture, as string) error {
			d := workflow.SampleDraft()
			d.Info.Intro = "改过的简单介绍"
			_, _, err := f.svc.SaveDraft(f.ctx, as, pid, d, workflow.AnyRev)
			return err
		}
		addVersion act = func(f *fixture, as string) error { _, err := f.svc.AddVersion(f.ctx, as, pid, "1.1.0"); return err }
	)
	const ok = workflow.Kind(0)
	cases := []struct {
		stage string
		name  string
		as    string
		do    act
		want  workflow.Kind
	}{
		{"created", "submit without an online version", "dev1", submit, workflow.KindIllegal},
		{"online", "submit", "dev1", submit, ok},
		{"online", "submit by another developer", "dev2", submit, workflow.KindForbidden},
		{"online", "submit by a reviewer", "rev1", submit, workflow.KindForbidden},
		{"online", "submit by a buyer", "buyer1", submit, workflow.KindForbidden},
		{"online", "submit by an unknown user", "nobody", submit, workflow.KindNotFound},
		{"online", "withdraw with nothing in review", "dev1", withdraw, workflow.KindIllegal},
		{"online", "release with nothing approved", "dev1", release, workflow.KindIllegal},
		{"online", "hide before listing", "dev1", hide, workflow.KindIllegal},
		{"online", "order before listing", "buyer1", order, workflow.KindIllegal},
		{"online", "edit the draft", "dev1", edit, ok},
		{"online", "reviewer edits the draft", "rev1", edit, workflow.KindForbidden},
		{"online", "another developer edits the draft", "dev2", edit, workflow.KindForbidden},
		{"online", "add a version", "dev1", addVersion, ok},
		{"online", "a buyer adds a version", "buyer1", addVersion, workflow.KindForbidden},
		{"in_review", "submit again", "dev1", submit, workflow.KindIllegal},
		{"in_review", "withdraw", "dev1", withdraw, ok},
		{"in_review", "withdraw by a reviewer", "rev1", withdraw, workflow.KindForbidden},
		{"in_review", "withdraw by another developer", "dev2", withdraw, workflow.KindForbidden},
		{"in_review", "approve", "rev1", approve, ok},
		{"in_review", "approve by the developer", "dev1", approve, workflow.KindForbidden},
		{"in_review", "approve by a buyer", "buyer1", approve, workflow.KindForbidden},
		{"in_review", "reject", "rev2", reject, ok},
		{"in_review", "reject without a reason", "rev1", rejectNoReason, workflow.KindInvalid},
		{"in_review", "edit the draft while in review", "dev1", edit, workflow.KindIllegal},
		{"in_review", "release before approval", "dev1", release, workflow.KindIllegal},
		{"approved", "approve again", "rev1", approve, workflow.KindIllegal},
		{"approved", "reject after approval", "rev1", reject, workflow.KindIllegal},
		{"approved", "withdraw after approval", "dev1", withdraw, workflow.KindIllegal},
		{"approved", "release", "dev1", release, ok},
		{"approved", "release by a reviewer", "rev1", release, workflow.KindForbidden},
		{"approved", "release by another developer", "dev2", release, workflow.KindForbidden},
		{"approved", "modify (edit the draft)", "dev1", edit, ok},
		{"rejected", "modify after rejection", "dev1", edit, ok},
		{"rejected", "submit again after rejection", "dev1", submit, ok},
		{"rejected", "release a rejected one", "dev1", release, workflow.KindIllegal},
		{"withdrawn", "submit again after withdrawing", "dev1", submit, ok},
		{"withdrawn", "approve a withdrawn one", "rev1", approve, workflow.KindIllegal},
		{"listed", "hide", "dev1", hide, ok},
		{"listed", "show what is shown", "dev1", show, workflow.KindIllegal},
		{"listed", "hide by a buyer", "buyer1", hide, workflow.KindForbidden},
		{"listed", "hide by a reviewer", "rev1", hide, workflow.KindForbidden},
		{"listed", "hide by another developer", "dev2", hide, workflow.KindForbidden},
		{"listed", "order (不限 admits a personal buyer)", "buyer1", order, ok},
		{"listed", "order (不限 admits an enterprise buyer)", "ent1", order, ok},
		{"listed", "order by a developer", "dev1", order, workflow.KindForbidden},
		{"listed", "release again", "dev1", release, workflow.KindIllegal},
		{"listed", "modify a listed plugin", "dev1", edit, ok},
		{"listed", "submit a modification", "dev1", submit, ok},
		{"hidden", "show", "dev1", show, ok},
		{"hidden", "hide what is hidden", "dev1", hide, workflow.KindIllegal},
		{"hidden", "order a hidden listing by its id: not newly (issue 15)", "buyer1", order, workflow.KindIllegal},
	}
	for _, c := range cases {
		t.Run(c.stage+"/"+c.name, func(t *testing.T) {
			f := newFixture(t)
			f.stage("dev1", pid, c.stage)
			err := c.do(f, c.as)
			if got := workflow.KindOf(err); got != c.want || (c.want != ok && err == nil) {
				t.Fatalf("got %v (%v), want kind %v", got, err, c.want)
			}
			if c.want == ok && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if err != nil && err.Error() == "" {
				t.Fatal("an error must say what is wrong")
			}
			f.checkLog()
		})
	}
}

func TestSelfReviewIsForbidden(t *testing.T) {
	f := newFixture(t)
	f.stage("both", pid, "online")
	sub, err := f.svc.Submit(f.ctx, "both", pid, "")
	f.must(err)
	_, err = f.svc.Approve(f.ctx, "both", sub.ID, workflow.AnyRev)
	if !errors.Is(err, workflow.ErrForbidden) {
		t.Fatalf("a reviewer approving their own submission: got %v, want forbidden", err)
	}
	if _, err := f.svc.Approve(f.ctx, "rev1", sub.ID, workflow.AnyRev); err != nil {
		t.Fatal(err)
	}
}

func TestOrderRespectsBuyers(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "online")
	sub := f.submitSample(pid, func(d *workflow.Draft) { d.Info.Buyers = workflow.BuyersEnterprise })
	f.approveAndRelease(pid, sub.ID)
	_, err := f.svc.Order(f.ctx, "buyer1", pid)
	if !errors.Is(err, workflow.ErrForbidden) {
		t.Fatalf("a personal buyer ordering an enterprise-only plugin: got %v", err)
	}
	if _, err := f.svc.Order(f.ctx, "ent1", pid); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Order(f.ctx, "ent1", pid); !errors.Is(err, workflow.ErrIllegal) {
		t.Fatalf("ordering twice: got %v, want illegal", err)
	}
}

// A modification is drafted and reviewed while the listed snapshot stays on
// the market; only its release replaces the listing.
func TestListedSnapshotStaysUntilRelease(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "listed")
	before := f.marketPage(pid)
	sub := f.submitSample(pid, retitle("车牌识别二代"))
	_, err := f.svc.Approve(f.ctx, "rev1", sub.ID, workflow.AnyRev)
	f.must(err)
	mid := f.marketPage(pid)
	if mid.Submission.ID != before.Submission.ID || mid.Submission.Snapshot.Info.Title != before.Submission.Snapshot.Info.Title {
		t.Fatalf("the listing changed before release: %d %q", mid.Submission.ID, mid.Submission.Snapshot.Info.Title)
	}
	_, err = f.svc.Release(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	after := f.marketPage(pid)
	if after.Submission.ID != sub.ID || after.Submission.Snapshot.Info.Title != "车牌识别二代" {
		t.Fatalf("release did not replace the listing: %d %q", after.Submission.ID, after.Submission.Snapshot.Info.Title)
	}
	old, err := f.svc.Submission(f.ctx, "dev1", before.Submission.ID)
	f.must(err)
	if old.State != workflow.SubmissionSuperseded {
		t.Fatalf("the earlier listed submission is %s, want superseded", old.State)
	}
	f.checkLog()
}

func TestSubmitNeedsAValidDraft(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "online")
	d := workflow.SampleDraft()
	d.Info.Title = ""
	d.Guide.Pages[0].Params = append(d.Guide.Pages[0].Params, workflow.Param{Name: "list", Type: "Array"})
	_, probs, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev)
	f.must(err) // an incomplete draft is still saved
	if len(probs) < 2 {
		t.Fatalf("want the title and the param type reported, got %v", probs)
	}
	_, err = f.svc.Submit(f.ctx, "dev1", pid, "")
	var we *workflow.Error
	if !errors.As(err, &we) || we.Kind != workflow.KindInvalid || len(we.Problems) < 2 {
		t.Fatalf("submit of an invalid draft: got %v", err)
	}
}

func TestStaleActionIsAConflictNamingWhoChangedIt(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "in_review")
	subs, err := f.svc.Submissions(f.ctx, "rev1", pid, workflow.Page{Limit: 1})
	f.must(err)
	seen := subs[0] // what both terminals show
	_, err = f.svc.Withdraw(f.ctx, "dev1", pid, seen.Rev)
	f.must(err)
	_, err = f.svc.Approve(f.ctx, "rev1", seen.ID, seen.Rev)
	var we *workflow.Error
	if !errors.As(err, &we) || we.Kind != workflow.KindConflict || we.By != "dev1" {
		t.Fatalf("approving a withdrawn submission from a stale screen: got %v", err)
	}
}

func TestDraftAutosaveIsIdempotentAndGuarded(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "online")
	cur, err := f.svc.Draft(f.ctx, "dev1", pid)
	f.must(err)
	again, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, cur.Draft, cur.Rev)
	f.must(err)
	if again.Rev != cur.Rev {
		t.Fatalf("saving an unchanged draft bumped its rev %d → %d", cur.Rev, again.Rev)
	}
	d := cur.Draft
	d.Info.Intro = "第一个终端"
	first, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, cur.Rev)
	f.must(err)
	d.Info.Intro = "第二个终端"
	_, _, err = f.svc.SaveDraft(f.ctx, "dev1", pid, d, cur.Rev)
	if !errors.Is(err, workflow.ErrConflict) {
		t.Fatalf("a save from a stale editor: got %v, want conflict", err)
	}
	got, err := f.svc.Draft(f.ctx, "dev1", pid)
	f.must(err)
	if got.Rev != first.Rev || got.Draft.Info.Intro != "第一个终端" {
		t.Fatalf("the first save was lost: rev %d intro %q", got.Rev, got.Draft.Info.Intro)
	}
}

func TestVersionRules(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "online")
	ctx, s := f.ctx, f.svc
	if _, err := s.AddVersion(ctx, "dev1", pid, "0.9.0"); !errors.Is(err, workflow.ErrInvalid) {
		t.Fatalf("an older version: got %v, want invalid", err)
	}
	if _, err := s.AddVersion(ctx, "dev1", pid, "1.0.0"); !errors.Is(err, workflow.ErrInvalid) {
		t.Fatalf("the same version: got %v, want invalid", err)
	}
	for _, v := range []string{"1.1.0", "1.2.0"} {
		_, err := s.AddVersion(ctx, "dev1", pid, v)
		f.must(err)
	}
	_, err := s.VersionAct(ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev)
	f.must(err)
	if _, err := s.VersionAct(ctx, "dev1", pid, "1.2.0", workflow.ActSubmit, "", workflow.AnyRev); !errors.Is(err, workflow.ErrIllegal) {
		t.Fatalf("a second version in review: got %v, want illegal", err)
	}
	if _, err := s.VersionAct(ctx, "rev1", pid, "1.1.0", workflow.ActReject, "", workflow.AnyRev); !errors.Is(err, workflow.ErrInvalid) {
		t.Fatalf("reject without a reason: got %v, want invalid", err)
	}
	v, err := s.VersionAct(ctx, "rev1", pid, "1.1.0", workflow.ActReject, "崩溃", workflow.AnyRev)
	f.must(err)
	if v.State != workflow.VersionRejected || v.Reason != "崩溃" {
		t.Fatalf("rejected version: %+v", v)
	}
	if _, err := s.VersionAct(ctx, "dev1", pid, "1.2.0", workflow.ActSubmit, "", workflow.AnyRev); !errors.Is(err, workflow.ErrIllegal) {
		t.Fatalf("submit while another is rejected: got %v, want illegal", err)
	}
	_, err = s.VersionAct(ctx, "dev1", pid, "1.1.0", workflow.ActReturn, "", workflow.AnyRev)
	f.must(err)
	f.must(workflowtest.TakeOnline(ctx, s, "dev1", pid, "1.1.0"))
	vs, err := s.Versions(ctx, "dev1", pid, workflow.Page{})
	f.must(err)
	states := map[string]workflow.VersionState{}
	for _, v := range vs {
		states[v.SemVer.String()] = v.State
	}
	if states["1.0.0"] != workflow.VersionOffline || states["1.1.0"] != workflow.VersionOnline {
		t.Fatalf("going online should take the older version offline: %v", states)
	}
	f.checkLog()
}

// A screen that showed submission #1 must never act on #2, even when #2 has
// the same Rev: actions from screens name the submission.
func TestActionsByIDNeverHitANewerSubmission(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "in_review")
	shown := f.submissionID(pid)
	_, err := f.svc.Withdraw(f.ctx, "dev1", pid, workflow.AnyRev) // another terminal
	f.must(err)
	newer, err := f.svc.Submit(f.ctx, "dev1", pid, "")
	f.must(err)
	if _, err := f.svc.WithdrawSubmission(f.ctx, "dev1", shown, 1); !errors.Is(err, workflow.ErrConflict) {
		t.Fatalf("withdrawing the stale row: got %v, want conflict", err)
	}
	got, err := f.svc.Submission(f.ctx, "dev1", newer.ID)
	f.must(err)
	if got.State != workflow.SubmissionInReview {
		t.Fatalf("the newer submission was touched: %s", got.State)
	}
	_, err = f.svc.Approve(f.ctx, "rev1", newer.ID, workflow.AnyRev)
	f.must(err)
	if _, err := f.svc.ReleaseSubmission(f.ctx, "dev1", shown, 2); !errors.Is(err, workflow.ErrConflict) && !errors.Is(err, workflow.ErrIllegal) {
		t.Fatalf("releasing the withdrawn row: got %v", err)
	}
	if _, err := f.svc.ReleaseSubmission(f.ctx, "dev1", newer.ID, 2); err != nil {
		t.Fatal(err)
	}
}

// TestRoleMatrix runs every action as every kind of user: the owning
// developer, another developer, a reviewer, a consumer and an unknown name,
// plus a reviewer acting on their own submission. Each refusal is
// forbidden (not found for the unknown name), names the rule it applies,
// and changes nothing; each permitted cell succeeds on a fresh database.
func TestRoleMatrix(t *testing.T) {
	const (
		owner, other, reviewer, buyer, ghost = "dev1", "dev2", "rev1", "buyer1", "nobody"
		self                                 = "both" // developer and reviewer: owns the plugin in the self cases

		okay = ""
	)
	rule := workflowtest.Rules // what a refusal must name
	type act func(f *fixture, as string) error
	versionAct := func(ver string, a workflow.Action, reason string) act {
		return func(f *fixture, as string) error {
			_, err := f.svc.VersionAct(f.ctx, as, pid, ver, a, reason, workflow.AnyRev)
			return err
		}
	}
	// prepVersion takes version 1.1.0 of the plugin's owner through steps.
	prepVersion := func(steps ...workflow.Action) func(f *fixture, owner string) {
		return func(f *fixture, owner string) {
			_, err := f.svc.AddVersion(f.ctx, owner, pid, "1.1.0")
			f.must(err)
			for _, a := range steps {
				as := owner
				if a == workflow.ActApprove || a == workflow.ActReject {
					as = "rev1"
				}
				_, err := f.svc.VersionAct(f.ctx, as, pid, "1.1.0", a, "崩溃", workflow.AnyRev)
				f.must(err)
			}
		}
	}
	sub := func(f *fixture) int64 { return f.submissionID(pid) }
	type roleCase struct {
		name  string
		owner string // who owns the plugin; dev1 when ""
		stage string
		prep  func(f *fixture, owner string)
		do    act
		want  map[string]string // user → okay or the rule a refusal names
	}
	cases := []roleCase{
		{name: "create a plugin", stage: "created",
			do: func(f *fixture, as string) error {
				_, err := f.svc.CreatePlugin(f.ctx, as, "2021004100000099", "新插件")
				return err
			},
			want: map[string]string{owner: okay, other: okay, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "list plugins", stage: "created",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Plugins(f.ctx, as, "", workflow.Page{})
				return err
			},
			want: map[string]string{owner: okay, other: okay, reviewer: okay, buyer: rule.List}},
		{name: "read the log", stage: "listed",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Log(f.ctx, as, pid, workflow.Page{})
				return err
			},
			want: map[string]string{owner: okay, other: rule.Read, reviewer: okay, buyer: rule.Read}},
		{name: "read the draft", stage: "online",
			do:   func(f *fixture, as string) error { _, err := f.svc.Draft(f.ctx, as, pid); return err },
			want: map[string]string{owner: okay, other: rule.Read, reviewer: okay, buyer: rule.Read}},
		{name: "add a version", stage: "online",
			do: func(f *fixture, as string) error {
				_, err := f.svc.AddVersion(f.ctx, as, pid, "1.1.0")
				return err
			},
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "submit a version", stage: "online", prep: prepVersion(), do: versionAct("1.1.0", workflow.ActSubmit, ""),
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "withdraw a version", stage: "online", prep: prepVersion(workflow.ActSubmit), do: versionAct("1.1.0", workflow.ActWithdraw, ""),
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "approve a version", stage: "online", prep: prepVersion(workflow.ActSubmit), do: versionAct("1.1.0", workflow.ActApprove, ""),
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "reject a version", stage: "online", prep: prepVersion(workflow.ActSubmit), do: versionAct("1.1.0", workflow.ActReject, "崩溃"),
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "return a rejected version", stage: "online", prep: prepVersion(workflow.ActSubmit, workflow.ActReject), do: versionAct("1.1.0", workflow.ActReturn, ""),
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "put a version online", stage: "online", prep: prepVersion(workflow.ActSubmit, workflow.ActApprove), do: versionAct("1.1.0", workflow.ActOnline, ""),
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "take a version offline", stage: "online", do: versionAct("1.0.0", workflow.ActOffline, ""),
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "approve one's own version", owner: self, stage: "online", prep: prepVersion(workflow.ActSubmit), do: versionAct("1.1.0", workflow.ActApprove, ""),
			want: map[string]string{self: rule.Self, reviewer: okay}},
		{name: "edit the draft", stage: "online",
			do: func(f *fixture, as string) error {
				d := workflow.SampleDraft()
				d.Info.Intro = "改过的简单介绍"
				_, _, err := f.svc.SaveDraft(f.ctx, as, pid, d, workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "fill the sample draft", stage: "created",
			do:   func(f *fixture, as string) error { _, err := f.svc.SampleDraft(f.ctx, as, pid); return err },
			want: map[string]string{owner: okay, other: rule.Read, reviewer: rule.Developer, buyer: rule.Read}},
		{name: "submit", stage: "online",
			do:   func(f *fixture, as string) error { _, err := f.svc.Submit(f.ctx, as, pid, ""); return err },
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "withdraw", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Withdraw(f.ctx, as, pid, workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "read the review queue", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.ReviewQueue(f.ctx, as, workflow.Page{})
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "approve", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Approve(f.ctx, as, sub(f), workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "reject", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Reject(f.ctx, as, sub(f), "描述不完整", workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "reject with notes", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.RejectWithNotes(f.ctx, as, sub(f), "描述不完整", []workflow.NoteInput{{Path: "info.title", Text: "标题太泛"}}, workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "claim", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Claim(f.ctx, as, sub(f), workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "unclaim", stage: "in_review",
			prep: func(f *fixture, _ string) {
				_, err := f.svc.Claim(f.ctx, "rev1", f.submissionID(pid), workflow.AnyRev)
				f.must(err)
			},
			do: func(f *fixture, as string) error {
				_, err := f.svc.Unclaim(f.ctx, as, sub(f), workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "claim one's own submission", owner: self, stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Claim(f.ctx, as, sub(f), workflow.AnyRev)
				return err
			},
			want: map[string]string{self: rule.Self, reviewer: okay}},
		{name: "read the review stats", stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.ReviewStats(f.ctx, as)
				return err
			},
			want: map[string]string{owner: rule.Reviewer, other: rule.Reviewer, reviewer: okay, buyer: rule.Reviewer}},
		{name: "read the notes of the draft", stage: "rejected",
			do: func(f *fixture, as string) error {
				_, err := f.svc.DraftNotes(f.ctx, as, pid)
				return err
			},
			want: map[string]string{owner: okay, other: rule.Read, reviewer: okay, buyer: rule.Read}},
		{name: "approve one's own submission", owner: self, stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Approve(f.ctx, as, sub(f), workflow.AnyRev)
				return err
			},
			want: map[string]string{self: rule.Self, reviewer: okay}},
		{name: "reject one's own submission", owner: self, stage: "in_review",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Reject(f.ctx, as, sub(f), "自己驳回", workflow.AnyRev)
				return err
			},
			want: map[string]string{self: rule.Self, reviewer: okay}},
		{name: "release", stage: "approved",
			do: func(f *fixture, as string) error {
				_, err := f.svc.Release(f.ctx, as, pid, workflow.AnyRev)
				return err
			},
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "hide", stage: "listed",
			do:   func(f *fixture, as string) error { _, err := f.svc.Hide(f.ctx, as, pid, workflow.AnyRev); return err },
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "show", stage: "hidden",
			do:   func(f *fixture, as string) error { _, err := f.svc.Show(f.ctx, as, pid, workflow.AnyRev); return err },
			want: map[string]string{owner: okay, other: rule.Owner, reviewer: rule.Developer, buyer: rule.Developer}},
		{name: "order", stage: "listed",
			do:   func(f *fixture, as string) error { _, err := f.svc.Order(f.ctx, as, pid); return err },
			want: map[string]string{owner: rule.Consumer, other: rule.Consumer, reviewer: rule.Consumer, buyer: okay}},
	}
	setup := func(t *testing.T, c roleCase) *fixture {
		f := newFixture(t)
		o := cmp.Or(c.owner, owner)
		f.stage(o, pid, c.stage)
		if c.prep != nil {
			c.prep(f, o)
		}
		return f
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The refusals, one after another on one database: none may
			// change a fact, write an event or touch the draft.
			f := setup(t, c)
			facts, err := f.st.Facts(f.ctx)
			f.must(err)
			events, err := f.st.AllEvents(f.ctx, 0, 1_000_000)
			f.must(err)
			draft, err := f.st.Draft(f.ctx, pid)
			f.must(err)
			refusals := map[string]string{ghost: "not found"}
			for as, rule := range c.want {
				if rule != okay {
					refusals[as] = rule
				}
			}
			for as, rule := range refusals {
				err := c.do(f, as)
				switch {
				case as == ghost:
					if workflow.KindOf(err) != workflow.KindNotFound || !strings.Contains(err.Error(), `user "nobody" does not exist`) {
						t.Errorf("as an unknown user: got %v, want not found naming the user", err)
					}
				case workflow.KindOf(err) != workflow.KindForbidden:
					t.Errorf("as %s: got %v (%v), want forbidden", as, workflow.KindOf(err), err)
				case !strings.Contains(err.Error(), rule):
					t.Errorf("as %s: %q does not name the rule %q", as, err, rule)
				}
			}
			after, err := f.st.Facts(f.ctx)
			f.must(err)
			evAfter, err := f.st.AllEvents(f.ctx, 0, 1_000_000)
			f.must(err)
			draftAfter, err := f.st.Draft(f.ctx, pid)
			f.must(err)
			if d := facts.DiffText(after); d != "" || len(evAfter) != len(events) || draftAfter.Rev != draft.Rev {
				t.Errorf("a refusal changed something: %s; %d → %d events; draft rev %d → %d", d, len(events), len(evAfter), draft.Rev, draftAfter.Rev)
			}

			// Each permitted cell on its own database.
			for as, rule := range c.want {
				if rule != okay {
					continue
				}
				f := setup(t, c)
				if err := c.do(f, as); err != nil {
					t.Errorf("as %s: %v", as, err)
				}
				f.checkLog()
			}
		})
	}
}
