package workflow

import (
	"context"
	"slices"
	"strings"
	"time"

	"plugpub/workflow/i18n"
)

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
	return s.submissionActNotes(ctx, as, pluginID, subID, act, reason, nil, expect)
}

// submissionActNotes is submissionAct with the notes of a 驳回.
func (s *Service) submissionActNotes(ctx context.Context, as, pluginID string, subID int64, act Action, reason string, notes []NoteInput, expect int64) (Submission, error) {
	reason = strings.TrimSpace(reason)
	if act == ActReject {
		if err := ValidateReason(reason); err != nil {
			return Submission{}, err
		}
	}
	if len(notes) > 0 && act != ActReject {
		return Submission{}, illegalf("notes go with a rejection (驳回) only")
	}
	if subID != 0 {
		sub, err := s.store.Submission(ctx, subID)
		if err != nil {
			return Submission{}, err
		}
		pluginID = sub.PluginID
	}
	var out Submission
	err := s.updateAsMember(ctx, as, pluginID, func(txn Txn, u User, p Plugin) (Change, error) {
		if v := permitted(act, anyRole(SubmissionMachine, act), u, p, i18n.T("a submission of %s", pluginID)); !v.Allowed {
			return Change{}, v.Err()
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		now := s.clock()
		f.Now = now
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
		offer := SubmissionOffer(u, f, sub)
		if act == ActClaim || act == ActUnclaim {
			offer = ClaimOffer(u, f, sub)
		}
		vd := offer.Get(act)
		if !vd.Allowed {
			return Change{}, vd.Err()
		}
		to, _ := Next(SubmissionMachine, sub.State, act, anyRole(SubmissionMachine, act))
		c := Change{}
		if len(notes) > 0 {
			if c.Notes, err = s.pinNotes(txn, sub, notes, u.Name, now); err != nil {
				return Change{}, err
			}
		}
		from := sub.State
		sub.State, sub.UpdatedBy, sub.UpdatedAt = to, u.Name, now
		switch act {
		case ActApprove, ActReject:
			sub.Reviewer, sub.ReviewedAt, sub.Reason = u.Name, now, reason
		case ActClaim:
			if vd.ClaimedBy != "" {
				reason = "taken over from " + vd.ClaimedBy
			}
			sub.ClaimedBy, sub.ClaimedAt = u.Name, now
		}
		if act == ActUnclaim || to != SubmissionInReview {
			sub.ClaimedBy, sub.ClaimedAt = "", time.Time{} // a decision or a withdrawal ends a claim
		}
		sub.Snapshot, sub.Notes = nil, nil // the snapshot and notes are immutable; never rewrite them
		c.Submissions = append(c.Submissions, sub)
		c.Events = append(c.Events, Event{Entity: EntitySubmission, Key: id(sub.ID), Action: act, From: string(from), To: string(to), Reason: reason})
		for _, n := range c.Notes {
			c.Events = append(c.Events, Event{Entity: EntitySubmission, Key: id(sub.ID), Action: ActNote, From: string(to), To: string(to), Reason: n.Path + ": " + n.Text})
		}
		if act == ActRelease {
			if err := s.release(txn, &c, open, sub, u.Name, now); err != nil {
				return Change{}, err
			}
		}
		out = sub
		out.Notes = c.Notes
		return s.change(u, now, &p, c), nil
	})
	out.Rev++
	return out, err
}

// release adds to c what 上架 changes besides the submission: the earlier
// listed submission is superseded and the listing points at the new one,
// with the market text of its snapshot.
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
	full, found, err := txn.Submission(sub.ID)
	if err != nil {
		return err
	}
	if !found || full.Snapshot == nil {
		return notFoundf("plugin %s has no submission %d to list", sub.PluginID, sub.ID)
	}
	from := ""
	if ok {
		from = string(l.Visibility)
	} else {
		l = Listing{PluginID: sub.PluginID, Visibility: VisibilityHidden}
		if full.Snapshot.Info.ShowAfterRelease {
			l.Visibility = VisibilityShown
		}
	}
	l.SubmissionID, l.ListedAt, l.UpdatedBy, l.UpdatedAt = sub.ID, now, actor, now
	m := MarketTextOf(full.Snapshot)
	c.Listing, c.Market = &l, &m
	c.Events = append(c.Events, Event{Entity: EntityListing, Key: id(sub.ID), Action: ActRelease, From: from, To: string(l.Visibility)})
	return nil
}

func supersede(o *Submission, actor string, now time.Time) Submission {
	o.State, o.UpdatedBy, o.UpdatedAt, o.Snapshot = SubmissionSuperseded, actor, now, nil
	return *o
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
