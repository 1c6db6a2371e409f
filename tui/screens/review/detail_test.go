package review

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// A resubmission after 驳回, with nothing listed yet, is reviewed against
// the rejected submission, and the heading says so; there is no other
// base to switch to.
func TestResubmissionDiffsAgainstThePreviousSubmission(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	first := submit(t, w, "dev1", pid1)
	w.Must(w.Svc.Reject(w.Ctx, "rev1", first.ID, "标题不清楚", workflow.AnyRev))
	d := workflow.SampleDraft()
	d.Info.Title = "车牌识别插件 2"
	_, view := reviewOf(t, w, d, 60)
	tuitest.ContainsAll(t, "the review", view,
		fmt.Sprintf("与被驳回的提交的差异 (#%d, 驳回于", first.ID),
		"上次驳回原因 (rev1): 标题不清楚",
		"~ 服务标题: 车牌识别插件 → 车牌识别插件 2",
	)
	if strings.Contains(view, "首次上架") {
		t.Errorf("a resubmission is not a first listing:\n%s", view)
	}
}
