package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"plugpub/store"
	"plugpub/workflow"
)

// Bulk writes many rows in one transaction with prepared statements, for
// generating large databases (plugpub demo --scale large, benchmarks). It
// bypasses Update, and with it workflow's rules and the compare-and-set on
// Rev: the caller writes final rows and the events that lead to them, and
// must make them agree, as workflow.Replay over AllEvents against Facts
// checks. The schema's CHECKs, unique indexes and foreign keys still hold
// every row, and listings are indexed for market search by the same code
// as a 上架 through Update.
type Bulk struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

// bulkCacheKiB is the page cache of a bulk load's connection. With
// SQLite's default of 2 MiB, the index pages a large load keeps changing
// are spilled to the WAL and written again many times over.
const bulkCacheKiB = 256 << 10

// Bulk runs load in one write transaction and commits what it wrote, or
// nothing if load fails.
func (s *Store) Bulk(ctx context.Context, load func(b *Bulk) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap("starting a bulk load", err)
	}
	defer conn.Close()
	var cache int64
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return s.wrap("starting a bulk load", err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", bulkCacheKiB)); err != nil {
		return s.wrap("starting a bulk load", err)
	}
	// The connection goes back to the pool with its usual cache.
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", cache))
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("starting a bulk load", err)
	}
	defer tx.Rollback()
	b := &Bulk{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, st := range b.stmts {
			st.Close()
		}
	}()
	if err := load(b); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("committing a bulk load", err)
	}
	return nil
}

// exec runs one statement, prepared on first use and reused after.
func (b *Bulk) exec(what, query string, args ...any) error {
	st, ok := b.stmts[query]
	if !ok {
		var err error
		if st, err = b.tx.PrepareContext(b.ctx, query); err != nil {
			return fmt.Errorf("preparing to write %s: %w", what, err)
		}
		b.stmts[query] = st
	}
	if _, err := st.ExecContext(b.ctx, args...); err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	return nil
}

// rev is a row version as stored: the schema wants it positive.
func rev(r int64) int64 { return max(r, 1) }

// User writes a user.
func (b *Bulk) User(u workflow.User) error {
	return b.exec("user "+u.Name, "INSERT INTO users (name, roles, buyer) VALUES (?, ?, ?)", u.Name, u.RoleList(), string(u.Buyer))
}

// Logo stores an image under its reference; the caller has checked it
// (workflow.CheckLogo) and made the reference (workflow.LogoRef).
func (b *Bulk) Logo(ref, mime string, data []byte) error {
	return b.exec("logo "+ref, "INSERT INTO logos (ref, mime, data) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING", ref, mime, data)
}

// Plugin writes a plugin row as it is after its last change.
func (b *Bulk) Plugin(p workflow.Plugin) error {
	return b.exec("plugin "+p.ID, `INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, p.Name, p.Owner, store.MS(p.CreatedAt), rev(p.Rev), p.UpdatedBy, store.MS(p.UpdatedAt))
}

// Version writes a version row.
func (b *Bulk) Version(v workflow.Version) error {
	return b.exec(fmt.Sprintf("version %s of %s", v.SemVer, v.PluginID), `INSERT INTO versions (plugin_id, major, minor, patch,
		state, reason, submitted_by, created_at, rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.PluginID, v.SemVer.Major, v.SemVer.Minor, v.SemVer.Patch, string(v.State), v.Reason, v.SubmittedBy, store.MS(v.CreatedAt),
		rev(v.Rev), v.UpdatedBy, store.MS(v.UpdatedAt))
}

// Draft writes a plugin's draft.
func (b *Bulk) Draft(d workflow.StoredDraft) error {
	body, err := store.EncodeDraft(d.Draft)
	if err != nil {
		return fmt.Errorf("writing the draft of %s: %w", d.PluginID, err)
	}
	return b.exec("the draft of "+d.PluginID, "INSERT INTO drafts (plugin_id, body, rev, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)",
		d.PluginID, string(body), rev(d.Rev), d.UpdatedBy, store.MS(d.UpdatedAt))
}

// Submission writes a submission with its ID, which the caller chose so
// that events can name it, and its snapshot as EncodeDraft encoded it: many
// submissions of one plugin share a snapshot, so the caller encodes each once.
func (b *Bulk) Submission(s workflow.Submission, snapshot []byte) error {
	if s.ID <= 0 {
		return fmt.Errorf("a bulk submission of %s needs its id", s.PluginID)
	}
	return b.exec(fmt.Sprintf("submission %d", s.ID), `INSERT INTO submissions (id, plugin_id, version, state, snapshot,
		submitted_by, submitted_at, due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.PluginID, s.Version, string(s.State), string(snapshot), s.SubmittedBy, store.MS(s.SubmittedAt), store.MS(s.DueAt),
		s.Reviewer, store.OptMS(s.ReviewedAt), s.Reason, rev(s.Rev), s.UpdatedBy, store.MS(s.UpdatedAt))
}

// Listing writes a listing of a submission already written, with the
// market text of its snapshot (workflow.MarketTextOf), indexing it for
// search exactly as a 上架 through Update does (store.Writer.Listing).
func (b *Bulk) Listing(l workflow.Listing, m workflow.MarketText) error {
	r := l.Rev
	l.Rev = 0 // Writer.Listing inserts a row it is given with Rev 0
	w := store.Writer{Ctx: b.ctx, Tx: writeTx{conn{b.tx}, b.tx}, Plugin: l.PluginID, Actor: l.UpdatedBy, At: l.UpdatedAt}
	if err := w.Listing(&l, &m); err != nil {
		return err
	}
	if r > 1 {
		return b.exec("the listing of "+l.PluginID, "UPDATE listings SET rev = ? WHERE plugin_id = ?", r, l.PluginID)
	}
	return nil
}

// Order writes an order with its ID (0: the next) and the title of the
// snapshot ordered, which an order keeps (Update copies it from the
// listing). An order with no State is one made before mini programs:
// approved.
func (b *Bulk) Order(o workflow.Order, title string) error {
	if o.State == "" {
		o.State = workflow.OrderApproved
	}
	if o.UpdatedBy == "" {
		o.UpdatedBy, o.UpdatedAt = o.Consumer, o.At
	}
	var id any
	if o.ID != 0 {
		id = o.ID
	}
	return b.exec(fmt.Sprintf("the order of %s for %s", o.Consumer, o.PluginID),
		`INSERT INTO orders (id, plugin_id, consumer, submission_id, at, title, app_id, state, reason, rev, updated_by, updated_at, pos)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, `+store.NextOrderPos+`)`,
		id, o.PluginID, o.Consumer, o.SubmissionID, store.MS(o.At), title, store.NullApp(o.AppID), string(o.State), o.Reason,
		rev(o.Rev), o.UpdatedBy, store.MS(o.UpdatedAt), o.PluginID)
}

// App writes a mini program.
func (b *Bulk) App(a workflow.App) error {
	return b.exec("mini program "+a.AppID, "INSERT INTO apps (app_id, name, owner, created_at) VALUES (?, ?, ?, ?)",
		a.AppID, a.Name, a.Owner, store.MS(a.CreatedAt))
}

// Event appends an event; events are written oldest first, as the log is
// read in id order.
func (b *Bulk) Event(e workflow.Event) error {
	if e.Entity == workflow.EntitySubmission && e.Key == "" {
		return errors.New("a bulk event about a submission needs its id as key")
	}
	return b.exec("an event", `INSERT INTO events (at, actor, plugin_id, entity, key, action, from_state, to_state, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		store.MS(e.At), e.Actor, e.PluginID, string(e.Entity), e.Key, string(e.Action), e.From, e.To, e.Reason)
}
