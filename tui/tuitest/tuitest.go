// Package tuitest builds what screen tests share: a real database with a
// cast of users, a program context for one of them, and a driver that runs
// a screen's commands synchronously the way the Bubble Tea loop would.
package tuitest

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/store/sqlite"
	"plugpub/tui/common"
	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// World is one database file and a service on it with a ticking clock.
type World struct {
	T     testing.TB
	Ctx   context.Context
	Store *sqlite.Store
	Svc   *workflow.Service

	clock *workflowtest.Clock
}

// NewWorld opens a fresh database with workflowtest's cast: dev1, dev2
// (developers), rev1, rev2 (reviewers), buyer1 (personal) and ent1
// (enterprise consumer).
func NewWorld(t testing.TB) *World {
	t.Helper()
	clock := workflowtest.NewClock()
	st, svc := workflowtest.Open(t, clock, workflowtest.Cast())
	return &World{T: t, Ctx: context.Background(), Store: st, Svc: svc, clock: clock}
}

// OnlineWorld is a NewWorld with one plugin, id, owned by owner, its
// version 1.0.0 online and the sample draft saved (see Online): where most
// screen tests start.
func OnlineWorld(t testing.TB, owner, id, name string) *World {
	t.Helper()
	w := NewWorld(t)
	w.Online(owner, id, name)
	return w
}

// Must fails the test on an error; it takes any call's results.
func (w *World) Must(v ...any) {
	w.T.Helper()
	if err, ok := v[len(v)-1].(error); ok && err != nil {
		w.T.Fatal(err)
	}
}

// Context is a program context acting as user, at 100×30.
func (w *World) Context(user string) *common.Context {
	w.T.Helper()
	u, err := w.Svc.User(w.Ctx, user)
	if err != nil {
		w.T.Fatal(err)
	}
	return &common.Context{Svc: w.Svc, User: u, DBPath: w.Store.Path(), Styles: common.NewStyles(),
		Keys: common.NewGlobalKeys(), Changes: w.Store.DataVersion, Width: 100, Height: 30}
}

// Online creates plugin id owned by owner with version 1.0.0 online and
// the sample draft saved.
func (w *World) Online(owner, id, name string) {
	w.T.Helper()
	ctx, s := w.Ctx, w.Svc
	w.Must(s.CreatePlugin(ctx, owner, id, name))
	w.Must(s.AddVersion(ctx, owner, id, "1.0.0"))
	w.Must(workflowtest.TakeOnline(ctx, s, owner, id, "1.0.0"))
	w.Must(s.SampleDraft(ctx, owner, id))
}

// Elsewhere is another terminal: its own store and Service on the same
// database file, closed when the test ends. What it commits reaches the
// world's store only through the file, as a second console's would.
func (w *World) Elsewhere() *workflow.Service {
	w.T.Helper()
	other, err := sqlite.Open(context.Background(), w.Store.Path())
	if err != nil {
		w.T.Fatal(err)
	}
	w.T.Cleanup(func() { other.Close() })
	return workflow.NewService(other, nil)
}

// CreateElsewhere has another terminal (Elsewhere) create plugin id,
// owned by dev1.
func (w *World) CreateElsewhere(id, name string) {
	w.T.Helper()
	w.Must(w.Elsewhere().CreatePlugin(context.Background(), "dev1", id, name))
}

// ManualReview sets 订购审核 to 需审核 in plugin id's draft, so orders of
// the listing made from it wait for the owner (申请中).
func (w *World) ManualReview(owner, id string) {
	w.T.Helper()
	d, err := w.Svc.Draft(w.Ctx, owner, id)
	w.Must(err)
	d.Draft.Info.OrderReview = workflow.OrderReviewManual
	_, _, err = w.Svc.SaveDraft(w.Ctx, owner, id, d.Draft, d.Rev)
	w.Must(err)
}

// Listed takes an online plugin through review to a shown listing.
func (w *World) Listed(owner, id string) workflow.Submission {
	w.T.Helper()
	sub, err := workflowtest.List(w.Ctx, w.Svc, owner, id)
	w.Must(err)
	return sub
}

// Drive feeds msg to a screen and then every message its commands produce,
// breadth first, as the program loop would; commands that only wait (ticks)
// are the caller's business and are not run. It returns the messages seen.
func Drive(t testing.TB, s common.Screen, msgs ...tea.Msg) []tea.Msg {
	t.Helper()
	return drive(t, "a screen", msgs, func(msg tea.Msg) tea.Cmd {
		switch msg.(type) {
		case common.PushMsg, common.PopMsg, common.InfoMsg, common.ErrMsg:
			return nil // the root's business
		}
		_, cmd := s.Update(msg)
		return cmd
	})
}

// DriveModel is Drive for a whole program model (the root): it feeds msgs
// and everything their commands produce back into m, and returns the model
// and the messages seen. The root's change poll only ticks, so it is not run.
func DriveModel(t testing.TB, m tea.Model, msgs ...tea.Msg) (tea.Model, []tea.Msg) {
	t.Helper()
	seen := drive(t, "the program", msgs, func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		return cmd
	})
	return m, seen
}

// drive gives update msgs and then every message the commands it returns
// produce, breadth first, and returns the messages seen; what names the
// driven when it never settles.
func drive(t testing.TB, what string, msgs []tea.Msg, update func(tea.Msg) tea.Cmd) []tea.Msg {
	t.Helper()
	var seen []tea.Msg
	for n := 0; len(msgs) > 0; n++ {
		if n > 1000 {
			t.Fatalf("%s kept producing messages", what)
		}
		msg := msgs[0]
		msgs = msgs[1:]
		seen = append(seen, msg)
		msgs = append(msgs, Run(update(msg))...)
	}
	return seen
}

// Run executes a command and flattens batches into their messages. A
// command that waits (a tick, a blink) is abandoned after CmdTimeout: screen
// tests drive what the user does, not the clock.
func Run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(CmdTimeout):
		return nil
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, Run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// CmdTimeout is how long Run waits for one command.
const CmdTimeout = 3 * time.Second

// Key makes a key message from what a person types: "enter", "esc",
// "ctrl+s", or runes.
func Key(s string) tea.KeyMsg {
	for k, name := range keyNames {
		if name == s {
			return tea.KeyMsg{Type: k}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

var keyNames = map[tea.KeyType]string{
	tea.KeyEnter: "enter", tea.KeyEsc: "esc", tea.KeyTab: "tab", tea.KeyShiftTab: "shift+tab",
	tea.KeyUp: "up", tea.KeyDown: "down", tea.KeyCtrlS: "ctrl+s", tea.KeyCtrlC: "ctrl+c",
	tea.KeyPgDown: "pgdown", tea.KeyPgUp: "pgup", tea.KeyHome: "home", tea.KeyEnd: "end", tea.KeyBackspace: "backspace",
	tea.KeyLeft: "left", tea.KeyRight: "right", tea.KeyCtrlN: "ctrl+n", tea.KeyCtrlP: "ctrl+p", tea.KeyCtrlR: "ctrl+r",
	tea.KeyCtrlO: "ctrl+o", tea.KeyCtrlL: "ctrl+l",
}

// Find returns the first message of type T among msgs.
func Find[T any](msgs []tea.Msg) (T, bool) {
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// CheckFits fails when a view has a line wider than w or more than h lines.
func CheckFits(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if view != "" && len(lines) > h {
		t.Errorf("%d lines in a %d-line box", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got > w {
			t.Errorf("line %d is %d cells wide in a %d-cell box: %q", i, got, w, l)
		}
	}
}

// TypeOf names a message's type, for failure messages.
func TypeOf(m tea.Msg) string { return reflect.TypeOf(m).String() }

// ContainsAll fails the test, naming what was looked at, for each of wants
// that view does not contain.
func ContainsAll(t testing.TB, what, view string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(view, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, view)
		}
	}
}
