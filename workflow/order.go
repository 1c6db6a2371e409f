package workflow

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"plugpub/workflow/i18n"
)

// App is a consumer's mini program (小程序): an order is for one of them.
type App struct {
	AppID     string    `json:"app_id"`
	Name      string    `json:"name"`
	Owner     string    `json:"owner"`
	CreatedAt time.Time `json:"created_at"`
}

// OrderState is an order's state in 使用者管理 and 我的订购.
type OrderState string

const (
	OrderPending   OrderState = "pending"   // 申请中
	OrderApproved  OrderState = "approved"  // 已通过
	OrderRefused   OrderState = "refused"   // 已拒绝
	OrderExpired   OrderState = "expired"   // 已超时: pending and unanswered for OrderExpiry
	OrderCancelled OrderState = "cancelled" // 已取消 (and 退订 of an approved one)
)

// An order made before orders were for a mini program (schema 8) is an
// approved order with no AppID: one per buyer and plugin. Its events say
// "ordered" (OrderOrdered), which replays as approved.

// OrderStates are the states a filter may name, in display order.
var OrderStates = []OrderState{OrderPending, OrderApproved, OrderRefused, OrderExpired, OrderCancelled}

// OrderExpiry is how long a pending order waits for the owner's answer.
const OrderExpiry = 7 * 24 * time.Hour

// The order_review values of a plugin's info (订购审核).
const (
	OrderReviewAuto   = "自动通过"
	OrderReviewManual = "需审核"
)

// OrderReviews lists the allowed values of Info.OrderReview, in form order.
var OrderReviews = []string{OrderReviewAuto, OrderReviewManual}

// Order actions beside ActOrder and ActApprove.
const (
	ActRefuse Action = "refuse" // 拒绝
	ActCancel Action = "cancel" // 取消 / 退订
	ActExpire Action = "expire" // 已超时, recorded when the row is next written
)

// OrderMachine is an order's state machine. Expiry is computed from time;
// the system records it only when a newer order takes the row's place.
var OrderMachine = []Transition[OrderState]{
	{OrderPending, ActApprove, RoleDeveloper, OrderApproved},
	{OrderPending, ActRefuse, RoleDeveloper, OrderRefused},
	{OrderPending, ActCancel, RoleConsumer, OrderCancelled},
	{OrderApproved, ActCancel, RoleConsumer, OrderCancelled},
	{OrderPending, ActExpire, RoleSystem, OrderExpired},
}

// OrderLabels are the seed's words for order states ("approved" is 已通过
// here, 审核通过 for a submission).
var OrderLabels = map[OrderState]string{
	OrderPending:   "申请中",
	OrderApproved:  "已通过",
	OrderRefused:   "已拒绝",
	OrderExpired:   "已超时",
	OrderCancelled: "已取消",
}

// OrderLabel is the Chinese word for an order state.
func OrderLabel(s OrderState) string {
	if l, ok := OrderLabels[s]; ok {
		return l
	}
	return string(s)
}

// ParseOrderState reads a --state filter: a code or its Chinese word.
func ParseOrderState(s string) (OrderState, error) {
	for _, st := range OrderStates {
		if s == string(st) || s == OrderLabels[st] {
			return st, nil
		}
	}
	return "", invalidf("order state %q is not one of pending, approved, refused, expired, cancelled", s)
}

// StateAt is the order's state at now: a pending order unanswered for
// OrderExpiry is expired.
func (o Order) StateAt(now time.Time) OrderState {
	if o.State == OrderPending && !now.Before(o.At.Add(OrderExpiry)) {
		return OrderExpired
	}
	return o.State
}

// Live reports whether the order holds its app's place at now.
func (o Order) Live(now time.Time) bool {
	switch o.StateAt(now) {
	case OrderPending, OrderApproved:
		return true
	}
	return false
}

// OrderQuery filters a plugin's orders: State "" is every order; Cutoff is
// when a pending order made before it counts as expired (the store
// compares, the workflow decides the time).
type OrderQuery struct {
	State  OrderState
	Cutoff time.Time
}

// OrderRow is one order as 使用者管理 and 我的订购 list it.
type OrderRow struct {
	Order
	// BuyerKind is the buyer's kind now (个人 or 企业), for 可订购人群.
	BuyerKind Buyer  `json:"buyer_kind"`
	AppName   string `json:"app_name,omitempty"`
	Title     string `json:"title"`
	Version   string `json:"version"`
}

// ValidateAppID checks a mini program's appId: 16 digits.
func ValidateAppID(s string) error {
	if len(s) != 16 || strings.Trim(s, "0123456789") != "" {
		return i18n.Errorf("appId %s is not 16 digits", quoteForMessage(s))
	}
	return nil
}

// ValidateOrderReview checks 订购审核; "" is 自动通过, as drafts made before
// the field have it.
func ValidateOrderReview(s string) error {
	if s == "" || s == OrderReviewAuto || s == OrderReviewManual {
		return nil
	}
	return i18n.Errorf("order review (订购审核) %s is not one of %s", quoteForMessage(s), strings.Join(OrderReviews, ", "))
}

// OrderRowOffer answers for the actions on one order row: the owner
// approves or refuses a pending one, the buyer cancels a pending or live
// one; a reviewer or anyone else reads only. page is the plugin's 订购页
// now: approving checks 可订购人群 again (o.BuyerKind against the listed
// buyers) and, as ordering does, that the listed version is not offline.
func OrderRowOffer(u User, page MarketPage, o OrderRow, now time.Time) Offer {
	p := page.Plugin
	st := o.StateAt(now)
	what := i18n.T("order %s", id(o.ID))
	var out Offer
	for _, act := range []Action{ActApprove, ActRefuse} {
		vd := permitted(act, RoleDeveloper, u, p, what)
		if vd.Allowed {
			if _, ok := Next(OrderMachine, st, act, RoleDeveloper); !ok {
				vd = refuse(act, KindIllegal, "cannot %s %s: it is %s (%s)", actWord(act), what, OrderLabel(st), st)
			}
		}
		if vd.Allowed && act == ActApprove {
			vd = approvable(page, o)
		}
		if act == ActRefuse {
			vd = vd.asks("拒绝 order %s? The buyer %s sees your reason.", id(o.ID), o.Consumer)
		}
		out = append(out, vd)
	}
	var vd Verdict
	switch {
	case o.Consumer != u.Name:
		vd = refuse(ActCancel, KindForbidden, "only the buyer of order %s may cancel it", id(o.ID))
	default:
		if _, ok := Next(OrderMachine, st, ActCancel, RoleConsumer); !ok {
			vd = refuse(ActCancel, KindIllegal, "cannot %s %s: it is %s (%s)", actWord(ActCancel), what, OrderLabel(st), st)
		} else if st == OrderPending {
			vd = allow(ActCancel).asks("取消 order %s?", id(o.ID))
		} else {
			vd = allow(ActCancel).asks("退订 order %s? Your mini program can no longer use plugin %s.", id(o.ID), o.PluginID)
		}
	}
	return append(out, vd)
}

// approvable is what approving a pending order checks beyond who and the
// state: 可订购人群 again, and a listed version that is still online.
func approvable(page MarketPage, o OrderRow) Verdict {
	buyers := ""
	if page.Submission.Snapshot != nil {
		buyers = page.Submission.Snapshot.Info.Buyers
	}
	switch {
	case page.Listing.SubmissionID == 0:
		return refuse(ActApprove, KindIllegal, "plugin %s is not listed (上架) on the market", page.Plugin.ID)
	case !MayOrder(buyers, o.BuyerKind):
		return refuse(ActApprove, KindForbidden, "plugin %s may be ordered by %s buyers only (可订购人群: %s); %s is a %s buyer",
			page.Plugin.ID, word(buyersWord(buyers)), buyers, o.Consumer, word(buyerWord(o.BuyerKind)))
	case page.VersionOffline:
		return refuse(ActApprove, KindIllegal, "the listed version %s of plugin %s is 已下线 (offline); order %s can be approved once a newer version is listed",
			page.Submission.Version, page.Plugin.ID, id(o.ID))
	}
	return allow(ActApprove)
}

// AddApp registers a mini program of the consumer as.
func (s *Service) AddApp(ctx context.Context, as, appID, name string) (App, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return App{}, err
	}
	if !u.Has(RoleConsumer) {
		return App{}, forbiddenf("registering a mini program needs the consumer role; %s is %s", u.Name, u.roles())
	}
	if err := ValidateAppID(appID); err != nil {
		return App{}, &Error{Kind: KindInvalid, Msg: err.Error()}
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > MaxLineRunes || SanitizeLine(name) != name {
		return App{}, invalidf("a mini program's name is one line of 1 to %d characters", MaxLineRunes)
	}
	a := App{AppID: appID, Name: name, Owner: u.Name, CreatedAt: s.clock()}
	if err := s.store.PutApp(ctx, a); err != nil {
		return App{}, err
	}
	return a, nil
}

// Apps lists the consumer's own mini programs, by appId.
func (s *Service) Apps(ctx context.Context, as string) ([]App, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	return s.store.Apps(ctx, u.Name)
}

// OrderFor 订购s a listed plugin for one of the consumer's mini programs.
// appID "" is the buyer's only mini program; a buyer with none orders as
// before mini programs (one order per buyer), until every screen asks.
func (s *Service) OrderFor(ctx context.Context, as, pluginID, appID string) (Order, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return Order{}, err
	}
	var choose error
	if appID == "" && u.Has(RoleConsumer) {
		apps, err := s.store.Apps(ctx, u.Name)
		if err != nil {
			return Order{}, err
		}
		switch len(apps) {
		case 0:
		case 1:
			appID = apps[0].AppID
		default:
			// asked once the plugin is known to be orderable at all
			choose = invalidf("%s has %d mini programs: choose one with --app", u.Name, len(apps))
		}
	}
	var orders []Order // the store writes the new order's id into its element
	err = s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		orders = nil // decide may run again after a serialization failure
		u, err := s.actor(txn, as)
		if err != nil {
			return Change{}, err
		}
		page, err := pageIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		p := page.Plugin
		if v := orderPermitted(u); !v.Allowed {
			return Change{}, v.Err()
		}
		if appID != "" {
			a, ok, err := txn.App(appID)
			if err != nil {
				return Change{}, err
			}
			if !ok || a.Owner != u.Name {
				return Change{}, notFoundf("%s has no mini program %s; add it with: plugpub app add %s --name NAME", u.Name, appID, appID)
			}
		}
		if page.Listing.SubmissionID == 0 {
			return Change{}, illegalf("plugin %s is not listed (上架) on the market", pluginID)
		}
		l, sub := page.Listing, page.Submission
		now := s.clock()
		prev, had, err := txn.LiveOrder(u.Name, appID)
		if err != nil {
			return Change{}, err
		}
		live := had && prev.Live(now)
		if v := OrderOffer(u, page, live).Get(ActOrder); !v.Allowed {
			return Change{}, v.Err()
		}
		if choose != nil {
			return Change{}, choose
		}
		var evs []Event
		if had {
			// an expired order gives its place up, recorded now
			prev.State, prev.UpdatedBy, prev.UpdatedAt = OrderExpired, u.Name, now
			orders = append(orders, prev)
			evs = append(evs, Event{Entity: EntityOrder, Key: orderKey(prev), Action: ActExpire, From: string(OrderPending), To: string(OrderExpired)})
		}
		st := OrderApproved
		if sub.Snapshot.Info.OrderReview == OrderReviewManual {
			if appID == "" {
				return Change{}, illegalf("plugin %s asks 订购审核 (需审核): order it for one of your mini programs; add one with: plugpub app add APPID --name NAME", pluginID)
			}
			st = OrderPending
		}
		o := Order{PluginID: pluginID, Consumer: u.Name, AppID: appID, SubmissionID: l.SubmissionID, At: now, State: st, UpdatedBy: u.Name, UpdatedAt: now}
		orders = append(orders, o)
		// Key "" about a new order: the store fills in its id.
		key := ""
		if appID == "" {
			key = u.Name
		}
		evs = append(evs, Event{Entity: EntityOrder, Key: key, Action: ActOrder, To: string(st), Reason: "submission " + id(l.SubmissionID) + appReason(appID)})
		return s.change(u, now, &p, Change{Orders: orders, Events: evs}), nil
	})
	if err != nil {
		return Order{}, err
	}
	o := orders[len(orders)-1]
	o.Rev = 1
	return o, nil
}

func appReason(appID string) string {
	if appID == "" {
		return ""
	}
	return " app " + appID
}

// orderKey is an order's key in events: its id, or the buyer for an order
// made before mini programs.
func orderKey(o Order) string {
	if o.AppID == "" {
		return o.Consumer
	}
	return id(o.ID)
}

// ApproveOrder is the owner's 通过 of a pending order; 可订购人群 is checked again.
func (s *Service) ApproveOrder(ctx context.Context, as string, orderID, expect int64) (Order, error) {
	return s.decideOrder(ctx, as, orderID, expect, ActApprove, "")
}

// RefuseOrder is the owner's 拒绝 of a pending order, with a reason.
func (s *Service) RefuseOrder(ctx context.Context, as string, orderID, expect int64, reason string) (Order, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Order{}, invalidf("refusing an order needs a reason")
	}
	if utf8.RuneCountInString(reason) > MaxLineRunes || SanitizeLine(reason) != reason {
		return Order{}, invalidf("the reason is one line of at most %d characters", MaxLineRunes)
	}
	return s.decideOrder(ctx, as, orderID, expect, ActRefuse, reason)
}

// CancelOrder is the buyer's 取消 of a pending order or 退订 of a live one.
func (s *Service) CancelOrder(ctx context.Context, as string, orderID, expect int64) (Order, error) {
	return s.decideOrder(ctx, as, orderID, expect, ActCancel, "")
}

func (s *Service) decideOrder(ctx context.Context, as string, orderID, expect int64, act Action, reason string) (Order, error) {
	o0, err := s.store.Order(ctx, orderID)
	if err != nil {
		return Order{}, err
	}
	var out Order
	err = s.store.Update(ctx, o0.PluginID, func(txn Txn) (Change, error) {
		u, err := s.actor(txn, as)
		if err != nil {
			return Change{}, err
		}
		page, err := pageIn(txn, o0.PluginID)
		if err != nil {
			return Change{}, err
		}
		p := page.Plugin
		o, ok, err := txn.OrderByID(orderID)
		if err != nil {
			return Change{}, err
		}
		if !ok {
			return Change{}, notFoundf("order %d does not exist", orderID)
		}
		what := i18n.T("order %s", id(o.ID))
		if err := stale(what, o.Rev, expect, o.UpdatedBy, o.UpdatedAt); err != nil {
			return Change{}, err
		}
		buyer, _, err := txn.User(o.Consumer)
		if err != nil {
			return Change{}, err
		}
		now := s.clock()
		if vd := OrderRowOffer(u, page, OrderRow{Order: o, BuyerKind: buyer.Buyer}, now).Get(act); !vd.Allowed {
			return Change{}, vd.Err()
		}
		from := o.StateAt(now)
		role := RoleDeveloper
		if act == ActCancel {
			role = RoleConsumer
		}
		to, _ := Next(OrderMachine, from, act, role)
		o.State, o.Reason, o.UpdatedBy, o.UpdatedAt = to, reason, u.Name, now
		out = o
		return s.change(u, now, &p, Change{Orders: []Order{o}, Events: []Event{
			{Entity: EntityOrder, Key: orderKey(o), Action: act, From: string(from), To: string(to), Reason: reason},
		}}), nil
	})
	if err != nil {
		return Order{}, err
	}
	out.Rev++
	return out, nil
}

// pageIn is the plugin's 订购页 as the transaction reads it; Listing and
// Submission are zero while nothing is listed.
func pageIn(txn Txn, pluginID string) (MarketPage, error) {
	f, err := factsIn(txn, pluginID)
	if err != nil {
		return MarketPage{}, err
	}
	page := MarketPage{Plugin: f.Plugin}
	if f.Listing == nil {
		return page, nil
	}
	page.Listing = *f.Listing
	sub, ok, err := txn.Submission(f.Listing.SubmissionID)
	if err != nil {
		return MarketPage{}, err
	} else if !ok || sub.Snapshot == nil {
		return MarketPage{}, notFoundf("the listed submission %d of plugin %s is missing", f.Listing.SubmissionID, pluginID)
	}
	page.Submission = sub
	page.VersionOffline = f.versionOffline(sub.Version)
	return page, nil
}

// PluginOrders lists a plugin's orders for its owner or a reviewer
// (使用者管理), newest first, filtered by st ("" is every state); each row's
// State is its state now (a pending order unanswered for OrderExpiry is
// expired).
func (s *Service) PluginOrders(ctx context.Context, as, pluginID string, st OrderState, p Page) ([]OrderRow, error) {
	if err := s.mayReadOrders(ctx, as, pluginID); err != nil {
		return nil, err
	}
	now := s.Now()
	rs, err := s.store.PluginOrders(ctx, pluginID, OrderQuery{State: st, Cutoff: now.Add(-OrderExpiry)}, p.Clamp())
	return statesAt(rs, now), err
}

// OrderCounts counts a plugin's orders per state, for 使用者管理's header.
func (s *Service) OrderCounts(ctx context.Context, as, pluginID string) (map[OrderState]int, error) {
	if err := s.mayReadOrders(ctx, as, pluginID); err != nil {
		return nil, err
	}
	return s.store.CountOrders(ctx, pluginID, s.Now().Add(-OrderExpiry))
}

// LiveOrderCounts counts the live (pending or approved) orders of each of
// the plugins, for the plugins list; a plugin the user may not read the
// orders of is left out.
func (s *Service) LiveOrderCounts(ctx context.Context, as string, pluginIDs []string) (map[string]int, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	n, err := s.store.LiveOrderCounts(ctx, pluginIDs, s.Now().Add(-OrderExpiry))
	if err != nil || u.Has(RoleReviewer) {
		return n, err
	}
	for pid := range n {
		p, err := s.store.Plugin(ctx, pid)
		if err != nil {
			return nil, err
		}
		if p.Owner != u.Name {
			delete(n, pid)
		}
	}
	return n, nil
}

// MiniProgramsUsing is how many mini programs have an approved order of
// the plugin: what the market's 订购页 shows. Anyone may read it.
func (s *Service) MiniProgramsUsing(ctx context.Context, pluginID string) (int, error) {
	return s.store.AppsUsing(ctx, pluginID)
}

// MyOrders lists the consumer's own orders, newest first: of one plugin,
// or across plugins when pluginID is "" (我的订购); each row's State is its
// state now.
func (s *Service) MyOrders(ctx context.Context, as, pluginID string, p Page) ([]OrderRow, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	rs, err := s.store.ConsumerOrders(ctx, u.Name, pluginID, p.Clamp())
	return statesAt(rs, now), err
}

func statesAt(rs []OrderRow, now time.Time) []OrderRow {
	for i := range rs {
		rs[i].State = rs[i].StateAt(now)
	}
	return rs
}

func (s *Service) mayReadOrders(ctx context.Context, as, pluginID string) error {
	u, err := s.User(ctx, as)
	if err != nil {
		return err
	}
	p, err := s.store.Plugin(ctx, pluginID)
	if err != nil {
		return err
	}
	if p.Owner != u.Name && !u.Has(RoleReviewer) {
		return forbiddenf("only the owner of plugin %s (%s) or a reviewer may read its orders", p.ID, p.Owner)
	}
	return nil
}
