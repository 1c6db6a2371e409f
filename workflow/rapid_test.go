package workflow_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// model is what the test believes about one plugin, kept by hand from the
// rules, to compare with what the service and the store say.
type model struct {
	title    string // unique search token of the current draft
	listed   int64  // listed submission, 0 when not listed
	listedAs string // its title
	hidden   bool
	inReview int64
	approved int64
	ordered  bool // by buyer1
}

// TestServiceStateMachine runs random sequences of legal and illegal actions
// against the real service on a real SQLite file, checking after every step
// that the invariants hold and that the log explains the tables exactly.
func TestServiceStateMachine(t *testing.T) {
	checkService(t, func(rt *rapid.T, ctx context.Context, st testStore, svc *workflow.Service) {
		for _, u := range []struct {
			n string
			r workflow.Role
			b workflow.Buyer
		}{{"dev1", workflow.RoleDeveloper, ""}, {"rev1", workflow.RoleReviewer, ""}, {"buyer1", workflow.RoleConsumer, workflow.BuyerPersonal}} {
			if _, err := svc.AddUser(ctx, u.n, []workflow.Role{u.r}, u.b); err != nil {
				rt.Fatal(err)
			}
		}
		plugins := []string{"2021004100000001", "2021004100000002"}
		models := map[string]*model{}
		for i, id := range plugins {
			mustDo(rt, func() error { _, err := svc.CreatePlugin(ctx, "dev1", id, "插件"); return err })
			mustDo(rt, func() error { _, err := svc.AddVersion(ctx, "dev1", id, "1.0.0"); return err })
			mustDo(rt, func() error { return workflowtest.TakeOnline(ctx, svc, "dev1", id, "1.0.0") })
			models[id] = &model{}
			saveTitle(rt, ctx, svc, id, models[id], fmt.Sprintf("插件%c%d", 'A'+i, 0))
		}
		edits := 0
		actors := []string{"dev1", "rev1", "buyer1"}

		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		for range steps {
			id := rapid.SampledFrom(plugins).Draw(rt, "plugin")
			m := models[id]
			as := rapid.SampledFrom(actors).Draw(rt, "as")
			action := rapid.SampledFrom([]string{"edit", "submit", "withdraw", "approve", "reject", "release", "hide", "show", "order"}).Draw(rt, "action")
			before, err := st.Facts(ctx)
			if err != nil {
				rt.Fatal(err)
			}
			evBefore := countEvents(rt, st)

			want := expectOK(action, as, m) // before the model moves
			var actErr error
			switch action {
			case "edit":
				edits++
				title := fmt.Sprintf("插件%s%d", id[len(id)-1:], edits)
				d := workflow.SampleDraft()
				d.Info.Title = title
				_, _, actErr = svc.SaveDraft(ctx, as, id, d, workflow.AnyRev)
				if actErr == nil {
					m.title = title
				}
			case "submit":
				var sub workflow.Submission
				sub, actErr = svc.Submit(ctx, as, id, "")
				if actErr == nil {
					m.inReview, m.approved = sub.ID, 0
				}
			case "withdraw":
				_, actErr = svc.Withdraw(ctx, as, id, workflow.AnyRev)
				if actErr == nil {
					m.inReview = 0
				}
			case "approve", "reject":
				target := m.inReview
				if target == 0 {
					// Not in review: aim at one of this plugin's reviewed
					// submissions, or at none, so the refusal is certain.
					target = max(m.approved, m.listed, 1<<40)
					if m.approved != 0 || m.listed != 0 {
						target = max(m.approved, m.listed)
					}
				}
				if action == "approve" {
					_, actErr = svc.Approve(ctx, as, target, workflow.AnyRev)
				} else {
					_, actErr = svc.Reject(ctx, as, target, "不行", workflow.AnyRev)
				}
				if actErr == nil {
					if action == "approve" {
						m.approved = m.inReview
					}
					m.inReview = 0
				}
			case "release":
				_, actErr = svc.Release(ctx, as, id, workflow.AnyRev)
				if actErr == nil {
					sub, err := svc.Submission(ctx, "rev1", m.approved)
					if err != nil {
						rt.Fatal(err)
					}
					first := m.listed == 0
					m.listed, m.listedAs, m.approved = sub.ID, sub.Snapshot.Info.Title, 0
					if first {
						m.hidden = !sub.Snapshot.Info.ShowAfterRelease
					}
				}
			case "hide", "show":
				if action == "hide" {
					_, actErr = svc.Hide(ctx, as, id, workflow.AnyRev)
				} else {
					_, actErr = svc.Show(ctx, as, id, workflow.AnyRev)
				}
				if actErr == nil {
					m.hidden = action == "hide"
				}
			case "order":
				_, actErr = svc.Order(ctx, as, id)
				if actErr == nil {
					m.ordered = true
				}
			}
			if actErr != nil && workflow.KindOf(actErr) == 0 {
				rt.Fatalf("%s %s as %s: not a workflow error: %v", action, id, as, actErr)
			}
			if want != (actErr == nil) {
				rt.Fatalf("%s %s as %s: got %v, model expected success=%v (%+v)", action, id, as, actErr, want, *m)
			}

			after, err := st.Facts(ctx)
			if err != nil {
				rt.Fatal(err)
			}
			newEvents := countEvents(rt, st) - evBefore
			if changed := len(before.Diff(after)) - newOrders(before, after); changed != newEvents {
				rt.Fatalf("%s %s: %d facts changed but %d events were written", action, id, changed, newEvents)
			}
			if actErr != nil && newEvents != 0 {
				rt.Fatalf("%s %s failed (%v) yet wrote %d events", action, id, actErr, newEvents)
			}
			checkInvariants(rt, ctx, st, svc, plugins, models)
		}
		if _, err := workflowtest.CheckLog(ctx, st); err != nil {
			rt.Fatal(err)
		}
	})
}

// expectOK is the model's verdict on whether an action may succeed.
func expectOK(action, as string, m *model) bool {
	dev, rev, buyer := as == "dev1", as == "rev1", as == "buyer1"
	switch action {
	case "edit":
		return dev && m.inReview == 0
	case "submit":
		return dev && m.inReview == 0
	case "withdraw":
		return dev && m.inReview != 0
	case "approve", "reject":
		return rev && m.inReview != 0
	case "release":
		return dev && m.approved != 0
	case "hide":
		return dev && m.listed != 0 && !m.hidden
	case "show":
		return dev && m.listed != 0 && m.hidden
	case "order":
		return buyer && m.listed != 0 && !m.ordered
	}
	return false
}

func checkInvariants(rt *rapid.T, ctx context.Context, st testStore, svc *workflow.Service, plugins []string, models map[string]*model) {
	for _, id := range plugins {
		m := models[id]
		subs, err := svc.Submissions(ctx, "rev1", id, workflow.Page{Limit: 1000})
		if err != nil {
			rt.Fatal(err)
		}
		inReview := slices.DeleteFunc(slices.Clone(subs), func(s workflow.Submission) bool { return s.State != workflow.SubmissionInReview })
		if len(inReview) > 1 {
			rt.Fatalf("plugin %s has %d submissions in review", id, len(inReview))
		}
		page, err := svc.MarketPage(ctx, id)
		if m.listed == 0 {
			if workflow.KindOf(err) != workflow.KindNotFound {
				rt.Fatalf("plugin %s is not listed, yet its market page says %v", id, err)
			}
			continue
		}
		if err != nil {
			rt.Fatal(err)
		}
		if page.Submission.ID != m.listed || page.Submission.Snapshot.Info.Title != m.listedAs {
			rt.Fatalf("plugin %s lists submission %d %q, want %d %q", id, page.Submission.ID, page.Submission.Snapshot.Info.Title, m.listed, m.listedAs)
		}
		hits, err := svc.Search(ctx, m.listedAs, workflow.Page{Limit: 50})
		if err != nil {
			rt.Fatal(err)
		}
		found := slices.ContainsFunc(hits, func(e workflow.MarketEntry) bool { return e.PluginID == id })
		if found == m.hidden {
			rt.Fatalf("plugin %s hidden=%v but search found=%v", id, m.hidden, found)
		}
	}
}

func saveTitle(rt *rapid.T, ctx context.Context, svc *workflow.Service, id string, m *model, title string) {
	d := workflow.SampleDraft()
	d.Info.Title = title
	if _, _, err := svc.SaveDraft(ctx, "dev1", id, d, workflow.AnyRev); err != nil {
		rt.Fatal(err)
	}
	m.title = title
}

func mustDo(rt *rapid.T, f func() error) {
	if err := f(); err != nil {
		rt.Fatal(err)
	}
}

func countEvents(rt *rapid.T, st testStore) int {
	evs, err := st.AllEvents(context.Background(), 0, 1_000_000)
	if err != nil {
		rt.Fatal(err)
	}
	return len(evs)
}

// newOrders counts the orders the step placed: one event sets both facts of
// an order, the submission ordered and its state, so the pair is one
// change. (A later move of the same order changes its state alone.)
func newOrders(before, after workflow.Facts) int {
	n := 0
	for k, sub := range after.Orders {
		if before.Orders[k] != sub && before.OrderStates[k] != after.OrderStates[k] {
			n++
		}
	}
	return n
}
