package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"plugpub/store"
	"plugpub/workflow"
)

// Reads outside Update: each is one query, paged, on a committed state,
// with the results and the order of the SQLite store. Names are ordered
// COLLATE "C", by code point, as SQLite orders them, whatever the
// database's collation; plugin ids are 16 digits, which every collation
// orders alike, so their indexes serve the order.

// contains is the LIKE pattern of a substring.
func contains(s string) string { return "%" + store.LikeEscaper.Replace(s) + "%" }

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
	pat := contains(store.FoldASCII(filter))
	if i := strings.IndexByte(filter, 0); i >= 0 {
		pat = "%" + store.LikeEscaper.Replace(store.FoldASCII(filter[:i]))
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
		if codes := store.StatesMatching(filter); len(codes) > 0 {
			or = append(or, stateCol+" = ANY(?)")
			args = append(args, codes)
		}
	}
	if len(or) == 0 {
		return "false", nil
	}
	return "(" + strings.Join(or, " OR ") + ")", args
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
		text, targs = "p.filter_f LIKE ?", []any{contains(store.FoldASCII(f))}
	}
	return store.Where(own, text), append(args, targs...)
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
	ps, err := list(ctx, s.pool, store.ScanPluginSummary, strings.Replace(store.PluginSummary, "FROM plugins p",
		`FROM (SELECT * FROM plugins p`+cond+` ORDER BY p.id LIMIT ? OFFSET ?) p`, 1)+` ORDER BY p.id`,
		append(args, p.Limit, p.Offset)...)
	return ps, s.wrap("listing plugins", err)
}

// Orders lists a consumer's orders, newest first.
func (s *Store) Orders(ctx context.Context, consumer string, p workflow.Page) ([]workflow.Order, error) {
	p = p.Clamp()
	orders, err := list(ctx, s.pool, store.ScanOrder, "SELECT "+store.OrderCols+` FROM orders WHERE consumer = ?
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
		o.At = store.FromMS(at)
		return o, nil
	}, `SELECT o.id, o.plugin_id, o.consumer, o.submission_id, o.at, s.version, o.title
		FROM orders o JOIN submissions s ON s.id = o.submission_id
		WHERE o.consumer = ? ORDER BY o.id DESC LIMIT ? OFFSET ?`, consumer, p.Limit, p.Offset)
	return ls, s.wrap("listing the orders of "+consumer, err)
}

// Counts: each is one COUNT of what its list would show.

func (s *Store) CountPlugins(ctx context.Context, owner, filter string) (int, error) {
	cond, args := pluginFilter(owner, filter)
	return s.count(ctx, "counting plugins", "SELECT count(*) FROM plugins p"+cond, args...)
}

func (s *Store) count(ctx context.Context, op, query string, args ...any) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, store.Rebind(query), args...).Scan(&n)
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
		if err := store.InsertKey(ctx, conn{tx}, k); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	return owner, held, s.wrap("adding a key of user "+k.User, err)
}

const keyCols = `fingerprint, "user", type, comment, public_key, added_by, added_at`

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
		if err := store.InsertKey(ctx, conn{tx}, k); err != nil {
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
