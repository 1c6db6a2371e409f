package wizard

import (
	"strconv"
	"strings"
	"testing"

	"plugpub/tui/tuitest"
)

// onConfirmWithProblems opens, at width×height, dev1's wizard on ③ with a
// draft that has many problems (no title, no abilities, a contact that is
// none).
func onConfirmWithProblems(t *testing.T, width, height int) *Model {
	t.Helper()
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	d := validDraft()
	d.Info.Title, d.Info.Contact, d.Info.Abilities = "", "not a contact", nil
	saveDraft(t, w, d)
	m := open(t, w, "dev1")
	m.SetSize(width, height)
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"), tuitest.Key("ctrl+n"))
	return m
}

// ③ lists every problem, and enter on each goes to the step and the field
// it names.
func TestEveryProblemJumpsToItsField(t *testing.T) {
	m := onConfirmWithProblems(t, 80, 19) // 80×24 less the root's lines
	probs := m.problems
	if len(probs) < 5 {
		t.Fatalf("want a draft with many problems, got %v", probs)
	}
	for i, p := range probs {
		if m.active != 2 {
			tuitest.Drive(t, m, tuitest.Key("ctrl+n"), tuitest.Key("ctrl+n"))
		}
		for m.confirm.cursor > 0 {
			tuitest.Drive(t, m, tuitest.Key("up"))
		}
		for range i {
			tuitest.Drive(t, m, tuitest.Key("down"))
		}
		if v := m.View(); !strings.Contains(v, "› "+common1(p.String(), 30)) {
			t.Fatalf("problem %d (%s) is not the selected one on ③:\n%s", i, p, v)
		}
		tuitest.Drive(t, m, tuitest.Key("enter"))
		want := 0
		if strings.HasPrefix(p.Path, "guide.") {
			want = 1
		}
		if m.active != want {
			t.Fatalf("enter on %s went to step %d", p.Path, m.active)
		}
		v := m.View()
		switch {
		case want == 0 && !strings.Contains(v, "┃ "+infoTitle(p.Path)):
			t.Errorf("enter on %s: ① does not focus its field:\n%s", p.Path, v)
		case want == 1 && !strings.Contains(v, "› "):
			t.Errorf("enter on %s: ② shows no focused field:\n%s", p.Path, v)
		}
		tuitest.Drive(t, m, tuitest.Key("esc")) // an open editor closes
		if m.steps[m.active].Open() {
			tuitest.Drive(t, m, tuitest.Key("esc"))
		}
	}
}

func common1(s string, n int) string {
	r := []rune(s)
	return string(r[:min(len(r), n)])
}

// infoTitle is the label of the ① field a path names.
func infoTitle(path string) string {
	name, _, _ := strings.Cut(strings.TrimPrefix(path, "info."), "[")
	return map[string]string{"title": "服务标题", "intro": "简单介绍", "description": "服务描述",
		"abilities": "功能类型", "buyers": "可订购人群", "usage": "接入玩法", "cases": "案例介绍",
		"pc_url": "PC端url", "contact": "客服联系方式", "logo": "Logo"}[name]
}

// When ③ is too short for every problem, it says where it is among them
// and the last one can be reached.
func TestConfirmScrollsThroughEveryProblem(t *testing.T) {
	m := onConfirmWithProblems(t, 80, 12)
	n := len(m.problems)
	if v := m.View(); !strings.Contains(v, "(1/"+itoa(n)) {
		t.Fatalf("③ shows some of %d problems and does not say so:\n%s", n, v)
	}
	for range n {
		tuitest.Drive(t, m, tuitest.Key("down"))
	}
	last := m.problems[n-1].String()
	if v := m.View(); !strings.Contains(v, "› "+common1(last, 30)) || !strings.Contains(v, itoa(n)+"/"+itoa(n)) {
		t.Fatalf("the last problem cannot be reached:\n%s", v)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// ③ offers 提交申请 only when workflow does, and says why not.
func TestConfirmOffersSubmitOnlyWhenWorkflowDoes(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"), tuitest.Key("ctrl+n"))
	if len(m.problems) != 0 || !m.confirm.canSubmit() {
		t.Fatalf("a valid draft of an online plugin may be submitted: %v", m.problems)
	}
	why := "submission 3 is already 审核中 (in_review)"
	tuitest.Drive(t, m, offerMsg{id: m.id, offer: submitOffer{known: true, reason: why}})
	v := m.View()
	if !strings.Contains(v, "不能提交申请: "+why) || strings.Contains(v, "s 提交申请") {
		t.Fatalf("③ must say why 提交申请 is not offered:\n%s", v)
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Desc == "提交申请" && b.Enabled() {
			t.Fatal("help offers 提交申请")
		}
	}
	tuitest.Drive(t, m, tuitest.Key("s"))
	if m.confirm.dialog != nil {
		t.Fatal("s asked to submit what workflow refuses")
	}
}

// TestConfirmSaysWhySubmitIsRefusedInReview: with a submission 审核中, ③
// asks workflow's Offer and shows its reason instead of offering 提交申请
// that the Service would then refuse.
func TestConfirmSaysWhySubmitIsRefusedInReview(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	sub, err := w.Svc.Submit(w.Ctx, "dev1", pid, "")
	w.Must(err)
	m := open(t, w, "dev1")
	tuitest.Drive(t, m, tuitest.Key("ctrl+n"), tuitest.Key("ctrl+n"))
	if m.confirm.canSubmit() {
		t.Fatal("③ offers 提交申请 while a submission is 审核中")
	}
	if v := m.View(); !strings.Contains(v, "不能提交申请") || !strings.Contains(v, strconv.FormatInt(sub.ID, 10)) {
		t.Fatalf("③ must say which submission is in review:\n%s", v)
	}
}
