package store

import (
	"bytes"
	"fmt"
	"testing"

	"plugpub/workflow"
)

func TestNotFoundKinds(t *testing.T) {
	f := newFlow(t)
	ctx := f.ctx
	checks := map[string]error{}
	_, checks["user"] = f.st.User(ctx, "ghost")
	_, checks["plugin"] = f.st.Plugin(ctx, pid)
	_, checks["draft of a missing plugin"] = f.st.Draft(ctx, pid)
	_, checks["submission"] = f.st.Submission(ctx, 42)
	_, checks["listing"] = f.st.Listing(ctx, pid)
	_, _, checks["logo"] = f.st.Logo(ctx, "sha256:"+fmt.Sprintf("%064d", 0))
	for what, err := range checks {
		if workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("%s: got %v, want not found", what, err)
		}
	}
	if _, err := f.st.Submission(ctx, 42); err.Error() != "submission 42 does not exist" {
		t.Errorf("message %q", err)
	}
}

func TestDraftBeforeTheFirstSaveIsEmpty(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	d, err := f.st.Draft(f.ctx, pid)
	f.must(err)
	want := workflow.StoredDraft{PluginID: pid, Draft: workflow.NewDraft()}
	if d.Rev != 0 || d.PluginID != pid || !draftEqual(t, d.Draft, want.Draft) {
		t.Errorf("draft %+v, want %+v", d, want)
	}
	saved, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, workflow.SampleDraft(), 0)
	f.must(err)
	d, err = f.st.Draft(f.ctx, pid)
	f.must(err)
	if d.Rev != 1 || saved.Rev != 1 || d.UpdatedBy != "dev1" || !d.UpdatedAt.Equal(saved.UpdatedAt) || !draftEqual(t, d.Draft, workflow.SampleDraft()) {
		t.Errorf("draft after save %+v", d)
	}
}

func draftEqual(t *testing.T, a, b workflow.Draft) bool {
	t.Helper()
	ja, err := workflow.MarshalDraft(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := workflow.MarshalDraft(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ja, jb)
}

func TestLogoIsStoredOnce(t *testing.T) {
	st := newStore(t)
	data := []byte("\x89PNG\r\n\x1a\nnot really")
	ref := "sha256:" + fmt.Sprintf("%064x", 7)
	for range 2 {
		if err := st.PutLogo(t.Context(), ref, "image/png", data); err != nil {
			t.Fatal(err)
		}
	}
	mime, got, err := st.Logo(t.Context(), ref)
	if err != nil || mime != "image/png" || !bytes.Equal(got, data) {
		t.Errorf("Logo = %q, %q, %v", mime, got, err)
	}
	if err := st.PutLogo(t.Context(), ref, "image/jpeg", []byte{0xff, 0xd8}); err != nil {
		t.Fatal(err)
	}
	if mime, got, _ := st.Logo(t.Context(), ref); mime != "image/png" || !bytes.Equal(got, data) {
		t.Error("storing a ref again replaced it")
	}
	if err := st.PutLogo(t.Context(), "sha256:"+fmt.Sprintf("%064x", 8), "image/gif", data); err == nil {
		t.Error("stored a GIF")
	}
}

func TestUsersRoundTripAndPage(t *testing.T) {
	st := newStore(t)
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
}

func TestPluginsSummaryAndFilter(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	f.release(pid, "车牌识别插件")
	_, err := f.svc.CreatePlugin(f.ctx, "dev1", "2021004100000002", "会员_100%")
	f.must(err)
	_, err = f.svc.AddUser(f.ctx, "dev2", []workflow.Role{workflow.RoleDeveloper}, "")
	f.must(err)
	_, err = f.svc.CreatePlugin(f.ctx, "dev2", "2021004100000003", "Other")
	f.must(err)

	all, err := f.st.Plugins(f.ctx, "", "", workflow.Page{})
	f.must(err)
	if len(all) != 3 {
		t.Fatalf("%d plugins", len(all))
	}
	first := all[0]
	if first.ID != pid || first.Online != "1.0.0" || first.Latest != string(workflow.SubmissionListed) || first.Listing != workflow.VisibilityShown {
		t.Errorf("summary %+v", first)
	}
	if all[1].Online != "" || all[1].Latest != "" || all[1].Listing != "" {
		t.Errorf("summary of a new plugin %+v", all[1])
	}
	for _, c := range []struct {
		owner, filter string
		want          []string
	}{
		{"dev1", "", []string{pid, "2021004100000002"}},
		{"dev2", "", []string{"2021004100000003"}},
		{"", "0002", []string{"2021004100000002"}},
		{"", "车牌", []string{pid}},
		{"", "OTHER", []string{"2021004100000003"}},
		{"", "_1", []string{"2021004100000002"}},
		{"", "%", []string{"2021004100000002"}},
		{"", "_", []string{"2021004100000002"}},
		{"dev2", "车牌", nil},
	} {
		ps, err := f.st.Plugins(f.ctx, c.owner, c.filter, workflow.Page{})
		f.must(err)
		var ids []string
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(c.want) {
			t.Errorf("Plugins(%q, %q) = %v, want %v", c.owner, c.filter, ids, c.want)
		}
	}
}

// TestSubmissionsPage runs 120 submissions of one plugin and reads them
// back in pages, newest first, without snapshots.
func TestSubmissionsPage(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	_, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, workflow.SampleDraft(), workflow.AnyRev)
	f.must(err)
	const n = 120
	var ids []int64
	for range n {
		sub, err := f.svc.Submit(f.ctx, "dev1", pid, "")
		f.must(err)
		_, err = f.svc.Withdraw(f.ctx, "dev1", pid, workflow.AnyRev)
		f.must(err)
		ids = append(ids, sub.ID)
	}
	var got []int64
	pages := 0
	for off := 0; ; off += 50 {
		subs, err := f.st.Submissions(f.ctx, pid, workflow.Page{Offset: off, Limit: 50})
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
		if len(subs) < 50 {
			break
		}
	}
	if pages != 3 || len(got) != n {
		t.Fatalf("%d pages, %d submissions", pages, len(got))
	}
	for i, id := range got {
		if id != ids[n-1-i] {
			t.Fatalf("position %d holds %d, want %d (newest first)", i, id, ids[n-1-i])
		}
	}
	// A page past the end is empty, not an error.
	subs, err := f.st.Submissions(f.ctx, pid, workflow.Page{Offset: 500, Limit: 50})
	if err != nil || len(subs) != 0 {
		t.Errorf("past the end: %v, %v", subs, err)
	}
	evs, err := f.st.Events(f.ctx, pid, workflow.Page{Offset: 5, Limit: 2})
	f.must(err)
	if len(evs) != 2 || evs[0].Action != workflow.ActSubmit || evs[1].Action != workflow.ActWithdraw || evs[0].ID >= evs[1].ID {
		t.Errorf("events page %+v", evs)
	}
	f.checkLog()
}

func TestReviewQueueEarliestDueFirst(t *testing.T) {
	f := newFlow(t)
	var want []int64
	for i := range 3 {
		id := fmt.Sprintf("20210041%08d", i+1)
		f.online(id)
		_, _, err := f.svc.SaveDraft(f.ctx, "dev1", id, workflow.SampleDraft(), workflow.AnyRev)
		f.must(err)
		sub, err := f.svc.Submit(f.ctx, "dev1", id, "")
		f.must(err)
		want = append(want, sub.ID)
	}
	_, err := f.svc.Approve(f.ctx, "rev1", want[1], workflow.AnyRev)
	f.must(err)
	q, err := f.st.ReviewQueue(f.ctx, workflow.Page{})
	f.must(err)
	if len(q) != 2 || q[0].ID != want[0] || q[1].ID != want[2] || q[0].DueAt.After(q[1].DueAt) {
		t.Errorf("queue %+v, want %d then %d", q, want[0], want[2])
	}
	approved, err := f.st.Submission(f.ctx, want[1])
	f.must(err)
	if approved.Reviewer != "rev1" || approved.ReviewedAt.IsZero() || approved.Rev != 2 {
		t.Errorf("approved %+v", approved)
	}
}

func TestVersionsNewestFirst(t *testing.T) {
	f := newFlow(t)
	f.online(pid)
	for _, v := range []string{"1.0.1", "1.2.0", "2.0.0", "10.0.0"} {
		_, err := f.svc.AddVersion(f.ctx, "dev1", pid, v)
		f.must(err)
	}
	vs, err := f.st.Versions(f.ctx, pid, workflow.Page{Limit: 3})
	f.must(err)
	var got []string
	for _, v := range vs {
		got = append(got, v.SemVer.String())
	}
	if fmt.Sprint(got) != "[10.0.0 2.0.0 1.2.0]" {
		t.Errorf("versions %v", got)
	}
}
