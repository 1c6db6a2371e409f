package users

import (
	"context"
	"testing"

	"plugpub/cmd/benchsum/figure"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
)

// BenchmarkPage is one page (50 rows) of 使用者管理 as the screen loads it —
// the plugin, the counts per state, the rows — on the large database, whose
// popular plugin (dev1's 2021004100000001) has 100,000 orders: the page in
// the middle of its orders, beside its first page as the baseline.
func BenchmarkPage(b *testing.B) {
	ctx := tuitest.BenchDB(b, "dev1")
	svc := ctx.Svc
	m := New(ctx, pid)
	counts, err := svc.OrderCounts(context.Background(), "dev1", pid)
	if err != nil {
		b.Fatal(err)
	}
	total := countOf(counts, "")
	if total < 1000 {
		b.Fatalf("%s has %d orders; make bench-data makes it a popular plugin", pid, total)
	}
	page := func(off int) func(int) {
		return func(int) {
			msgs := tuitest.Run(m.fetch(vtable.Query{Offset: off, Limit: 50}))
			w, ok := tuitest.Find[loadedMsg](msgs)
			if !ok || len(w.win.Items) != 50 || w.win.Total != total || w.win.Items[0].o.ID <= 0 {
				b.Fatalf("page at %d: %v", off, msgs)
			}
		}
	}
	ours, base := figure.Interleave(b, page(total/2), page(0))
	figure.Times(b, ours, base)
}
