package workflow_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"plugpub/workflow"
)

func newKey(t *testing.T) workflow.Key {
	t.Helper()
	k, err := workflow.ParseKey(ed25519Line(t, "newcomer@laptop"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestSignup: a key nobody registered becomes a consumer bound to it; the
// name is checked and unique (case too), the key signs up once and a
// refusal names no other user; the event is the key's row, added by
// (signup).
func TestSignup(t *testing.T) {
	f := newFixture(t)
	lim := workflow.NewSignupLimiter(nil, 100, 100)
	k := newKey(t)

	u, err := f.svc.Signup(f.ctx, lim, k, "newbie", "")
	if err != nil {
		t.Fatal(err)
	}
	if !u.Has(workflow.RoleConsumer) || len(u.Roles) != 1 || u.Buyer != workflow.BuyerPersonal {
		t.Fatalf("signed up as %+v, want a personal consumer only", u)
	}
	got, ok, err := f.svc.UserByKey(f.ctx, k.Fingerprint)
	if err != nil || !ok || got.Name != "newbie" {
		t.Fatalf("UserByKey after signup = %+v, %v, %v", got, ok, err)
	}
	keys, err := f.svc.Keys(f.ctx, workflow.Superuser, "newbie")
	if err != nil || len(keys) != 1 || keys[0].AddedBy != workflow.SignupAddedBy || keys[0].Public != k.Public {
		t.Fatalf("keys of newbie = %+v, %v", keys, err)
	}

	ent, err := f.svc.Signup(f.ctx, lim, newKey(t), "corp", workflow.BuyerEnterprise)
	if err != nil || ent.Buyer != workflow.BuyerEnterprise {
		t.Fatalf("enterprise signup = %+v, %v", ent, err)
	}

	for _, tc := range []struct {
		name, user string
		key        workflow.Key
		kind       workflow.Kind
		want       string
	}{
		{"key bound already", "other", k, workflow.KindIllegal, "the key " + k.Fingerprint + " is registered already"},
		{"key of an existing user", "other2", bound(t, f, "dev1"), workflow.KindIllegal, "is registered already"},
		{"name taken", "dev1", newKey(t), workflow.KindIllegal, "the user name dev1 is taken"},
		{"name taken in another case", "DEV1", newKey(t), workflow.KindIllegal, "the user name DEV1 is taken"},
		{"bad name", "-rf", newKey(t), workflow.KindInvalid, "user name"},
		{"escape in name", "a\x1b[2Jb", newKey(t), workflow.KindInvalid, "user name"},
		{"no key", "nokey", workflow.Key{}, workflow.KindInvalid, "fingerprint"},
	} {
		_, err := f.svc.Signup(f.ctx, lim, tc.key, tc.user, "")
		if workflow.KindOf(err) != tc.kind || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v (kind %v), want kind %v saying %q", tc.name, err, workflow.KindOf(err), tc.kind, tc.want)
		}
		if err != nil && strings.Contains(tc.name, "key") && strings.Contains(err.Error(), "dev1") {
			t.Errorf("%s: the refusal names the key's user: %v", tc.name, err)
		}
		if _, err := f.st.User(f.ctx, tc.user); err == nil && tc.user != "dev1" {
			t.Errorf("%s: user %s exists after the refusal", tc.name, tc.user)
		}
	}
	if _, err := f.svc.Signup(f.ctx, nil, newKey(t), "nolimiter", ""); err == nil {
		t.Error("a signup without a limiter was taken")
	}
}

// bound is a new key bound to user.
func bound(t *testing.T, f *fixture, user string) workflow.Key {
	t.Helper()
	line := ed25519Line(t, "x")
	k, err := f.svc.AddKey(f.ctx, workflow.Superuser, user, line)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestSignupRateLimit: at most SignupsPerMinute in any minute and
// SignupsPerHour in any hour, on the limiter's own clock; the refusal says
// when to try again, and a refused attempt writes nothing.
func TestSignupRateLimit(t *testing.T) {
	f := newFixture(t)
	var mu sync.Mutex
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	lim := workflow.NewSignupLimiter(clock, workflow.SignupsPerMinute, workflow.SignupsPerHour)
	n := 0
	signup := func() error {
		n++
		_, err := f.svc.Signup(f.ctx, lim, newKey(t), "user"+strings.Repeat("x", n%3)+time.Duration(n).String(), "")
		return err
	}
	for i := range workflow.SignupsPerMinute {
		if err := signup(); err != nil {
			t.Fatalf("signup %d of the minute: %v", i+1, err)
		}
	}
	err := signup()
	if workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), "too many signups on this server just now; try again in 1m0s") {
		t.Fatalf("signup %d in a minute: %v", workflow.SignupsPerMinute+1, err)
	}
	advance(59 * time.Second)
	if err := signup(); err == nil || !strings.Contains(err.Error(), "try again in 1s") {
		t.Fatalf("59 s later: %v", err)
	}
	advance(time.Second)
	// Past the minute: the hour's cap is next.
	taken := workflow.SignupsPerMinute
	for taken < workflow.SignupsPerHour {
		if err := signup(); err != nil {
			if !strings.Contains(err.Error(), "too many signups") {
				t.Fatal(err)
			}
			advance(time.Minute)
			continue
		}
		taken++
	}
	advance(time.Minute)
	if err := signup(); err == nil {
		t.Fatalf("signup %d within the hour was taken", workflow.SignupsPerHour+1)
	}
	users, err := f.svc.Users(f.ctx, workflow.Page{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	signedUp := 0
	for _, u := range users {
		if strings.HasPrefix(u.Name, "user") {
			signedUp++
		}
	}
	if signedUp != workflow.SignupsPerHour {
		t.Fatalf("%d users signed up, want the hour's %d", signedUp, workflow.SignupsPerHour)
	}
	advance(time.Hour)
	if err := signup(); err != nil {
		t.Fatalf("an hour later: %v", err)
	}
}

// TestSignupRace: two sessions signing up the same name, or with the same
// key, at once: exactly one wins, and the other gets the refusal.
func TestSignupRace(t *testing.T) {
	f := newFixture(t)
	lim := workflow.NewSignupLimiter(nil, 100, 100)
	k := newKey(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := k
			name := "racer"
			if i%2 == 1 {
				key = newKey(t)
			} else {
				name = "racer" + time.Duration(i).String()
			}
			_, errs[i] = f.svc.Signup(f.ctx, lim, key, name, "")
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if workflow.KindOf(err) != workflow.KindIllegal {
			t.Errorf("a losing signup: %v", err)
		}
	}
	// One of the four with key k, and one of the four named racer.
	if ok != 2 {
		t.Fatalf("%d signups won, want 2: %v", ok, errs)
	}
}
