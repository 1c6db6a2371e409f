package sqlite

import (
	"context"
	"strings"
	"unicode/utf8"

	"plugpub/store"
	"plugpub/workflow"
)

// Reads outside Update: each is one indexed query, paged, on a committed state.

// likePattern is the LIKE pattern of a substring filter and the ESCAPE
// clause it needs: none when it has no %, _ or \, which spares LIKE a
// third argument on every row (BenchmarkFilteredPage).
func likePattern(filter string) (pat, escape string) {
	if !strings.ContainsAny(filter, `%_\`) {
		return "%" + filter + "%", ""
	}
	return "%" + store.LikeEscaper.Replace(filter) + "%", ` ESCAPE '\'`
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
		if codes := store.StatesMatching(filter); len(codes) > 0 {
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

// pluginMatches is a SELECT of the ids of the plugins whose id or name
// contains filter, as LIKE would find them, in id order, from the plugin
// filter index (migration 0005), and its argument: a filter of one or
// two characters is one gram of plugin_grams, a longer one a phrase of
// the trigram index. Either matches exactly, so no row is read to confirm
// it. ok is false for a filter the index cannot take (a NUL).
func pluginMatches(filter string) (sel string, arg any, ok bool) {
	q := store.FoldASCII(strings.TrimSpace(filter))
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

// pluginFilter is the WHERE clause of Plugins and CountPlugins that tests
// every plugin: the owner's plugins (few, by plugins_owner), whose id, name
// or owner contains filter.
func pluginFilter(owner, filter string) (string, []any) {
	text, targs := textFilter(filter, "", "p.id", "p.name", "p.owner")
	return store.Owned(owner, text, targs)
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
		ps, err = list(ctx, s.db, store.ScanPluginSummary, store.PluginSummary+" ORDER BY p.id LIMIT ? OFFSET ?", p.Limit, p.Offset)
	case owner == "" && indexed:
		var ids []string
		if ids, err = s.filteredPluginIDs(ctx, filter, match, arg, p); err == nil && len(ids) > 0 {
			args := make([]any, len(ids))
			for i, id := range ids {
				args[i] = id
			}
			ps, err = list(ctx, s.db, store.ScanPluginSummary, store.PluginSummary+" WHERE p.id IN ("+
				strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+") ORDER BY p.id", args...)
		}
	default:
		// An owner's plugins, or a filter the index cannot take (a NUL).
		cond, args := pluginFilter(owner, filter)
		ps, err = list(ctx, s.db, store.ScanPluginSummary, store.PluginSummary+cond+" ORDER BY p.id LIMIT ? OFFSET ?", append(args, p.Limit, p.Offset)...)
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

// The filters read their lists' covering indexes (migration 0004); the
// planner, which has no statistics, would otherwise pick a narrower one
// and read the rows' far ends past their snapshots.
const (
	submissionsIndexed = " FROM submissions INDEXED BY submissions_plugin_filter"
	queueIndexed       = " FROM submissions INDEXED BY submissions_queue_filter"
)

// queueFilter is the WHERE clause of ReviewQueue and CountReviewQueue: the
// filter matches the submission id, plugin id, plugin name, version and
// submitter. The plugins whose id or name matches come from the plugin
// filter index, once per statement.
func queueFilter(filter string) (string, []any) {
	match, arg, indexed := pluginMatches(filter)
	if !indexed {
		return store.QueueFilter(textFilter, filter)
	}
	text, args := textFilter(filter, "", store.IDText("id", filter), "version", "submitted_by")
	text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	return store.Where("state = 'in_review'", "("+text+" OR plugin_id IN ("+match+"))"), append(args, arg)
}
