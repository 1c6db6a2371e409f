package sqlite

import (
	"fmt"
	"slices"
	"testing"

	"plugpub/store"
	"plugpub/workflow"
)

func found(t *testing.T, st *Store, q, id string) bool {
	t.Helper()
	es, err := st.Search(t.Context(), q, workflow.Page{Limit: 50})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return slices.ContainsFunc(es, func(e workflow.MarketEntry) bool { return e.PluginID == id })
}

func TestHiddenFirstListingIsNotFound(t *testing.T) {
	f := newFlow(t)
	f.Online(pid)
	d := workflow.SampleDraft()
	d.Info.ShowAfterRelease = false
	sub := f.ReleaseDraft(pid, d)
	if found(t, f.st, "车牌", pid) || found(t, f.st, "车牌识别", pid) {
		t.Error("a listing released hidden is found")
	}
	l, err := f.st.Listing(f.Ctx, pid)
	f.must(err)
	if l.Visibility != workflow.VisibilityHidden || l.SubmissionID != sub.ID || l.Rev != 1 {
		t.Errorf("listing %+v", l)
	}
}

func TestSearchPages(t *testing.T) {
	f := newFlow(t)
	var ids []string
	for i := range 7 {
		id := fmt.Sprintf("20210041%08d", i+1)
		f.OnlineRelease(id, fmt.Sprintf("车牌识别%d号", i))
		ids = append(ids, id)
	}
	for _, q := range []string{"车牌识别", "车"} {
		var got []string
		for off := 0; ; off += 3 {
			es, err := f.st.Search(f.Ctx, q, workflow.Page{Offset: off, Limit: 3})
			f.must(err)
			for _, e := range es {
				got = append(got, e.PluginID)
			}
			if len(es) < 3 {
				break
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, ids) {
			t.Errorf("paging %q: %v, want %v", q, got, ids)
		}
	}
}

func TestGrams(t *testing.T) {
	got := store.Grams(store.Fold("小程序OCR 车-牌 ocr"))
	want := []string{"小", "小程", "程", "程序", "序", "序o", "o", "oc", "c", "cr", "r", "车", "牌"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("grams = %q, want %q", got, want)
	}
}
