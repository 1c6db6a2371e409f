package publish

import (
	"strings"
	"testing"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// TestNotesAtTheirFields: the detail of a rejected submission lists the
// reviewer's notes at their fields, each 未修改 until the draft changes
// that field, then 已修改.
func TestNotesAtTheirFields(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	s := submit(t, w)
	w.Must(w.Svc.RejectWithNotes(w.Ctx, "rev1", s.ID, "请修改", []workflow.NoteInput{
		{Path: "info.title", Text: "标题太泛"},
		{Path: "guide.components[0].props[1].type", Text: "mode 应为枚举\u202e"},
	}, workflow.AnyRev))
	m := open(t, w, "dev1")
	view := m.View()
	tuitest.ContainsAll(t, "the rejected row's detail", view,
		"字段批注 (2)", "○ 未修改 服务标题", "标题太泛", "○ 未修改 组件 plate-scanner › 属性 mode › 类型", "mode 应为枚举")
	if strings.Contains(view, "\u202e") {
		t.Fatal("a note is drawn sanitised")
	}
	modify(t, w, "车牌识别 OCR")
	m = open(t, w, "dev1")
	tuitest.ContainsAll(t, "after the title changed", m.View(), "✓ 已修改 服务标题", "○ 未修改 组件 plate-scanner")
}
