package workflow

import "context"

// OrderLine is one of a consumer's orders as 我的订购 lists it: the order
// with the title and version of the submission that was ordered.
type OrderLine struct {
	Order
	Title   string `json:"title"`
	Version string `json:"version"`
}

// Browse lists the shown listings, newest first: the market before anything
// is searched. Anyone may browse.
func (s *Service) Browse(ctx context.Context, p Page) ([]MarketEntry, error) {
	return s.store.Browse(ctx, p.Clamp())
}

// OrderLines lists the consumer's own orders, newest first, with what was
// ordered.
func (s *Service) OrderLines(ctx context.Context, as string, p Page) ([]OrderLine, error) {
	u, err := s.User(ctx, as)
	if err != nil {
		return nil, err
	}
	return s.store.OrderLines(ctx, u.Name, p.Clamp())
}
