package store

import (
	"fmt"
	"slices"
	"testing"

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

// TestSearchFindsShortChineseQueries follows the issue: 车牌 must find a
// plugin titled 小程序OCR车牌号识别插件, though trigram cannot match two characters.
func TestSearchFindsShortChineseQueries(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	sub := f.release(pid, "小程序OCR车牌号识别插件")
	other := "2021004100000002"
	f.online(other)
	f.release(other, "会员积分插件")

	queries := []string{"车牌", "车", "OCR车牌号", "ocr", "Ocr", "小程序ocr车牌号识别插件", "oc", "号识", "新能源", "31", "一秒识别"}
	for _, q := range queries {
		if !found(t, f.st, q, pid) {
			t.Errorf("Search(%q) does not find %s", q, pid)
		}
	}
	for _, q := range []string{"车牌", "OCR车牌号", "ocr"} {
		if found(t, f.st, q, other) == (q != "车牌") && q != "车牌" {
			t.Errorf("Search(%q) finds %s, whose title is not about it", q, other)
		}
	}
	for _, q := range []string{"车x", "ocrx", "牌车", "识别插件吗"} {
		if found(t, f.st, q, pid) {
			t.Errorf("Search(%q) finds %s, which does not contain it", q, pid)
		}
	}

	es, err := f.st.Search(f.ctx, "OCR", workflow.Page{})
	f.must(err)
	if len(es) != 1 || es[0] != (workflow.MarketEntry{PluginID: pid, SubmissionID: sub.ID, Title: "小程序OCR车牌号识别插件",
		Intro: workflow.SampleDraft().Info.Intro, Buyers: workflow.BuyersAny, Visibility: workflow.VisibilityShown, ListedAt: es[0].ListedAt}) {
		t.Errorf("entry %+v", es)
	}

	_, err = f.svc.Hide(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	for _, q := range queries {
		if found(t, f.st, q, pid) {
			t.Errorf("Search(%q) finds the hidden %s", q, pid)
		}
	}
	if !found(t, f.st, "会员", other) {
		t.Error("hiding one plugin hid another")
	}

	_, err = f.svc.Show(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	for _, q := range queries {
		if !found(t, f.st, q, pid) {
			t.Errorf("Search(%q) does not find %s once shown again", q, pid)
		}
	}

	// A new listing replaces the text that is searched.
	f.release(pid, "停车缴费插件")
	if found(t, f.st, "OCR", pid) || !found(t, f.st, "停车缴费", pid) || !found(t, f.st, "缴", pid) {
		t.Error("search still has the old listing's title")
	}
	f.checkLog()
}

func TestHiddenFirstListingIsNotFound(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	d := workflow.SampleDraft()
	d.Info.ShowAfterRelease = false
	_, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev)
	f.must(err)
	sub, err := f.svc.Submit(f.ctx, "dev1", pid, "")
	f.must(err)
	_, err = f.svc.Approve(f.ctx, "rev1", sub.ID, workflow.AnyRev)
	f.must(err)
	_, err = f.svc.Release(f.ctx, "dev1", pid, workflow.AnyRev)
	f.must(err)
	if found(t, f.st, "车牌", pid) || found(t, f.st, "车牌识别", pid) {
		t.Error("a listing released hidden is found")
	}
	l, err := f.st.Listing(f.ctx, pid)
	f.must(err)
	if l.Visibility != workflow.VisibilityHidden || l.SubmissionID != sub.ID || l.Rev != 1 {
		t.Errorf("listing %+v", l)
	}
}

// TestHostileQueriesNeverError: FTS5 query syntax in a query is text to find.
func TestHostileQueriesNeverError(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	f.release(pid, `车牌"识别"*(AND)`)
	for _, q := range []string{
		`"`, `""`, `"""`, `*`, `**`, `***`, `(`, `)`, `(((`, `AND`, `OR`, `NOT`, `NEAR`, `NEAR(a b)`, `NEAR/2`,
		`-`, `--`, `:`, `title:`, `title:车牌`, `grams:车`, `{title}: x`, `^车`, `车*`, `a AND b`, `a OR`, `"车牌`,
		`车牌"`, `'`, `';--`, `\`, `%`, `_`, `\x00`, "\x00车牌", `+`, `.`, `*"(AND)`, `"识别"`, `车牌"识`,
		"车\u202e牌", "ＯＣＲ", "é", "e\u0301",
	} {
		if _, err := f.st.Search(f.ctx, q, workflow.Page{}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	for _, q := range []string{`"识别"`, `*(AND)`, `牌"识`, `"识`, `(a`, `"`, `(`, `*`} {
		if q == `"` || q == `(` || q == `*` {
			// Punctuation alone is not something to search for.
			continue
		}
		if !found(t, f.st, q, pid) {
			t.Errorf("Search(%q) does not find the title that contains it", q)
		}
	}
	// A short query with punctuation is looked up by its letters, then
	// checked whole.
	if found(t, f.st, `(x`, pid) || found(t, f.st, `a"`, pid) {
		t.Error("a two-character query matched by its letter alone")
	}
}

func TestSearchPages(t *testing.T) {
	f := newFlow(t)
	var ids []string
	for i := range 7 {
		id := fmt.Sprintf("20210041%08d", i+1)
		f.online(id)
		f.release(id, fmt.Sprintf("车牌识别%d号", i))
		ids = append(ids, id)
	}
	for _, q := range []string{"车牌识别", "车"} {
		var got []string
		for off := 0; ; off += 3 {
			es, err := f.st.Search(f.ctx, q, workflow.Page{Offset: off, Limit: 3})
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
	got := grams(fold("小程序OCR 车-牌 ocr"))
	want := []string{"小", "小程", "程", "程序", "序", "序o", "o", "oc", "c", "cr", "r", "车", "牌"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("grams = %q, want %q", got, want)
	}
}
