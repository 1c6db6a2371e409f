package workflow

import (
	"context"
)

// SaveDraft stores the draft if it differs from the stored one (so repeated
// autosaves write nothing) and returns it with its problems, which do not
// stop a save: an incomplete draft is still work worth keeping. base is the
// Rev the editor loaded, or AnyRev.
func (s *Service) SaveDraft(ctx context.Context, as, pluginID string, d Draft, base int64) (StoredDraft, []Problem, error) {
	d.Normalize()
	if err := checkLimits(d); err != nil {
		return StoredDraft{}, nil, err
	}
	if d.Info.Logo != "" && !IsLogoRef(d.Info.Logo) {
		return StoredDraft{}, nil, invalidf("info.logo must be a stored image (sha256:…); set it from a file with draft set")
	}
	if d.Info.Logo != "" {
		if _, _, err := s.store.Logo(ctx, d.Info.Logo); err != nil {
			if KindOf(err) == KindNotFound {
				return StoredDraft{}, nil, invalidf("info.logo %s is not stored in this database; set it from a PNG or JPEG file", d.Info.Logo)
			}
			return StoredDraft{}, nil, err
		}
	}
	var out StoredDraft
	err := s.store.Update(ctx, pluginID, func(txn Txn) (Change, error) {
		u, _, err := s.owned(txn, as, pluginID, "edit the draft")
		if err != nil {
			return Change{}, err
		}
		cur, _, err := txn.Draft()
		if err != nil {
			return Change{}, err
		}
		if err := stale("the draft of "+pluginID, cur.Rev, base, cur.UpdatedBy, cur.UpdatedAt); err != nil {
			return Change{}, err
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		if v := PluginOffer(u, f).Get(ActSaveDraft); !v.Allowed {
			return Change{}, v.Err()
		}
		if cur.Rev > 0 && cur.Draft.Equal(d) {
			out = cur
			return Change{}, nil
		}
		now := s.clock()
		out = StoredDraft{PluginID: pluginID, Draft: d, Rev: cur.Rev, UpdatedBy: u.Name, UpdatedAt: now}
		write := out
		out.Rev++
		return Change{Actor: u.Name, At: now, Draft: &write}, nil
	})
	if err != nil {
		return StoredDraft{}, nil, err
	}
	return out, d.Problems(), nil
}

// SampleDraft fills the draft with 填写样例, keeping a logo already set.
func (s *Service) SampleDraft(ctx context.Context, as, pluginID string) (StoredDraft, error) {
	cur, err := s.Draft(ctx, as, pluginID)
	if err != nil {
		return StoredDraft{}, err
	}
	d := SampleDraft()
	d.Info.Logo = cur.Draft.Info.Logo
	sd, _, err := s.SaveDraft(ctx, as, pluginID, d, cur.Rev)
	return sd, err
}

// PutLogo checks an image by its bytes and stores it; the returned reference
// goes into info.logo.
func (s *Service) PutLogo(ctx context.Context, data []byte) (string, error) {
	mime, err := CheckLogo(data)
	if err != nil {
		return "", &Error{Kind: KindInvalid, Msg: "info.logo: " + err.Error()}
	}
	ref := LogoRef(data)
	return ref, s.store.PutLogo(ctx, ref, mime, data)
}

// SetDraftLogo stores a logo (checked by CheckLogo) and makes it the logo
// of pluginID's draft, keeping the rest: one save on the draft read, so a
// draft changed meanwhile is a conflict.
func (s *Service) SetDraftLogo(ctx context.Context, as, pluginID string, data []byte) (StoredDraft, []Problem, error) {
	// Who may not save the draft stores no image either.
	f, err := s.Facts(ctx, as, pluginID)
	if err != nil {
		return StoredDraft{}, nil, err
	}
	u, err := s.User(ctx, as)
	if err != nil {
		return StoredDraft{}, nil, err
	}
	if v := PluginOffer(u, f).Get(ActSaveDraft); !v.Allowed {
		return StoredDraft{}, nil, v.Err()
	}
	sd, err := s.Draft(ctx, as, pluginID)
	if err != nil {
		return StoredDraft{}, nil, err
	}
	ref, err := s.PutLogo(ctx, data)
	if err != nil {
		return StoredDraft{}, nil, err
	}
	d := sd.Draft.Clone()
	d.Info.Logo = ref
	return s.SaveDraft(ctx, as, pluginID, d, sd.Rev)
}

// Logo returns a stored image.
func (s *Service) Logo(ctx context.Context, ref string) (string, []byte, error) {
	return s.store.Logo(ctx, ref)
}

// checkLimits refuses drafts too large to be anything but a mistake or an
// attack, before anything else looks at them.
func checkLimits(d Draft) error {
	if probs := d.OverLimits(); len(probs) > 0 {
		return invalid(probs)
	}
	return nil
}
