package largedemo

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"plugpub/store/sqlite"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
	"plugpub/workflow/workflowtest"
)

// small is the large demo scaled down to run in a test.
var small = Spec{Plugins: 80, Submissions: 900, Developers: 6, Reviewers: 3, Consumers: 30, Heavy: 120,
	PopularOrders: 400, PopularApps: 200, Seed: 7}

// TestLargeDemoReplays: the bulk-written database is one the service could
// have made. Its log replays to its tables, SQLite finds nothing wrong,
// every snapshot is a draft that could be submitted, and the service goes
// on working on it: the Revs it compares are the ones written.
func TestLargeDemoReplays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "large.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var stages []string
	made, err := Build(ctx, st, now, small, func(stage string, done, total int) {
		if done == total && !slices.Contains(stages, stage) {
			stages = append(stages, stage)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) < 4 {
		t.Errorf("progress reported only %v", stages)
	}
	for _, s := range stages {
		if !slices.Contains(Stages, s) {
			t.Errorf("progress reported the stage %q, which Stages does not list", s)
		}
	}
	if made.Plugins != small.Plugins || made.Submissions != small.Submissions || made.Listings != small.Plugins ||
		made.Shown == 0 || made.Hidden == 0 || made.InReview == 0 || made.Orders == 0 {
		t.Errorf("made %+v", made)
	}
	checkReplays(t, ctx, st)
	checkPopular(t, ctx, st, made, now)

	// Every snapshot, and the drafts, can be read back and submitted as they are.
	svc := workflow.NewService(st, func() time.Time { return now.Add(time.Hour) })
	for _, pid := range []string{PluginID(0), PluginID(1), PluginID(small.Plugins - 1)} {
		subs, err := svc.Submissions(ctx, "reviewer1", pid, workflow.Page{Limit: workflow.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) == 0 {
			t.Fatalf("plugin %s has no submissions", pid)
		}
		for i := 1; i < len(subs); i++ {
			if !subs[i].SubmittedAt.Before(subs[i-1].SubmittedAt) {
				t.Errorf("plugin %s: submission %d is not older than %d, which has a larger id", pid, subs[i].ID, subs[i-1].ID)
			}
		}
		for _, s := range subs {
			full, err := svc.Submission(ctx, "reviewer1", s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if p := full.Snapshot.Problems(); len(p) > 0 {
				t.Errorf("the snapshot of submission %d has problems: %v", s.ID, p)
			}
		}
		d, err := svc.Draft(ctx, "reviewer1", pid)
		if err != nil {
			t.Fatal(err)
		}
		if p := d.Draft.Problems(); len(p) > 0 || d.Rev < 1 {
			t.Errorf("the draft of %s (rev %d) has problems: %v", pid, d.Rev, p)
		}
	}

	// The service acts on it with the Revs the screens would show: approve
	// the whole review queue, list one, hide it, order another.
	queue, err := svc.ReviewQueue(ctx, "reviewer1", workflow.Page{Limit: workflow.MaxPageSize})
	if err != nil || len(queue) == 0 {
		t.Fatalf("review queue: %d, %v", len(queue), err)
	}
	for _, s := range queue {
		if _, err := svc.Approve(ctx, "reviewer1", s.ID, s.Rev); err != nil {
			t.Fatalf("approving %d at rev %d: %v", s.ID, s.Rev, err)
		}
	}
	owner := func(pid string) string {
		p, err := svc.Plugin(ctx, "reviewer1", pid)
		if err != nil {
			t.Fatal(err)
		}
		return p.Owner
	}
	first := queue[0].PluginID
	if _, err := svc.Release(ctx, owner(first), first, workflow.AnyRev); err != nil {
		t.Fatal(err)
	}
	l, err := st.Listing(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if l.Visibility == workflow.VisibilityShown {
		_, err = svc.Hide(ctx, owner(first), first, l.Rev)
	} else {
		_, err = svc.Show(ctx, owner(first), first, l.Rev)
	}
	if err != nil {
		t.Fatal(err)
	}
	// A plugin with nothing in review can be submitted again.
	other := PluginID(small.Plugins - 2)
	if _, err := svc.Submit(ctx, owner(other), other, ""); err != nil && workflow.KindOf(err) != workflow.KindIllegal {
		t.Fatal(err)
	}
	checkReplays(t, ctx, st)

	// Market search finds the generated words, Chinese and short.
	for _, q := range []string{"车牌", "会员积分", "发票"} {
		hits, err := svc.Search(ctx, q, workflow.Page{})
		if err != nil || len(hits) == 0 {
			t.Errorf("market search %q: %d hits, %v", q, len(hits), err)
		}
	}
}

// checkReplays fails unless the event log, replayed, says what the tables
// say, and SQLite finds the file sound.
func checkReplays(t *testing.T, ctx context.Context, st *sqlite.Store) {
	t.Helper()
	if _, err := workflowtest.CheckLog(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestStagesAreInTheCatalog: the command says each stage in the reader's
// language, so each must have its Chinese.
func TestStagesAreInTheCatalog(t *testing.T) {
	for _, s := range Stages {
		if _, ok := i18n.Translation(s); !ok {
			t.Errorf("stage %q has no Chinese in the catalog (workflow/i18n/zh_cli.go)", s)
		}
	}
}

// checkPopular: the popular plugin has its orders in every state, counted
// as listed, one live order per mini program, and its owner can go on
// deciding them through the service.
func checkPopular(t *testing.T, ctx context.Context, st *sqlite.Store, made Made, now time.Time) {
	t.Helper()
	if made.Popular == "" || made.Apps != small.PopularApps {
		t.Fatalf("made %+v: no popular plugin with %d mini programs", made, small.PopularApps)
	}
	svc := workflow.NewService(st, func() time.Time { return now })
	p, err := svc.MarketPage(ctx, made.Popular)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := svc.OrderCounts(ctx, p.Plugin.Owner, made.Popular)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, st := range workflow.OrderStates {
		if counts[st] == 0 {
			t.Errorf("no %s order of the popular plugin: %v", st, counts)
		}
		total += counts[st]
	}
	if total < small.PopularOrders { // and those before mini programs
		t.Errorf("%d orders of the popular plugin, want %d", total, small.PopularOrders)
	}
	live := map[string]int{}
	var pending workflow.OrderRow
	for off := 0; off < total; off += workflow.MaxPageSize {
		rs, err := svc.PluginOrders(ctx, p.Plugin.Owner, made.Popular, "", workflow.Page{Offset: off, Limit: workflow.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Live(now) {
				live[r.AppID]++
				if live[r.AppID] > 1 {
					t.Errorf("mini program %s has %d live orders", r.AppID, live[r.AppID])
				}
			}
			if r.State == workflow.OrderPending {
				pending = r
			}
		}
	}
	if pending.ID == 0 {
		t.Fatal("no pending order to approve")
	}
	if _, err := svc.ApproveOrder(ctx, p.Plugin.Owner, pending.ID, pending.Rev); err != nil {
		t.Errorf("approving order %d of the popular plugin: %v", pending.ID, err)
	}
	checkReplays(t, ctx, st)
}
