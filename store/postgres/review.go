package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"plugpub/workflow"
)

// Review that helps both sides (issue 16, migration 0009): notes pinned to
// fields of a rejected submission, claims (认领), and the queue's figures.

// claim writes s's claim beside its row: one row while s is in review and
// claimed, none otherwise. The submission's rev, bumped in the same
// change, is the compare-and-set that guards it.
func (w *writer) claim(s *workflow.Submission) error {
	if s.ClaimedBy == "" || s.State != workflow.SubmissionInReview {
		_, err := w.exec("DELETE FROM review_claims WHERE submission_id = ?", s.ID)
		if err != nil {
			return fmt.Errorf("writing the claim of submission %d: %w", s.ID, err)
		}
		return nil
	}
	_, err := w.exec(`INSERT INTO review_claims (submission_id, claimed_by, claimed_at) VALUES (?, ?, ?)
		ON CONFLICT (submission_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at`,
		s.ID, s.ClaimedBy, ms(s.ClaimedAt))
	if err != nil {
		return fmt.Errorf("writing the claim of submission %d: %w", s.ID, err)
	}
	return nil
}

// note inserts one note on a submission of the change's plugin; a note
// is never updated.
func (w *writer) note(n *workflow.Note) error {
	by, at := w.stamp(n.Author, n.At)
	k, err := w.exec(`INSERT INTO review_notes (submission_id, seq, path, text, author, at)
		SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM submissions WHERE id = ? AND plugin_id = ?)`,
		n.SubmissionID, n.Seq, n.Path, n.Text, by, at, n.SubmissionID, w.plugin)
	if _, ok := isUnique(err); ok {
		return workflow.Illegal("submission %d already has note %d; a note is never changed", n.SubmissionID, n.Seq)
	}
	if err != nil {
		return fmt.Errorf("writing note %d of submission %d: %w", n.Seq, n.SubmissionID, err)
	}
	if k != 1 {
		return workflow.NotFound("plugin %s has no submission %d to note", w.plugin, n.SubmissionID)
	}
	n.Author, n.At = by, fromMS(at)
	return nil
}

// withNotes reads the notes of the rejected submissions among subs, in
// one query, and hands each its notes.
func (s *Store) withNotes(ctx context.Context, subs []workflow.Submission, set func(i int, ns []workflow.Note)) error {
	var ids []any
	at := map[int64]int{}
	for i, sub := range subs {
		if sub.State == workflow.SubmissionRejected {
			ids = append(ids, sub.ID)
			at[sub.ID] = i
		}
	}
	if len(ids) == 0 {
		return nil
	}
	notes, err := list(ctx, s.pool, scanNote, `SELECT submission_id, seq, path, text, author, at FROM review_notes
		WHERE submission_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY submission_id, seq`, ids...)
	if err != nil {
		return s.wrap("reading review notes", err)
	}
	for len(notes) > 0 {
		j := 1
		for j < len(notes) && notes[j].SubmissionID == notes[0].SubmissionID {
			j++
		}
		set(at[notes[0].SubmissionID], notes[:j:j])
		notes = notes[j:]
	}
	return nil
}

func scanNote(sc scanner) (workflow.Note, error) {
	var n workflow.Note
	var at int64
	err := sc.Scan(&n.SubmissionID, &n.Seq, &n.Path, &n.Text, &n.Author, &at)
	n.At = fromMS(at)
	return n, err
}

// claimWhere is the part of the queue's WHERE clause q adds.
func claimWhere(q workflow.QueueQuery) (string, []any) {
	var conds []string
	var args []any
	if q.Overdue {
		conds, args = append(conds, "due_at < ?"), append(args, ms(q.Now))
	}
	if q.ClaimedBy != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM review_claims c WHERE c.submission_id = submissions.id AND c.claimed_by = ? AND c.claimed_at > ?)")
		args = append(args, q.ClaimedBy, ms(q.LiveAfter))
	}
	if q.Unclaimed {
		conds = append(conds, "NOT EXISTS (SELECT 1 FROM review_claims c WHERE c.submission_id = submissions.id AND c.claimed_at > ?)")
		args = append(args, ms(q.LiveAfter))
	}
	return strings.Join(conds, " AND "), args
}

// queueWhere is queueFilter with q's picks.
func queueWhere(q workflow.QueueQuery, filter string) (string, []any) {
	cond, args := queueFilter(filter)
	if extra, more := claimWhere(q); extra != "" {
		cond, args = cond+" AND "+extra, append(args, more...)
	}
	return cond, args
}

// ReviewQueueWhere lists the in-review submissions q picks that match
// p.Filter, earliest due first.
func (s *Store) ReviewQueueWhere(ctx context.Context, q workflow.QueueQuery, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := queueWhere(q, p.Filter)
	subs, err := list(ctx, s.pool, scanBareSubmission, "SELECT "+submissionCols+" FROM submissions"+cond+`
		ORDER BY due_at, id LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return subs, s.wrap("listing the review queue", err)
}

// CountReviewQueueWhere counts what ReviewQueueWhere lists.
func (s *Store) CountReviewQueueWhere(ctx context.Context, q workflow.QueueQuery, filter string) (int, error) {
	cond, args := queueWhere(q, filter)
	return s.count(ctx, "counting the review queue", "SELECT count(*) FROM submissions"+cond, args...)
}

// ReviewFigures counts the queue at q.Now and the decisions since q.Since,
// from indexes: the queue's, the claims' and submissions_decided.
func (s *Store) ReviewFigures(ctx context.Context, q workflow.FiguresQuery) (workflow.ReviewFigures, error) {
	f := workflow.ReviewFigures{PerDay: map[int64]int{}}
	err := s.pool.QueryRow(ctx, rebind(`SELECT count(*), count(*) FILTER (WHERE due_at < ?) FROM submissions WHERE state = 'in_review'`),
		ms(q.Now)).Scan(&f.InReview, &f.Overdue)
	if err != nil {
		return f, s.wrap("counting the review queue", err)
	}
	var claimed int
	err = s.pool.QueryRow(ctx, rebind(`SELECT count(*) FROM review_claims c JOIN submissions s ON s.id = c.submission_id
		WHERE c.claimed_at > ? AND s.state = 'in_review'`), ms(q.LiveAfter)).Scan(&claimed)
	if err != nil {
		return f, s.wrap("counting the claims", err)
	}
	f.Unclaimed = f.InReview - claimed
	rows, err := s.pool.Query(ctx, rebind(`SELECT (reviewed_at + ?) / 86400000 AS day, count(*), count(*) FILTER (WHERE reviewed_at <= due_at)
		FROM submissions WHERE reviewed_at >= ? GROUP BY day`), int64(q.ZoneOffset)*1000, ms(q.Since))
	if err != nil {
		return f, s.wrap("counting the decisions", err)
	}
	defer rows.Close()
	for rows.Next() {
		var day int64
		var n, onTime int
		if err := rows.Scan(&day, &n, &onTime); err != nil {
			return f, s.wrap("counting the decisions", err)
		}
		f.PerDay[day] += n
		f.Decided += n
		f.OnTime += onTime
	}
	if err := rows.Err(); err != nil {
		return f, s.wrap("counting the decisions", err)
	}
	if f.Decided > 0 {
		var median int64
		err = s.pool.QueryRow(ctx, rebind(`SELECT reviewed_at - submitted_at AS d FROM submissions WHERE reviewed_at >= ?
			ORDER BY d LIMIT 1 OFFSET ?`), ms(q.Since), f.Decided/2).Scan(&median)
		if err != nil {
			return f, s.wrap("reading the median decision", err)
		}
		f.Median = time.Duration(median) * time.Millisecond
	}
	return f, nil
}
