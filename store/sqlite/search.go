package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"modernc.org/sqlite"

	"plugpub/store"
	"plugpub/workflow"
)

// index puts a plugin's market text into both search tables when its
// listing is shown, and takes it out otherwise. Both tables use the plugin
// id as rowid, which the schema guarantees is 16 digits.
func index(ctx context.Context, tx *sql.Tx, pluginID string, shown bool, m workflow.MarketText) error {
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
		rowid, m.Title, m.Intro, m.Description); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO market_grams (rowid, title, intro, description, folded) VALUES (?, ?, ?, ?, ?)",
		rowid, gramText(m.Title), gramText(m.Intro), gramText(m.Description), store.Fold(m.Title+"\n"+m.Intro+"\n"+m.Description))
	return err
}

// gramText is what the gram index holds of one text: its grams, as tokens.
func gramText(s string) string { return strings.Join(store.Grams(store.Fold(s)), " ") }

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
		for name, f := range map[string]func(string) string{"plugpub_grams": gramText, "plugpub_fold": store.Fold} {
			// Only fails when the name is taken, which would be this same registration.
			_ = sqlite.RegisterDeterministicScalarFunction(name, 1, text(f))
		}
	})
}

// phrase quotes q as one FTS5 string, so nothing in it is query syntax.
func phrase(q string) string { return `"` + strings.ReplaceAll(q, `"`, `""`) + `"` }

// Search finds shown listings whose title, intro or description contain
// every word of q (words are separated by spaces: 北京 天气 finds a listing
// with both), case-insensitively. The best matches come first: those with
// every word in the title, then those with every word in the title or the
// intro, then the rest, each group in plugin id order. Words of three or
// more characters go to the trigram index, shorter ones to the gram index;
// a query with both walks the trigram index and asks the gram index about
// each row it meets. Either way a page is read by walking an index in
// plugin id order and stopping at the end of the page: a word nearly every
// listing has costs no more than a rare one, where ranking every match
// (bm25) cost milliseconds per thousand of them (BenchmarkSearch).
func (s *Store) Search(ctx context.Context, q string, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	words := store.SearchWords(q)
	if len(words) == 0 {
		return nil, nil
	}
	var long, short []string
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 {
			long = append(long, w)
			continue
		}
		if !slices.Contains(store.Grams(w), w) {
			// Punctuation, such as C#: the gram index has only the letters,
			// so it is asked for the longest gram of any word.
			best := ""
			for _, w := range words {
				for _, g := range store.Grams(w) {
					if utf8.RuneCountInString(g) > utf8.RuneCountInString(best) {
						best = g
					}
				}
			}
			if best == "" {
				// Only punctuation: nothing a person would search for.
				return nil, nil
			}
			return s.searchConfirmed(ctx, q, words, "market_grams", phrase(best), p)
		}
		// A word of one or two characters is a gram itself, so the gram
		// index matches exactly the listings that contain it.
		short = append(short, w)
	}
	if len(words) == 1 {
		table := "market_fts"
		if len(short) == 1 {
			table = "market_grams"
		}
		return s.searchOne(ctx, q, table, words[0], p)
	}
	// Several words: each index intersects the posting lists of its own
	// words (FTS5 AND), a tier at a time, walked in plugin id order and
	// stopped at the end of the page. Walking the rarest word's list and
	// confirming each listing's text in Go read thousands of rows and a
	// description per row for the last tier: 8–40 ms on the large demo,
	// where the intersection takes well under one (BenchmarkSearchWords).
	return s.searchAll(ctx, q, long, short, p)
}

// searchOne finds one word, in table, a tier at a time.
func (s *Store) searchOne(ctx context.Context, q, table, word string, p workflow.Page) ([]workflow.MarketEntry, error) {
	term := phrase(word)
	tiers := [...]string{
		"{title} : " + term,
		"{intro} : " + term + " NOT {title} : " + term,
		"{description} : " + term + " NOT {title intro} : " + term,
	}
	var out []workflow.MarketEntry
	offset, need := p.Offset, p.Limit
	for _, match := range tiers {
		page, err := s.tier(ctx, table, "f."+table+" MATCH ?", []any{match}, &offset, need)
		if err != nil {
			return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
		}
		out = append(out, page...)
		if need -= len(page); need == 0 {
			break
		}
	}
	return out, nil
}

// tier reads up to need rows of one tier of table's matches (where, args)
// from *offset on; when the offset passes the whole tier, it is lowered by
// the tier's size and nothing is read, and once rows are read it is 0.
func (s *Store) tier(ctx context.Context, table, where string, args []any, offset *int, need int) ([]workflow.MarketEntry, error) {
	if *offset > 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" f WHERE "+where, args...).Scan(&n); err != nil {
			return nil, err
		}
		if *offset >= n {
			*offset -= n
			return nil, nil
		}
	}
	es, err := list(ctx, s.db, store.ScanMarketEntry, `SELECT `+store.MarketCols+` FROM `+table+` f
		JOIN listings l ON l.plugin_id = CAST(f.rowid AS TEXT)
		WHERE `+where+` AND l.visibility = 'shown' ORDER BY f.rowid LIMIT ? OFFSET ?`, append(args, need, *offset)...)
	*offset = 0
	return es, err
}

// tierCols are the columns of each tier of a search: every word in the
// title, else in the title or the intro, else anywhere.
var tierCols = [...]string{"{title} : ", "{title intro} : ", ""}

// searchAll finds the listings with every word of long in the trigram
// index and every word of short in the gram index, a tier at a time: tier k
// is what each index finds with every one of its words within tierCols[k]
// (FTS5 AND, which intersects the words' posting lists), walked in plugin
// id order, less the listings whose title and intro put them in an earlier
// tier (tierOf; they came in that tier), until the page is full. With words
// for both indexes the trigram one is walked and the gram one's matches
// are a set each row is looked up in. Each index is asked once per tier:
// excluding earlier tiers in the query (NOT, or a second set) asked twice
// as often, and ranking the whole intersection in SQL sorted every match.
func (s *Store) searchAll(ctx context.Context, q string, long, short []string, p workflow.Page) ([]workflow.MarketEntry, error) {
	lead, leadWords, other, otherWords := "market_fts", long, "market_grams", short
	if len(long) == 0 {
		lead, leadWords, otherWords = "market_grams", short, nil
	}
	words := append(slices.Clone(long), short...)
	pg := page{out: make([]workflow.MarketEntry, 0, p.Limit), limit: p.Limit, offset: p.Offset}
	for k, cols := range tierCols {
		if pg.full() {
			break
		}
		where, args := "f."+lead+" MATCH ?", []any{allWords(cols, leadWords)}
		if len(otherWords) > 0 {
			// The + keeps the set out of the FTS5 plan, which would
			// otherwise run the trigram query once per id of the set.
			where += " AND +f.rowid IN (SELECT rowid FROM " + other + " WHERE " + other + " MATCH ?)"
			args = append(args, allWords(cols, otherWords))
		}
		err := s.walk(ctx, lead, where, args, func(e workflow.MarketEntry) (bool, error) {
			if k > 0 && store.TierOf(e.Title+"\n"+e.Intro, words) < k {
				return true, nil
			}
			return pg.take(e), nil
		})
		if err != nil {
			return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
		}
	}
	return pg.out, nil
}

// page gathers one page of entries met in order: it passes over the first
// offset, then keeps up to limit.
type page struct {
	out           []workflow.MarketEntry
	limit, offset int
}

func (pg *page) full() bool { return len(pg.out) == pg.limit }

// take passes over or keeps e, and says whether the page wants more.
func (pg *page) take(e workflow.MarketEntry) bool {
	if pg.offset > 0 {
		pg.offset--
		return true
	}
	pg.out = append(pg.out, e)
	return !pg.full()
}

// walk calls keep for each shown listing of table's rows where where holds,
// in plugin id order, until keep says stop or fails.
func (s *Store) walk(ctx context.Context, table, where string, args []any, keep func(workflow.MarketEntry) (bool, error)) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+store.MarketCols+` FROM `+table+` f
		JOIN listings l ON l.plugin_id = CAST(f.rowid AS TEXT)
		WHERE `+where+` AND l.visibility = 'shown' ORDER BY f.rowid`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := store.ScanMarketEntry(rows)
		if err != nil {
			return err
		}
		if more, err := keep(e); err != nil || !more {
			return err
		}
	}
	return rows.Err()
}

// allWords is the FTS5 query for every word within the columns cols (one
// of tierCols; "" is every column).
func allWords(cols string, words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = cols + phrase(w)
	}
	return strings.Join(parts, " AND ")
}

// Browse lists the shown listings, newest first, as the market shows them
// before anything is searched.
func (s *Store) Browse(ctx context.Context, p workflow.Page) ([]workflow.MarketEntry, error) {
	p = p.Clamp()
	es, err := list(ctx, s.db, store.ScanMarketEntry, `SELECT `+store.MarketCols+` FROM listings l
		WHERE l.visibility = 'shown' ORDER BY l.listed_at DESC, l.plugin_id DESC LIMIT ? OFFSET ?`, p.Limit, p.Offset)
	return es, s.wrap("listing the market", err)
}

// searchConfirmed finds the listings whose text holds every word, in the
// order of Search, for a short word of punctuation, such as C# or (a, that
// the gram index cannot answer: term is the longest gram of any word, and
// table is walked for it a tier at a time, within the tier's columns, in
// plugin id order; a listing is kept if its text within those columns
// holds every word, until the page is full. The title and intro come with
// the listing; a description is read only in the last tier, for a listing
// whose title and intro miss a word.
func (s *Store) searchConfirmed(ctx context.Context, q string, words []string, table, term string, p workflow.Page) ([]workflow.MarketEntry, error) {
	pg := page{out: make([]workflow.MarketEntry, 0, p.Limit), limit: p.Limit, offset: p.Offset}
	for k, cols := range tierCols {
		if pg.full() {
			break
		}
		err := s.walk(ctx, table, "f."+table+" MATCH ?", []any{cols + term}, func(e workflow.MarketEntry) (bool, error) {
			switch t := store.TierOf(e.Title+"\n"+e.Intro, words); {
			case k < 2 && t != k, k == 2 && t < 2:
				return true, nil
			case k == 2:
				if ok, err := s.descriptionHolds(ctx, e, words); err != nil || !ok {
					return err == nil, err
				}
			}
			return pg.take(e), nil
		})
		if err != nil {
			return nil, s.wrap("searching the market for "+strconv.Quote(q), err)
		}
	}
	return pg.out, nil
}

// descriptionHolds reports whether every word is in e's title, intro and
// description together.
func (s *Store) descriptionHolds(ctx context.Context, e workflow.MarketEntry, words []string) (bool, error) {
	rowid, err := strconv.ParseInt(e.PluginID, 10, 64)
	if err != nil {
		return false, err
	}
	var desc string
	if err := s.db.QueryRowContext(ctx, "SELECT description FROM market_fts WHERE rowid = ?", rowid).Scan(&desc); err != nil {
		return false, err
	}
	return store.TierOf(e.Title+"\n"+e.Intro+"\n"+desc, words) == 2, nil
}
