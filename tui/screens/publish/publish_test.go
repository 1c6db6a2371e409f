package publish

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	// Goldens and assertions read plain text at fixed times.
	tuitest.MainUTC(m)
}

const pid = "2021004100000001"

// open builds the screen for user at 100×27 (a 100×30 terminal less the
// root's bars) and runs its first load.
func open(t *testing.T, w *tuitest.World, user string) *Model {
	t.Helper()
	return tuitest.Loaded(t, New(w.ScreenContext(user), pid))
}

// offered is what help shows for the selected row: the enabled operation keys.
func offered(m *Model) []string { return tuitest.Offered(m, "tab", "/") }

// rows walks the table from the top and returns, per row, its state and the
// operations its 操作 column names, checking that help offers the same.
func rows(t *testing.T, m *Model) []string {
	t.Helper()
	return tuitest.Rows(t, m, m.table.Total(), m.table.Selected, func(i int, r row) string {
		ops := opsText(r.ops)
		if help := offered(m); strings.Join(slices.DeleteFunc(help, func(s string) bool { return s == "发布" }), " ") != ops {
			t.Errorf("row %d: the 操作 column says %q but help offers %q", i, ops, help)
		}
		return strings.TrimSpace(string(r.sub.State) + " " + ops)
	})
}

func modify(t *testing.T, w *tuitest.World, title string) {
	t.Helper()
	d := workflow.SampleDraft()
	d.Info.Title = title
	w.Must(w.Svc.SaveDraft(w.Ctx, "dev1", pid, d, workflow.AnyRev))
}

func submit(t *testing.T, w *tuitest.World) workflow.Submission {
	t.Helper()
	s, err := w.Svc.Submit(w.Ctx, "dev1", pid, "")
	w.Must(err)
	return s
}

// The states of the seed document, and what each role is offered in them.
var scenarios = map[string]func(t *testing.T, w *tuitest.World){
	"nothing submitted": func(t *testing.T, w *tuitest.World) {},
	"in review":         func(t *testing.T, w *tuitest.World) { submit(t, w) },
	"approved": func(t *testing.T, w *tuitest.World) {
		w.Must(w.Svc.Approve(w.Ctx, "rev1", submit(t, w).ID, workflow.AnyRev))
	},
	"rejected": func(t *testing.T, w *tuitest.World) {
		w.Must(w.Svc.Reject(w.Ctx, "rev1", submit(t, w).ID, "案例介绍不真实", workflow.AnyRev))
	},
	"withdrawn": func(t *testing.T, w *tuitest.World) {
		submit(t, w)
		w.Must(w.Svc.Withdraw(w.Ctx, "dev1", pid, workflow.AnyRev))
	},
	"listed": func(t *testing.T, w *tuitest.World) { w.Listed("dev1", pid) },
	"listed hidden": func(t *testing.T, w *tuitest.World) {
		w.Listed("dev1", pid)
		w.Must(w.Svc.Hide(w.Ctx, "dev1", pid, workflow.AnyRev))
	},
	"listed, modification in review": func(t *testing.T, w *tuitest.World) {
		w.Listed("dev1", pid)
		modify(t, w, "车牌识别插件 2")
		submit(t, w)
	},
	"listed, modification approved": func(t *testing.T, w *tuitest.World) {
		w.Listed("dev1", pid)
		modify(t, w, "车牌识别插件 2")
		w.Must(w.Svc.Approve(w.Ctx, "rev2", submit(t, w).ID, workflow.AnyRev))
	},
	"modification listed": func(t *testing.T, w *tuitest.World) {
		w.Listed("dev1", pid)
		modify(t, w, "车牌识别插件 2")
		w.Must(w.Svc.Approve(w.Ctx, "rev2", submit(t, w).ID, workflow.AnyRev))
		w.Must(w.Svc.Release(w.Ctx, "dev1", pid, workflow.AnyRev))
	},
}

func setup(t *testing.T, scenario string) *tuitest.World {
	t.Helper()
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	scenarios[scenario](t, w)
	return w
}

func TestOffersOnlyLegalOperations(t *testing.T) {
	cases := []struct {
		scenario string
		user     string
		rows     []string // newest first: state, then the 操作 column
		publish  bool
	}{
		{"nothing submitted", "dev1", nil, true},
		{"in review", "dev1", []string{"in_review 撤回审核"}, false},
		{"approved", "dev1", []string{"approved 上架 修改信息"}, true},
		{"rejected", "dev1", []string{"rejected 修改信息"}, true},
		{"withdrawn", "dev1", []string{"withdrawn 修改信息"}, true},
		{"listed", "dev1", []string{"listed 修改信息 订购页 隐藏"}, true},
		{"listed hidden", "dev1", []string{"listed 修改信息 订购页 展示"}, true},
		{"listed, modification in review", "dev1", []string{"in_review 撤回审核", "listed 订购页 隐藏"}, false},
		{"listed, modification approved", "dev1", []string{"approved 上架 修改信息", "listed 修改信息 订购页 隐藏"}, true},
		{"modification listed", "dev1", []string{"listed 修改信息 订购页 隐藏", "superseded"}, true},
		// A reviewer sees the plugin's 发布管理 but acts in the review queue.
		{"in review", "rev1", []string{"in_review"}, false},
		{"listed", "rev1", []string{"listed 订购页"}, false},
	}
	for _, c := range cases {
		t.Run(c.scenario+" as "+c.user, func(t *testing.T) {
			w := setup(t, c.scenario)
			m := open(t, w, c.user)
			if got := rows(t, m); !slices.Equal(got, c.rows) {
				t.Errorf("rows:\n got %q\nwant %q", got, c.rows)
			}
			if got := m.keys.Publish.Enabled(); got != c.publish {
				t.Errorf("发布 offered: %v, want %v", got, c.publish)
			}
		})
	}
}

func TestSomeoneElsesPluginIsRefused(t *testing.T) {
	w := setup(t, "in review")
	ctx := w.Context("dev2")
	m := New(ctx, pid)
	msgs := tuitest.Load(t, m, 100, 27)
	e, ok := tuitest.Find[common.ErrMsg](msgs)
	if !ok || workflow.KindOf(e.Err) != workflow.KindForbidden {
		t.Fatalf("want a forbidden error, got %v", msgs)
	}
	if len(offered(m)) != 0 {
		t.Errorf("nothing should be offered, got %q", offered(m))
	}
}

func state(t *testing.T, w *tuitest.World, id int64) workflow.SubmissionState {
	t.Helper()
	s, err := w.Svc.Submission(w.Ctx, "dev1", id)
	w.Must(err)
	return s.State
}

func TestWithdrawAsksFirst(t *testing.T) {
	w := setup(t, "in review")
	m := open(t, w, "dev1")
	tuitest.PressAsks(t, m, "w", "撤回审核 #1")
	tuitest.Press(t, m, "n")
	if m.Capturing() || state(t, w, 1) != workflow.SubmissionInReview {
		t.Fatal("n should leave the submission alone")
	}
	msgs := tuitest.Press(t, m, "w", "y")
	if _, ok := tuitest.Find[common.InfoMsg](msgs); !ok {
		t.Errorf("no status note after withdrawing: %v", msgs)
	}
	if got := state(t, w, 1); got != workflow.SubmissionWithdrawn {
		t.Fatalf("state %s, want withdrawn", got)
	}
	if got := rows(t, m); !slices.Equal(got, []string{"withdrawn 修改信息"}) {
		t.Errorf("after withdrawing the screen shows %q", got)
	}
}

func TestReleaseHideShow(t *testing.T) {
	w := setup(t, "approved")
	m := open(t, w, "dev1")
	tuitest.PressAsks(t, m, "l", "上架 #1")
	tuitest.Press(t, m, "y")
	if got := state(t, w, 1); got != workflow.SubmissionListed {
		t.Fatalf("state %s, want listed", got)
	}
	tuitest.Press(t, m, "h")
	if !m.Capturing() {
		t.Fatal("h should ask first")
	}
	tuitest.Press(t, m, "y")
	page, err := w.Svc.MarketPage(w.Ctx, pid)
	w.Must(err)
	if page.Listing.Visibility != workflow.VisibilityHidden {
		t.Fatalf("visibility %s, want hidden", page.Listing.Visibility)
	}
	if got := rows(t, m); !slices.Equal(got, []string{"listed 修改信息 订购页 展示"}) {
		t.Errorf("after hiding: %q", got)
	}
	// 展示 asks exactly when workflow's verdict has a question (the lead's
	// table asks: it makes the plugin searchable again); the screen decides
	// nothing of its own.
	f, err := w.Svc.Facts(w.Ctx, "dev1", pid)
	w.Must(err)
	asks := workflow.ListingOffer(m.ctx.User, f).Get(workflow.ActShow).Confirm != ""
	tuitest.Press(t, m, "s")
	if m.Capturing() != asks {
		t.Fatalf("s asked %v, its verdict asks %v", m.Capturing(), asks)
	}
	if asks {
		tuitest.Press(t, m, "y")
	}
	page, _ = w.Svc.MarketPage(w.Ctx, pid)
	if page.Listing.Visibility != workflow.VisibilityShown {
		t.Fatalf("visibility %s, want shown", page.Listing.Visibility)
	}
}

func TestModifyListedSaysWhatItCosts(t *testing.T) {
	w := setup(t, "listed")
	m := open(t, w, "dev1")
	tuitest.Press(t, m, "e")
	view := m.View()
	if !m.Capturing() || !strings.Contains(view, "new review") || !strings.Contains(view, "#1") {
		t.Fatalf("e on a listed plugin should warn first:\n%s", view)
	}
	msgs := tuitest.Press(t, m, "y")
	info, ok := tuitest.Find[common.InfoMsg](msgs)
	if !ok || !strings.Contains(info.Text, "plugpub draft") {
		t.Errorf("without a wizard, say how to edit the draft; got %v", msgs)
	}

	opened := ""
	m.ctx.OpenWizard = func(id string) common.Screen { opened = id; return New(m.ctx, id) }
	msgs = tuitest.Press(t, m, "e", "y")
	if _, ok := tuitest.Find[common.PushMsg](msgs); !ok || opened != pid {
		t.Errorf("with a wizard, open it on %s; opened %q, msgs %v", pid, opened, msgs)
	}
}

func TestModifyUnlistedOpensAtOnce(t *testing.T) {
	w := setup(t, "rejected")
	m := open(t, w, "dev1")
	msgs := tuitest.Press(t, m, "e")
	if m.Capturing() {
		t.Fatal("nothing is listed, so there is nothing to warn about")
	}
	if _, ok := tuitest.Find[common.InfoMsg](msgs); !ok {
		t.Errorf("want the wizard note, got %v", msgs)
	}
}

func TestPublishKey(t *testing.T) {
	w := setup(t, "nothing submitted")
	m := open(t, w, "dev1")
	if !strings.Contains(m.View(), "Nothing submitted yet") {
		t.Errorf("an empty 发布管理 should say so:\n%s", m.View())
	}
	if !strings.Contains(m.View(), "p 发布 fills") {
		t.Errorf("the empty 发布管理 names the key of 发布, p:\n%s", m.View())
	}
	if _, ok := tuitest.Find[common.InfoMsg](tuitest.Press(t, m, "p")); !ok {
		t.Error("p should open the wizard or say how to edit the draft")
	}
	submit(t, w)
	tuitest.Drive(t, m, common.ReloadMsg{})
	if msgs := tuitest.Press(t, m, "p"); len(msgs) != 1 {
		t.Errorf("p while a submission is in review should do nothing, got %v", msgs)
	}
}

func TestDisabledKeysDoNothing(t *testing.T) {
	w := setup(t, "in review")
	m := open(t, w, "dev1")
	for _, k := range []string{"l", "e", "o", "h", "s"} {
		if msgs := tuitest.Press(t, m, k); len(msgs) != 1 || m.Capturing() {
			t.Errorf("%s on an in-review row did something: %v", k, msgs)
		}
	}
}

func TestOrderPage(t *testing.T) {
	w := setup(t, "listed")
	m := open(t, w, "dev1")
	push, ok := tuitest.Find[common.PushMsg](tuitest.Press(t, m, "o"))
	if !ok {
		t.Fatal("o should open the 订购页")
	}
	s := push.Screen
	tuitest.Load(t, s, 100, 27)
	if view := s.View(); !strings.Contains(view, "车牌识别插件") || !strings.Contains(view, "服务描述") {
		t.Errorf("the 订购页 should render the listed snapshot:\n%s", view)
	}
}

func TestDetailShowsReasonAndTimeline(t *testing.T) {
	w := setup(t, "rejected")
	m := open(t, w, "dev1")
	view := m.View()
	tuitest.ContainsAll(t, "the detail", view, "驳回原因", "案例介绍不真实", "时间线", "提交审核", "审核驳回", "审核中 → 审核驳回")
}

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

// The timeline skips the plugin's earlier events, reads across pages of
// the log, and says so when it stops before the end.
func TestTimelineOfALongLog(t *testing.T) {
	defer func(p, m int) { scanPage, maxScan = p, m }(scanPage, maxScan)
	scanPage, maxScan = 7, 70
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	for i := range 30 {
		w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, fmt.Sprintf("1.1.%d", i)))
	}
	sub := w.Listed("dev1", pid)
	addVersions := func(from, n int) {
		for i := from; i < from+n; i++ {
			w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, fmt.Sprintf("2.0.%d", i)))
		}
	}
	addVersions(0, 20)
	w.Must(w.Svc.Hide(w.Ctx, "dev1", pid, workflow.AnyRev))
	timeline := func() ([]string, bool) {
		tl, err := submissionTimeline(w.Ctx, w.Svc, "dev1", pid, sub)
		w.Must(err)
		var got []string
		for _, e := range tl.events {
			got = append(got, string(e.Entity)+" "+string(e.Action))
		}
		return got, tl.cut
	}
	want := []string{"submission submit", "submission approve", "submission release", "listing release", "listing hide"}
	if got, cut := timeline(); !slices.Equal(got, want) || cut {
		t.Errorf("timeline %q (cut %v), want %q", got, cut, want)
	}
	addVersions(20, 80)
	w.Must(w.Svc.Show(w.Ctx, "dev1", pid, workflow.AnyRev))
	if got, cut := timeline(); !slices.Equal(got, want) || !cut {
		t.Errorf("past maxScan: timeline %q (cut %v), want %q and cut", got, cut, want)
	}
}

func TestReloadKeepsTheCursor(t *testing.T) {
	w := setup(t, "modification listed")
	m := open(t, w, "dev1")
	tuitest.Press(t, m, "down")
	before, _ := m.table.Selected()
	w.Must(w.Svc.Hide(w.Ctx, "dev1", pid, workflow.AnyRev))
	tuitest.Drive(t, m, common.ReloadMsg{})
	after, _ := m.table.Selected()
	if m.table.Cursor() != 1 || after.sub.ID != before.sub.ID {
		t.Errorf("cursor at %d on #%d, want 1 on #%d", m.table.Cursor(), after.sub.ID, before.sub.ID)
	}
}

func TestViewFitsEverySize(t *testing.T) {
	for _, scenario := range []string{"nothing submitted", "rejected", "listed, modification approved"} {
		w := setup(t, scenario)
		m := open(t, w, "dev1")
		for _, dialog := range []bool{false, true} {
			if dialog {
				tuitest.Press(t, m, "e") // the 修改信息 warning, or nothing where it is not offered
			}
			for _, size := range [][2]int{{100, 30}, {80, 24}, {20, 5}, {1, 1}, {0, 0}, {100, 30}} {
				for _, f := range []string{"table", "detail"} {
					m.SetSize(size[0], size[1])
					t.Run(fmt.Sprintf("%s/dialog=%v/%dx%d/%s", scenario, dialog, size[0], size[1], f), func(t *testing.T) {
						tuitest.CheckFits(t, m.View(), size[0], size[1])
					})
					if !m.Capturing() {
						tuitest.Press(t, m, "tab")
					}
				}
			}
		}
	}
}
