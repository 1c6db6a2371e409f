package sqlite

import (
	"context"
	"syscall"
	"testing"
	"time"

	"plugpub/workflow"
)

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
