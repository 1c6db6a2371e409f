package sqlite

import (
	"context"
	"testing"
	"time"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store"
	"plugpub/workflow"
)

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
