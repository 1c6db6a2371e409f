package publish

import (
	"context"
	"testing"

	"plugpub/cmd/benchsum/figure"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
)

// BenchmarkPage is one page (50 rows) of 发布管理 as the screen loads it —
// the plugin's state, the rows, their count — on the large database of
// 100,000 submissions: the page in the middle of the longest list (dev1's
// 2021004100000001), beside its first page as the baseline.
func BenchmarkPage(b *testing.B) {
	ctx := tuitest.BenchDB(b, "dev1")
	svc := ctx.Svc
	m := New(ctx, pid)
	total, err := svc.CountSubmissions(context.Background(), "dev1", pid, "")
	if err != nil || total < 1000 {
		b.Fatalf("%s has %d submissions (%v); make bench-data makes it a long list", pid, total, err)
	}
	page := func(off int) func(int) {
		return func(int) {
			msgs := tuitest.Run(m.fetch(vtable.Query{Offset: off, Limit: 50}))
			w, ok := tuitest.Find[loadedMsg](msgs)
			if !ok || len(w.win.Items) != 50 || w.win.Total != total || w.win.Items[0].sub.ID <= 0 {
				b.Fatalf("page at %d: %v", off, msgs)
			}
		}
	}
	ours, base := figure.Interleave(b, page(total/2), page(0))
	figure.Times(b, ours, base)
}
