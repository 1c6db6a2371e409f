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
