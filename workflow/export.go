package workflow

import "context"

// SubmissionSnapshot returns submission id of plugin pluginID with its
// snapshot, and the plugin, for exporting what was submitted. Its owner and reviewers may
// read any of the plugin's submissions; anyone may read the listed one,
// since the market shows it to everybody (hidden or not: 隐藏 only keeps
// it out of search). To anyone else every other id is forbidden, whether it
// exists or not, so ids cannot be probed.
func (s *Service) SubmissionSnapshot(ctx context.Context, as, pluginID string, id int64) (Plugin, Submission, error) {
	u, p, err := s.userAndPlugin(ctx, as, pluginID)
	if err != nil {
		return Plugin{}, Submission{}, err
	}
	if !backOffice(u, p) {
		l, err := s.store.Listing(ctx, pluginID)
		if err != nil && KindOf(err) != KindNotFound {
			return Plugin{}, Submission{}, err
		}
		if err != nil {
			return Plugin{}, Submission{}, forbiddenf("plugin %s belongs to %s; only its owner or a reviewer may read its submissions", pluginID, p.Owner)
		}
		if l.SubmissionID != id {
			return Plugin{}, Submission{}, forbiddenf("plugin %s belongs to %s; only its owner or a reviewer may read its submissions, anyone the listed one, submission %d", pluginID, p.Owner, l.SubmissionID)
		}
	}
	sub, err := s.store.Submission(ctx, id)
	if KindOf(err) == KindNotFound || err == nil && sub.PluginID != pluginID {
		return Plugin{}, Submission{}, notFoundf("plugin %s has no submission %d; list them with: plugpub submissions %s", pluginID, id, pluginID)
	} else if err != nil {
		return Plugin{}, Submission{}, err
	}
	if sub.Snapshot == nil {
		// The store keeps every snapshot today; say so plainly if one is lost.
		return Plugin{}, Submission{}, notFoundf("submission %d of plugin %s has no snapshot", id, pluginID)
	}
	return p, sub, nil
}
