package postgres

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
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
		pluginID, fold(m.Title), fold(m.Intro), fold(m.Description), m.Description); err != nil {
		return err
	}
	var gs []string
	var cols []int16
	for col, text := range []string{m.Title, m.Intro, m.Description} {
		for _, g := range grams(fold(text)) {
			gs, cols = append(gs, g), append(cols, int16(col))
		}
	}
	_, err := tx.Exec(ctx, "INSERT INTO market_grams (gram, plugin_id, col) SELECT g, $2, c FROM unnest($1::text[], $3::smallint[]) AS u (g, c)",
		gs, pluginID, cols)
	return err
}

// fold is the case folding of the SQLite store's search, of the text and
// of a query alike.
func fold(s string) string { return strings.ToLower(s) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// grams lists, once each, every rune and every pair of adjacent runes
// within the runs of letters and digits of s, as the SQLite store's gram
// index holds them.
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

// searchWords is q folded and split at spaces, each word once, in order.
func searchWords(q string) []string {
	var out []string
	for _, w := range strings.Fields(fold(strings.ReplaceAll(q, "\x00", ""))) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Search finds shown listings whose title, intro or description contain
// every word of q, case-insensitively, as the SQLite store does and in its
// order: those with every word in the title, then those with every word in
// the title or the intro, then the rest, each group in plugin id order.
// A word of three or more characters is found by the trigram index of the
// three texts (pg_trgm, LIKE), one or two characters by the gram table,
// exactly; a word of punctuation by LIKE alone. A query of punctuation
// only finds nothing, as in the SQLite store.
func (s *Store) Search(ctx context.Context, q string, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	words := searchWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	anyGram := slices.ContainsFunc(words, func(w string) bool { return len(grams(w)) > 0 })
	var conds, title, intro []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	for _, w := range words {
		short := utf8.RuneCountInString(w) < 3
		if short && !slices.Contains(grams(w), w) && !anyGram {
			return nil, nil
		}
		pat := arg(contains(w))
		if short && slices.Contains(grams(w), w) {
			conds = append(conds, "m.plugin_id IN (SELECT g.plugin_id FROM market_grams g WHERE g.gram = "+arg(w)+")")
		} else {
			conds = append(conds, "m.all_f LIKE "+pat)
		}
		title = append(title, "m.title_f LIKE "+pat)
		intro = append(intro, "(m.title_f LIKE "+pat+" OR m.intro_f LIKE "+pat+")")
	}
	query := `SELECT ` + store.MarketCols + ` FROM market m JOIN listings l ON l.plugin_id = m.plugin_id
		WHERE l.visibility = 'shown' AND ` + strings.Join(conds, " AND ") + `
		ORDER BY CASE WHEN ` + strings.Join(title, " AND ") + ` THEN 0 WHEN ` + strings.Join(intro, " AND ") + ` THEN 1 ELSE 2 END,
			m.plugin_id LIMIT ` + arg(p.Limit) + ` OFFSET ` + arg(p.Offset)
	es, err := list(ctx, s.pool, store.ScanMarketEntry, query, args...)
	return es, s.wrap("searching the market for "+strconv.Quote(q), err)
}

// Browse lists the shown listings, newest first.
func (s *Store) Browse(ctx context.Context, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	es, err := list(ctx, s.pool, store.ScanMarketEntry, `SELECT `+store.MarketCols+` FROM listings l
		WHERE l.visibility = 'shown' ORDER BY l.listed_at DESC, l.plugin_id DESC LIMIT ? OFFSET ?`, p.Limit, p.Offset)
	return es, s.wrap("listing the market", err)
}
