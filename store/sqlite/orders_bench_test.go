package sqlite

import (
	"context"
	"database/sql"
	"testing"

	"plugpub/cmd/benchsum/figure"
	"plugpub/workflow"
)

// BenchmarkOrdersPage is a page of 50 of 使用者管理 of the popular plugin's
// orders of one state (the large demo's 100,000 orders across 50,000 mini
// programs), beside the baseline of a 发布管理 page: 50 submissions in the
// middle of the heavy plugin's 2,000. BenchmarkOrdersPage/STATE is at the
// same depth as that page (1,000 rows in), the budgeted figure;
// BenchmarkOrdersDeepPage/STATE is the middle of the state's orders (up to
// 54,000 rows in), recorded beside it.
func BenchmarkOrdersPage(b *testing.B) { benchOrdersPage(b, false) }

func BenchmarkOrdersDeepPage(b *testing.B) { benchOrdersPage(b, true) }

func benchOrdersPage(b *testing.B, deep bool) {
	ctx := context.Background()
	st := openBench(b)
	plain, err := sql.Open("sqlite", "file:"+figure.LargeDB(b)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer plain.Close()
	var popular string
	if err := plain.QueryRow("SELECT plugin_id FROM orders WHERE app_id IS NOT NULL GROUP BY plugin_id ORDER BY count(*) DESC LIMIT 1").Scan(&popular); err != nil {
		b.Fatalf("the large database has no orders for mini programs (make bench-data): %v", err)
	}
	const heavy = "2021004100000001"
	subs, err := st.CountSubmissions(ctx, heavy, "")
	if err != nil || subs < 1000 {
		b.Fatalf("%s has %d submissions (%v)", heavy, subs, err)
	}
	svc := workflow.NewService(st, nil)
	cutoff := svc.Now().Add(-workflow.OrderExpiry)
	counts, err := st.CountOrders(ctx, popular, cutoff)
	if err != nil {
		b.Fatal(err)
	}
	for _, state := range append([]workflow.OrderState{""}, workflow.OrderStates...) {
		n := 0
		for _, c := range counts {
			n += c
		}
		if state != "" {
			n = counts[state]
		}
		if n < 100 {
			b.Fatalf("plugin %s has %d orders %s: too few to page", popular, n, state)
		}
		off := min(n/2, subs/2)
		if deep {
			off = n / 2
		}
		name := string(state)
		if name == "" {
			name = "all"
		}
		b.Run(name, func(b *testing.B) {
			ours, base := figure.Interleave(b, func(int) {
				rs, err := st.PluginOrders(ctx, popular, workflow.OrderQuery{State: state, Cutoff: cutoff}, workflow.Page{Offset: off, Limit: 50})
				if err != nil || len(rs) != 50 {
					b.Fatalf("orders %s at %d: %d rows, %v", state, off, len(rs), err)
				}
			}, func(int) {
				ss, err := st.Submissions(ctx, heavy, workflow.Page{Offset: subs / 2, Limit: 50})
				if err != nil || len(ss) != 50 {
					b.Fatalf("submissions at %d: %d rows, %v", subs/2, len(ss), err)
				}
			})
			figure.Times(b, ours, base)
		})
	}
}
