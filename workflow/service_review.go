package workflow

import (
	"context"
	"strings"
	"time"
)

// RejectWithNotes turns a submission down (审核驳回) with a reason and
// notes pinned to fields of its snapshot: every note on a field the
// snapshot has, or nothing is written.
func (s *Service) RejectWithNotes(ctx context.Context, as string, subID int64, reason string, notes []NoteInput, expect int64) (Submission, error) {
	for i := range notes {
		notes[i].Path, notes[i].Text = strings.TrimSpace(notes[i].Path), strings.TrimSpace(notes[i].Text)
	}
	return s.submissionActNotes(ctx, as, "", subID, ActReject, reason, notes, expect)
}

// Claim marks a submission in review as the user's (认领), or renews the
// user's claim; a claim lapses ClaimLapse later. Claiming one another
// reviewer holds takes it over (ClaimOffer asks first).
func (s *Service) Claim(ctx context.Context, as string, subID int64, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, "", subID, ActClaim, "", expect)
}

// Unclaim gives the user's claim up (取消认领).
func (s *Service) Unclaim(ctx context.Context, as string, subID int64, expect int64) (Submission, error) {
	return s.submissionAct(ctx, as, "", subID, ActUnclaim, "", expect)
}

// pinNotes makes the notes of a 驳回 of sub, checked against its snapshot.
func (s *Service) pinNotes(txn Txn, sub Submission, in []NoteInput, author string, now time.Time) ([]Note, error) {
	if sub.Snapshot == nil {
		full, ok, err := txn.Submission(sub.ID)
		if err != nil {
			return nil, err
		}
		if !ok || full.Snapshot == nil {
			return nil, notFoundf("submission %d does not exist", sub.ID)
		}
		sub = full
	}
	if err := checkNotes(*sub.Snapshot, sub.ID, in); err != nil {
		return nil, err
	}
	out := make([]Note, len(in))
	for i, n := range in {
		out[i] = Note{SubmissionID: sub.ID, Seq: i + 1, Path: n.Path, Text: n.Text, Author: author, At: now}
	}
	return out, nil
}

// ReviewQueueWhere lists the in-review submissions qf picks, earliest due
// first, with their live claims (a lapsed one is cleared).
func (s *Service) ReviewQueueWhere(ctx context.Context, as string, qf QueueFilter, p Page) ([]Submission, error) {
	if _, err := s.reviewer(ctx, as); err != nil {
		return nil, err
	}
	now := s.clock()
	subs, err := s.store.ReviewQueueWhere(ctx, qf.query(as, now), p.Clamp())
	return asOf(subs, now), err
}

// CountReviewQueueWhere counts what ReviewQueueWhere lists.
func (s *Service) CountReviewQueueWhere(ctx context.Context, as string, qf QueueFilter, filter string) (int, error) {
	if _, err := s.reviewer(ctx, as); err != nil {
		return 0, err
	}
	return s.store.CountReviewQueueWhere(ctx, qf.query(as, s.clock()), filter)
}

// ReviewStats is the review queue at a glance now: in review, overdue and
// unclaimed, the decisions of each of the last StatsDays days, and the
// median time to a decision against the promise of one working day.
func (s *Service) ReviewStats(ctx context.Context, as string) (ReviewStats, error) {
	if _, err := s.reviewer(ctx, as); err != nil {
		return ReviewStats{}, err
	}
	now := s.clock()
	since, offset := statsWindow(now)
	f, err := s.store.ReviewFigures(ctx, FiguresQuery{Now: now, LiveAfter: now.Add(-ClaimLapse), Since: since, ZoneOffset: offset})
	if err != nil {
		return ReviewStats{}, err
	}
	return statsOf(now, f), nil
}

// DiffBases finds what sub can be compared with in review: the listed
// snapshot (unless sub is the listed one), and the rejected submission
// sub follows — the plugin's newest earlier submission that was not
// withdrawn, when it was rejected — with its notes.
func (s *Service) DiffBases(ctx context.Context, as string, sub Submission) (DiffBases, error) {
	if _, _, err := s.readable(ctx, as, sub.PluginID); err != nil {
		return DiffBases{}, err
	}
	var b DiffBases
	var err error
	if b.Listed, b.Listing, err = s.listedBase(ctx, sub); err != nil {
		return DiffBases{}, err
	}
	prev, ok, err := s.before(ctx, sub.PluginID, sub.ID)
	if err != nil || !ok || prev.State != SubmissionRejected {
		return b, err
	}
	full, err := s.store.Submission(ctx, prev.ID)
	if err != nil {
		return DiffBases{}, err
	}
	b.Rejected = &full
	return b, nil
}

// listedBase is the listed snapshot sub is compared with in review and its
// listing, or nil when the plugin is not listed or sub is the listed one.
func (s *Service) listedBase(ctx context.Context, sub Submission) (*Submission, *Listing, error) {
	l, err := s.store.Listing(ctx, sub.PluginID)
	switch {
	case err == nil && l.SubmissionID != sub.ID:
		base, err := s.store.Submission(ctx, l.SubmissionID)
		if err != nil {
			return nil, nil, err
		}
		return &base, &l, nil
	case err != nil && KindOf(err) != KindNotFound:
		return nil, nil, err
	}
	return nil, nil, nil
}

// before is the plugin's newest submission older than id that was not
// withdrawn (a withdrawal takes a resubmission back, not the 驳回 it
// answered); id 0 is newer than any.
func (s *Service) before(ctx context.Context, pluginID string, id int64) (Submission, bool, error) {
	// Newest first: a short first page nearly always holds it.
	for off, n := 0, 8; ; off, n = off+n, min(2*n, MaxPageSize) {
		subs, err := s.store.Submissions(ctx, pluginID, Page{Offset: off, Limit: n})
		if err != nil {
			return Submission{}, false, err
		}
		for _, o := range subs {
			if (id == 0 || o.ID < id) && o.State != SubmissionWithdrawn {
				return o, true, nil
			}
		}
		if len(subs) < n {
			return Submission{}, false, nil
		}
	}
}

// DraftNotes are the notes of the 驳回 the plugin's draft answers — its
// newest submission that was not withdrawn, when it was rejected — each
// marked resolved once its field changed in the draft; ③ lists them, and
// says which are still open before 提交申请.
func (s *Service) DraftNotes(ctx context.Context, as, pluginID string) ([]NoteStatus, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	last, ok, err := s.before(ctx, pluginID, 0)
	if err != nil || !ok || last.State != SubmissionRejected || len(last.Notes) == 0 {
		return nil, err
	}
	full, err := s.store.Submission(ctx, last.ID)
	if err != nil {
		return nil, err
	}
	d, err := s.store.Draft(ctx, pluginID)
	if err != nil && KindOf(err) != KindNotFound {
		return nil, err
	}
	return NoteStatuses(full, d.Draft), nil
}

// reviewer is the acting user, who must hold the reviewer role.
func (s *Service) reviewer(ctx context.Context, as string) (User, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return User{}, err
	}
	if !u.Has(RoleReviewer) {
		return User{}, forbiddenf("the review queue needs the reviewer role; %s is %s", u.Name, u.roles())
	}
	return u, nil
}

func asOf(subs []Submission, now time.Time) []Submission {
	for i := range subs {
		subs[i] = subs[i].AsOf(now)
	}
	return subs
}
