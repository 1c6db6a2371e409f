package review

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// TestFieldCursorFindsEveryFieldOfThePreview: ] walks the fields of the
// page in order, diff lines first, and every field of the sample draft is
// found in the market preview.
func TestFieldCursorFindsEveryFieldOfThePreview(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	s := submit(t, w, "dev1", pid1)
	d := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	want := len(previewFinds(s.Snapshot))
	if len(d.anchors) != want {
		var got []string
		for _, a := range d.anchors {
			got = append(got, a.path)
		}
		t.Fatalf("%d fields found, want %d: %v", len(d.anchors), want, got)
	}
	tuitest.Press(t, d, "]")
	if d.field != 0 || !strings.Contains(d.View(), "▸车牌识别插件") {
		t.Fatalf("] should select the title, field %d:\n%s", d.field, d.View())
	}
	tuitest.Press(t, d, "[")
	if d.anchors[d.field].path != "guide.instructions" {
		t.Fatalf("[ from the first field should wrap to the last, got %s", d.anchors[d.field].path)
	}
}

// TestNotesAtFieldsGoWithTheRejection: a note written on a diff line and
// one on a prop row of the preview are drawn under their fields, can be
// edited and dropped, and the rejection prompt counts them.
func TestNotesAtFieldsGoWithTheRejection(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	w.Listed("dev1", pid1)
	dr := workflow.SampleDraft()
	dr.Info.Title = "车牌识别插件 Pro"
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, dr, workflow.AnyRev))
	s := submit(t, w, "dev1", pid1)
	d := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	d.SetSize(100, 40)
	tuitest.Press(t, d, "]")
	if p := d.anchors[d.field].path; p != "info.title" {
		t.Fatalf("the first field should be the title's diff line, got %s", p)
	}
	tuitest.Press(t, d, "n")
	if !d.Capturing() || !strings.Contains(d.View(), "批注 服务标题") {
		t.Fatalf("n should open the note of 服务标题:\n%s", d.View())
	}
	tuitest.Press(t, d, "标题不要带 Pro", "ctrl+s")
	if d.Capturing() || len(d.notes) != 1 || !strings.Contains(d.View(), "✎ 批注: 标题不要带 Pro") {
		t.Fatalf("the note should be drawn under the field:\n%s", d.View())
	}
	// To the mode prop's row in the preview.
	for range len(d.anchors) {
		if d.anchors[d.field].path == "guide.components[0].props[1]" {
			break
		}
		tuitest.Press(t, d, "]")
	}
	tuitest.Press(t, d, "n", "默认值写清楚\u202e\u0007", "ctrl+s")
	if len(d.notes) != 2 || d.notes[1].path != "guide.components[0].props[1]" {
		t.Fatalf("notes %v", d.notes)
	}
	view := d.View()
	if strings.ContainsAny(view, "\u202e\u0007") || !strings.Contains(view, "✎ 批注: 默认值写清楚") {
		t.Fatalf("a note is drawn sanitised under its row:\n%q", view)
	}
	// Edit to nothing drops it; del drops the other.
	tuitest.Press(t, d, "n", "ctrl+a", "ctrl+k", "ctrl+s")
	if len(d.notes) != 1 {
		t.Fatalf("an emptied note should be dropped: %v", d.notes)
	}
	tuitest.Press(t, d, "x")
	if !strings.Contains(d.View(), "1 条批注") {
		t.Fatalf("the rejection should count its notes:\n%s", d.View())
	}
	tuitest.Press(t, d, "esc")
	for d.field != 0 {
		tuitest.Press(t, d, "]")
	}
	tuitest.Press(t, d, "delete")
	if len(d.notes) != 0 || d.keys.Unnote.Enabled() {
		t.Fatalf("del should drop the note on the field: %v", d.notes)
	}
}

// TestNoNotesWithoutRejecting: the submitter (or anyone 驳回 is not
// offered to) gets no note key.
func TestNoNotesWithoutRejecting(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	s := submit(t, w, "dev1", pid1)
	d := openDetail(t, reviewer(t, w, "dev1"), s.ID)
	tuitest.Press(t, d, "]", "n")
	if d.Capturing() || d.keys.Note.Enabled() {
		t.Fatal("the submitter cannot note their own submission")
	}
}

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
