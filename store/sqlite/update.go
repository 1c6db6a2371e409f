package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"plugpub/store"
	"plugpub/workflow/i18n"
	"slices"
	"strconv"
	"time"

	"plugpub/workflow"
)

// Update runs decide in one write transaction on one plugin and applies the
// change it returns, with a compare-and-set on every row's Rev. The
// transaction starts with BEGIN IMMEDIATE, so it holds the write lock while
// decide reads: a busy database fails at the start, never halfway. It is
// then run again, decide included, until it gets through or busyPatience
// has passed.
func (s *Store) Update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	return s.retry(ctx, func() error { return s.update(ctx, pluginID, decide) })
}

func (s *Store) update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("starting a change of plugin "+pluginID, err)
	}
	defer tx.Rollback()
	t := &txn{ctx: ctx, q: tx, plugin: pluginID, path: s.path}
	c, err := decide(t)
	if err != nil {
		return err
	}
	if c.Empty() {
		return nil
	}
	w := writer{ctx: ctx, tx: tx, plugin: pluginID, actor: c.Actor, at: c.At, draftRead: t.draftRead}
	if err := w.apply(&c); err != nil {
		if workflow.KindOf(err) != 0 {
			return err
		}
		return s.wrap("changing plugin "+pluginID, err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("saving the change of plugin "+pluginID, err)
	}
	return nil
}

// txn reads one plugin's rows inside Update's transaction.
type txn struct {
	ctx    context.Context
	q      querier // the write transaction, or the pool for View
	plugin string
	path   string
	// draftRead is the stored draft as Draft last read it in this
	// transaction, so a snapshot equal to it can be copied row to row.
	draftRead *workflow.Draft
}

// one runs a single-row query: ok=false when there is no row.
func (t *txn) Plugin() (workflow.Plugin, bool, error) {
	p, ok, err := one(t.ctx, t.q, func(sc scanner) (workflow.Plugin, error) { return store.ScanPlugin(sc) },
		"SELECT "+store.PluginCols+" FROM plugins WHERE id = ?", t.plugin)
	return p, ok, t.wrap("reading plugin "+t.plugin, err)
}

func (t *txn) Versions() ([]workflow.Version, error) {
	vs, err := list(t.ctx, t.q, store.ScanVersion,
		"SELECT "+store.VersionCols+" FROM versions WHERE plugin_id = ? ORDER BY major, minor, patch", t.plugin)
	return vs, t.wrap("reading the versions of plugin "+t.plugin, err)
}

func (t *txn) Open() ([]workflow.Submission, error) {
	subs, err := list(t.ctx, t.q, func(sc scanner) (workflow.Submission, error) { return store.ScanSubmission(sc) },
		"SELECT "+store.SubmissionCols+" FROM submissions WHERE plugin_id = ? AND state IN ('in_review', 'approved', 'listed') ORDER BY id",
		t.plugin)
	return subs, t.wrap("reading the open submissions of plugin "+t.plugin, err)
}

func (t *txn) Submission(id int64) (workflow.Submission, bool, error) {
	sub, ok, err := one(t.ctx, t.q, store.ScanFullSubmission,
		"SELECT "+store.SubmissionCols+", snapshot FROM submissions WHERE id = ? AND plugin_id = ?", id, t.plugin)
	return sub, ok, t.wrap(fmt.Sprintf("reading submission %d", id), err)
}

func (t *txn) Listing() (workflow.Listing, bool, error) {
	l, ok, err := one(t.ctx, t.q, store.ScanListing, "SELECT "+store.ListingCols+" FROM listings WHERE plugin_id = ?", t.plugin)
	return l, ok, t.wrap("reading the listing of plugin "+t.plugin, err)
}

// Draft returns the stored draft, or an empty one with Rev 0 and ok=false.
func (t *txn) Draft() (workflow.StoredDraft, bool, error) {
	d, ok, err := one(t.ctx, t.q, store.ScanDraft, "SELECT "+store.DraftCols+" FROM drafts WHERE plugin_id = ?", t.plugin)
	if err == nil && ok {
		t.draftRead = new(d.Draft.Clone())
	}
	if err == nil && !ok {
		d = workflow.StoredDraft{PluginID: t.plugin, Draft: workflow.NewDraft()}
	}
	return d, ok, t.wrap("reading the draft of plugin "+t.plugin, err)
}

func (t *txn) LiveOrder(consumer, appID string) (workflow.Order, bool, error) {
	q, args := store.LiveOrderQuery(t.plugin, consumer, appID)
	o, ok, err := one(t.ctx, t.q, store.ScanOrder, q, args...)
	return o, ok, t.wrap(fmt.Sprintf("reading the live order of %s %s for plugin %s", consumer, appID, t.plugin), err)
}

func (t *txn) OrderByID(id int64) (workflow.Order, bool, error) {
	o, ok, err := one(t.ctx, t.q, store.ScanOrder, store.OrderByIDQuery, id, t.plugin)
	return o, ok, t.wrap(fmt.Sprintf("reading order %d", id), err)
}

func (t *txn) App(appID string) (workflow.App, bool, error) {
	a, ok, err := one(t.ctx, t.q, store.ScanApp, store.AppQuery, appID)
	return a, ok, t.wrap("reading mini program "+appID, err)
}

func (t *txn) User(name string) (workflow.User, bool, error) {
	u, ok, err := one(t.ctx, t.q, store.ScanUser, "SELECT "+store.UserCols+" FROM users WHERE name = ?", name)
	return u, ok, t.wrap("reading user "+name, err)
}

func (t *txn) wrap(op string, err error) error { return wrap(t.path, op, err) }

// writer applies one Change inside Update's transaction.
type writer struct {
	ctx       context.Context
	tx        *sql.Tx
	plugin    string
	actor     string
	at        time.Time
	draftRead *workflow.Draft // see txn.draftRead
}

// apply writes c in a fixed order: rows before what refers to them, and
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

// own checks that a row belongs to the plugin Update was asked to change:
// the one transaction per plugin is what serialises its state changes.
func (w *writer) own(what any, pluginID string) error {
	if pluginID != w.plugin {
		return fmt.Errorf("%s belongs to plugin %s, but this change is to plugin %s", what, pluginID, w.plugin)
	}
	return nil
}

// stamp fills in who and when for a row the caller left them unset on.
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
// conflict naming who changed the row last (from lookup, which selects
// updated_by and updated_at).
func (w *writer) cas(what any, update string, args []any, lookup string, key ...any) error {
	res, err := w.tx.ExecContext(w.ctx, update, args...)
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	if n == 1 {
		return nil
	}
	return w.conflict(what, lookup, key...)
}

func (w *writer) conflict(what any, lookup string, key ...any) error {
	by, at, found, err := w.lastChange(lookup, key...)
	if err != nil {
		return fmt.Errorf("reading who changed %s: %w", what, err)
	}
	if !found {
		return workflow.Conflict(what, "", time.Time{})
	}
	return workflow.Conflict(what, by, at)
}

func (w *writer) lastChange(lookup string, key ...any) (by string, at time.Time, found bool, err error) {
	var n int64
	err = w.tx.QueryRowContext(w.ctx, lookup, key...).Scan(&by, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, false, nil
	}
	return by, store.FromMS(n), err == nil, err
}

// insert runs an INSERT of a row that must be new; if it exists after all,
// someone created it since it was read: a conflict. Another unique index
// refusing it is not a conflict but a change the schema does not allow.
func (w *writer) insert(what any, insert string, args []any, lookup string, key ...any) error {
	_, err := w.tx.ExecContext(w.ctx, insert, args...)
	if isUnique(err) {
		by, at, found, lerr := w.lastChange(lookup, key...)
		if lerr == nil && found {
			return workflow.Conflict(what, by, at)
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	return nil
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
			VALUES (?, ?, ?, ?, 1, ?, ?)`, []any{p.ID, p.Name, p.Owner, store.MS(p.CreatedAt), by, at}, lookup, p.ID)
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
			rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			append(slices.Clone(key), string(v.State), v.Reason, v.SubmittedBy, store.MS(v.CreatedAt), by, at), lookup, key...)
	}
	return w.cas(what, `UPDATE versions SET state = ?, reason = ?, submitted_by = ?, updated_by = ?, updated_at = ?, rev = rev + 1
		WHERE plugin_id = ? AND major = ? AND minor = ? AND patch = ? AND rev = ?`,
		append([]any{string(v.State), v.Reason, v.SubmittedBy, by, at}, append(key, v.Rev)...), lookup, key...)
}

// submission updates a submission's state and review; never its snapshot,
// which is what was reviewed.
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
	const insert = `INSERT INTO submissions (plugin_id, version, state, snapshot, submitted_by, submitted_at,
		due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at) `
	var err error
	if w.draftRead != nil && s.PluginID == w.plugin && s.Snapshot.Equal(*w.draftRead) {
		// 提交申请 freezes the draft as it stands: its row already holds
		// the JSON, so SQLite copies it instead of Go encoding it again
		// (a third of submitting a big guide; BenchmarkSubmit). The draft
		// row cannot have changed since it was read: this transaction
		// holds the write lock, and the Change writes the draft after this.
		err = w.tx.QueryRowContext(w.ctx, insert+`SELECT ?, ?, ?, body, ?, ?, ?, ?, ?, ?, 1, ?, ? FROM drafts WHERE plugin_id = ? RETURNING id`,
			s.PluginID, s.Version, string(s.State), s.SubmittedBy, store.MS(s.SubmittedAt), store.MS(s.DueAt), s.Reviewer,
			store.OptMS(s.ReviewedAt), s.Reason, by, at, s.PluginID).Scan(&s.ID)
	} else {
		snap, encErr := store.EncodeDraft(*s.Snapshot)
		if encErr != nil {
			return fmt.Errorf("writing the new submission of plugin %s: %w", s.PluginID, encErr)
		}
		err = w.tx.QueryRowContext(w.ctx, insert+`VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
			s.PluginID, s.Version, string(s.State), string(snap), s.SubmittedBy, store.MS(s.SubmittedAt), store.MS(s.DueAt), s.Reviewer,
			store.OptMS(s.ReviewedAt), s.Reason, by, at).Scan(&s.ID)
	}
	if isUnique(err) {
		return workflow.Illegal("plugin %s already has a submission %s", s.PluginID, workflow.Label(string(s.State)))
	}
	if err != nil {
		return fmt.Errorf("writing the new submission of plugin %s: %w", s.PluginID, err)
	}
	return nil
}

// listing writes the listing row with the title, intro and buyers of the
// listed snapshot, as workflow gives them in m, and keeps market search in
// step: a plugin is in the search tables exactly while its listing is
// shown. The submission must be one of the plugin's.
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
	m, buyers := marketText{title: text.Title, intro: text.Intro, description: text.Description}, text.Buyers
	var one int
	err := w.tx.QueryRowContext(w.ctx, "SELECT 1 FROM submissions WHERE id = ? AND plugin_id = ?", l.SubmissionID, l.PluginID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.NotFound("plugin %s has no submission %d to list", l.PluginID, l.SubmissionID)
	}
	if err != nil {
		return fmt.Errorf("reading the submission to list for %s: %w", l.PluginID, err)
	}
	by, at := w.stamp(l.UpdatedBy, l.UpdatedAt)
	const lookup = "SELECT updated_by, updated_at FROM listings WHERE plugin_id = ?"
	if l.Rev == 0 {
		err = w.insert(what, `INSERT INTO listings (plugin_id, submission_id, visibility, listed_at, title, intro, buyers,
			rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			[]any{l.PluginID, l.SubmissionID, string(l.Visibility), store.MS(l.ListedAt), m.title, m.intro, buyers, by, at},
			lookup, l.PluginID)
	} else {
		err = w.cas(what, `UPDATE listings SET submission_id = ?, visibility = ?, listed_at = ?, title = ?, intro = ?, buyers = ?,
			updated_by = ?, updated_at = ?, rev = rev + 1 WHERE plugin_id = ? AND rev = ?`,
			[]any{l.SubmissionID, string(l.Visibility), store.MS(l.ListedAt), m.title, m.intro, buyers, by, at, l.PluginID, l.Rev},
			lookup, l.PluginID)
	}
	if err != nil {
		return err
	}
	return index(w.ctx, w.tx, l.PluginID, l.Visibility == workflow.VisibilityShown, m)
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
		return w.insert(what, "INSERT INTO drafts (plugin_id, body, rev, updated_by, updated_at) VALUES (?, ?, 1, ?, ?)",
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
	err := w.tx.QueryRowContext(w.ctx, store.InsertOrder, store.InsertOrderArgs(o, store.MS(at), by, upd)...).Scan(&o.ID)
	if errors.Is(err, sql.ErrNoRows) {
		var listed bool
		if err := w.tx.QueryRowContext(w.ctx, "SELECT EXISTS (SELECT 1 FROM listings WHERE plugin_id = ? AND submission_id = ?)",
			o.PluginID, o.SubmissionID).Scan(&listed); err != nil {
			return err
		}
		return store.OrderRefused(o, listed)
	}
	if err != nil {
		return fmt.Errorf("writing the order of %s for plugin %s: %w", o.Consumer, o.PluginID, err)
	}
	return nil
}

// event appends one event; one about the new submission gets its id as key.
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
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO events (at, actor, plugin_id, entity, key, action, from_state, to_state, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		at, actor, e.PluginID, string(e.Entity), e.Key, string(e.Action), e.From, e.To, e.Reason).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("appending the %s %s event of plugin %s: %w", e.Entity, e.Action, e.PluginID, err)
	}
	return nil
}
