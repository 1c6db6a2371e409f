package workflow_test

import (
	"strings"
	"testing"

	"plugpub/workflow"
)

// TestSubmissionSnapshotReaders checks who may export which submission: the
// owner and reviewers any of the plugin's, everyone the listed one (hidden
// or not), nobody else anything, and an id of another plugin is not found.
func TestSubmissionSnapshotReaders(t *testing.T) {
	f := newFixture(t)
	const other = "2021004100000002"
	f.stage("dev1", pid, "listed")
	first := f.submissionID(pid)
	// A modification is listed in its place, then another goes to review.
	listed := f.submitSample(pid, retitle("车牌识别二代")).ID
	f.approveAndRelease(pid, listed)
	review := f.submitSample(pid, retitle("车牌识别三代")).ID
	f.stage("dev2", other, "in_review")
	otherSub := f.submissionID(other)

	for _, tc := range []struct {
		name, as, plugin string
		id               int64
		kind             workflow.Kind // 0: allowed
		title, msg       string
	}{
		{"owner reads the listed one", "dev1", pid, listed, 0, "车牌识别二代", ""},
		{"owner reads the one in review", "dev1", pid, review, 0, "车牌识别三代", ""},
		{"reviewer reads the one in review", "rev1", pid, review, 0, "车牌识别三代", ""},
		{"another developer reads the listed one", "dev2", pid, listed, 0, "车牌识别二代", ""},
		{"a buyer reads the listed one", "buyer1", pid, listed, 0, "车牌识别二代", ""},
		{"another developer may not read the one in review", "dev2", pid, review, workflow.KindForbidden, "", "only its owner or a reviewer"},
		{"a buyer may not read the one in review", "buyer1", pid, review, workflow.KindForbidden, "", "only its owner or a reviewer"},
		{"a stranger cannot probe ids", "dev2", pid, 9999, workflow.KindForbidden, "", "only its owner or a reviewer"},
		{"the owner asks for an id that does not exist", "dev1", pid, 9999, workflow.KindNotFound, "", "has no submission 9999"},
		{"an id of another plugin is not this plugin's", "rev1", pid, otherSub, workflow.KindNotFound, "", "has no submission"},
		{"owner reads the replaced listing", "dev1", pid, first, 0, "车牌识别插件", ""},
		{"the replaced listing is no longer public", "buyer1", pid, first, workflow.KindForbidden, "", "the listed one"},
		{"no such plugin", "dev1", "2021004100000099", listed, workflow.KindNotFound, "", "2021004100000099"},
		{"no such user", "ghost", pid, listed, workflow.KindNotFound, "", "ghost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, sub, err := f.svc.SubmissionSnapshot(f.ctx, tc.as, tc.plugin, tc.id)
			if got := workflow.KindOf(err); got != tc.kind || (err != nil && tc.kind == 0) {
				t.Fatalf("kind %v, want %v (err %v)", got, tc.kind, err)
			}
			if tc.kind != 0 {
				if !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("the error %q should say %q", err, tc.msg)
				}
				return
			}
			if sub.ID != tc.id || sub.Snapshot == nil || sub.Snapshot.Info.Title != tc.title {
				t.Fatalf("got submission %d with %v, want %d titled %s", sub.ID, sub.Snapshot, tc.id, tc.title)
			}
			if p.ID != tc.plugin || p.Owner != "dev1" {
				t.Errorf("got plugin %s of %s, want %s of dev1", p.ID, p.Owner, tc.plugin)
			}
		})
	}

	// 隐藏 keeps a listing out of search, not off the market: its page, and
	// so its snapshot, stays readable by id.
	_, err := f.svc.Hide(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	if _, _, err := f.svc.SubmissionSnapshot(f.ctx, "buyer1", pid, listed); err != nil {
		t.Errorf("a hidden listing's snapshot: %v", err)
	}
}
