package storetest

import (
	"testing"
	"time"

	"plugpub/workflow"
)

// signUp: SignUp adds the user and binds the key in one transaction, and
// writes nothing when the key is bound already or the name is taken in
// any case.
func signUp(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	ctx := f.Ctx
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	key := func(i int, user string) workflow.Key {
		return workflow.Key{Fingerprint: fingerprint(i), User: user, Type: "ssh-ed25519",
			Public: "ssh-ed25519 AAAA", AddedBy: workflow.SignupAddedBy, AddedAt: at}
	}
	newbie := workflow.User{Name: "newbie", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerPersonal}
	if taken, owner, err := f.St.SignUp(ctx, newbie, key(1, "newbie")); err != nil || taken || owner != "" {
		t.Fatalf("SignUp = %v %q %v", taken, owner, err)
	}
	if u, ok, err := f.St.KeyUser(ctx, fingerprint(1)); err != nil || !ok || u != "newbie" {
		t.Errorf("the signed-up key names %q %v %v, want newbie", u, ok, err)
	}
	if u, err := f.St.User(ctx, "newbie"); err != nil || u.Buyer != workflow.BuyerPersonal {
		t.Errorf("the signed-up user: %+v %v", u, err)
	}
	other := workflow.User{Name: "other", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerPersonal}
	if taken, owner, err := f.St.SignUp(ctx, other, key(1, "other")); err != nil || taken || owner != "newbie" {
		t.Errorf("a bound key: %v %q %v, want its owner newbie", taken, owner, err)
	}
	shout := workflow.User{Name: "NEWBIE", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerPersonal}
	if taken, owner, err := f.St.SignUp(ctx, shout, key(2, "NEWBIE")); err != nil || !taken || owner != "" {
		t.Errorf("a taken name in another case: %v %q %v, want taken", taken, owner, err)
	}
	for _, name := range []string{"other", "NEWBIE"} {
		if _, err := f.St.User(ctx, name); workflow.KindOf(err) != workflow.KindNotFound {
			t.Errorf("a refused signup wrote user %s: %v", name, err)
		}
	}
	if _, ok, err := f.St.KeyUser(ctx, fingerprint(2)); err != nil || ok {
		t.Errorf("a refused signup bound its key: %v %v", ok, err)
	}
}
