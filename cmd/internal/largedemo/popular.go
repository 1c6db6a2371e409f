package largedemo

import (
	"fmt"
	"time"

	"plugpub/store"
	"plugpub/workflow"
)

// A popular plugin (issue 15): PopularApps mini programs of the consumers
// each order it twice, PopularOrders in all — the first order of each gone
// (退订, 已拒绝, 已取消 or 已超时), the second live, pending, or refused — so
// that 使用者管理 has a deep list of every state to page and filter. Its
// listing asks 订购审核 (需审核), as the orders' states say.

// popularApp is the j-th mini program's appId.
func popularApp(j int) string { return fmt.Sprintf("2088%012d", j+1) }

// choosePopular is the plugin that gets the popular orders: the first one
// listed, shown, for every buyer, and quiet for the longest, so its orders
// come after the rest of its history. nil when none is listed.
func choosePopular(sims []*simPlugin, now time.Time) *simPlugin {
	var best *simPlugin
	for _, sp := range sims {
		l := sp.listing
		if l == nil || l.Visibility != workflow.VisibilityShown || sp.meta[sp.subs[l.SubmissionID].variant].text.Buyers != workflow.BuyersAny {
			continue
		}
		if best == nil || sp.clock.Before(best.clock) {
			best = sp
		}
	}
	return best
}

// popular simulates the popular orders of sp between its last action and
// now, and returns the mini programs they are for.
func (sp *simPlugin) popular(now time.Time, apps, orders int) ([]workflow.App, error) {
	// The listed revision asks 订购审核, and so does the draft after it.
	l := sp.listing
	d, err := store.DecodeDraft(sp.variants[sp.subs[l.SubmissionID].variant])
	if err != nil {
		return nil, err
	}
	d.Info.OrderReview = workflow.OrderReviewManual
	b, err := store.EncodeDraft(d)
	if err != nil {
		return nil, err
	}
	sp.variants = append(sp.variants, b)
	sp.meta = append(sp.meta, variantMeta{show: d.Info.ShowAfterRelease, text: workflow.MarketTextOf(&d)})
	sp.subs[l.SubmissionID].variant = int32(len(sp.variants) - 1)
	sp.draft.Draft.Info.OrderReview = workflow.OrderReviewManual

	cs := sp.users.consumers
	out := make([]workflow.App, apps)
	// The orders of the last 60 days (or since its last action), so that
	// the newest are still pending.
	start := sp.clock.Add(time.Minute)
	if since := now.Add(-60 * 24 * time.Hour); since.After(start) {
		start = since
	}
	span := now.Add(-time.Hour).Sub(start)
	if span <= 0 {
		return nil, fmt.Errorf("large demo: plugin %s has no time left for its orders", sp.p.ID)
	}
	for j := range out {
		out[j] = workflow.App{AppID: popularApp(j), Name: fmt.Sprintf("小程序%05d", j+1), Owner: cs[j%len(cs)].Name, CreatedAt: start}
	}
	// An expired order needs a week between an app's two orders.
	expiry := span/2 > workflow.OrderExpiry
	first := make([]int32, apps) // 1 + the index in sp.orders of app j's first order
	order := func(j int, at time.Time) int32 {
		a := out[j]
		sp.orders = append(sp.orders, simOrder{o: workflow.Order{PluginID: sp.p.ID, Consumer: a.Owner, AppID: a.AppID, At: at,
			State: workflow.OrderPending, Rev: 1, UpdatedBy: a.Owner, UpdatedAt: at}, sub: int32(l.SubmissionID)})
		n := int32(len(sp.orders))
		sp.act(at, a.Owner)
		sp.event(at, a.Owner, simEvent{entity: workflow.EntityOrder, action: workflow.ActOrder, order: n, to: string(workflow.OrderPending),
			reasonSub: int32(l.SubmissionID + 1), reason: "submission %d app " + a.AppID})
		return n
	}
	move := func(n int32, at time.Time, actor string, act workflow.Action, to workflow.OrderState, reason string) {
		o := &sp.orders[n-1].o
		from := o.State
		o.State, o.Reason, o.Rev, o.UpdatedBy, o.UpdatedAt = to, reason, o.Rev+1, actor, at
		sp.act(at, actor)
		sp.event(at, actor, simEvent{entity: workflow.EntityOrder, action: act, order: n, from: string(from), to: string(to), reason: reason})
	}
	owner := sp.p.Owner
	step := func(k, of int, from, width float64) time.Time {
		return start.Add(time.Duration((from + width*float64(k)/float64(of)) * float64(span))).UTC().Truncate(time.Millisecond)
	}
	// The first round, in the first 45% of the time: every order goes.
	for j := range apps {
		at := step(j, apps, 0, 0.45)
		n := order(j, at)
		first[j] = n
		later := at.Add(time.Duration(1+j%30) * time.Minute)
		switch c := j % 4; {
		case c == 0:
			move(n, later, owner, workflow.ActApprove, workflow.OrderApproved, "")
			move(n, later.Add(time.Minute), out[j].Owner, workflow.ActCancel, workflow.OrderCancelled, "")
		case c == 1:
			move(n, later, owner, workflow.ActRefuse, workflow.OrderRefused, "请补充小程序的经营类目")
		case c == 2 || !expiry:
			move(n, later, out[j].Owner, workflow.ActCancel, workflow.OrderCancelled, "")
		}
		// c == 3: left unanswered, recorded as 已超时 when the app orders again
	}
	// The second round, from half the time on: live, pending or refused.
	second := min(orders-apps, apps) // one live order per app: at most two each
	for k := range second {
		j := k % apps
		at := step(k, second, 0.5, 0.49)
		if f := &sp.orders[first[j]-1].o; f.State == workflow.OrderPending {
			move(first[j], at, out[j].Owner, workflow.ActExpire, workflow.OrderExpired, "")
		}
		n := order(j, at)
		later := at.Add(time.Duration(1+k%30) * time.Minute)
		switch k % 5 {
		case 0, 1, 2:
			move(n, later, owner, workflow.ActApprove, workflow.OrderApproved, "")
		case 4:
			move(n, later, owner, workflow.ActRefuse, workflow.OrderRefused, "暂不向该类小程序开放")
		}
		// 3: pending, 已超时 once a week has passed
	}
	return out, nil
}
