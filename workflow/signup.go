package workflow

import (
	"context"
	"sync"
	"time"
)

// Signup bounds: a server takes at most this many signups a minute and an
// hour, whoever asks, so a script with many keys cannot fill the user
// table. A person signs up once.
const (
	SignupsPerMinute = 5
	SignupsPerHour   = 30
)

// SignupAddedBy is what a key bound by signup says it was added by.
const SignupAddedBy = "(signup)"

// SignupLimiter counts the signups of one server process in a sliding
// minute and a sliding hour. One is shared by every session of the server
// (plugpub serve makes it); its clock is injected, so tests need not wait.
type SignupLimiter struct {
	mu        sync.Mutex
	now       func() time.Time
	perMinute int
	perHour   int
	times     []time.Time // the signups of the last hour, oldest first
}

// NewSignupLimiter allows perMinute signups in any minute and perHour in
// any hour; now is the clock (time.Now when nil).
func NewSignupLimiter(now func() time.Time, perMinute, perHour int) *SignupLimiter {
	if now == nil {
		now = time.Now
	}
	return &SignupLimiter{now: now, perMinute: perMinute, perHour: perHour}
}

// take counts one signup now, or says how long until one is allowed.
func (l *SignupLimiter) take() (wait time.Duration, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	i := 0
	for i < len(l.times) && now.Sub(l.times[i]) >= time.Hour {
		i++
	}
	l.times = l.times[i:]
	inMinute := 0
	for _, t := range l.times {
		if now.Sub(t) < time.Minute {
			inMinute++
		}
	}
	switch {
	case len(l.times) >= l.perHour:
		return time.Hour - now.Sub(l.times[len(l.times)-l.perHour]), false
	case inMinute >= l.perMinute:
		return time.Minute - now.Sub(l.times[len(l.times)-l.perMinute]), false
	}
	l.times = append(l.times, now)
	return 0, true
}

// Signup registers a consumer named name bound to k, the key the caller
// authenticated with: over plugpub serve, how a key nobody registered gets
// an account. The name follows the user name rules and is unique (also
// against names that differ only in case); a key already bound to a user
// is refused without naming them; lim bounds how many signups the server
// takes (nil refuses: a server must share one limiter across sessions).
func (s *Service) Signup(ctx context.Context, lim *SignupLimiter, k Key, name string, buyer Buyer) (User, error) {
	if lim == nil {
		return User{}, illegalf("signup is not open on this server")
	}
	if err := ValidFingerprint(k.Fingerprint); err != nil {
		return User{}, err
	}
	if k.Public == "" || k.Type == "" {
		return User{}, invalidf("signup needs the public key the session authenticated with")
	}
	if buyer == BuyerNone {
		buyer = BuyerPersonal
	}
	u, err := NewUser(name, []Role{RoleConsumer}, buyer)
	if err != nil {
		return User{}, err
	}
	if _, bound, err := s.store.KeyUser(ctx, k.Fingerprint); err != nil {
		return User{}, err
	} else if bound {
		return User{}, keyTaken(k)
	}
	if wait, ok := lim.take(); !ok {
		return User{}, illegalf("too many signups on this server just now; try again in %s", wait.Round(time.Second))
	}
	k.User, k.AddedBy, k.AddedAt = u.Name, SignupAddedBy, s.clock()
	taken, owner, err := s.store.SignUp(ctx, u, k)
	switch {
	case err != nil:
		return User{}, err
	case owner != "":
		return User{}, keyTaken(k)
	case taken:
		return User{}, illegalf("the user name %s is taken; choose another", u.Name)
	}
	return u, nil
}

// keyTaken names the key, which is the caller's own, and not its user.
func keyTaken(k Key) error {
	return illegalf("the key %s is registered already: connect with it to use its account", k.Fingerprint)
}
