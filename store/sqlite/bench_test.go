package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store"
	"plugpub/store/storetest"
	"plugpub/workflow"
)

func openBench(b *testing.B) *Store {
	st, err := Open(context.Background(), figure.LargeDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// benchQueries are what people type into market search: the words of one
// kind of plugin, two Chinese characters or more, a Latin one, 插件,
// which nearly every title has.
var benchQueries = []struct{ name, q string }{
	{"车牌", "车牌"},
	{"停车", "停车"},
	{"发票", "发票"},
	{"会员积分", "会员积分"},
	{"ocr", "ocr"},
	{"插件", "插件"},
}

// benchWords are queries of several words, every one required, to either
// index or both.
var benchWords = []struct{ name, q string }{
	{"停车_发票", "停车 发票"},
	{"车牌识别_停车", "车牌识别 停车"},
	{"插件_发票", "插件 发票"},
}

// BenchmarkSearch is one market search (the first page, 50 results) over
// the large database's 10,000 listings. The baseline is what search would
// be without its indexes: LIKE '%q%' over the same text (title, intro and
// description of the shown listings), newest first, from a table that holds
// just that text.
func BenchmarkSearch(b *testing.B) { benchSearch(b, benchQueries) }

// BenchmarkSearchWords is BenchmarkSearch for queries of several words; its
// baseline requires every word with LIKE.
func BenchmarkSearchWords(b *testing.B) { benchSearch(b, benchWords) }

func benchSearch(b *testing.B, queries []struct{ name, q string }) {
	st := openBench(b)
	ctx := context.Background()
	plain, err := sql.Open("sqlite", "file:"+figure.LargeDB(b)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer plain.Close()
	plain.SetMaxOpenConns(1) // the temporary table lives on one connection
	if _, err := plain.ExecContext(ctx, `CREATE TEMP TABLE market_plain AS
		SELECT l.plugin_id, l.submission_id, l.title, l.intro, l.buyers, l.visibility, l.listed_at, f.description
		FROM market_fts f JOIN listings l ON l.plugin_id = CAST(f.rowid AS TEXT)`); err != nil {
		b.Fatal(err)
	}
	like := func(q string) int {
		where, args := "", []any{}
		for i, w := range strings.Fields(q) {
			where += fmt.Sprintf(" AND (title LIKE ?%[1]d OR intro LIKE ?%[1]d OR description LIKE ?%[1]d)", i+1)
			args = append(args, "%"+w+"%")
		}
		rows, err := plain.QueryContext(ctx, `SELECT plugin_id, submission_id, title, intro, buyers, visibility, listed_at
			FROM market_plain WHERE visibility = 'shown'`+where+`
			ORDER BY listed_at DESC LIMIT 50`, args...)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			if _, err := store.ScanMarketEntry(rows); err != nil {
				b.Fatal(err)
			}
			n++
		}
		return n
	}
	for _, c := range queries {
		b.Run(c.name, func(b *testing.B) {
			hits, err := st.Search(ctx, c.q, workflow.Page{})
			if err != nil {
				b.Fatal(err)
			}
			if n := like(c.q); len(hits) == 0 || n == 0 {
				b.Fatalf("%q: search finds %d, LIKE %d", c.q, len(hits), n)
			}
			ours, base := figure.Interleave(b, func(int) {
				if _, err := st.Search(ctx, c.q, workflow.Page{}); err != nil {
					b.Fatal(err)
				}
			}, func(int) { like(c.q) })
			figure.Times(b, ours, base)
		})
	}
}

// bigDraft is a publication of 200 components of 20 properties each, the
// largest a busy plugin is likely to have.
func bigDraft() workflow.Draft {
	d := workflow.SampleDraft()
	types := []struct{ typ, def string }{{"String", "light"}, {"Number", "10"}, {"Boolean", "true"}, {"Array", "[]"}, {"Object", "{}"}, {"Any", ""}}
	d.Guide.Components = nil
	for c := range 200 {
		comp := workflow.Component{Name: fmt.Sprintf("widget-%03d", c), Description: "业务组件：展示与交互，支持主题定制和事件回调。",
			Events: []workflow.EventDecl{{Name: "onChange", Description: "值变化时触发"}, {Name: "onError", Description: "失败时触发"}}}
		for p := range 20 {
			t := types[p%len(types)]
			comp.Props = append(comp.Props, workflow.Prop{Name: fmt.Sprintf("prop%02d", p), Type: t.typ, Default: t.def,
				Required: p%5 == 0, Description: "属性说明：取值范围与默认行为，修改后立即生效"})
		}
		d.Guide.Components = append(d.Guide.Components, comp)
	}
	return d
}

// BenchmarkSubmit is 提交申请 of a draft of 200 components × 20 properties:
// the service reads and checks the draft and writes the snapshot, in one
// transaction on a real file. The baseline is the same physical work done
// raw in the same file: one SQLite transaction writing the same snapshot
// bytes and one event row, so the ratio is what plugpub adds to the disk's
// cost, and holds when a busy machine makes both slower.
// Each submission is withdrawn, untimed, so the next may be made.
func BenchmarkSubmit(b *testing.B) {
	ctx := context.Background()
	st := openAt(b, filepath.Join(b.TempDir(), "submit.db"))
	svc := workflow.NewService(st, nil)
	must := func(_ any, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(svc.AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""))
	must(svc.AddUser(ctx, "rev1", []workflow.Role{workflow.RoleReviewer}, ""))
	const big = "2021004100000001"
	must(svc.CreatePlugin(ctx, "dev1", big, "车牌识别"))
	must(svc.AddVersion(ctx, "dev1", big, "1.0.0"))
	if err := storetest.TakeOnline(ctx, svc, "dev1", big, "1.0.0"); err != nil {
		b.Fatal(err)
	}
	if _, probs, err := svc.SaveDraft(ctx, "dev1", big, bigDraft(), workflow.AnyRev); err != nil || len(probs) > 0 {
		b.Fatalf("the draft: %v %v", err, probs)
	}
	submit := func(id string) time.Duration {
		t0 := time.Now()
		_, err := svc.Submit(ctx, "dev1", id, "")
		took := time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Withdraw(ctx, "dev1", id, workflow.AnyRev); err != nil {
			b.Fatal(err)
		}
		return took
	}
	raw := rawSubmit(b, st.Path(), bigDraft())
	ours, base := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		ours, base = append(ours, submit(big)), append(base, raw())
	}
	figure.Times(b, ours, base)
}

// rawSubmit returns a function that writes d's snapshot bytes and an event
// in one transaction on its own connection to the database at path, with
// the store's own pragmas, into tables of the same shape but no triggers or
// checks, and times it.
func rawSubmit(b *testing.B, path string, d workflow.Draft) func() time.Duration {
	ctx := context.Background()
	snap, err := store.EncodeDraft(d)
	if err != nil {
		b.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(path, false, 5*time.Second))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.ExecContext(ctx, `CREATE TABLE raw_snapshots (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;
		CREATE TABLE raw_events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, plugin_id TEXT NOT NULL,
			entity TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL) STRICT`); err != nil {
		b.Fatal(err)
	}
	return func() time.Duration {
		t0 := time.Now()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		var id int64
		if err := tx.QueryRowContext(ctx, "INSERT INTO raw_snapshots (body) VALUES (?) RETURNING id", string(snap)).Scan(&id); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO raw_events (at, actor, plugin_id, entity, key, action, from_state, to_state)
			VALUES (?, 'dev1', '2021004100000001', 'submission', ?, 'submit', '', 'in_review')`, time.Now().UnixMilli(), id); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
}
