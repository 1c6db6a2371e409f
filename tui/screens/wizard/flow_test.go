package wizard

import (
	"context"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/store/sqlite"
	"plugpub/tui/common"
	"plugpub/tui/screens/wizard/step"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// These flows type into the whole wizard as a person would: one key
// message per key, one per rune (Chinese included), on a real SQLite file.

// typist drives a wizard key by key. It runs every command a key produces,
// as the program loop would, except the autosave tick the wizard returns
// for each step.EditedMsg: a person types faster than SaveDelay, so those
// ticks would be stale anyway. The last one is kept, and settle runs it for
// real (it waits SaveDelay, then the wizard saves).
type typist struct {
	t    *testing.T
	m    *Model
	tick tea.Cmd // the autosave of the last edit, not yet run
	pops int     // common.PopMsg seen: the wizard asked to close
}

func newTypist(t *testing.T, w *tuitest.World) *typist {
	t.Helper()
	m := New(w.Context("dev1"), pid)
	tuitest.Load(t, m, 100, 27) // 100×30 less the root's header and help lines
	if !m.loaded {
		t.Fatal("the draft did not load")
	}
	return &typist{t: t, m: m}
}

func (p *typist) send(msgs ...tea.Msg) []tea.Msg {
	p.t.Helper()
	var seen []tea.Msg
	queue := msgs
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			p.t.Fatal("the wizard kept producing messages")
		}
		msg := queue[0]
		queue = queue[1:]
		seen = append(seen, msg)
		if _, ok := msg.(common.PopMsg); ok {
			p.pops++
		}
		switch msg.(type) {
		case common.PushMsg, common.PopMsg, common.InfoMsg, common.ErrMsg:
			continue // the root's business
		}
		_, cmd := p.m.Update(msg)
		if _, ok := msg.(step.EditedMsg); ok {
			p.tick = cmd // only a tea.Tick: see typist
			continue
		}
		queue = append(queue, tuitest.Run(cmd)...)
	}
	tuitest.CheckFits(p.t, p.m.View(), 100, 27)
	return seen
}

// press presses named keys: "tab", "esc", "ctrl+n", "left", "a", " ".
func (p *typist) press(names ...string) []tea.Msg {
	p.t.Helper()
	var seen []tea.Msg
	for _, n := range names {
		seen = append(seen, p.send(tuitest.Key(n))...)
	}
	return seen
}

// typ types text one rune at a time; "\n" is enter.
func (p *typist) typ(text string) {
	p.t.Helper()
	for _, r := range text {
		if r == '\n' {
			p.press("enter")
			continue
		}
		p.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// settle lets the autosave of the last edit run: its tick, then the save.
func (p *typist) settle() {
	p.t.Helper()
	if p.tick == nil {
		p.t.Fatal("nothing was edited")
	}
	cmd := p.tick
	p.tick = nil
	p.send(tuitest.Run(cmd)...)
	if p.m.saving || p.m.seq != p.m.savedSeq {
		p.t.Fatalf("the autosave did not finish: saving %v, seq %d, saved %d, failure %q", p.m.saving, p.m.seq, p.m.savedSeq, p.m.failure)
	}
}

// emptyWorld is a world with pid online and its draft reset to an empty one.
func emptyWorld(t *testing.T) *tuitest.World {
	t.Helper()
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	saveDraft(t, w, workflow.NewDraft())
	return w
}

func saveDraft(t *testing.T, w *tuitest.World, d workflow.Draft) {
	t.Helper()
	sd, err := w.Svc.Draft(w.Ctx, "dev1", pid)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.Svc.SaveDraft(w.Ctx, "dev1", pid, d, sd.Rev); err != nil {
		t.Fatal(err)
	}
}

func submissions(t *testing.T, w *tuitest.World) []workflow.Submission {
	t.Helper()
	subs, err := w.Svc.Submissions(w.Ctx, "dev1", pid, workflow.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	return subs
}

func TestTypeAWholePublication(t *testing.T) {
	w := emptyWorld(t)
	p := newTypist(t, w)

	// ① 插件信息, field by field in the form's order.
	p.typ("车牌识别")
	p.press("tab")
	p.typ("拍照识别车牌号码")
	p.press("tab")
	p.typ("识别车牌。\n- 支持新能源车牌")
	p.press("tab", "tab")        // past the logo, left empty
	p.press("down", "down", " ") // 功能类型: 支付, 会员, 基础 — pick 基础
	p.press("tab", "up", "up")   // 可订购人群: 不限 → 企业 → 个人
	p.press("tab")               // 订购审核: left at 自动通过
	p.press("tab", "down")       // 发布后是否展示: 展示 → 隐藏
	p.press("tab")
	p.typ("订购后在 app.json 中声明插件")
	p.press("tab")
	p.typ("某停车场")
	p.press("tab")
	p.typ("https://example.com/plate")
	p.press("tab")
	p.typ("support@example.com")
	// The step bar's count waits for the pause in typing; the form does not.
	if v := p.m.View(); strings.Contains(v[strings.IndexByte(v, '\n'):], "✗") {
		t.Errorf("① shows a problem after a valid form was typed:\n%s", v)
	}

	// ② 接入指引: a component with two props and an event, a page, an API.
	p.press("ctrl+n")
	tuitest.TypeGuide(func(keys ...string) { p.press(keys...) }, p.typ)
	if p.m.steps[1].Open() {
		t.Fatal("every guide editor was closed, yet ② still captures esc")
	}
	v := p.m.View()
	tuitest.ContainsAll(t, "②", v, "组件 (1)", "页面 (1)", "接口 (1)")

	if p.pops != 0 {
		t.Fatal("an esc too many closed the wizard while typing")
	}

	// ③ 确认, then 提交申请.
	p.press("ctrl+n")
	if v := p.m.View(); !strings.Contains(v, "✓ 没有问题") {
		t.Fatalf("③ lists problems for the typed draft %v:\n%s", p.m.problems, v)
	}
	p.press("s")
	msgs := p.press("y")
	if note, ok := tuitest.Find[common.InfoMsg](msgs); !ok || !strings.Contains(note.Text, "审核中") {
		t.Fatalf("no 审核中 note after submitting: %v", msgs)
	}
	if _, ok := tuitest.Find[common.PopMsg](msgs); !ok {
		t.Error("the wizard did not return to 发布管理 after submitting")
	}

	want := workflow.Draft{
		Info: workflow.Info{
			Title:            "车牌识别",
			Intro:            "拍照识别车牌号码",
			Description:      "识别车牌。\n- 支持新能源车牌",
			Abilities:        []string{"基础"},
			Buyers:           workflow.BuyersPersonal,
			ShowAfterRelease: false,
			Usage:            "订购后在 app.json 中声明插件",
			Cases:            "某停车场",
			PCURL:            "https://example.com/plate",
			Contact:          "support@example.com",
		},
		Guide: tuitest.TypedGuide(),
	}
	want.Normalize()

	// A new store on the same file: what was committed, not a cache.
	st, err := sqlite.Open(context.Background(), w.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	subs, err := st.Submissions(context.Background(), pid, workflow.Page{Limit: 10}.Clamp())
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 {
		t.Fatalf("%d submissions in the store, want 1: %+v", len(subs), subs)
	}
	sub, err := st.Submission(context.Background(), subs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if sub.State != workflow.SubmissionInReview || sub.SubmittedBy != "dev1" {
		t.Errorf("the submission is %s by %s, want in_review by dev1", sub.State, sub.SubmittedBy)
	}
	if sub.Snapshot == nil {
		t.Fatal("the submission has no snapshot")
	}
	got := *sub.Snapshot
	got.Normalize()
	if !reflect.DeepEqual(got, want) {
		gb, _ := workflow.MarshalDraft(got)
		wb, _ := workflow.MarshalDraft(want)
		t.Fatalf("the submitted snapshot differs from what was typed:\n got %s\nwant %s", gb, wb)
	}
}

// validDraft is a draft with no problem, for the validation flow to break.
func validDraft() workflow.Draft {
	d := workflow.NewDraft()
	d.Info = workflow.Info{
		Title: "车牌识别", Intro: "拍照识别车牌号码", Description: "识别车牌",
		Abilities: []string{"基础"}, Buyers: workflow.BuyersAny, ShowAfterRelease: true,
		Usage: "订购后声明插件", Contact: "support@example.com",
	}
	d.Guide.Components = []workflow.Component{{Name: "my-button",
		Props: []workflow.Prop{{Name: "text", Type: "String"}, {Name: "text", Type: "Number"}}}}
	d.Guide.Pages = []workflow.GuidePage{{Name: "home", Path: "pages/home/index",
		Params: []workflow.Param{{Name: "id", Type: "Array"}}}}
	d.Normalize()
	return d
}

func TestValidationBlocksSubmitUntilFixed(t *testing.T) {
	w := emptyWorld(t)
	d := validDraft()
	d.Info.Title = ""
	saveDraft(t, w, d)
	p := newTypist(t, w)

	titleMsg := workflow.ValidateTitle("").Error()
	dupMsg := `prop name "text" is already used by guide.components[0].props[0]`
	arrayMsg := workflow.ValidatePageParamType("Array").Error()

	// ③ lists all three and 提交申请 does nothing.
	p.press("ctrl+n", "ctrl+n")
	v := p.m.View()
	// ③'s list cuts each line at the width: "path: message…".
	for _, want := range []string{"✗ 3 个问题", "info.title: " + titleMsg,
		`guide.components[0].props[1].name: component "my-button": prop name "text" is already used`,
		`guide.pages[0].params[0].type: page "home", param "id": type "Array" is not allowed`} {
		if !strings.Contains(v, want) {
			t.Errorf("③ does not show %q:\n%s", want, v)
		}
	}
	blocked := func() {
		t.Helper()
		p.press("s")
		if p.m.confirm.dialog != nil {
			t.Fatalf("s offers 提交申请 while there are problems:\n%s", p.m.View())
		}
		p.press("y")
		if n := len(submissions(t, w)); n != 0 {
			t.Fatalf("%d submissions while the draft has problems", n)
		}
	}
	blocked()
	// jumps presses enter on ③'s first problem, the what, and checks that
	// it goes to the step that holds it, whose view shows msg.
	jumps := func(what string, step int, msg string) {
		t.Helper()
		p.press("enter")
		if p.m.active != step {
			t.Fatalf("enter on the %s problem went to step %d", what, p.m.active)
		}
		if v := p.m.View(); !strings.Contains(v, msg) {
			t.Errorf("%s does not show %q:\n%s", []string{"①", "②"}[step], msg, v)
		}
	}

	// The title: enter jumps to it, ① shows the message, typing fixes it.
	jumps("title", 0, titleMsg)
	p.typ("车牌识别")
	if v := p.m.View(); strings.Contains(v, titleMsg) {
		t.Errorf("① still shows %q after the fix:\n%s", titleMsg, v)
	}
	p.press("ctrl+n", "ctrl+n")
	if v := p.m.View(); !strings.Contains(v, "✗ 2 个问题") || strings.Contains(v, titleMsg) {
		t.Errorf("③ after fixing the title:\n%s", v)
	}
	blocked()

	// The duplicate prop name: ② shows it on the field; a 2 makes it text2.
	jumps("duplicate", 1, dupMsg)
	p.typ("2")
	if v := p.m.View(); strings.Contains(v, "already used") {
		t.Errorf("② still shows the duplicate after the fix:\n%s", v)
	}
	p.press("esc", "esc")
	p.press("ctrl+n")
	if v := p.m.View(); !strings.Contains(v, "✗ 1 个问题") || strings.Contains(v, dupMsg) {
		t.Errorf("③ after fixing the duplicate:\n%s", v)
	}
	blocked()

	// The Array page param: ② shows it; space picks an allowed type.
	// The message wraps under the type field; its start is on one line.
	arrayStart := arrayMsg[:strings.Index(arrayMsg, ":")]
	jumps("page param", 1, "✗ "+arrayStart)
	if v := p.m.View(); !strings.Contains(v, "Array ✗") {
		t.Errorf("② does not show %q under the type:\n%s", arrayMsg, v)
	}
	p.press(" ")
	if v := p.m.View(); strings.Contains(v, arrayStart) || strings.Contains(v, "Array") {
		t.Errorf("② still shows Array after picking a type:\n%s", v)
	}
	p.press("esc", "esc")
	p.press("ctrl+n")
	if v := p.m.View(); !strings.Contains(v, "✓ 没有问题") {
		t.Fatalf("③ still lists problems %v:\n%s", p.m.problems, v)
	}

	if p.pops != 0 {
		t.Fatal("an esc too many closed the wizard while fixing")
	}
	p.press("s")
	if p.m.confirm.dialog == nil {
		t.Fatalf("s does not offer 提交申请 once every problem is fixed:\n%s", p.m.View())
	}
	p.press("y")
	subs := submissions(t, w)
	if len(subs) != 1 || subs[0].State != workflow.SubmissionInReview {
		t.Fatalf("submissions after the fixes: %+v", subs)
	}
	sub, err := w.Svc.Submission(w.Ctx, "dev1", subs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	s := sub.Snapshot
	if s.Info.Title != "车牌识别" || s.Guide.Components[0].Props[1].Name != "text2" ||
		workflow.ValidatePageParamType(s.Guide.Pages[0].Params[0].Type) != nil {
		t.Errorf("the submitted draft does not hold the fixes: title %q, prop %q, param type %q",
			s.Info.Title, s.Guide.Components[0].Props[1].Name, s.Guide.Pages[0].Params[0].Type)
	}
}

func TestRestartResumesTheDraft(t *testing.T) {
	w := emptyWorld(t)
	p := newTypist(t, w)
	p.typ("车牌识")
	p.settle() // typing stopped: the autosave runs
	p = nil    // the program is gone

	st, err := sqlite.Open(context.Background(), w.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w2 := &tuitest.World{T: t, Ctx: w.Ctx, Store: st, Svc: workflow.NewService(st, w.Svc.Now)}
	q := newTypist(t, w2)
	if got := q.m.draft.Info.Title; got != "车牌识" {
		t.Fatalf("the reopened wizard has title %q", got)
	}
	if v := q.m.View(); !strings.Contains(v, "车牌识") {
		t.Fatalf("the reopened form does not show the typed title:\n%s", v)
	}
	// And it goes on from there.
	q.typ("别")
	q.settle()
	sd, err := w2.Svc.Draft(w.Ctx, "dev1", pid)
	if err != nil || sd.Draft.Info.Title != "车牌识别" {
		t.Fatalf("after typing on: title %q, %v", sd.Draft.Info.Title, err)
	}
}
