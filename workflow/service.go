package workflow

import (
	"context"
	"strconv"
	"time"
)

// AnyRev asks an action to apply to whatever is current (the CLI). A screen
// passes the Rev it showed instead, so acting on stale data is a conflict.
const AnyRev int64 = -1

// Service is every user action of the publish flow. Each method takes the
// acting user's name, checks every rule, and writes through Store in one
// transaction.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService builds a service; now is the clock (time.Now when nil).
func NewService(st Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, now: now}
}

// Now is the service's clock, for screens that mark overdue reviews.
func (s *Service) Now() time.Time { return s.now() }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// ---- users ----

// AddUser adds a local identity.
func (s *Service) AddUser(ctx context.Context, name string, roles []Role, buyer Buyer) (User, error) {
	u, err := NewUser(name, roles, buyer)
	if err != nil {
		return User{}, err
	}
	if _, err := s.store.User(ctx, name); err == nil {
		return User{}, illegalf("user %s already exists", name)
	} else if KindOf(err) != KindNotFound {
		return User{}, err
	}
	return u, s.store.PutUser(ctx, u)
}

// User looks a user up; an unknown name says how to add it.
func (s *Service) User(ctx context.Context, name string) (User, error) {
	u, err := s.store.User(ctx, name)
	if KindOf(err) == KindNotFound {
		return User{}, notFoundf("user %q does not exist; add it with: plugpub user add %s --role developer|reviewer|consumer", name, name)
	}
	return u, err
}

// Users lists users by name.
func (s *Service) Users(ctx context.Context, p Page) ([]User, error) {
	return s.store.Users(ctx, p.Clamp())
}

// ---- helpers shared by the actions ----

func (s *Service) actor(txn Txn, as string) (User, error) {
	u, ok, err := txn.User(as)
	if err != nil {
		return User{}, err
	}
	if !ok {
		return User{}, notFoundf("user %q does not exist; add it with: plugpub user add %s --role developer|reviewer|consumer", as, as)
	}
	return u, nil
}

// updateAsMember runs decide in one Update of plugin pluginID, as the user
// as, who must be a member of it (see member); decide gets the user and
// the plugin.
func (s *Service) updateAsMember(ctx context.Context, as, pluginID string, decide func(txn Txn, u User, p Plugin) (Change, error)) error {
	return s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, p, err := s.member(txn, as, pluginID)
		if err != nil {
			return Change{}, err
		}
		return decide(txn, u, p)
	})
}

// member loads the acting user and the plugin; what they may do is
// decided per action by authorize.
func (s *Service) member(txn Txn, as, pluginID string) (User, Plugin, error) {
	u, err := s.actor(txn, as)
	if err != nil {
		return User{}, Plugin{}, err
	}
	p, ok, err := txn.Plugin()
	if err != nil {
		return User{}, Plugin{}, err
	}
	if !ok {
		return User{}, Plugin{}, notFoundf("plugin %s does not exist", pluginID)
	}
	return u, p, nil
}

// owned is member plus: as is the plugin's owning developer.
func (s *Service) owned(txn Txn, as, pluginID, what string) (User, Plugin, error) {
	u, p, err := s.member(txn, as, pluginID)
	if err != nil {
		return User{}, Plugin{}, err
	}
	if err := ownerOnly(u, p, what); err != nil {
		return User{}, Plugin{}, err
	}
	return u, p, nil
}

func ownerOnly(u User, p Plugin, what any) error {
	if !u.Has(RoleDeveloper) {
		return forbiddenf("to %s needs the developer role; %s is %s", word(what), u.Name, u.roles())
	}
	if p.Owner != u.Name {
		return forbiddenf("only the owner of plugin %s (%s) may %s", p.ID, p.Owner, word(what))
	}
	return nil
}

func anyRole[S ~string](m []Transition[S], act Action) Role {
	for _, t := range m {
		if t.Action == act && t.Role != RoleSystem {
			return t.Role
		}
	}
	return ""
}

// stale refuses to act on a row that moved since the user saw it.
func stale(what any, rev, expect int64, by string, at time.Time) error {
	if expect != AnyRev && expect != rev {
		return Conflict(what, by, at)
	}
	return nil
}

// change stamps actor, time and plugin onto a change and bumps the plugin
// row, which serialises every state change of one plugin.
func (s *Service) change(u User, now time.Time, p *Plugin, c Change) Change {
	c.Actor, c.At = u.Name, now
	p.UpdatedBy, p.UpdatedAt = u.Name, now
	c.Plugin = p
	for i := range c.Events {
		c.Events[i].Actor, c.Events[i].At, c.Events[i].PluginID = u.Name, now, p.ID
	}
	return c
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
