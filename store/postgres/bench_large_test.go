package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store/pgtest"
	"plugpub/store/postgres"
	"plugpub/store/sqlite"
	"plugpub/workflow"
)

// BenchmarkLargeEngines is the store's budget operations on both engines,
// side by side, on the large demo that make bench builds ($PLUGPUB_BENCH_DB:
// 10,000 plugins, 100,000 submissions): market search, submit, a page of
// 发布管理-sized lists, and a transition (隐藏/展示). Each operation runs
// on PostgreSQL and SQLite by turns; the figure is PostgreSQL's time, the
// baseline SQLite's, and benchsum shows their ratio.
//
// The data is copied into a template database once per test binary (the
// copy is bounded: one pass over the file in one transaction, logged with
// its time), and each run gets a copy of the template and of the file, so
// the writes leave neither the template nor $PLUGPUB_BENCH_DB changed.
func BenchmarkLargeEngines(b *testing.B) {
	file := figure.LargeDB(b)
	ctx := context.Background()
	// $PLUGPUB_BENCH_PG, when set, names a PostgreSQL database that already
	// holds the copy (plugpub migrate --from … --to …): the copy, minutes
	// long, is then skipped, for measuring one change after another.
	addr := os.Getenv("PLUGPUB_BENCH_PG")
	if addr == "" {
		addr = pgtest.Shared(b).NewDBFrom(b, "plugpub_large", func(addr string) error { return copyLarge(b, file, addr) })
	}
	pg, err := postgres.Open(ctx, addr)
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()
	sq, err := sqlite.Open(ctx, copyFile(b, file))
	if err != nil {
		b.Fatal(err)
	}
	defer sq.Close()
	both := []workflow.Store{pg, sq}
	sameSearches(ctx, b, sq, pg)

	for _, q := range []struct{ name, q string }{{"车牌", "车牌"}, {"会员积分", "会员积分"}, {"插件", "插件"}, {"停车_发票", "停车 发票"}} {
		b.Run("search/"+q.name, func(b *testing.B) {
			side(b, both, func(st workflow.Store, _ int) error {
				_, err := st.Search(ctx, q.q, workflow.Page{Limit: 50})
				return err
			})
		})
	}
	b.Run("page", func(b *testing.B) {
		side(b, both, func(st workflow.Store, _ int) error {
			_, err := st.Plugins(ctx, "", "", workflow.Page{Offset: 5000, Limit: 50})
			return err
		})
	})
	b.Run("queue", func(b *testing.B) {
		side(b, both, func(st workflow.Store, _ int) error {
			_, err := st.ReviewQueue(ctx, workflow.Page{Offset: 500, Limit: 50})
			return err
		})
	})
	b.Run("review-stats", func(b *testing.B) {
		side(b, both, func(st workflow.Store, _ int) error {
			now := time.Now()
			_, err := st.ReviewFigures(ctx, workflow.FiguresQuery{Now: now, LiveAfter: now.Add(-workflow.ClaimLapse), Since: now.AddDate(0, 0, -14), ZoneOffset: 8 * 3600})
			return err
		})
	})

	// The writes go to a plugin of their own, made the same on both.
	const id = "2021009900000001"
	svcs := []*workflow.Service{workflow.NewService(pg, nil), workflow.NewService(sq, nil)}
	for _, svc := range svcs {
		benchPlugin(b, svc, id)
	}
	b.Run("submit", func(b *testing.B) {
		sides(b, svcs, func(svc *workflow.Service, _ int) (time.Duration, error) {
			t0 := time.Now()
			if _, err := svc.Submit(ctx, "benchdev", id, ""); err != nil {
				return 0, err
			}
			took := time.Since(t0)
			_, err := svc.Withdraw(ctx, "benchdev", id, workflow.AnyRev)
			return took, err
		})
	})
	for _, svc := range svcs {
		listBench(b, svc, id)
	}
	hidden := map[*workflow.Service]bool{} // outlives one run of hide-show
	b.Run("hide-show", func(b *testing.B) {
		sides(b, svcs, func(svc *workflow.Service, _ int) (time.Duration, error) {
			t0 := time.Now()
			var err error
			if hidden[svc] = !hidden[svc]; hidden[svc] {
				_, err = svc.Hide(ctx, "benchdev", id, workflow.AnyRev)
			} else {
				_, err = svc.Show(ctx, "benchdev", id, workflow.AnyRev)
			}
			return time.Since(t0), err
		})
	})
}

// side times op on both stores by turns, b.N times each, and reports the
// first's time as the figure and the second's as the baseline.
func side(b *testing.B, st []workflow.Store, op func(st workflow.Store, i int) error) {
	b.Helper()
	run := func(s workflow.Store) func(int) {
		return func(i int) {
			if err := op(s, i); err != nil {
				b.Fatal(err)
			}
		}
	}
	ours, base := figure.Interleave(b, run(st[0]), run(st[1]))
	figure.Times(b, ours, base)
}

// sides is side for operations that time a part of what they do.
func sides(b *testing.B, svcs []*workflow.Service, op func(svc *workflow.Service, i int) (time.Duration, error)) {
	b.Helper()
	ours, base := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	for i := range b.N {
		for k, svc := range svcs {
			d, err := op(svc, i)
			if err != nil {
				b.Fatal(err)
			}
			if k == 0 {
				ours = append(ours, d)
			} else {
				base = append(base, d)
			}
		}
	}
	figure.Times(b, ours, base)
}

// benchPlugin makes plugin id with an online version and a complete draft,
// and the users who act on it.
func benchPlugin(b *testing.B, svc *workflow.Service, id string) {
	b.Helper()
	ctx := context.Background()
	steps := []func() error{
		func() error {
			_, err := svc.AddUser(ctx, "benchdev", []workflow.Role{workflow.RoleDeveloper}, "")
			return err
		},
		func() error {
			_, err := svc.AddUser(ctx, "benchrev", []workflow.Role{workflow.RoleReviewer}, "")
			return err
		},
		func() error { _, err := svc.CreatePlugin(ctx, "benchdev", id, "压测插件"); return err },
		func() error { _, err := svc.AddVersion(ctx, "benchdev", id, "1.0.0"); return err },
		func() error {
			_, err := svc.VersionAct(ctx, "benchdev", id, "1.0.0", workflow.ActSubmit, "", workflow.AnyRev)
			return err
		},
		func() error {
			_, err := svc.VersionAct(ctx, "benchrev", id, "1.0.0", workflow.ActApprove, "", workflow.AnyRev)
			return err
		},
		func() error {
			_, err := svc.VersionAct(ctx, "benchdev", id, "1.0.0", workflow.ActOnline, "", workflow.AnyRev)
			return err
		},
		func() error {
			_, probs, err := svc.SaveDraft(ctx, "benchdev", id, workflow.SampleDraft(), workflow.AnyRev)
			if err == nil && len(probs) > 0 {
				err = fmt.Errorf("the sample draft has problems: %v", probs)
			}
			return err
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			b.Fatalf("making the benchmark's plugin, step %d: %v", i+1, err)
		}
	}
}

// listBench lists plugin id on the market (submit, approve, 上架).
func listBench(b *testing.B, svc *workflow.Service, id string) {
	b.Helper()
	ctx := context.Background()
	sub, err := svc.Submit(ctx, "benchdev", id, "")
	if err == nil {
		_, err = svc.Approve(ctx, "benchrev", sub.ID, workflow.AnyRev)
	}
	if err == nil {
		_, err = svc.Release(ctx, "benchdev", id, workflow.AnyRev)
	}
	if err != nil {
		b.Fatalf("listing the benchmark's plugin: %v", err)
	}
}

// copyLarge copies the SQLite file into the empty PostgreSQL database at
// addr, as plugpub migrate does, in one transaction.
func copyLarge(b *testing.B, file, addr string) error {
	ctx := context.Background()
	pg, err := postgres.Open(ctx, addr)
	if err != nil {
		return err
	}
	defer pg.Close()
	raw, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		return err
	}
	defer raw.Close()
	read, err := raw.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer read.Rollback()
	start := time.Now()
	if err := pg.CopyIn(ctx, read, func(string, int64) {}); err != nil {
		return err
	}
	b.Logf("copied %s into PostgreSQL in %s", file, time.Since(start).Round(time.Millisecond))
	return nil
}

// copyFile copies the SQLite file into b's temporary folder.
func copyFile(b *testing.B, file string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), filepath.Base(file))
	in, err := os.Open(file)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
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
