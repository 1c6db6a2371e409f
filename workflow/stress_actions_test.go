package workflow_test

import (
	"slices"

	"plugpub/workflow"
)

// stressActions is, for each role of the stress test, the actions a
// worker picks from at random: the legal ones of its part, and the ones
// its role may never take, which must be refused.
var stressActions = map[string][]stressAction{
	"developer": {
		{name: "edit the draft", do: func(w *stressWorker, p string) error { return w.edit(p) }},
		{name: "submit", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Submit(w.ctx, "dev1", p, "")
			if err == nil {
				w.ack("dev1", p, workflow.EntitySubmission, workflow.ActSubmit)
			}
			return err
		}},
		{name: "withdraw", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Withdraw(w.ctx, "dev1", p, workflow.AnyRev)
			if err == nil {
				w.ack("dev1", p, workflow.EntitySubmission, workflow.ActWithdraw)
			}
			return err
		}},
		{name: "版本管理: the next step of the newest version", do: func(w *stressWorker, p string) error {
			v, err := w.newestVersion(p)
			if err != nil {
				return err
			}
			var act workflow.Action
			switch v.State {
			case workflow.VersionDev:
				act = workflow.ActSubmit
			case workflow.VersionAuditing:
				act = workflow.ActWithdraw
				if w.rng.IntN(4) > 0 {
					act = workflow.ActSubmit // mostly the reviewer's turn: refused as illegal
				}
			case workflow.VersionRejected:
				act = workflow.ActReturn
			case workflow.VersionApproved:
				act = workflow.ActOnline
			case workflow.VersionOnline:
				if w.rng.IntN(8) == 0 {
					act = workflow.ActOffline // rarely: the plugin cannot be published until the next one is online
				}
			}
			if act == "" { // online or offline: start the next version
				next := v.SemVer
				if next.Patch++; next.Patch > workflow.MaxSemVerPart {
					next.Minor, next.Patch = next.Minor+1, 0
				}
				_, err = w.svc.AddVersion(w.ctx, "dev1", p, next.String())
				if err == nil {
					w.ack("dev1", p, workflow.EntityVersion, workflow.ActAddVer)
				}
				return err
			}
			_, err = w.svc.VersionAct(w.ctx, "dev1", p, v.SemVer.String(), act, "", v.Rev)
			if err == nil {
				w.ack("dev1", p, workflow.EntityVersion, act)
			}
			return err
		}},
		{name: "read the log", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Log(w.ctx, "dev1", p, workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "approve as a developer", never: true, do: approveAsDev1},
		{name: "order as a developer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.Order(w.ctx, "dev1", p)
			return err
		}},
		{name: "edit another developer's draft", never: true, do: func(w *stressWorker, _ string) error {
			_, _, err := w.svc.SaveDraft(w.ctx, "dev1", stressForeign, workflow.SampleDraft(), workflow.AnyRev)
			return err
		}},
	},
	"reviewer": {
		{name: "approve from the queue", do: func(w *stressWorker, _ string) error { return w.review(workflow.ActApprove) }},
		{name: "reject from the queue", do: func(w *stressWorker, _ string) error { return w.review(workflow.ActReject) }},
		{name: "review a version", do: func(w *stressWorker, p string) error {
			vs, err := w.svc.Versions(w.ctx, "rev1", p, workflow.Page{Limit: 3})
			if err != nil || len(vs) == 0 {
				return err
			}
			v := vs[w.rng.IntN(len(vs))]
			if i := slices.IndexFunc(vs, func(v workflow.Version) bool { return v.State == workflow.VersionAuditing }); i >= 0 {
				v = vs[i]
			}
			act, reason := workflow.ActApprove, ""
			if w.rng.IntN(3) == 0 {
				act, reason = workflow.ActReject, "崩溃"
			}
			_, err = w.svc.VersionAct(w.ctx, "rev1", p, v.SemVer.String(), act, reason, v.Rev)
			if err == nil {
				w.ack("rev1", p, workflow.EntityVersion, act)
			}
			return err
		}},
		{name: "read a plugin's orders", do: func(w *stressWorker, p string) error {
			_, err := w.svc.PluginOrders(w.ctx, "rev1", p, "", workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "read the queue", do: func(w *stressWorker, _ string) error {
			_, err := w.svc.ReviewQueue(w.ctx, "rev1", workflow.Page{Limit: 50})
			return w.read(err)
		}},
		{name: "edit a draft as a reviewer", never: true, do: func(w *stressWorker, p string) error {
			_, _, err := w.svc.SaveDraft(w.ctx, "rev1", p, workflow.SampleDraft(), workflow.AnyRev)
			return err
		}},
		{name: "release as a reviewer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.Release(w.ctx, "rev1", p, workflow.AnyRev)
			return err
		}},
		{name: "hide as a reviewer", never: true, do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Hide(w.ctx, "rev1", stressForeign, workflow.AnyRev)
			return err
		}},
	},
	"operator": {
		{name: "release", do: func(w *stressWorker, p string) error {
			sub, ok, err := w.newest(p, workflow.SubmissionApproved)
			if err != nil || !ok {
				return err
			}
			_, err = w.svc.ReleaseSubmission(w.ctx, "dev1", sub.ID, sub.Rev)
			if err == nil {
				w.ack("dev1", p, workflow.EntitySubmission, workflow.ActRelease)
			}
			return err
		}},
		{name: "hide or show", do: func(w *stressWorker, p string) error {
			mp, err := w.svc.MarketPage(w.ctx, p)
			if err != nil {
				return err
			}
			act := workflow.ActHide
			if w.rng.IntN(2) == 0 { // half the time the wrong one: refused as illegal
				act = workflow.ActShow
			}
			if act == workflow.ActHide {
				_, err = w.svc.Hide(w.ctx, "dev1", p, mp.Listing.Rev)
			} else {
				_, err = w.svc.Show(w.ctx, "dev1", p, mp.Listing.Rev)
			}
			if err == nil {
				w.ack("dev1", p, workflow.EntityListing, act)
			}
			return err
		}},
		{name: "edit the draft", do: func(w *stressWorker, p string) error { return w.edit(p) }},
		{name: "read the submissions", do: func(w *stressWorker, p string) error {
			_, err := w.svc.Submissions(w.ctx, "dev1", p, workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "使用者管理: approve or refuse a pending order", do: func(w *stressWorker, p string) error {
			rs, err := w.svc.PluginOrders(w.ctx, "dev1", p, workflow.OrderPending, workflow.Page{Limit: 5})
			if err != nil || len(rs) == 0 {
				return err
			}
			r := rs[w.rng.IntN(len(rs))]
			act := workflow.ActApprove
			if w.rng.IntN(3) == 0 {
				act = workflow.ActRefuse
				_, err = w.svc.RefuseOrder(w.ctx, "dev1", r.ID, r.Rev, "暂不开放")
			} else {
				_, err = w.svc.ApproveOrder(w.ctx, "dev1", r.ID, r.Rev)
			}
			if err == nil {
				w.ack("dev1", p, workflow.EntityOrder, act)
			}
			return err
		}},
		{name: "hide another developer's listing", never: true, do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Hide(w.ctx, "dev1", stressForeign, workflow.AnyRev)
			return err
		}},
		{name: "approve as an operator", never: true, do: approveAsDev1},
	},
	"buyer": {
		{name: "search", do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Search(w.ctx, "车牌", workflow.Page{Limit: 20})
			return w.read(err)
		}},
		{name: "open the order page", do: func(w *stressWorker, p string) error {
			_, err := w.svc.MarketPage(w.ctx, p)
			if workflow.KindOf(err) == workflow.KindNotFound {
				return nil // not listed yet: an empty page, not a failure
			}
			return w.read(err)
		}},
		{name: "order", do: func(w *stressWorker, p string) error {
			if w.ordered[p] {
				w.newBuyer()
			}
			_, err := w.svc.Order(w.ctx, w.buyer, p)
			if err == nil {
				w.ordered[p] = true
				w.ack(w.buyer, p, workflow.EntityOrder, workflow.ActOrder)
			}
			return err
		}},
		{name: "cancel (取消 / 退订) my newest live order", do: func(w *stressWorker, p string) error {
			rs, err := w.svc.MyOrders(w.ctx, w.buyer, p, workflow.Page{Limit: 5})
			if err != nil {
				return err
			}
			i := slices.IndexFunc(rs, func(r workflow.OrderRow) bool { return r.Live(w.svc.Now()) })
			if i < 0 {
				return nil
			}
			_, err = w.svc.CancelOrder(w.ctx, w.buyer, rs[i].ID, rs[i].Rev)
			if err == nil {
				w.ordered[p] = false // the mini program may order again
				w.ack(w.buyer, p, workflow.EntityOrder, workflow.ActCancel)
			}
			return err
		}},
		{name: "read a plugin's orders as a buyer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.PluginOrders(w.ctx, w.buyer, p, "", workflow.Page{Limit: 5})
			return err
		}},
		{name: "hide as a buyer", never: true, do: func(w *stressWorker, _ string) error {
			_, err := w.svc.Hide(w.ctx, w.buyer, stressForeign, workflow.AnyRev)
			return err
		}},
		{name: "submit as a buyer", never: true, do: func(w *stressWorker, p string) error {
			_, err := w.svc.Submit(w.ctx, w.buyer, p, "")
			return err
		}},
		{name: "edit a draft as a buyer", never: true, do: func(w *stressWorker, p string) error {
			_, _, err := w.svc.SaveDraft(w.ctx, w.buyer, p, workflow.SampleDraft(), workflow.AnyRev)
			return err
		}},
	},
}

// approveAsDev1 tries to approve a submission of p as dev1, who may never
// review: the developer, and the operator who is dev1 too.
func approveAsDev1(w *stressWorker, p string) error {
	sub, err := w.someSubmission(p)
	if err != nil {
		return err
	}
	_, err = w.svc.Approve(w.ctx, "dev1", sub.ID, workflow.AnyRev)
	return err
}
