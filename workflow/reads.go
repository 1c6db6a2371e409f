package workflow

import "context"

// BaseKind says what a reviewer's diff compares against.
type BaseKind string

const (
	BaseNone     BaseKind = ""         // 首次提交: nothing to compare with
	BaseListed   BaseKind = "listed"   // the snapshot on the market now
	BasePrevious BaseKind = "previous" // the plugin's newest earlier submission
)

// DiffBase is what a submission is reviewed against, with its snapshot.
type DiffBase struct {
	Kind       BaseKind
	Submission Submission // zero when Kind is BaseNone
	Listing    *Listing   // set when Kind is BaseListed
}

// DiffBase finds what sub should be compared with in review: the listed
// snapshot while the plugin is 上架, else the plugin's newest submission
// before sub (a rejected or withdrawn one, typically: a resubmission after
// 驳回 is reviewed for what changed since), else nothing.
func (s *Service) DiffBase(ctx context.Context, as string, sub Submission) (DiffBase, error) {
	if _, _, err := s.readable(ctx, as, sub.PluginID); err != nil {
		return DiffBase{}, err
	}
	listed, l, err := s.listedBase(ctx, sub)
	if err != nil {
		return DiffBase{}, err
	}
	if listed != nil {
		return DiffBase{Kind: BaseListed, Submission: *listed, Listing: l}, nil
	}
	// Newest first, and the one under review is usually the newest, so a
	// short first page nearly always holds the earlier one.
	for off, n := 0, 8; ; off, n = off+n, min(2*n, MaxPageSize) {
		subs, err := s.store.Submissions(ctx, sub.PluginID, Page{Offset: off, Limit: n})
		if err != nil {
			return DiffBase{}, err
		}
		for _, o := range subs {
			if o.ID < sub.ID {
				base, err := s.store.Submission(ctx, o.ID)
				if err != nil {
					return DiffBase{}, err
				}
				return DiffBase{Kind: BasePrevious, Submission: base}, nil
			}
		}
		if len(subs) < n {
			return DiffBase{}, nil
		}
	}
}
