package postgres

import (
	"context"
	"strings"

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
	// The three texts joined by newlines are one column (filter_f); a
	// filter holding a newline could match across two of them there.
	text, targs := textFilter(filter, "", "p.id", "p.name", "p.owner")
	if f := strings.TrimSpace(filter); f != "" && !strings.ContainsAny(f, "\n\x00") {
		text, targs = "p.filter_f LIKE ?", []any{contains(store.FoldASCII(f))}
	}
	return store.Owned(owner, text, targs)
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

// keyTx is store.Reads.KeyTx: one transaction under the keys' advisory
// lock, so a key add and a signup on two hosts cannot both bind one key,
// nor two adds pass a user's limit together.
func (s *Store) keyTx(ctx context.Context, fn func(tx store.Conn) (bool, error)) error {
	return s.retry(ctx, func() error {
		tx, err := s.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "plugpub/keys"); err != nil {
			return err
		}
		if commit, err := fn(conn{tx}); err != nil || !commit {
			return err
		}
		return tx.Commit(ctx)
	})
}
