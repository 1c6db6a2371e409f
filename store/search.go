package store

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"

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
	_, err = tx.ExecContext(ctx, "INSERT INTO market_grams (rowid, title, intro, description, folded) VALUES (?, ?, ?, ?, ?)",
		rowid, gramText(m.title), gramText(m.intro), gramText(m.description), fold(m.title+"\n"+m.intro+"\n"+m.description))
	return err
}

// gramText is what the gram index holds of one text: its grams, as tokens.
func gramText(s string) string { return strings.Join(grams(fold(s)), " ") }

var registerOnce sync.Once

// registerSQLFunctions makes gramText and fold callable from SQL as
// plugpub_grams and plugpub_fold, for migrations that rebuild the gram
// index (0002). They are the driver's, so every connection opened after
// this has them.
func registerSQLFunctions() {
	registerOnce.Do(func() {
		text := func(f func(string) string) func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error) {
			return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				switch v := args[0].(type) {
				case string:
					return f(v), nil
				case []byte:
					return f(string(v)), nil
				case nil:
					return "", nil
				}
				return nil, fmt.Errorf("expected text, got %T", args[0])
			}
		}
		for name, f := range map[string]func(string) string{"plugpub_grams": gramText, "plugpub_fold": fold} {
			// Only fails when the name is taken, which would be this same registration.
			_ = sqlite.RegisterDeterministicScalarFunction(name, 1, text(f))
		}
	})
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

// marketCols is a search result, read from listings.
const marketCols = `l.plugin_id, l.submission_id, l.title, l.intro, l.buyers, l.visibility, l.listed_at`

// Search finds shown listings whose title, intro or description contain
// q, case-insensitively. The best matches come first: those with q in the
// title, then those with it in the intro, then in the description only,
// each group in plugin id order. Queries of three or more characters go to
// the trigram index, shorter ones to the gram index. Either way a page is
// read by walking the index in plugin id order and stopping at the end of
// the page: a word nearly every listing has costs no more than a rare one,
// where ranking every match (bm25) cost milliseconds per thousand of them
// (BenchmarkSearch).
func (s *Store) Search(ctx context.Context, q string, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	q = fold(strings.ReplaceAll(strings.TrimSpace(q), "\x00", ""))
	n := utf8.RuneCountInString(q)
	if n == 0 {
		return nil, nil
	}
	table, term := "market_fts", phrase(q)
	if n < 3 {
		gs := grams(q)
		if len(gs) == 0 {
			// Only punctuation or spaces: nothing a person would search for.
			return nil, nil
		}
		if !slices.Contains(gs, q) {
			// Punctuation, such as C#: the index has only the letters.
			return s.searchConfirmed(ctx, q, gs, p)
		}
		// A word of one or two characters is a gram itself, so the index
		// matches exactly the listings that contain it.
		table = "market_grams"
	}
	tiers := [...]string{
		"{title} : " + term,
		"{intro} : " + term + " NOT {title} : " + term,
		"{description} : " + term + " NOT {title intro} : " + term,
	}
	var out []workflow.MarketEntry
	offset, need := p.Offset, p.Limit
	for _, match := range tiers {
		if offset > 0 {
			var n int
			if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE "+table+" MATCH ?", match).Scan(&n); err != nil {
				return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
			}
			if offset >= n {
				offset -= n
				continue
			}
		}
		es, err := list(ctx, s.db, scanMarketEntry, `SELECT `+marketCols+` FROM `+table+` f
			JOIN listings l ON l.plugin_id = CAST(f.rowid AS TEXT)
			WHERE `+table+` MATCH ? AND l.visibility = 'shown' ORDER BY f.rowid LIMIT ? OFFSET ?`, match, need, offset)
		if err != nil {
			return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
		}
		out = append(out, es...)
		if need -= len(es); need == 0 {
			break
		}
		offset = 0
	}
	return out, nil
}

// searchConfirmed finds a short query with punctuation, such as C# or (a:
// the gram index is asked for its longest gram, and every listing that has
// it is kept if its folded text contains the whole query, in the same
// order as Search. Such queries are rare, and their matches few.
func (s *Store) searchConfirmed(ctx context.Context, q string, gs []string, p workflow.Page) ([]workflow.MarketEntry, error) {
	best := gs[0]
	for _, g := range gs {
		if utf8.RuneCountInString(g) > utf8.RuneCountInString(best) {
			best = g
		}
	}
	type hit struct {
		rowid int64
		tier  int
	}
	hits, err := list(ctx, s.db, func(sc scanner) (hit, error) {
		var h hit
		var folded string
		if err := sc.Scan(&h.rowid, &folded); err != nil {
			return h, err
		}
		// folded is title, intro and description, one line each for the
		// first two; tier 3 is none of them.
		parts := strings.SplitN(folded, "\n", 3)
		h.tier = slices.IndexFunc(parts, func(part string) bool { return strings.Contains(part, q) })
		if h.tier < 0 {
			h.tier = 3
		}
		return h, nil
	}, "SELECT rowid, folded FROM market_grams WHERE market_grams MATCH ?", phrase(best))
	if err != nil {
		return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
	}
	hits = slices.DeleteFunc(hits, func(h hit) bool { return h.tier == 3 })
	slices.SortFunc(hits, func(a, b hit) int { return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(a.rowid, b.rowid)) })
	hits = hits[min(p.Offset, len(hits)):min(p.Offset+p.Limit, len(hits))]
	out := make([]workflow.MarketEntry, 0, len(hits))
	for _, h := range hits {
		e, ok, err := one(ctx, s.db, scanMarketEntry, "SELECT "+marketCols+" FROM listings l WHERE l.plugin_id = ? AND l.visibility = 'shown'",
			strconv.FormatInt(h.rowid, 10))
		if err != nil {
			return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, nil
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
