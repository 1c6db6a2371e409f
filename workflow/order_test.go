package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// Orders for a mini program (issue 15): each rule of its "Rules" section,
// then the property that a row's offer is what the Service accepts.

func app(i int) string { return fmt.Sprintf("20880%011d", i) }

// orderFixture is a fixture of workflowtest's cast with plugin pid listed
// by dev1 with 订购审核 review ("" keeps the sample's 自动通过), and mini
// programs 1 and 2 of buyer1 and 3 of ent1.
type orderFixture struct {
	*fixture
}

func newOrderFixture(t *testing.T, review string) *orderFixture {
	t.Helper()
	f := &orderFixture{newFixtureOf(t, workflowtest.Cast())}
	f.list(pid, func(d *workflow.Draft) { d.Info.OrderReview = review })
	for _, a := range []struct {
		as string
		n  int
	}{{"buyer1", 1}, {"buyer1", 2}, {"ent1", 3}} {
		_, err := f.svc.AddApp(f.ctx, a.as, app(a.n), fmt.Sprintf("小程序%d", a.n))
		f.must(err)
	}
	return f
}

// list lists plugin id of dev1, version 1.0.0 online, its draft the sample
// changed by edit.
func (f *orderFixture) list(id string, edit func(d *workflow.Draft)) {
	f.t.Helper()
	_, err := f.svc.CreatePlugin(f.ctx, "dev1", id, "车牌识别")
	f.must(err)
	_, err = f.svc.AddVersion(f.ctx, "dev1", id, "1.0.0")
	f.must(err)
	f.must(workflowtest.TakeOnline(f.ctx, f.svc, "dev1", id, "1.0.0"))
	sub := f.submitSample(id, edit)
	f.approveAndRelease(id, sub.ID)
}

func (f *orderFixture) order(as string, n int) workflow.Order {
	f.t.Helper()
	o, err := f.svc.OrderFor(f.ctx, as, pid, app(n))
	f.must(err)
	return o
}

func wantKind(t *testing.T, what string, err error, kind workflow.Kind) {
	t.Helper()
	if workflow.KindOf(err) != kind || (kind == 0) != (err == nil) {
		t.Errorf("%s: %v (kind %v), want kind %v", what, err, workflow.KindOf(err), kind)
	}
}

func TestOnlyTheOwnerDecidesAnOrder(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	o := f.order("buyer1", 1)
	if o.State != workflow.OrderPending {
		t.Fatalf("an order of a plugin with 需审核 is %s", o.State)
	}
	for _, as := range []string{"dev2", "rev1", "buyer1", "ent1"} {
		_, err := f.svc.ApproveOrder(f.ctx, as, o.ID, workflow.AnyRev)
		kind := workflow.KindForbidden
		wantKind(t, as+" approves", err, kind)
		_, err = f.svc.RefuseOrder(f.ctx, as, o.ID, workflow.AnyRev, "不符")
		wantKind(t, as+" refuses", err, kind)
	}
	_, err := f.svc.RefuseOrder(f.ctx, "dev1", o.ID, o.Rev, " ")
	wantKind(t, "a refusal without a reason", err, workflow.KindInvalid)
	_, err = f.svc.ApproveOrder(f.ctx, "dev1", o.ID, o.Rev+1)
	wantKind(t, "approving at a stale rev", err, workflow.KindConflict)
	got, err := f.svc.ApproveOrder(f.ctx, "dev1", o.ID, o.Rev)
	f.must(err)
	if got.State != workflow.OrderApproved || got.Rev != o.Rev+1 || got.UpdatedBy != "dev1" {
		t.Errorf("approved: %+v", got)
	}
	_, err = f.svc.RefuseOrder(f.ctx, "dev1", o.ID, got.Rev, "反悔")
	wantKind(t, "refusing an approved order", err, workflow.KindIllegal)
	f.checkLog()
}

func TestAReviewerReadsOrdersButNeverDecides(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	o := f.order("buyer1", 1)
	rs, err := f.svc.PluginOrders(f.ctx, "rev1", pid, "", workflow.Page{})
	f.must(err)
	if len(rs) != 1 || rs[0].ID != o.ID {
		t.Errorf("the reviewer reads %+v", rs)
	}
	if _, err := f.svc.OrderCounts(f.ctx, "rev1", pid); err != nil {
		t.Errorf("the reviewer's counts: %v", err)
	}
	u, err := f.svc.User(f.ctx, "rev1")
	f.must(err)
	page := f.marketPage(pid)
	for _, vd := range workflow.OrderRowOffer(u, page, rs[0], f.clock.Now()) {
		if vd.Allowed {
			t.Errorf("a reviewer is offered %s", vd.Action)
		}
	}
	_, err = f.svc.ApproveOrder(f.ctx, "rev1", o.ID, workflow.AnyRev)
	wantKind(t, "the reviewer approves", err, workflow.KindForbidden)
}

func TestABuyerSeesOnlyTheirOwnOrders(t *testing.T) {
	f := newOrderFixture(t, "")
	mine := f.order("buyer1", 1)
	theirs := f.order("ent1", 3)
	rs, err := f.svc.MyOrders(f.ctx, "buyer1", "", workflow.Page{})
	f.must(err)
	if len(rs) != 1 || rs[0].ID != mine.ID {
		t.Errorf("buyer1's orders %+v, want only %d", rs, mine.ID)
	}
	for _, as := range []string{"buyer1", "dev2"} {
		_, err = f.svc.PluginOrders(f.ctx, as, pid, "", workflow.Page{})
		wantKind(t, as+" reads the plugin's orders", err, workflow.KindForbidden)
	}
	_, err = f.svc.CancelOrder(f.ctx, "buyer1", theirs.ID, workflow.AnyRev)
	wantKind(t, "buyer1 cancels ent1's order", err, workflow.KindForbidden)
	_, err = f.svc.CancelOrder(f.ctx, "dev1", theirs.ID, workflow.AnyRev)
	wantKind(t, "the owner cancels a buyer's order", err, workflow.KindForbidden)
	_, err = f.svc.OrderFor(f.ctx, "buyer1", pid, app(3))
	wantKind(t, "buyer1 orders for ent1's mini program", err, workflow.KindNotFound)
}

func TestAHiddenListingIsNotNewlyOrderedButItsOrdersStand(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	pending := f.order("buyer1", 1)
	_, err := f.svc.Hide(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	_, err = f.svc.OrderFor(f.ctx, "buyer1", pid, app(2))
	wantKind(t, "ordering a hidden listing", err, workflow.KindIllegal)
	approved, err := f.svc.ApproveOrder(f.ctx, "dev1", pending.ID, pending.Rev)
	wantKind(t, "approving an order of a hidden listing", err, 0)
	rs, err := f.svc.MyOrders(f.ctx, "buyer1", pid, workflow.Page{})
	f.must(err)
	if len(rs) != 1 || rs[0].State != workflow.OrderApproved {
		t.Errorf("the order of a hidden listing: %+v", rs)
	}
	_, err = f.svc.CancelOrder(f.ctx, "buyer1", approved.ID, approved.Rev)
	wantKind(t, "退订 of a hidden listing", err, 0)
}

// TestAnOrderOfAnOfflineVersion: issue 11's rule — with the listed version
// 下线 and nothing newer online, ordering it is refused, and so is
// approving a pending order of it; an approved order stands.
func TestAnOrderOfAnOfflineVersion(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	pending := f.order("buyer1", 1)
	approved := f.order("buyer1", 2)
	approved, err := f.svc.ApproveOrder(f.ctx, "dev1", approved.ID, approved.Rev)
	f.must(err)
	_, err = f.svc.VersionAct(f.ctx, "dev1", pid, "1.0.0", workflow.ActOffline, "", workflow.AnyRev)
	f.must(err)
	_, err = f.svc.OrderFor(f.ctx, "ent1", pid, app(3))
	wantKind(t, "ordering an offline version", err, workflow.KindIllegal)
	_, err = f.svc.ApproveOrder(f.ctx, "dev1", pending.ID, pending.Rev)
	wantKind(t, "approving an order of an offline version", err, workflow.KindIllegal)
	_, err = f.svc.RefuseOrder(f.ctx, "dev1", pending.ID, pending.Rev, "版本已下线")
	wantKind(t, "refusing it", err, 0)
	rs, err := f.svc.PluginOrders(f.ctx, "dev1", pid, workflow.OrderApproved, workflow.Page{})
	f.must(err)
	if len(rs) != 1 || rs[0].ID != approved.ID {
		t.Errorf("the approved order of the offline version: %+v", rs)
	}
}

// TestWhoMayOrderIsCheckedAtOrderingAndAtApproval: 可订购人群 refuses a
// personal buyer of an enterprise-only plugin, and an approval once the
// buyer is no longer of the kind the listing allows.
func TestWhoMayOrderIsCheckedAtOrderingAndAtApproval(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	const ent = "2021004100000002"
	f.list(ent, func(d *workflow.Draft) {
		d.Info.Buyers, d.Info.OrderReview = workflow.BuyersEnterprise, workflow.OrderReviewManual
	})
	_, err := f.svc.OrderFor(f.ctx, "buyer1", ent, app(1))
	wantKind(t, "a personal buyer orders an enterprise plugin", err, workflow.KindForbidden)
	o, err := f.svc.OrderFor(f.ctx, "ent1", ent, app(3))
	f.must(err)
	f.must(f.st.PutUser(f.ctx, workflow.User{Name: "ent1", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerPersonal}))
	rs, err := f.svc.PluginOrders(f.ctx, "dev1", ent, "", workflow.Page{})
	f.must(err)
	u, err := f.svc.User(f.ctx, "dev1")
	f.must(err)
	page := f.marketPage(ent)
	if vd := workflow.OrderRowOffer(u, page, rs[0], f.clock.Now()).Get(workflow.ActApprove); vd.Allowed || workflow.KindOf(vd.Err()) != workflow.KindForbidden {
		t.Errorf("approve is offered for a buyer now personal: %+v", vd)
	}
	_, err = f.svc.ApproveOrder(f.ctx, "dev1", o.ID, o.Rev)
	wantKind(t, "approving a buyer who is no longer enterprise", err, workflow.KindForbidden)
}

// TestAnUnansweredOrderExpires: 已超时 is computed from time, 7 days after
// the order, everywhere; an expired order is decided by nobody, and its
// app may order again.
func TestAnUnansweredOrderExpires(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	o := f.order("buyer1", 1)
	state := func() workflow.OrderState {
		t.Helper()
		rs, err := f.svc.MyOrders(f.ctx, "buyer1", pid, workflow.Page{Limit: 1})
		f.must(err)
		return rs[0].State
	}
	f.clock.Advance(workflow.OrderExpiry - time.Minute)
	if st := state(); st != workflow.OrderPending {
		t.Errorf("a minute before 7 days: %s", st)
	}
	f.clock.Advance(time.Minute)
	if st := state(); st != workflow.OrderExpired {
		t.Errorf("after 7 days: %s", st)
	}
	counts, err := f.svc.OrderCounts(f.ctx, "dev1", pid)
	f.must(err)
	if counts[workflow.OrderExpired] != 1 || counts[workflow.OrderPending] != 0 {
		t.Errorf("counts %v", counts)
	}
	_, err = f.svc.ApproveOrder(f.ctx, "dev1", o.ID, o.Rev)
	wantKind(t, "approving an expired order", err, workflow.KindIllegal)
	_, err = f.svc.CancelOrder(f.ctx, "buyer1", o.ID, o.Rev)
	wantKind(t, "cancelling an expired order", err, workflow.KindIllegal)
	again := f.order("buyer1", 1)
	if again.State != workflow.OrderPending || again.ID == o.ID {
		t.Errorf("ordering again: %+v", again)
	}
	f.checkLog()
}

func TestOrderingNeedsAMiniProgramWhereItMatters(t *testing.T) {
	f := newOrderFixture(t, workflow.OrderReviewManual)
	_, err := f.svc.Order(f.ctx, "buyer1", pid) // two mini programs
	wantKind(t, "ordering with two mini programs and none chosen", err, workflow.KindInvalid)
	o, err := f.svc.Order(f.ctx, "ent1", pid) // one: it is the one
	f.must(err)
	if o.AppID != app(3) {
		t.Errorf("the order of ent1's only mini program is for %q", o.AppID)
	}
	_, err = f.svc.AddUser(f.ctx, "newbie", []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal)
	f.must(err)
	_, err = f.svc.Order(f.ctx, "newbie", pid)
	wantKind(t, "需审核 for a buyer with no mini program", err, workflow.KindIllegal)
	for _, bad := range []string{"123", "20880000000000ab", "２０８８０００００００００００１"} {
		_, err := f.svc.AddApp(f.ctx, "newbie", bad, "x")
		wantKind(t, "appId "+bad, err, workflow.KindInvalid)
	}
	_, err = f.svc.AddApp(f.ctx, "dev1", app(9), "x")
	wantKind(t, "a developer registers a mini program", err, workflow.KindForbidden)
	_, err = f.svc.AddApp(f.ctx, "newbie", app(9), "a\x1b[2Jb")
	wantKind(t, "a name with an escape", err, workflow.KindInvalid)
}

func FuzzValidateAppID(f *testing.F) {
	for _, s := range []string{"2088000000000001", "", "208800000000000", "20880000000000011", "20880000000000a1", "-088000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := workflow.ValidateAppID(s)
		digits := len(s) == 16
		for _, r := range s {
			if r < '0' || r > '9' {
				digits = false
			}
		}
		if (err == nil) != digits {
			t.Errorf("ValidateAppID(%q) = %v", s, err)
		}
	})
}

func FuzzParseOrderState(f *testing.F) {
	for _, s := range []string{"pending", "已超时", "ordered", "", "PENDING"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := workflow.ParseOrderState(s)
		if err == nil && !slices.Contains(workflow.OrderStates, st) {
			t.Errorf("ParseOrderState(%q) = %q, not a state", s, st)
		}
		if err == nil && string(st) != s && workflow.OrderLabel(st) != s {
			t.Errorf("ParseOrderState(%q) = %q", s, st)
		}
	})
}

// TestOrderOfferIsWhatTheServiceAccepts walks random orders of one plugin
// (random 可订购人群 and 订购审核; buyers ordering for their mini programs,
// the owner deciding, buyers cancelling, the listing hidden and shown, the
// clock jumping days, a buyer changing kind) and at each step checks that
// each user's offer for an order row, or for 订购 of each of their mini
// programs, is exactly what the Service then accepts, with the kind the
// verdict named.
func TestOrderOfferIsWhatTheServiceAccepts(t *testing.T) {
	checkStore(t, func(rt *rapid.T, ctx context.Context, st testStore) {
		now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		svc := workflow.NewService(st, func() time.Time { now = now.Add(time.Minute); return now })
		for _, u := range offerUsers {
			mustDo(rt, func() error { _, err := svc.AddUser(ctx, u.name, u.roles, u.buyer); return err })
		}
		mustDo(rt, func() error { _, err := svc.CreatePlugin(ctx, "owner", pid, "插件"); return err })
		d := workflow.SampleDraft()
		d.Info.Buyers = rapid.SampledFrom([]string{workflow.BuyersAny, workflow.BuyersPersonal, workflow.BuyersEnterprise}).Draw(rt, "buyers")
		d.Info.OrderReview = rapid.SampledFrom(workflow.OrderReviews).Draw(rt, "review")
		mustDo(rt, func() error { _, err := svc.AddVersion(ctx, "owner", pid, "1.0.0"); return err })
		for _, a := range []struct {
			as  string
			act workflow.Action
		}{{"owner", workflow.ActSubmit}, {"rev1", workflow.ActApprove}, {"owner", workflow.ActOnline}} {
			mustDo(rt, func() error {
				_, err := svc.VersionAct(ctx, a.as, pid, "1.0.0", a.act, "", workflow.AnyRev)
				return err
			})
		}
		mustDo(rt, func() error { _, _, err := svc.SaveDraft(ctx, "owner", pid, d, workflow.AnyRev); return err })
		sub, err := svc.Submit(ctx, "owner", pid, "")
		if err != nil {
			rt.Fatal(err)
		}
		mustDo(rt, func() error { _, err := svc.Approve(ctx, "rev1", sub.ID, workflow.AnyRev); return err })
		mustDo(rt, func() error { _, err := svc.Release(ctx, "owner", pid, workflow.AnyRev); return err })
		apps := map[string][]string{"person": {app(1), app(2)}, "company": {app(3)}}
		for as, ids := range apps {
			for _, a := range ids {
				mustDo(rt, func() error { _, err := svc.AddApp(ctx, as, a, "小程序"); return err })
			}
		}
		steps := rapid.IntRange(5, 30).Draw(rt, "steps")
		for step := range steps {
			switch rapid.IntRange(0, 9).Draw(rt, "world") {
			case 0:
				now = now.Add(time.Duration(rapid.IntRange(1, 5).Draw(rt, "days")) * 24 * time.Hour)
			case 1:
				l, err := st.Listing(ctx, pid)
				if err != nil {
					rt.Fatal(err)
				}
				if l.Visibility == workflow.VisibilityShown {
					mustDo(rt, func() error { _, err := svc.Hide(ctx, "owner", pid, workflow.AnyRev); return err })
				} else {
					mustDo(rt, func() error { _, err := svc.Show(ctx, "owner", pid, workflow.AnyRev); return err })
				}
			case 2:
				kind := rapid.SampledFrom([]workflow.Buyer{workflow.BuyerPersonal, workflow.BuyerEnterprise}).Draw(rt, "kind")
				mustDo(rt, func() error {
					return st.PutUser(ctx, workflow.User{Name: "company", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: kind})
				})
			}
			page, err := svc.MarketPage(ctx, pid)
			if err != nil {
				rt.Fatal(err)
			}
			rows, err := svc.PluginOrders(ctx, "owner", pid, "", workflow.Page{Limit: 200})
			if err != nil {
				rt.Fatal(err)
			}
			var all []offerCandidate
			for _, ou := range offerUsers {
				as := ou.name
				u, err := svc.User(ctx, as)
				if err != nil {
					rt.Fatal(err)
				}
				for _, a := range apps[as] {
					live := slices.ContainsFunc(rows, func(r workflow.OrderRow) bool { return r.AppID == a && r.Live(now) })
					all = append(all, offerCandidate{as, workflow.OrderOffer(u, page, live).Get(workflow.ActOrder), func() error {
						_, err := svc.OrderFor(ctx, as, pid, a)
						return err
					}})
				}
				for _, r := range rows {
					if r.Consumer != as && as != "owner" && !u.Has(workflow.RoleReviewer) {
						continue // not a row this user is shown
					}
					for _, vd := range workflow.OrderRowOffer(u, page, r, now) {
						all = append(all, offerCandidate{as, vd, func() error {
							var err error
							switch vd.Action {
							case workflow.ActApprove:
								_, err = svc.ApproveOrder(ctx, as, r.ID, r.Rev)
							case workflow.ActRefuse:
								_, err = svc.RefuseOrder(ctx, as, r.ID, r.Rev, "不符合要求")
							case workflow.ActCancel:
								_, err = svc.CancelOrder(ctx, as, r.ID, r.Rev)
							}
							return err
						}})
					}
				}
			}
			tryOffered(rt, step, all)
		}
		if _, err := workflowtest.CheckLog(ctx, st); err != nil {
			rt.Fatal(err)
		}
	})
}
