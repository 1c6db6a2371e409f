package sqlite

import (
	"testing"

	"plugpub/workflow"
)

// TestListsFilterInSQL: every list takes Page.Filter — a case-insensitive
// substring of its ids, name, version, people, or its state's label (审核中)
// or code — and its count takes the same filter and agrees with it.
func TestListsFilterInSQL(t *testing.T) {
	f := newFlow(t)
	const p1, p2 = "2021004100000001", "2021004100000002"
	f.OnlineRelease(p1, "车牌识别插件")
	_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", p1, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	_, err = f.Svc.Submit(f.Ctx, "dev1", p1, "")
	f.must(err)
	_, err = f.Svc.CreatePlugin(f.Ctx, "dev1", p2, "电子发票")
	f.must(err)
	_, err = f.Svc.AddVersion(f.Ctx, "dev1", p2, "1.0.0")
	f.must(err)
	for _, a := range []workflow.Action{workflow.ActSubmit, workflow.ActApprove, workflow.ActOnline} {
		as := "dev1"
		if a == workflow.ActApprove {
			as = "rev1"
		}
		_, err := f.Svc.VersionAct(f.Ctx, as, p2, "1.0.0", a, "", workflow.AnyRev)
		f.must(err)
	}
	_, err = f.Svc.AddVersion(f.Ctx, "dev1", p2, "1.1.0")
	f.must(err)
	_, err = f.Svc.SampleDraft(f.Ctx, "dev1", p2)
	f.must(err)
	_, err = f.Svc.Submit(f.Ctx, "dev1", p2, "")
	f.must(err)

	type list struct {
		name  string
		rows  func(filter string) (int, error)
		count func(filter string) (int, error)
	}
	page := func(filter string) workflow.Page { return workflow.Page{Limit: 100, Filter: filter} }
	lists := map[string]list{
		"queue": {"review queue",
			func(q string) (int, error) { s, err := f.st.ReviewQueue(f.Ctx, page(q)); return len(s), err },
			func(q string) (int, error) { return f.st.CountReviewQueue(f.Ctx, q) }},
		"subs": {"submissions of " + p1,
			func(q string) (int, error) { s, err := f.st.Submissions(f.Ctx, p1, page(q)); return len(s), err },
			func(q string) (int, error) { return f.st.CountSubmissions(f.Ctx, p1, q) }},
		"versions": {"versions of " + p2,
			func(q string) (int, error) { s, err := f.st.Versions(f.Ctx, p2, page(q)); return len(s), err },
			func(q string) (int, error) { return f.st.CountVersions(f.Ctx, p2, q) }},
		"plugins": {"plugins",
			func(q string) (int, error) { s, err := f.st.Plugins(f.Ctx, "", "", page(q)); return len(s), err },
			func(q string) (int, error) { return f.st.CountPlugins(f.Ctx, "", q) }},
	}
	cases := []struct {
		list, filter string
		want         int
	}{
		{"queue", "", 2},
		{"queue", "发票", 1},    // the plugin's name, Chinese
		{"queue", p1, 1},      // the plugin id
		{"queue", "DEV1", 2},  // the submitter, any case
		{"queue", "3", 1},     // submission #3
		{"queue", "1.0.0", 2}, // the version (the online one each was submitted with)
		{"queue", "%", 0},     // LIKE's wildcards match themselves
		{"queue", "_", 0},
		{"subs", "", 2},
		{"subs", "已上架", 1},    // a state's label
		{"subs", "审核", 1},     // 审核中 (the listed one is 已上架)
		{"subs", "LISTED", 1}, // a state's code
		{"subs", "rev1", 1},   // the reviewer
		{"versions", "1.1", 1},
		{"versions", "已上线", 1},
		{"versions", "开发中", 1}, // 1.1.0
		{"versions", "dev1", 2},
		{"plugins", "电子", 1},
		{"plugins", "DEV1", 2}, // the owner
		{"plugins", "0000002", 1},
	}
	for _, c := range cases {
		l := lists[c.list]
		n, err := l.rows(c.filter)
		if err != nil {
			t.Fatalf("%s filtered on %q: %v", l.name, c.filter, err)
		}
		total, err := l.count(c.filter)
		if err != nil {
			t.Fatalf("counting %s filtered on %q: %v", l.name, c.filter, err)
		}
		if n != c.want || total != c.want {
			t.Errorf("%s filtered on %q: %d rows, count %d; want %d", l.name, c.filter, n, total, c.want)
		}
	}
}
