package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"plugpub/store"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// Update runs decide in one transaction on one plugin and applies the
// change it returns, with a compare-and-set on every row's Rev. The
// transaction first takes the plugin's advisory lock, so the changes of
// one plugin run one at a time from every host, as SQLite's one writer
// runs them, and decide reads what the last of them committed. A
// serialization failure or deadlock runs it all again, decide included,
// a bounded number of times. A commit NOTIFYs Channel.
func (s *Store) Update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	return s.retry(ctx, func() error { return s.update(ctx, pluginID, decide) })
}

func (s *Store) update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("starting a change of plugin "+pluginID, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "plugpub/plugin/"+pluginID); err != nil {
		return s.wrap("starting a change of plugin "+pluginID, err)
	}
	t := &txn{ctx: ctx, q: tx, plugin: pluginID, s: s}
	c, err := decide(t)
	if err != nil {
		return err
	}
	if c.Empty() {
		return nil
	}
	w := writer{ctx: ctx, tx: tx, plugin: pluginID, actor: c.Actor, at: c.At}
	if err := w.apply(&c); err != nil {
		return s.wrap("changing plugin "+pluginID, err)
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", Channel, pluginID); err != nil {
		return s.wrap("changing plugin "+pluginID, err)
	}
	return s.wrap("saving the change of plugin "+pluginID, tx.Commit(ctx))
}

// View runs read with Update's reads on the pool, outside any transaction.
func (s *Store) View(ctx context.Context, pluginID string, read func(txn workflow.Txn) error) error {
	return s.retry(ctx, func() error {
		return read(&txn{ctx: ctx, q: s.pool, plugin: pluginID, s: s})
	})
}

// txn reads one plugin's rows inside Update's transaction (or the pool's,
// for View).
type txn struct {
	ctx    context.Context
	q      querier
	plugin string
	s      *Store
}

func (t *txn) Plugin() (workflow.Plugin, bool, error) {
	p, ok, err := one(t.ctx, t.q, store.ScanBarePlugin, "SELECT "+store.PluginCols+" FROM plugins WHERE id = ?", t.plugin)
	return p, ok, t.s.wrap("reading plugin "+t.plugin, err)
}

func (t *txn) Versions() ([]workflow.Version, error) {
	vs, err := list(t.ctx, t.q, store.ScanVersion,
		"SELECT "+store.VersionCols+" FROM versions WHERE plugin_id = ? ORDER BY major, minor, patch", t.plugin)
	return vs, t.s.wrap("reading the versions of plugin "+t.plugin, err)
}

func (t *txn) Open() ([]workflow.Submission, error) {
	subs, err := list(t.ctx, t.q, store.ScanBareSubmission,
		"SELECT "+store.SubmissionCols+" FROM submissions WHERE plugin_id = ? AND state IN ('in_review', 'approved', 'listed') ORDER BY id",
		t.plugin)
	return subs, t.s.wrap("reading the open submissions of plugin "+t.plugin, err)
}

func (t *txn) Submission(id int64) (workflow.Submission, bool, error) {
	sub, ok, err := one(t.ctx, t.q, store.ScanFullSubmission,
		"SELECT "+store.SubmissionCols+", snapshot FROM submissions WHERE id = ? AND plugin_id = ?", id, t.plugin)
	return sub, ok, t.s.wrap(fmt.Sprintf("reading submission %d", id), err)
}

func (t *txn) Listing() (workflow.Listing, bool, error) {
	l, ok, err := one(t.ctx, t.q, store.ScanListing, "SELECT "+store.ListingCols+" FROM listings WHERE plugin_id = ?", t.plugin)
	return l, ok, t.s.wrap("reading the listing of plugin "+t.plugin, err)
}

// Draft returns the stored draft, or an empty one with Rev 0 and ok=false.
func (t *txn) Draft() (workflow.StoredDraft, bool, error) {
	d, ok, err := one(t.ctx, t.q, store.ScanDraft, "SELECT "+store.DraftCols+" FROM drafts WHERE plugin_id = ?", t.plugin)
	if err == nil && !ok {
		d = workflow.StoredDraft{PluginID: t.plugin, Draft: workflow.NewDraft()}
	}
	return d, ok, t.s.wrap("reading the draft of plugin "+t.plugin, err)
}

func (t *txn) LiveOrder(consumer, appID string) (workflow.Order, bool, error) {
	q, args := store.LiveOrderQuery(t.plugin, consumer, appID)
	o, ok, err := one(t.ctx, t.q, store.ScanOrder, q, args...)
	return o, ok, t.s.wrap(fmt.Sprintf("reading the live order of %s %s for plugin %s", consumer, appID, t.plugin), err)
}

func (t *txn) OrderByID(id int64) (workflow.Order, bool, error) {
	o, ok, err := one(t.ctx, t.q, store.ScanOrder, store.OrderByIDQuery, id, t.plugin)
	return o, ok, t.s.wrap(fmt.Sprintf("reading order %d", id), err)
}

func (t *txn) App(appID string) (workflow.App, bool, error) {
	a, ok, err := one(t.ctx, t.q, store.ScanApp, store.AppQuery, appID)
	return a, ok, t.s.wrap("reading mini program "+appID, err)
}

func (t *txn) User(name string) (workflow.User, bool, error) {
	u, ok, err := one(t.ctx, t.q, store.ScanUser, "SELECT "+store.UserCols+" FROM users WHERE name = ?", name)
	return u, ok, t.s.wrap("reading user "+name, err)
}

// writer applies one Change inside Update's transaction. A statement that
// fails aborts a PostgreSQL transaction, so a row that may exist is
// inserted ON CONFLICT DO NOTHING and looked up when nothing was inserted.
type writer struct {
	ctx    context.Context
	tx     pgx.Tx
	plugin string
	actor  string
	at     time.Time
}

func (w *writer) exec(q string, args ...any) (int64, error) {
	tag, err := w.tx.Exec(w.ctx, store.Rebind(q), args...)
	return tag.RowsAffected(), err
}

func (w *writer) row(q string, args ...any) pgx.Row {
	return w.tx.QueryRow(w.ctx, store.Rebind(q), args...)
}

// apply writes c in the order of the SQLite store: rows before what refers
// to them, rows entering a once-per-plugin state after those leaving it,
// the log last. IDs the database assigns are written back into c.
func (w *writer) apply(c *workflow.Change) error {
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
		if err := w.listing(c.Listing, c.Market); err != nil {
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
	for i := range c.Events {
		if err := w.event(&c.Events[i], c.NewSubmission, c.Orders); err != nil {
			return err
		}
	}
	return nil
}

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

func (w *writer) own(what any, pluginID string) error {
	if pluginID != w.plugin {
		return fmt.Errorf("%s belongs to plugin %s, but this change is to plugin %s", what, pluginID, w.plugin)
	}
	return nil
}

func (w *writer) stamp(by string, at time.Time) (string, int64) {
	if by == "" {
		by = w.actor
	}
	if at.IsZero() {
		at = w.at
	}
	return by, store.MS(at)
}

// cas runs an UPDATE … WHERE rev = ? and, when it matched no row, reports a
// conflict naming who changed the row last (lookup selects updated_by and
// updated_at). Under READ COMMITTED a concurrent writer's row is waited
// for and the WHERE tested again on what it committed.
func (w *writer) cas(what any, update string, args []any, lookup string, key ...any) error {
	n, err := w.exec(update, args...)
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	return w.conflict(what, lookup, key...)
}

func (w *writer) conflict(what any, lookup string, key ...any) error {
	var by string
	var at int64
	err := w.row(lookup, key...).Scan(&by, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return workflow.Conflict(what, "", time.Time{})
	}
	if err != nil {
		return err
	}
	return workflow.Conflict(what, by, store.FromMS(at))
}

// insert runs an INSERT … ON CONFLICT (its key) DO NOTHING of a row that
// must be new; when nothing was inserted, someone created it since it was
// read: a conflict.
func (w *writer) insert(what any, insert string, args []any, lookup string, key ...any) error {
	n, err := w.exec(insert, args...)
	if err != nil {
		return err
	}
	if n == 1 {
		return nil
	}
	return w.conflict(what, lookup, key...)
}

func (w *writer) pluginRow(p *workflow.Plugin) error {
	what := i18n.T("plugin %s", p.ID)
	if err := w.own(what, p.ID); err != nil {
		return err
	}
	by, at := w.stamp(p.UpdatedBy, p.UpdatedAt)
	const lookup = "SELECT updated_by, updated_at FROM plugins WHERE id = ?"
	if p.Rev == 0 {
		return w.insert(what, `INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at)
			VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO NOTHING`, []any{p.ID, p.Name, p.Owner, store.MS(p.CreatedAt), by, at}, lookup, p.ID)
	}
	return w.cas(what, "UPDATE plugins SET name = ?, updated_by = ?, updated_at = ?, rev = rev + 1 WHERE id = ? AND rev = ?",
		[]any{p.Name, by, at, p.ID, p.Rev}, lookup, p.ID)
}

func (w *writer) version(v *workflow.Version) error {
	if v.PluginID == "" {
		v.PluginID = w.plugin
	}
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
			append(slices.Clone(key), string(v.State), v.Reason, v.SubmittedBy, store.MS(v.CreatedAt), by, at), lookup, key...)
	}
	return w.cas(what, `UPDATE versions SET state = ?, reason = ?, submitted_by = ?, updated_by = ?, updated_at = ?, rev = rev + 1
		WHERE plugin_id = ? AND major = ? AND minor = ? AND patch = ? AND rev = ?`,
		append([]any{string(v.State), v.Reason, v.SubmittedBy, by, at}, append(key, v.Rev)...), lookup, key...)
}

func (w *writer) submission(s *workflow.Submission) error {
	if s.Rev == 0 {
		return w.insertSubmission(s)
	}
	if s.PluginID == "" {
		s.PluginID = w.plugin
	}
	what := i18n.T("submission %s", strconv.FormatInt(s.ID, 10))
	if err := w.own(what, s.PluginID); err != nil {
		return err
	}
	by, at := w.stamp(s.UpdatedBy, s.UpdatedAt)
	return w.cas(what, `UPDATE submissions SET state = ?, reviewer = ?, reviewed_at = ?, reason = ?, updated_by = ?, updated_at = ?,
		rev = rev + 1 WHERE id = ? AND plugin_id = ? AND rev = ?`,
		[]any{string(s.State), s.Reviewer, store.OptMS(s.ReviewedAt), s.Reason, by, at, s.ID, s.PluginID, s.Rev},
		"SELECT updated_by, updated_at FROM submissions WHERE id = ?", s.ID)
}

func (w *writer) insertSubmission(s *workflow.Submission) error {
	if s.PluginID == "" {
		s.PluginID = w.plugin
	}
	if err := w.own("the new submission", s.PluginID); err != nil {
		return err
	}
	if s.Snapshot == nil {
		return errors.New("a new submission needs its snapshot")
	}
	by, at := w.stamp(s.UpdatedBy, s.UpdatedAt)
	snap, err := store.EncodeDraft(*s.Snapshot)
	if err != nil {
		return fmt.Errorf("writing the new submission of plugin %s: %w", s.PluginID, err)
	}
	err = w.row(`INSERT INTO submissions (plugin_id, version, state, snapshot, submitted_by, submitted_at,
		due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
		s.PluginID, s.Version, string(s.State), string(snap), s.SubmittedBy, store.MS(s.SubmittedAt), store.MS(s.DueAt), s.Reviewer,
		store.OptMS(s.ReviewedAt), s.Reason, by, at).Scan(&s.ID)
	if _, ok := isUnique(err); ok {
		return workflow.Illegal("plugin %s already has a submission %s", s.PluginID, workflow.Label(string(s.State)))
	}
	return err
}

func (w *writer) listing(l *workflow.Listing, text *workflow.MarketText) error {
	if l.PluginID == "" {
		l.PluginID = w.plugin
	}
	what := i18n.T("the listing of %s", l.PluginID)
	if err := w.own(what, l.PluginID); err != nil {
		return err
	}
	if text == nil {
		return fmt.Errorf("writing %s: the change carries no market text", what)
	}
	var one int
	err := w.row("SELECT 1 FROM submissions WHERE id = ? AND plugin_id = ?", l.SubmissionID, l.PluginID).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return workflow.NotFound("plugin %s has no submission %d to list", l.PluginID, l.SubmissionID)
	}
	if err != nil {
		return err
	}
	by, at := w.stamp(l.UpdatedBy, l.UpdatedAt)
	const lookup = "SELECT updated_by, updated_at FROM listings WHERE plugin_id = ?"
	if l.Rev == 0 {
		err = w.insert(what, `INSERT INTO listings (plugin_id, submission_id, visibility, listed_at, title, intro, buyers,
			rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (plugin_id) DO NOTHING`,
			[]any{l.PluginID, l.SubmissionID, string(l.Visibility), store.MS(l.ListedAt), text.Title, text.Intro, text.Buyers, by, at},
			lookup, l.PluginID)
	} else {
		err = w.cas(what, `UPDATE listings SET submission_id = ?, visibility = ?, listed_at = ?, title = ?, intro = ?, buyers = ?,
			updated_by = ?, updated_at = ?, rev = rev + 1 WHERE plugin_id = ? AND rev = ?`,
			[]any{l.SubmissionID, string(l.Visibility), store.MS(l.ListedAt), text.Title, text.Intro, text.Buyers, by, at, l.PluginID, l.Rev},
			lookup, l.PluginID)
	}
	if err != nil {
		return err
	}
	return index(w.ctx, w.tx, l.PluginID, l.Visibility == workflow.VisibilityShown, *text)
}

func (w *writer) draft(d *workflow.StoredDraft) error {
	if d.PluginID == "" {
		d.PluginID = w.plugin
	}
	what := i18n.T("the draft of %s", d.PluginID)
	if err := w.own(what, d.PluginID); err != nil {
		return err
	}
	body, err := store.EncodeDraft(d.Draft)
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
func (w *writer) order(o *workflow.Order) error {
	if o.PluginID == "" {
		o.PluginID = w.plugin
	}
	what := i18n.T("order %s", strconv.FormatInt(o.ID, 10))
	if err := w.own(what, o.PluginID); err != nil {
		return err
	}
	by, upd := w.stamp(o.UpdatedBy, o.UpdatedAt)
	if o.Rev != 0 {
		return w.cas(what, store.UpdateOrder, []any{string(o.State), o.Reason, by, upd, o.ID, o.Rev}, store.OrderLookup, o.ID)
	}
	at := o.At
	if at.IsZero() {
		at = w.at
	}
	err := w.row(store.InsertOrder, store.InsertOrderArgs(o, store.MS(at), by, upd)...).Scan(&o.ID)
	if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	var listed bool
	if err := w.row("SELECT EXISTS (SELECT 1 FROM listings WHERE plugin_id = ? AND submission_id = ?)", o.PluginID, o.SubmissionID).Scan(&listed); err != nil {
		return err
	}
	return store.OrderRefused(o, listed)
}

func (w *writer) event(e *workflow.Event, newSub *workflow.Submission, orders []workflow.Order) error {
	if e.PluginID == "" {
		e.PluginID = w.plugin
	}
	if err := w.own("an event", e.PluginID); err != nil {
		return err
	}
	if err := store.FillEventKey(e, newSub, orders); err != nil {
		return err
	}
	actor, at := w.stamp(e.Actor, e.At)
	e.Actor, e.At = actor, store.FromMS(at)
	return w.row(`INSERT INTO events (at, actor, plugin_id, entity, key, action, from_state, to_state, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		at, actor, e.PluginID, string(e.Entity), e.Key, string(e.Action), e.From, e.To, e.Reason).Scan(&e.ID)
}
