package orders_test

import (
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/screens/market"
	"plugpub/tui/screens/orders"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	tuitest.MainUTC(m)
}

// TestMyOrders: a consumer's 我的订购 lists what they ordered, newest first,
// with the title and version ordered; enter opens that plugin's 订购页.
func TestMyOrders(t *testing.T) {
	w := tuitest.NewWorld(t)
	a, b := "2021004100000001", "2021004100000002"
	w.Online("dev1", a, "车牌识别")
	w.Listed("dev1", a)
	w.Online("dev1", b, "会员积分")
	w.Listed("dev1", b)
	w.Must(w.Svc.Order(w.Ctx, "buyer1", a))
	w.Must(w.Svc.Order(w.Ctx, "buyer1", b))
	w.Must(w.Svc.Order(w.Ctx, "ent1", a))

	s := orders.New(w.Context("buyer1"))
	tuitest.Load(t, s, 100, 20)
	v := s.View()
	title := workflow.SampleDraft().Info.Title
	ia, ib := strings.Index(v, a), strings.Index(v, b)
	if ia < 0 || ib < 0 || ib > ia {
		t.Fatalf("我的订购 should list both orders, newest (%s) first:\n%s", b, v)
	}
	tuitest.ContainsAll(t, "我的订购", v, "服务标题", "版本", "订购时间", "1.0.0", "第 1 / 2 条", "2026-11-23")
	if !strings.Contains(v, string([]rune(title)[:4])) {
		t.Errorf("no title %q:\n%s", title, v)
	}
	tuitest.CheckFits(t, v, 100, 20)
	for _, size := range [][2]int{{80, 24}, {30, 5}, {1, 1}, {0, 0}} {
		s.SetSize(size[0], size[1])
		tuitest.CheckFits(t, s.View(), size[0], size[1])
	}
	s.SetSize(100, 20)

	msgs := tuitest.Drive(t, s, tuitest.Key("down"), tuitest.Key("enter"))
	push, ok := tuitest.Find[common.PushMsg](msgs)
	if !ok {
		t.Fatalf("enter opened nothing: %v", msgs)
	}
	if d, ok := push.Screen.(*market.Detail); !ok || !strings.Contains(d.Title(), a) {
		t.Errorf("enter on the second order opened %v, want the 订购页 of %s", push.Screen, a)
	}

	// Another consumer sees only their own.
	s2 := orders.New(w.Context("ent1"))
	tuitest.Load(t, s2, 100, 20)
	if v := s2.View(); !strings.Contains(v, a) || strings.Contains(v, b) {
		t.Errorf("ent1 ordered %s only:\n%s", a, v)
	}
}

func TestNoOrdersSaysHow(t *testing.T) {
	w := tuitest.NewWorld(t)
	s := orders.New(w.Context("buyer1"))
	tuitest.Load(t, s, 80, 10)
	if v := s.View(); !strings.Contains(v, "还没有订购") {
		t.Errorf("no word about having no orders:\n%s", v)
	}
	for _, b := range s.ShortHelp() {
		if b.Help().Key == "enter" && b.Enabled() {
			t.Error("enter is offered with nothing to open")
		}
	}
}

// An order for a mini program shows the app, its state and the owner's
// reason; c cancels a pending one (取消) after asking, as its offer says.
func TestStatesReasonAndCancel(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", "2021004100000001", "车牌识别")
	ctx, s := w.Ctx, w.Svc
	pid := "2021004100000001"
	w.ManualReview("dev1", pid)
	w.Listed("dev1", pid)
	w.Must(s.AddApp(ctx, "buyer1", "2088000000000001", "停车小助手"))
	w.Must(s.AddApp(ctx, "buyer1", "2088000000000002", "洗车预约"))
	refused, err := s.OrderFor(ctx, "buyer1", pid, "2088000000000002")
	w.Must(err)
	w.Must(s.RefuseOrder(ctx, "dev1", refused.ID, workflow.AnyRev, "请先完成企业认证"))
	w.Must(s.OrderFor(ctx, "buyer1", pid, "2088000000000001"))

	m := orders.New(w.Context("buyer1"))
	tuitest.Load(t, m, 120, 20)
	tuitest.ContainsAll(t, "我的订购", m.View(), "小程序", "状态", "原因", "停车小助手", "2088000000000001", "申请中", "已拒绝", "请先完成企业认证")
	seen := tuitest.Drive(t, m, tuitest.Key("c"))
	if !m.Capturing() {
		t.Fatalf("取消 does not ask first: %v", seen)
	}
	seen = tuitest.Drive(t, m, tuitest.Key("y"))
	if info, ok := tuitest.Find[common.InfoMsg](seen); !ok || !strings.Contains(info.Text, "已取消") {
		t.Fatalf("no word of the cancel: %v", seen)
	}
	if v := m.View(); strings.Contains(v, "申请中") || !strings.Contains(v, "已取消") {
		t.Errorf("the pending order is not 已取消:\n%s", v)
	}
	// A refused order cannot be cancelled: the key is off, and says why.
	tuitest.Drive(t, m, tuitest.Key("down"))
	for _, b := range m.ShortHelp() {
		if b.Help().Key == "c" && b.Enabled() {
			t.Error("c is offered on a refused order")
		}
	}
	if info, ok := tuitest.Find[common.InfoMsg](tuitest.Drive(t, m, tuitest.Key("c"))); !ok || info.Text == "" {
		t.Error("c on a refused order says nothing")
	}
}
