package storetest

import (
	"fmt"
	"testing"

	"plugpub/workflow"
)

func usersRoundTripAndPage(t *testing.T, e Engine) {
	st := e.Open(t)
	for i := range 5 {
		u, err := workflow.NewUser(fmt.Sprintf("user%d", i), []workflow.Role{workflow.RoleConsumer, workflow.RoleDeveloper}, workflow.BuyerEnterprise)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	us, err := st.Users(t.Context(), workflow.Page{Offset: 1, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].Name != "user1" || us[1].Name != "user2" {
		t.Fatalf("page %+v", us)
	}
	u := us[0]
	if u.RoleList() != "developer,consumer" || u.Buyer != workflow.BuyerEnterprise || !u.Has(workflow.RoleConsumer) {
		t.Errorf("user %+v", u)
	}
	// Names order by code point, as bytes do: Z before a.
	for _, name := range []string{"Zed", "alice"} {
		u, err := workflow.NewUser(name, []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	all, err := st.Users(t.Context(), workflow.Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range all {
		names = append(names, u.Name)
	}
	if want := "[Zed alice user0 user1 user2 user3 user4]"; fmt.Sprint(names) != want {
		t.Errorf("users %v, want %s", names, want)
	}
}

func ids[T any](xs []T, id func(T) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func pluginsSummaryAndFilter(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.OnlineRelease(PID, "车牌识别插件")
	_, err := f.Svc.CreatePlugin(f.Ctx, "dev1", "2021004100000002", "会员_100%")
	f.must(err)
	_, err = f.Svc.AddUser(f.Ctx, "dev2", []workflow.Role{workflow.RoleDeveloper}, "")
	f.must(err)
	_, err = f.Svc.CreatePlugin(f.Ctx, "dev2", "2021004100000003", "Other")
	f.must(err)

	all, err := f.St.Plugins(f.Ctx, "", "", workflow.Page{})
	f.must(err)
	if len(all) != 3 {
		t.Fatalf("%d plugins", len(all))
	}
	first := all[0]
	if first.ID != PID || first.Online != "1.0.0" || first.Latest != string(workflow.SubmissionListed) || first.Listing != workflow.VisibilityShown {
		t.Errorf("summary %+v", first)
	}
	if all[1].Online != "" || all[1].Latest != "" || all[1].Listing != "" {
		t.Errorf("summary of a new plugin %+v", all[1])
	}
	for _, c := range []struct {
		owner, filter string
		want          []string
	}{
		{"dev1", "", []string{PID, "2021004100000002"}},
		{"dev2", "", []string{"2021004100000003"}},
		{"", "0002", []string{"2021004100000002"}},
		{"", "车牌", []string{PID}},
		{"", "OTHER", []string{"2021004100000003"}},
		{"", "oth", []string{"2021004100000003"}},
		{"", "_1", []string{"2021004100000002"}},
		{"", "%", []string{"2021004100000002"}},
		{"", "_", []string{"2021004100000002"}},
		{"", `\`, nil},
		{"", "dev2", []string{"2021004100000003"}},
		{"", "DEV", []string{PID, "2021004100000002", "2021004100000003"}},
		{"dev2", "车牌", nil},
	} {
		ps, err := f.St.Plugins(f.Ctx, c.owner, c.filter, workflow.Page{})
		f.must(err)
		got := ids(ps, func(p workflow.PluginSummary) string { return p.ID })
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Plugins(%q, %q) = %v, want %v", c.owner, c.filter, got, c.want)
		}
		if n, err := f.St.CountPlugins(f.Ctx, c.owner, c.filter); err != nil || n != len(c.want) {
			t.Errorf("CountPlugins(%q, %q) = %d, %v; want %d", c.owner, c.filter, n, err, len(c.want))
		}
	}
}

func countsMatchTheLists(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	for _, id := range []string{"2021004100000001", "2021004100000002", "2021004100000003"} {
		if _, err := f.Svc.CreatePlugin(ctx, "dev1", id, "车牌"+id[15:]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		owner, filter string
		want          int
	}{{"", "", 3}, {"dev1", "", 3}, {"rev1", "", 0}, {"", "车牌2", 1}, {"", "0000000", 3}, {"", "%", 0}} {
		n, err := f.St.CountPlugins(ctx, c.owner, c.filter)
		f.must(err)
		list, err := f.St.Plugins(ctx, c.owner, c.filter, workflow.Page{Limit: 100})
		f.must(err)
		if n != c.want || len(list) != c.want {
			t.Errorf("owner %q filter %q: count %d, list %d, want %d", c.owner, c.filter, n, len(list), c.want)
		}
	}
	if n, err := f.St.CountEvents(ctx, "2021004100000001"); err != nil || n != 1 {
		t.Errorf("events of a new plugin: %d, %v; want 1", n, err)
	}
	if n, err := f.St.CountReviewQueue(ctx, ""); err != nil || n != 0 {
		t.Errorf("review queue: %d, %v; want 0", n, err)
	}
}

func submissionsPage(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	_, _, err := f.Svc.SaveDraft(f.Ctx, "dev1", PID, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	const n = 60
	var want []int64
	for range n {
		sub, err := f.Svc.Submit(f.Ctx, "dev1", PID, "")
		f.must(err)
		_, err = f.Svc.Withdraw(f.Ctx, "dev1", PID, workflow.AnyRev)
		f.must(err)
		want = append(want, sub.ID)
	}
	var got []int64
	pages := 0
	for off := 0; ; off += 25 {
		subs, err := f.St.Submissions(f.Ctx, PID, workflow.Page{Offset: off, Limit: 25})
		f.must(err)
		pages++
		for _, s := range subs {
			if s.Snapshot != nil {
				t.Fatal("a list carries snapshots")
			}
			if s.State != workflow.SubmissionWithdrawn || s.Rev != 2 {
				t.Fatalf("submission %+v", s)
			}
			got = append(got, s.ID)
		}
		if len(subs) < 25 {
			break
		}
	}
	if pages != 3 || len(got) != n {
		t.Fatalf("%d pages, %d submissions", pages, len(got))
	}
	for i, id := range got {
		if id != want[n-1-i] {
			t.Fatalf("position %d holds %d, want %d (newest first)", i, id, want[n-1-i])
		}
	}
	if c, err := f.St.CountSubmissions(f.Ctx, PID, ""); err != nil || c != n {
		t.Errorf("CountSubmissions = %d, %v; want %d", c, err, n)
	}
	for _, filter := range []string{"已撤回", "withdrawn", "dev1", fmt.Sprint(want[7])} {
		c, err := f.St.CountSubmissions(f.Ctx, PID, filter)
		f.must(err)
		subs, err := f.St.Submissions(f.Ctx, PID, workflow.Page{Limit: 500, Filter: filter})
		f.must(err)
		if c != len(subs) || c == 0 {
			t.Errorf("filter %q: count %d, list %d", filter, c, len(subs))
		}
	}
	subs, err := f.St.Submissions(f.Ctx, PID, workflow.Page{Offset: 500, Limit: 50})
	if err != nil || len(subs) != 0 {
		t.Errorf("past the end: %v, %v", subs, err)
	}
	evs, err := f.St.Events(f.Ctx, PID, workflow.Page{Offset: 5, Limit: 2})
	f.must(err)
	if len(evs) != 2 || evs[0].Action != workflow.ActSubmit || evs[1].Action != workflow.ActWithdraw || evs[0].ID >= evs[1].ID {
		t.Errorf("events page %+v", evs)
	}
	if c, err := f.St.CountEvents(f.Ctx, PID); err != nil || c != 5+2*n {
		t.Errorf("CountEvents = %d, %v; want %d", c, err, 5+2*n)
	}
	f.CheckLog()
}

func reviewQueueEarliestDueFirst(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	var want []int64
	for _, sub := range f.inReview(3) {
		want = append(want, sub.ID)
	}
	_, err := f.Svc.Approve(f.Ctx, "rev1", want[1], workflow.AnyRev)
	f.must(err)
	q, err := f.St.ReviewQueue(f.Ctx, workflow.Page{})
	f.must(err)
	if len(q) != 2 || q[0].ID != want[0] || q[1].ID != want[2] || q[0].DueAt.After(q[1].DueAt) {
		t.Errorf("queue %+v, want %d then %d", q, want[0], want[2])
	}
	for filter, n := range map[string]int{"": 2, "0003": 1, "车牌": 2, "dev1": 2, "nobody": 0} {
		c, err := f.St.CountReviewQueue(f.Ctx, filter)
		f.must(err)
		q, err := f.St.ReviewQueue(f.Ctx, workflow.Page{Filter: filter})
		f.must(err)
		if c != n || len(q) != n {
			t.Errorf("queue filter %q: count %d, list %d, want %d", filter, c, len(q), n)
		}
	}
	approved, err := f.St.Submission(f.Ctx, want[1])
	f.must(err)
	if approved.Reviewer != "rev1" || approved.ReviewedAt.IsZero() || approved.Rev != 2 {
		t.Errorf("approved %+v", approved)
	}
}

func versionsNewestFirst(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	for _, v := range []string{"1.0.1", "1.2.0", "2.0.0", "10.0.0"} {
		_, err := f.Svc.AddVersion(f.Ctx, "dev1", PID, v)
		f.must(err)
	}
	vs, err := f.St.Versions(f.Ctx, PID, workflow.Page{Limit: 3})
	f.must(err)
	got := ids(vs, func(v workflow.Version) string { return v.SemVer.String() })
	if fmt.Sprint(got) != "[10.0.0 2.0.0 1.2.0]" {
		t.Errorf("versions %v", got)
	}
	for filter, n := range map[string]int{"": 5, "1.": 3, "开发中": 4, "dev": 5, "online": 1, "0.0": 3, "nobody": 0} {
		c, err := f.St.CountVersions(f.Ctx, PID, filter)
		f.must(err)
		vs, err := f.St.Versions(f.Ctx, PID, workflow.Page{Filter: filter})
		f.must(err)
		if c != n || len(vs) != n {
			t.Errorf("versions filter %q: count %d, list %d, want %d", filter, c, len(vs), n)
		}
	}
}
