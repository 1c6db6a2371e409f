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
	return s.store.CountPlugins(ctx, owner, Page{Filter: filter}.Clamp().Filter)
}

// CountVersions counts a plugin's versions that match filter (as Page.Filter).
func (s *Service) CountVersions(ctx context.Context, as, pluginID, filter string) (int, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return 0, err
	}
	return s.store.CountVersions(ctx, pluginID, Page{Filter: filter}.Clamp().Filter)
}

// CountSubmissions counts 发布管理's rows that match filter.
func (s *Service) CountSubmissions(ctx context.Context, as, pluginID, filter string) (int, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return 0, err
	}
	return s.store.CountSubmissions(ctx, pluginID, Page{Filter: filter}.Clamp().Filter)
}

// CountReviewQueue counts the review queue's rows that match filter.
func (s *Service) CountReviewQueue(ctx context.Context, as, filter string) (int, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return 0, err
	}
	if !u.Has(RoleReviewer) {
		return 0, forbiddenf("the review queue needs the reviewer role; %s is %s", u.Name, u.roles())
	}
	return s.store.CountReviewQueue(ctx, Page{Filter: filter}.Clamp().Filter)
}

// CountLog counts a plugin's events.
func (s *Service) CountLog(ctx context.Context, as, pluginID string) (int, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return 0, err
	}
	return s.store.CountEvents(ctx, pluginID)
}
