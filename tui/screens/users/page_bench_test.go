package users

import (
	"database/sql"
	"testing"

	"plugpub/cmd/benchsum/figure"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
)

// BenchmarkPage is one page (50 rows) of 使用者管理 as the screen loads it
// while scrolling — the plugin's 订购页 and the rows, the counts per state
// being those read when it loaded — on the large database, whose popular
// plugin (the one with the most orders, as its owner) has 100,000 orders:
// the page in the middle of its orders, beside its first page as the
// baseline.
func BenchmarkPage(b *testing.B) {
	plain, err := sql.Open("sqlite", "file:"+figure.LargeDB(b)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	var pid, owner string
	err = plain.QueryRow(`SELECT o.plugin_id, p.owner FROM orders o JOIN plugins p ON p.id = o.plugin_id
		GROUP BY o.plugin_id ORDER BY count(*) DESC LIMIT 1`).Scan(&pid, &owner)
	plain.Close()
	if err != nil {
		b.Fatalf("the large database has no orders (make bench-data): %v", err)
	}
	ctx := tuitest.LargeContext(b, owner)
	m := New(ctx, pid)
	// The first load reads the counts, as Init does.
	m.gen++
	first, ok := tuitest.Find[loadedMsg](tuitest.Run(m.fetch(vtable.Query{Offset: 0, Limit: 50})))
	if !ok || first.counts == nil {
		b.Fatal("the first load read no counts")
	}
	m.Update(first)
	total := countOf(m.counts, "")
	if total < 1000 {
		b.Fatalf("%s has %d orders; make bench-data makes it a popular plugin", pid, total)
	}
	page := func(off int) func(int) {
		return func(int) {
			msgs := tuitest.Run(m.fetch(vtable.Query{Offset: off, Limit: 50}))
			w, ok := tuitest.Find[loadedMsg](msgs)
			if !ok || len(w.win.Items) != 50 || w.win.Total != total || w.win.Items[0].o.ID <= 0 || w.counts != nil {
				b.Fatalf("page at %d: %v", off, msgs)
			}
		}
	}
	ours, base := figure.Interleave(b, page(total/2), page(0))
	figure.Times(b, ours, base)
}
