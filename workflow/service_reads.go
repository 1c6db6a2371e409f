package workflow

import (
	"context"
)

// Plugins lists what the user works on: all plugins for a reviewer, their
// own for a developer.
func (s *Service) Plugins(ctx context.Context, as, filter string, p Page) ([]PluginSummary, error) {
	owner, err := s.pluginScope(ctx, as)
	if err != nil {
		return nil, err
	}
	return s.store.Plugins(ctx, owner, filter, p.Clamp())
}

// pluginScope is whose plugins as sees: everyone's ("") for a reviewer,
// their own for a developer.
func (s *Service) pluginScope(ctx context.Context, as string) (string, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return "", err
	}
	switch {
	case u.Has(RoleReviewer):
		return "", nil
	case u.Has(RoleDeveloper):
		return u.Name, nil
	}
	return "", forbiddenf("listing plugins needs the developer or reviewer role; %s is %s (buyers use the market)", u.Name, u.roles())
}

// Plugin returns one plugin the user may see.
func (s *Service) Plugin(ctx context.Context, as, id string) (Plugin, error) {
	_, p, err := s.readable(ctx, as, id)
	return p, err
}

// readable checks that as may read plugin id's back office: its owner, or a reviewer.
func (s *Service) readable(ctx context.Context, as, id string) (User, Plugin, error) {
	u, p, err := s.userAndPlugin(ctx, as, id)
	if err != nil {
		return User{}, Plugin{}, err
	}
	if !backOffice(u, p) {
		return User{}, Plugin{}, forbiddenf("plugin %s belongs to %s; only its owner or a reviewer may see it", id, p.Owner)
	}
	return u, p, nil
}

// userAndPlugin reads user as and plugin id.
func (s *Service) userAndPlugin(ctx context.Context, as, id string) (User, Plugin, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return User{}, Plugin{}, err
	}
	p, err := s.store.Plugin(ctx, id)
	if err != nil {
		return User{}, Plugin{}, err
	}
	return u, p, nil
}

// backOffice is whether u may see p's back office (versions, drafts,
// submissions): its owner and every reviewer may.
func backOffice(u User, p Plugin) bool { return p.Owner == u.Name || u.Has(RoleReviewer) }

// Versions lists a plugin's versions, newest first.
func (s *Service) Versions(ctx context.Context, as, pluginID string, p Page) ([]Version, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	return s.store.Versions(ctx, pluginID, p.Clamp())
}

// Draft returns the plugin's draft (an empty one with Rev 0 before the first save).
func (s *Service) Draft(ctx context.Context, as, pluginID string) (StoredDraft, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return StoredDraft{}, err
	}
	return s.store.Draft(ctx, pluginID)
}

// Submissions lists 发布管理's rows, newest first.
func (s *Service) Submissions(ctx context.Context, as, pluginID string, p Page) ([]Submission, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	subs, err := s.store.Submissions(ctx, pluginID, p.Clamp())
	return asOf(subs, s.clock()), err
}

// Submission returns one submission with its snapshot.
func (s *Service) Submission(ctx context.Context, as string, id int64) (Submission, error) {
	sub, err := s.store.Submission(ctx, id)
	if err != nil {
		return Submission{}, err
	}
	if _, _, err := s.readable(ctx, as, sub.PluginID); err != nil {
		return Submission{}, err
	}
	return sub.AsOf(s.clock()), nil
}

// ReviewQueue lists in-review submissions, earliest due first (so overdue first).
func (s *Service) ReviewQueue(ctx context.Context, as string, p Page) ([]Submission, error) {
	if _, err := s.reviewer(ctx, as); err != nil {
		return nil, err
	}
	subs, err := s.store.ReviewQueue(ctx, p.Clamp())
	return asOf(subs, s.clock()), err
}

// Log lists a plugin's events, oldest first.
func (s *Service) Log(ctx context.Context, as, pluginID string, p Page) ([]Event, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return nil, err
	}
	return s.store.Events(ctx, pluginID, p.Clamp())
}
