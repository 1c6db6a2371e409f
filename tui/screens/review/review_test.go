package review

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	tuitest.MainUTC(m)
}

const (
	pid1 = "2021004100000001"
	pid2 = "2021004100000002"
)

func submit(t *testing.T, w *tuitest.World, as, id string) workflow.Submission {
	t.Helper()
	s, err := w.Svc.Submit(w.Ctx, as, id, "")
	w.Must(err)
	return s
}

func reviewer(t *testing.T, w *tuitest.World, user string) *common.Context {
	t.Helper()
	ctx := w.Context(user)
	ctx.Changes = nil
	return ctx
}

func openQueue(t *testing.T, ctx *common.Context) *Model {
	t.Helper()
	m := New(ctx)
	tuitest.Load(t, m, 100, 27)
	return m
}

func openDetail(t *testing.T, ctx *common.Context, id int64) *Detail {
	t.Helper()
	d := NewDetail(ctx, id)
	tuitest.Load(t, d, 100, 27)
	return d
}

// reviewOf saves d as dev1's draft of pid1, submits it, and returns the
// submission and rev1's review page of it at 100×height, each line with
// its runs of spaces folded.
func reviewOf(t *testing.T, w *tuitest.World, d workflow.Draft, height int) (workflow.Submission, string) {
	t.Helper()
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, d, workflow.AnyRev))
	s := submit(t, w, "dev1", pid1)
	page := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	page.SetSize(100, height)
	return s, strings.Join(lines(page.View()), "\n")
}

// decided reads submission id after a decision on its page, whose
// messages were msgs, and checks the page went back to the queue.
func decided(t *testing.T, w *tuitest.World, id int64, msgs []tea.Msg) workflow.Submission {
	t.Helper()
	got, err := w.Svc.Submission(w.Ctx, "rev1", id)
	w.Must(err)
	if _, ok := tuitest.Find[common.PopMsg](msgs); !ok {
		t.Errorf("after deciding, go back to the queue: %v", msgs)
	}
	return got
}

func lines(view string) []string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return out
}

func TestQueueDueFirstOverdueMarked(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	w.Online("dev2", pid2, "电子发票")
	late := submit(t, w, "dev2", pid2)
	submit(t, w, "dev1", pid1)
	ctx := reviewer(t, w, "rev1")
	// A reviewer looking one second after the first one fell due.
	ctx.Svc = workflow.NewService(w.Store, func() time.Time { return late.DueAt.Add(time.Second) })
	m := openQueue(t, ctx)
	got := lines(m.View())[m.top:] // under the header
	want := []string{
		"ID 插件 名称 版本 提交人 提交时间 预计完成 认领 状态",
		"1 2021004100000002 电子发票 1.0.0 dev2 11-23 09:00 11-24 09:00 - ⚠ 已超时",
		"2 2021004100000001 车牌识别 1.0.0 dev1 11-23 09:00 11-24 09:00 - 审核中",
	}
	if !slices.Equal(got[:len(want)], want) {
		t.Errorf("queue:\n got %q\nwant %q", got, want)
	}
	if foot := got[len(got)-1]; foot != "1/2" {
		t.Errorf("the footer should say the cursor is on the first of two rows, got %q", foot)
	}
	push, ok := tuitest.Find[common.PushMsg](tuitest.Press(t, m, "enter"))
	if d, isDetail := push.Screen.(*Detail); !ok || !isDetail || d.subID != late.ID {
		t.Fatalf("enter should open the review of #%d, got %v", late.ID, push)
	}
}

func TestQueueEmptyAndForbidden(t *testing.T) {
	w := tuitest.NewWorld(t)
	m := openQueue(t, reviewer(t, w, "rev1"))
	if !strings.Contains(m.View(), "Nothing to review") {
		t.Errorf("an empty queue should say so:\n%s", m.View())
	}
	if msgs := tuitest.Press(t, m, "enter"); len(msgs) != 1 {
		t.Errorf("enter on an empty queue did something: %v", msgs)
	}
	ctx := reviewer(t, w, "dev1")
	q := New(ctx)
	msgs := tuitest.Drive(t, q, tuitest.Run(q.Init())...)
	if e, ok := tuitest.Find[common.ErrMsg](msgs); !ok || workflow.KindOf(e.Err) != workflow.KindForbidden {
		t.Errorf("a developer's queue should be refused, got %v", msgs)
	}
}

// queueOf3 is a queue of three plugins in review: 车牌识别 and 电子发票 of
// dev1, 会员积分 of dev2.
func queueOf3(t *testing.T) (*tuitest.World, *common.Context) {
	t.Helper()
	w := tuitest.NewWorld(t)
	for _, p := range []struct{ owner, id, name string }{
		{"dev1", "2021004100000001", "车牌识别"}, {"dev1", "2021004100000002", "电子发票"}, {"dev2", "2021004100000003", "会员积分"},
	} {
		w.Online(p.owner, p.id, p.name)
		submit(t, w, p.owner, p.id)
	}
	return w, reviewer(t, w, "rev1")
}

func footer(view string) string {
	ls := lines(view)
	return ls[len(ls)-1]
}

// TestQueueFilterNarrowsAsTypedAndEscClears: / opens the queue's filter
// (the screen then captures every key), each key typed narrows the rows and
// the count, a filter that matches nothing says so, esc brings every row back.
func TestQueueFilterNarrowsAsTypedAndEscClears(t *testing.T) {
	_, ctx := queueOf3(t)
	m := openQueue(t, ctx)
	if foot := footer(m.View()); foot != "1/3" {
		t.Fatalf("footer %q, want 1/3", foot)
	}
	tuitest.Press(t, m, "/")
	if !m.Capturing() {
		t.Fatal("/ should focus the filter, and the screen capture keys")
	}
	tuitest.Press(t, m, "发")
	view := m.View()
	if !strings.Contains(view, "电子发票") || strings.Contains(view, "车牌识别") || strings.Contains(view, "会员积分") {
		t.Fatalf("filtered on 发 (typed, not yet entered):\n%s", view)
	}
	if foot := footer(view); !strings.HasSuffix(foot, "1/1") {
		t.Fatalf("footer %q, want the count of one match", foot)
	}
	tuitest.Press(t, m, "x")
	if view := m.View(); !strings.Contains(view, "no row matches “发x”") || strings.Contains(view, "Nothing to review") {
		t.Fatalf("an empty result should say what was filtered:\n%s", view)
	}
	tuitest.Press(t, m, "esc")
	if m.Capturing() || m.table.Filter() != "" || footer(m.View()) != "1/3" {
		t.Fatalf("esc should clear the filter:\n%s", m.View())
	}
	// By submitter, then enter keeps it and opens the row.
	tuitest.Press(t, m, "/", "d", "e", "v", "2", "enter")
	if m.Capturing() || !strings.Contains(m.View(), "会员积分") || m.table.Total() != 1 {
		t.Fatalf("filtered on dev2:\n%s", m.View())
	}
	push, ok := tuitest.Find[common.PushMsg](tuitest.Press(t, m, "enter"))
	if d, isDetail := push.Screen.(*Detail); !ok || !isDetail || d.subID != 3 {
		t.Fatalf("enter should open #3, got %v", push)
	}
}

// TestQueueIDsNeverCutAt80Columns: on a database whose submission ids have
// seven digits, the id `review approve` needs is drawn whole at 80×24 (it
// was 197… on the large demo), and so is the plugin id.
func TestQueueIDsNeverCutAt80Columns(t *testing.T) {
	w, ctx := queueOf3(t)
	// Push the next ids past 1,970,000 as a large database has them.
	db, err := sql.Open("sqlite", w.Store.Path())
	w.Must(err)
	w.Must(db.ExecContext(w.Ctx, "UPDATE sqlite_sequence SET seq = 1970000 WHERE name = 'submissions'"))
	w.Must(db.Close())
	w.Online("dev2", "2021004100000004", "停车缴费")
	late := submit(t, w, "dev2", "2021004100000004")
	m := openQueue(t, ctx)
	m.SetSize(80, 21) // 80×24 less the root's bars
	tuitest.Press(t, m, "G")
	view := m.View()
	tuitest.CheckFits(t, view, 80, 21)
	want := fmt.Sprint(late.ID)
	if len(want) != 7 || !strings.Contains(view, want+" 2021004100000004 ") {
		t.Fatalf("id %s or its plugin id is cut at 80 columns:\n%s", want, view)
	}
	if !strings.Contains(view, "停车缴费") || !strings.Contains(view, "4/4") {
		t.Fatalf("the name and the position should show too:\n%s", view)
	}
}

// TestQueueDatesShowTheYearOutsideThisOne: a reviewer in the next January
// reads last year's submissions with their year.
func TestQueueDatesShowTheYearOutsideThisOne(t *testing.T) {
	w, ctx := queueOf3(t)
	ctx.Svc = workflow.NewService(w.Store, func() time.Time { return time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC) })
	m := openQueue(t, ctx)
	if view := m.View(); !strings.Contains(view, "2026-11-23") || strings.Contains(view, "11-23 09:00") {
		t.Fatalf("a date of last year should carry its year:\n%s", view)
	}
}

// TestQueueClickSelectsRow: a click on a row (Y counted from the top of the
// screen's body, where the header is, then the table) selects it; a click
// on the header selects nothing.
func TestQueueClickSelectsRow(t *testing.T) {
	_, ctx := queueOf3(t)
	m := openQueue(t, ctx)
	if m.top == 0 {
		t.Fatal("at 100×27 the queue should have its header")
	}
	tuitest.Drive(t, m, tea.MouseMsg{X: 10, Y: m.top - 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if it, _ := m.table.Selected(); it.sub.ID != 1 {
		t.Fatalf("a click on the header moved the cursor to #%d", it.sub.ID)
	}
	tuitest.Drive(t, m, tea.MouseMsg{X: 10, Y: m.top + 3, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	it, ok := m.table.Selected()
	if !ok || it.sub.ID != 3 || footer(m.View()) != "3/3" {
		t.Fatalf("a click on the third row selected %v (%v):\n%s", it.sub.ID, ok, m.View())
	}
	push, ok := tuitest.Find[common.PushMsg](tuitest.Press(t, m, "enter"))
	if d, isDetail := push.Screen.(*Detail); !ok || !isDetail || d.subID != 3 {
		t.Fatalf("enter after the click should open #3, got %v", push)
	}
}

func TestDetailOffersByRoleAndState(t *testing.T) {
	cases := []struct {
		name  string
		build func(w *tuitest.World) (user string, sub int64)
		keys  []string
		note  string
	}{
		{"another's submission", func(w *tuitest.World) (string, int64) {
			return "rev1", submit(t, w, "dev1", pid1).ID
		}, []string{"审核通过", "审核驳回"}, "a 审核通过 · x 审核驳回"},
		{"one's own submission", func(w *tuitest.World) (string, int64) {
			w.Must(w.Svc.AddUser(w.Ctx, "lead", []workflow.Role{workflow.RoleDeveloper, workflow.RoleReviewer}, ""))
			w.Online("lead", pid2, "自审")
			return "lead", submit(t, w, "lead", pid2).ID
		}, nil, "may not review it"},
		{"already approved", func(w *tuitest.World) (string, int64) {
			s := submit(t, w, "dev1", pid1)
			w.Must(w.Svc.Approve(w.Ctx, "rev2", s.ID, workflow.AnyRev))
			return "rev1", s.ID
		}, nil, "no longer in review"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
			user, id := c.build(w)
			d := openDetail(t, reviewer(t, w, user), id)
			var got []string
			for _, b := range d.ShortHelp() {
				if b.Enabled() && (b.Help().Key == "a" || b.Help().Key == "x") {
					got = append(got, b.Help().Desc)
				}
			}
			if !slices.Equal(got, c.keys) {
				t.Errorf("offered %q, want %q", got, c.keys)
			}
			if !strings.Contains(d.View(), c.note) {
				t.Errorf("the page should say %q:\n%s", c.note, d.View())
			}
			if len(c.keys) == 0 {
				if msgs := tuitest.Press(t, d, "a", "x"); len(msgs) != 2 || d.Capturing() {
					t.Errorf("a disabled key did something: %v", msgs)
				}
			}
		})
	}
}

func TestApproveAsksFirst(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	s := submit(t, w, "dev1", pid1)
	d := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	tuitest.PressAsks(t, d, "a", "审核通过 #1")
	got := decided(t, w, s.ID, tuitest.Press(t, d, "y"))
	if got.State != workflow.SubmissionApproved || got.Reviewer != "rev1" {
		t.Fatalf("state %s by %s, want approved by rev1", got.State, got.Reviewer)
	}
}

func TestRejectNeedsAReason(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	s := submit(t, w, "dev1", pid1)
	d := openDetail(t, reviewer(t, w, "rev1"), s.ID)
	tuitest.Press(t, d, "x", "ctrl+s")
	if !d.Capturing() || !strings.Contains(d.View(), "rejecting needs a reason") {
		t.Fatalf("an empty reason should be refused in the prompt:\n%s", d.View())
	}
	if got, _ := w.Svc.Submission(w.Ctx, "rev1", s.ID); got.State != workflow.SubmissionInReview {
		t.Fatalf("nothing should be sent yet; state %s", got.State)
	}
	got := decided(t, w, s.ID, tuitest.Press(t, d, "案例介绍不真实", "ctrl+s"))
	if got.State != workflow.SubmissionRejected || got.Reason != "案例介绍不真实" {
		t.Fatalf("state %s reason %q", got.State, got.Reason)
	}
	// esc cancels a prompt without sending anything.
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, workflow.SampleDraft(), workflow.AnyRev))
	s2 := submit(t, w, "dev1", pid1)
	d = openDetail(t, reviewer(t, w, "rev1"), s2.ID)
	tuitest.Press(t, d, "x", "不行", "esc")
	if got, _ := w.Svc.Submission(w.Ctx, "rev1", s2.ID); d.Capturing() || got.State != workflow.SubmissionInReview {
		t.Errorf("esc should cancel; capturing %v, state %s", d.Capturing(), got.State)
	}
}

func TestDiffAgainstTheListing(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	first := w.Listed("dev1", pid1)
	d := workflow.SampleDraft()
	d.Info.Title = "车牌识别插件 2"
	d.Info.Usage += "\n5. 新增批量识别。"
	d.Guide.Components = append(d.Guide.Components, workflow.Component{Name: "plate-keyboard", Description: "车牌键盘"})
	d.Guide.Components[0].Props[1].Default = "album"
	d.Guide.APIs = d.Guide.APIs[:1]
	_, view := reviewOf(t, w, d, 200)
	tuitest.ContainsAll(t, "the review", view,
		fmt.Sprintf("与已上架版本的差异 (#%d,", first.ID),
		"~ 服务标题: 车牌识别插件 → 车牌识别插件 2",
		// Only the line that changed, with a line of context.
		"~ 接入玩法\n…\n4. 在 onRecognize 事件或接口返回值中取得车牌号码，完成入场登记、下单等业务。\n+ 5. 新增批量识别。\n~ 组件",
		"~ 组件 plate-scanner › 属性 mode › 默认值: camera → album",
		"+ 组件 plate-keyboard: 车牌键盘",
		"- 接口 getQuota: 查询当前小程序本月剩余的识别次数。 · 2 outputs",
		"市场详情页预览",
		"车牌识别插件 2",
	)
}

func TestFirstListingHasNothingToCompare(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	d := openDetail(t, reviewer(t, w, "rev1"), submit(t, w, "dev1", pid1).ID)
	if !strings.Contains(d.View(), "首次上架") {
		t.Errorf("a first submission should say nothing is listed:\n%s", d.View())
	}
}

func TestTabJumpsBetweenSections(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	d := openDetail(t, reviewer(t, w, "rev1"), submit(t, w, "dev1", pid1).ID)
	d.SetSize(100, 10)
	tuitest.Press(t, d, "tab")
	if top := lines(d.View())[0]; top != "与已上架版本的差异" {
		t.Errorf("tab should show the diff first; top line %q", top)
	}
	tuitest.Press(t, d, "tab")
	if top := lines(d.View())[0]; top != "市场详情页预览" {
		t.Errorf("a second tab should show the preview; top line %q", top)
	}
	tuitest.Press(t, d, "shift+tab", "shift+tab")
	if top := lines(d.View())[0]; !strings.HasPrefix(top, "#1 ·") {
		t.Errorf("shift+tab should go back to the top; top line %q", top)
	}
}

func TestViewsFitEverySize(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid1, "车牌识别")
	empty := openQueue(t, reviewer(t, w, "rev1"))
	w.Listed("dev1", pid1)
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid1, func() workflow.Draft {
		d := workflow.SampleDraft()
		d.Info.Description = strings.Repeat("很长的服务描述\t带制表符 ", 40)
		return d
	}(), workflow.AnyRev))
	s := submit(t, w, "dev1", pid1)
	ctx := reviewer(t, w, "rev1")
	screens := map[string]common.Screen{"empty queue": empty, "queue": openQueue(t, ctx), "detail": openDetail(t, ctx, s.ID)}
	prompt := openDetail(t, ctx, s.ID)
	tuitest.Press(t, prompt, "x", strings.Repeat("理由", 100))
	screens["prompt"] = prompt
	confirm := openDetail(t, ctx, s.ID)
	tuitest.Press(t, confirm, "a")
	screens["confirm"] = confirm
	for name, s := range screens {
		for _, size := range [][2]int{{100, 30}, {80, 24}, {20, 5}, {1, 1}, {0, 0}, {100, 30}} {
			s.SetSize(size[0], size[1])
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				tuitest.CheckFits(t, s.View(), size[0], size[1])
			})
		}
	}
}
