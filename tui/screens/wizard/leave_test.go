package wizard

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/screens/wizard/step"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// underRoot is the wizard on top of the real root at 100×30, as the
// console shows it.
func underRoot(t *testing.T, w *tuitest.World) (tea.Model, *Model) {
	t.Helper()
	ctx := w.Context("dev1")
	m := New(ctx, pid)
	root := tuitest.Open(t, tui.New(ctx, m), m, 100, 30)
	if !m.loaded {
		t.Fatal("the draft did not load")
	}
	return root, m
}

// Bug 3: on ② lists and ③, where no text field has focus, ? opens the
// full help and q quits; in a text field both are text.
func TestQuestionMarkAndQReachTheRootWhereNothingIsTyped(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	for _, at := range []int{1, 2} {
		root, m := underRoot(t, w)
		for range at {
			root, _ = tuitest.DriveModel(t, root, tuitest.Key("ctrl+n"))
		}
		if m.active != at {
			t.Fatalf("step %d: active %d, capturing %v", at, m.active, m.Capturing())
		}
		if strings.Contains(root.View(), "page down") {
			t.Fatalf("step %d: the full help shows before ?:\n%s", at, root.View())
		}
		root, _ = tuitest.DriveModel(t, root, tuitest.Key("?"))
		if v := root.View(); !strings.Contains(v, "page down") || !strings.Contains(v, "quit") {
			t.Fatalf("step %d: ? did not open the full help:\n%s", at, v)
		}
		root, _ = tuitest.DriveModel(t, root, tuitest.Key("esc")) // closes the help
		_, seen := tuitest.DriveModel(t, root, tuitest.Key("q"))
		if _, ok := tuitest.Find[tea.QuitMsg](seen); !ok {
			t.Fatalf("step %d: q did not quit: %v", at, seen)
		}
	}

	// ① 服务标题 has focus: q and ? are the title's text.
	root, m := underRoot(t, w)
	before := m.draft.Info.Title
	_, seen := tuitest.DriveModel(t, root, tuitest.Key("q"), tuitest.Key("?"))
	if _, ok := tuitest.Find[tea.QuitMsg](seen); ok || m.draft.Info.Title != before+"q?" {
		t.Fatalf("in the title q and ? must be text: title %q, %v", m.draft.Info.Title, seen)
	}
}

// Capturing is true exactly where a text field has focus.
func TestCapturingOnlyWhileATextFieldHasFocus(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	if !m.Capturing() {
		t.Fatal("① opens on 服务标题, a text field: it must capture")
	}
	if !m.steps[0].Focus("info.abilities") || m.Capturing() {
		t.Fatal("on 功能类型 (a multi-select) q and ? are the root's")
	}
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	if m.Capturing() {
		t.Fatal("the 组件 list must not capture")
	}
	tuitest.Drive(t, m, tuitest.Key("a")) // a new component: its editor, on 名称
	if !m.Capturing() || !m.steps[1].Open() {
		t.Fatalf("the editor's name field must capture: capturing %v, open %v", m.Capturing(), m.steps[1].Open())
	}
	tuitest.Drive(t, m, tuitest.Key("tab"), tuitest.Key("tab")) // 描述, then 属性 (a list)
	if m.Capturing() || !m.steps[1].Open() {
		t.Fatalf("on the editor's 属性 list: capturing %v, open %v", m.Capturing(), m.steps[1].Open())
	}
	// esc from the root (Leave) closes the editor, not the wizard.
	if msgs := tuitest.Drive(t, m, tuitest.Run(m.Leave(false))...); m.steps[1].Open() || len(msgs) != 0 && hasPop(msgs) {
		t.Fatalf("esc on the editor's list left the wizard or kept the editor: %v", msgs)
	}
}

func hasPop(msgs []tea.Msg) bool {
	_, ok := tuitest.Find[common.PopMsg](msgs)
	return ok
}

// Bug 3: q saves the draft before it quits.
func TestQuitSavesFirst(t *testing.T) {
	w, m := pendingCases(t, "退出前的字")
	msgs := tuitest.Drive(t, m, tuitest.Run(m.Leave(true))...)
	if _, ok := tuitest.Find[tea.QuitMsg](msgs); !ok {
		t.Fatalf("q did not quit: %v", msgs)
	}
	if got := stored(t, w).Draft.Info.Cases; got != "退出前的字" {
		t.Fatalf("quitting lost the last edit: %q", got)
	}
	// Nothing unsaved: q quits at once.
	if msgs := tuitest.Run(m.Leave(true)); len(msgs) != 1 || msgs[0] != (tea.QuitMsg{}) {
		t.Fatalf("q with nothing to save: %v", msgs)
	}
}

// Bug 5: an edit that cannot be saved is not dropped silently: leaving
// asks, n keeps editing, y discards.
func TestLeavingWithEditsThatCannotBeSavedAsks(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(w *tuitest.World)
		change func(d *workflow.Draft)
		why    string
	}{
		{"审核中", func(w *tuitest.World) { w.Must(w.Svc.Submit(w.Ctx, "dev1", pid, "")) },
			func(d *workflow.Draft) { d.Info.Intro = "审核中也想改" }, "审核中"},
		{"over the hard limit", func(*tuitest.World) {},
			func(d *workflow.Draft) { d.Info.Title = strings.Repeat("长", workflow.MaxLineRunes+1) }, "title"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, quit := range []bool{false, true} {
				w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
				c.setup(w)
				m := open(t, w, "dev1")
				before := stored(t, w).Draft
				c.change(&m.draft)
				m.steps[0].Load(&m.draft)
				m.Update(step.EditedMsg{}) // typed; the autosave has not run
				leave := func() []tea.Msg {
					if quit {
						return tuitest.Drive(t, m, tuitest.Run(m.Leave(true))...)
					}
					return tuitest.Drive(t, m, tuitest.Key("esc"))
				}
				msgs := leave()
				if _, ok := tuitest.Find[tea.QuitMsg](msgs); ok || hasPop(msgs) {
					t.Fatalf("quit %v: left without asking: %v", quit, msgs)
				}
				v := m.View()
				if m.ask == nil || !strings.Contains(v, "放弃未保存的修改") || !strings.Contains(v, c.why) {
					t.Fatalf("quit %v: no question naming why:\n%s", quit, v)
				}
				tuitest.CheckFits(t, v, 100, 27)
				if !m.Capturing() {
					t.Fatal("the question must have every key")
				}
				msgs = tuitest.Drive(t, m, tuitest.Key("n"))
				if m.ask != nil || hasPop(msgs) {
					t.Fatalf("n must keep editing: %v", msgs)
				}
				if m.draft.Equal(before) {
					t.Fatal("keep editing lost the edit")
				}
				leave()
				msgs = tuitest.Drive(t, m, tuitest.Key("y"))
				_, quitted := tuitest.Find[tea.QuitMsg](msgs)
				if quit && !quitted || !quit && !hasPop(msgs) {
					t.Fatalf("quit %v: y must discard and leave: %v", quit, msgs)
				}
				if !stored(t, w).Draft.Equal(before) {
					t.Fatal("the stored draft changed")
				}
			}
		})
	}
}
