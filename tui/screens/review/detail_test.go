package review

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// A resubmission after 驳回, with nothing listed yet, is reviewed against
// the rejected submission, and the heading says so.
func TestResubmissionDiffsAgainstThePreviousSubmission(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	first := submit(t, w, "dev1", pid1)
	w.Must(w.Svc.Reject(w.Ctx, "rev1", first.ID, "标题不清楚", workflow.AnyRev))
	d := workflow.SampleDraft()
	d.Info.Title = "车牌识别插件 2"
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, d, workflow.AnyRev))
	s := submit(t, w, "dev1", pid1)
	page := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	page.SetSize(100, 60)
	view := strings.Join(lines(page.View()), "\n")
	for _, want := range []string{
		fmt.Sprintf("与上次提交的差异 (#%d, 审核驳回 于", first.ID),
		"上次驳回原因 (rev1): 标题不清楚",
		"~ 服务标题: 车牌识别插件 → 车牌识别插件 2",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the review lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "首次上架") {
		t.Errorf("a resubmission is not a first listing:\n%s", view)
	}
}
