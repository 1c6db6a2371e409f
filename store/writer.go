package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// WriteTx is an engine's write transaction as the shared writer uses it:
// its statements, and the few steps each engine takes its own way.
type WriteTx interface {
	Conn
	// IsUnique reports a unique index refusing a row.
	IsUnique(err error) bool
	// Index puts a plugin's market text into the search tables while its
	// listing is shown, and takes it out otherwise.
	Index(ctx context.Context, pluginID string, shown bool, m workflow.MarketText) error
}

// Writer applies one Change inside an engine's Update transaction, with
// a compare-and-set on each row's rev and the event log last, the same
// statements on every engine. A row that must be new is inserted ON
// CONFLICT (its key) DO NOTHING, so a failed statement never aborts the
// transaction (PostgreSQL's rule), and looked up when nothing was inserted.
type Writer struct {
	Ctx    context.Context
	Tx     WriteTx
	Plugin string
	Actor  string
	At     time.Time
	// DraftRead is Txn.DraftRead: a new submission whose snapshot equals
	// it is copied from the draft row. The plugin's changes run one at a
	// time (SQLite's write lock, PostgreSQL's advisory lock), and the
	// Change writes the draft after the submission, so the row is still
	// what was read.
	DraftRead *workflow.Draft
}

// Apply writes c in a fixed order: rows before what refers to them, and
// the log last. IDs the database assigns are written back into c.
func (w *Writer) Apply(c *workflow.Change) error {
	if c.Plugin != nil {
		if err := w.pluginRow(c.Plugin); err != nil {
			return err
		}
	}
	for _, i := range guardedLast(c.Versions, func(v workflow.Version) bool {
		switch v.State {
		case workflow.VersionAuditing, workflow.VersionApproved, workflow.VersionRejected, workflow.VersionOnline:
			return true
		}
		return false
	}) {
		if err := w.version(&c.Versions[i]); err != nil {
			return err
		}
	}
	for _, i := range guardedLast(c.Submissions, func(s workflow.Submission) bool {
		return s.State == workflow.SubmissionInReview || s.State == workflow.SubmissionListed
	}) {
		if err := w.submission(&c.Submissions[i]); err != nil {
			return err
		}
	}
	if c.NewSubmission != nil {
		if err := w.insertSubmission(c.NewSubmission); err != nil {
			return err
		}
	}
	if c.Listing != nil {
		if err := w.Listing(c.Listing, c.Market); err != nil {
			return err
		}
	}
	if c.Draft != nil {
		if err := w.draft(c.Draft); err != nil {
			return err
		}
	}
	for i := range c.Orders {
		if err := w.order(&c.Orders[i]); err != nil {
			return err
		}
	}
	for i := range c.Notes {
		n := &c.Notes[i]
		by, at := w.stamp(n.Author, n.At)
		if err := InsertNote(w.Ctx, w.Tx, w.Plugin, n, by, at, w.Tx.IsUnique); err != nil {
			return err
		}
	}
	for i := range c.Events {
		if err := w.event(&c.Events[i], c.NewSubmission, c.Orders); err != nil {
			return err
		}
	}
	return nil
}

// guardedLast orders rows so that those entering a state a unique index
// allows once per plugin (one in review, one online, one listed) are written
// after those leaving it: releasing a submission lists the new one and
// supersedes the old in the same change, in either order.
func guardedLast[T any](rows []T, guarded func(T) bool) []int {
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ga, gb := guarded(rows[a]), guarded(rows[b])
		switch {
		case ga == gb:
			return 0
		case ga:
			return 1
		}
		return -1
	})
	return idx
}

// adopt fills in the change's plugin on a row that names none.
func (w *Writer) adopt(pluginID *string) {
	if *pluginID == "" {
		*pluginID = w.Plugin
	}
}

// own checks that a row belongs to the plugin Update was asked to change:
// the one transaction per plugin is what serialises its state changes.
func (w *Writer) own(what any, pluginID string) error {
	if pluginID != w.Plugin {
		return fmt.Errorf("%s belongs to plugin %s, but this change is to plugin %s", what, pluginID, w.Plugin)
	}
	return nil
}

// stamp fills in who and when for a row the caller left them unset on.
func (w *Writer) stamp(by string, at time.Time) (string, int64) {
	if by == "" {
		by = w.Actor
	}
	if at.IsZero() {
		at = w.At
	}
	return by, MS(at)
}

// cas runs an UPDATE … WHERE rev = ? and, when it matched no row, reports a
// conflict naming who changed the row last (from lookup, which selects
// updated_by and updated_at). Under PostgreSQL's READ COMMITTED a
// concurrent writer's row is waited for and the WHERE tested again on what
// it committed.
func (w *Writer) cas(what any, update string, args []any, lookup string, key ...any) error {
	n, err := w.Tx.Exec(w.Ctx, update, args...)
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	if n == 1 {
		return nil
	}
	return w.conflict(what, lookup, key...)
}

// insert runs an INSERT … ON CONFLICT (its key) DO NOTHING of a row that
// must be new; when nothing was inserted, someone created it since it was
// read: a conflict. Another unique index refusing it is not a conflict but
// a change the schema does not allow.
func (w *Writer) insert(what any, insert string, args []any, lookup string, key ...any) error {
	return w.cas(what, insert, args, lookup, key...)
}

func (w *Writer) conflict(what any, lookup string, key ...any) error {
	var by string
	var at int64
	found, err := w.Tx.Row(w.Ctx, lookup, key, func(sc Scanner) error { return sc.Scan(&by, &at) })
	if err != nil {
		return fmt.Errorf("reading who changed %s: %w", what, err)
	}
	if !found {
		return workflow.Conflict(what, "", time.Time{})
	}
	return workflow.Conflict(what, by, FromMS(at))
}

func (w *Writer) pluginRow(p *workflow.Plugin) error {
	what := i18n.T("plugin %s", p.ID)
	if err := w.own(what, p.ID); err != nil {
		return err
	}
	by, at := w.stamp(p.UpdatedBy, p.UpdatedAt)
	const lookup = "SELECT updated_by, updated_at FROM plugins WHERE id = ?"
	if p.Rev == 0 {
		return w.insert(what, `INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at)
			VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING`, []any{p.ID, p.Name, p.Owner, MS(p.CreatedAt), by, at}, lookup, p.ID)
	}
	return w.cas(what, "UPDATE plugins SET name = ?, updated_by = ?, updated_at = ?, rev = rev + 1 WHERE id = ? AND rev = ?",
		[]any{p.Name, by, at, p.ID, p.Rev}, lookup, p.ID)
}

func (w *Writer) version(v *workflow.Version) error {
	w.adopt(&v.PluginID)
	what := i18n.T("version %s of plugin %s", v.SemVer.String(), v.PluginID)
	if err := w.own(what, v.PluginID); err != nil {
		return err
	}
	by, at := w.stamp(v.UpdatedBy, v.UpdatedAt)
	key := []any{v.PluginID, v.SemVer.Major, v.SemVer.Minor, v.SemVer.Patch}
	const lookup = "SELECT updated_by, updated_at FROM versions WHERE plugin_id = ? AND major = ? AND minor = ? AND patch = ?"
	if v.Rev == 0 {
		return w.insert(what, `INSERT INTO versions (plugin_id, major, minor, patch, state, reason, submitted_by, created_at,
			rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (plugin_id, major, minor, patch) DO NOTHING`,
			append(slices.Clone(key), string(v.State), v.Reason, v.SubmittedBy, MS(v.CreatedAt), by, at), lookup, key...)
	}
	return w.cas(what, `UPDATE versions SET state = ?, reason = ?, submitted_by = ?, updated_by = ?, updated_at = ?, rev = rev + 1
		WHERE plugin_id = ? AND major = ? AND minor = ? AND patch = ? AND rev = ?`,
		append([]any{string(v.State), v.Reason, v.SubmittedBy, by, at}, append(key, v.Rev)...), lookup, key...)
}

// submission updates a submission's state and review; never its snapshot,
// which is what was reviewed.
func (w *Writer) submission(s *workflow.Submission) error {
	if s.Rev == 0 {
		return w.insertSubmission(s)
	}
	w.adopt(&s.PluginID)
	what := i18n.T("submission %s", strconv.FormatInt(s.ID, 10))
	if err := w.own(what, s.PluginID); err != nil {
		return err
	}
	by, at := w.stamp(s.UpdatedBy, s.UpdatedAt)
	err := w.cas(what, `UPDATE submissions SET state = ?, reviewer = ?, reviewed_at = ?, reason = ?, updated_by = ?, updated_at = ?,
		rev = rev + 1 WHERE id = ? AND plugin_id = ? AND rev = ?`,
		[]any{string(s.State), s.Reviewer, OptMS(s.ReviewedAt), s.Reason, by, at, s.ID, s.PluginID, s.Rev},
		"SELECT updated_by, updated_at FROM submissions WHERE id = ?", s.ID)
	if err != nil {
		return err
	}
	return WriteClaim(w.Ctx, w.Tx, s)
}

func (w *Writer) insertSubmission(s *workflow.Submission) error {
	w.adopt(&s.PluginID)
	if err := w.own("the new submission", s.PluginID); err != nil {
		return err
	}
	if s.Snapshot == nil {
		return errors.New("a new submission needs its snapshot")
	}
	by, at := w.stamp(s.UpdatedBy, s.UpdatedAt)
	const insert = `INSERT INTO submissions (plugin_id, version, state, snapshot, submitted_by, submitted_at,
		due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at) `
	scanID := func(sc Scanner) error { return sc.Scan(&s.ID) }
	var err error
	if w.DraftRead != nil && s.PluginID == w.Plugin && s.Snapshot.Equal(*w.DraftRead) {
		// 提交申请 freezes the draft as it stands: its row already holds
		// the JSON, so the database copies it instead of Go encoding it
		// again (a third of submitting a big guide; BenchmarkSubmit).
		_, err = w.Tx.Row(w.Ctx, insert+`SELECT ?, ?, ?, body, ?, ?, ?, ?, ?, ?, 1, ?, ? FROM drafts WHERE plugin_id = ? RETURNING id`,
			[]any{s.PluginID, s.Version, string(s.State), s.SubmittedBy, MS(s.SubmittedAt), MS(s.DueAt), s.Reviewer,
				OptMS(s.ReviewedAt), s.Reason, by, at, s.PluginID}, scanID)
	} else {
		snap, encErr := EncodeDraft(*s.Snapshot)
		if encErr != nil {
			return fmt.Errorf("writing the new submission of plugin %s: %w", s.PluginID, encErr)
		}
		_, err = w.Tx.Row(w.Ctx, insert+`VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
			[]any{s.PluginID, s.Version, string(s.State), string(snap), s.SubmittedBy, MS(s.SubmittedAt), MS(s.DueAt), s.Reviewer,
				OptMS(s.ReviewedAt), s.Reason, by, at}, scanID)
	}
	if w.Tx.IsUnique(err) {
		return workflow.Illegal("plugin %s already has a submission %s", s.PluginID, workflow.Label(string(s.State)))
	}
	if err != nil {
		return fmt.Errorf("writing the new submission of plugin %s: %w", s.PluginID, err)
	}
	return nil
}

// Listing writes the listing row with the title, intro and buyers of the
// listed snapshot, as workflow gives them in text, and keeps market search
// in step: a plugin is in the search tables exactly while its listing is
// shown. The submission must be one of the plugin's.
func (w *Writer) Listing(l *workflow.Listing, text *workflow.MarketText) error {
	w.adopt(&l.PluginID)
	what := i18n.T("the listing of %s", l.PluginID)
	if err := w.own(what, l.PluginID); err != nil {
		return err
	}
	if text == nil {
		return fmt.Errorf("writing %s: the change carries no market text", what)
	}
	var one int
	ok, err := w.Tx.Row(w.Ctx, "SELECT 1 FROM submissions WHERE id = ? AND plugin_id = ?", []any{l.SubmissionID, l.PluginID},
		func(sc Scanner) error { return sc.Scan(&one) })
	if err != nil {
		return fmt.Errorf("reading the submission to list for %s: %w", l.PluginID, err)
	}
	if !ok {
		return workflow.NotFound("plugin %s has no submission %d to list", l.PluginID, l.SubmissionID)
	}
	by, at := w.stamp(l.UpdatedBy, l.UpdatedAt)
	const lookup = "SELECT updated_by, updated_at FROM listings WHERE plugin_id = ?"
	if l.Rev == 0 {
		err = w.insert(what, `INSERT INTO listings (plugin_id, submission_id, visibility, listed_at, title, intro, buyers,
			rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (plugin_id) DO NOTHING`,
			[]any{l.PluginID, l.SubmissionID, string(l.Visibility), MS(l.ListedAt), text.Title, text.Intro, text.Buyers, by, at},
			lookup, l.PluginID)
	} else {
		err = w.cas(what, `UPDATE listings SET submission_id = ?, visibility = ?, listed_at = ?, title = ?, intro = ?, buyers = ?,
			updated_by = ?, updated_at = ?, rev = rev + 1 WHERE plugin_id = ? AND rev = ?`,
			[]any{l.SubmissionID, string(l.Visibility), MS(l.ListedAt), text.Title, text.Intro, text.Buyers, by, at, l.PluginID, l.Rev},
			lookup, l.PluginID)
	}
	if err != nil {
		return err
	}
	return w.Tx.Index(w.Ctx, l.PluginID, l.Visibility == workflow.VisibilityShown, *text)
}

func (w *Writer) draft(d *workflow.StoredDraft) error {
	w.adopt(&d.PluginID)
	what := i18n.T("the draft of %s", d.PluginID)
	if err := w.own(what, d.PluginID); err != nil {
		return err
	}
	body, err := EncodeDraft(d.Draft)
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	by, at := w.stamp(d.UpdatedBy, d.UpdatedAt)
	const lookup = "SELECT updated_by, updated_at FROM drafts WHERE plugin_id = ?"
	if d.Rev == 0 {
		return w.insert(what, "INSERT INTO drafts (plugin_id, body, rev, updated_by, updated_at) VALUES (?, ?, 1, ?, ?) ON CONFLICT (plugin_id) DO NOTHING",
			[]any{d.PluginID, string(body), by, at}, lookup, d.PluginID)
	}
	return w.cas(what, "UPDATE drafts SET body = ?, updated_by = ?, updated_at = ?, rev = rev + 1 WHERE plugin_id = ? AND rev = ?",
		[]any{string(body), by, at, d.PluginID, d.Rev}, lookup, d.PluginID)
}

// order writes one order row: a compare-and-set on Rev, or (Rev 0) an
// insert that a live order of the same app (or buyer) refuses.
func (w *Writer) order(o *workflow.Order) error {
	w.adopt(&o.PluginID)
	what := i18n.T("order %s", strconv.FormatInt(o.ID, 10))
	if err := w.own(what, o.PluginID); err != nil {
		return err
	}
	by, upd := w.stamp(o.UpdatedBy, o.UpdatedAt)
	if o.Rev != 0 {
		return w.cas(what, UpdateOrder, []any{string(o.State), o.Reason, by, upd, o.ID, o.Rev}, OrderLookup, o.ID)
	}
	at := o.At
	if at.IsZero() {
		at = w.At
	}
	ok, err := w.Tx.Row(w.Ctx, InsertOrder, InsertOrderArgs(o, MS(at), by, upd), func(sc Scanner) error { return sc.Scan(&o.ID) })
	if err != nil || ok {
		return err
	}
	listed, err := w.Tx.Row(w.Ctx, "SELECT 1 FROM listings WHERE plugin_id = ? AND submission_id = ?", []any{o.PluginID, o.SubmissionID},
		func(sc Scanner) error { var one int; return sc.Scan(&one) })
	if err != nil {
		return err
	}
	return OrderRefused(o, listed)
}

// event appends one event; one about the new submission or a new order
// gets its id as key.
func (w *Writer) event(e *workflow.Event, newSub *workflow.Submission, orders []workflow.Order) error {
	w.adopt(&e.PluginID)
	if err := w.own("an event", e.PluginID); err != nil {
		return err
	}
	if err := FillEventKey(e, newSub, orders); err != nil {
		return err
	}
	actor, at := w.stamp(e.Actor, e.At)
	e.Actor, e.At = actor, FromMS(at)
	_, err := w.Tx.Row(w.Ctx, `INSERT INTO events (at, actor, plugin_id, entity, key, action, from_state, to_state, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		[]any{at, actor, e.PluginID, string(e.Entity), e.Key, string(e.Action), e.From, e.To, e.Reason},
		func(sc Scanner) error { return sc.Scan(&e.ID) })
	if err != nil {
		return fmt.Errorf("appending the %s %s event of plugin %s: %w", e.Entity, e.Action, e.PluginID, err)
	}
	return nil
}

// Change runs decide on the plugin's rows in tx and applies the change it
// returns (Writer); written is false when there was nothing to write, and
// the engine then commits nothing. decide's own error, and a workflow
// error of the writer (a conflict, a refusal), come back as they are.
func Change(ctx context.Context, tx WriteTx, pluginID string, wrap func(op string, err error) error,
	decide func(txn workflow.Txn) (workflow.Change, error)) (written bool, err error) {
	t := &Txn{Ctx: ctx, Conn: tx, PluginID: pluginID, Wrap: wrap}
	c, err := decide(t)
	if err != nil || c.Empty() {
		return false, err
	}
	w := Writer{Ctx: ctx, Tx: tx, Plugin: pluginID, Actor: c.Actor, At: c.At, DraftRead: t.DraftRead}
	if err := w.Apply(&c); err != nil {
		if workflow.KindOf(err) != 0 {
			return false, err
		}
		return false, wrap("changing plugin "+pluginID, err)
	}
	return true, nil
}
