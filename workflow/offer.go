package workflow

import (
	"slices"
	"time"

	"golang.org/x/text/message"

	"plugpub/workflow/i18n"
)

// Verdict answers one question: may this user take this action on this row
// now, and if not, why. The same verdict disables a key, explains it in the
// screen, and is what the Service enforces (lazygit's GetDisabledReason), so
// what is offered and what is accepted cannot drift apart.
type Verdict struct {
	Action  Action
	Allowed bool
	// Reason says in one line why not; empty when allowed.
	Reason string
	// Confirm is the question to ask before a public or irreversible
	// action; empty when the action needs no confirmation or is refused.
	Confirm string
	// ReasonText and ConfirmText are Reason and Confirm as they were made,
	// to say them in the reader's language (ReasonIn, ConfirmIn). Reason is
	// English, as Err() and logs have it; Confirm is Chinese, the default.
	ReasonText  i18n.Text
	ConfirmText i18n.Text
	// ClaimedBy is the reviewer whose live claim (认领) the verdict is
	// about, "" for none: a decision on a row another reviewer holds is
	// allowed and asks first (review.go).
	ClaimedBy string
	kind      Kind
}

// ReasonIn is Reason in p's language.
func (v Verdict) ReasonIn(p *message.Printer) string {
	if v.ReasonText.IsZero() {
		return v.Reason
	}
	return v.ReasonText.Localize(p)
}

// ConfirmIn is Confirm in p's language.
func (v Verdict) ConfirmIn(p *message.Printer) string {
	if v.ConfirmText.IsZero() {
		return v.Confirm
	}
	return v.ConfirmText.Localize(p)
}

// Localize is ReasonIn: a refused verdict says itself as its error does.
func (v Verdict) Localize(p *message.Printer) string { return v.ReasonIn(p) }

// Err is the typed error the Service returns for a refused verdict: forbidden
// when the user may never do it here, illegal when the state does not allow it.
func (v Verdict) Err() error {
	if v.Allowed {
		return nil
	}
	k := v.kind
	if k == 0 {
		k = KindIllegal
	}
	if v.ReasonText.IsZero() {
		return &Error{Kind: k, Msg: v.Reason}
	}
	return &Error{Kind: k, Msg: v.Reason, Format: v.ReasonText.Format, Args: v.ReasonText.Args}
}

// Offer is every action on one row, in display order.
type Offer []Verdict

// Get returns the verdict for a; an action the offer does not list is refused.
func (o Offer) Get(a Action) Verdict {
	for _, v := range o {
		if v.Action == a {
			return v
		}
	}
	return refuse(a, KindIllegal, "%s is not offered here", word(string(a)))
}

// Can reports whether a is allowed.
func (o Offer) Can(a Action) bool { return o.Get(a).Allowed }

// Why is the reason a is refused, or "" when it is allowed.
func (o Offer) Why(a Action) string { return o.Get(a).Reason }

// Allowed lists the allowed actions in display order.
func (o Offer) Allowed() []Action {
	var as []Action
	for _, v := range o {
		if v.Allowed {
			as = append(as, v.Action)
		}
	}
	return as
}

// PluginFacts is what the rules need to know of one plugin to answer for
// any of its rows. Service.Facts reads it; the Service's own actions read it
// inside their transaction.
type PluginFacts struct {
	Plugin   Plugin
	Versions []Version    // every version, oldest first
	Open     []Submission // in_review, approved or listed, without snapshots
	Listing  *Listing     // nil until 上架
	// ListedVersion is the version of the listed submission, "" if none.
	ListedVersion string
	// Now is when the facts were read, which claims are live at; zero
	// sees no claim (Submission.Claim).
	Now time.Time
}

// inReviewSubmission is the plugin's submission in review, if any.
func (f PluginFacts) inReviewSubmission() (Submission, bool) {
	i := slices.IndexFunc(f.Open, func(s Submission) bool { return s.State == SubmissionInReview })
	if i < 0 {
		return Submission{}, false
	}
	return f.Open[i], true
}

// newestOnline is the newest online version, if any.
func (f PluginFacts) newestOnline() (Version, bool) {
	var best Version
	found := false
	for _, v := range f.Versions {
		if v.State == VersionOnline && (!found || v.SemVer.Compare(best.SemVer) > 0) {
			best, found = v, true
		}
	}
	return best, found
}

func allow(a Action) Verdict { return Verdict{Action: a, Allowed: true} }

func refuse(a Action, k Kind, format string, args ...any) Verdict {
	t := i18n.T(format, args...)
	return Verdict{Action: a, Reason: t.String(), ReasonText: t, kind: k}
}

// madeSoBy names who brought the row to the state that refuses the action,
// and when, so the loser of a race is told who won (two reviewers deciding
// one submission, two sessions hiding one listing). Only a refusal by the
// state is told so: by is who last changed the row.
func (v Verdict) madeSoBy(by string, at time.Time) Verdict {
	if v.Allowed || v.kind != KindIllegal || by == "" || at.IsZero() {
		return v
	}
	told := refuse(v.Action, KindIllegal, "%s; %s made it so at %s", v.ReasonText, by, at.Format("2006-01-02 15:04:05"))
	told.ClaimedBy = v.ClaimedBy
	return told
}

// refuseAs passes on another verdict's refusal as a's.
func refuseAs(a Action, v Verdict) Verdict {
	v.Action, v.Allowed, v.Confirm, v.ConfirmText = a, false, "", i18n.Text{}
	return v
}

// asks adds the confirmation question of an allowed verdict; the format is
// a key of the catalog, and Confirm its Chinese.
func (v Verdict) asks(format string, args ...any) Verdict {
	if v.Allowed {
		v.ConfirmText = i18n.T(format, args...)
		v.Confirm = v.ConfirmText.Localize(i18n.Printer(i18n.Chinese))
	}
	return v
}

// act is an action as a message names it: its code in English, its
// Chinese word in Chinese.
func actWord(a Action) any { return word(string(a)) }

// permitted checks who may take act at all, before any state: the role the
// action needs, and ownership for a developer's action. Permission comes
// first so that a user who may never do something is told that (exit 4),
// whatever state the row is in.
func permitted(act Action, role Role, u User, p Plugin, what i18n.Text) Verdict {
	switch role {
	case RoleDeveloper:
		if !u.Has(RoleDeveloper) {
			return refuse(act, KindForbidden, "to %s %s needs the developer role; %s is %s", actWord(act), what, u.Name, u.roles())
		}
		if p.Owner != u.Name {
			return refuse(act, KindForbidden, "only the owner of plugin %s (%s) may %s %s", p.ID, p.Owner, actWord(act), what)
		}
	case RoleReviewer:
		if !u.Has(RoleReviewer) {
			return refuse(act, KindForbidden, "to %s %s needs the reviewer role; %s is %s", actWord(act), what, u.Name, u.roles())
		}
	default:
		return refuse(act, KindForbidden, "%s is not an action anyone takes on %s", actWord(act), what)
	}
	return allow(act)
}

// machineVerdict decides one action of a state machine: permission (the
// role the machine names for the action, ownership, nobody reviewing their
// own submission), then the state.
func machineVerdict[S ~string](m []Transition[S], from S, act Action, u User, p Plugin, what i18n.Text, submittedBy string) Verdict {
	role, ok := roleFor(m, from, act)
	if !ok {
		role = anyRole(m, act)
	}
	if v := permitted(act, role, u, p, what); !v.Allowed {
		return v
	}
	if role == RoleReviewer && submittedBy == u.Name {
		return refuse(act, KindForbidden, "%s submitted %s and may not review it; another reviewer must", u.Name, what)
	}
	if _, ok := Next(m, from, act, role); !ok {
		return refuse(act, KindIllegal, "cannot %s %s: it is %s (%s)", actWord(act), what, Label(string(from)), from)
	}
	return allow(act)
}

// UserOffer answers for what belongs to no row yet: 新建插件 (creating a
// plugin), which needs the developer role.
func UserOffer(u User) Offer {
	create := allow(ActCreate)
	if !u.Has(RoleDeveloper) {
		create = refuse(ActCreate, KindForbidden, "creating a plugin needs the developer role; %s is %s", u.Name, u.roles())
	}
	if u.IsGuest() {
		create = refuse(ActCreate, KindForbidden, "a guest may look but not create plugins: an admin gives the developer role")
	}
	return Offer{create}
}

// PluginOffer answers for the plugin as a whole: 新建版本, editing the
// draft (autosave), 发布/修改信息 (opening the wizard to publish) and
// 提交申请.
func PluginOffer(u User, f PluginFacts) Offer {
	p := f.Plugin
	what := i18n.T("plugin %s", p.ID)
	add := permitted(ActAddVer, RoleDeveloper, u, p, what)

	save := permitted(ActSaveDraft, RoleDeveloper, u, p, i18n.T("the draft of %s", p.ID))
	if sub, ok := f.inReviewSubmission(); save.Allowed && ok {
		save = refuse(ActSaveDraft, KindIllegal, "submission %d of %s is 审核中 (in_review); withdraw it (撤回审核) before you modify the draft", sub.ID, p.ID)
	}

	submit := permitted(ActSubmit, RoleDeveloper, u, p, what)
	if submit.Allowed {
		if _, ok := f.newestOnline(); !ok {
			submit = refuse(ActSubmit, KindIllegal, "发布 needs an online version; plugin %s has none (put a version online in 版本管理 first)", p.ID)
		} else if sub, ok := f.inReviewSubmission(); ok {
			submit = refuse(ActSubmit, KindIllegal, "submission %d is already 审核中 (in_review); a plugin has one in review at a time: withdraw it first", sub.ID)
		}
	}

	// 发布 / 修改信息 opens the wizard: worth it only when its work can be
	// both saved and submitted.
	modify := allow(ActModify)
	switch {
	case !save.Allowed:
		modify = refuseAs(ActModify, save)
	case !submit.Allowed:
		modify = refuseAs(ActModify, submit)
	}
	return Offer{add, modify, save, submit.asks("提交申请: submit the draft of plugin %s to the plugin center for review?", p.ID)}
}

// VersionOffer answers for one version of 版本管理.
func VersionOffer(u User, f PluginFacts, v Version) Offer {
	what := i18n.T("version %s", v.SemVer.String())
	var o Offer
	for _, act := range []Action{ActSubmit, ActWithdraw, ActApprove, ActReject, ActReturn, ActOnline, ActOffline} {
		vd := machineVerdict(VersionMachine, v.State, act, u, f.Plugin, what, v.SubmittedBy).madeSoBy(v.UpdatedBy, v.UpdatedAt)
		if vd.Allowed {
			vd = versionRules(f, v, vd)
		}
		o = append(o, vd)
	}
	return o
}

// versionRules are the rules of 版本管理 beyond the machine: one version
// in review at a time, nothing online below a newer online version, and
// what 下线 of the listed version means for the market.
func versionRules(f PluginFacts, v Version, vd Verdict) Verdict {
	sv := v.SemVer.String()
	switch vd.Action {
	case ActSubmit:
		for _, o := range f.Versions {
			if o.SemVer != v.SemVer && inReview(o) {
				return refuse(ActSubmit, KindIllegal, "cannot submit version %s: version %s is %s; a plugin has at most one version in review", sv, o.SemVer, Label(string(o.State)))
			}
		}
	case ActApprove:
		return vd.asks("审核通过 version %s?", sv)
	case ActOnline:
		for _, o := range f.Versions {
			if o.State == VersionOnline && o.SemVer.Compare(v.SemVer) > 0 {
				return refuse(ActOnline, KindIllegal, "cannot put version %s online: the newer version %s is online", sv, o.SemVer)
			}
		}
		return vd.asks("上线 version %s? The older online version goes offline.", sv)
	case ActOffline:
		if f.Listing != nil && !f.versionOffline(f.ListedVersion) && f.versionOfflineWithout(f.ListedVersion, sv) {
			return vd.asks("下线 version %s? The listed version %s will have no online version: the 订购页 then says 版本已下线, and nobody can order until a newer version is listed. 下线 cannot be undone.", sv, f.ListedVersion)
		}
		return vd.asks("下线 version %s? 下线 cannot be undone.", sv)
	}
	return vd
}

// SubmissionOffer answers for one row of 发布管理 or the review queue.
func SubmissionOffer(u User, f PluginFacts, sub Submission) Offer {
	what := i18n.T("submission %s", id(sub.ID))
	var o Offer
	for _, act := range []Action{ActWithdraw, ActApprove, ActReject, ActRelease} {
		vd := machineVerdict(SubmissionMachine, sub.State, act, u, f.Plugin, what, sub.SubmittedBy).madeSoBy(sub.UpdatedBy, sub.UpdatedAt)
		switch act {
		case ActWithdraw:
			vd = vd.asks("撤回审核 of submission %d?", sub.ID)
		case ActApprove:
			vd = claimAdvice(vd.asks("审核通过 submission %d (plugin %s · version %s)?", sub.ID, f.Plugin.ID, sub.Version), u, f, sub)
		case ActReject:
			vd = claimAdvice(vd, u, f, sub)
		case ActRelease:
			vd = vd.asks("上架 submission %d? The market's 订购页 then shows this snapshot.", sub.ID)
		}
		o = append(o, vd)
	}
	modify := PluginOffer(u, f).Get(ActModify)
	if modify.Allowed && (sub.State == SubmissionInReview || sub.State == SubmissionSuperseded) {
		modify = refuse(ActModify, KindIllegal, "submission %d is %s; 修改信息 starts from the draft", sub.ID, Label(string(sub.State)))
	}
	return append(o, modify)
}

// ListingOffer answers for the listing's 隐藏 / 展示.
func ListingOffer(u User, f PluginFacts) Offer {
	what := i18n.T("the listing of %s", f.Plugin.ID)
	var o Offer
	for _, act := range []Action{ActHide, ActShow} {
		var vd Verdict
		if f.Listing == nil {
			vd = permitted(act, RoleDeveloper, u, f.Plugin, what)
			if vd.Allowed {
				vd = refuse(act, KindIllegal, "cannot %s plugin %s: it is not listed (上架) yet", actWord(act), f.Plugin.ID)
			}
		} else {
			vd = machineVerdict(VisibilityMachine, f.Listing.Visibility, act, u, f.Plugin, what, "")
			if !vd.Allowed && vd.kind == KindIllegal {
				vd = refuse(act, KindIllegal, "cannot %s plugin %s: its listing is already %s (%s)", actWord(act), f.Plugin.ID, Label(string(f.Listing.Visibility)), f.Listing.Visibility).
					madeSoBy(f.Listing.UpdatedBy, f.Listing.UpdatedAt)
			}
		}
		switch act {
		case ActHide:
			vd = vd.asks("隐藏 plugin %s? Search no longer finds it; existing orders are untouched.", f.Plugin.ID)
		case ActShow:
			vd = vd.asks("展示 plugin %s? Market search finds it again.", f.Plugin.ID)
		}
		o = append(o, vd)
	}
	return o
}

// OrderOffer answers for 订购 on a 订购页: the consumer role, one order per
// buyer, 可订购人群, and a listed version that is still online.
func OrderOffer(u User, page MarketPage, ordered bool) Offer {
	pid := page.Plugin.ID
	if u.IsGuest() {
		return Offer{refuse(ActOrder, KindForbidden, "a guest may look but not order: sign up as a consumer first (ssh … signup NAME)")}
	}
	vd := orderPermitted(u)
	if !vd.Allowed {
		return Offer{vd}
	}
	buyers := ""
	if page.Submission.Snapshot != nil {
		buyers = page.Submission.Snapshot.Info.Buyers
	}
	switch {
	case ordered:
		vd = refuse(ActOrder, KindIllegal, "%s already ordered plugin %s", u.Name, pid)
	case !MayOrder(buyers, u.Buyer):
		vd = refuse(ActOrder, KindForbidden, "plugin %s may be ordered by %s buyers only (可订购人群: %s); %s is a %s buyer",
			pid, word(buyersWord(buyers)), buyers, u.Name, word(buyerWord(u.Buyer)))
	case page.Listing.Visibility == VisibilityHidden:
		vd = refuse(ActOrder, KindIllegal, "plugin %s is 隐藏 (hidden): it cannot be newly ordered; existing orders stand", pid)
	case page.VersionOffline:
		vd = refuse(ActOrder, KindIllegal, "the listed version %s of plugin %s is 已下线 (offline); it can be ordered again once a newer version is listed",
			page.Submission.Version, pid)
	case page.Submission.Snapshot != nil && page.Submission.Snapshot.Info.OrderReview == OrderReviewManual:
		vd = vd.asks("订购 plugin %s · version %s? Its developer reviews orders (需审核): the order is 申请中 until they approve it.", pid, page.Submission.Version)
	default:
		vd = vd.asks("订购 plugin %s · version %s? Once ordered, your mini programs can use it.", pid, page.Submission.Version)
	}
	return Offer{vd}
}

// orderPermitted is who may order at all: consumers.
func orderPermitted(u User) Verdict {
	if !u.Has(RoleConsumer) {
		return refuse(ActOrder, KindForbidden, "ordering needs the consumer role; %s is %s", u.Name, u.roles())
	}
	return allow(ActOrder)
}

func buyerWord(b Buyer) string {
	if b == BuyerNone {
		return "no"
	}
	return string(b)
}
