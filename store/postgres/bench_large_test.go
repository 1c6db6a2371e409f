package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"plugpub/store/postgres"
	"plugpub/store/sqlite"
	"plugpub/workflow"
)

// BenchmarkLargeEngines copies the large demo that make bench builds
// ($PLUGPUB_BENCH_DB: 10,000 plugins, 100,000 submissions) into a
// PostgreSQL database and runs the same reads on both, side by side.
// $PLUGPUB_BENCH_PG, when set, names a PostgreSQL database that already
// holds that copy (plugpub migrate --from … --to …): the copy, minutes
// long, is then skipped, for measuring one change after another.
func BenchmarkLargeEngines(b *testing.B) {
	file := os.Getenv("PLUGPUB_BENCH_DB")
	if file == "" {
		b.Skip("PLUGPUB_BENCH_DB names no large demo (make bench builds one)")
	}
	ctx := context.Background()
	sq, err := sqlite.Open(ctx, file)
	if err != nil {
		b.Fatal(err)
	}
	defer sq.Close()
	addr, copied := os.Getenv("PLUGPUB_BENCH_PG"), true
	if addr == "" {
		addr, copied = NewDB(b), false
	}
	pg, err := postgres.Open(ctx, addr)
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	if !copied {
		copyLarge(ctx, b, pg, file)
	}
	sameSearches(ctx, b, sq, pg)
	for _, c := range []struct {
		name string
		op   func(st workflow.Store) error
	}{
		{"search-short", func(st workflow.Store) error {
			_, err := st.Search(ctx, "车牌", workflow.Page{Limit: 20})
			return err
		}},
		{"search-common", func(st workflow.Store) error {
			_, err := st.Search(ctx, "插件", workflow.Page{Limit: 20})
			return err
		}},
		{"search-long", func(st workflow.Store) error {
			_, err := st.Search(ctx, "识别插件", workflow.Page{Limit: 20})
			return err
		}},
		{"search-words", func(st workflow.Store) error {
			_, err := st.Search(ctx, "北京 天气", workflow.Page{Limit: 20})
			return err
		}},
		{"page-deep", func(st workflow.Store) error {
			_, err := st.Plugins(ctx, "", "", workflow.Page{Offset: 9000, Limit: 50})
			return err
		}},
		{"filter", func(st workflow.Store) error {
			_, err := st.Plugins(ctx, "", "车牌", workflow.Page{Limit: 50})
			return err
		}},
		{"queue", func(st workflow.Store) error { _, err := st.ReviewQueue(ctx, workflow.Page{Limit: 50}); return err }},
		{"count-queue", func(st workflow.Store) error { _, err := st.CountReviewQueue(ctx, "dev"); return err }},
	} {
		for _, e := range []struct {
			name string
			st   workflow.Store
		}{{"sqlite", sq}, {"postgres", pg}} {
			b.Run(c.name+"/"+e.name, func(b *testing.B) {
				for b.Loop() {
					if err := c.op(e.st); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// copyLarge copies the SQLite file into pg, as plugpub migrate does.
func copyLarge(ctx context.Context, b *testing.B, pg *postgres.Store, file string) {
	raw, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	read, err := raw.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer read.Rollback()
	start := time.Now()
	if err := pg.CopyIn(ctx, read, func(string, int64) {}); err != nil {
		b.Fatal(err)
	}
	b.Logf("copied %s in %s", file, time.Since(start).Round(time.Millisecond))
}

// sameSearches checks that the benchmark's queries find the same listings
// in the same order on both engines, at the start, in the middle and past
// the end of their results, before either is timed.
func sameSearches(ctx context.Context, b *testing.B, sq, pg workflow.Store) {
	for _, q := range []string{"车牌", "插件", "识别插件", "北京 天气", "插件 识别"} {
		for _, offset := range []int{0, 20, 1000, 5000} {
			page := workflow.Page{Offset: offset, Limit: 20}
			a, err := sq.Search(ctx, q, page)
			if err != nil {
				b.Fatal(err)
			}
			c, err := pg.Search(ctx, q, page)
			if err != nil {
				b.Fatal(err)
			}
			if fmt.Sprint(a) != fmt.Sprint(c) {
				b.Fatalf("Search(%q, offset %d): SQLite %v, PostgreSQL %v", q, offset, a, c)
			}
		}
	}
}
