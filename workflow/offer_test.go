package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// offerUsers covers every kind of actor a row can meet: the owner, another
// developer, two reviewers (one of them also a developer who owns nothing
// here but submits nothing either), a reviewer who owns the plugin and so
// submits what the other reviewer must review, and buyers of both kinds.
var offerUsers = []struct {
	name  string
	roles []workflow.Role
	buyer workflow.Buyer
}{
	{"owner", []workflow.Role{workflow.RoleDeveloper, workflow.RoleReviewer}, ""},
	{"dev2", []workflow.Role{workflow.RoleDeveloper}, ""},
	{"rev1", []workflow.Role{workflow.RoleReviewer}, ""},
	{"rev2", []workflow.Role{workflow.RoleReviewer, workflow.RoleDeveloper}, ""},
	{"person", []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal},
	{"company", []workflow.Role{workflow.RoleConsumer}, workflow.BuyerEnterprise},
}

// TestOfferIsWhatTheServiceAccepts drives one plugin through random
// reachable states and, at every step, asks each user's Offer for a random
// action before the Service is asked to do it: the action succeeds exactly
// when it was offered, and a refusal has the kind the verdict named. So a
// key a screen enables always works, and one it disables always would fail.
func TestOfferIsWhatTheServiceAccepts(t *testing.T) {
	checkService(t, func(rt *rapid.T, ctx context.Context, _ testStore, svc *workflow.Service) {
		users := map[string]workflow.User{}
		var err error
		for _, u := range offerUsers {
			users[u.name], err = svc.AddUser(ctx, u.name, u.roles, u.buyer)
			if err != nil {
				rt.Fatal(err)
			}
		}
		const pid = "2021004100000001"
		mustDo(rt, func() error { _, err := svc.CreatePlugin(ctx, "owner", pid, "插件"); return err })
		buyers := rapid.SampledFrom([]string{workflow.BuyersAny, workflow.BuyersPersonal, workflow.BuyersEnterprise}).Draw(rt, "buyers")
		draft := workflow.SampleDraft()
		draft.Info.Buyers = buyers
		mustDo(rt, func() error { _, _, err := svc.SaveDraft(ctx, "owner", pid, draft, workflow.AnyRev); return err })

		names := make([]string, len(offerUsers))
		for i, u := range offerUsers {
			names[i] = u.name
		}
		versions := []string{"1.0.0", "1.1.0", "2.0.0"}
		for step := range rapid.IntRange(1, 60).Draw(rt, "steps") {
			f, err := svc.Facts(ctx, "owner", pid)
			if err != nil {
				rt.Fatal(err)
			}
			subs, err := svc.Submissions(ctx, "owner", pid, workflow.Page{Limit: 100})
			if err != nil {
				rt.Fatal(err)
			}
			page, err := svc.MarketPage(ctx, pid)
			listed := err == nil
			if err != nil && workflow.KindOf(err) != workflow.KindNotFound {
				rt.Fatal(err)
			}
			// Every (user, action) the screens could offer now, each with
			// the Service call that does it.
			var all []offerCandidate
			for _, as := range names {
				u := users[as]
				add := func(vd workflow.Verdict, do func() error) { all = append(all, offerCandidate{as, vd, do}) }
				for _, vd := range workflow.PluginOffer(u, f) {
					switch vd.Action {
					case workflow.ActAddVer:
						if len(f.Versions) < len(versions) {
							ver := versions[len(f.Versions)]
							add(vd, func() error { _, err := svc.AddVersion(ctx, as, pid, ver); return err })
						}
					case workflow.ActSaveDraft:
						d := draft
						d.Info.Intro = fmt.Sprintf("第 %d 步的介绍", step)
						add(vd, func() error { _, _, err := svc.SaveDraft(ctx, as, pid, d, workflow.AnyRev); return err })
					case workflow.ActSubmit:
						add(vd, func() error { _, err := svc.Submit(ctx, as, pid, ""); return err })
					}
				}
				for _, v := range f.Versions {
					for _, vd := range workflow.VersionOffer(u, f, v) {
						add(vd, func() error {
							_, err := svc.VersionAct(ctx, as, pid, v.SemVer.String(), vd.Action, "说明不全", v.Rev)
							return err
						})
					}
				}
				for _, sub := range subs {
					for _, vd := range workflow.SubmissionOffer(u, f, sub) {
						if vd.Action == workflow.ActModify && sub.State == workflow.SubmissionSuperseded {
							// A replaced row has no 修改信息 of its own (the
							// offer says so, a screen rule); the plugin's,
							// which the Service enforces, is checked above.
							continue
						}
						add(vd, func() error {
							var err error
							switch vd.Action {
							case workflow.ActWithdraw:
								_, err = svc.WithdrawSubmission(ctx, as, sub.ID, sub.Rev)
							case workflow.ActApprove:
								_, err = svc.Approve(ctx, as, sub.ID, sub.Rev)
							case workflow.ActReject:
								_, err = svc.Reject(ctx, as, sub.ID, "说明不全", sub.Rev)
							case workflow.ActRelease:
								_, err = svc.ReleaseSubmission(ctx, as, sub.ID, sub.Rev)
							case workflow.ActModify:
								// The row's 修改信息 is the plugin's: a save
								// that could then be submitted.
								_, _, err = svc.SaveDraft(ctx, as, pid, draft, workflow.AnyRev)
								if v := workflow.PluginOffer(u, f).Get(workflow.ActSubmit); err == nil && !v.Allowed {
									err = v.Err()
								}
							}
							return err
						})
					}
				}
				for _, sub := range subs {
					for _, vd := range workflow.ClaimOffer(u, f, sub) {
						add(vd, func() error {
							var err error
							if vd.Action == workflow.ActClaim {
								_, err = svc.Claim(ctx, as, sub.ID, sub.Rev)
							} else {
								_, err = svc.Unclaim(ctx, as, sub.ID, sub.Rev)
							}
							return err
						})
					}
				}
				for _, vd := range workflow.ListingOffer(u, f) {
					add(vd, func() error {
						var err error
						if vd.Action == workflow.ActHide {
							_, err = svc.Hide(ctx, as, pid, workflow.AnyRev)
						} else {
							_, err = svc.Show(ctx, as, pid, workflow.AnyRev)
						}
						return err
					})
				}
				if listed {
					orders, err := svc.Orders(ctx, as, workflow.Page{Limit: 100})
					if err != nil {
						rt.Fatal(err)
					}
					ordered := slices.ContainsFunc(orders, func(o workflow.Order) bool { return o.PluginID == pid })
					add(workflow.OrderOffer(u, page, ordered).Get(workflow.ActOrder), func() error { _, err := svc.Order(ctx, as, pid); return err })
				}
			}
			tryOffered(rt, step, all)
		}
	})
}

// TestPermissionComesBeforeState pins the order of the checks: someone who
// may never take an action is forbidden (exit 4) whatever the row's state,
// rather than told the state is wrong (exit 5).
func TestPermissionComesBeforeState(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", "2021004100000001", "online") // nothing approved: release is illegal for the owner
	for _, as := range []string{"dev2", "buyer1", "rev1"} {
		_, err := f.svc.Release(f.ctx, as, "2021004100000001", workflow.AnyRev)
		if workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("%s release: %v, want forbidden", as, err)
		}
		_, err = f.svc.Hide(f.ctx, as, "2021004100000001", workflow.AnyRev)
		if workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("%s hide: %v, want forbidden", as, err)
		}
	}
	if _, err := f.svc.Release(f.ctx, "dev1", "2021004100000001", workflow.AnyRev); workflow.KindOf(err) != workflow.KindIllegal {
		t.Errorf("owner release with nothing approved: %v, want illegal", err)
	}
}

// TestOrderingAnOfflineListedVersionIsRefused: taking the listed version
// offline (下线) keeps the 订购页 but stops new orders until a newer
// version is listed, and the 订购页 says so.
func TestOrderingAnOfflineListedVersionIsRefused(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "listed")
	page := f.marketPage(pid)
	if page.VersionOffline {
		t.Fatal("a fresh listing says its version is offline")
	}
	ff, err := f.svc.Facts(f.ctx, "dev1", pid)
	f.must(err)
	v := ff.Versions[len(ff.Versions)-1]
	owner, err := f.svc.User(f.ctx, "dev1")
	f.must(err)
	vd := workflow.VersionOffer(owner, ff, v).Get(workflow.ActOffline)
	if !vd.Allowed || !strings.Contains(vd.Confirm, "已上架") || !strings.Contains(vd.Confirm, "不能订购") {
		t.Fatalf("下线 of the listed version: %+v; want it allowed, asking with what it means for the market", vd)
	}
	_, err = f.svc.VersionAct(f.ctx, "dev1", pid, v.SemVer.String(), workflow.ActOffline, "", workflow.AnyRev)
	f.must(err)
	page = f.marketPage(pid)
	if !page.VersionOffline {
		t.Fatal("the 订购页 does not say its version is offline")
	}
	buyer, err := f.svc.User(f.ctx, "buyer1")
	f.must(err)
	if off := workflow.OrderOffer(buyer, page, false); off.Can(workflow.ActOrder) {
		t.Fatal("ordering an offline version is offered")
	}
	if _, err := f.svc.Order(f.ctx, "buyer1", pid); workflow.KindOf(err) != workflow.KindIllegal {
		t.Fatalf("order of an offline version: %v, want illegal", err)
	}
}

// TestANewerOnlineVersionKeepsTheListingOrderable: putting 1.1.0 online
// takes the listed 1.0.0 offline by itself; buyers then get 1.1.0, so the
// 订购页 stays orderable.
func TestANewerOnlineVersionKeepsTheListingOrderable(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "listed")
	_, err := f.svc.AddVersion(f.ctx, "dev1", pid, "1.1.0")
	f.must(err)
	f.must(workflowtest.TakeOnline(f.ctx, f.svc, "dev1", pid, "1.1.0"))
	page := f.marketPage(pid)
	if page.VersionOffline {
		t.Fatal("a listing whose version was superseded by a newer online one says it is offline")
	}
	_, err = f.svc.Order(f.ctx, "buyer1", pid)
	f.must(err)
}

// TestUserOfferIsWhatCreatePluginAccepts: 新建插件 is offered to exactly
// the users the Service lets create a plugin, for every kind of user.
func TestUserOfferIsWhatCreatePluginAccepts(t *testing.T) {
	ctx := context.Background()
	svc := workflow.NewService(workflowtest.OpenSQLite(t), time.Now)
	for i, spec := range offerUsers {
		u, err := svc.AddUser(ctx, spec.name, spec.roles, spec.buyer)
		if err != nil {
			t.Fatal(err)
		}
		v := workflow.UserOffer(u).Get(workflow.ActCreate)
		_, err = svc.CreatePlugin(ctx, u.Name, fmt.Sprintf("20210041000000%02d", i+1), "插件")
		if v.Allowed != (err == nil) {
			t.Errorf("%s: offered %v, service said %v", u.Name, v.Allowed, err)
		}
		if !v.Allowed && (workflow.KindOf(err) != workflow.KindForbidden || err.Error() != v.Err().Error()) {
			t.Errorf("%s: refusal %q, service said %v", u.Name, v.Reason, err)
		}
	}
}

// TestTheLoserIsToldWhoWon: an action refused by the state names who made
// the row so and when — the loser of a race (two reviewers deciding one
// submission, two sessions hiding one listing) learns who won — and a
// refusal of permission does not.
func TestTheLoserIsToldWhoWon(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "hidden")
	sub := f.submissionID(pid)
	_, err := f.svc.Reject(f.ctx, "rev2", sub, "晚了一步", workflow.AnyRev)
	if workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), "it is 已上架 (listed); dev1 made it so at ") {
		t.Errorf("rejecting a listed submission: %v, want it to name dev1, who listed it", err)
	}
	_, err = f.svc.Hide(f.ctx, "dev1", pid, workflow.AnyRev)
	if workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), "already 隐藏 (hidden); dev1 made it so at ") {
		t.Errorf("hiding a hidden listing: %v, want it to name dev1", err)
	}
	_, err = f.svc.Hide(f.ctx, "dev2", pid, workflow.AnyRev)
	if workflow.KindOf(err) != workflow.KindForbidden || strings.Contains(err.Error(), "made it so") {
		t.Errorf("another developer hiding: %v, want forbidden, naming nobody", err)
	}
}

// offerCandidate is one thing a user may try in an offer property: the
// verdict an offer gave and the Service call that does it.
type offerCandidate struct {
	as string
	vd workflow.Verdict
	do func() error
}

// tryOffered does one of all — mostly what is offered, so the walk gets
// deep into the flow; sometimes anything, so refusals are checked too —
// and checks that the Service accepted it exactly when it was offered,
// refusing with the kind the verdict named.
func tryOffered(rt *rapid.T, step int, all []offerCandidate) {
	pool := all
	if rapid.IntRange(0, 9).Draw(rt, "bias") < 7 {
		pool = slices.DeleteFunc(slices.Clone(all), func(c offerCandidate) bool { return !c.vd.Allowed })
		if len(pool) == 0 {
			pool = all
		}
	}
	c := rapid.SampledFrom(pool).Draw(rt, "candidate")
	err := c.do()
	if c.vd.Allowed != (err == nil) {
		rt.Fatalf("step %d: %s %s: offered=%v (%q) but the service said %v", step, c.as, c.vd.Action, c.vd.Allowed, c.vd.Reason, err)
	}
	if err != nil && workflow.KindOf(err) != workflow.KindOf(c.vd.Err()) {
		rt.Fatalf("step %d: %s %s: the verdict was %v, the service refused with %v", step, c.as, c.vd.Action, c.vd.Err(), err)
	}
	if c.vd.Allowed == (c.vd.Reason != "") {
		rt.Fatalf("step %d: %s %s: allowed=%v with reason %q", step, c.as, c.vd.Action, c.vd.Allowed, c.vd.Reason)
	}
}
