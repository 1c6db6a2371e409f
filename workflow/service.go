package workflow

import (
	"context"
	"plugpub/workflow/i18n"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// AnyRev asks an action to apply to whatever is current (the CLI). A screen
// passes the Rev it showed instead, so acting on stale data is a conflict.
const AnyRev int64 = -1

// Service is every user action of the publish flow. Each method takes the
// acting user's name, checks every rule, and writes through Store in one
// transaction.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService builds a service; now is the clock (time.Now when nil).
func NewService(st Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, now: now}
}

// Now is the service's clock, for screens that mark overdue reviews.
func (s *Service) Now() time.Time { return s.now() }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// ---- users ----

// AddUser adds a local identity.
func (s *Service) AddUser(ctx context.Context, name string, roles []Role, buyer Buyer) (User, error) {
	u, err := NewUser(name, roles, buyer)
	if err != nil {
		return User{}, err
	}
	if _, err := s.store.User(ctx, name); err == nil {
		return User{}, illegalf("user %s already exists", name)
	} else if KindOf(err) != KindNotFound {
		return User{}, err
	}
	return u, s.store.PutUser(ctx, u)
}

// User looks a user up; an unknown name says how to add it.
func (s *Service) User(ctx context.Context, name string) (User, error) {
	u, err := s.store.User(ctx, name)
	if KindOf(err) == KindNotFound {
		return User{}, notFoundf("user %q does not exist; add it with: plugpub user add %s --role developer|reviewer|consumer", name, name)
	}
	return u, err
}

// Users lists users by name.
func (s *Service) Users(ctx context.Context, p Page) ([]User, error) {
	return s.store.Users(ctx, p.Clamp())
}

// ---- reads ----

// Plugins lists what the user works on: all plugins for a reviewer, their
// own for a developer.
func (s *Service) Plugins(ctx context.Context, as, filter string, p Page) ([]PluginSummary, error) {
	owner, err := s.pluginScope(ctx, as)
	if err != nil {
		return nil, err
	}
	return s.store.Plugins(ctx, owner, filter, p.Clamp())
}

// pluginScope is whose plugins as sees: everyone's ("") for a reviewer,
// their own for a developer.
func (s *Service) pluginScope(ctx context.Context, as string) (string, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return "", err
	}
	switch {
	case u.Has(RoleReviewer):
		return "", nil
	case u.Has(RoleDeveloper):
		return u.Name, nil
	}
	return "", forbiddenf("listing plugins needs the developer or reviewer role; %s is %s (buyers use the market)", u.Name, u.RoleList())
}

// Plugin returns one plugin the user may see.
func (s *Service) Plugin(ctx context.Context, as, id string) (Plugin, error) {
	_, p, err := s.readable(ctx, as, id)
	return p, err
}

// readable checks that as may read plugin id's back office: its owner, or a reviewer.
func (s *Service) readable(ctx context.Context, as, id string) (User, Plugin, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return User{}, Plugin{}, err
	}
	p, err := s.store.Plugin(ctx, id)
	if err != nil {
		return User{}, Plugin{}, err
	}
	if p.Owner != u.Name && !u.Has(RoleReviewer) {
		return User{}, Plugin{}, forbiddenf("plugin %s belongs to %s; only its owner or a reviewer may see it", id, p.Owner)
	}
	return u, p, nil
}

// Versions lists a plugin's versions, newest first.
func (s *Service) Versions(ctx context.Context, as, pluginID string, p Page) ([]Version, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	return s.store.Versions(ctx, pluginID, p.Clamp())
}

// Draft returns the plugin's draft (an empty one with Rev 0 before the first save).
func (s *Service) Draft(ctx context.Context, as, pluginID string) (StoredDraft, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return StoredDraft{}, err
	}
	return s.store.Draft(ctx, pluginID)
}

// Submissions lists 发布管理's rows, newest first.
func (s *Service) Submissions(ctx context.Context, as, pluginID string, p Page) ([]Submission, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	return s.store.Submissions(ctx, pluginID, p.Clamp())
}

// Submission returns one submission with its snapshot.
func (s *Service) Submission(ctx context.Context, as string, id int64) (Submission, error) {
	sub, err := s.store.Submission(ctx, id)
	if err != nil {
		return Submission{}, err
	}
	if _, _, err := s.readable(ctx, as, sub.PluginID); err != nil {
		return Submission{}, err
	}
	return sub, nil
}

// ReviewQueue lists in-review submissions, earliest due first (so overdue first).
func (s *Service) ReviewQueue(ctx context.Context, as string, p Page) ([]Submission, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	if !u.Has(RoleReviewer) {
		return nil, forbiddenf("the review queue needs the reviewer role; %s is %s", u.Name, u.RoleList())
	}
	return s.store.ReviewQueue(ctx, p.Clamp())
}

// Log lists a plugin's events, oldest first.
func (s *Service) Log(ctx context.Context, as, pluginID string, p Page) ([]Event, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	return s.store.Events(ctx, pluginID, p.Clamp())
}

// Search finds shown listings on the market. Anyone may search.
func (s *Service) Search(ctx context.Context, q string, p Page) ([]MarketEntry, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, invalidf("the search query is empty")
	}
	if utf8.RuneCountInString(q) > 100 {
		return nil, invalidf("the search query is longer than 100 characters")
	}
	return s.store.Search(ctx, q, p.Clamp())
}

// MarketPage is the 订购页 of a listed plugin. A hidden listing is only kept
// out of search (隐藏: 不可被搜索); its page stays reachable by its id.
func (s *Service) MarketPage(ctx context.Context, pluginID string) (MarketPage, error) {
	p, err := s.store.Plugin(ctx, pluginID)
	if err != nil {
		return MarketPage{}, err
	}
	l, err := s.store.Listing(ctx, pluginID)
	if KindOf(err) == KindNotFound {
		return MarketPage{}, notFoundf("plugin %s is not listed (上架) on the market", pluginID)
	} else if err != nil {
		return MarketPage{}, err
	}
	sub, err := s.store.Submission(ctx, l.SubmissionID)
	if err != nil {
		return MarketPage{}, err
	}
	page := MarketPage{Plugin: p, Listing: l, Submission: sub}
	err = s.store.View(ctx, pluginID, func(txn Txn) error {
		vs, err := txn.Versions()
		page.VersionOffline = PluginFacts{Versions: vs}.versionOffline(sub.Version)
		return err
	})
	return page, err
}

// Orders lists the consumer's own orders.
func (s *Service) Orders(ctx context.Context, as string, p Page) ([]Order, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	return s.store.Orders(ctx, u.Name, p.Clamp())
}

// ---- plugins and versions ----

// CreatePlugin registers a plugin owned by as.
func (s *Service) CreatePlugin(ctx context.Context, as, id, name string) (Plugin, error) {
	id, err := ParsePluginID(id)
	if err != nil {
		return Plugin{}, err
	}
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n < 1 || n > 40 {
		return Plugin{}, invalidf("plugin name must be 1–40 characters, got %d", n)
	}
	var out Plugin
	err = s.store.Update(ctx, id, func(txn Txn) (Change, error) {
		u, err := s.actor(txn, as)
		if err != nil {
			return Change{}, err
		}
		if v := UserOffer(u).Get(ActCreate); !v.Allowed {
			return Change{}, v.Err()
		}
		if _, ok, err := txn.Plugin(); err != nil {
			return Change{}, err
		} else if ok {
			return Change{}, illegalf("plugin %s already exists", id)
		}
		now := s.clock()
		out = Plugin{ID: id, Name: name, Owner: u.Name, CreatedAt: now, UpdatedBy: u.Name, UpdatedAt: now}
		return Change{Actor: u.Name, At: now, Plugin: &out, Events: []Event{
			{At: now, Actor: u.Name, PluginID: id, Entity: EntityPlugin, Action: ActCreate, To: "created"},
		}}, nil
	})
	out.Rev = 1
	return out, err
}

// AddVersion adds a version in 开发中; versions strictly increase.
func (s *Service) AddVersion(ctx context.Context, as, pluginID, ver string) (Version, error) {
	sv, err := ParseSemVer(ver)
	if err != nil {
		return Version{}, err
	}
	var out Version
	err = s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, p, err := s.member(txn, as, pluginID)
		if err != nil {
			return Change{}, err
		}
		if v := PluginOffer(u, PluginFacts{Plugin: p}).Get(ActAddVer); !v.Allowed {
			return Change{}, v.Err()
		}
		vs, err := txn.Versions()
		if err != nil {
			return Change{}, err
		}
		for _, v := range vs {
			if v.SemVer.Compare(sv) >= 0 {
				return Change{}, invalidf("version %s must be newer than every existing version; %s already exists", sv, v.SemVer)
			}
		}
		now := s.clock()
		out = Version{PluginID: pluginID, SemVer: sv, State: VersionDev, CreatedAt: now, UpdatedBy: u.Name, UpdatedAt: now}
		return s.change(u, now, &p, Change{Versions: []Version{out}, Events: []Event{
			{Entity: EntityVersion, Key: sv.String(), Action: ActAddVer, To: string(VersionDev)},
		}}), nil
	})
	out.Rev = 1
	return out, err
}

// VersionAct takes a 版本管理 action on one version: submit, withdraw,
// approve, reject (reason required), return, online, offline.
func (s *Service) VersionAct(ctx context.Context, as, pluginID, ver string, act Action, reason string, expect int64) (Version, error) {
	sv, err := ParseSemVer(ver)
	if err != nil {
		return Version{}, err
	}
	reason = strings.TrimSpace(reason)
	if act == ActReject {
		if err := ValidateReason(reason); err != nil {
			return Version{}, err
		}
	}
	var out Version
	err = s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, p, err := s.member(txn, as, pluginID)
		if err != nil {
			return Change{}, err
		}
		what := i18n.T("version %s", sv.String())
		if v := permitted(act, anyRole(VersionMachine, act), u, p, what); !v.Allowed {
			return Change{}, v.Err()
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		vs := f.Versions
		i := slices.IndexFunc(vs, func(v Version) bool { return v.SemVer == sv })
		if i < 0 {
			return Change{}, notFoundf("plugin %s has no version %s", pluginID, sv)
		}
		v := vs[i]
		if err := stale(what, v.Rev, expect, v.UpdatedBy, v.UpdatedAt); err != nil {
			return Change{}, err
		}
		if vd := VersionOffer(u, f, v).Get(act); !vd.Allowed {
			return Change{}, vd.Err()
		}
		to, _ := Next(VersionMachine, v.State, act, anyRole(VersionMachine, act))
		now := s.clock()
		c := Change{}
		switch act {
		case ActSubmit:
			v.SubmittedBy = u.Name
			v.Reason = ""
		case ActReject:
			v.Reason = reason
		case ActOnline:
			for _, o := range vs {
				if o.State != VersionOnline {
					continue
				}
				o.State, o.UpdatedBy, o.UpdatedAt = VersionOffline, u.Name, now
				c.Versions = append(c.Versions, o)
				c.Events = append(c.Events, Event{Entity: EntityVersion, Key: o.SemVer.String(), Action: ActSupersede,
					From: string(VersionOnline), To: string(VersionOffline), Reason: "version " + sv.String() + " went online"})
			}
		}
		from := v.State
		v.State, v.UpdatedBy, v.UpdatedAt = to, u.Name, now
		c.Versions = append(c.Versions, v)
		c.Events = append(c.Events, Event{Entity: EntityVersion, Key: sv.String(), Action: act, From: string(from), To: string(to), Reason: reasonFor(act, reason)})
		out = v
		return s.change(u, now, &p, c), nil
	})
	out.Rev++
	return out, err
}

// ---- the draft ----

// SaveDraft stores the draft if it differs from the stored one (so repeated
// autosaves write nothing) and returns it with its problems, which do not
// stop a save: an incomplete draft is still work worth keeping. base is the
// Rev the editor loaded, or AnyRev.
func (s *Service) SaveDraft(ctx context.Context, as, pluginID string, d Draft, base int64) (StoredDraft, []Problem, error) {
	d.Normalize()
	if err := checkLimits(d); err != nil {
		return StoredDraft{}, nil, err
	}
	if d.Info.Logo != "" && !IsLogoRef(d.Info.Logo) {
		return StoredDraft{}, nil, invalidf("info.logo must be a stored image (sha256:…); set it from a file with draft set")
	}
	if d.Info.Logo != "" {
		if _, _, err := s.store.Logo(ctx, d.Info.Logo); err != nil {
			if KindOf(err) == KindNotFound {
				return StoredDraft{}, nil, invalidf("info.logo %s is not stored in this database; set it from a PNG or JPEG file", d.Info.Logo)
			}
			return StoredDraft{}, nil, err
		}
	}
	var out StoredDraft
	err := s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, _, err := s.owned(txn, as, pluginID, "edit the draft")
		if err != nil {
			return Change{}, err
		}
		cur, _, err := txn.Draft()
		if err != nil {
			return Change{}, err
		}
		if err := stale("the draft of "+pluginID, cur.Rev, base, cur.UpdatedBy, cur.UpdatedAt); err != nil {
			return Change{}, err
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		if v := PluginOffer(u, f).Get(ActSaveDraft); !v.Allowed {
			return Change{}, v.Err()
		}
		if cur.Rev > 0 && cur.Draft.Equal(d) {
			out = cur
			return Change{}, nil
		}
		now := s.clock()
		out = StoredDraft{PluginID: pluginID, Draft: d, Rev: cur.Rev, UpdatedBy: u.Name, UpdatedAt: now}
		write := out
		out.Rev++
		return Change{Actor: u.Name, At: now, Draft: &write}, nil
	})
	if err != nil {
		return StoredDraft{}, nil, err
	}
	return out, d.Problems(), nil
}

// SampleDraft fills the draft with 填写样例, keeping a logo already set.
func (s *Service) SampleDraft(ctx context.Context, as, pluginID string) (StoredDraft, error) {
	cur, err := s.Draft(ctx, as, pluginID)
	if err != nil {
		return StoredDraft{}, err
	}
	d := SampleDraft()
	d.Info.Logo = cur.Draft.Info.Logo
	sd, _, err := s.SaveDraft(ctx, as, pluginID, d, cur.Rev)
	return sd, err
}

// PutLogo checks an image by its bytes and stores it; the returned reference
// goes into info.logo.
func (s *Service) PutLogo(ctx context.Context, data []byte) (string, error) {
	mime, err := CheckLogo(data)
	if err != nil {
		return "", &Error{Kind: KindInvalid, Msg: "info.logo: " + err.Error()}
	}
	ref := LogoRef(data)
	return ref, s.store.PutLogo(ctx, ref, mime, data)
}

// Logo returns a stored image.
func (s *Service) Logo(ctx context.Context, ref string) (string, []byte, error) {
	return s.store.Logo(ctx, ref)
}

// ---- publication ----

// Submit freezes the draft into a submission for review (提交申请). version
// is the online version it publishes, or "" for the newest online one.
func (s *Service) Submit(ctx context.Context, as, pluginID, version string) (Submission, error) {
	var want SemVer
	if version != "" {
		sv, err := ParseSemVer(version)
		if err != nil {
			return Submission{}, err
		}
		want = sv
	}
	var out Submission
	err := s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, p, err := s.owned(txn, as, pluginID, "submit it for publication")
		if err != nil {
			return Change{}, err
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		vs, open := f.Versions, f.Open
		var online *Version
		for i := range vs {
			v := &vs[i]
			if version != "" && v.SemVer == want {
				if v.State != VersionOnline {
					return Change{}, illegalf("version %s is %s (%s); only an online version can be published", want, Label(string(v.State)), v.State)
				}
				online = v
			}
			if version == "" && v.State == VersionOnline && (online == nil || v.SemVer.Compare(online.SemVer) > 0) {
				online = v
			}
		}
		if online == nil {
			if version != "" {
				return Change{}, notFoundf("plugin %s has no version %s", pluginID, want)
			}
			return Change{}, illegalf("发布 needs an online version; plugin %s has none (put a version online in 版本管理 first)", pluginID)
		}
		if v := PluginOffer(u, f).Get(ActSubmit); !v.Allowed {
			return Change{}, v.Err()
		}
		d, ok, err := txn.Draft()
		if err != nil {
			return Change{}, err
		}
		if !ok {
			return Change{}, invalidf("plugin %s has no draft yet; fill the 插件信息 and 接入指引 first (plugpub draft sample %s fills a sample)", pluginID, pluginID)
		}
		if probs := d.Draft.Problems(); len(probs) > 0 {
			return Change{}, invalid(probs)
		}
		now := s.clock()
		snap := d.Draft.Clone()
		c := Change{}
		for _, o := range open {
			if o.State == SubmissionApproved {
				c.Submissions = append(c.Submissions, supersede(&o, u.Name, now))
				c.Events = append(c.Events, Event{Entity: EntitySubmission, Key: id(o.ID), Action: ActSupersede,
					From: string(SubmissionApproved), To: string(SubmissionSuperseded), Reason: "a newer submission was made"})
			}
		}
		out = Submission{PluginID: pluginID, Version: online.SemVer.String(), State: SubmissionInReview, Snapshot: &snap,
			SubmittedBy: u.Name, SubmittedAt: now, DueAt: DueAt(now).UTC(), UpdatedBy: u.Name, UpdatedAt: now}
		c.NewSubmission = &out
		c.Events = append(c.Events, Event{Entity: EntitySubmission, Action: ActSubmit, To: string(SubmissionInReview)})
		return s.change(u, now, &p, c), nil
	})
	if err != nil {
		return Submission{}, err
	}
	out.Rev = 1
	return out, nil
}

// Withdraw takes the plugin's in-review submission back (撤回审核).
func (s *Service) Withdraw(ctx context.Context, as, pluginID string, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, pluginID, 0, ActWithdraw, "", expect)
}

// WithdrawSubmission withdraws one submission a screen showed, by id, so a
// stale screen can never withdraw a newer submission it did not show.
func (s *Service) WithdrawSubmission(ctx context.Context, as string, subID int64, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, "", subID, ActWithdraw, "", expect)
}

// ReleaseSubmission lists one submission a screen showed, by id.
func (s *Service) ReleaseSubmission(ctx context.Context, as string, subID int64, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, "", subID, ActRelease, "", expect)
}

// Approve passes a submission (审核通过).
func (s *Service) Approve(ctx context.Context, as string, subID int64, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, "", subID, ActApprove, "", expect)
}

// Reject turns a submission down with a reason (审核驳回).
func (s *Service) Reject(ctx context.Context, as string, subID int64, reason string, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, "", subID, ActReject, reason, expect)
}

// Release lists the approved submission on the market (上架); an earlier
// listed one is superseded, and the listing keeps its 展示/隐藏 flag (a
// first listing takes it from 发布后是否展示).
func (s *Service) Release(ctx context.Context, as, pluginID string, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, pluginID, 0, ActRelease, "", expect)
}

// submissionAct runs one action of SubmissionMachine. The submission is
// subID, or the plugin's open one in the state the action starts from.
func (s *Service) submissionAct(ctx context.Context, as, pluginID string, subID int64, act Action, reason string, expect int64) (Submission, error) {
	reason = strings.TrimSpace(reason)
	if act == ActReject {
		if err := ValidateReason(reason); err != nil {
			return Submission{}, err
		}
	}
	if subID != 0 {
		sub, err := s.store.Submission(ctx, subID)
		if err != nil {
			return Submission{}, err
		}
		pluginID = sub.PluginID
	}
	var out Submission
	err := s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, p, err := s.member(txn, as, pluginID)
		if err != nil {
			return Change{}, err
		}
		if v := permitted(act, anyRole(SubmissionMachine, act), u, p, i18n.T("a submission of %s", pluginID)); !v.Allowed {
			return Change{}, v.Err()
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		open := f.Open
		var sub Submission
		if subID != 0 {
			var ok bool
			if sub, ok, err = txn.Submission(subID); err != nil {
				return Change{}, err
			} else if !ok {
				return Change{}, notFoundf("submission %d does not exist", subID)
			}
		} else {
			from := SubmissionInReview
			if act == ActRelease {
				from = SubmissionApproved
			}
			i := slices.IndexFunc(open, func(o Submission) bool { return o.State == from })
			if i < 0 {
				return Change{}, illegalf("cannot %s plugin %s: it has no submission %s (%s)%s", actWord(act), pluginID, Label(string(from)), from, latestState(open))
			}
			sub = open[i]
		}
		what := i18n.T("submission %s", id(sub.ID))
		if err := stale(what, sub.Rev, expect, sub.UpdatedBy, sub.UpdatedAt); err != nil {
			return Change{}, err
		}
		if vd := SubmissionOffer(u, f, sub).Get(act); !vd.Allowed {
			return Change{}, vd.Err()
		}
		to, _ := Next(SubmissionMachine, sub.State, act, anyRole(SubmissionMachine, act))
		now := s.clock()
		c := Change{}
		from := sub.State
		sub.State, sub.UpdatedBy, sub.UpdatedAt = to, u.Name, now
		switch act {
		case ActApprove, ActReject:
			sub.Reviewer, sub.ReviewedAt, sub.Reason = u.Name, now, reason
		}
		sub.Snapshot = nil // the snapshot is immutable; never rewrite it
		c.Submissions = append(c.Submissions, sub)
		c.Events = append(c.Events, Event{Entity: EntitySubmission, Key: id(sub.ID), Action: act, From: string(from), To: string(to), Reason: reason})
		if act == ActRelease {
			if err := s.release(txn, &c, open, sub, u.Name, now); err != nil {
				return Change{}, err
			}
		}
		out = sub
		return s.change(u, now, &p, c), nil
	})
	out.Rev++
	return out, err
}

// release adds to c what 上架 changes besides the submission: the earlier
// listed submission is superseded and the listing points at the new one.
func (s *Service) release(txn Txn, c *Change, open []Submission, sub Submission, actor string, now time.Time) error {
	for _, o := range open {
		if o.State == SubmissionListed {
			c.Submissions = append(c.Submissions, supersede(&o, actor, now))
			c.Events = append(c.Events, Event{Entity: EntitySubmission, Key: id(o.ID), Action: ActSupersede,
				From: string(SubmissionListed), To: string(SubmissionSuperseded), Reason: "submission " + id(sub.ID) + " was listed"})
		}
	}
	l, ok, err := txn.Listing()
	if err != nil {
		return err
	}
	from := ""
	if ok {
		from = string(l.Visibility)
	} else {
		full, found, err := txn.Submission(sub.ID)
		if err != nil {
			return err
		}
		l = Listing{PluginID: sub.PluginID, Visibility: VisibilityHidden}
		if found && full.Snapshot != nil && full.Snapshot.Info.ShowAfterRelease {
			l.Visibility = VisibilityShown
		}
	}
	l.SubmissionID, l.ListedAt, l.UpdatedBy, l.UpdatedAt = sub.ID, now, actor, now
	c.Listing = &l
	c.Events = append(c.Events, Event{Entity: EntityListing, Key: id(sub.ID), Action: ActRelease, From: from, To: string(l.Visibility)})
	return nil
}

// Hide keeps the listing out of market search (隐藏).
func (s *Service) Hide(ctx context.Context, as, pluginID string, expect int64) (Listing, error) {
	return s.visibility(ctx, as, pluginID, ActHide, expect)
}

// Show makes the listing searchable again (展示).
func (s *Service) Show(ctx context.Context, as, pluginID string, expect int64) (Listing, error) {
	return s.visibility(ctx, as, pluginID, ActShow, expect)
}

func (s *Service) visibility(ctx context.Context, as, pluginID string, act Action, expect int64) (Listing, error) {
	var out Listing
	err := s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, p, err := s.member(txn, as, pluginID)
		if err != nil {
			return Change{}, err
		}
		what := i18n.T("the listing of %s", pluginID)
		if v := permitted(act, RoleDeveloper, u, p, what); !v.Allowed {
			return Change{}, v.Err()
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		if f.Listing != nil {
			l := f.Listing
			if err := stale(what, l.Rev, expect, l.UpdatedBy, l.UpdatedAt); err != nil {
				return Change{}, err
			}
		}
		if vd := ListingOffer(u, f).Get(act); !vd.Allowed {
			return Change{}, vd.Err()
		}
		l := *f.Listing
		to, _ := Next(VisibilityMachine, l.Visibility, act, RoleDeveloper)
		now := s.clock()
		from := l.Visibility
		l.Visibility, l.UpdatedBy, l.UpdatedAt = to, u.Name, now
		out = l
		return s.change(u, now, &p, Change{Listing: &l, Events: []Event{
			{Entity: EntityListing, Key: id(l.SubmissionID), Action: act, From: string(from), To: string(to)},
		}}), nil
	})
	out.Rev++
	return out, err
}

// Order 订购s a listed plugin for a consumer, if 可订购人群 includes them.
func (s *Service) Order(ctx context.Context, as, pluginID string) (Order, error) {
	var orders []Order // the store writes the assigned ID into this element
	err := s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, err := s.actor(txn, as)
		if err != nil {
			return Change{}, err
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		p := f.Plugin
		if v := orderPermitted(u); !v.Allowed {
			return Change{}, v.Err()
		}
		if f.Listing == nil {
			return Change{}, illegalf("plugin %s is not listed (上架) on the market", pluginID)
		}
		l := *f.Listing
		_, ordered, err := txn.Order(u.Name)
		if err != nil {
			return Change{}, err
		}
		sub, ok, err := txn.Submission(l.SubmissionID)
		if err != nil {
			return Change{}, err
		} else if !ok || sub.Snapshot == nil {
			return Change{}, notFoundf("the listed submission %d of plugin %s is missing", l.SubmissionID, pluginID)
		}
		page := MarketPage{Plugin: p, Listing: l, Submission: sub, VersionOffline: f.versionOffline(sub.Version)}
		if v := OrderOffer(u, page, ordered).Get(ActOrder); !v.Allowed {
			return Change{}, v.Err()
		}
		now := s.clock()
		orders = []Order{{PluginID: pluginID, Consumer: u.Name, SubmissionID: l.SubmissionID, At: now}}
		return s.change(u, now, &p, Change{Orders: orders, Events: []Event{
			{Entity: EntityOrder, Key: u.Name, Action: ActOrder, To: "ordered", Reason: "submission " + id(l.SubmissionID)},
		}}), nil
	})
	if err != nil {
		return Order{}, err
	}
	return orders[0], nil
}

// ---- what a screen may offer ----

// SubmissionActions lists what u may do to sub now; 修改信息 is offered to the
// owner whenever no submission of the plugin is in review.
func SubmissionActions(u User, p Plugin, sub Submission, anyInReview bool) []Action {
	var as []Action
	for _, r := range []Role{RoleDeveloper, RoleReviewer} {
		if !u.Has(r) || (r == RoleDeveloper && p.Owner != u.Name) || (r == RoleReviewer && sub.SubmittedBy == u.Name) {
			continue
		}
		as = append(as, Actions(SubmissionMachine, sub.State, r)...)
	}
	if u.Has(RoleDeveloper) && p.Owner == u.Name && !anyInReview && sub.State != SubmissionInReview && sub.State != SubmissionSuperseded {
		as = append(as, ActModify)
	}
	return as
}

// ---- helpers ----

func (s *Service) actor(txn Txn, as string) (User, error) {
	u, ok, err := txn.User(as)
	if err != nil {
		return User{}, err
	}
	if !ok {
		return User{}, notFoundf("user %q does not exist; add it with: plugpub user add %s --role developer|reviewer|consumer", as, as)
	}
	return u, nil
}

// member loads the acting user and the plugin; what they may do is
// decided per action by authorize.
func (s *Service) member(txn Txn, as, pluginID string) (User, Plugin, error) {
	u, err := s.actor(txn, as)
	if err != nil {
		return User{}, Plugin{}, err
	}
	p, ok, err := txn.Plugin()
	if err != nil {
		return User{}, Plugin{}, err
	}
	if !ok {
		return User{}, Plugin{}, notFoundf("plugin %s does not exist", pluginID)
	}
	return u, p, nil
}

// owned is member plus: as is the plugin's owning developer.
func (s *Service) owned(txn Txn, as, pluginID, what string) (User, Plugin, error) {
	u, p, err := s.member(txn, as, pluginID)
	if err != nil {
		return User{}, Plugin{}, err
	}
	if err := ownerOnly(u, p, what); err != nil {
		return User{}, Plugin{}, err
	}
	return u, p, nil
}

func ownerOnly(u User, p Plugin, what any) error {
	if !u.Has(RoleDeveloper) {
		return forbiddenf("to %s needs the developer role; %s is %s", word(what), u.Name, u.RoleList())
	}
	if p.Owner != u.Name {
		return forbiddenf("only the owner of plugin %s (%s) may %s", p.ID, p.Owner, word(what))
	}
	return nil
}

func anyRole[S ~string](m []Transition[S], act Action) Role {
	for _, t := range m {
		if t.Action == act && t.Role != RoleSystem {
			return t.Role
		}
	}
	return ""
}

// stale refuses to act on a row that moved since the user saw it.
func stale(what any, rev, expect int64, by string, at time.Time) error {
	if expect != AnyRev && expect != rev {
		return Conflict(what, by, at)
	}
	return nil
}

// change stamps actor, time and plugin onto a change and bumps the plugin
// row, which serialises every state change of one plugin.
func (s *Service) change(u User, now time.Time, p *Plugin, c Change) Change {
	c.Actor, c.At = u.Name, now
	p.UpdatedBy, p.UpdatedAt = u.Name, now
	c.Plugin = p
	for i := range c.Events {
		c.Events[i].Actor, c.Events[i].At, c.Events[i].PluginID = u.Name, now, p.ID
	}
	return c
}

func supersede(o *Submission, actor string, now time.Time) Submission {
	o.State, o.UpdatedBy, o.UpdatedAt, o.Snapshot = SubmissionSuperseded, actor, now, nil
	return *o
}

func reasonFor(act Action, reason string) string {
	if act == ActReject {
		return reason
	}
	return ""
}

func latestState(open []Submission) any {
	if len(open) == 0 {
		return ""
	}
	parts := i18n.List{Sep: ", "}
	for _, o := range open {
		parts.Items = append(parts.Items, i18n.T("%d is %s", o.ID, Label(string(o.State))))
	}
	return i18n.T("; submission %s", parts)
}

func buyersWord(b string) string {
	switch b {
	case BuyersPersonal:
		return "personal"
	case BuyersEnterprise:
		return "enterprise"
	}
	return "any"
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// checkLimits refuses drafts too large to be anything but a mistake or an
// attack, before anything else looks at them.
func checkLimits(d Draft) error {
	if probs := d.OverLimits(); len(probs) > 0 {
		return invalid(probs)
	}
	return nil
}

// VersionActions lists what u may do to version v now, given all the
// plugin's versions: the allowed actions of VersionOffer.
func VersionActions(u User, p Plugin, v Version, all []Version) []Action {
	return VersionOffer(u, PluginFacts{Plugin: p, Versions: all}, v).Allowed()
}

// inReview is the states of which a plugin has at most one version.
func inReview(v Version) bool {
	return v.State == VersionAuditing || v.State == VersionApproved || v.State == VersionRejected
}
