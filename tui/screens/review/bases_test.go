package review

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// TestSwitchTheDiffBase: a listed plugin's modification was rejected with
// notes and resubmitted; its review compares with the rejected submission
// first, its notes beside the fields they were about, and b switches to
// the listed snapshot and back.
func TestSwitchTheDiffBase(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	listed := w.Listed("dev1", pid1)
	d := workflow.SampleDraft()
	d.Info.Title = "车牌识别插件 Pro"
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, d, workflow.AnyRev))
	rejected := submit(t, w, "dev1", pid1)
	w.Must(w.Svc.RejectWithNotes(w.Ctx, "rev1", rejected.ID, "请改标题", []workflow.NoteInput{
		{Path: "info.title", Text: "标题不要带 Pro"},
		{Path: "guide.components[0].props[1].default", Text: "默认值\x1b[31m写清楚"},
		{Path: "guide.components[0].props[1]", Text: "mode 应为枚举"},
	}, workflow.AnyRev))
	d.Info.Title = "车牌识别插件 2"
	d.Guide.Components[0].Props[1].Description += "（枚举）"
	s, view := reviewOf(t, w, d, 400)
	tuitest.ContainsAll(t, "the review against the rejected submission", view,
		fmt.Sprintf("与被驳回的提交的差异 (#%d, 驳回于", rejected.ID),
		"b: compare with the listed one",
		"上次驳回原因 (rev1): 请改标题",
		"✎ 组件 plate-scanner › 属性 mode › 默认值: 默认值写清楚",
		"mode | String | 否 | camera | 识别方式：camera 拍照识别，album 从相册选择（枚举）\n✎ 上次批注: 默认值写清楚",
		"~ 服务标题: 车牌识别插件 Pro → 车牌识别插件 2\n✎ 上次批注: 标题不要带 Pro",
		// A note on the prop is under each change inside it, after its wrapped lines.
		"~ 组件 plate-scanner › 属性 mode › 描述: 识别方式：camera 拍照识别，album 从相册选择 →\n识别方式：camera 拍照识别，album 从相册选择（枚举）\n✎ 上次批注: mode 应为枚举",
	)
	if strings.Contains(view, "\x1b[31m") {
		t.Fatal("a note is drawn sanitised")
	}
	page := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	page.SetSize(100, 400)
	tuitest.Press(t, page, "b")
	view = strings.Join(lines(page.View()), "\n")
	tuitest.ContainsAll(t, "the review against the listing", view,
		fmt.Sprintf("与已上架版本的差异 (#%d, 上架于", listed.ID),
		"b: compare with the rejected submission",
		"~ 服务标题: 车牌识别插件 → 车牌识别插件 2",
	)
	if strings.Contains(view, "上次批注") || strings.Contains(view, "上次驳回原因") {
		t.Errorf("the listing has no notes to show:\n%s", view)
	}
	tuitest.Press(t, page, "b")
	if !strings.Contains(page.View(), "与被驳回的提交的差异") {
		t.Errorf("b again should go back to the rejected submission:\n%s", page.View())
	}
	// A reload keeps the base the reviewer chose.
	tuitest.Press(t, page, "b")
	tuitest.Drive(t, page, reloadMsg())
	if !strings.Contains(page.View(), "与已上架版本的差异") {
		t.Errorf("a reload should keep the listed base:\n%s", page.View())
	}
}

// TestNoSwitchWithOneBase: a first modification of a listed plugin has
// only the listing to compare with; b is not offered.
func TestNoSwitchWithOneBase(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	w.Listed("dev1", pid1)
	d := workflow.SampleDraft()
	d.Info.Title = "车牌识别插件 Pro"
	_, view := reviewOf(t, w, d, 60)
	if strings.Contains(view, "b: compare") {
		t.Errorf("one base, no switch:\n%s", view)
	}
}

func reloadMsg() common.ReloadMsg { return common.ReloadMsg{} }
