package workflow_test

import (
	"strings"
	"testing"

	"plugpub/workflow"
)

// legalLog is a short history as the Service writes it: a plugin, a version
// taken online, a submission approved and listed (shown), hidden, ordered.
func legalLog() []workflow.Event {
	const p = pid
	evs := []workflow.Event{
		{PluginID: p, Entity: workflow.EntityPlugin, Action: workflow.ActCreate, To: "created"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActAddVer, To: "dev"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActSubmit, From: "dev", To: "auditing"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActApprove, From: "auditing", To: "approved"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActOnline, From: "approved", To: "online"},
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "1", Action: workflow.ActSubmit, To: "in_review"},
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "1", Action: workflow.ActApprove, From: "in_review", To: "approved"},
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "1", Action: workflow.ActRelease, From: "approved", To: "listed"},
		{PluginID: p, Entity: workflow.EntityListing, Key: "1", Action: workflow.ActRelease, To: "shown"},
		{PluginID: p, Entity: workflow.EntityListing, Key: "1", Action: workflow.ActHide, From: "shown", To: "hidden"},
		{PluginID: p, Entity: workflow.EntityOrder, Key: "buyer1", Action: workflow.ActOrder, To: "ordered"},
		// A modification, listed again: the first one is superseded, the
		// listing keeps its visibility.
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "2", Action: workflow.ActSubmit, To: "in_review"},
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "2", Action: workflow.ActApprove, From: "in_review", To: "approved"},
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "2", Action: workflow.ActRelease, From: "approved", To: "listed"},
		{PluginID: p, Entity: workflow.EntitySubmission, Key: "1", Action: workflow.ActSupersede, From: "listed", To: "superseded"},
		{PluginID: p, Entity: workflow.EntityListing, Key: "2", Action: workflow.ActRelease, From: "hidden", To: "hidden"},
		// A newer version online takes the old one offline by itself.
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.1.0", Action: workflow.ActAddVer, To: "dev"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.1.0", Action: workflow.ActSubmit, From: "dev", To: "auditing"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.1.0", Action: workflow.ActApprove, From: "auditing", To: "approved"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActSupersede, From: "online", To: "offline"},
		{PluginID: p, Entity: workflow.EntityVersion, Key: "1.1.0", Action: workflow.ActOnline, From: "approved", To: "online"},
	}
	for i := range evs {
		evs[i].ID = int64(i + 1)
	}
	return evs
}

func TestReplayFoldsALegalLog(t *testing.T) {
	f, err := workflow.Replay(legalLog())
	if err != nil {
		t.Fatal(err)
	}
	want := workflow.NewFacts()
	want.Plugins[pid] = true
	want.Versions[workflow.VersionKey(pid, "1.0.0")] = workflow.VersionOffline
	want.Versions[workflow.VersionKey(pid, "1.1.0")] = workflow.VersionOnline
	want.Submissions[1] = workflow.SubmissionSuperseded
	want.Submissions[2] = workflow.SubmissionListed
	want.Listings[pid] = workflow.ListingFact{SubmissionID: 2, Visibility: workflow.VisibilityHidden}
	want.Orders[workflow.OrderKey(pid, "buyer1")] = 1
	want.OrderStates[workflow.OrderKey(pid, "buyer1")] = "approved" // "ordered" before mini programs
	if d := f.DiffText(want); d != "" {
		t.Fatal(d)
	}
}

// TestReplayRefusesAnIllegalMove: an event that starts from the state the log
// holds but whose move is in no table is refused, with its id and its move.
func TestReplayRefusesAnIllegalMove(t *testing.T) {
	at := func(id int64, e workflow.Event) func([]workflow.Event) []workflow.Event {
		return func(evs []workflow.Event) []workflow.Event {
			e.ID, e.PluginID = id, pid
			return append(evs[:id-1:id-1], append([]workflow.Event{e}, evs[id-1:]...)...)
		}
	}
	cases := []struct {
		name string
		edit func([]workflow.Event) []workflow.Event
		want []string
	}{
		{"a submission listed straight from review",
			at(7, workflow.Event{Entity: workflow.EntitySubmission, Key: "1", Action: workflow.ActRelease, From: "in_review", To: "listed"}),
			[]string{"event 7", `"in_review" → "listed"`, "release", "not a legal move"}},
		{"a version put online from dev",
			at(3, workflow.Event{Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActOnline, From: "dev", To: "online"}),
			[]string{"event 3", `"dev" → "online"`, "not a legal move"}},
		{"a known move under another action's name",
			at(10, workflow.Event{Entity: workflow.EntityListing, Key: "1", Action: workflow.ActShow, From: "shown", To: "hidden"}),
			[]string{"event 10", "show", "not a legal move"}},
		{"a version born anywhere but dev",
			at(2, workflow.Event{Entity: workflow.EntityVersion, Key: "1.0.0", Action: workflow.ActAddVer, To: "online"}),
			[]string{"event 2", `"" → "online"`, "not a legal move"}},
		{"a relisting that changes the visibility",
			at(16, workflow.Event{Entity: workflow.EntityListing, Key: "2", Action: workflow.ActRelease, From: "hidden", To: "shown"}),
			[]string{"event 16", `"hidden" → "shown"`, "not a legal move"}},
		{"a listing of a submission that is not listed",
			at(8, workflow.Event{Entity: workflow.EntityListing, Key: "1", Action: workflow.ActRelease, To: "shown"}),
			[]string{"event 8", "submission 1 approved"}},
		{"hiding another submission than the listed one",
			at(10, workflow.Event{Entity: workflow.EntityListing, Key: "2", Action: workflow.ActHide, From: "shown", To: "hidden"}),
			[]string{"event 10", "the listing of submission 1"}},
		{"a version before its plugin",
			func(evs []workflow.Event) []workflow.Event { return evs[1:] },
			[]string{"event 2", "no such plugin"}},
		{"an order that is not ordered",
			at(11, workflow.Event{Entity: workflow.EntityOrder, Key: "buyer2", Action: workflow.ActOrder, To: "refused"}),
			[]string{"event 11", "not a legal move"}},
		{"an unknown entity",
			at(3, workflow.Event{Entity: "review", Key: "1", Action: workflow.ActApprove, From: "", To: "done"}),
			[]string{"event 3", "a known entity"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := workflow.Replay(c.edit(legalLog()))
			if err == nil {
				t.Fatal("replayed without an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestEveryMachineRowIsLegal: Legal is the machines' tables, system rows too.
func TestEveryMachineRowIsLegal(t *testing.T) {
	for _, r := range workflow.VersionMachine {
		if !workflow.Legal(workflow.EntityVersion, string(r.From), r.Action, string(r.To)) {
			t.Errorf("version %v is not legal", r)
		}
	}
	for _, r := range workflow.SubmissionMachine {
		if !workflow.Legal(workflow.EntitySubmission, string(r.From), r.Action, string(r.To)) {
			t.Errorf("submission %v is not legal", r)
		}
	}
	for _, r := range workflow.VisibilityMachine {
		if !workflow.Legal(workflow.EntityListing, string(r.From), r.Action, string(r.To)) {
			t.Errorf("listing %v is not legal", r)
		}
		if workflow.Legal(workflow.EntityVersion, string(r.From), r.Action, string(r.To)) {
			t.Errorf("a listing's move %v is legal for a version", r)
		}
	}
}
