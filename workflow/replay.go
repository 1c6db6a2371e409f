package workflow

import (
	"plugpub/workflow/i18n"
	"strconv"
)

// Facts is the state of the publish flow reduced to what events decide:
// enough to check that the log and the tables tell the same story.
type Facts struct {
	Plugins     map[string]bool           // plugin id → exists
	Versions    map[string]VersionState   // "plugin@x.y.z" → state
	Submissions map[int64]SubmissionState // id → state
	Listings    map[string]ListingFact    // plugin id → listing
	Orders      map[string]int64          // "plugin/consumer" → submission ordered
}

// ListingFact is a listing as events record it.
type ListingFact struct {
	SubmissionID int64
	Visibility   VisibilityState
}

// NewFacts returns empty facts.
func NewFacts() Facts {
	return Facts{
		Plugins:     map[string]bool{},
		Versions:    map[string]VersionState{},
		Submissions: map[int64]SubmissionState{},
		Listings:    map[string]ListingFact{},
		Orders:      map[string]int64{},
	}
}

// VersionKey and OrderKey name rows in Facts.
func VersionKey(plugin, ver string) string    { return plugin + "@" + ver }
func OrderKey(plugin, consumer string) string { return plugin + "/" + consumer }

// Replay folds events, oldest first, into facts. Each event must start from
// the state the facts hold (the log is checked, not trusted).
func Replay(events []Event) (Facts, error) {
	f := NewFacts()
	for _, e := range events {
		if err := f.Apply(e); err != nil {
			return f, err
		}
	}
	return f, nil
}

// Apply folds one event into f.
func (f Facts) Apply(e Event) error {
	bad := func(have string) error {
		return i18n.Errorf("event %d (%s %s %s %q: %s→%s) does not follow from %q", e.ID, e.PluginID, e.Entity, e.Action, e.Key, e.From, e.To, have)
	}
	switch e.Entity {
	case EntityPlugin:
		if f.Plugins[e.PluginID] {
			return bad("exists")
		}
		f.Plugins[e.PluginID] = true
	case EntityVersion:
		k := VersionKey(e.PluginID, e.Key)
		if have := string(f.Versions[k]); have != e.From {
			return bad(have)
		}
		f.Versions[k] = VersionState(e.To)
	case EntitySubmission:
		n, err := strconv.ParseInt(e.Key, 10, 64)
		if err != nil {
			return bad("a submission id")
		}
		if have := string(f.Submissions[n]); have != e.From {
			return bad(have)
		}
		f.Submissions[n] = SubmissionState(e.To)
	case EntityListing:
		n, err := strconv.ParseInt(e.Key, 10, 64)
		if err != nil {
			return bad("a submission id")
		}
		l := f.Listings[e.PluginID]
		if have := string(l.Visibility); have != e.From {
			return bad(have)
		}
		f.Listings[e.PluginID] = ListingFact{SubmissionID: n, Visibility: VisibilityState(e.To)}
	case EntityOrder:
		k := OrderKey(e.PluginID, e.Key)
		if _, ok := f.Orders[k]; ok {
			return bad("ordered")
		}
		l, ok := f.Listings[e.PluginID]
		if !ok {
			return bad("not listed")
		}
		f.Orders[k] = l.SubmissionID
	default:
		return bad("a known entity")
	}
	return nil
}
