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
	Orders      map[string]int64          // "plugin/key" → submission ordered
	// OrderStates is each order's state as its events left it.
	OrderStates map[string]string
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
		OrderStates: map[string]string{},
	}
}

// AddOrder records an order row of the tables in f. The rows of one
// buyer's orders made without a mini program share their key (the buyer);
// the live one among them is the one the log's last event is about.
func (f Facts) AddOrder(plugin, key, state string, submission int64) {
	k := OrderKey(plugin, key)
	if _, ok := f.OrderStates[k]; ok && state != string(OrderApproved) && state != string(OrderPending) {
		return
	}
	f.Orders[k], f.OrderStates[k] = submission, state
}

// VersionKey and OrderKey name rows in Facts.
func VersionKey(plugin, ver string) string    { return plugin + "@" + ver }
func OrderKey(plugin, consumer string) string { return plugin + "/" + consumer }

// The states an entity is born in. A plugin and an order have no state
// machine: the log records that they exist.
const (
	PluginCreated = "created"
	OrderOrdered  = "ordered"
)

// Move is one step an event records: in state From, Action, to state To.
// From is "" where the event brings its entity into being.
type Move struct {
	From   string
	Action Action
	To     string
}

// Entries are the moves that begin an entity's life, which no state machine
// holds: creating a plugin, adding a version, submitting a publication,
// the first 上架 of a plugin (shown or hidden as its snapshot says), and an
// order. Listing again after a modification keeps the visibility the
// listing had, so it moves a listing from a visibility to the same one.
var Entries = map[Entity][]Move{
	EntityPlugin:     {{"", ActCreate, PluginCreated}},
	EntityVersion:    {{"", ActAddVer, string(VersionDev)}},
	EntitySubmission: {{"", ActSubmit, string(SubmissionInReview)}},
	EntityListing: {
		{"", ActRelease, string(VisibilityShown)},
		{"", ActRelease, string(VisibilityHidden)},
		{string(VisibilityShown), ActRelease, string(VisibilityShown)},
		{string(VisibilityHidden), ActRelease, string(VisibilityHidden)},
	},
	EntityOrder: {{"", ActOrder, OrderOrdered}, {"", ActOrder, string(OrderPending)}, {"", ActOrder, string(OrderApproved)}},
}

// Legal reports whether an event about entity may move from → to by act:
// the move is one of the entity's Entries or a row of its state machine,
// for any role (the system's consequences, such as supersede, included).
// An event records no role, so who took it is the Service's to check.
func Legal(entity Entity, from string, act Action, to string) bool {
	for _, m := range Entries[entity] {
		if m == (Move{from, act, to}) {
			return true
		}
	}
	switch entity {
	case EntityVersion:
		return inMachine(VersionMachine, from, act, to)
	case EntitySubmission:
		return inMachine(SubmissionMachine, from, act, to)
	case EntityListing:
		return inMachine(VisibilityMachine, from, act, to)
	case EntityOrder:
		return inMachine(OrderMachine, from, act, to)
	}
	return false
}

func inMachine[S ~string](m []Transition[S], from string, a Action, to string) bool {
	for _, t := range m {
		if string(t.From) == from && t.Action == a && string(t.To) == to {
			return true
		}
	}
	return false
}

// Replay folds events, oldest first, into facts. Each event must start from
// the state the facts hold, and its move must be one the tables allow (the
// log is checked, not trusted).
func Replay(events []Event) (Facts, error) {
	f := NewFacts()
	for _, e := range events {
		if err := f.Apply(e); err != nil {
			return f, err
		}
	}
	return f, nil
}

// Apply folds one event into f, or says why it cannot: the move is not
// legal, or it does not start from the state f holds.
func (f Facts) Apply(e Event) error {
	what := i18n.T("event %d (%s %s %q, %s: %q → %q)", e.ID, e.PluginID, e.Entity, e.Key, e.Action, e.From, e.To)
	bad := func(have string) error {
		return i18n.Errorf("%v does not follow from %q", what, have)
	}
	if _, known := Entries[e.Entity]; !known {
		return bad("a known entity")
	}
	if !Legal(e.Entity, e.From, e.Action, e.To) {
		return i18n.Errorf("%v is not a legal move: no %s may go from %q to %q by %s", what, e.Entity, e.From, e.To, e.Action)
	}
	switch e.Entity {
	case EntityPlugin:
		if f.Plugins[e.PluginID] {
			return bad("exists")
		}
		f.Plugins[e.PluginID] = true
		return nil
	}
	if !f.Plugins[e.PluginID] {
		return bad("no such plugin")
	}
	switch e.Entity {
	case EntityVersion:
		return move(f.Versions, VersionKey(e.PluginID, e.Key), e, bad)
	case EntitySubmission:
		n, err := strconv.ParseInt(e.Key, 10, 64)
		if err != nil {
			return bad("a submission id")
		}
		return move(f.Submissions, n, e, bad)
	case EntityListing:
		n, err := strconv.ParseInt(e.Key, 10, 64)
		if err != nil {
			return bad("a submission id")
		}
		l := f.Listings[e.PluginID]
		if have := string(l.Visibility); have != e.From {
			return bad(have)
		}
		switch {
		case e.Action == ActRelease && f.Submissions[n] != SubmissionListed:
			// 上架 lists the submission its own event has just moved to listed.
			return bad("submission " + e.Key + " " + string(f.Submissions[n]))
		case e.Action != ActRelease && n != l.SubmissionID:
			return bad("the listing of submission " + strconv.FormatInt(l.SubmissionID, 10))
		}
		f.Listings[e.PluginID] = ListingFact{SubmissionID: n, Visibility: VisibilityState(e.To)}
	case EntityOrder:
		k := OrderKey(e.PluginID, e.Key)
		if e.Action != ActOrder {
			return move(f.OrderStates, k, e, bad)
		}
		if st, ok := f.OrderStates[k]; ok && (st == string(OrderPending) || st == string(OrderApproved)) {
			return bad("ordered")
		}
		l, ok := f.Listings[e.PluginID]
		if !ok {
			return bad("not listed")
		}
		f.Orders[k] = l.SubmissionID
		f.OrderStates[k] = e.To
		if e.To == OrderOrdered {
			// an order made before mini programs: approved, as schema 8 has it
			f.OrderStates[k] = string(OrderApproved)
		}
	}
	return nil
}

// move takes the state at k of states from e.From to e.To, the move e
// records; a state that is not e.From is bad.
func move[K comparable, S ~string](states map[K]S, k K, e Event, bad func(string) error) error {
	if have := string(states[k]); have != e.From {
		return bad(have)
	}
	states[k] = S(e.To)
	return nil
}
