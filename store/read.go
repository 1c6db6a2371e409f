package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"plugpub/workflow"
)

// Reads outside Update: each is one indexed query, paged, on a committed state.

// PutUser adds a user, or replaces the roles and buyer kind of one.
func (s *Store) PutUser(ctx context.Context, u workflow.User) error {
	return s.retry(ctx, func() error {
		_, err := s.db.ExecContext(ctx, `INSERT INTO users (name, roles, buyer) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, buyer = excluded.buyer`,
			u.Name, u.RoleList(), string(u.Buyer))
		return s.wrap("saving user "+u.Name, err)
	})
}

// User returns a user, or a not-found error.
func (s *Store) User(ctx context.Context, name string) (workflow.User, error) {
	u, ok, err := one(ctx, s.db, scanUser, "SELECT "+userCols+" FROM users WHERE name = ?", name)
	if err != nil {
		return u, s.wrap("reading user "+name, err)
	}
	if !ok {
		return u, workflow.NotFound("user %q does not exist", name)
	}
	return u, nil
}

// Users lists users by name.
func (s *Store) Users(ctx context.Context, p workflow.Page) ([]workflow.User, error) {
	p = p.Clamp()
	us, err := list(ctx, s.db, scanUser, "SELECT "+userCols+" FROM users ORDER BY name LIMIT ? OFFSET ?", p.Limit, p.Offset)
	return us, s.wrap("listing users", err)
}

// likeEscaper makes a filter match literally inside LIKE … ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// textFilter is the WHERE clause of a list's filter: a case-insensitive
// substring of any of cols (SQL expressions), or a state whose label (审核中,
// 已上架 …) or code contains it when stateCol is set. LIKE folds only ASCII
// letters, which is all an id, a version, a user name or a Chinese word
// needs. "" when there is no filter.
func textFilter(filter, stateCol string, cols ...string) (string, []any) {
	filter = strings.TrimSpace(filter)
	if filter == "" {
		return "", nil
	}
	pat := "%" + likeEscaper.Replace(filter) + "%"
	var or []string
	var args []any
	for _, c := range cols {
		or = append(or, c+` LIKE ? ESCAPE '\'`)
		args = append(args, pat)
	}
	if stateCol != "" {
		if codes := statesMatching(filter); len(codes) > 0 {
			or = append(or, stateCol+" IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(codes)), ", ")+")")
			for _, c := range codes {
				args = append(args, c)
			}
		}
	}
	return "(" + strings.Join(or, " OR ") + ")", args
}

// statesMatching lists the state codes whose label or code contains filter.
func statesMatching(filter string) []string {
	f := strings.ToLower(filter)
	var codes []string
	for code, label := range workflow.Labels {
		if strings.Contains(label, filter) || strings.Contains(code, f) {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return codes
}

// where joins conditions with AND, skipping empty ones.
func where(conds ...string) string {
	var cs []string
	for _, c := range conds {
		if c != "" {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(cs, " AND ")
}

// pluginFilter is the WHERE clause shared by Plugins and CountPlugins: the
// owner's plugins, whose id, name or owner contains filter.
func pluginFilter(owner, filter string) (string, []any) {
	var args []any
	own := ""
	if owner != "" {
		own = "p.owner = ?"
		args = append(args, owner)
	}
	text, targs := textFilter(filter, "", "p.id", "p.name", "p.owner")
	return where(own, text), append(args, targs...)
}

// Plugins lists plugins by id, with what the plugins screen shows of each
// (online version, newest submission's state, listing) from correlated
// subqueries that each use an index. The filter is filter, or p.Filter
// when filter is "".
func (s *Store) Plugins(ctx context.Context, owner, filter string, p workflow.Page) ([]workflow.PluginSummary, error) {
	p = p.Clamp()
	if strings.TrimSpace(filter) == "" {
		filter = p.Filter
	}
	cond, args := pluginFilter(owner, filter)
	query := `SELECT p.id, p.name, p.owner, p.created_at, p.rev, p.updated_by, p.updated_at,
		coalesce((SELECT v.major || '.' || v.minor || '.' || v.patch FROM versions v
			WHERE v.plugin_id = p.id AND v.state = 'online' ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1), ''),
		coalesce((SELECT s.state FROM submissions s WHERE s.plugin_id = p.id ORDER BY s.id DESC LIMIT 1), ''),
		coalesce((SELECT l.visibility FROM listings l WHERE l.plugin_id = p.id), '')
		FROM plugins p` + cond + " ORDER BY p.id LIMIT ? OFFSET ?"
	args = append(args, p.Limit, p.Offset)
	ps, err := list(ctx, s.db, func(sc scanner) (workflow.PluginSummary, error) {
		var ps workflow.PluginSummary
		var vis string
		var err error
		ps.Plugin, err = scanPlugin(sc, &ps.Online, &ps.Latest, &vis)
		ps.Listing = workflow.VisibilityState(vis)
		return ps, err
	}, query, args...)
	return ps, s.wrap("listing plugins", err)
}

// Plugin returns a plugin, or a not-found error.
func (s *Store) Plugin(ctx context.Context, id string) (workflow.Plugin, error) {
	p, ok, err := one(ctx, s.db, func(sc scanner) (workflow.Plugin, error) { return scanPlugin(sc) },
		"SELECT "+pluginCols+" FROM plugins WHERE id = ?", id)
	if err != nil {
		return p, s.wrap("reading plugin "+id, err)
	}
	if !ok {
		return p, workflow.NotFound("plugin %s does not exist", id)
	}
	return p, nil
}

// versionFilter is the WHERE clause of Versions and CountVersions.
func versionFilter(pluginID, filter string) (string, []any) {
	text, args := textFilter(filter, "state", "(major || '.' || minor || '.' || patch)", "updated_by", "submitted_by", "reason")
	return where("plugin_id = ?", text), append([]any{pluginID}, args...)
}

// Versions lists a plugin's versions, newest first, those matching p.Filter
// (version, state, who, reason).
func (s *Store) Versions(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Version, error) {
	p = p.Clamp()
	cond, args := versionFilter(pluginID, p.Filter)
	vs, err := list(ctx, s.db, scanVersion, "SELECT "+versionCols+" FROM versions"+cond+`
		ORDER BY major DESC, minor DESC, patch DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return vs, s.wrap("listing the versions of plugin "+pluginID, err)
}

// Draft returns the plugin's draft; before the first save, an empty one
// with Rev 0, so an editor can start from it.
func (s *Store) Draft(ctx context.Context, pluginID string) (workflow.StoredDraft, error) {
	var body sql.NullString
	var rev, updated sql.NullInt64
	var by sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT d.body, d.rev, d.updated_by, d.updated_at
		FROM plugins p LEFT JOIN drafts d ON d.plugin_id = p.id WHERE p.id = ?`, pluginID).Scan(&body, &rev, &by, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.StoredDraft{}, workflow.NotFound("plugin %s does not exist", pluginID)
	}
	if err != nil {
		return workflow.StoredDraft{}, s.wrap("reading the draft of plugin "+pluginID, err)
	}
	if !body.Valid {
		return workflow.StoredDraft{PluginID: pluginID, Draft: workflow.NewDraft()}, nil
	}
	d, err := decodeStored([]byte(body.String))
	if err != nil {
		return workflow.StoredDraft{}, fmt.Errorf("the stored draft of plugin %s is damaged: %w", pluginID, err)
	}
	return workflow.StoredDraft{PluginID: pluginID, Draft: d, Rev: rev.Int64, UpdatedBy: by.String, UpdatedAt: fromMS(updated.Int64)}, nil
}

// PutLogo stores an image under its content address; storing it again is a
// no-op. ON CONFLICT, not INSERT OR IGNORE, which would also silently drop
// a row its CHECK constraints refuse.
func (s *Store) PutLogo(ctx context.Context, ref, mime string, data []byte) error {
	return s.retry(ctx, func() error {
		_, err := s.db.ExecContext(ctx, "INSERT INTO logos (ref, mime, data) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING", ref, mime, data)
		return s.wrap("storing logo "+ref, err)
	})
}

// Logo returns a stored image, or a not-found error.
func (s *Store) Logo(ctx context.Context, ref string) (string, []byte, error) {
	var mime string
	var data []byte
	err := s.db.QueryRowContext(ctx, "SELECT mime, data FROM logos WHERE ref = ?", ref).Scan(&mime, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, workflow.NotFound("logo %s is not stored in this database", ref)
	}
	if err != nil {
		return "", nil, s.wrap("reading logo "+ref, err)
	}
	return mime, data, nil
}

// Submission returns a submission with its snapshot, or a not-found error.
func (s *Store) Submission(ctx context.Context, id int64) (workflow.Submission, error) {
	sub, ok, err := one(ctx, s.db, scanFullSubmission, "SELECT "+submissionCols+", snapshot FROM submissions WHERE id = ?", id)
	if err != nil {
		return sub, s.wrap(fmt.Sprintf("reading submission %d", id), err)
	}
	if !ok {
		return sub, workflow.NotFound("submission %d does not exist", id)
	}
	return sub, nil
}

func scanBareSubmission(sc scanner) (workflow.Submission, error) { return scanSubmission(sc) }

// submissionFilter is the WHERE clause of Submissions and CountSubmissions.
func submissionFilter(pluginID, filter string) (string, []any) {
	text, args := textFilter(filter, "state", "CAST(id AS TEXT)", "version", "submitted_by", "reviewer")
	return where("plugin_id = ?", text), append([]any{pluginID}, args...)
}

// The filters read their lists' covering indexes (migration 0004); the
// planner, which has no statistics, would otherwise pick a narrower one
// and read the rows' far ends past their snapshots.
const (
	submissionsIndexed = " FROM submissions INDEXED BY submissions_plugin_filter"
	queueIndexed       = " FROM submissions INDEXED BY submissions_queue_filter"
)

// Submissions lists a plugin's submissions, newest first, without
// snapshots, those matching p.Filter (id, version, state, who).
func (s *Store) Submissions(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := submissionFilter(pluginID, p.Filter)
	subs, err := list(ctx, s.db, scanBareSubmission, "SELECT "+submissionCols+submissionsIndexed+cond+`
		ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return subs, s.wrap("listing the submissions of plugin "+pluginID, err)
}

// queueFilter is the WHERE clause of ReviewQueue and CountReviewQueue: the
// filter matches the submission id, plugin id, plugin name, version and
// submitter.
func queueFilter(filter string) (string, []any) {
	text, args := textFilter(filter, "", "CAST(id AS TEXT)", "plugin_id", "version", "submitted_by")
	if text != "" {
		// The plugins whose name matches, found once per statement; looking
		// up each row's name instead costs more (BenchmarkFilteredPage).
		name, _ := textFilter(filter, "", "name")
		text = strings.TrimSuffix(text, ")") + " OR plugin_id IN (SELECT id FROM plugins WHERE " + name + "))"
		args = append(args, args[0])
	}
	return where("state = 'in_review'", text), args
}

// ReviewQueue lists in-review submissions, earliest due first, those
// matching p.Filter.
func (s *Store) ReviewQueue(ctx context.Context, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := queueFilter(p.Filter)
	subs, err := list(ctx, s.db, scanBareSubmission, "SELECT "+submissionCols+queueIndexed+cond+`
		ORDER BY due_at, id LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return subs, s.wrap("listing the review queue", err)
}

// Listing returns a plugin's listing, or a not-found error when it is not listed.
func (s *Store) Listing(ctx context.Context, pluginID string) (workflow.Listing, error) {
	l, ok, err := one(ctx, s.db, scanListing, "SELECT "+listingCols+" FROM listings WHERE plugin_id = ?", pluginID)
	if err != nil {
		return l, s.wrap("reading the listing of plugin "+pluginID, err)
	}
	if !ok {
		return l, workflow.NotFound("plugin %s is not listed", pluginID)
	}
	return l, nil
}

// Orders lists a consumer's orders, newest first.
func (s *Store) Orders(ctx context.Context, consumer string, p workflow.Page) ([]workflow.Order, error) {
	p = p.Clamp()
	orders, err := list(ctx, s.db, scanOrder, "SELECT "+orderCols+` FROM orders WHERE consumer = ?
		ORDER BY id DESC LIMIT ? OFFSET ?`, consumer, p.Limit, p.Offset)
	return orders, s.wrap("listing the orders of "+consumer, err)
}

// Events lists a plugin's events, oldest first.
func (s *Store) Events(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Event, error) {
	p = p.Clamp()
	es, err := list(ctx, s.db, scanEvent, "SELECT "+eventCols+` FROM events WHERE plugin_id = ?
		ORDER BY id LIMIT ? OFFSET ?`, pluginID, p.Limit, p.Offset)
	return es, s.wrap("listing the events of plugin "+pluginID, err)
}

// AllEvents lists every plugin's events after afterID, oldest first, for
// replaying the log.
func (s *Store) AllEvents(ctx context.Context, afterID int64, limit int) ([]workflow.Event, error) {
	if limit <= 0 {
		limit = workflow.DefaultPageSize
	}
	es, err := list(ctx, s.db, scanEvent, "SELECT "+eventCols+" FROM events WHERE id > ? ORDER BY id LIMIT ?", afterID, limit)
	return es, s.wrap("reading the event log", err)
}

// Facts reduces the tables to what the event log decides, in one statement
// so that it reads one consistent state while others write.
func (s *Store) Facts(ctx context.Context) (workflow.Facts, error) {
	f := workflow.NewFacts()
	rows, err := s.db.QueryContext(ctx, `
		SELECT 'p', id, '', '', 0 FROM plugins
		UNION ALL SELECT 'v', plugin_id, major || '.' || minor || '.' || patch, state, 0 FROM versions
		UNION ALL SELECT 's', '', '', state, id FROM submissions
		UNION ALL SELECT 'l', plugin_id, '', visibility, submission_id FROM listings
		UNION ALL SELECT 'o', plugin_id, consumer, '', submission_id FROM orders`)
	if err != nil {
		return f, s.wrap("reading the facts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, plugin, key, state string
		var n int64
		if err := rows.Scan(&kind, &plugin, &key, &state, &n); err != nil {
			return f, s.wrap("reading the facts", err)
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
			f.Orders[workflow.OrderKey(plugin, key)] = n
		}
	}
	return f, s.wrap("reading the facts", rows.Err())
}
