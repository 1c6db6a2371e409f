package store

import (
	"fmt"
	"strings"
	"time"

	"plugpub/workflow"
)

// Both engines keep the same columns under the same names and read them
// with the same scanning: what a row means is written once, here. An
// engine only runs the SQL, with its own driver and placeholders.

// Scanner is a row: *sql.Row, *sql.Rows, pgx.Row and pgx.Rows all have it.
type Scanner interface{ Scan(dest ...any) error }

// Rows is a result set as EachRow reads it: *sql.Rows and pgx.Rows have it.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// EachRow calls row for every row of rows, stopping at an error; the
// caller closes rows.
func EachRow(rows Rows, row func(Scanner) error) error {
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Times are stored as unix milliseconds: the service truncates its clock to
// milliseconds, so what is read back equals what was written.
func MS(t time.Time) int64 { return t.UnixMilli() }

// FromMS is the time MS stored.
func FromMS(n int64) time.Time { return time.UnixMilli(n).UTC() }

// OptMS stores a time that may be unset (a submission not yet reviewed) as
// NULL: nil, which both drivers write as NULL and read NULL into.
func OptMS(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	return new(MS(t))
}

// FromOptMS is the time OptMS stored; the zero time for NULL.
func FromOptMS(n *int64) time.Time {
	if n == nil {
		return time.Time{}
	}
	return FromMS(*n)
}

// UserCols are the columns ScanUser reads.
const UserCols = "name, roles, buyer"

// ScanUser reads UserCols.
func ScanUser(sc Scanner) (workflow.User, error) {
	var u workflow.User
	var roles, buyer string
	if err := sc.Scan(&u.Name, &roles, &buyer); err != nil {
		return u, err
	}
	for r := range strings.SplitSeq(roles, ",") {
		if r != "" {
			u.Roles = append(u.Roles, workflow.Role(r))
		}
	}
	u.Buyer = workflow.Buyer(buyer)
	return u, nil
}

// PluginCols are the columns ScanPlugin reads.
const PluginCols = "id, name, owner, created_at, rev, updated_by, updated_at"

// ScanPlugin reads PluginCols, then extra.
func ScanPlugin(sc Scanner, extra ...any) (workflow.Plugin, error) {
	var p workflow.Plugin
	var created, updated int64
	dest := append([]any{&p.ID, &p.Name, &p.Owner, &created, &p.Rev, &p.UpdatedBy, &updated}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = FromMS(created), FromMS(updated)
	return p, nil
}

// ScanBarePlugin reads PluginCols alone.
func ScanBarePlugin(sc Scanner) (workflow.Plugin, error) { return ScanPlugin(sc) }

// PluginSummary is what the plugins screen shows of each plugin (online
// version, newest submission's state, listing), from correlated subqueries
// that each use an index; SQL both engines read alike.
const PluginSummary = `SELECT p.id, p.name, p.owner, p.created_at, p.rev, p.updated_by, p.updated_at,
		coalesce((SELECT v.major || '.' || v.minor || '.' || v.patch FROM versions v
			WHERE v.plugin_id = p.id AND v.state = 'online' ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1), ''),
		coalesce((SELECT s.state FROM submissions s WHERE s.plugin_id = p.id ORDER BY s.id DESC LIMIT 1), ''),
		coalesce((SELECT l.visibility FROM listings l WHERE l.plugin_id = p.id), '')
		FROM plugins p`

// ScanPluginSummary reads a row of PluginSummary.
func ScanPluginSummary(sc Scanner) (workflow.PluginSummary, error) {
	var ps workflow.PluginSummary
	var vis string
	var err error
	ps.Plugin, err = ScanPlugin(sc, &ps.Online, &ps.Latest, &vis)
	ps.Listing = workflow.VisibilityState(vis)
	return ps, err
}

// VersionCols are the columns ScanVersion reads.
const VersionCols = "plugin_id, major, minor, patch, state, reason, submitted_by, created_at, rev, updated_by, updated_at"

// ScanVersion reads VersionCols.
func ScanVersion(sc Scanner) (workflow.Version, error) {
	var v workflow.Version
	var state string
	var created, updated int64
	err := sc.Scan(&v.PluginID, &v.SemVer.Major, &v.SemVer.Minor, &v.SemVer.Patch, &state, &v.Reason, &v.SubmittedBy,
		&created, &v.Rev, &v.UpdatedBy, &updated)
	if err != nil {
		return v, err
	}
	v.State, v.CreatedAt, v.UpdatedAt = workflow.VersionState(state), FromMS(created), FromMS(updated)
	return v, nil
}

// SubmissionCols leaves the snapshot out: lists never need it, and it is
// the one large column.
const SubmissionCols = "id, plugin_id, version, state, submitted_by, submitted_at, due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at, " + claimCols

// claimCols are a submission's claim (认领), from review_claims (review.go).
const claimCols = "coalesce((SELECT c.claimed_by FROM review_claims c WHERE c.submission_id = submissions.id), ''), " +
	"(SELECT c.claimed_at FROM review_claims c WHERE c.submission_id = submissions.id)"

// ScanSubmission reads SubmissionCols, then extra.
func ScanSubmission(sc Scanner, extra ...any) (workflow.Submission, error) {
	var s workflow.Submission
	var state string
	var submitted, due, updated int64
	var reviewed, claimed *int64
	dest := append([]any{&s.ID, &s.PluginID, &s.Version, &state, &s.SubmittedBy, &submitted, &due, &s.Reviewer, &reviewed,
		&s.Reason, &s.Rev, &s.UpdatedBy, &updated, &s.ClaimedBy, &claimed}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return s, err
	}
	s.State = workflow.SubmissionState(state)
	s.SubmittedAt, s.DueAt, s.ReviewedAt, s.UpdatedAt = FromMS(submitted), FromMS(due), FromOptMS(reviewed), FromMS(updated)
	s.ClaimedAt = FromOptMS(claimed)
	return s, nil
}

// ScanBareSubmission reads SubmissionCols alone.
func ScanBareSubmission(sc Scanner) (workflow.Submission, error) { return ScanSubmission(sc) }

// ScanFullSubmission reads SubmissionCols followed by the snapshot.
func ScanFullSubmission(sc Scanner) (workflow.Submission, error) {
	var snap string
	s, err := ScanSubmission(sc, &snap)
	if err != nil {
		return s, err
	}
	d, err := DecodeDraft([]byte(snap))
	if err != nil {
		return s, fmt.Errorf("the snapshot of submission %d is damaged: %w", s.ID, err)
	}
	s.Snapshot = &d
	return s, nil
}

// ListingCols are the columns ScanListing reads.
const ListingCols = "plugin_id, submission_id, visibility, listed_at, rev, updated_by, updated_at"

// ScanListing reads ListingCols.
func ScanListing(sc Scanner) (workflow.Listing, error) {
	var l workflow.Listing
	var vis string
	var listed, updated int64
	if err := sc.Scan(&l.PluginID, &l.SubmissionID, &vis, &listed, &l.Rev, &l.UpdatedBy, &updated); err != nil {
		return l, err
	}
	l.Visibility, l.ListedAt, l.UpdatedAt = workflow.VisibilityState(vis), FromMS(listed), FromMS(updated)
	return l, nil
}

// MarketCols is a search result, read from listings (as l).
const MarketCols = `l.plugin_id, l.submission_id, l.title, l.intro, l.buyers, l.visibility, l.listed_at`

// ScanMarketEntry reads MarketCols.
func ScanMarketEntry(sc Scanner) (workflow.MarketEntry, error) {
	var e workflow.MarketEntry
	var vis string
	var listed int64
	if err := sc.Scan(&e.PluginID, &e.SubmissionID, &e.Title, &e.Intro, &e.Buyers, &vis, &listed); err != nil {
		return e, err
	}
	e.Visibility, e.ListedAt = workflow.VisibilityState(vis), FromMS(listed)
	return e, nil
}

// OrderCols are the columns ScanOrder reads.
const OrderCols = "id, plugin_id, consumer, submission_id, at, coalesce(app_id, ''), state, reason, rev, updated_by, updated_at"

// ScanOrder reads OrderCols.
func ScanOrder(sc Scanner) (workflow.Order, error) {
	var o workflow.Order
	var at, upd int64
	var st string
	if err := sc.Scan(&o.ID, &o.PluginID, &o.Consumer, &o.SubmissionID, &at, &o.AppID, &st, &o.Reason, &o.Rev, &o.UpdatedBy, &upd); err != nil {
		return o, err
	}
	o.At, o.UpdatedAt, o.State = FromMS(at), FromMS(upd), workflow.OrderState(st)
	return o, nil
}

// EventCols are the columns ScanEvent reads.
const EventCols = "id, at, actor, plugin_id, entity, key, action, from_state, to_state, reason"

// ScanEvent reads EventCols.
func ScanEvent(sc Scanner) (workflow.Event, error) {
	var e workflow.Event
	var at int64
	var entity, action string
	if err := sc.Scan(&e.ID, &at, &e.Actor, &e.PluginID, &entity, &e.Key, &action, &e.From, &e.To, &e.Reason); err != nil {
		return e, err
	}
	e.At, e.Entity, e.Action = FromMS(at), workflow.Entity(entity), workflow.Action(action)
	return e, nil
}

// DraftCols reads a draft row; body is the JSON of EncodeDraft.
const DraftCols = "plugin_id, body, rev, updated_by, updated_at"

// ScanDraft reads DraftCols.
func ScanDraft(sc Scanner) (workflow.StoredDraft, error) {
	var d workflow.StoredDraft
	var body string
	var updated int64
	if err := sc.Scan(&d.PluginID, &body, &d.Rev, &d.UpdatedBy, &updated); err != nil {
		return d, err
	}
	draft, err := DecodeDraft([]byte(body))
	if err != nil {
		return d, fmt.Errorf("the stored draft of plugin %s is damaged: %w", d.PluginID, err)
	}
	d.Draft, d.UpdatedAt = draft, FromMS(updated)
	return d, nil
}

// ScanKey reads a key row: fingerprint, user, type, comment, public key,
// added by, added at (the engines quote the user column each its way).
func ScanKey(sc Scanner) (workflow.Key, error) {
	var k workflow.Key
	var at int64
	err := sc.Scan(&k.Fingerprint, &k.User, &k.Type, &k.Comment, &k.Public, &k.AddedBy, &at)
	k.AddedAt = FromMS(at)
	return k, err
}
