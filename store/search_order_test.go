package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"plugpub/workflow"
)

// releaseText lists plugin id with this title, intro and description.
func (f *flow) releaseText(id, title, intro, description string) {
	f.t.Helper()
	f.online(id)
	d := workflow.SampleDraft()
	d.Info.Title, d.Info.Intro, d.Info.Description = title, intro, description
	_, _, err := f.svc.SaveDraft(f.ctx, "dev1", id, d, workflow.AnyRev)
	f.must(err)
	sub, err := f.svc.Submit(f.ctx, "dev1", id, "")
	f.must(err)
	_, err = f.svc.Approve(f.ctx, "rev1", sub.ID, workflow.AnyRev)
	f.must(err)
	_, err = f.svc.Release(f.ctx, "dev1", id, workflow.AnyRev)
	f.must(err)
}

// searchIDs pages through every result of q, limit at a time.
func searchIDs(t *testing.T, st *Store, q string, limit int) []string {
	t.Helper()
	var ids []string
	for off := 0; ; off += limit {
		es, err := st.Search(t.Context(), q, workflow.Page{Offset: off, Limit: limit})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, e := range es {
			ids = append(ids, e.PluginID)
		}
		if len(es) < limit {
			return ids
		}
	}
}

// orderCase lists four plugins with 快递柜 or C# in different fields.
func orderCase(t *testing.T) *flow {
	f := newFlow(t)
	const d = "为小程序提供开箱即用的能力。"
	f.releaseText("2021004100000001", "取件通知插件", "到件提醒与取件码", d+"支持快递柜取件，C# SDK 另附。")
	f.releaseText("2021004100000002", "取件码插件", "快递柜取件码一键生成", d)
	f.releaseText("2021004100000003", "快递柜 C# 插件", "柜机对接", d)
	f.releaseText("2021004100000004", "智能快递柜插件", "格口管理", d)
	f.releaseText("2021004100000005", "会员积分插件", "积分兑换", d) // none of the words
	return f
}

// TestSearchOrder: title matches first, then intro, then description, each
// by plugin id; every page size reads the same order, whichever index the
// query goes to.
func TestSearchOrder(t *testing.T) {
	f := orderCase(t)
	want := []string{"2021004100000003", "2021004100000004", "2021004100000002", "2021004100000001"}
	for _, q := range []string{"快递柜", "快递", "递", "快递柜取", "c#", "C#"} {
		w := want
		switch q {
		case "快递柜取":
			w = []string{"2021004100000002", "2021004100000001"}
		case "c#", "C#":
			w = []string{"2021004100000003", "2021004100000001"}
		}
		for _, limit := range []int{1, 2, 3, 50} {
			if got := searchIDs(t, f.st, q, limit); !slices.Equal(got, w) {
				t.Errorf("Search(%q) by %d: %v, want %v", q, limit, got, w)
			}
		}
	}
	// Hidden listings leave every tier.
	_, err := f.svc.Hide(f.ctx, "dev1", "2021004100000003", workflow.AnyRev)
	f.must(err)
	if got := searchIDs(t, f.st, "快递", 2); !slices.Equal(got, want[1:]) {
		t.Errorf("after hiding 3: %v, want %v", got, want[1:])
	}
}

// TestUpgradeFromSchema1 opens a database written by schema 1, whose gram
// index held one column: Open rebuilds it by column, and search works on it
// as on a new one.
func TestUpgradeFromSchema1(t *testing.T) {
	f := orderCase(t)
	path := f.st.Path()
	_, err := f.svc.Hide(f.ctx, "dev1", "2021004100000004", workflow.AnyRev)
	f.must(err)

	// Turn the file back into schema 1: its market_grams, filled as schema
	// 1's index function filled it.
	ms, err := migrations()
	f.must(err)
	create := ""
	for l := range strings.Lines(ms[0].sql) {
		if strings.HasPrefix(l, "CREATE VIRTUAL TABLE market_grams") {
			create = l
		}
	}
	if create == "" {
		t.Fatal("migration 1 creates no market_grams")
	}
	tx, err := f.st.db.BeginTx(f.ctx, nil)
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
		x.all = fold(ti + "\n" + in + "\n" + de)
		texts = append(texts, x)
	}
	f.must(rows.Err())
	rows.Close()
	for _, x := range texts {
		_, err = tx.Exec("INSERT INTO market_grams (rowid, grams, folded) VALUES (?, ?, ?)", x.rowid, strings.Join(grams(x.all), " "), x.all)
		f.must(err)
	}
	_, err = tx.Exec("PRAGMA user_version = 1")
	f.must(err)
	f.must(tx.Commit())
	f.must(f.st.Close())

	st, err := Open(context.Background(), path)
	f.must(err)
	defer st.Close()
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
		if got := searchIDs(t, st, q, 2); !slices.Equal(got, want) {
			t.Errorf("after the upgrade, Search(%q): %v, want %v", q, got, want)
		}
	}
	f.must(st.IntegrityCheck(f.ctx))

	// And a listing made after the upgrade is indexed like the others.
	f2 := &flow{t: t, ctx: f.ctx, st: st, now: f.now}
	f2.svc = workflow.NewService(st, f2.clock)
	f2.releaseText("2021004100000006", "快递员助手", "派件路线", "为小程序提供能力。")
	if got := searchIDs(t, st, "快递", 50); !slices.Equal(got, []string{"2021004100000003", "2021004100000006", "2021004100000002", "2021004100000001"}) {
		t.Errorf("with a new listing: %v", got)
	}
}
