package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"plugpub/workflow"
)

// BenchmarkEngines runs the same reads and writes on both engines, loaded
// with the same listings, side by side: go test -bench Engines ./store/postgres
// (the ratio is PostgreSQL's ns/op over SQLite's).
func BenchmarkEngines(b *testing.B) {
	sq, pg := loadBoth(b)
	for _, c := range []struct {
		name string
		op   func(b *testing.B, st workflow.Store, i int)
	}{
		{"search-short", func(b *testing.B, st workflow.Store, _ int) { must(b, searchErr(st, "车牌")) }},
		{"search-long", func(b *testing.B, st workflow.Store, _ int) { must(b, searchErr(st, "快递柜取件")) }},
		{"search-words", func(b *testing.B, st workflow.Store, _ int) { must(b, searchErr(st, "北京 天气")) }},
		{"page", func(b *testing.B, st workflow.Store, _ int) {
			_, err := st.Plugins(b.Context(), "", "", workflow.Page{Limit: 50})
			must(b, err)
		}},
		{"autosave", func(b *testing.B, st workflow.Store, i int) {
			svc := workflow.NewService(st, nil)
			d := workflow.SampleDraft()
			d.Info.Intro = fmt.Sprintf("第%d次修改", i)
			_, _, err := svc.SaveDraft(b.Context(), "dev1", "2021004100000002", d, workflow.AnyRev)
			must(b, err)
		}},
		{"hide-show", func(b *testing.B, st workflow.Store, _ int) {
			// The listing's state outlives one run of the benchmark (b.Loop
			// may stop after an odd count), so each store's is remembered.
			svc := workflow.NewService(st, nil)
			var err error
			if hidden[st] = !hidden[st]; hidden[st] {
				_, err = svc.Hide(b.Context(), "dev1", "2021004100000003", workflow.AnyRev)
			} else {
				_, err = svc.Show(b.Context(), "dev1", "2021004100000003", workflow.AnyRev)
			}
			must(b, err)
		}},
	} {
		for _, e := range []struct {
			name string
			st   workflow.Store
		}{{"sqlite", sq}, {"postgres", pg}} {
			b.Run(c.name+"/"+e.name, func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					c.op(b, e.st, i)
				}
			})
		}
	}
}

// hidden is whether hide-show left a store's listing hidden.
var hidden = map[workflow.Store]bool{}

func searchErr(st workflow.Store, q string) error {
	_, err := st.Search(context.Background(), q, workflow.Page{Limit: 20})
	return err
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
