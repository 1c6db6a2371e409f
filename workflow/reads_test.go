package workflow_test

import (
	"testing"

	"plugpub/workflow"
)

// TestDiffBase: nothing before the first submission, the rejected one for a
// resubmission, and the listed snapshot once the plugin is 上架.
func TestDiffBase(t *testing.T) {
	f := newFixture(t)
	ctx, s := f.ctx, f.svc
	f.stage("dev1", pid, "rejected")
	first := f.submissionID(pid)
	base := func(sub workflow.Submission) workflow.DiffBase {
		t.Helper()
		b, err := s.DiffBase(ctx, "rev1", sub)
		f.must(err)
		return b
	}
	sub1, err := s.Submission(ctx, "rev1", first)
	f.must(err)
	if b := base(sub1); b.Kind != workflow.BaseNone {
		t.Errorf("first submission: base %q #%d, want none", b.Kind, b.Submission.ID)
	}
	sub2, err := s.Submit(ctx, "dev1", pid, "")
	f.must(err)
	b := base(sub2)
	if b.Kind != workflow.BasePrevious || b.Submission.ID != first || b.Submission.Snapshot == nil {
		t.Fatalf("resubmission after 驳回: base %q #%d (snapshot %v), want previous #%d", b.Kind, b.Submission.ID, b.Submission.Snapshot != nil, first)
	}
	if b.Submission.State != workflow.SubmissionRejected {
		t.Errorf("base state %s, want rejected", b.Submission.State)
	}
	_, err = s.Approve(ctx, "rev1", sub2.ID, workflow.AnyRev)
	f.must(err)
	_, err = s.Release(ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	sub3, err := s.Submit(ctx, "dev1", pid, "")
	f.must(err)
	b = base(sub3)
	if b.Kind != workflow.BaseListed || b.Submission.ID != sub2.ID || b.Listing == nil || b.Submission.Snapshot == nil {
		t.Fatalf("with a listing: base %q #%d, want listed #%d", b.Kind, b.Submission.ID, sub2.ID)
	}
	// The listed submission itself is compared with what came before it.
	if b := base(sub2); b.Kind != workflow.BasePrevious || b.Submission.ID != first {
		t.Errorf("the listed one: base %q #%d, want previous #%d", b.Kind, b.Submission.ID, first)
	}
	if _, err := s.DiffBase(ctx, "dev2", sub3); workflow.KindOf(err) != workflow.KindForbidden {
		t.Errorf("another developer reads the base: %v", err)
	}
}
