package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"plugpub/workflow"
)

// Orders for a mini program (issue 15): the lists of 使用者管理 and
// 我的订购, the counts, one live order per plugin and app, and the log.

// appID is the i-th test mini program's appId.
func appID(i int) string { return fmt.Sprintf("20880%011d", i) }

// later moves the flow's clock on by d, as days passing would.
func (f *Flow) later(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

// releaseReviewed lists plugin id (made online first) with 订购审核 需审核.
func (f *Flow) releaseReviewed(id string) {
	f.T.Helper()
	f.Online(id)
	d := workflow.SampleDraft()
	d.Info.Title, d.Info.OrderReview = "车牌识别插件", workflow.OrderReviewManual
	f.ReleaseDraft(id, d)
}

// addApps registers n mini programs of buyer, numbered from first.
func (f *Flow) addApps(buyer string, first, n int) {
	f.T.Helper()
	for i := first; i < first+n; i++ {
		_, err := f.Svc.AddApp(f.Ctx, buyer, appID(i), fmt.Sprintf("小程序%d", i))
		f.must(err)
	}
}

func orderIDs(rs []workflow.OrderRow) []int64 {
	out := make([]int64, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// ordersByState: a plugin's orders filtered by each state (expired
// computed from time), newest first, paged, with counts that match the
// lists, and the rows carrying what 使用者管理 shows.
func ordersByState(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	f.releaseReviewed(PID)
	f.addApps("buyer1", 1, 7)
	order := func(app int) workflow.Order {
		t.Helper()
		o, err := f.Svc.OrderFor(ctx, "buyer1", PID, appID(app))
		f.must(err)
		if o.State != workflow.OrderPending {
			t.Fatalf("an order of a plugin with 需审核 starts %s", o.State)
		}
		return o
	}
	var o [8]workflow.Order
	for i := 1; i <= 6; i++ {
		o[i] = order(i)
	}
	for _, i := range []int{1, 2} {
		_, err := f.Svc.ApproveOrder(ctx, "dev1", o[i].ID, o[i].Rev)
		f.must(err)
	}
	_, err := f.Svc.RefuseOrder(ctx, "dev1", o[3].ID, o[3].Rev, "不支持该类目")
	f.must(err)
	_, err = f.Svc.CancelOrder(ctx, "buyer1", o[4].ID, o[4].Rev)
	f.must(err)
	f.later(workflow.OrderExpiry) // 5 and 6 are unanswered for 7 days
	o[7] = order(7)
	again := order(5) // app 5 orders again: its expired order gives the place up
	want := map[workflow.OrderState][]int64{
		workflow.OrderPending:   {again.ID, o[7].ID},
		workflow.OrderApproved:  {o[2].ID, o[1].ID},
		workflow.OrderRefused:   {o[3].ID},
		workflow.OrderExpired:   {o[6].ID, o[5].ID},
		workflow.OrderCancelled: {o[4].ID},
	}
	counts, err := f.Svc.OrderCounts(ctx, "dev1", PID)
	f.must(err)
	total := 0
	for _, st := range workflow.OrderStates {
		rs, err := f.Svc.PluginOrders(ctx, "dev1", PID, st, workflow.Page{})
		f.must(err)
		if got := orderIDs(rs); !slices.Equal(got, want[st]) {
			t.Errorf("%s: orders %v, want %v", st, got, want[st])
		}
		for _, r := range rs {
			if r.State != st {
				t.Errorf("order %d listed as %s under %s", r.ID, r.State, st)
			}
		}
		if counts[st] != len(want[st]) {
			t.Errorf("%s: counted %d, want %d", st, counts[st], len(want[st]))
		}
		total += counts[st]
	}
	all, err := f.Svc.PluginOrders(ctx, "dev1", PID, "", workflow.Page{})
	f.must(err)
	if len(all) != 8 || total != 8 || !slices.IsSortedFunc(all, func(a, b workflow.OrderRow) int { return int(b.ID - a.ID) }) {
		t.Errorf("all orders %v (counted %d), want 8 newest first", orderIDs(all), total)
	}
	page, err := f.Svc.PluginOrders(ctx, "dev1", PID, "", workflow.Page{Offset: 2, Limit: 3})
	f.must(err)
	if !slices.Equal(orderIDs(page), orderIDs(all[2:5])) {
		t.Errorf("page 2+3: %v, want %v", orderIDs(page), orderIDs(all[2:5]))
	}
	// 已超时 merges the stored and the computed ones, and pages through both.
	for off, id := range []int64{o[6].ID, o[5].ID} {
		rs, err := f.Svc.PluginOrders(ctx, "dev1", PID, workflow.OrderExpired, workflow.Page{Offset: off, Limit: 1})
		f.must(err)
		if len(rs) != 1 || rs[0].ID != id {
			t.Errorf("expired, page %d of 1: %v, want [%d]", off, orderIDs(rs), id)
		}
	}
	r := all[len(all)-1] // o[1], approved
	if r.ID != o[1].ID || r.AppID != appID(1) || r.AppName != "小程序1" || r.Title != "车牌识别插件" || r.Version != "1.0.0" ||
		r.BuyerKind != workflow.BuyerPersonal || r.Consumer != "buyer1" || r.UpdatedBy != "dev1" {
		t.Errorf("the row of order %d: %+v", o[1].ID, r)
	}
	refused, _ := f.Svc.PluginOrders(ctx, "dev1", PID, workflow.OrderRefused, workflow.Page{})
	if len(refused) != 1 || refused[0].Reason != "不支持该类目" {
		t.Errorf("the refused order keeps its reason: %+v", refused)
	}
	live, err := f.Svc.LiveOrderCounts(ctx, "dev1", []string{PID, "2021004100000099"})
	f.must(err)
	if live[PID] != 4 || len(live) != 1 {
		t.Errorf("live orders %v, want %s: 4 (2 approved, 2 pending)", live, PID)
	}
	if n, err := f.Svc.MiniProgramsUsing(ctx, PID); err != nil || n != 2 {
		t.Errorf("mini programs using it: %d %v, want 2", n, err)
	}
	f.CheckLog()
}

// ordersOfTwoPluginsPage: orders of two plugins made in turn page each
// plugin's list alone (a deep page of every order is a seek on the
// order's place among its plugin's), every page the slice of the whole
// list, past the end nothing; 已超时 pages the same way.
func ordersOfTwoPluginsPage(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	const other = "2021004100000002"
	f.releaseReviewed(PID)
	f.releaseReviewed(other)
	f.addApps("buyer1", 1, 5)
	for i := 1; i <= 5; i++ {
		for _, pid := range []string{PID, other} {
			if pid == other && i%2 == 0 {
				continue
			}
			_, err := f.Svc.OrderFor(ctx, "buyer1", pid, appID(i))
			f.must(err)
		}
		f.later(2 * 24 * time.Hour)
	}
	// 7 days on, the first orders (made 8 and 10 days before) are 已超时.
	for pid, n := range map[string]int{PID: 5, other: 3} {
		for _, st := range []workflow.OrderState{"", workflow.OrderExpired} {
			all, err := f.Svc.PluginOrders(ctx, "dev1", pid, st, workflow.Page{Limit: 100})
			f.must(err)
			if st == "" && len(all) != n || st == workflow.OrderExpired && len(all) == 0 {
				t.Fatalf("%s %q: %d orders %v, want %d", pid, st, len(all), orderIDs(all), n)
			}
			for i, r := range all {
				if r.PluginID != pid || i > 0 && r.ID >= all[i-1].ID {
					t.Errorf("%s %q: orders %v, want its own newest first", pid, st, orderIDs(all))
				}
			}
			for _, lim := range []int{1, 2, 4} {
				for off := 0; off <= len(all)+1; off++ {
					rs, err := f.Svc.PluginOrders(ctx, "dev1", pid, st, workflow.Page{Offset: off, Limit: lim})
					f.must(err)
					want := all[min(off, len(all)):min(off+lim, len(all))]
					if !slices.Equal(orderIDs(rs), orderIDs(want)) {
						t.Errorf("%s %q at %d+%d: %v, want %v", pid, st, off, lim, orderIDs(rs), orderIDs(want))
					}
				}
			}
		}
	}
}

// consumerOrdersAndApps: a consumer's mini programs and orders are their
// own, newest first, of every plugin or of one.
func consumerOrdersAndApps(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	const other = "2021004100000002"
	f.OnlineRelease(PID, "车牌识别插件")
	f.OnlineRelease(other, "发票识别插件")
	_, err := f.Svc.AddUser(ctx, "buyer2", []workflow.Role{workflow.RoleConsumer}, workflow.BuyerEnterprise)
	f.must(err)
	f.addApps("buyer1", 3, 1)
	f.addApps("buyer1", 1, 1)
	f.addApps("buyer2", 2, 1)
	if _, err := f.Svc.AddApp(ctx, "buyer2", appID(1), "抢注"); workflow.KindOf(err) != workflow.KindInvalid {
		t.Errorf("registering buyer1's appId again: %v, want invalid", err)
	}
	apps, err := f.Svc.Apps(ctx, "buyer1")
	f.must(err)
	if len(apps) != 2 || apps[0].AppID != appID(1) || apps[1].AppID != appID(3) || apps[0].Owner != "buyer1" || apps[0].Name != "小程序1" {
		t.Errorf("buyer1's apps %+v, want 1 and 3 by appId", apps)
	}
	var mine []int64
	for _, x := range []struct {
		as, plugin string
		app        int
	}{{"buyer1", PID, 1}, {"buyer2", PID, 2}, {"buyer1", other, 1}, {"buyer1", PID, 3}} {
		o, err := f.Svc.OrderFor(ctx, x.as, x.plugin, appID(x.app))
		f.must(err)
		if o.State != workflow.OrderApproved {
			t.Errorf("an order of a plugin with 自动通过 is %s", o.State)
		}
		if x.as == "buyer1" {
			mine = append([]int64{o.ID}, mine...)
		}
	}
	if _, err := f.Svc.OrderFor(ctx, "buyer2", PID, appID(1)); workflow.KindOf(err) != workflow.KindNotFound {
		t.Errorf("ordering for another buyer's mini program: %v, want not found", err)
	}
	rs, err := f.Svc.MyOrders(ctx, "buyer1", "", workflow.Page{})
	f.must(err)
	if !slices.Equal(orderIDs(rs), mine) {
		t.Errorf("buyer1's orders %v, want %v", orderIDs(rs), mine)
	}
	rs, err = f.Svc.MyOrders(ctx, "buyer1", PID, workflow.Page{Limit: 1})
	f.must(err)
	if len(rs) != 1 || rs[0].ID != mine[0] || rs[0].PluginID != PID {
		t.Errorf("buyer1's first order of %s: %+v", PID, rs)
	}
	rs, err = f.Svc.MyOrders(ctx, "buyer2", "", workflow.Page{})
	f.must(err)
	if len(rs) != 1 || rs[0].Consumer != "buyer2" || rs[0].BuyerKind != workflow.BuyerEnterprise {
		t.Errorf("buyer2's orders %+v", rs)
	}
	f.CheckLog()
}

// oneLiveOrderPerApp: buyers racing to order one plugin for one mini
// program get one live order; the schema refuses a second one written
// behind the workflow's back; after 退订 the app may order again.
func oneLiveOrderPerApp(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	f.OnlineRelease(PID, "车牌识别插件")
	f.addApps("buyer1", 1, 1)
	const n = 12
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.Svc.OrderFor(ctx, "buyer1", PID, appID(1))
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch workflow.KindOf(err) {
		case 0:
			if err != nil {
				t.Errorf("a racing order: %v", err)
			}
			won++
		case workflow.KindIllegal:
		default:
			t.Errorf("a racing order: %v, want illegal", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d racing orders won, want 1", won)
	}
	rs, err := f.Svc.MyOrders(ctx, "buyer1", PID, workflow.Page{})
	f.must(err)
	if len(rs) != 1 {
		t.Fatalf("%d orders after the race", len(rs))
	}
	p, _ := f.St.Plugin(ctx, PID)
	twin := rs[0].Order
	twin.ID, twin.Rev = 0, 0
	err = f.St.Update(ctx, PID, func(workflow.Txn) (workflow.Change, error) {
		return workflow.Change{Actor: "buyer1", At: f.Clock(), Plugin: &p, Orders: []workflow.Order{twin}}, nil
	})
	if workflow.KindOf(err) != workflow.KindIllegal {
		t.Errorf("a second live order of app %s written behind the workflow: %v, want illegal", appID(1), err)
	}
	_, err = f.Svc.CancelOrder(ctx, "buyer1", rs[0].ID, rs[0].Rev)
	f.must(err)
	if _, err := f.Svc.OrderFor(ctx, "buyer1", PID, appID(1)); err != nil {
		t.Errorf("ordering again after 退订: %v", err)
	}
	f.CheckLog()
}

// everyOrderTransitionIsAnEvent: each order move leaves one event naming
// who, when, from and to, and the log replays to the order rows' states.
func everyOrderTransitionIsAnEvent(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	f.releaseReviewed(PID)
	f.addApps("buyer1", 1, 3)
	before, err := f.St.Events(ctx, PID, workflow.Page{Limit: 1000})
	f.must(err)
	a, err := f.Svc.OrderFor(ctx, "buyer1", PID, appID(1))
	f.must(err)
	a, err = f.Svc.ApproveOrder(ctx, "dev1", a.ID, a.Rev)
	f.must(err)
	_, err = f.Svc.CancelOrder(ctx, "buyer1", a.ID, a.Rev) // 退订
	f.must(err)
	b, err := f.Svc.OrderFor(ctx, "buyer1", PID, appID(2))
	f.must(err)
	_, err = f.Svc.RefuseOrder(ctx, "dev1", b.ID, b.Rev, "资质不符")
	f.must(err)
	c, err := f.Svc.OrderFor(ctx, "buyer1", PID, appID(3))
	f.must(err)
	f.later(workflow.OrderExpiry)
	c2, err := f.Svc.OrderFor(ctx, "buyer1", PID, appID(3))
	f.must(err)
	evs, err := f.St.Events(ctx, PID, workflow.Page{Limit: 1000})
	f.must(err)
	type move struct {
		key, actor string
		act        workflow.Action
		from, to   string
		reason     string
	}
	k := func(id int64) string { return fmt.Sprint(id) }
	want := []move{
		{k(a.ID), "buyer1", workflow.ActOrder, "", "pending", ""},
		{k(a.ID), "dev1", workflow.ActApprove, "pending", "approved", ""},
		{k(a.ID), "buyer1", workflow.ActCancel, "approved", "cancelled", ""},
		{k(b.ID), "buyer1", workflow.ActOrder, "", "pending", ""},
		{k(b.ID), "dev1", workflow.ActRefuse, "pending", "refused", "资质不符"},
		{k(c.ID), "buyer1", workflow.ActOrder, "", "pending", ""},
		{k(c.ID), "buyer1", workflow.ActExpire, "pending", "expired", ""},
		{k(c2.ID), "buyer1", workflow.ActOrder, "", "pending", ""},
	}
	var got []move
	last := time.Time{}
	for _, ev := range evs[len(before):] {
		if ev.Entity != workflow.EntityOrder {
			t.Errorf("event %d is about %s", ev.ID, ev.Entity)
			continue
		}
		reason := ev.Reason
		if ev.Action == workflow.ActOrder {
			reason = "" // it names the submission and the app
		}
		got = append(got, move{ev.Key, ev.Actor, ev.Action, ev.From, ev.To, reason})
		if ev.At.Before(last) || ev.At.IsZero() {
			t.Errorf("event %d at %v, after one at %v", ev.ID, ev.At, last)
		}
		last = ev.At
	}
	if !slices.Equal(got, want) {
		t.Errorf("order events:\n got  %v\n want %v", got, want)
	}
	f.CheckLog()
}

// orderChecks: the schema refuses what no order may be.
func orderChecks(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.releaseReviewed(PID)
	f.addApps("buyer1", 1, 1)
	_, err := f.Svc.OrderFor(f.Ctx, "buyer1", PID, appID(1))
	f.must(err)
	refused := []string{
		"UPDATE orders SET state = 'ordered'",
		"UPDATE orders SET state = 'refused'", // without a reason
		"UPDATE orders SET app_id = NULL",     // pending with no mini program
		"UPDATE orders SET rev = 0",
		"INSERT INTO apps (app_id, owner, name, created_at) VALUES ('208800000000000x', 'buyer1', 'x', 0)",
		"INSERT INTO apps (app_id, owner, name, created_at) VALUES ('20880000000000099', 'buyer1', 'x', 0)",
		"INSERT INTO apps (app_id, owner, name, created_at) VALUES ('2088000000000009', 'nobody', 'x', 0)",
		"INSERT INTO apps (app_id, owner, name, created_at) VALUES ('2088000000000009', 'buyer1', '', 0)",
	}
	accepted := []string{
		"UPDATE orders SET state = 'refused', reason = '不符'",
		"INSERT INTO apps (app_id, owner, name, created_at) VALUES ('2088000000000009', 'buyer1', 'x', 0)",
	}
	f.checkSchema(refused, accepted)
}
