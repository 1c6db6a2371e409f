package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"plugpub/workflow"
)

// countEvents is the length of st's whole event log.
func countEvents(t testing.TB, st Store) int {
	t.Helper()
	evs, err := st.AllEvents(context.Background(), 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return len(evs)
}

// eventsAreAppendOnly: the schema refuses to rewrite or delete the log,
// whatever writes the SQL, and leaves it as it was.
func eventsAreAppendOnly(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.Online(PID)
	for _, q := range []string{
		"UPDATE events SET reason = 'rewritten'",
		"DELETE FROM events",
		"DELETE FROM events WHERE id = 1",
	} {
		err := f.exec(q)
		if err == nil || !strings.Contains(err.Error(), "events are append-only") {
			t.Errorf("%s: got %v, want the trigger's refusal", q, err)
		}
	}
	evs, err := f.St.Events(f.Ctx, PID, workflow.Page{})
	f.must(err)
	if len(evs) != 5 {
		t.Fatalf("%d events, want 5 (create, add, submit, approve, online)", len(evs))
	}
}

func snapshotIsImmutable(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	sub := f.OnlineRelease(PID, "车牌识别插件")
	err := f.exec(fmt.Sprintf("UPDATE submissions SET snapshot = '{}' WHERE id = %d", sub.ID))
	if err == nil || !strings.Contains(err.Error(), "immutable") {
		t.Errorf("rewriting a snapshot: %v", err)
	}
}

// checkConstraints: a state the workflow does not know cannot be stored,
// whoever writes it.
func checkConstraints(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.OnlineRelease(PID, "车牌识别插件")
	refused := []string{
		"UPDATE versions SET state = 'published'",
		"UPDATE submissions SET state = 'done'",
		"UPDATE listings SET visibility = 'visible'",
		"UPDATE users SET buyer = 'company'",
		"UPDATE users SET roles = 'root'",
		"UPDATE users SET roles = 'admin,root'",
		"UPDATE users SET roles = ''",
		"UPDATE plugins SET rev = 0",
		"INSERT INTO logos (ref, mime, data) VALUES ('sha256:" + strings.Repeat("0", 64) + "', 'image/gif', 'x')",
		"INSERT INTO logos (ref, mime, data) VALUES ('md5:" + strings.Repeat("0", 67) + "', 'image/png', 'x')",
		"INSERT INTO versions (plugin_id, major, minor, patch, state, created_at, rev, updated_by, updated_at) VALUES ('" + PID + "', 1000, 0, 0, 'dev', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('2021004100000009', 'x', 'nobody', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('0021004100000009', 'x', 'dev1', 0, 1, 'x', 0)",
		"INSERT INTO plugins (id, name, owner, created_at, rev, updated_by, updated_at) VALUES ('202100410000000x', 'x', 'dev1', 0, 1, 'x', 0)",
		"UPDATE plugins SET created_at = 'yesterday'",
		"UPDATE events SET action = 'publish'",
	}
	// And what is legal is accepted, so the refusals above are the checks'.
	accepted := []string{
		"UPDATE users SET roles = 'admin,developer' WHERE name = 'dev1'",
		"UPDATE users SET buyer = 'enterprise' WHERE name = 'buyer1'",
	}
	f.checkSchema(refused, accepted)
}

func factsEqualReplayedLog(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	first := f.OnlineRelease(PID, "车牌识别插件")
	_, err := f.Svc.Order(f.Ctx, "buyer1", PID)
	f.must(err)
	_, err = f.Svc.Hide(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	second := f.Release(PID, "车牌识别插件二")
	if got, _ := f.St.Submission(f.Ctx, first.ID); got.State != workflow.SubmissionSuperseded {
		t.Errorf("the first listing is %s, want superseded", got.State)
	}
	sub, err := f.Svc.Submit(f.Ctx, "dev1", PID, "")
	f.must(err)
	_, err = f.Svc.Reject(f.Ctx, "rev1", sub.ID, "描述不清", workflow.AnyRev)
	f.must(err)
	sub, err = f.Svc.Submit(f.Ctx, "dev1", PID, "")
	f.must(err)
	_, err = f.Svc.Withdraw(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	_, err = f.Svc.AddVersion(f.Ctx, "dev1", PID, "1.1.0")
	f.must(err)
	f.must(TakeOnline(f.Ctx, f.Svc, "dev1", PID, "1.1.0"))
	f.CheckLog()

	facts, err := f.St.Facts(f.Ctx)
	f.must(err)
	if facts.Listings[PID] != (workflow.ListingFact{SubmissionID: second.ID, Visibility: workflow.VisibilityHidden}) {
		t.Errorf("listing fact %+v", facts.Listings[PID])
	}
	if facts.Versions[workflow.VersionKey(PID, "1.0.0")] != workflow.VersionOffline ||
		facts.Versions[workflow.VersionKey(PID, "1.1.0")] != workflow.VersionOnline {
		t.Errorf("version facts %v", facts.Versions)
	}
	if facts.Orders[workflow.OrderKey(PID, "buyer1")] != first.ID {
		t.Errorf("order facts %v", facts.Orders)
	}
	if facts.Submissions[sub.ID] != workflow.SubmissionWithdrawn {
		t.Errorf("submission facts %v", facts.Submissions)
	}
	all, err := f.St.AllEvents(f.Ctx, 0, 1000)
	f.must(err)
	tail, err := f.St.AllEvents(f.Ctx, all[9].ID, 3)
	f.must(err)
	if len(tail) != 3 || tail[0].ID != all[10].ID {
		t.Errorf("AllEvents after %d: %+v", all[9].ID, tail)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID || all[i].At.Before(all[i-1].At) {
			t.Fatalf("events %d and %d are out of order", all[i-1].ID, all[i].ID)
		}
	}
}
