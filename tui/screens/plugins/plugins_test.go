package plugins

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestListsWhatTheUserMaySeeAndFilters(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Must(w.Svc.CreatePlugin(w.Ctx, "dev1", "2021004100000001", "车牌识别"))
	w.Must(w.Svc.CreatePlugin(w.Ctx, "dev1", "2021004100000002", "发票助手"))
	w.Must(w.Svc.CreatePlugin(w.Ctx, "dev2", "2021004100000003", "会员积分"))
	var opened string
	open := func(id string) common.Screen { opened = id; return nil }

	cases := []struct {
		as, title string
		see, hide []string
	}{
		{"dev1", "我的插件", []string{"车牌识别", "发票助手"}, []string{"会员积分"}},
		{"rev1", "全部插件", []string{"车牌识别", "发票助手", "会员积分"}, nil},
	}
	for _, c := range cases {
		t.Run(c.as, func(t *testing.T) {
			m := New(w.Context(c.as), open)
			tuitest.Load(t, m, 100, 27)
			view := m.View()
			if m.Title() != c.title {
				t.Errorf("title %q, want %q", m.Title(), c.title)
			}
			for _, s := range c.see {
				if !strings.Contains(view, s) {
					t.Errorf("%s should see %s:\n%s", c.as, s, view)
				}
			}
			for _, s := range c.hide {
				if strings.Contains(view, s) {
					t.Errorf("%s should not see %s", c.as, s)
				}
			}
		})
	}

	m := New(w.Context("rev1"), open)
	tuitest.Load(t, m, 100, 27)
	tuitest.Drive(t, m, tuitest.Key("/"))
	if !m.Capturing() {
		t.Fatal("/ should focus the filter and take every key")
	}
	tuitest.Drive(t, m, tuitest.Key("发票"))
	tuitest.Drive(t, m, tuitest.Key("enter"))
	if view := m.View(); !strings.Contains(view, "发票助手") || strings.Contains(view, "车牌识别") || !strings.Contains(view, "filter: 发票") {
		t.Fatalf("filtered on 发票:\n%s", view)
	}
	msgs := tuitest.Drive(t, m, tuitest.Key("enter"))
	if _, ok := tuitest.Find[common.PushMsg](msgs); !ok || opened != "2021004100000002" {
		t.Fatalf("enter should open the selected plugin; opened %q, msgs %v", opened, msgs)
	}
	tuitest.Drive(t, m, tuitest.Key("x"))
	if !strings.Contains(m.View(), "车牌识别") {
		t.Fatal("x should clear the filter")
	}
}

func TestHostileNamesAreSanitised(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Must(w.Svc.CreatePlugin(w.Ctx, "dev1", "2021004100000001", "evil\x1b[31mred\u202e\x07"))
	m := New(w.Context("dev1"), nil)
	tuitest.Load(t, m, 100, 27)
	view := m.View()
	for _, bad := range []string{"\x1b[31m", "\u202e", "\x07"} {
		if strings.Contains(view, bad) {
			t.Fatalf("%q reached the screen", bad)
		}
	}
	if !strings.Contains(view, "evilred") {
		t.Fatalf("the readable part of the name should remain:\n%s", view)
	}
}

// Each plugin shows its live orders (申请中 and 已通过, not 已拒绝 or
// 已取消), to its owner and to a reviewer.
func TestLiveOrders(t *testing.T) {
	const pid = "2021004100000001"
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	w.ManualReview("dev1", pid)
	w.Listed("dev1", pid)
	s := w.Svc
	for i, buyer := range []string{"buyer1", "buyer1", "ent1"} {
		app := fmt.Sprintf("208800000000000%d", i)
		w.Must(s.AddApp(w.Ctx, buyer, app, "小程序"+app[15:]))
		w.Must(s.OrderFor(w.Ctx, buyer, pid, app))
	}
	rows, err := s.PluginOrders(w.Ctx, "dev1", pid, "", workflow.Page{})
	w.Must(err)
	w.Must(s.ApproveOrder(w.Ctx, "dev1", rows[0].ID, workflow.AnyRev))
	w.Must(s.RefuseOrder(w.Ctx, "dev1", rows[1].ID, workflow.AnyRev, "不符合"))
	for _, as := range []string{"dev1", "rev1"} {
		m := New(w.Context(as), nil)
		tuitest.Load(t, m, 100, 20)
		r, ok := m.table.Selected()
		if !ok || r.ID != pid || m.liveText(pid) != "2" {
			t.Errorf("%s: the plugin shows %s live orders, want 2 (%v)", as, m.liveText(pid), ok)
		}
		tuitest.ContainsAll(t, as, m.View(), "订购")
	}
}
