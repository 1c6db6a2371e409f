package largedemo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"plugpub/store"
	"plugpub/workflow"
)

// The simulation works on compact records and only makes workflow rows when
// it writes: submission ids are given in submission-time order across all
// plugins, as a real database gives them, so they are known only once every
// plugin's history is.

type simEvent struct {
	at     time.Time
	plugin int32
	seq    int32 // order within the plugin's history
	actor  string
	entity workflow.Entity
	action workflow.Action
	from   string
	to     string
	key    string // the version or consumer; "" for the plugin
	// sub is 1 + the local index of the submission a submission or listing
	// event is about, whose id becomes its key; reasonSub is that of the
	// submission its reason names with %d. 0 is none.
	sub       int32
	reasonSub int32
	// order is 1 + the index in the plugin's orders of the order a
	// mini-program order's event is about, whose id becomes its key.
	order  int32
	reason string
}

type simSub struct {
	s       workflow.Submission // ID is set once every plugin is simulated
	variant int32
}

type simOrder struct {
	o     workflow.Order
	sub   int32  // local index of the submission ordered
	title string // its title, which the order keeps
}

type simPlugin struct {
	idx      int
	p        workflow.Plugin
	theme    largeTheme
	versions []workflow.Version
	subs     []simSub
	listing  *workflow.Listing // SubmissionID is a local index until written
	orders   []simOrder
	draft    workflow.StoredDraft
	variants [][]byte      // the revisions of the publication, encoded once
	meta     []variantMeta // what the simulation reads of each
	events   []simEvent
	actions  int // plugin-level changes: the plugin's Rev
	clock    time.Time
	r        *rand.Rand
	spec     *Spec
	users    *largeUsers
}

type variantMeta struct {
	show bool // 发布后是否展示
	text workflow.MarketText
}

type largeUsers struct {
	devs, reviewers []string
	consumers       []workflow.User
}

// at moves the plugin's clock to t, or a little past its last action when t
// is earlier, so every plugin's history is strictly in time order.
func (sp *simPlugin) at(t time.Time) time.Time {
	min := sp.clock.Add(time.Duration(1+sp.r.IntN(5)) * time.Minute)
	if t.Before(min) {
		t = min
	}
	sp.clock = t.UTC().Truncate(time.Millisecond)
	return sp.clock
}

func (sp *simPlugin) event(at time.Time, actor string, e simEvent) {
	e.at, e.actor, e.plugin, e.seq = at, actor, int32(sp.idx), int32(len(sp.events))
	sp.events = append(sp.events, e)
}

// act bumps the plugin row as every action does.
func (sp *simPlugin) act(at time.Time, actor string) {
	sp.actions++
	sp.p.Rev, sp.p.UpdatedBy, sp.p.UpdatedAt = int64(sp.actions), actor, at
}

func (sp *simPlugin) create(t time.Time) {
	at := sp.at(t)
	sp.p.CreatedAt = at
	sp.act(at, sp.p.Owner)
	sp.event(at, sp.p.Owner, simEvent{entity: workflow.EntityPlugin, action: workflow.ActCreate, to: "created"})
}

func (sp *simPlugin) addVersion(t time.Time, sv workflow.SemVer) int {
	at := sp.at(t)
	o := sp.p.Owner
	sp.versions = append(sp.versions, workflow.Version{PluginID: sp.p.ID, SemVer: sv, State: workflow.VersionDev,
		CreatedAt: at, Rev: 1, UpdatedBy: o, UpdatedAt: at})
	sp.act(at, o)
	sp.event(at, o, simEvent{entity: workflow.EntityVersion, action: workflow.ActAddVer, to: string(workflow.VersionDev), key: sv.String()})
	return len(sp.versions) - 1
}

// versionAct moves version i as VersionAct does; going online takes the
// online version offline first.
func (sp *simPlugin) versionAct(t time.Time, actor string, i int, act workflow.Action, reason string) {
	at := sp.at(t)
	v := &sp.versions[i]
	if act == workflow.ActOnline {
		for j := range sp.versions {
			if o := &sp.versions[j]; o.State == workflow.VersionOnline {
				o.State, o.Rev, o.UpdatedBy, o.UpdatedAt = workflow.VersionOffline, o.Rev+1, actor, at
				sp.event(at, actor, simEvent{entity: workflow.EntityVersion, action: workflow.ActSupersede, key: o.SemVer.String(),
					from: string(workflow.VersionOnline), to: string(workflow.VersionOffline), reason: "version " + v.SemVer.String() + " went online"})
			}
		}
	}
	to, ok := workflow.Next(workflow.VersionMachine, v.State, act, roleOf(act))
	if !ok {
		panic(fmt.Sprintf("large demo: version %s cannot %s from %s", v.SemVer, act, v.State))
	}
	from := v.State
	switch act {
	case workflow.ActSubmit:
		v.SubmittedBy, v.Reason = actor, ""
	case workflow.ActReject:
		v.Reason = reason
	}
	v.State, v.Rev, v.UpdatedBy, v.UpdatedAt = to, v.Rev+1, actor, at
	sp.act(at, actor)
	if act != workflow.ActReject {
		reason = ""
	}
	sp.event(at, actor, simEvent{entity: workflow.EntityVersion, action: act, key: v.SemVer.String(), from: string(from), to: string(to), reason: reason})
}

func roleOf(act workflow.Action) workflow.Role {
	switch act {
	case workflow.ActApprove, workflow.ActReject:
		return workflow.RoleReviewer
	}
	return workflow.RoleDeveloper
}

// online takes a new version through review to online, as a developer and
// a reviewer do over a few hours.
func (sp *simPlugin) online(t time.Time, sv workflow.SemVer) {
	r, o := sp.r, sp.p.Owner
	i := sp.addVersion(t, sv)
	sp.versionAct(sp.clock.Add(time.Duration(10+r.IntN(120))*time.Minute), o, i, workflow.ActSubmit, "")
	if r.IntN(20) == 0 {
		sp.versionAct(sp.clock.Add(time.Duration(1+r.IntN(20))*time.Hour), pick(r, sp.users.reviewers), i, workflow.ActReject, pick(r, largeRejectReasons))
		sp.versionAct(sp.clock.Add(time.Duration(1+r.IntN(20))*time.Hour), o, i, workflow.ActReturn, "")
		sp.versionAct(sp.clock.Add(time.Duration(1+r.IntN(20))*time.Hour), o, i, workflow.ActSubmit, "")
	}
	sp.versionAct(sp.clock.Add(time.Duration(1+r.IntN(20))*time.Hour), pick(r, sp.users.reviewers), i, workflow.ActApprove, "")
	sp.versionAct(sp.clock.Add(time.Duration(5+r.IntN(180))*time.Minute), o, i, workflow.ActOnline, "")
}

func (sp *simPlugin) onlineVersion() string {
	for _, v := range slices.Backward(sp.versions) {
		if v.State == workflow.VersionOnline {
			return v.SemVer.String()
		}
	}
	panic("large demo: no online version")
}

// subState moves local submission i; a reason with %d names submission named.
func (sp *simPlugin) subState(at time.Time, actor string, i int, act workflow.Action, to workflow.SubmissionState, reason string, named int) {
	s := &sp.subs[i].s
	from := s.State
	s.State, s.Rev, s.UpdatedBy, s.UpdatedAt = to, s.Rev+1, actor, at
	sp.event(at, actor, simEvent{entity: workflow.EntitySubmission, action: act, sub: int32(i + 1), reasonSub: int32(named + 1),
		from: string(from), to: string(to), reason: reason})
}

// submit freezes a draft variant into a new submission, superseding an
// approved one that was never listed.
func (sp *simPlugin) submit(t time.Time, variant int) int {
	at := sp.at(t)
	o := sp.p.Owner
	for i := range sp.subs {
		if sp.subs[i].s.State == workflow.SubmissionApproved {
			sp.subState(at, o, i, workflow.ActSupersede, workflow.SubmissionSuperseded, "a newer submission was made", -1)
		}
	}
	sp.subs = append(sp.subs, simSub{variant: int32(variant), s: workflow.Submission{PluginID: sp.p.ID, Version: sp.onlineVersion(),
		State: workflow.SubmissionInReview, SubmittedBy: o, SubmittedAt: at, DueAt: workflow.DueAt(at).UTC(), Rev: 1, UpdatedBy: o, UpdatedAt: at}})
	i := len(sp.subs) - 1
	sp.act(at, o)
	sp.event(at, o, simEvent{entity: workflow.EntitySubmission, action: workflow.ActSubmit, sub: int32(i + 1), to: string(workflow.SubmissionInReview)})
	sp.draft = workflow.StoredDraft{PluginID: sp.p.ID, Rev: sp.draft.Rev + 1, UpdatedBy: o, UpdatedAt: at}
	return i
}

func (sp *simPlugin) review(t time.Time, i int, act workflow.Action) {
	at := sp.at(t)
	rv := pick(sp.r, sp.users.reviewers)
	reason := ""
	to := workflow.SubmissionApproved
	if act == workflow.ActReject {
		reason, to = pick(sp.r, largeRejectReasons), workflow.SubmissionRejected
	}
	s := &sp.subs[i].s
	s.Reviewer, s.ReviewedAt, s.Reason = rv, at, reason
	sp.subState(at, rv, i, act, to, reason, -1)
	sp.act(at, rv)
}

func (sp *simPlugin) withdraw(t time.Time, i int) {
	at := sp.at(t)
	sp.subState(at, sp.p.Owner, i, workflow.ActWithdraw, workflow.SubmissionWithdrawn, "", -1)
	sp.act(at, sp.p.Owner)
}

// release lists approved submission i as Release does: the listed one is
// superseded, and a first listing is shown when the snapshot says so.
func (sp *simPlugin) release(t time.Time, i int) {
	at := sp.at(t)
	o := sp.p.Owner
	sp.subState(at, o, i, workflow.ActRelease, workflow.SubmissionListed, "", -1)
	for j := range sp.subs {
		if j != i && sp.subs[j].s.State == workflow.SubmissionListed {
			sp.subState(at, o, j, workflow.ActSupersede, workflow.SubmissionSuperseded, "submission %d was listed", i)
		}
	}
	from := ""
	if l := sp.listing; l != nil {
		from = string(l.Visibility)
		l.SubmissionID, l.ListedAt, l.Rev, l.UpdatedBy, l.UpdatedAt = int64(i), at, l.Rev+1, o, at
	} else {
		vis := workflow.VisibilityHidden
		if sp.meta[sp.subs[i].variant].show {
			vis = workflow.VisibilityShown
		}
		sp.listing = &workflow.Listing{PluginID: sp.p.ID, SubmissionID: int64(i), Visibility: vis, ListedAt: at, Rev: 1, UpdatedBy: o, UpdatedAt: at}
	}
	sp.act(at, o)
	sp.event(at, o, simEvent{entity: workflow.EntityListing, action: workflow.ActRelease, sub: int32(i + 1), from: from, to: string(sp.listing.Visibility)})
}

// toggle hides a shown listing or shows a hidden one.
func (sp *simPlugin) toggle(t time.Time) {
	l := sp.listing
	at := sp.at(t)
	act, to := workflow.ActHide, workflow.VisibilityHidden
	if l.Visibility == workflow.VisibilityHidden {
		act, to = workflow.ActShow, workflow.VisibilityShown
	}
	from := l.Visibility
	l.Visibility, l.Rev, l.UpdatedBy, l.UpdatedAt = to, l.Rev+1, sp.p.Owner, at
	sp.act(at, sp.p.Owner)
	sp.event(at, sp.p.Owner, simEvent{entity: workflow.EntityListing, action: act, sub: int32(l.SubmissionID + 1), from: string(from), to: string(to)})
}

// order has a consumer who may order the listed snapshot, and has not yet,
// order it.
func (sp *simPlugin) order(t time.Time) {
	l := sp.listing
	buyers := sp.meta[sp.subs[l.SubmissionID].variant].text.Buyers
	for range 5 {
		c := pick(sp.r, sp.users.consumers)
		if !workflow.MayOrder(buyers, c.Buyer) || slices.ContainsFunc(sp.orders, func(o simOrder) bool { return o.o.Consumer == c.Name }) {
			continue
		}
		at := sp.at(t)
		sp.orders = append(sp.orders, simOrder{o: workflow.Order{PluginID: sp.p.ID, Consumer: c.Name, At: at}, sub: int32(l.SubmissionID)})
		sp.act(at, c.Name)
		sp.event(at, c.Name, simEvent{entity: workflow.EntityOrder, action: workflow.ActOrder, key: c.Name, to: "ordered",
			reasonSub: int32(l.SubmissionID + 1), reason: "submission %d"})
		return
	}
}

// simulate plays one plugin's life from creation to now with n submissions.
func (sp *simPlugin) simulate(now time.Time, n int, logos []string) {
	r := sp.r
	sp.theme = largeThemes[sp.idx%len(largeThemes)]
	// Up to four revisions of the publication, each encoded once.
	drafts := []workflow.Draft{largeDraft(r, sp.theme, pick(r, logos))}
	sp.p.Name = drafts[0].Info.Title
	for k := 1; k < min(n, 4); k++ {
		drafts = append(drafts, varyDraft(r, sp.theme, drafts[k-1], k))
	}
	for _, d := range drafts {
		b, err := store.EncodeDraft(d)
		if err != nil {
			panic(err)
		}
		sp.variants = append(sp.variants, b)
		sp.meta = append(sp.meta, variantMeta{show: d.Info.ShowAfterRelease, text: workflow.MarketTextOf(&d)})
	}
	// The draft is what was last submitted, kept for the next modification.
	defer func() { sp.draft.Draft = drafts[(n-1)%len(drafts)] }()

	// The last submission goes in a few hours to three days ago when it is
	// still in review, else up to three weeks ago.
	endInReview := n >= 2 && r.IntN(100) < 15
	last := now.Add(-time.Duration(3+r.IntN(69)) * time.Hour)
	if !endInReview {
		last = now.Add(-time.Duration(3*24+r.IntN(20*24)) * time.Hour)
	}
	// Born between three years and two months ago, early enough for at
	// least four hours between submissions.
	born := now.Add(-time.Duration(60*24+r.IntN(1035*24)) * time.Hour)
	if early := last.Add(-time.Duration(n)*4*time.Hour - 7*24*time.Hour); born.After(early) {
		born = early
	}
	sp.clock = born.Add(-time.Hour)
	sp.create(born)
	major, minor := 1, 0
	sp.online(sp.clock.Add(time.Duration(1+r.IntN(30))*time.Minute), workflow.SemVer{Major: major})

	start := sp.clock.Add(time.Duration(1+r.IntN(48)) * time.Hour)
	gap := last.Sub(start) / time.Duration(max(1, n))
	for k := range n {
		t := start.Add(time.Duration(k) * gap)
		if k > 0 && k < n-3 && r.IntN(100) < 1 && minor < 998 {
			minor++
			sp.online(t, workflow.SemVer{Major: major, Minor: minor})
		}
		i := sp.submit(t.Add(time.Duration(r.Int64N(int64(gap/4)+1))), k%len(sp.variants))
		if k == n-1 && endInReview {
			break
		}
		step := func(lo, hi float64) time.Time {
			return sp.clock.Add(time.Duration(float64(gap) * (lo + (hi-lo)*r.Float64())))
		}
		c := r.IntN(100)
		switch {
		case k == 0 || c < 26:
			sp.review(step(0.02, 0.2), i, workflow.ActApprove)
			if k == 0 || r.IntN(100) < 25 {
				sp.release(step(0.01, 0.1), i)
			}
		case c < 82:
			sp.review(step(0.02, 0.2), i, workflow.ActReject)
		default:
			sp.withdraw(step(0.01, 0.1), i)
		}
		if sp.listing != nil && r.IntN(100) < 2 {
			sp.toggle(step(0.01, 0.1))
		}
		if sp.listing != nil && r.IntN(100) < 9 {
			sp.order(step(0.01, 0.1))
		}
	}
	// Work in progress: a new version being made or in review.
	switch c := r.IntN(100); {
	case c < 4:
		i := sp.addVersion(sp.clock.Add(20*time.Minute), workflow.SemVer{Major: major + 1})
		sp.versionAct(sp.clock.Add(20*time.Minute), sp.p.Owner, i, workflow.ActSubmit, "")
	case c < 12:
		sp.addVersion(sp.clock.Add(20*time.Minute), workflow.SemVer{Major: major + 1})
	}
	if sp.clock.After(now) {
		panic(fmt.Sprintf("large demo: plugin %s's history runs past now", sp.p.ID))
	}
}
