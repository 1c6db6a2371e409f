package sqlite

import (
	"slices"
	"strings"
	"testing"

	"plugpub/store"
	"plugpub/store/storetest"
	"plugpub/workflow"
)

// TestUpgradeFromSchema1 opens a database written by schema 1, whose gram
// index held one column: Open rebuilds it by column, and search works on it
// as on a new one.
func TestUpgradeFromSchema1(t *testing.T) {
	f := newFlow(t)
	storetest.OrderCase(f.Flow)
	path := f.st.Path()
	_, err := f.Svc.Hide(f.Ctx, "dev1", "2021004100000004", workflow.AnyRev)
	f.must(err)

	// Turn the file back into schema 1: its market_grams, filled as schema
	// 1's index function filled it.
	ms, err := migrations()
	f.must(err)
	create := ""
	for l := range strings.Lines(ms[0].SQL) {
		if strings.HasPrefix(l, "CREATE VIRTUAL TABLE market_grams") {
			create = l
		}
	}
	if create == "" {
		t.Fatal("migration 1 creates no market_grams")
	}
	tx, err := f.st.db.BeginTx(f.Ctx, nil)
	f.must(err)
	_, err = tx.Exec("DROP TABLE market_grams")
	f.must(err)
	_, err = tx.Exec(create)
	f.must(err)
	rows, err := tx.Query("SELECT rowid, title, intro, description FROM market_fts")
	f.must(err)
	type text struct {
		rowid int64
		all   string
	}
	var texts []text
	for rows.Next() {
		var x text
		var ti, in, de string
		f.must(rows.Scan(&x.rowid, &ti, &in, &de))
		x.all = store.Fold(ti + "\n" + in + "\n" + de)
		texts = append(texts, x)
	}
	f.must(rows.Err())
	rows.Close()
	for _, x := range texts {
		_, err = tx.Exec("INSERT INTO market_grams (rowid, grams, folded) VALUES (?, ?, ?)", x.rowid, strings.Join(store.Grams(x.all), " "), x.all)
		f.must(err)
	}
	_, err = tx.Exec("PRAGMA user_version = 1")
	f.must(err)
	f.must(tx.Commit())
	f.must(f.st.Close())

	st := openAt(t, path)
	var version int
	f.must(st.db.QueryRow("PRAGMA user_version").Scan(&version))
	var cols []string
	rows, err = st.db.Query("SELECT name FROM pragma_table_info('market_grams')")
	f.must(err)
	for rows.Next() {
		var c string
		f.must(rows.Scan(&c))
		cols = append(cols, c)
	}
	rows.Close()
	if version != SchemaVersion || !slices.Equal(cols, []string{"title", "intro", "description", "folded"}) {
		t.Fatalf("after the upgrade: user_version %d, market_grams %v", version, cols)
	}
	for q, want := range map[string][]string{
		"快递":  {"2021004100000003", "2021004100000002", "2021004100000001"},
		"快递柜": {"2021004100000003", "2021004100000002", "2021004100000001"},
		"c#":  {"2021004100000003", "2021004100000001"},
		"积分":  {"2021004100000005"},
	} {
		if got := storetest.SearchIDs(t, st, q, 2); !slices.Equal(got, want) {
			t.Errorf("after the upgrade, Search(%q): %v, want %v", q, got, want)
		}
	}
	f.must(st.IntegrityCheck(f.Ctx))

	// And a listing made after the upgrade is indexed like the others.
	f.St, f.Svc = st, workflow.NewService(st, f.Clock)
	f.ReleaseText("2021004100000006", "快递员助手", "派件路线", "为小程序提供能力。")
	if got := storetest.SearchIDs(t, st, "快递", 50); !slices.Equal(got, []string{"2021004100000003", "2021004100000006", "2021004100000002", "2021004100000001"}) {
		t.Errorf("with a new listing: %v", got)
	}
}
