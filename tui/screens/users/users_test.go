package users

import (
	"slices"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	// Goldens and assertions read plain text at fixed times.
	tuitest.MainUTC(m)
}

const pid = "2021004100000001"

// Setup is a listed plugin of dev1's with 订购审核 需审核 and three orders:
// buyer1's two mini programs (one pending, one refused) and ent1's
// (approved).
func Setup(t testing.TB) *tuitest.World {
	t.Helper()
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx, s := w.Ctx, w.Svc
	w.ManualReview("dev1", pid)
	w.Listed("dev1", pid)
	w.Must(s.AddApp(ctx, "buyer1", "2088000000000001", "停车小助手"))
	w.Must(s.AddApp(ctx, "buyer1", "2088000000000002", "洗车预约"))
	w.Must(s.AddApp(ctx, "ent1", "2088000000000003", "企业车队管理"))
	w.Must(s.AddApp(ctx, "ent1", "2088000000000004", "企业车队二号"))
	refused, err := s.OrderFor(ctx, "buyer1", pid, "2088000000000002")
	w.Must(err)
	w.Must(s.RefuseOrder(ctx, "dev1", refused.ID, workflow.AnyRev, "请先完成企业认证"))
	approved, err := s.OrderFor(ctx, "ent1", pid, "2088000000000003")
	w.Must(err)
	w.Must(s.ApproveOrder(ctx, "dev1", approved.ID, workflow.AnyRev))
	w.Must(s.OrderFor(ctx, "buyer1", pid, "2088000000000001"))
	return w
}

// Open builds the screen for user at 100×27 and runs its first load.
func Open(t testing.TB, w *tuitest.World, user string) *Model {
	t.Helper()
	return tuitest.Loaded(t, New(w.ScreenContext(user), pid))
}

// Rows is each row's buyer, app and state label, top to bottom.
func Rows(t testing.TB, m *Model) []string {
	t.Helper()
	out := tuitest.Rows(t, m, m.table.Total(), m.table.Selected, func(_ int, r row) string {
		return r.o.Consumer + " " + r.o.AppID + " " + workflow.OrderLabel(r.state)
	})
	tuitest.Drive(t, m, tuitest.Key("home"))
	return out
}

func enabled(m *Model) []string { return tuitest.Offered(m) }

func TestOwnerSeesEveryOrderWithCounts(t *testing.T) {
	m := Open(t, Setup(t), "dev1")
	want := []string{"buyer1 2088000000000001 申请中", "ent1 2088000000000003 已通过", "buyer1 2088000000000002 已拒绝"}
	if got := Rows(t, m); !slices.Equal(got, want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	view := m.View()
	tuitest.ContainsAll(t, "使用者管理", view, "共 3", "申请中 1", "已通过 1", "已拒绝 1", "已超时 0", "已取消 0",
		"停车小助手", "请先完成企业认证", "1.0.0")
	if got := enabled(m); !slices.Equal(got, []string{"通过", "拒绝", "筛选状态"}) {
		t.Errorf("on the pending row help offers %q", got)
	}
	tuitest.Drive(t, m, tuitest.Key("down"))
	if got := enabled(m); !slices.Equal(got, []string{"筛选状态"}) {
		t.Errorf("on the approved row help offers %q", got)
	}
}

func TestApprove(t *testing.T) {
	m := Open(t, Setup(t), "dev1")
	tuitest.Drive(t, m, tuitest.Key("a"))
	if m.confirm == nil {
		t.Fatal("通过 asks first")
	}
	seen := tuitest.Drive(t, m, tuitest.Key("y"))
	if info, ok := tuitest.Find[common.InfoMsg](seen); !ok || !strings.Contains(info.Text, "已通过") {
		t.Fatalf("no note of the approval: %v", seen)
	}
	if r, _ := m.table.Selected(); r.state != workflow.OrderApproved {
		t.Errorf("the row is %s after 通过", r.state)
	}
	tuitest.ContainsAll(t, "使用者管理", m.View(), "申请中 0", "已通过 2")
}

func TestRefuseAsksForTheReason(t *testing.T) {
	m := Open(t, Setup(t), "dev1")
	tuitest.Drive(t, m, tuitest.Key("x"))
	if m.confirm == nil {
		t.Fatal("拒绝 asks for the reason")
	}
	// An empty reason is the service's to refuse: the prompt stays, saying why.
	tuitest.Drive(t, m, tuitest.Key("enter"))
	if m.confirm == nil {
		t.Fatal("an empty reason closed the prompt")
	}
	if v := m.View(); !strings.Contains(v, "reason") && !strings.Contains(v, "原因") {
		t.Errorf("the prompt does not say a reason is needed:\n%s", v)
	}
	tuitest.Drive(t, m, tuitest.Key("应用类目不符"))
	seen := tuitest.Drive(t, m, tuitest.Key("enter"))
	if _, ok := tuitest.Find[common.InfoMsg](seen); !ok || m.confirm != nil {
		t.Fatalf("拒绝 did not go through: %v", seen)
	}
	r, _ := m.table.Selected()
	if r.state != workflow.OrderRefused || r.o.Reason != "应用类目不符" {
		t.Errorf("the row is %s (%q) after 拒绝", r.state, r.o.Reason)
	}
}

// A reviewer reads every order but decides none: the keys are off, and
// pressing one says the offer's reason.
func TestReviewerReadsOnly(t *testing.T) {
	w := Setup(t)
	m := Open(t, w, "rev1")
	if got := len(Rows(t, m)); got != 3 {
		t.Fatalf("a reviewer sees %d orders", got)
	}
	if got := enabled(m); !slices.Equal(got, []string{"筛选状态"}) {
		t.Errorf("a reviewer is offered %q", got)
	}
	seen := tuitest.Drive(t, m, tuitest.Key("a"))
	info, ok := tuitest.Find[common.InfoMsg](seen)
	if !ok || !strings.Contains(info.Text, "developer role") {
		t.Errorf("a refused 通过 says %q", info.Text)
	}
	if m.confirm != nil {
		t.Error("a reviewer got the confirmation")
	}
	if !strings.Contains(m.View(), "不可通过") {
		t.Errorf("the detail does not say why 通过 is not possible:\n%s", m.View())
	}
}

func TestStateFilter(t *testing.T) {
	m := Open(t, Setup(t), "dev1")
	tuitest.Drive(t, m, tuitest.Key("f"))
	if got := Rows(t, m); !slices.Equal(got, []string{"buyer1 2088000000000001 申请中"}) {
		t.Errorf("申请中 shows %q", got)
	}
	tuitest.ContainsAll(t, "filtered", m.View(), "筛选：申请中", "显示 1 / 共 3")
	tuitest.Drive(t, m, tuitest.Key("F"), tuitest.Key("F"))
	if got := Rows(t, m); len(got) != 0 {
		t.Errorf("已取消 shows %q", got)
	}
	tuitest.ContainsAll(t, "no 已取消", m.View(), "没有已取消的订单")
	tuitest.Drive(t, m, tuitest.Key("f"))
	if got := len(Rows(t, m)); got != 3 {
		t.Errorf("全部 shows %d rows", got)
	}
}

func TestFitsEverySize(t *testing.T) {
	m := Open(t, Setup(t), "dev1")
	tuitest.FitsWithDialog(t, m, "x", [][2]int{{100, 27}, {80, 21}, {40, 10}, {20, 5}, {3, 2}, {1, 1}, {0, 0}})
}

// A mini program's name is another user's string: one that reached the
// database past the service (an older build, another tool) is drawn
// without its escape sequences, controls and bidi overrides, at every
// width, in the table, the detail and the dialogs.
func TestHostileAppName(t *testing.T) {
	w := Setup(t)
	hostile := "\x1b[2J\x1b]0;pwned\x07恶意\u202e小程序\u009b31m\r\n名"
	w.Must(w.Store.PutApp(w.Ctx, workflow.App{AppID: "2088000000000666", Name: hostile, Owner: "ent1", CreatedAt: w.Svc.Now()}))
	w.Must(w.Svc.OrderFor(w.Ctx, "ent1", pid, "2088000000000666"))
	m := Open(t, w, "dev1")
	for _, sz := range [][2]int{{100, 27}, {60, 20}, {30, 12}} {
		m.SetSize(sz[0], sz[1])
		for _, keys := range [][]string{nil, {"a"}, {"esc", "x"}} {
			for _, k := range keys {
				tuitest.Drive(t, m, tuitest.Key(k))
			}
			v := m.View()
			if strings.ContainsAny(v, "\x1b\x07\u202e\u009b\r") || strings.Contains(v, "pwned\x07") {
				t.Fatalf("a hostile name reached the terminal at %v after %v: %q", sz, keys, v)
			}
			tuitest.CheckFits(t, v, sz[0], sz[1])
		}
		tuitest.Drive(t, m, tuitest.Key("esc"))
	}
	m.SetSize(100, 27)
	if !strings.Contains(m.View(), "恶意") {
		t.Errorf("the name's own text is gone:\n%s", m.View())
	}
}

// Counting every order of a popular plugin is the dear part of a load: a
// window fetched while scrolling keeps the counts read at the last load,
// and a reload (r, another terminal's change, an action) reads them again.
func TestCountsReadOncePerLoad(t *testing.T) {
	w := Setup(t)
	m := Open(t, w, "dev1")
	if m.counts == nil {
		t.Fatal("the first load read no counts")
	}
	scroll, ok := tuitest.Find[loadedMsg](tuitest.Run(m.fetch(vtable.Query{Offset: 1, Limit: 2})))
	if !ok || scroll.counts != nil || scroll.win.Total != 3 {
		t.Errorf("a window while scrolling counted again (%v) or lost the total (%d)", scroll.counts, scroll.win.Total)
	}
	w.Must(w.Svc.OrderFor(w.Ctx, "ent1", pid, "2088000000000004"))
	seen := tuitest.Drive(t, m, common.ReloadMsg{})
	if l, ok := tuitest.Find[loadedMsg](seen); !ok || l.counts == nil {
		t.Fatalf("a reload did not count again: %v", seen)
	}
	tuitest.ContainsAll(t, "after the reload", m.View(), "共 4", "申请中 2")
}

// Approving what another terminal changed meanwhile is a conflict with
// who changed it (the root then reloads), never a second decision.
func TestApproveAfterAnotherTerminal(t *testing.T) {
	w := Setup(t)
	m := Open(t, w, "dev1")
	r, _ := m.table.Selected()
	w.Must(w.Svc.RefuseOrder(w.Ctx, "dev1", r.o.ID, workflow.AnyRev, "另一个终端拒绝了"))
	tuitest.Drive(t, m, tuitest.Key("a"))
	seen := tuitest.Drive(t, m, tuitest.Key("y"))
	e, ok := tuitest.Find[common.ErrMsg](seen)
	if !ok || workflow.KindOf(e.Err) != workflow.KindConflict {
		t.Fatalf("want a conflict, got %v", seen)
	}
	o, err := w.Svc.PluginOrders(w.Ctx, "dev1", pid, workflow.OrderRefused, workflow.Page{})
	w.Must(err)
	if len(o) != 2 {
		t.Errorf("the order was decided twice: %+v", o)
	}
}
