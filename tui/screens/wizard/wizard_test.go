package wizard

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/screens/wizard/step"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	tuitest.Main(m)
}

const pid = "2021004100000001"

func open(t *testing.T, w *tuitest.World, as string) *Model {
	t.Helper()
	m := New(w.Context(as), pid)
	tuitest.Load(t, m, 100, 27)
	if !m.loaded {
		t.Fatal("the draft did not load")
	}
	return m
}

// edit changes the draft as a step would and lets the autosave run.
func edit(t *testing.T, m *Model, change func(d *workflow.Draft)) []tea.Msg {
	t.Helper()
	change(&m.draft)
	for _, s := range m.steps { // as the wizard does after replacing the draft
		s.Load(&m.draft)
	}
	return tuitest.Drive(t, m, step.EditedMsg{})
}

// pendingCases opens dev1's wizard and types cases into 案例介绍, with the
// autosave tick not fired yet: an edit only the wizard holds.
func pendingCases(t *testing.T, cases string) (*tuitest.World, *Model) {
	t.Helper()
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	m.draft.Info.Cases = cases
	m.steps[0].Load(&m.draft)
	m.Update(step.EditedMsg{}) // the tick has not fired yet
	return w, m
}

func stored(t *testing.T, w *tuitest.World) workflow.StoredDraft {
	t.Helper()
	sd, err := w.Svc.Draft(w.Ctx, "dev1", pid)
	if err != nil {
		t.Fatal(err)
	}
	return sd
}

func TestAutosavesAfterTypingStops(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	edit(t, m, func(d *workflow.Draft) { d.Info.Intro = "第一稿" })
	if got := stored(t, w).Draft.Info.Intro; got != "第一稿" {
		t.Fatalf("after an edit and its save delay the store has %q", got)
	}
	if !strings.Contains(m.View(), "saved") {
		t.Fatalf("the step bar should say saved:\n%s", m.View())
	}
	// Two quick edits: the first tick is stale and only the last saves.
	edit(t, m, func(d *workflow.Draft) { d.Info.Intro = "a" })
	m.draft.Info.Intro = "ab"
	m.steps[0].Load(&m.draft)
	_, cmd := m.Update(step.EditedMsg{})
	tuitest.Drive(t, m, tickMsg{id: m.id, seq: m.seq - 1})
	if got := stored(t, w).Draft.Info.Intro; got != "a" {
		t.Fatalf("a stale tick saved: %q", got)
	}
	tuitest.Drive(t, m, tuitest.Run(cmd)...)
	if got := stored(t, w).Draft.Info.Intro; got != "ab" {
		t.Fatalf("the last edit was not saved: %q", got)
	}
}

func TestResumesWhereTheDraftStood(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	edit(t, m, func(d *workflow.Draft) { d.Info.Title = "车牌识别 Pro" })
	again := open(t, w, "dev1")
	if again.draft.Info.Title != "车牌识别 Pro" {
		t.Fatalf("a new wizard shows %q", again.draft.Info.Title)
	}
}

func TestLeavingSavesWhatIsPending(t *testing.T) {
	w, m := pendingCases(t, "刚打的字")
	msgs := tuitest.Drive(t, m, tuitest.Key("esc"))
	if _, ok := tuitest.Find[common.PopMsg](msgs); !ok {
		t.Fatalf("esc should leave the wizard: %v", msgs)
	}
	if got := stored(t, w).Draft.Info.Cases; got != "刚打的字" {
		t.Fatalf("leaving lost the last edit: %q", got)
	}
}

// Keys typed in the same read as an esc: the esc can be handled before the
// step.EditedMsg the keys asked for. Leaving must save what the draft holds
// all the same (under load in tmux, "abc"+esc once left without it).
func TestLeavingSavesAnEditWhoseNoticeHasNotArrived(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	before := m.draft.Info.Title
	for _, k := range []string{"a", "b", "c"} {
		m.Update(tuitest.Key(k)) // their commands (the edit notices) are dropped
	}
	if m.draft.Info.Title != before+"abc" {
		t.Fatalf("the title field did not take the keys: %q", m.draft.Info.Title)
	}
	msgs := tuitest.Drive(t, m, tuitest.Key("esc"))
	if _, ok := tuitest.Find[common.PopMsg](msgs); !ok {
		t.Fatalf("esc should leave the wizard: %v", msgs)
	}
	if got := stored(t, w).Draft.Info.Title; got != before+"abc" {
		t.Fatalf("leaving lost the keys typed before esc: stored %q", got)
	}
}

func TestConflictOffersReloadOrKeepMine(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	other := stored(t, w)
	other.Draft.Info.Intro = "另一个终端"
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid, other.Draft, other.Rev))

	edit(t, m, func(d *workflow.Draft) { d.Info.Intro = "这个终端" })
	if m.conflict == nil || !strings.Contains(m.View(), "ctrl+r") {
		t.Fatalf("a save over another terminal's draft must be a conflict:\n%s", m.View())
	}
	if got := stored(t, w).Draft.Info.Intro; got != "另一个终端" {
		t.Fatalf("the conflict overwrote: %q", got)
	}
	tuitest.Drive(t, m, tuitest.Key("ctrl+o"))
	if got := stored(t, w).Draft.Info.Intro; got != "这个终端" || m.conflict != nil {
		t.Fatalf("keep mine: store has %q, conflict %v", got, m.conflict)
	}

	other = stored(t, w)
	other.Draft.Info.Intro = "又改了"
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid, other.Draft, other.Rev))
	edit(t, m, func(d *workflow.Draft) { d.Info.Intro = "我的" })
	tuitest.Drive(t, m, tuitest.Key("ctrl+r"))
	if m.draft.Info.Intro != "又改了" || m.conflict != nil {
		t.Fatalf("reload theirs: shows %q, conflict %v", m.draft.Info.Intro, m.conflict)
	}
}

func TestConfirmListsProblemsAndJumps(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	edit(t, m, func(d *workflow.Draft) { d.Info.Title = "" })
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	if m.active != 2 || !strings.Contains(m.View(), "info.title") {
		t.Fatalf("③ should list the title problem:\n%s", m.View())
	}
	msgs := tuitest.Drive(t, m, tuitest.Key("s"))
	if m.confirm.dialog != nil || len(msgs) != 1 {
		t.Fatal("s must not offer to submit while there are problems")
	}
	tuitest.Drive(t, m, tuitest.Key("enter"))
	if m.active != 0 {
		t.Fatalf("enter on an info problem should go to ①, at step %d", m.active)
	}
}

func TestSubmitFromConfirm(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	edit(t, m, func(d *workflow.Draft) { d.Info.Intro = "最后一改" })
	m.draft.Info.Cases = "未保存的案例"
	m.steps[0].Load(&m.draft)
	m.Update(step.EditedMsg{}) // submitting must save this first
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"))
	tuitest.Drive(t, m, tuitest.Key("s"))
	msgs := tuitest.Drive(t, m, tuitest.Key("y"))
	info, ok := tuitest.Find[common.InfoMsg](msgs)
	if !ok || !strings.Contains(info.Text, "审核中") {
		t.Fatalf("want a note with the due time, got %v", msgs)
	}
	if _, ok := tuitest.Find[common.PopMsg](msgs); !ok {
		t.Fatal("after submitting the wizard returns to 发布管理")
	}
	subs, err := w.Svc.Submissions(w.Ctx, "dev1", pid, workflow.Page{Limit: 5})
	if err != nil || len(subs) != 1 {
		t.Fatalf("submissions: %v %v", subs, err)
	}
	sub, _ := w.Svc.Submission(w.Ctx, "dev1", subs[0].ID)
	if sub.Snapshot.Info.Cases != "未保存的案例" || sub.State != workflow.SubmissionInReview {
		t.Fatalf("the submission is %s with cases %q", sub.State, sub.Snapshot.Info.Cases)
	}
}

func TestFitsAnySize(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	for _, sz := range [][2]int{{100, 27}, {80, 21}, {20, 2}, {1, 1}, {0, 0}} {
		m.SetSize(sz[0], sz[1])
		for i := range 3 {
			m.active = i
			tuitest.CheckFits(t, m.View(), sz[0], sz[1])
		}
	}
}
