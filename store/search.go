package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"plugpub/workflow"
)

// marketText is what market search looks in.
type marketText struct{ title, intro, description string }

// index puts a plugin's market text into both search tables when its
// listing is shown, and takes it out otherwise. Both tables use the plugin
// id as rowid, which the schema guarantees is 16 digits.
func index(ctx context.Context, tx *sql.Tx, pluginID string, shown bool, m marketText) error {
	rowid, err := strconv.ParseInt(pluginID, 10, 64)
	if err != nil {
		return err
	}
	for _, q := range []string{"DELETE FROM market_fts WHERE rowid = ?", "DELETE FROM market_grams WHERE rowid = ?"} {
		if _, err := tx.ExecContext(ctx, q, rowid); err != nil {
			return err
		}
	}
	if !shown {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO market_fts (rowid, title, intro, description) VALUES (?, ?, ?, ?)",
		rowid, m.title, m.intro, m.description); err != nil {
		return err
	}
	folded := fold(m.title + "\n" + m.intro + "\n" + m.description)
	_, err = tx.ExecContext(ctx, "INSERT INTO market_grams (rowid, grams, folded) VALUES (?, ?, ?)",
		rowid, strings.Join(grams(folded), " "), folded)
	return err
}

// fold is the one case folding both the short-query index and short queries use.
func fold(s string) string { return strings.ToLower(s) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// grams lists, once each, every rune and every pair of adjacent runes
// within the runs of letters and digits of s: 小程序OCR gives 小 小程 程 程序
// 序 序o o oc c cr r. Each is a single token to the unicode61 tokenizer, so
// a one- or two-character query is one token lookup.
func grams(s string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	var prev rune
	inRun := false
	for _, r := range s {
		if !isWordRune(r) {
			inRun = false
			continue
		}
		add(string(r))
		if inRun {
			add(string([]rune{prev, r}))
		}
		prev, inRun = r, true
	}
	return out
}

// phrase quotes q as one FTS5 string, so nothing in it is query syntax.
func phrase(q string) string { return `"` + strings.ReplaceAll(q, `"`, `""`) + `"` }

// Search finds shown listings whose title, intro or description contain
// q, case-insensitively, best match first. Queries of three or more
// characters go to the trigram index; shorter ones to the gram index, with
// the folded text confirming the match (a query such as "C#" is looked up
// by its letters, then checked whole).
func (s *Store) Search(ctx context.Context, q string, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	q = fold(strings.ReplaceAll(strings.TrimSpace(q), "\x00", ""))
	n := utf8.RuneCountInString(q)
	if n == 0 {
		return nil, nil
	}
	const cols = `l.plugin_id, l.submission_id, l.title, l.intro, l.buyers, l.visibility, l.listed_at`
	var query string
	var args []any
	if n >= 3 {
		query = `SELECT ` + cols + ` FROM market_fts f JOIN listings l ON l.plugin_id = CAST(f.rowid AS TEXT)
			WHERE market_fts MATCH ? AND l.visibility = 'shown'
			ORDER BY bm25(market_fts), l.plugin_id LIMIT ? OFFSET ?`
		args = []any{phrase(q), p.Limit, p.Offset}
	} else {
		gs := grams(q)
		if len(gs) == 0 {
			// Only punctuation or spaces: nothing a person would search for.
			return nil, nil
		}
		// The longest gram is the most selective; instr checks the rest.
		best := gs[0]
		for _, g := range gs {
			if utf8.RuneCountInString(g) > utf8.RuneCountInString(best) {
				best = g
			}
		}
		query = `SELECT ` + cols + ` FROM market_grams g JOIN listings l ON l.plugin_id = CAST(g.rowid AS TEXT)
			WHERE market_grams MATCH ? AND instr(g.folded, ?) > 0 AND l.visibility = 'shown'
			ORDER BY bm25(market_grams), l.plugin_id LIMIT ? OFFSET ?`
		args = []any{"grams:" + phrase(best), q, p.Limit, p.Offset}
	}
	es, err := list(ctx, s.db, scanMarketEntry, query, args...)
	return es, s.wrap("searching the market for "+strconv.Quote(q), err)
}

func scanMarketEntry(sc scanner) (workflow.MarketEntry, error) {
	var e workflow.MarketEntry
	var vis string
	var listed int64
	if err := sc.Scan(&e.PluginID, &e.SubmissionID, &e.Title, &e.Intro, &e.Buyers, &vis, &listed); err != nil {
		return e, err
	}
	e.Visibility, e.ListedAt = workflow.VisibilityState(vis), fromMS(listed)
	return e, nil
}
