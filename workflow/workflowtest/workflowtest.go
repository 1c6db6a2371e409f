// Package workflowtest holds what tests of the Service and of the screens
// share: a real database file with a service on it, a clock that ticks, a
// cast of users, and the steps that take a plugin online and list it.
// Nothing here is a mock: every helper calls the real Service.
package workflowtest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"plugpub/store/sqlite"
	"plugpub/store/storetest"
	"plugpub/workflow"
)

// Start is the time every test clock starts from.
var Start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// Clock is a test clock: each reading is one step after the last, so
// events have distinct, ordered times. Safe for concurrent use.
type Clock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

// NewClock starts at Start and steps one second.
func NewClock() *Clock { return NewClockAt(Start, time.Second) }

// NewClockAt starts at start and steps step.
func NewClockAt(start time.Time, step time.Duration) *Clock {
	return &Clock{now: start, step: step}
}

// Now steps and reads.
func (c *Clock) Now() time.Time { return c.tick(c.step) }

// Advance moves the clock on by d without a reading.
func (c *Clock) Advance(d time.Duration) { c.tick(d) }

func (c *Clock) tick(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// User is one member of a cast.
type User struct {
	Name  string
	Roles []workflow.Role
	Buyer workflow.Buyer
}

// Cast is dev1, dev2 (developers), rev1, rev2 (reviewers), buyer1
// (personal) and ent1 (enterprise consumer).
func Cast() []User {
	return []User{
		{"dev1", []workflow.Role{workflow.RoleDeveloper}, ""},
		{"dev2", []workflow.Role{workflow.RoleDeveloper}, ""},
		{"rev1", []workflow.Role{workflow.RoleReviewer}, ""},
		{"rev2", []workflow.Role{workflow.RoleReviewer}, ""},
		{"buyer1", []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal},
		{"ent1", []workflow.Role{workflow.RoleConsumer}, workflow.BuyerEnterprise},
	}
}

// Open opens a fresh SQLite file (OpenSQLite) and a service on it
// (NewService).
func Open(t testing.TB, clock *Clock, users []User) (*sqlite.Store, *workflow.Service) {
	t.Helper()
	st := OpenSQLite(t)
	return st, NewService(t, st, clock, users)
}

// OpenSQLite opens a fresh database file in t.TempDir(), closed when the
// test ends.
func OpenSQLite(t testing.TB) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "plugpub.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Error(err)
		}
	})
	return st
}

// NewService is a service on st, of any engine, reading clock, with users
// added.
func NewService(t testing.TB, st workflow.Store, clock *Clock, users []User) *workflow.Service {
	t.Helper()
	svc := workflow.NewService(st, clock.Now)
	for _, u := range users {
		if _, err := svc.AddUser(context.Background(), u.Name, u.Roles, u.Buyer); err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

// TakeOnline takes version ver of plugin id through review to online as a
// version goes: submitted by owner, approved by rev1, put online by owner.
// (storetest holds the sequence, as the store suites cannot import this
// package, which opens SQLite).
func TakeOnline(ctx context.Context, svc *workflow.Service, owner, id, ver string) error {
	return storetest.TakeOnline(ctx, svc, owner, id, ver)
}

// List takes a plugin whose draft is ready through review to a listing:
// submitted by owner, approved by rev1, released by owner.
func List(ctx context.Context, svc *workflow.Service, owner, id string) (workflow.Submission, error) {
	sub, err := svc.Submit(ctx, owner, id, "")
	if err != nil {
		return sub, err
	}
	if _, err := svc.Approve(ctx, "rev1", sub.ID, workflow.AnyRev); err != nil {
		return sub, err
	}
	_, err = svc.Release(ctx, owner, id, workflow.AnyRev)
	return sub, err
}

// Rules are the words of each rule a refusal of the Service names, as its
// messages say them: the tests of the Service and of the CLI check that
// every refusal names its rule.
var Rules = struct {
	Owner, Developer, Reviewer, Consumer, Read, Self, List, BuyerKind string
}{
	Owner:     "only the owner of plugin",
	Developer: "needs the developer role",
	Reviewer:  "needs the reviewer role",
	Consumer:  "ordering needs the consumer role",
	Read:      "only its owner or a reviewer may see it",
	Self:      "may not review it; another reviewer must",
	List:      "needs the developer or reviewer role",
	BuyerKind: "may be ordered by enterprise buyers only",
}

// EventLog is what CheckLog reads: the event log, a page at a time, and
// the facts the tables hold. *sqlite.Store is one.
type EventLog interface {
	AllEvents(ctx context.Context, afterID int64, limit int) ([]workflow.Event, error)
	Facts(ctx context.Context) (workflow.Facts, error)
}

// CheckLog replays the whole event log and compares it with the tables:
// an error says the log does not replay, or where it and the tables
// disagree. It returns the tables' facts.
func CheckLog(ctx context.Context, db EventLog) (workflow.Facts, error) {
	var evs []workflow.Event
	for {
		var after int64
		if len(evs) > 0 {
			after = evs[len(evs)-1].ID
		}
		page, err := db.AllEvents(ctx, after, 10_000)
		if err != nil {
			return workflow.Facts{}, err
		}
		evs = append(evs, page...)
		if len(page) < 10_000 {
			break
		}
	}
	replayed, err := workflow.Replay(evs)
	if err != nil {
		return workflow.Facts{}, fmt.Errorf("the log does not replay: %w", err)
	}
	facts, err := db.Facts(ctx)
	if err != nil {
		return workflow.Facts{}, err
	}
	if d := replayed.DiffText(facts); d != "" {
		return facts, fmt.Errorf("the log does not replay to the tables: %s", d)
	}
	return facts, nil
}

// WritePNG writes img to path as a PNG file and returns the file's bytes:
// a real logo for the tests that upload one.
func WritePNG(t testing.TB, path string, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// CountingReader reads R and counts in N the bytes read: how a test tells
// that a reader stopped early, at a limit.
type CountingReader struct {
	R io.Reader
	N int
}

func (c *CountingReader) Read(b []byte) (int, error) {
	n, err := c.R.Read(b)
	c.N += n
	return n, err
}
