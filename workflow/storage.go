package workflow

import (
	"context"
	"time"
)

// Store is what the workflow needs from storage; package store implements it
// on SQLite. Reads outside Update see a committed state; every state change
// goes through Update, one transaction each.
type Store interface {
	// Update runs decide inside one write transaction on one plugin: decide
	// reads through txn, returns the change, and the store applies it with a
	// compare-and-set on every row's Rev before committing. An error from
	// decide rolls back and is returned as it is.
	Update(ctx context.Context, pluginID string, decide func(txn Txn) (Change, error)) error
	// View runs read with the same reads as Update, writing nothing and
	// taking no write lock.
	View(ctx context.Context, pluginID string, read func(txn Txn) error) error

	PutUser(ctx context.Context, u User) error
	User(ctx context.Context, name string) (User, error)
	Users(ctx context.Context, p Page) ([]User, error)

	// PutKey binds k to k.User in one transaction unless the key is bound
	// already (owner is then its user) or k.User holds max keys (held says
	// how many); the rules and their messages are the caller's.
	PutKey(ctx context.Context, k Key, max int) (owner string, held int, err error)
	// Keys lists a user's keys, oldest first.
	Keys(ctx context.Context, user string) ([]Key, error)
	// DeleteKey unbinds a key from user; false when user has no such key.
	DeleteKey(ctx context.Context, user, fingerprint string) (bool, error)
	// KeyUser is the user a key is bound to.
	KeyUser(ctx context.Context, fingerprint string) (user string, ok bool, err error)
	// SignUp adds u with k bound to it in one transaction, unless the name
	// is taken or the key is bound already (owner is then its user): then
	// nothing is written. The rules and their messages are the caller's.
	SignUp(ctx context.Context, u User, k Key) (nameTaken bool, owner string, err error)

	// Plugins lists plugins, owned by owner unless owner is "", whose id,
	// name or owner contains filter (p.Filter when filter is ""), by id.
	// The other lists honour p.Filter.
	Plugins(ctx context.Context, owner, filter string, p Page) ([]PluginSummary, error)
	Plugin(ctx context.Context, id string) (Plugin, error)
	Versions(ctx context.Context, pluginID string, p Page) ([]Version, error)

	Draft(ctx context.Context, pluginID string) (StoredDraft, error)
	PutLogo(ctx context.Context, ref, mime string, data []byte) error
	Logo(ctx context.Context, ref string) (mime string, data []byte, err error)

	// Submission returns one submission with its snapshot and notes.
	Submission(ctx context.Context, id int64) (Submission, error)
	// Submissions lists a plugin's submissions, newest first, without
	// snapshots, with their notes.
	Submissions(ctx context.Context, pluginID string, p Page) ([]Submission, error)
	// ReviewQueue lists in-review submissions, earliest due first, without snapshots.
	ReviewQueue(ctx context.Context, p Page) ([]Submission, error)

	Listing(ctx context.Context, pluginID string) (Listing, error)
	// Search finds shown listings whose title, intro or description contain q.
	Search(ctx context.Context, q string, p Page) ([]MarketEntry, error)
	// Browse lists the shown listings, newest first.
	Browse(ctx context.Context, p Page) ([]MarketEntry, error)
	Orders(ctx context.Context, consumer string, p Page) ([]Order, error)
	// OrderLines lists a consumer's orders, newest first, with the ordered
	// submission's title and version.
	OrderLines(ctx context.Context, consumer string, p Page) ([]OrderLine, error)

	// PutApp registers a mini program; an appId taken is invalid.
	PutApp(ctx context.Context, a App) error
	// Apps lists an owner's mini programs by appId.
	Apps(ctx context.Context, owner string) ([]App, error)
	// Order is one order by id.
	Order(ctx context.Context, id int64) (Order, error)
	// PluginOrders lists a plugin's orders matching q, newest first.
	PluginOrders(ctx context.Context, pluginID string, q OrderQuery, p Page) ([]OrderRow, error)
	// CountOrders counts a plugin's orders per state; pending ones made
	// before cutoff count as expired.
	CountOrders(ctx context.Context, pluginID string, cutoff time.Time) (map[OrderState]int, error)
	// LiveOrderCounts counts the live orders of each plugin: approved ones
	// and pending ones made after cutoff. A plugin with none is left out.
	LiveOrderCounts(ctx context.Context, pluginIDs []string, cutoff time.Time) (map[string]int, error)
	// AppsUsing counts the mini programs with an approved order of a plugin.
	AppsUsing(ctx context.Context, pluginID string) (int, error)
	// ConsumerOrders lists a consumer's orders, newest first: of one
	// plugin, or of every plugin when pluginID is "".
	ConsumerOrders(ctx context.Context, consumer, pluginID string, p Page) ([]OrderRow, error)

	// Events lists a plugin's events, oldest first.
	Events(ctx context.Context, pluginID string, p Page) ([]Event, error)

	// Counts of the lists above, of the rows that match filter (as
	// Page.Filter), so a screen can page through all of them.
	CountPlugins(ctx context.Context, owner, filter string) (int, error)
	CountVersions(ctx context.Context, pluginID, filter string) (int, error)
	CountSubmissions(ctx context.Context, pluginID, filter string) (int, error)
	CountReviewQueue(ctx context.Context, filter string) (int, error)
	CountEvents(ctx context.Context, pluginID string) (int, error)

	// ReviewQueueWhere is ReviewQueue of the rows q picks; ReviewQueue is
	// ReviewQueueWhere of the zero QueueQuery.
	ReviewQueueWhere(ctx context.Context, q QueueQuery, p Page) ([]Submission, error)
	CountReviewQueueWhere(ctx context.Context, q QueueQuery, filter string) (int, error)
	// ReviewFigures reads the queue's statistics as q asks (review.go).
	ReviewFigures(ctx context.Context, q FiguresQuery) (ReviewFigures, error)
}

// Txn reads one plugin's rows inside the transaction of Update. Not-found
// reads return ok=false rather than an error.
type Txn interface {
	Plugin() (Plugin, bool, error)
	Versions() ([]Version, error)
	// Open returns the submissions in in_review, approved or listed, without snapshots.
	Open() ([]Submission, error)
	Submission(id int64) (Submission, bool, error)
	Listing() (Listing, bool, error)
	Draft() (StoredDraft, bool, error)
	// LiveOrder is the newest pending or approved order of the plugin for
	// appID (for consumer's order with no mini program when appID is "").
	LiveOrder(consumer, appID string) (Order, bool, error)
	OrderByID(id int64) (Order, bool, error)
	App(appID string) (App, bool, error)
	User(name string) (User, bool, error)
}

// Change is everything one action writes. Each row carries the Rev it was
// read at: Rev 0 inserts, any other Rev updates WHERE rev = Rev and stores
// Rev+1; a row that moved meanwhile fails the whole change with a conflict.
type Change struct {
	Actor string
	At    time.Time

	Plugin      *Plugin
	Versions    []Version
	Submissions []Submission // updates of existing submissions
	// NewSubmission is inserted; the store writes the assigned ID into it.
	NewSubmission *Submission
	Listing       *Listing
	// Market is the text of the listed snapshot, which the store copies
	// and indexes for search; every change that writes Listing carries it,
	// so the store never reads a draft's schema.
	Market *MarketText
	Draft  *StoredDraft
	// Orders with Rev 0 are inserted (the store writes the assigned ID
	// into them), others compare-and-set on Rev.
	Orders []Order
	// Notes are inserted, never updated: a 驳回's notes (review.go).
	Notes []Note
	// Events are appended in order. An event about the new submission has
	// Entity submission and Key "": the store fills in the assigned ID.
	Events []Event
}

// Empty reports whether the change writes nothing (an idempotent autosave).
func (c Change) Empty() bool {
	return c.Plugin == nil && len(c.Versions) == 0 && len(c.Submissions) == 0 && c.NewSubmission == nil &&
		c.Listing == nil && c.Market == nil && c.Draft == nil && len(c.Orders) == 0 && len(c.Notes) == 0 && len(c.Events) == 0
}

// MarketText is what the market shows and searches of a listing.
type MarketText struct {
	Title, Intro, Description string
	// Buyers is 可订购人群, which a search result shows.
	Buyers string
}

// MarketTextOf is the market text of a snapshot.
func MarketTextOf(d *Draft) MarketText {
	return MarketText{Title: d.Info.Title, Intro: d.Info.Intro, Description: d.Info.Description, Buyers: d.Info.Buyers}
}
