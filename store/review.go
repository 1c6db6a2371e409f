package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"plugpub/workflow"
)

// Review that helps both sides (issue 16; SQLite migration 0009,
// PostgreSQL 0002): notes pinned to fields of a rejected submission,
// claims (认领), and the queue's figures, in the SQL both engines speak.

// WriteClaim writes s's claim beside its row, inside the change that bumps
// s's rev (the compare-and-set that guards it): one row while s is in
// review and claimed, none otherwise.
func WriteClaim(ctx context.Context, tx Conn, s *workflow.Submission) error {
	var err error
	if s.ClaimedBy == "" || s.State != workflow.SubmissionInReview {
		_, err = tx.Exec(ctx, "DELETE FROM review_claims WHERE submission_id = ?", s.ID)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO review_claims (submission_id, claimed_by, claimed_at) VALUES (?, ?, ?)
			ON CONFLICT (submission_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at`,
			s.ID, s.ClaimedBy, MS(s.ClaimedAt))
	}
	if err != nil {
		return fmt.Errorf("writing the claim of submission %d: %w", s.ID, err)
	}
	return nil
}

// InsertNote inserts one note on a submission of plugin, by, at; a note
// is never updated. unique says an error is the engine's unique violation.
func InsertNote(ctx context.Context, tx Conn, plugin string, n *workflow.Note, by string, at int64, unique func(error) bool) error {
	k, err := tx.Exec(ctx, `INSERT INTO review_notes (submission_id, seq, path, text, author, at)
		SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM submissions WHERE id = ? AND plugin_id = ?)`,
		n.SubmissionID, n.Seq, n.Path, n.Text, by, at, n.SubmissionID, plugin)
	if err != nil && unique(err) {
		return workflow.Illegal("submission %d already has note %d; a note is never changed", n.SubmissionID, n.Seq)
	}
	if err != nil {
		return fmt.Errorf("writing note %d of submission %d: %w", n.Seq, n.SubmissionID, err)
	}
	if k != 1 {
		return workflow.NotFound("plugin %s has no submission %d to note", plugin, n.SubmissionID)
	}
	n.Author, n.At = by, FromMS(at)
	return nil
}

// NoteCols are the columns ScanNote reads.
const NoteCols = "submission_id, seq, path, text, author, at"

// ScanNote reads NoteCols.
func ScanNote(sc Scanner) (workflow.Note, error) {
	var n workflow.Note
	var at int64
	err := sc.Scan(&n.SubmissionID, &n.Seq, &n.Path, &n.Text, &n.Author, &at)
	n.At = FromMS(at)
	return n, err
}

// withNotes reads the notes of the rejected submissions among subs, in
// one query, and hands each its notes.
func (r Reads) withNotes(ctx context.Context, subs []workflow.Submission, set func(i int, ns []workflow.Note)) error {
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
	notes, err := List(ctx, r.Conn, ScanNote, "SELECT "+NoteCols+" FROM review_notes WHERE submission_id IN (?"+
		strings.Repeat(", ?", len(ids)-1)+") ORDER BY submission_id, seq", ids...)
	if err != nil {
		return r.Wrap("reading review notes", err)
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

// claimWhere is the part of the queue's WHERE clause q adds.
func claimWhere(q workflow.QueueQuery) (string, []any) {
	var conds []string
	var args []any
	if q.Overdue {
		conds, args = append(conds, "due_at < ?"), append(args, MS(q.Now))
	}
	if q.ClaimedBy != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM review_claims c WHERE c.submission_id = submissions.id AND c.claimed_by = ? AND c.claimed_at > ?)")
		args = append(args, q.ClaimedBy, MS(q.LiveAfter))
	}
	if q.Unclaimed {
		conds = append(conds, "NOT EXISTS (SELECT 1 FROM review_claims c WHERE c.submission_id = submissions.id AND c.claimed_at > ?)")
		args = append(args, MS(q.LiveAfter))
	}
	return strings.Join(conds, " AND "), args
}

// queueWhere is the queue's filter with q's picks.
func (r Reads) queueWhere(q workflow.QueueQuery, filter string) (string, []any) {
	cond, args := r.QueueFilter(filter)
	if extra, more := claimWhere(q); extra != "" {
		cond, args = cond+" AND "+extra, append(args, more...)
	}
	return cond, args
}

// ReviewQueueWhere lists the in-review submissions q picks that match
// p.Filter, earliest due first.
func (r Reads) ReviewQueueWhere(ctx context.Context, q workflow.QueueQuery, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := r.queueWhere(q, p.Filter)
	subs, err := List(ctx, r.Conn, ScanBareSubmission, "SELECT "+SubmissionCols+r.QueueFrom+cond+`
		ORDER BY due_at, id LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return subs, r.Wrap("listing the review queue", err)
}

// CountReviewQueueWhere counts what ReviewQueueWhere lists.
func (r Reads) CountReviewQueueWhere(ctx context.Context, q workflow.QueueQuery, filter string) (int, error) {
	cond, args := r.queueWhere(q, filter)
	n, err := Count(ctx, r.Conn, "SELECT count(*)"+r.QueueFrom+cond, args...)
	return n, r.Wrap("counting the review queue", err)
}

// ReviewFigures counts the queue at q.Now and the decisions since q.Since
// from indexes: the queue's, the claims' and submissions_decided.
func (r Reads) ReviewFigures(ctx context.Context, q workflow.FiguresQuery) (workflow.ReviewFigures, error) {
	f := workflow.ReviewFigures{PerDay: map[int64]int{}}
	_, err := r.Conn.Row(ctx, `SELECT count(*), count(*) FILTER (WHERE due_at < ?) FROM submissions WHERE state = 'in_review'`,
		[]any{MS(q.Now)}, func(sc Scanner) error { return sc.Scan(&f.InReview, &f.Overdue) })
	if err != nil {
		return f, r.Wrap("counting the review queue", err)
	}
	claimed, err := Count(ctx, r.Conn, `SELECT count(*) FROM review_claims c JOIN submissions s ON s.id = c.submission_id
		WHERE c.claimed_at > ? AND s.state = 'in_review'`, MS(q.LiveAfter))
	if err != nil {
		return f, r.Wrap("counting the claims", err)
	}
	f.Unclaimed = f.InReview - claimed
	err = r.Conn.Each(ctx, `SELECT (reviewed_at + ?) / 86400000 AS day, count(*), count(*) FILTER (WHERE reviewed_at <= due_at)
		FROM submissions WHERE reviewed_at >= ? GROUP BY day`, []any{int64(q.ZoneOffset) * 1000, MS(q.Since)}, func(sc Scanner) error {
		var day int64
		var n, onTime int
		if err := sc.Scan(&day, &n, &onTime); err != nil {
			return err
		}
		f.PerDay[day] += n
		f.Decided += n
		f.OnTime += onTime
		return nil
	})
	if err != nil {
		return f, r.Wrap("counting the decisions", err)
	}
	if f.Decided > 0 {
		var median int64
		_, err = r.Conn.Row(ctx, `SELECT reviewed_at - submitted_at AS d FROM submissions WHERE reviewed_at >= ?
			ORDER BY d LIMIT 1 OFFSET ?`, []any{MS(q.Since), f.Decided / 2}, func(sc Scanner) error { return sc.Scan(&median) })
		if err != nil {
			return f, r.Wrap("reading the median decision", err)
		}
		f.Median = time.Duration(median) * time.Millisecond
	}
	return f, nil
}
