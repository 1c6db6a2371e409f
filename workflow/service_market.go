package workflow

import (
	"context"
	"strings"
	"unicode/utf8"

	"plugpub/workflow/i18n"
)

// Search finds shown listings on the market. Anyone may search.
func (s *Service) Search(ctx context.Context, q string, p Page) ([]MarketEntry, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, invalidf("the search query is empty")
	}
	if utf8.RuneCountInString(q) > 100 {
		return nil, invalidf("the search query is longer than 100 characters")
	}
	return s.store.Search(ctx, q, p.Clamp())
}

// MarketPage is the 订购页 of a listed plugin. A hidden listing is only kept
// out of search (隐藏: 不可被搜索); its page stays reachable by its id.
func (s *Service) MarketPage(ctx context.Context, pluginID string) (MarketPage, error) {
	p, err := s.store.Plugin(ctx, pluginID)
	if err != nil {
		return MarketPage{}, err
	}
	l, err := s.store.Listing(ctx, pluginID)
	if KindOf(err) == KindNotFound {
		return MarketPage{}, notFoundf("plugin %s is not listed (上架) on the market", pluginID)
	} else if err != nil {
		return MarketPage{}, err
	}
	sub, err := s.store.Submission(ctx, l.SubmissionID)
	if err != nil {
		return MarketPage{}, err
	}
	page := MarketPage{Plugin: p, Listing: l, Submission: sub}
	err = s.store.View(ctx, pluginID, func(txn Txn) error {
		vs, err := txn.Versions()
		page.VersionOffline = PluginFacts{Versions: vs}.versionOffline(sub.Version)
		return err
	})
	return page, err
}

// Orders lists the consumer's own orders.
func (s *Service) Orders(ctx context.Context, as string, p Page) ([]Order, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	return s.store.Orders(ctx, u.Name, p.Clamp())
}

// Hide keeps the listing out of market search (隐藏).
func (s *Service) Hide(ctx context.Context, as, pluginID string, expect int64) (Listing, error) {
	return s.visibility(ctx, as, pluginID, ActHide, expect)
}

// Show makes the listing searchable again (展示).
func (s *Service) Show(ctx context.Context, as, pluginID string, expect int64) (Listing, error) {
	return s.visibility(ctx, as, pluginID, ActShow, expect)
}

func (s *Service) visibility(ctx context.Context, as, pluginID string, act Action, expect int64) (Listing, error) {
	var out Listing
	err := s.updateAsMember(ctx, as, pluginID, func(txn Txn, u User, p Plugin) (Change, error) {
		what := i18n.T("the listing of %s", pluginID)
		if v := permitted(act, RoleDeveloper, u, p, what); !v.Allowed {
			return Change{}, v.Err()
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		if f.Listing != nil {
			l := f.Listing
			if err := stale(what, l.Rev, expect, l.UpdatedBy, l.UpdatedAt); err != nil {
				return Change{}, err
			}
		}
		if vd := ListingOffer(u, f).Get(act); !vd.Allowed {
			return Change{}, vd.Err()
		}
		l := *f.Listing
		// Showing indexes the listed text again, so the change carries it.
		sub, ok, err := txn.Submission(l.SubmissionID)
		if err != nil {
			return Change{}, err
		} else if !ok || sub.Snapshot == nil {
			return Change{}, notFoundf("the listed submission %d of plugin %s is missing", l.SubmissionID, pluginID)
		}
		m := MarketTextOf(sub.Snapshot)
		to, _ := Next(VisibilityMachine, l.Visibility, act, RoleDeveloper)
		now := s.clock()
		from := l.Visibility
		l.Visibility, l.UpdatedBy, l.UpdatedAt = to, u.Name, now
		out = l
		return s.change(u, now, &p, Change{Listing: &l, Market: &m, Events: []Event{
			{Entity: EntityListing, Key: id(l.SubmissionID), Action: act, From: string(from), To: string(to)},
		}}), nil
	})
	out.Rev++
	return out, err
}

// Order 订购s a listed plugin for the consumer's only mini program (or, for
// a buyer with none, for the buyer), if 可订购人群 includes them.
func (s *Service) Order(ctx context.Context, as, pluginID string) (Order, error) {
	return s.OrderFor(ctx, as, pluginID, "")
}

func buyersWord(b string) string {
	switch b {
	case BuyersPersonal:
		return "personal"
	case BuyersEnterprise:
		return "enterprise"
	}
	return "any"
}
