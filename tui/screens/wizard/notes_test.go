package wizard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// rejectedWithNotes is dev1's plugin rejected with two notes, one on the
// title and one on a prop's type, and the wizard opened on its draft.
func rejectedWithNotes(t *testing.T) (*tuitest.World, *Model) {
	t.Helper()
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	s, err := w.Svc.Submit(w.Ctx, "dev1", pid, "")
	w.Must(err)
	w.Must(w.Svc.RejectWithNotes(w.Ctx, "rev1", s.ID, "请修改", []workflow.NoteInput{
		{Path: "info.title", Text: "标题太泛\u202e"},
		{Path: "guide.components[0].props[1].type", Text: "mode 应为枚举"},
	}, workflow.AnyRev))
	return w, open(t, w, "dev1")
}

// TestNotesInTheWizard: ① marks the noted field with the note under it,
// ② marks the entry, ③ lists both as unresolved with enter jumping to the
// field, and a changed title resolves its note at once; 提交申请 says
// which are still unresolved first.
func TestNotesInTheWizard(t *testing.T) {
	_, m := rejectedWithNotes(t)
	view := m.View()
	if !strings.Contains(view, "✎ 审核批注: 标题太泛") || strings.Contains(view, "\u202e") {
		t.Fatalf("① should show the note under 服务标题, sanitised:\n%s", view)
	}
	if !strings.Contains(view, "③ 确认 ✎2") {
		t.Fatalf("the step bar should count the open notes:\n%s", view)
	}
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	if view := m.View(); !strings.Contains(view, "✎ 审核批注: mode 应为枚举") {
		t.Fatalf("② should mark plate-scanner's row:\n%s", view)
	}
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	tuitest.ContainsAll(t, "③", m.View(),
		"✎ 2 notes of the reviewer, 2 unresolved",
		"○ 未解决 服务标题: 标题太泛",
		"○ 未解决 组件 plate-scanner › 属性 mode › 类型: mode 应为枚举",
	)
	// The second note: enter goes to ② and the prop's editor.
	tuitest.Drive(t, m, tuitest.Key("down"), tuitest.Key("enter"))
	if m.active != 1 || !strings.Contains(m.View(), "✎ 审核批注: mode 应为枚举") {
		t.Fatalf("enter on the prop's note should open its editor on ②:\n%s", m.View())
	}
	tuitest.Drive(t, m, tuitest.Key("esc"))
	if m.steps[m.active].Open() {
		tuitest.Drive(t, m, tuitest.Key("esc"))
	}
	// The first: ① and the title, which is then changed.
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	for m.confirm.cursor > 0 {
		tuitest.Drive(t, m, tuitest.Key("up"))
	}
	tuitest.Drive(t, m, tuitest.Key("enter"))
	if m.active != 0 {
		t.Fatalf("enter on the title's note should go to ①, went to %d", m.active)
	}
	tuitest.Press(t, m, " OCR")
	tuitest.Drive(t, m, tickMsg{id: m.id, seq: m.seq})
	if open := workflow.Unresolved(m.notes); len(open) != 1 || open[0].Path != "guide.components[0].props[1].type" {
		t.Fatalf("the changed title should resolve its note: %+v", m.notes)
	}
	if view := m.View(); !strings.Contains(view, "✓ 已解决的批注: 标题太泛") || !strings.Contains(view, "③ 确认 ✎1") {
		t.Fatalf("① should show the note resolved:\n%s", view)
	}
	tuitest.Drive(t, m, tuitest.Key("esc"), tuitest.Key("ctrl+n"), tuitest.Key("ctrl+n"))
	tuitest.ContainsAll(t, "③ after the edit", m.View(), "✓ 已解决 服务标题", "○ 未解决 组件 plate-scanner")
	tuitest.Drive(t, m, tuitest.Key("s"))
	if !strings.Contains(m.View(), "1 of the reviewer's notes are still unresolved") {
		t.Fatalf("提交申请 should say which notes are open first:\n%s", m.View())
	}
}

// TestNotesOnConfirmGolden: ③ at 100×27 with the reviewer's two notes,
// one resolved, under a draft without problems.
func TestNotesOnConfirmGolden(t *testing.T) {
	_, m := rejectedWithNotes(t)
	tuitest.Press(t, m, " OCR")
	tuitest.Drive(t, m, tickMsg{id: m.id, seq: m.seq})
	tuitest.Drive(t, m, tuitest.Key("esc"), tuitest.Key("ctrl+n"), tuitest.Key("ctrl+n"), tuitest.Key("down"))
	golden.RequireEqual(t, []byte(m.View()))
}
