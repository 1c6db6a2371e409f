package storetest

import (
	"fmt"
	"testing"
	"time"

	"plugpub/workflow"
)

func fingerprint(i int) string { return "SHA256:" + fmt.Sprintf("%043d", i) }

func keys(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	key := func(i int, user string) workflow.Key {
		return workflow.Key{Fingerprint: fingerprint(i), User: user, Type: "ssh-ed25519", Comment: fmt.Sprint("key ", i),
			Public: fmt.Sprint("ssh-ed25519 AAAA", i), AddedBy: "admin", AddedAt: at.Add(time.Duration(i) * time.Minute)}
	}
	for i := range 3 {
		owner, held, err := f.St.PutKey(ctx, key(i, "dev1"), 3)
		if err != nil || owner != "" {
			t.Fatalf("PutKey %d: %q %d %v", i, owner, held, err)
		}
	}
	if owner, held, err := f.St.PutKey(ctx, key(9, "dev1"), 3); err != nil || owner != "" || held != 3 {
		t.Errorf("a fourth key over the limit: owner %q held %d %v", owner, held, err)
	}
	if owner, _, err := f.St.PutKey(ctx, key(1, "rev1"), 3); err != nil || owner != "dev1" {
		t.Errorf("a key bound already: owner %q %v, want dev1", owner, err)
	}
	ks, err := f.St.Keys(ctx, "dev1")
	f.must(err)
	if len(ks) != 3 || ks[0] != key(0, "dev1") || ks[2].Fingerprint != fingerprint(2) {
		t.Errorf("keys %+v", ks)
	}
	if u, ok, err := f.St.KeyUser(ctx, fingerprint(2)); err != nil || !ok || u != "dev1" {
		t.Errorf("KeyUser = %q %v %v", u, ok, err)
	}
	if _, ok, err := f.St.KeyUser(ctx, fingerprint(9)); err != nil || ok {
		t.Errorf("KeyUser of an unbound key = %v %v", ok, err)
	}
	if ok, err := f.St.DeleteKey(ctx, "rev1", fingerprint(2)); err != nil || ok {
		t.Errorf("another user deleted dev1's key: %v %v", ok, err)
	}
	if ok, err := f.St.DeleteKey(ctx, "dev1", fingerprint(2)); err != nil || !ok {
		t.Errorf("DeleteKey = %v %v", ok, err)
	}
	if _, ok, _ := f.St.KeyUser(ctx, fingerprint(2)); ok {
		t.Error("a deleted key still names its user")
	}
	if _, _, err := f.St.PutKey(ctx, workflow.Key{Fingerprint: "MD5:xx", User: "dev1", Type: "x", Public: "x", AddedAt: at}, 3); err == nil {
		t.Error("stored a key whose fingerprint is not SHA256")
	}
	if _, _, err := f.St.PutKey(ctx, key(5, "ghost"), 3); err == nil {
		t.Error("bound a key to a user that does not exist")
	}
}
