package store

import (
	"context"
	"fmt"

	"plugpub/workflow"
)

// Reads are the reads outside Update that both engines answer with the
// same SQL: each is one query, paged, on a committed state. An engine's
// Store embeds them with its connection, its errors and what its SQL does
// its own way (Dialect); what differs more (the plugins list, search)
// stays in the engine.
type Reads struct {
	Conn Conn
	// Wrap turns a driver error into the engine's (naming the database).
	Wrap func(op string, err error) error
	// Retry runs a write again while the engine says it may.
	Retry func(ctx context.Context, fn func() error) error
	// KeyTx runs fn in one write transaction (retried as Retry does), the
	// keys locked against every other key add and signup, and commits it
	// when fn says so.
	KeyTx func(ctx context.Context, fn func(tx Conn) (commit bool, err error)) error
	Dialect
}

// Dialect is what the engines' SQL says differently.
type Dialect struct {
	// Binary follows a text column to order it by code point, as SQLite
	// orders text: "" there, ` COLLATE "C"` on PostgreSQL.
	Binary string
	// TextFilter is the WHERE clause of a list's filter: a case-insensitive
	// substring of any of cols (SQL expressions; "" ones are skipped), or
	// a state whose label or code contains it when stateCol is set; "" when
	// there is no filter.
	TextFilter func(filter, stateCol string, cols ...string) (string, []any)
	// QueueFilter is the WHERE clause of the review queue and its count.
	QueueFilter func(filter string) (string, []any)
	// SubmissionsFrom and QueueFrom are the FROM of those two lists and
	// their counts (SQLite names the covering index to read).
	SubmissionsFrom, QueueFrom string
}

// PutUser adds a user, or replaces the roles and buyer kind of one.
func (r Reads) PutUser(ctx context.Context, u workflow.User) error {
	return r.Retry(ctx, func() error {
		_, err := r.Conn.Exec(ctx, `INSERT INTO users (name, roles, buyer) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, buyer = excluded.buyer`,
			u.Name, u.RoleList(), string(u.Buyer))
		return r.Wrap("saving user "+u.Name, err)
	})
}

// found is v, the error of reading it, or a not-found error when it is not there.
func found[T any](r Reads, v T, ok bool, err error, op string, missing error) (T, error) {
	if err != nil {
		return v, r.Wrap(op, err)
	}
	if !ok {
		return v, missing
	}
	return v, nil
}

// User returns a user, or a not-found error.
func (r Reads) User(ctx context.Context, name string) (workflow.User, error) {
	u, ok, err := One(ctx, r.Conn, ScanUser, "SELECT "+UserCols+" FROM users WHERE name = ?", name)
	return found(r, u, ok, err, "reading user "+name, workflow.NotFound("user %q does not exist", name))
}

// Users lists users by name.
func (r Reads) Users(ctx context.Context, p workflow.Page) ([]workflow.User, error) {
	p = p.Clamp()
	us, err := List(ctx, r.Conn, ScanUser, "SELECT "+UserCols+" FROM users ORDER BY name"+r.Binary+" LIMIT ? OFFSET ?", p.Limit, p.Offset)
	return us, r.Wrap("listing users", err)
}

// Plugin returns a plugin, or a not-found error.
func (r Reads) Plugin(ctx context.Context, id string) (workflow.Plugin, error) {
	p, ok, err := One(ctx, r.Conn, ScanBarePlugin, "SELECT "+PluginCols+" FROM plugins WHERE id = ?", id)
	return found(r, p, ok, err, "reading plugin "+id, workflow.NotFound("plugin %s does not exist", id))
}

// versionFilter is the WHERE clause of Versions and CountVersions.
func (r Reads) versionFilter(pluginID, filter string) (string, []any) {
	text, args := r.TextFilter(filter, "state", "(major || '.' || minor || '.' || patch)", "updated_by", "submitted_by", "reason")
	return Where("plugin_id = ?", text), append([]any{pluginID}, args...)
}

// Versions lists a plugin's versions, newest first, those matching p.Filter
// (version, state, who, reason).
func (r Reads) Versions(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Version, error) {
	p = p.Clamp()
	cond, args := r.versionFilter(pluginID, p.Filter)
	vs, err := List(ctx, r.Conn, ScanVersion, "SELECT "+VersionCols+" FROM versions"+cond+`
		ORDER BY major DESC, minor DESC, patch DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return vs, r.Wrap("listing the versions of plugin "+pluginID, err)
}

// CountVersions counts a plugin's versions that match filter, as Versions
// lists them.
func (r Reads) CountVersions(ctx context.Context, pluginID, filter string) (int, error) {
	cond, args := r.versionFilter(pluginID, filter)
	n, err := Count(ctx, r.Conn, "SELECT count(*) FROM versions"+cond, args...)
	return n, r.Wrap("counting versions", err)
}

// Draft returns the plugin's draft; before the first save, an empty one
// with Rev 0, so an editor can start from it.
func (r Reads) Draft(ctx context.Context, pluginID string) (workflow.StoredDraft, error) {
	var body, by *string
	var rev, updated *int64
	ok, err := r.Conn.Row(ctx, `SELECT d.body, d.rev, d.updated_by, d.updated_at
		FROM plugins p LEFT JOIN drafts d ON d.plugin_id = p.id WHERE p.id = ?`, []any{pluginID},
		func(sc Scanner) error { return sc.Scan(&body, &rev, &by, &updated) })
	if _, err := found(r, 0, ok, err, "reading the draft of plugin "+pluginID, workflow.NotFound("plugin %s does not exist", pluginID)); err != nil {
		return workflow.StoredDraft{}, err
	}
	if body == nil {
		return workflow.StoredDraft{PluginID: pluginID, Draft: workflow.NewDraft()}, nil
	}
	d, err := DecodeDraft([]byte(*body))
	if err != nil {
		return workflow.StoredDraft{}, fmt.Errorf("the stored draft of plugin %s is damaged: %w", pluginID, err)
	}
	return workflow.StoredDraft{PluginID: pluginID, Draft: d, Rev: *rev, UpdatedBy: *by, UpdatedAt: FromMS(*updated)}, nil
}

// PutLogo stores an image under its content address; storing it again is a
// no-op. ON CONFLICT, not SQLite's INSERT OR IGNORE, which would also
// silently drop a row its CHECK constraints refuse.
func (r Reads) PutLogo(ctx context.Context, ref, mime string, data []byte) error {
	return r.Retry(ctx, func() error {
		_, err := r.Conn.Exec(ctx, "INSERT INTO logos (ref, mime, data) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING", ref, mime, data)
		return r.Wrap("storing logo "+ref, err)
	})
}

// Logo returns a stored image, or a not-found error.
func (r Reads) Logo(ctx context.Context, ref string) (string, []byte, error) {
	var mime string
	var data []byte
	ok, err := r.Conn.Row(ctx, "SELECT mime, data FROM logos WHERE ref = ?", []any{ref},
		func(sc Scanner) error { return sc.Scan(&mime, &data) })
	_, err = found(r, 0, ok, err, "reading logo "+ref, workflow.NotFound("logo %s is not stored in this database", ref))
	if err != nil {
		return "", nil, err
	}
	return mime, data, nil
}

// Submission returns a submission with its snapshot, or a not-found error.
func (r Reads) Submission(ctx context.Context, id int64) (workflow.Submission, error) {
	sub, ok, err := One(ctx, r.Conn, ScanFullSubmission, "SELECT "+SubmissionCols+", snapshot FROM submissions WHERE id = ?", id)
	sub, err = found(r, sub, ok, err, fmt.Sprintf("reading submission %d", id), workflow.NotFound("submission %d does not exist", id))
	if err != nil {
		return sub, err
	}
	return sub, r.withNotes(ctx, []workflow.Submission{sub}, func(_ int, ns []workflow.Note) { sub.Notes = ns })
}

// submissionFilter is the WHERE clause of Submissions and CountSubmissions.
func (r Reads) submissionFilter(pluginID, filter string) (string, []any) {
	text, args := r.TextFilter(filter, "state", IDText("id", filter), "version", "submitted_by", "reviewer")
	return Where("plugin_id = ?", text), append([]any{pluginID}, args...)
}

// Submissions lists a plugin's submissions, newest first, without
// snapshots, those matching p.Filter (id, version, state, who).
func (r Reads) Submissions(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := r.submissionFilter(pluginID, p.Filter)
	subs, err := List(ctx, r.Conn, ScanBareSubmission, "SELECT "+SubmissionCols+r.SubmissionsFrom+cond+`
		ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	if err != nil {
		return subs, r.Wrap("listing the submissions of plugin "+pluginID, err)
	}
	return subs, r.withNotes(ctx, subs, func(i int, ns []workflow.Note) { subs[i].Notes = ns })
}

// CountSubmissions counts a plugin's submissions that match filter.
func (r Reads) CountSubmissions(ctx context.Context, pluginID, filter string) (int, error) {
	cond, args := r.submissionFilter(pluginID, filter)
	n, err := Count(ctx, r.Conn, "SELECT count(*)"+r.SubmissionsFrom+cond, args...)
	return n, r.Wrap("counting submissions", err)
}

// QueueFilter is the WHERE clause of the review queue that tests each
// submission in review: its id, plugin id, plugin name, version or
// submitter contains filter.
func QueueFilter(textFilter func(filter, stateCol string, cols ...string) (string, []any), filter string) (string, []any) {
	text, args := textFilter(filter, "", IDText("id", filter), "plugin_id", "version", "submitted_by",
		"(SELECT p.name FROM plugins p WHERE p.id = plugin_id)")
	return Where("state = 'in_review'", text), args
}

// ReviewQueue lists in-review submissions, earliest due first, those
// matching p.Filter.
func (r Reads) ReviewQueue(ctx context.Context, p workflow.Page) ([]workflow.Submission, error) {
	return r.ReviewQueueWhere(ctx, workflow.QueueQuery{}, p)
}

// CountReviewQueue counts the submissions in review that match filter.
func (r Reads) CountReviewQueue(ctx context.Context, filter string) (int, error) {
	return r.CountReviewQueueWhere(ctx, workflow.QueueQuery{}, filter)
}

// Listing returns a plugin's listing, or a not-found error when it is not listed.
func (r Reads) Listing(ctx context.Context, pluginID string) (workflow.Listing, error) {
	l, ok, err := One(ctx, r.Conn, ScanListing, "SELECT "+ListingCols+" FROM listings WHERE plugin_id = ?", pluginID)
	return found(r, l, ok, err, "reading the listing of plugin "+pluginID, workflow.NotFound("plugin %s is not listed", pluginID))
}

// Events lists a plugin's events, oldest first.
func (r Reads) Events(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Event, error) {
	p = p.Clamp()
	es, err := List(ctx, r.Conn, ScanEvent, "SELECT "+EventCols+` FROM events WHERE plugin_id = ?
		ORDER BY id LIMIT ? OFFSET ?`, pluginID, p.Limit, p.Offset)
	return es, r.Wrap("listing the events of plugin "+pluginID, err)
}

// CountEvents counts a plugin's events.
func (r Reads) CountEvents(ctx context.Context, pluginID string) (int, error) {
	n, err := Count(ctx, r.Conn, "SELECT count(*) FROM events WHERE plugin_id = ?", pluginID)
	return n, r.Wrap("counting events", err)
}

// AllEvents lists every plugin's events after afterID, oldest first, for
// replaying the log.
func (r Reads) AllEvents(ctx context.Context, afterID int64, limit int) ([]workflow.Event, error) {
	if limit <= 0 {
		limit = workflow.DefaultPageSize
	}
	es, err := List(ctx, r.Conn, ScanEvent, "SELECT "+EventCols+" FROM events WHERE id > ? ORDER BY id LIMIT ?", afterID, limit)
	return es, r.Wrap("reading the event log", err)
}

// Facts reduces the tables to what the event log decides, in one statement
// so that it reads one consistent state while others write.
func (r Reads) Facts(ctx context.Context) (workflow.Facts, error) {
	f := workflow.NewFacts()
	err := r.Conn.Each(ctx, `
		SELECT 'p', id, '', '', CAST(0 AS BIGINT) FROM plugins
		UNION ALL SELECT 'v', plugin_id, major || '.' || minor || '.' || patch, state, 0 FROM versions
		UNION ALL SELECT 's', '', '', state, id FROM submissions
		UNION ALL SELECT 'l', plugin_id, '', visibility, submission_id FROM listings
		UNION ALL SELECT 'o', plugin_id, CASE WHEN app_id IS NULL THEN consumer ELSE CAST(id AS TEXT) END, state, submission_id FROM orders`, nil, func(sc Scanner) error {
		var kind, plugin, key, state string
		var n int64
		if err := sc.Scan(&kind, &plugin, &key, &state, &n); err != nil {
			return err
		}
		switch kind {
		case "p":
			f.Plugins[plugin] = true
		case "v":
			f.Versions[workflow.VersionKey(plugin, key)] = workflow.VersionState(state)
		case "s":
			f.Submissions[n] = workflow.SubmissionState(state)
		case "l":
			f.Listings[plugin] = workflow.ListingFact{SubmissionID: n, Visibility: workflow.VisibilityState(state)}
		case "o":
			f.AddOrder(plugin, key, state, n)
		}
		return nil
	})
	return f, r.Wrap("reading the facts", err)
}
