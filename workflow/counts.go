package workflow

import "context"

// The counts below go with the list methods of the same name and check the
// same permissions, so a screen can show "row 4,812 of 100,000" and jump to
// the end without loading the list.

// CountPlugins counts what Plugins lists for as.
func (s *Service) CountPlugins(ctx context.Context, as, filter string) (int, error) {
	owner, err := s.pluginScope(ctx, as)
	if err != nil {
		return 0, err
	}
	return s.store.CountPlugins(ctx, owner, filter)
}

// CountVersions counts a plugin's versions.
func (s *Service) CountVersions(ctx context.Context, as, pluginID string) (int, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return 0, err
	}
	return s.store.CountVersions(ctx, pluginID)
}

// CountSubmissions counts 发布管理's rows.
func (s *Service) CountSubmissions(ctx context.Context, as, pluginID string) (int, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return 0, err
	}
	return s.store.CountSubmissions(ctx, pluginID)
}

// CountReviewQueue counts the review queue.
func (s *Service) CountReviewQueue(ctx context.Context, as string) (int, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return 0, err
	}
	if !u.Has(RoleReviewer) {
		return 0, forbiddenf("the review queue needs the reviewer role; %s is %s", u.Name, u.RoleList())
	}
	return s.store.CountReviewQueue(ctx)
}

// CountLog counts a plugin's events.
func (s *Service) CountLog(ctx context.Context, as, pluginID string) (int, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return 0, err
	}
	return s.store.CountEvents(ctx, pluginID)
}
