package postgres

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"plugpub/store"
	"plugpub/workflow"
)

// index puts a plugin's market text into the search tables when its
// listing is shown, and takes it out otherwise.
func index(ctx context.Context, tx pgx.Tx, pluginID string, shown bool, m workflow.MarketText) error {
	for _, q := range []string{"DELETE FROM market_grams WHERE plugin_id = $1", "DELETE FROM market WHERE plugin_id = $1"} {
		if _, err := tx.Exec(ctx, q, pluginID); err != nil {
			return err
		}
	}
	if !shown {
		return nil
	}
	if _, err := tx.Exec(ctx, "INSERT INTO market (plugin_id, title_f, intro_f, description_f, description) VALUES ($1, $2, $3, $4, $5)",
		pluginID, store.Fold(m.Title), store.Fold(m.Intro), store.Fold(m.Description), m.Description); err != nil {
		return err
	}
	var gs []string
	var cols []int16
	for col, text := range []string{m.Title, m.Intro, m.Description} {
		for _, g := range store.Grams(store.Fold(text)) {
			gs, cols = append(gs, g), append(cols, int16(col))
		}
	}
	_, err := tx.Exec(ctx, "INSERT INTO market_grams (gram, plugin_id, col) SELECT g, $2, c FROM unnest($1::text[], $3::smallint[]) AS u (g, c)",
		gs, pluginID, cols)
	return err
}

// Search finds shown listings whose title, intro or description contain
// every word of q, case-insensitively, as the SQLite store does and in its
// order: tier 0, those with every word in the title, then tier 1, every
// word in the title or the intro, then tier 2, the rest, each tier in
// plugin id order. A word of one or two characters that is a gram itself
// is found by the gram table (market_grams, which records the column of
// each gram), any other word by LIKE on the folded texts (three or more
// characters: the trigram index of the three texts joined). A query of
// punctuation only finds nothing, as in the SQLite store.
//
// Each tier is one query that produces only its part of the page: its ids
// in plugin id order, LIMIT and OFFSET in SQL, walked from the gram table
// of a gram word (in (gram, plugin id) order) or the market's primary key,
// so a word nearly every listing holds stops at the end of the page; the
// listings are read for those ids alone. Ranking every match by its tier
// and sorting them cost ~10 ms per common word on the large demo
// (BenchmarkLargeEngines). A tier the offset passes whole is counted, not
// read, as in the SQLite store.
func (s *Store) Search(ctx context.Context, q string, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	words := store.SearchWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	anyGram := slices.ContainsFunc(words, func(w string) bool { return len(store.Grams(w)) > 0 })
	var ws []searchWord
	for _, w := range words {
		short := utf8.RuneCountInString(w) < 3
		gram := short && slices.Contains(store.Grams(w), w)
		if short && !gram && !anyGram {
			return nil, nil
		}
		ws = append(ws, searchWord{text: w, gram: gram})
	}
	var out []workflow.MarketEntry
	offset, need := p.Offset, p.Limit
	for k := range 3 {
		from, where, args := tierQuery(ws, k)
		if offset > 0 {
			n, err := store.Count(ctx, conn{s.pool}, "SELECT count(*) FROM "+from+" WHERE "+where, args...)
			if err != nil {
				return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
			}
			if offset >= n {
				offset -= n
				continue
			}
		}
		page, err := list(ctx, s.pool, store.ScanMarketEntry, `SELECT `+store.MarketCols+`
			FROM (SELECT id FROM `+from+` WHERE `+where+` ORDER BY id LIMIT ? OFFSET ?) t
			JOIN listings l ON l.plugin_id = t.id WHERE l.visibility = 'shown' ORDER BY t.id`,
			append(args, need, offset)...)
		if err != nil {
			return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
		}
		offset = 0
		out = append(out, page...)
		if need -= len(page); need == 0 {
			break
		}
	}
	return out, nil
}

// searchWord is a word of a query, and whether the gram table finds it.
type searchWord struct {
	text string
	gram bool
}

// tierQuery is the FROM and WHERE of the ids of tier k (column id, in
// plugin id order) and its arguments: every word within the first k+1
// texts, and, past tier 0, not every word within the first k. The ids are
// walked from the first gram word's rows of the gram table, or else from
// the market; one gram word alone walks only its rows of column k.
func tierQuery(ws []searchWord, k int) (from, where string, args []any) {
	lead := slices.IndexFunc(ws, func(w searchWord) bool { return w.gram })
	id := "m.plugin_id"
	switch {
	case lead >= 0 && len(ws) == 1:
		// A plugin is in tier k when its first column holding the gram is k.
		from, id = "(SELECT g.plugin_id AS id FROM market_grams g WHERE g.gram = ? AND g.col = ?) d", "d.id"
		args = append(args, ws[lead].text, k)
		where = "NOT EXISTS (SELECT 1 FROM market_grams h WHERE h.gram = ? AND h.plugin_id = d.id AND h.col < ?)"
		return from, where, append(args, ws[lead].text, k)
	case lead >= 0:
		from, id = "(SELECT DISTINCT g.plugin_id AS id FROM market_grams g WHERE g.gram = ? AND g.col <= ?) d", "d.id"
		args = append(args, ws[lead].text, k)
		if slices.ContainsFunc(ws, func(w searchWord) bool { return !w.gram }) {
			from += " JOIN market m ON m.plugin_id = d.id"
		}
	default:
		from = "(SELECT m.plugin_id AS id, m.* FROM market m) m"
	}
	// within is every word in the first k+1 texts; the lead's rows of
	// the gram table already hold it for tier k, so skip leaves it out.
	within := func(k, skip int) string {
		var conds []string
		for i, w := range ws {
			if i == skip {
				continue
			}
			if w.gram {
				conds = append(conds, "EXISTS (SELECT 1 FROM market_grams h WHERE h.gram = ? AND h.plugin_id = "+id+" AND h.col <= ?)")
				args = append(args, w.text, k)
				continue
			}
			pat := contains(w.text)
			switch k {
			case 0:
				conds = append(conds, "m.title_f LIKE ?")
				args = append(args, pat)
			case 1:
				conds = append(conds, "(m.title_f LIKE ? OR m.intro_f LIKE ?)")
				args = append(args, pat, pat)
			default:
				conds = append(conds, "m.all_f LIKE ?")
				args = append(args, pat)
			}
		}
		return strings.Join(conds, " AND ")
	}
	where = within(k, lead)
	if where == "" {
		where = "true"
	}
	if k > 0 {
		where += " AND NOT (" + within(k-1, -1) + ")"
	}
	return from, where, args
}

// Browse lists the shown listings, newest first.
func (s *Store) Browse(ctx context.Context, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	es, err := list(ctx, s.pool, store.ScanMarketEntry, `SELECT `+store.MarketCols+` FROM listings l
		WHERE l.visibility = 'shown' ORDER BY l.listed_at DESC, l.plugin_id DESC LIMIT ? OFFSET ?`, p.Limit, p.Offset)
	return es, s.wrap("listing the market", err)
}
