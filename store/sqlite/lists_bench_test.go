package sqlite

import (
	"context"
	"database/sql"
	"syscall"
	"testing"
	"time"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store"
	"plugpub/workflow"
)

// The large database's lists as screens page them, and the review queue's
// header above its list.

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

// BenchmarkFilteredPage is one window (200 rows) of a list and its count,
// as a table fetches them, filtered on what someone types, on the large
// database: the review queue, and 发布管理 of the plugin with the longest
// list (100,000 submissions). Each list's unfiltered page is the baseline.
func BenchmarkFilteredPage(b *testing.B) {
	st := openBench(b)
	ctx := context.Background()
	const busy = "2021004100000001"
	lists := []struct {
		name string
		page func(filter string)
	}{
		{"queue", func(q string) {
			if _, err := st.ReviewQueue(ctx, workflow.Page{Limit: 200, Filter: q}); err != nil {
				b.Fatal(err)
			}
			if _, err := st.CountReviewQueue(ctx, q); err != nil {
				b.Fatal(err)
			}
		}},
		{"submissions", func(q string) {
			if _, err := st.Submissions(ctx, busy, workflow.Page{Limit: 200, Filter: q}); err != nil {
				b.Fatal(err)
			}
			if _, err := st.CountSubmissions(ctx, busy, q); err != nil {
				b.Fatal(err)
			}
		}},
		{"plugins", func(q string) {
			if _, err := st.Plugins(ctx, "", q, workflow.Page{Limit: 200}); err != nil {
				b.Fatal(err)
			}
			if _, err := st.CountPlugins(ctx, "", q); err != nil {
				b.Fatal(err)
			}
		}},
	}
	for _, l := range lists {
		for _, q := range []string{"", "dev1", "车牌", "审核中", "1970"} {
			b.Run(l.name+"/"+q, func(b *testing.B) {
				start := cpuTime()
				for b.Loop() {
					l.page(q)
				}
				// The machine is shared: the process's CPU time per page
				// is steadier than the wall clock.
				b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReviewStats is the review queue's header and plugpub review
// stats — in review, overdue, unclaimed, 14 days of decisions, the median
// decision — as the Service reads them on the large database (1,418 in
// review, 100,000 submissions), at the time of its newest decision so the
// 14 days hold decisions. The baseline is the queue's page as its screen
// loads it (50 rows and the count). Budget: 5 ms.
func BenchmarkReviewStats(b *testing.B) {
	st := openBench(b)
	ctx := context.Background()
	var last int64
	if err := st.db.QueryRowContext(ctx, "SELECT max(reviewed_at) FROM submissions").Scan(&last); err != nil {
		b.Fatal(err)
	}
	now := store.FromMS(last)
	svc := workflow.NewService(st, func() time.Time { return now })
	if _, err := svc.User(ctx, "reviewer1"); err != nil {
		b.Fatal(err)
	}
	stats, err := svc.ReviewStats(ctx, "reviewer1")
	if err != nil || stats.InReview < 1000 || stats.Decided == 0 {
		b.Fatalf("stats %+v (%v): make bench-data makes the large database", stats, err)
	}
	ours, base := figure.Interleave(b, func(int) {
		if _, err := svc.ReviewStats(ctx, "reviewer1"); err != nil {
			b.Fatal(err)
		}
	}, func(int) {
		if _, err := svc.ReviewQueue(ctx, "reviewer1", workflow.Page{Limit: 50}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.CountReviewQueue(ctx, "reviewer1", ""); err != nil {
			b.Fatal(err)
		}
	})
	figure.Times(b, ours, base)
	b.Logf("in review %d, overdue %d, unclaimed %d, decided %d in 14 days, median %v", stats.InReview, stats.Overdue, stats.Unclaimed, stats.Decided, stats.Median)
}
