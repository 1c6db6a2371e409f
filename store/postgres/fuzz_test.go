package postgres_test

import (
	"fmt"
	"slices"
	"testing"

	"plugpub/store/storetest"
	"plugpub/workflow"
)

// FuzzSameOnBothEngines sends what a client can type, a search query or a
// list filter, to both engines loaded with the same listings: neither
// fails, and both give the same results in the same order and the same
// counts. The seeds (the suite's hostile and several-word queries) run in
// go test.
func FuzzSameOnBothEngines(f *testing.F) {
	for _, q := range storetest.HostileQueries {
		f.Add(q)
	}
	for _, c := range storetest.WordQueries {
		f.Add(c.Q)
	}
	for _, q := range []string{"车牌", "OCR", "ocr", "2021004100000001", "0001", "dev", "DEV1", "已上架", "listed", "_", "%", `\`, "Map", "ÉCOLE", "straße"} {
		f.Add(q)
	}
	sq, pg := loadBoth(f)
	f.Fuzz(func(t *testing.T, q string) {
		a, b := storetest.SearchIDs(t, sq, q, 7), storetest.SearchIDs(t, pg, q, 7)
		if !slices.Equal(a, b) {
			t.Errorf("Search(%q): SQLite %v, PostgreSQL %v", q, a, b)
		}
		for _, owner := range []string{"", "dev1"} {
			pa, errA := sq.Plugins(t.Context(), owner, q, workflow.Page{Limit: 100})
			pb, errB := pg.Plugins(t.Context(), owner, q, workflow.Page{Limit: 100})
			if errA != nil || errB != nil || fmt.Sprint(pa) != fmt.Sprint(pb) {
				t.Errorf("Plugins(%q, %q): SQLite %v %v, PostgreSQL %v %v", owner, q, len(pa), errA, len(pb), errB)
			}
			na, errA := sq.CountPlugins(t.Context(), owner, q)
			nb, errB := pg.CountPlugins(t.Context(), owner, q)
			if errA != nil || errB != nil || na != nb || na != len(pa) {
				t.Errorf("CountPlugins(%q, %q): SQLite %d %v, PostgreSQL %d %v, listed %d", owner, q, na, errA, nb, errB, len(pa))
			}
		}
		const id = "2021004100000001"
		for name, list := range map[string]func(st workflow.Store) (any, error){
			"Versions":    func(st workflow.Store) (any, error) { return st.Versions(t.Context(), id, workflow.Page{Filter: q}) },
			"Submissions": func(st workflow.Store) (any, error) { return st.Submissions(t.Context(), id, workflow.Page{Filter: q}) },
			"ReviewQueue": func(st workflow.Store) (any, error) { return st.ReviewQueue(t.Context(), workflow.Page{Filter: q}) },
			"CountQueue":  func(st workflow.Store) (any, error) { return st.CountReviewQueue(t.Context(), q) },
			"CountSubs":   func(st workflow.Store) (any, error) { return st.CountSubmissions(t.Context(), id, q) },
		} {
			ra, errA := list(sq)
			rb, errB := list(pg)
			if errA != nil || errB != nil || fmt.Sprint(ra) != fmt.Sprint(rb) {
				t.Errorf("%s(%q): SQLite %v %v, PostgreSQL %v %v", name, q, ra, errA, rb, errB)
			}
		}
	})
}
