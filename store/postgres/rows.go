package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"plugpub/workflow"
)

// querier is what reads need; the pool and a transaction both have it, so
// a read inside Update and one outside share their SQL and their scanning.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type scanner interface{ Scan(dest ...any) error }

// rebind turns the ? placeholders the queries are written with into $1,
// $2 …; no query here has a ? inside a string literal.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(n int64) time.Time { return time.UnixMilli(n).UTC() }

func optMS(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	return new(ms(t))
}

func fromOptMS(n *int64) time.Time {
	if n == nil {
		return time.Time{}
	}
	return fromMS(*n)
}

// one runs a single-row query: ok=false when there is no row.
func one[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) (T, bool, error) {
	v, err := scan(q.QueryRow(ctx, rebind(query), args...))
	if errors.Is(err, pgx.ErrNoRows) {
		return v, false, nil
	}
	return v, err == nil, err
}

// list runs a query and scans every row with scan.
func list[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const userCols = "name, roles, buyer"

func scanUser(sc scanner) (workflow.User, error) {
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

const pluginCols = "id, name, owner, created_at, rev, updated_by, updated_at"

func scanPlugin(sc scanner, extra ...any) (workflow.Plugin, error) {
	var p workflow.Plugin
	var created, updated int64
	dest := append([]any{&p.ID, &p.Name, &p.Owner, &created, &p.Rev, &p.UpdatedBy, &updated}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = fromMS(created), fromMS(updated)
	return p, nil
}

func scanBarePlugin(sc scanner) (workflow.Plugin, error) { return scanPlugin(sc) }

const versionCols = "plugin_id, major, minor, patch, state, reason, submitted_by, created_at, rev, updated_by, updated_at"

func scanVersion(sc scanner) (workflow.Version, error) {
	var v workflow.Version
	var state string
	var created, updated int64
	err := sc.Scan(&v.PluginID, &v.SemVer.Major, &v.SemVer.Minor, &v.SemVer.Patch, &state, &v.Reason, &v.SubmittedBy,
		&created, &v.Rev, &v.UpdatedBy, &updated)
	if err != nil {
		return v, err
	}
	v.State, v.CreatedAt, v.UpdatedAt = workflow.VersionState(state), fromMS(created), fromMS(updated)
	return v, nil
}

const submissionCols = "id, plugin_id, version, state, submitted_by, submitted_at, due_at, reviewer, reviewed_at, reason, rev, updated_by, updated_at"

func scanSubmission(sc scanner, extra ...any) (workflow.Submission, error) {
	var s workflow.Submission
	var state string
	var submitted, due, updated int64
	var reviewed *int64
	dest := append([]any{&s.ID, &s.PluginID, &s.Version, &state, &s.SubmittedBy, &submitted, &due, &s.Reviewer, &reviewed,
		&s.Reason, &s.Rev, &s.UpdatedBy, &updated}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return s, err
	}
	s.State = workflow.SubmissionState(state)
	s.SubmittedAt, s.DueAt, s.ReviewedAt, s.UpdatedAt = fromMS(submitted), fromMS(due), fromOptMS(reviewed), fromMS(updated)
	return s, nil
}

func scanBareSubmission(sc scanner) (workflow.Submission, error) { return scanSubmission(sc) }

func scanFullSubmission(sc scanner) (workflow.Submission, error) {
	var snap string
	s, err := scanSubmission(sc, &snap)
	if err != nil {
		return s, err
	}
	d, err := decodeStored([]byte(snap))
	if err != nil {
		return s, fmt.Errorf("the snapshot of submission %d is damaged: %w", s.ID, err)
	}
	s.Snapshot = &d
	return s, nil
}

const listingCols = "plugin_id, submission_id, visibility, listed_at, rev, updated_by, updated_at"

func scanListing(sc scanner) (workflow.Listing, error) {
	var l workflow.Listing
	var vis string
	var listed, updated int64
	if err := sc.Scan(&l.PluginID, &l.SubmissionID, &vis, &listed, &l.Rev, &l.UpdatedBy, &updated); err != nil {
		return l, err
	}
	l.Visibility, l.ListedAt, l.UpdatedAt = workflow.VisibilityState(vis), fromMS(listed), fromMS(updated)
	return l, nil
}

const orderCols = "id, plugin_id, consumer, submission_id, at, coalesce(app_id, ''), state, reason, rev, updated_by, updated_at"

func scanOrder(sc scanner) (workflow.Order, error) {
	var o workflow.Order
	var at, upd int64
	var st string
	if err := sc.Scan(&o.ID, &o.PluginID, &o.Consumer, &o.SubmissionID, &at, &o.AppID, &st, &o.Reason, &o.Rev, &o.UpdatedBy, &upd); err != nil {
		return o, err
	}
	o.At, o.UpdatedAt, o.State = fromMS(at), fromMS(upd), workflow.OrderState(st)
	return o, nil
}

const eventCols = "id, at, actor, plugin_id, entity, key, action, from_state, to_state, reason"

func scanEvent(sc scanner) (workflow.Event, error) {
	var e workflow.Event
	var at int64
	var entity, action string
	if err := sc.Scan(&e.ID, &at, &e.Actor, &e.PluginID, &entity, &e.Key, &action, &e.From, &e.To, &e.Reason); err != nil {
		return e, err
	}
	e.At, e.Entity, e.Action = fromMS(at), workflow.Entity(entity), workflow.Action(action)
	return e, nil
}

const draftCols = "plugin_id, body, rev, updated_by, updated_at"

func scanDraft(sc scanner) (workflow.StoredDraft, error) {
	var d workflow.StoredDraft
	var body string
	var updated int64
	if err := sc.Scan(&d.PluginID, &body, &d.Rev, &d.UpdatedBy, &updated); err != nil {
		return d, err
	}
	draft, err := decodeStored([]byte(body))
	if err != nil {
		return d, fmt.Errorf("the stored draft of plugin %s is damaged: %w", d.PluginID, err)
	}
	d.Draft, d.UpdatedAt = draft, fromMS(updated)
	return d, nil
}

// decodeStored reads a draft or snapshot the store wrote (store.EncodeDraft)
// strictly but without ParseDraft's walk for line numbers, which only a
// damaged row needs.
func decodeStored(b []byte) (workflow.Draft, error) {
	d := workflow.NewDraft()
	if utf8.Valid(b) && len(b) <= workflow.MaxDraftBytes {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err == nil {
			if _, err := dec.Token(); err == io.EOF {
				d.Normalize()
				return d, nil
			}
		}
	}
	return workflow.ParseDraft(b)
}
