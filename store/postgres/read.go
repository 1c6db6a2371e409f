package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"plugpub/workflow"
)

// Reads outside Update: each is one query, paged, on a committed state,
// with the results and the order of the SQLite store. Names are ordered
// COLLATE "C", by code point, as SQLite orders them, whatever the
// database's collation; plugin ids are 16 digits, which every collation
// orders alike, so their indexes serve the order.

// PutUser adds a user, or replaces the roles and buyer kind of one.
func (s *Store) PutUser(ctx context.Context, u workflow.User) error {
	return s.retry(ctx, func() error {
		_, err := s.pool.Exec(ctx, `INSERT INTO users (name, roles, buyer) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, buyer = excluded.buyer`,
			u.Name, u.RoleList(), string(u.Buyer))
		return s.wrap("saving user "+u.Name, err)
	})
}

// User returns a user, or a not-found error.
func (s *Store) User(ctx context.Context, name string) (workflow.User, error) {
	u, ok, err := one(ctx, s.pool, scanUser, "SELECT "+userCols+" FROM users WHERE name = ?", name)
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
	us, err := list(ctx, s.pool, scanUser, "SELECT "+userCols+` FROM users ORDER BY name COLLATE "C" LIMIT ? OFFSET ?`, p.Limit, p.Offset)
	return us, s.wrap("listing users", err)
}

// likeEscaper makes a filter match literally inside LIKE, whose escape
// character is a backslash.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// foldASCII folds what SQLite's LIKE folds: the ASCII letters only.
func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// contains is the LIKE pattern of a substring.
func contains(s string) string { return "%" + likeEscaper.Replace(s) + "%" }

// textFilter is the WHERE clause of a list's filter: a substring of any of
// cols (SQL expressions; "" ones are skipped) folding ASCII letters, as
// SQLite's LIKE does, or a state whose label or code contains it when
// stateCol is set. "" when there is no filter.
//
// SQLite reads a LIKE pattern up to its first NUL, so there a filter with
// a NUL matches the texts that end with what comes before it (all of them
// when nothing does); PostgreSQL cannot hold a NUL at all, so the pattern
// is cut the same way here, for the same rows.
func textFilter(filter, stateCol string, cols ...string) (string, []any) {
	filter = strings.TrimSpace(filter)
	if filter == "" {
		return "", nil
	}
	pat := contains(foldASCII(filter))
	if i := strings.IndexByte(filter, 0); i >= 0 {
		pat = "%" + likeEscaper.Replace(foldASCII(filter[:i]))
	}
	var or []string
	var args []any
	for _, c := range cols {
		if c == "" {
			continue
		}
		or = append(or, "plugpub_fold_ascii("+c+") LIKE ?")
		args = append(args, pat)
	}
	if stateCol != "" {
		if codes := statesMatching(filter); len(codes) > 0 {
			or = append(or, stateCol+" = ANY(?)")
			args = append(args, codes)
		}
	}
	if len(or) == 0 {
		return "false", nil
	}
	return "(" + strings.Join(or, " OR ") + ")", args
}

// idText is col as text for a filter an integer's decimal form can
// contain, and "" for any other.
func idText(col, filter string) string {
	if strings.Trim(strings.TrimSpace(filter), "0123456789-") != "" {
		return ""
	}
	return col + "::text"
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

func pluginFilter(owner, filter string) (string, []any) {
	var args []any
	own := ""
	if owner != "" {
		own = "p.owner = ?"
		args = append(args, owner)
	}
	// The three texts joined by newlines are one column (filter_f); a
	// filter holding a newline could match across two of them there.
	text, targs := textFilter(filter, "", "p.id", "p.name", "p.owner")
	if f := strings.TrimSpace(filter); f != "" && !strings.ContainsAny(f, "\n\x00") {
		text, targs = "p.filter_f LIKE ?", []any{contains(foldASCII(f))}
	}
	return where(own, text), append(args, targs...)
}

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
func (s *Store) Plugins(ctx context.Context, owner, filter string, p workflow.Page) ([]workflow.PluginSummary, error) {
	p = p.Clamp()
	if strings.TrimSpace(filter) == "" {
		filter = p.Filter
	}
	cond, args := pluginFilter(owner, filter)
	// The page is chosen first, so the summary's subqueries run for its
	// rows only, not for every row the offset skips.
	ps, err := list(ctx, s.pool, scanPluginSummary, strings.Replace(pluginSummary, "FROM plugins p",
		`FROM (SELECT * FROM plugins p`+cond+` ORDER BY p.id LIMIT ? OFFSET ?) p`, 1)+` ORDER BY p.id`,
		append(args, p.Limit, p.Offset)...)
	return ps, s.wrap("listing plugins", err)
}

// Plugin returns a plugin, or a not-found error.
func (s *Store) Plugin(ctx context.Context, id string) (workflow.Plugin, error) {
	p, ok, err := one(ctx, s.pool, scanBarePlugin, "SELECT "+pluginCols+" FROM plugins WHERE id = ?", id)
	if err != nil {
		return p, s.wrap("reading plugin "+id, err)
	}
	if !ok {
		return p, workflow.NotFound("plugin %s does not exist", id)
	}
	return p, nil
}

func versionFilter(pluginID, filter string) (string, []any) {
	text, args := textFilter(filter, "state", "(major || '.' || minor || '.' || patch)", "updated_by", "submitted_by", "reason")
	return where("plugin_id = ?", text), append([]any{pluginID}, args...)
}

// Versions lists a plugin's versions, newest first, those matching p.Filter.
func (s *Store) Versions(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Version, error) {
	p = p.Clamp()
	cond, args := versionFilter(pluginID, p.Filter)
	vs, err := list(ctx, s.pool, scanVersion, "SELECT "+versionCols+" FROM versions"+cond+`
		ORDER BY major DESC, minor DESC, patch DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return vs, s.wrap("listing the versions of plugin "+pluginID, err)
}

// Draft returns the plugin's draft; before the first save, an empty one
// with Rev 0.
func (s *Store) Draft(ctx context.Context, pluginID string) (workflow.StoredDraft, error) {
	var body, by *string
	var rev, updated *int64
	err := s.pool.QueryRow(ctx, `SELECT d.body, d.rev, d.updated_by, d.updated_at
		FROM plugins p LEFT JOIN drafts d ON d.plugin_id = p.id WHERE p.id = $1`, pluginID).Scan(&body, &rev, &by, &updated)
	if errors.Is(err, pgx.ErrNoRows) {
		return workflow.StoredDraft{}, workflow.NotFound("plugin %s does not exist", pluginID)
	}
	if err != nil {
		return workflow.StoredDraft{}, s.wrap("reading the draft of plugin "+pluginID, err)
	}
	if body == nil {
		return workflow.StoredDraft{PluginID: pluginID, Draft: workflow.NewDraft()}, nil
	}
	d, err := decodeStored([]byte(*body))
	if err != nil {
		return workflow.StoredDraft{}, fmt.Errorf("the stored draft of plugin %s is damaged: %w", pluginID, err)
	}
	return workflow.StoredDraft{PluginID: pluginID, Draft: d, Rev: *rev, UpdatedBy: *by, UpdatedAt: fromMS(*updated)}, nil
}

// PutLogo stores an image under its content address; storing it again is a
// no-op.
func (s *Store) PutLogo(ctx context.Context, ref, mime string, data []byte) error {
	return s.retry(ctx, func() error {
		_, err := s.pool.Exec(ctx, "INSERT INTO logos (ref, mime, data) VALUES ($1, $2, $3) ON CONFLICT (ref) DO NOTHING", ref, mime, data)
		return s.wrap("storing logo "+ref, err)
	})
}

// Logo returns a stored image, or a not-found error.
func (s *Store) Logo(ctx context.Context, ref string) (string, []byte, error) {
	var mime string
	var data []byte
	err := s.pool.QueryRow(ctx, "SELECT mime, data FROM logos WHERE ref = $1", ref).Scan(&mime, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, workflow.NotFound("logo %s is not stored in this database", ref)
	}
	if err != nil {
		return "", nil, s.wrap("reading logo "+ref, err)
	}
	return mime, data, nil
}

// Submission returns a submission with its snapshot, or a not-found error.
func (s *Store) Submission(ctx context.Context, id int64) (workflow.Submission, error) {
	sub, ok, err := one(ctx, s.pool, scanFullSubmission, "SELECT "+submissionCols+", snapshot FROM submissions WHERE id = ?", id)
	if err != nil {
		return sub, s.wrap(fmt.Sprintf("reading submission %d", id), err)
	}
	if !ok {
		return sub, workflow.NotFound("submission %d does not exist", id)
	}
	return sub, nil
}

func submissionFilter(pluginID, filter string) (string, []any) {
	text, args := textFilter(filter, "state", idText("id", filter), "version", "submitted_by", "reviewer")
	return where("plugin_id = ?", text), append([]any{pluginID}, args...)
}

// Submissions lists a plugin's submissions, newest first, without snapshots.
func (s *Store) Submissions(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := submissionFilter(pluginID, p.Filter)
	subs, err := list(ctx, s.pool, scanBareSubmission, "SELECT "+submissionCols+" FROM submissions"+cond+`
		ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return subs, s.wrap("listing the submissions of plugin "+pluginID, err)
}

func queueFilter(filter string) (string, []any) {
	text, args := textFilter(filter, "", idText("id", filter), "plugin_id", "version", "submitted_by",
		"(SELECT p.name FROM plugins p WHERE p.id = plugin_id)")
	return where("state = 'in_review'", text), args
}

// ReviewQueue lists in-review submissions, earliest due first.
func (s *Store) ReviewQueue(ctx context.Context, p workflow.Page) ([]workflow.Submission, error) {
	p = p.Clamp()
	cond, args := queueFilter(p.Filter)
	subs, err := list(ctx, s.pool, scanBareSubmission, "SELECT "+submissionCols+" FROM submissions"+cond+`
		ORDER BY due_at, id LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	return subs, s.wrap("listing the review queue", err)
}

// Listing returns a plugin's listing, or a not-found error.
func (s *Store) Listing(ctx context.Context, pluginID string) (workflow.Listing, error) {
	l, ok, err := one(ctx, s.pool, scanListing, "SELECT "+listingCols+" FROM listings WHERE plugin_id = ?", pluginID)
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
	orders, err := list(ctx, s.pool, scanOrder, "SELECT "+orderCols+` FROM orders WHERE consumer = ?
		ORDER BY id DESC LIMIT ? OFFSET ?`, consumer, p.Limit, p.Offset)
	return orders, s.wrap("listing the orders of "+consumer, err)
}

// OrderLines lists a consumer's orders, newest first, with title and version.
func (s *Store) OrderLines(ctx context.Context, consumer string, p workflow.Page) ([]workflow.OrderLine, error) {
	p = p.Clamp()
	ls, err := list(ctx, s.pool, func(sc scanner) (workflow.OrderLine, error) {
		var o workflow.OrderLine
		var at int64
		if err := sc.Scan(&o.ID, &o.PluginID, &o.Consumer, &o.SubmissionID, &at, &o.Version, &o.Title); err != nil {
			return o, err
		}
		o.At = fromMS(at)
		return o, nil
	}, `SELECT o.id, o.plugin_id, o.consumer, o.submission_id, o.at, s.version, o.title
		FROM orders o JOIN submissions s ON s.id = o.submission_id
		WHERE o.consumer = ? ORDER BY o.id DESC LIMIT ? OFFSET ?`, consumer, p.Limit, p.Offset)
	return ls, s.wrap("listing the orders of "+consumer, err)
}

// Events lists a plugin's events, oldest first.
func (s *Store) Events(ctx context.Context, pluginID string, p workflow.Page) ([]workflow.Event, error) {
	p = p.Clamp()
	es, err := list(ctx, s.pool, scanEvent, "SELECT "+eventCols+` FROM events WHERE plugin_id = ?
		ORDER BY id LIMIT ? OFFSET ?`, pluginID, p.Limit, p.Offset)
	return es, s.wrap("listing the events of plugin "+pluginID, err)
}

// AllEvents lists every plugin's events after afterID, oldest first.
func (s *Store) AllEvents(ctx context.Context, afterID int64, limit int) ([]workflow.Event, error) {
	if limit <= 0 {
		limit = workflow.DefaultPageSize
	}
	es, err := list(ctx, s.pool, scanEvent, "SELECT "+eventCols+" FROM events WHERE id > ? ORDER BY id LIMIT ?", afterID, limit)
	return es, s.wrap("reading the event log", err)
}

// Facts reduces the tables to what the event log decides, in one statement.
func (s *Store) Facts(ctx context.Context) (workflow.Facts, error) {
	f := workflow.NewFacts()
	rows, err := s.pool.Query(ctx, `
		SELECT 'p', id, '', '', 0::bigint FROM plugins
		UNION ALL SELECT 'v', plugin_id, major || '.' || minor || '.' || patch, state, 0 FROM versions
		UNION ALL SELECT 's', '', '', state, id FROM submissions
		UNION ALL SELECT 'l', plugin_id, '', visibility, submission_id FROM listings
		UNION ALL SELECT 'o', plugin_id, CASE WHEN app_id IS NULL THEN consumer ELSE id::text END, state, submission_id FROM orders`)
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

// Counts: each is one COUNT of what its list would show.

func (s *Store) CountPlugins(ctx context.Context, owner, filter string) (int, error) {
	cond, args := pluginFilter(owner, filter)
	return s.count(ctx, "counting plugins", "SELECT count(*) FROM plugins p"+cond, args...)
}

func (s *Store) CountVersions(ctx context.Context, pluginID, filter string) (int, error) {
	cond, args := versionFilter(pluginID, filter)
	return s.count(ctx, "counting versions", "SELECT count(*) FROM versions"+cond, args...)
}

func (s *Store) CountSubmissions(ctx context.Context, pluginID, filter string) (int, error) {
	cond, args := submissionFilter(pluginID, filter)
	return s.count(ctx, "counting submissions", "SELECT count(*) FROM submissions"+cond, args...)
}

func (s *Store) CountReviewQueue(ctx context.Context, filter string) (int, error) {
	cond, args := queueFilter(filter)
	return s.count(ctx, "counting the review queue", "SELECT count(*) FROM submissions"+cond, args...)
}

func (s *Store) CountEvents(ctx context.Context, pluginID string) (int, error) {
	return s.count(ctx, "counting events", "SELECT count(*) FROM events WHERE plugin_id = ?", pluginID)
}

func (s *Store) count(ctx context.Context, op, query string, args ...any) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, rebind(query), args...).Scan(&n)
	return n, s.wrap(op, err)
}

// Keys bound to users: which key may be added is workflow's rule; the
// store answers in one transaction, under the user's advisory lock so two
// hosts adding keys cannot pass the limit together.

// PutKey binds k to k.User unless the key is bound already or the user
// holds max keys; owner and held say which, and nothing is written then.
func (s *Store) PutKey(ctx context.Context, k workflow.Key, max int) (owner string, held int, err error) {
	err = s.retry(ctx, func() error {
		owner, held = "", 0
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		if owner, err = lockedKeyOwner(ctx, tx, k.Fingerprint); err != nil || owner != "" {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM user_keys WHERE "user" = $1`, k.User).Scan(&held); err != nil {
			return err
		}
		if held >= max {
			return nil
		}
		if err := insertKey(ctx, tx, k); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	return owner, held, s.wrap("adding a key of user "+k.User, err)
}

const keyCols = `fingerprint, "user", type, comment, public_key, added_by, added_at`

func scanKey(sc scanner) (workflow.Key, error) {
	var k workflow.Key
	var at int64
	err := sc.Scan(&k.Fingerprint, &k.User, &k.Type, &k.Comment, &k.Public, &k.AddedBy, &at)
	k.AddedAt = fromMS(at)
	return k, err
}

// Keys lists a user's keys, oldest first.
func (s *Store) Keys(ctx context.Context, user string) ([]workflow.Key, error) {
	ks, err := list(ctx, s.pool, scanKey, "SELECT "+keyCols+` FROM user_keys WHERE "user" = ? ORDER BY added_at, fingerprint COLLATE "C"`, user)
	return ks, s.wrap("listing the keys of user "+user, err)
}

// DeleteKey unbinds a key from user.
func (s *Store) DeleteKey(ctx context.Context, user, fingerprint string) (bool, error) {
	var n int64
	err := s.retry(ctx, func() error {
		tag, err := s.pool.Exec(ctx, `DELETE FROM user_keys WHERE "user" = $1 AND fingerprint = $2`, user, fingerprint)
		n = tag.RowsAffected()
		return err
	})
	return n > 0, s.wrap("removing a key of user "+user, err)
}

// KeyUser is the user a key is bound to.
func (s *Store) KeyUser(ctx context.Context, fingerprint string) (string, bool, error) {
	var u string
	err := s.pool.QueryRow(ctx, `SELECT "user" FROM user_keys WHERE fingerprint = $1`, fingerprint).Scan(&u)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	return u, err == nil, s.wrap("finding the user of a key", err)
}

// SignUp adds u with k bound to it in one transaction, unless the name is
// taken (case-folded, as names are ASCII) or the key is bound already.
// The keys lock is PutKey's, so a signup and a key add cannot both bind
// one key.
func (s *Store) SignUp(ctx context.Context, u workflow.User, k workflow.Key) (nameTaken bool, owner string, err error) {
	err = s.retry(ctx, func() error {
		nameTaken, owner = false, ""
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		if owner, err = lockedKeyOwner(ctx, tx, k.Fingerprint); err != nil || owner != "" {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM users WHERE lower(name) = lower($1)`, u.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			nameTaken = true
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO users (name, roles, buyer) VALUES ($1, $2, $3)`, u.Name, u.RoleList(), string(u.Buyer)); err != nil {
			return err
		}
		k.User = u.Name
		if err := insertKey(ctx, tx, k); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	return nameTaken, owner, s.wrap("signing up user "+u.Name, err)
}

// lockedKeyOwner takes the keys' advisory lock for the transaction, so a
// key add and a signup on two hosts cannot both bind one key, and says
// whose the key is ("" for nobody's).
func lockedKeyOwner(ctx context.Context, tx pgx.Tx, fingerprint string) (string, error) {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "plugpub/keys"); err != nil {
		return "", err
	}
	var owner string
	err := tx.QueryRow(ctx, `SELECT "user" FROM user_keys WHERE fingerprint = $1`, fingerprint).Scan(&owner)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return owner, err
}

// insertKey binds k to k.User.
func insertKey(ctx context.Context, tx pgx.Tx, k workflow.Key) error {
	_, err := tx.Exec(ctx, `INSERT INTO user_keys (fingerprint, "user", type, comment, public_key, added_by, added_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, k.Fingerprint, k.User, k.Type, k.Comment, k.Public, k.AddedBy, ms(k.AddedAt))
	return err
}
