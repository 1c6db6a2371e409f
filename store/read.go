package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

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

// likePattern is the LIKE pattern of a substring filter and the ESCAPE
// clause it needs: none when it has no %, _ or \, which spares LIKE a
// third argument on every row (BenchmarkFilteredPage).
func likePattern(filter string) (pat, escape string) {
	if !strings.ContainsAny(filter, `%_\`) {
		return "%" + filter + "%", ""
	}
	return "%" + likeEscaper.Replace(filter) + "%", ` ESCAPE '\'`
}

// textFilter is the WHERE clause of a list's filter: a case-insensitive
// substring of any of cols (SQL expressions; "" ones are skipped), or a
// state whose label (审核中, 已上架 …) or code contains it when stateCol is
// set. LIKE folds only ASCII letters, which is all an id, a version, a user
// name or a Chinese word needs. "" when there is no filter.
func textFilter(filter, stateCol string, cols ...string) (string, []any) {
	filter = strings.TrimSpace(filter)
	if filter == "" {
		return "", nil
	}
	pat, escape := likePattern(filter)
	var or []string
	var args []any
	for _, c := range cols {
		if c == "" {
			continue
		}
		or = append(or, c+" LIKE ?"+escape)
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
	if len(or) == 0 {
		return "0", nil
	}
	return "(" + strings.Join(or, " OR ") + ")", args
}

// idText is CAST(col AS TEXT) for a filter that an integer's decimal form
// can contain (digits and a minus sign), and "" for any other, which no
// row id can match: testing each row for it would be work for nothing.
func idText(col, filter string) string {
	if strings.Trim(strings.TrimSpace(filter), "0123456789-") != "" {
		return ""
	}
	return "CAST(" + col + " AS TEXT)"
}

// foldASCII folds what LIKE folds: the ASCII letters, and nothing else
// (strings.ToLower would also fold É, which LIKE does not).
func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// pluginMatches is a SELECT of the ids of the plugins whose id or name
// contains filter, as LIKE would find them, in id order, from the plugin
// filter index (migration 0005), and its argument: a filter of one or
// two characters is one gram of plugin_grams, a longer one a phrase of
// the trigram index. Either matches exactly, so no row is read to confirm
// it. ok is false for a filter the index cannot take (a NUL).
func pluginMatches(filter string) (sel string, arg any, ok bool) {
	q := foldASCII(strings.TrimSpace(filter))
	if q == "" || strings.ContainsRune(q, 0) {
		return "", nil, false
	}
	if utf8.RuneCountInString(q) <= 2 {
		return "SELECT plugin_id AS id FROM plugin_grams WHERE gram = ? ORDER BY plugin_id", q, true
	}
	return "SELECT CAST(rowid AS TEXT) AS id FROM plugin_trigrams WHERE plugin_trigrams MATCH ? ORDER BY rowid", phrase(q), true
}

// ownersMatching is a SELECT of the users whose name contains filter, and
// its arguments. A plugin's owner is a user (a foreign key), so the
// plugins whose owner matches are those of these few names, found by
// plugins_owner, where testing every plugin's owner reads every plugin.
func ownersMatching(filter string) (string, any) {
	pat, escape := likePattern(strings.TrimSpace(filter))
	return "SELECT name FROM users WHERE name LIKE ?" + escape, pat
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

// pluginFilter is the WHERE clause of Plugins and CountPlugins that tests
// every plugin: the owner's plugins (few, by plugins_owner), whose id, name
// or owner contains filter.
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

// pluginSummary is what the plugins screen shows of each plugin (online
// version, newest submission's state, listing), from correlated subqueries
// that each use an index.
const pluginSummary = `SELECT p.id, p.name, p.owner, p.created_at, p.rev, p.updated_by, p.updated_at,
		coalesce((SELECT v.major || '.' || v.minor || '.' || v.patch FROM versions v
			WHERE v.plugin_id = p.id AND v.state = 'online' ORDER BY v.major DESC, v.minor DESC, v.patch DESC LIMIT 1), ''),
		coalesce((SELECT s.state FROM submissions s WHERE s.plugin_id = p.id ORDER BY s.id DESC LIMIT 1), ''),
		coalesce((SELECT l.visibility FROM listings l WHERE l.plugin_id = p.id), '')
		FROM plugins p`

func scanPluginSummary(sc scanner) (workflow.PluginSummary, error) {
	var ps workflow.PluginSummary
	var vis string
	var err error
	ps.Plugin, err = scanPlugin(sc, &ps.Online, &ps.Latest, &vis)
	ps.Listing = workflow.VisibilityState(vis)
	return ps, err
}

// Plugins lists plugins by id, with what the plugins screen shows of each.
// The filter is filter, or p.Filter when filter is "". Filtering all the
// plugins reads only the matches: those whose id or name contains it from
// the plugin filter index, those whose owner does by their owners
// (filteredPluginIDs).
func (s *Store) Plugins(ctx context.Context, owner, filter string, p workflow.Page) ([]workflow.PluginSummary, error) {
	p = p.Clamp()
	if strings.TrimSpace(filter) == "" {
		filter = p.Filter
	}
	var ps []workflow.PluginSummary
	var err error
	switch match, arg, indexed := pluginMatches(filter); {
	case owner == "" && strings.TrimSpace(filter) == "":
		ps, err = list(ctx, s.db, scanPluginSummary, pluginSummary+" ORDER BY p.id LIMIT ? OFFSET ?", p.Limit, p.Offset)
	case owner == "" && indexed:
		var ids []string
		if ids, err = s.filteredPluginIDs(ctx, filter, match, arg, p); err == nil && len(ids) > 0 {
			args := make([]any, len(ids))
			for i, id := range ids {
				args[i] = id
			}
			ps, err = list(ctx, s.db, scanPluginSummary, pluginSummary+" WHERE p.id IN ("+
				strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+") ORDER BY p.id", args...)
		}
	default:
		// An owner's plugins, or a filter the index cannot take (a NUL).
		cond, args := pluginFilter(owner, filter)
		ps, err = list(ctx, s.db, scanPluginSummary, pluginSummary+cond+" ORDER BY p.id LIMIT ? OFFSET ?", append(args, p.Limit, p.Offset)...)
	}
	return ps, s.wrap("listing plugins", err)
}

// filteredPluginIDs is the page p of the ids of the plugins that match
// filter: the first Offset+Limit of those whose owner matches and of those
// whose id or name does (match), each read in id order and merged.
func (s *Store) filteredPluginIDs(ctx context.Context, filter, match string, arg any, p workflow.Page) ([]string, error) {
	n := p.Offset + p.Limit
	scanID := func(sc scanner) (string, error) {
		var id string
		return id, sc.Scan(&id)
	}
	users, pat := ownersMatching(filter)
	owned, err := list(ctx, s.db, scanID, "SELECT id FROM plugins INDEXED BY plugins_owner WHERE owner IN ("+users+
		") ORDER BY id LIMIT ?", pat, n)
	if err != nil {
		return nil, err
	}
	named, err := list(ctx, s.db, scanID, match+" LIMIT ?", arg, n)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, min(n, len(owned)+len(named)))
	for len(ids) < n && (len(owned) > 0 || len(named) > 0) {
		switch {
		case len(named) == 0 || len(owned) > 0 && owned[0] < named[0]:
			ids, owned = append(ids, owned[0]), owned[1:]
		case len(owned) == 0 || named[0] < owned[0]:
			ids, named = append(ids, named[0]), named[1:]
		default: // both
			ids, owned, named = append(ids, owned[0]), owned[1:], named[1:]
		}
	}
	return ids[min(p.Offset, len(ids)):], nil
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
	text, args := textFilter(filter, "state", idText("id", filter), "version", "submitted_by", "reviewer")
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
// submitter. The plugins whose id or name matches come from the plugin
// filter index, once per statement.
func queueFilter(filter string) (string, []any) {
	match, arg, indexed := pluginMatches(filter)
	if !indexed {
		text, args := textFilter(filter, "", idText("id", filter), "plugin_id", "version", "submitted_by",
			"(SELECT p.name FROM plugins p WHERE p.id = plugin_id)")
		return where("state = 'in_review'", text), args
	}
	text, args := textFilter(filter, "", idText("id", filter), "version", "submitted_by")
	text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	return where("state = 'in_review'", "("+text+" OR plugin_id IN ("+match+"))"), append(args, arg)
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
		UNION ALL SELECT 'o', plugin_id, CASE WHEN app_id IS NULL THEN consumer ELSE CAST(id AS TEXT) END, state, submission_id FROM orders`)
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
			f.AddOrder(plugin, key, state, n)
		}
	}
	return f, s.wrap("reading the facts", rows.Err())
}
