package review

import (
	"strings"
	"testing"

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
