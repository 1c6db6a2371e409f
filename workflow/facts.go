package workflow

import "context"

// Facts reads what the rules need to answer for a plugin's rows, for a user
// who may see its back office (its owner or a reviewer). Screens call it to
// build their Offers; the Service reads the same facts inside each action's
// transaction and enforces the same Offer.
func (s *Service) Facts(ctx context.Context, as, pluginID string) (PluginFacts, error) {
	if _, _, err := s.readable(ctx, as, pluginID); err != nil {
		return PluginFacts{}, err
	}
	var f PluginFacts
	err := s.store.View(ctx, pluginID, func(txn Txn) error {
		var err error
		f, err = factsIn(txn, pluginID)
		return err
	})
	f.Now = s.clock()
	return f, err
}

// factsIn reads a plugin's facts through a transaction.
func factsIn(txn Txn, pluginID string) (PluginFacts, error) {
	p, ok, err := txn.Plugin()
	if err != nil {
		return PluginFacts{}, err
	}
	if !ok {
		return PluginFacts{}, notFoundf("plugin %s does not exist", pluginID)
	}
	f := PluginFacts{Plugin: p}
	if f.Versions, err = txn.Versions(); err != nil {
		return PluginFacts{}, err
	}
	if f.Open, err = txn.Open(); err != nil {
		return PluginFacts{}, err
	}
	l, ok, err := txn.Listing()
	if err != nil {
		return PluginFacts{}, err
	}
	if ok {
		f.Listing = &l
		for _, o := range f.Open {
			if o.ID == l.SubmissionID {
				f.ListedVersion = o.Version
			}
		}
	}
	return f, nil
}

// versionOffline reports whether a listing of version ver has nothing
// online to deliver: neither ver nor a newer version is online. A newer
// version going online (which takes ver offline by itself) keeps the
// listing orderable; 下线 of the last such version does not.
func (f PluginFacts) versionOffline(ver string) bool {
	return f.versionOfflineWithout(ver, "")
}

// versionOfflineWithout is versionOffline as if version without were offline too.
func (f PluginFacts) versionOfflineWithout(ver, without string) bool {
	listed, err := ParseSemVer(ver)
	if err != nil {
		return false
	}
	for _, v := range f.Versions {
		if v.State == VersionOnline && v.SemVer.String() != without && v.SemVer.Compare(listed) >= 0 {
			return false
		}
	}
	return true
}
