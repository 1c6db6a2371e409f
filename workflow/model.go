package workflow

import (
	"strings"
	"time"
)

// Plugin is the aggregate root: every state change of a plugin, its versions,
// submissions and listing bumps Rev in the same transaction, so two terminals
// can never both act on the same state.
type Plugin struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Owner     string    `json:"owner"`
	CreatedAt time.Time `json:"created_at"`
	Rev       int64     `json:"rev"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PluginSummary is one row of the plugins list.
type PluginSummary struct {
	Plugin
	Online  string          `json:"online,omitempty"`  // the online version, if any
	Latest  string          `json:"latest,omitempty"`  // the newest submission's state
	Listing VisibilityState `json:"listing,omitempty"` // shown / hidden when listed
}

// Version is one version of a plugin (版本管理).
type Version struct {
	PluginID    string       `json:"plugin"`
	SemVer      SemVer       `json:"version"`
	State       VersionState `json:"state"`
	Reason      string       `json:"reason,omitempty"` // 驳回 reason
	SubmittedBy string       `json:"submitted_by,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
	Rev         int64        `json:"rev"`
	UpdatedBy   string       `json:"updated_by"`
	UpdatedAt   time.Time    `json:"updated_at"`
}

// Submission is a frozen snapshot of the draft sent to the plugin center (发布管理).
type Submission struct {
	ID          int64           `json:"id"`
	PluginID    string          `json:"plugin"`
	Version     string          `json:"version"`
	State       SubmissionState `json:"state"`
	Snapshot    *Draft          `json:"snapshot,omitempty"` // nil when a list query left it out
	SubmittedBy string          `json:"submitted_by"`
	SubmittedAt time.Time       `json:"submitted_at"`
	DueAt       time.Time       `json:"due_at"`
	Reviewer    string          `json:"reviewer,omitempty"`
	ReviewedAt  time.Time       `json:"reviewed_at,omitzero"`
	Reason      string          `json:"reason,omitempty"`
	// Notes are the reviewer's notes pinned to fields, written with the
	// 驳回 and never changed (review.go).
	Notes []Note `json:"notes,omitempty"`
	// ClaimedBy and ClaimedAt are the last 认领; a claim is live for
	// ClaimLapse only (Submission.Claim), and the Service's reads clear a
	// stale one, so what it returns is never a lapsed claim.
	ClaimedBy string    `json:"claimed_by,omitempty"`
	ClaimedAt time.Time `json:"claimed_at,omitzero"`
	Rev       int64     `json:"rev"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Overdue reports whether an in-review submission has passed its due time.
func (s Submission) Overdue(now time.Time) bool {
	return s.State == SubmissionInReview && now.After(s.DueAt)
}

// Listing is what the market shows for a plugin: the released submission
// and whether it is found by search (展示) or not (隐藏).
type Listing struct {
	PluginID     string          `json:"plugin"`
	SubmissionID int64           `json:"submission"`
	Visibility   VisibilityState `json:"visibility"`
	ListedAt     time.Time       `json:"listed_at"`
	Rev          int64           `json:"rev"`
	UpdatedBy    string          `json:"updated_by"`
	UpdatedAt    time.Time       `json:"updated_at"`
}

// MarketEntry is one search result: a listed plugin as the market shows it.
type MarketEntry struct {
	PluginID     string          `json:"plugin"`
	SubmissionID int64           `json:"submission"`
	Title        string          `json:"title"`
	Intro        string          `json:"intro"`
	Buyers       string          `json:"buyers"`
	Visibility   VisibilityState `json:"visibility"`
	ListedAt     time.Time       `json:"listed_at"`
}

// MarketPage is the 订购页: a listing with its snapshot.
type MarketPage struct {
	Plugin     Plugin     `json:"plugin"`
	Listing    Listing    `json:"listing"`
	Submission Submission `json:"submission"`
	// VersionOffline is true when the listed version was taken offline
	// (下线): the page stays, but it cannot be ordered until a newer
	// version is listed.
	VersionOffline bool `json:"version_offline,omitempty"`
}

// Order is a consumer's 订购 of a listed plugin.
type Order struct {
	ID           int64     `json:"id"`
	PluginID     string    `json:"plugin"`
	Consumer     string    `json:"consumer"`
	SubmissionID int64     `json:"submission"`
	At           time.Time `json:"at"`
	// AppID is the mini program ordered for; "" for an order made before
	// orders were for a mini program.
	AppID     string     `json:"app,omitempty"`
	State     OrderState `json:"state"`
	Reason    string     `json:"reason,omitempty"` // 拒绝 reason
	Rev       int64      `json:"rev"`
	UpdatedBy string     `json:"updated_by"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// StoredDraft is a plugin's draft with its own row version: autosaves
// compare-and-set on Rev, independently of the plugin's state changes.
type StoredDraft struct {
	PluginID  string    `json:"plugin"`
	Draft     Draft     `json:"draft"`
	Rev       int64     `json:"rev"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Entity names what an event is about.
type Entity string

const (
	EntityPlugin     Entity = "plugin"
	EntityVersion    Entity = "version"
	EntitySubmission Entity = "submission"
	EntityListing    Entity = "listing"
	EntityOrder      Entity = "order"
)

// Event is one row of the append-only log: every state change writes one.
// Key identifies the entity within the plugin: a version "1.2.3", a
// submission id, a consumer name for orders, "" for the plugin and listing.
type Event struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	PluginID string    `json:"plugin"`
	Entity   Entity    `json:"entity"`
	Key      string    `json:"key"`
	Action   Action    `json:"action"`
	From     string    `json:"from"`
	To       string    `json:"to"`
	Reason   string    `json:"reason,omitempty"`
}

// Page asks for one page of a list that can grow, of the rows that match
// Filter: a case-insensitive substring of the list's id, name, version,
// who or state label (审核中 …), whichever the list has; "" for every row.
// The counts of each list take the same filter.
type Page struct {
	Offset int
	Limit  int
	Filter string
}

// MaxFilterRunes bounds a filter; a longer one is cut.
const MaxFilterRunes = 100

// DefaultPageSize is what the CLI asks for when the user does not say.
const DefaultPageSize = 50

// MaxPageSize keeps any one query bounded.
const MaxPageSize = 1000

// Clamp returns a page with a sane limit.
func (p Page) Clamp() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultPageSize
	}
	if p.Limit > MaxPageSize {
		p.Limit = MaxPageSize
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	p.Filter = strings.TrimSpace(p.Filter)
	if r := []rune(p.Filter); len(r) > MaxFilterRunes {
		p.Filter = string(r[:MaxFilterRunes])
	}
	return p
}
