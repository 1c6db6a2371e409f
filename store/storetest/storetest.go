// Package storetest is the conformance suite every workflow.Store engine
// must pass: the behaviours the SQLite store's own tests pin (compare-and-
// set conflicts naming who and when, the append-only event log, paging
// and counts, search order, limits, logo storage, keys), run against any
// engine by its test package:
//
//	func TestConformance(t *testing.T) { storetest.Run(t, storetest.Engine{Open: …, Exec: …}) }
package storetest

import (
	"context"
	"testing"

	"plugpub/workflow"
)

// Store is what the suite needs of an engine: the workflow's store, and
// the event log and facts to check that the log replays to the tables.
type Store interface {
	workflow.Store
	AllEvents(ctx context.Context, afterID int64, limit int) ([]workflow.Event, error)
	Facts(ctx context.Context) (workflow.Facts, error)
}

// Engine is one implementation under test.
type Engine struct {
	// Open returns a new, empty, migrated store that t closes.
	Open func(t testing.TB) Store
	// Exec runs one SQL statement on st behind the store's back, as a
	// hand edit or a buggy writer would: the schema's own refusals are
	// tested through it. Written in the SQL both engines speak.
	Exec func(st Store, sql string) error
	// Check, when set, checks the engine's own consistency after a flow
	// (SQLite: PRAGMA integrity_check).
	Check func(t testing.TB, st Store)
}

// Run runs every case of the suite against e, each a subtest.
func Run(t *testing.T, e Engine) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, e) })
	}
}

// cases is the one table of the suite. Each concern's cases live in a file
// of their own: flow.go (the flow and its fixtures), cas_cases.go (changes:
// compare-and-set conflicts, rollbacks, new ids, refusals), events_cases.go
// (the append-only log, the schema's refusals, facts = replayed log),
// paging_cases.go (lists, filters, counts), search_cases.go, logo_cases.go,
// keys_cases.go, signup_cases.go, limits_cases.go. A new file registers its
// cases here, one line each.
var cases = []struct {
	name string
	run  func(t *testing.T, e Engine)
}{
	{"EventsAreAppendOnly", eventsAreAppendOnly},
	{"SnapshotIsImmutable", snapshotIsImmutable},
	{"CheckConstraints", checkConstraints},
	{"StaleRevIsAConflictNamingWhoChangedIt", staleRevIsAConflict},
	{"DecideErrorRollsBackAndIsReturnedAsIs", decideErrorRollsBack},
	{"NewSubmissionGetsItsIDEverywhere", newSubmissionGetsItsID},
	{"OrderTwiceIsIllegal", orderTwiceIsIllegal},
	{"ChangeForAnotherPluginIsRefused", changeForAnotherPlugin},
	{"EmptyChangeWritesNothing", emptyChangeWritesNothing},
	{"FactsEqualReplayedLog", factsEqualReplayedLog},
	{"ConcurrentUpdatesLoseNothing", concurrentUpdatesLoseNothing},
	{"OneOnlineVersionEvenAgainstABuggyChange", oneOnlineVersion},
	{"NotFoundKinds", notFoundKinds},
	{"DraftBeforeTheFirstSaveIsEmpty", draftBeforeFirstSave},
	{"LogoIsStoredOnce", logoIsStoredOnce},
	{"UsersRoundTripAndPage", usersRoundTripAndPage},
	{"PluginsSummaryAndFilter", pluginsSummaryAndFilter},
	{"CountsMatchTheLists", countsMatchTheLists},
	{"SubmissionsPage", submissionsPage},
	{"ReviewQueueEarliestDueFirst", reviewQueueEarliestDueFirst},
	{"VersionsNewestFirst", versionsNewestFirst},
	{"SearchFindsShortChineseQueries", searchFindsShortChinese},
	{"SearchOrder", searchOrder},
	{"SearchNeedsEveryWord", searchNeedsEveryWord},
	{"HostileQueriesNeverError", hostileQueries},
	{"BrowseListsShownNewestFirst", browseNewestFirst},
	{"Keys", keys},
	{"SignUpIsOneTransaction", signUp},
	{"LimitsAreClamped", limitsAreClamped},
	{"OrdersOfAPluginByStateCountedAndPaged", ordersByState},
	{"OrdersOfTwoPluginsPageAlone", ordersOfTwoPluginsPage},
	{"ConsumerOrdersAndAppsAreTheirOwn", consumerOrdersAndApps},
	{"OneLiveOrderPerPluginAndAppUnderARace", oneLiveOrderPerApp},
	{"EveryOrderTransitionIsAnEvent", everyOrderTransitionIsAnEvent},
	{"OrderChecks", orderChecks},
	{"NotesAreAppendOnly", notesAreAppendOnly},
	{"ClaimsPickTheQueue", claimsPickTheQueue},
	{"ReviewFiguresCount", reviewFiguresCount},
}
