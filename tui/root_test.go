package tui_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/components/tabs"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestMain(m *testing.M) {
	tuitest.Main(m)
}

const pid = "2021004100000001"

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// A developer opens a plugin, adds a version from the keyboard, and sees a
// plugin another terminal created appear without pressing a key.
func TestDeveloperFlowAndLiveChanges(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	tm := teatest.NewTestModel(t, tui.New(ctx, tui.Home(ctx)), teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "车牌识别")

	// Another terminal: its own store and service on the same file.
	w.CreateElsewhere("2021004100000009", "发票助手")
	waitFor(t, tm, "发票助手") // no key was pressed

	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	// The versions loaded (n is offered once the facts are in), then the
	// dialog itself: the footer names 新建版本 before either.
	waitFor(t, tm, "已上线")
	tm.Type("n")
	waitFor(t, tm, "新建版本 x.y.z")
	tm.Type("1.1.0")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "开发中")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
	vs, err := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if err != nil || len(vs) != 2 || vs[0].SemVer.String() != "1.1.0" {
		t.Fatalf("versions after the flow: %v %v", vs, err)
	}
	// The times in the table are the clock's; mask them for the golden.
	golden.RequireEqual(t, []byte(maskTimes(final)))
}

// The console survives any size, down to one cell, and still quits on q.
func TestEverySizeFits(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	m := tea.Model(tui.New(ctx, tui.Home(ctx)))
	for _, msg := range tuitest.Run(m.Init()) {
		m, _ = m.Update(msg)
	}
	for _, sz := range [][2]int{{100, 30}, {80, 24}, {20, 5}, {1, 1}, {300, 100}, {0, 0}, {7, 2}} {
		m, _ = m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		view := m.View()
		tuitest.CheckFits(t, view, sz[0], sz[1])
		for _, k := range []string{"?", "x", "enter", "esc", "/", "车", "esc"} {
			var cmd tea.Cmd
			m, cmd = m.Update(tuitest.Key(k))
			for _, msg := range tuitest.Run(cmd) {
				m, _ = m.Update(msg)
			}
			tuitest.CheckFits(t, m.View(), sz[0], sz[1])
		}
	}
	_, cmd := m.Update(tuitest.Key("q"))
	if cmd == nil {
		t.Fatal("q must quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q must quit")
	}
}

func maskTimes(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		fields := strings.Fields(line)
		for _, f := range fields {
			if len(f) == 10 && f[4] == '-' && f[7] == '-' {
				line = strings.ReplaceAll(line, f, "YYYY-MM-DD")
			}
			if len(f) == 5 && f[2] == ':' {
				line = strings.ReplaceAll(line, f, "hh:mm")
			}
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// fake is a screen that records what the root hands it.
type fake struct {
	keys      []tea.KeyMsg
	mice      []tea.MouseMsg
	capturing bool
	bindings  []key.Binding
	edits     int   // edit notices received
	reloads   int   // reloads asked for
	escEdits  []int // edits seen when each esc arrived
	w, h      int
}

type editedMsg struct{}

func (f *fake) Init() tea.Cmd { return nil }
func (f *fake) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		f.keys = append(f.keys, msg)
		if msg.Type == tea.KeyEsc {
			f.escEdits = append(f.escEdits, f.edits)
			return f, nil
		}
		// Like the wizard: an edit is applied now and announced by a message.
		return f, func() tea.Msg { return editedMsg{} }
	case tea.MouseMsg:
		f.mice = append(f.mice, msg)
	case editedMsg:
		f.edits++
	case common.ReloadMsg:
		f.reloads++
	}
	return f, nil
}
func (f *fake) View() string              { return "fake" }
func (f *fake) SetSize(w, h int)          { f.w, f.h = w, h }
func (f *fake) Title() string             { return "fake" }
func (f *fake) Capturing() bool           { return f.capturing }
func (f *fake) ShortHelp() []key.Binding  { return f.bindings }
func (f *fake) FullHelp() [][]key.Binding { return [][]key.Binding{f.bindings} }
func (f *fake) keyStrings() (out []string) {
	for _, k := range f.keys {
		out = append(out, k.String())
	}
	return out
}

func fakeRoot(t *testing.T, f *fake, w, h int) (tea.Model, *tuitest.World) {
	t.Helper()
	world := tuitest.NewWorld(t)
	ctx := world.Context("dev1")
	m := tea.Model(tui.New(ctx, f))
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, world
}

func update(m tea.Model, msg tea.Msg) (tea.Model, tea.Cmd) { return m.Update(msg) }

// Issue 11.2: "jj" in one read is two presses outside a text field, and
// text inside one; a paste is never split.
func TestBatchedRunesAreKeyPresses(t *testing.T) {
	f := &fake{}
	m, _ := fakeRoot(t, f, 80, 24)
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	if got := f.keyStrings(); strings.Join(got, ",") != "j,j" {
		t.Fatalf("jj in one read reached the screen as %q, want two j presses", got)
	}
	f.keys = nil
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jk"), Paste: true})
	if got := f.keyStrings(); len(got) != 1 || got[0] != "[jk]" {
		t.Fatalf("a paste must stay one message, got %q", got)
	}
	f.keys, f.capturing = nil, true
	update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	if got := f.keyStrings(); len(got) != 1 || got[0] != "jj" {
		t.Fatalf("in a text field jj is text, got %q", got)
	}
}

// Issue 11.1: a terminal pastes line breaks as carriage returns; they reach
// the screen as \n instead of vanishing.
func TestPastedLineBreaksReachTheScreen(t *testing.T) {
	f := &fake{capturing: true}
	m, _ := fakeRoot(t, f, 80, 24)
	update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a\r\nb\rc\x1b[31m"), Paste: true})
	if len(f.keys) != 1 || string(f.keys[0].Runes) != "a\nb\nc" {
		t.Fatalf("the paste reached the screen as %q, want %q", f.keyStrings(), "a\nb\nc")
	}
}

// Issue 11.5: "abc" and esc in one read arrive before the message the
// typing asked for; the root holds esc until that message has landed.
func TestEscInTheSameReadWaitsForTheEdit(t *testing.T) {
	f := &fake{capturing: true}
	m, _ := fakeRoot(t, f, 80, 24)
	m, typed := update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("abc")})
	m, esc := update(m, tea.KeyMsg{Type: tea.KeyEsc})
	// The program loop: esc was already queued; the commands run after.
	for _, msg := range tuitest.Run(typed) {
		m, _ = update(m, msg)
	}
	for _, msg := range tuitest.Run(esc) {
		m, _ = update(m, msg)
	}
	if len(f.escEdits) != 1 || f.escEdits[0] != 1 {
		t.Fatalf("esc was handled with %v edits landed, want it after the one edit", f.escEdits)
	}
	// Keys typed behind a held esc keep their order.
	f.keys, f.escEdits = nil, nil
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	m, esc = update(m, tea.KeyMsg{Type: tea.KeyEsc})
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	for _, msg := range tuitest.Run(esc) {
		m, _ = update(m, msg)
	}
	if got := strings.Join(f.keyStrings(), ","); got != "x,esc,y" {
		t.Fatalf("keys reached the screen as %s, want x,esc,y", got)
	}
}

// Issue 11.3: the footer shows what fits and ends with "? more" when
// something did not fit.
func TestFooterEndsWithMoreWhenCut(t *testing.T) {
	var bs []key.Binding
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "u", "J"} {
		bs = append(bs, key.NewBinding(key.WithKeys(k), key.WithHelp(k, "action "+k)))
	}
	f := &fake{bindings: bs}
	m, _ := fakeRoot(t, f, 60, 10)
	lines := strings.Split(m.View(), "\n")
	footer := strings.TrimRight(lines[len(lines)-1], " ")
	if !strings.HasSuffix(footer, "? more") || !strings.Contains(footer, "a action a") {
		t.Fatalf("at 60 columns the footer should end with ? more: %q", footer)
	}
	if strings.Contains(footer, "…") {
		t.Fatalf("the footer is cut with … instead of ? more: %q", footer)
	}
	m, _ = update(m, tea.WindowSizeMsg{Width: 200, Height: 10})
	lines = strings.Split(m.View(), "\n")
	footer = lines[len(lines)-1]
	if strings.Contains(footer, "more") || !strings.Contains(footer, "J action J") || !strings.Contains(footer, "q quit") {
		t.Fatalf("at 200 columns everything fits: %q", footer)
	}
}

// Issue 11.7: a long message wraps instead of losing who and when, the
// body gives up the lines, ! shows the last messages, and a message about a
// state another terminal has since changed is cleared.
func TestStatusWrapsKeepsHistoryAndGoesStale(t *testing.T) {
	f := &fake{}
	m, w := fakeRoot(t, f, 60, 20)
	if f.h != 17 {
		t.Fatalf("body height %d, want 17", f.h)
	}
	otherSvc := w.Elsewhere()
	msg := "draft of 2021004100000001 was changed by dev1 at 2026-12-01 10:42:07; reload to see it"
	m, cmd := update(m, common.ErrMsg{Err: errors.New(msg)})
	for _, r := range tuitest.Run(cmd) {
		m, _ = update(m, r)
	}
	view := m.View()
	flat := strings.Join(strings.Fields(view), " ")
	if !strings.Contains(flat, "changed by dev1 at 2026-12-01 10:42:07") {
		t.Fatalf("the status lost who and when:\n%s", view)
	}
	if f.h >= 17 {
		t.Fatalf("the body should shrink for a wrapped status, is %d", f.h)
	}
	m, _ = update(m, common.InfoMsg{Text: "版本 1.1.0 已创建"})
	if f.h != 17 {
		t.Fatalf("a one-line status gives the lines back, body %d", f.h)
	}
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("!")})
	view = strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(view, "版本 1.1.0 已创建") || !strings.Contains(view, "changed by dev1 at 2026-12-01 10:42:07; reload to see it") {
		t.Fatalf("! should list the last messages in full:\n%s", m.View())
	}
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	if strings.Contains(m.View(), "reload to see it") {
		t.Fatal("any key closes the messages")
	}

	// An error, then nothing changes: it stays through the polls.
	m, cmd = update(m, common.ErrMsg{Err: errors.New("#3 is not in review")})
	for _, r := range tuitest.Run(cmd) {
		m, _ = update(m, r)
	}
	poll := func() { t.Helper(); m = pollOnce(t, m) }
	poll()
	if !strings.Contains(m.View(), "#3 is not in review") {
		t.Fatal("an error with nothing changed since must stay")
	}
	// Another terminal commits: the error is about a state that is gone.
	if _, err := otherSvc.CreatePlugin(context.Background(), "dev1", "2021004100000009", "发票助手"); err != nil {
		t.Fatal(err)
	}
	poll()
	if strings.Contains(m.View(), "#3 is not in review") {
		t.Fatal("the error should be cleared once another terminal changed the data")
	}
}

// The database away (a PostgreSQL server restarting): the status says so
// in one line, once, without a storm of retries; once it is back, the
// console says so and reloads.
func TestLostDatabaseSaysSoThenReloads(t *testing.T) {
	f := &fake{}
	world := tuitest.NewWorld(t)
	ctx := world.Context("dev1")
	var down atomic.Bool
	changes := ctx.Changes
	ctx.Changes = func(c context.Context) (int64, error) {
		if down.Load() {
			return 0, errors.New("lost the connection to the PostgreSQL server 127.0.0.1:5432/plugpub (the connection was lost); reconnecting")
		}
		return changes(c)
	}
	m := tea.Model(tui.New(ctx, f))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = pollOnce(t, m)
	body, reloads := f.h, f.reloads
	const lost = "database connection lost; reconnecting…"
	down.Store(true)
	m = pollOnce(t, m)
	m = pollOnce(t, m)
	if v := m.View(); strings.Count(v, lost) != 1 || f.h != body {
		t.Fatalf("the console should say in one line that the database is away (body %d, was %d):\n%s", f.h, body, v)
	}
	// A screen's query fails meanwhile: its error shows, and checking the
	// change counter after it does not turn into another error, and another.
	m, cmd := update(m, common.ErrMsg{Err: errors.New("reading plugin 2021004100000001: the connection was lost")})
	for _, r := range tuitest.Run(cmd) {
		if _, again := r.(common.ErrMsg); again {
			t.Fatalf("an error while the database is away begets another: %v", r)
		}
		m, _ = update(m, r)
	}
	if v := m.View(); !strings.Contains(v, lost) {
		t.Fatalf("a screen's failure while the database is away should not hide that it is away:\n%s", v)
	}
	down.Store(false)
	m = pollOnce(t, m)
	if v := m.View(); !strings.Contains(v, "database reconnected; reloaded") || strings.Contains(v, lost) {
		t.Fatalf("back, the console should say so:\n%s", v)
	}
	if f.reloads == reloads {
		t.Fatal("back, the console did not reload what it missed")
	}
}

// pollOnce runs the root's change check as its poll would.
func pollOnce(t *testing.T, m tea.Model) tea.Model {
	t.Helper()
	// Init's only command with a screen that starts nothing is the poll tick.
	init := m.Init()
	msgs := tuitest.Run(init) // waits one PollInterval
	for _, msg := range msgs {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		// The poll answers with a batch: the check, and the next tick.
		if b, ok := cmd().(tea.BatchMsg); ok {
			for _, r := range tuitest.Run(b[0]) {
				m, _ = m.Update(r)
			}
		}
	}
	return m
}

// Issue 11.12: at 30×8 a dialog is drawn whole or not at all: one line
// says the window is too small.
func TestDialogInASmallWindowIsWholeOrSaysSo(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	ctx.Changes = nil // DriveModel would follow the change poll forever
	m := tea.Model(tui.New(ctx, tui.Plugin(ctx, pid)))
	m, _ = tuitest.DriveModel(t, m, tea.WindowSizeMsg{Width: 30, Height: 8})
	for _, msg := range tuitest.Run(m.Init()) {
		m, _ = tuitest.DriveModel(t, m, msg)
	}
	m, _ = tuitest.DriveModel(t, m, tuitest.Key("n")) // 新建版本: a prompt
	for _, sz := range [][2]int{{30, 8}, {30, 24}, {12, 20}} {
		m, _ = m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		view := m.View()
		tuitest.CheckFits(t, view, sz[0], sz[1])
		whole := strings.Count(view, "╭") == 1 && strings.Count(view, "╮") == 1 &&
			strings.Count(view, "╰") == 1 && strings.Count(view, "╯") == 1
		if whole == strings.Contains(view, "too small") {
			t.Fatalf("at %dx%d the dialog should be whole or say the window is too small:\n%s", sz[0], sz[1], view)
		}
	}
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.View(); !strings.Contains(v, "╮") || !strings.Contains(v, "╯") {
		t.Fatalf("at 80x24 the dialog is drawn:\n%s", v)
	}
}

// Mouse: the wheel is the list keys; a click reaches the screen with Y
// counted from its body; tabs switch on a click on the tab bar.
func TestMouseRouting(t *testing.T) {
	f := &fake{}
	m, _ := fakeRoot(t, f, 80, 24)
	m, _ = update(m, tea.MouseMsg{X: 4, Y: 5, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	m, _ = update(m, tea.MouseMsg{X: 4, Y: 5, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	if got := strings.Join(f.keyStrings(), ","); got != "down,up" {
		t.Fatalf("the wheel reached the screen as %q, want down,up", got)
	}
	m, _ = update(m, tea.MouseMsg{X: 7, Y: 3, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	m, _ = update(m, tea.MouseMsg{X: 7, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}) // the title bar
	update(m, tea.MouseMsg{X: 7, Y: 23, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})       // the footer
	if len(f.mice) != 1 || f.mice[0].Y != 2 || f.mice[0].X != 7 {
		t.Fatalf("the screen got %+v, want one click at x=7 y=2 (body-relative)", f.mice)
	}

	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	ctx := w.Context("dev1")
	ctx.Changes = nil
	home := tui.Home(ctx)
	hm := tea.Model(tui.New(ctx, home))
	hm, _ = hm.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, msg := range tuitest.Run(hm.Init()) {
		hm, _ = tuitest.DriveModel(t, hm, msg)
	}
	// The tab bar is the body's first line, the window's second: " 1 插件  2 服务市场 ".
	hm, _ = tuitest.DriveModel(t, hm, tea.MouseMsg{X: 10, Y: 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if got := home.(*tabs.Model).Active(); got != 1 {
		t.Fatalf("a click on 服务市场 should show it, active tab %d:\n%s", got, hm.View())
	}
	hm, _ = tuitest.DriveModel(t, hm, tea.MouseMsg{X: 2, Y: 1, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if got := home.(*tabs.Model).Active(); got != 0 {
		t.Fatalf("a click on 插件 should show it, active tab %d", got)
	}
}

// Issue 11.14: ctrl+c quits and says so, for the exit status 130.
func TestCtrlCIsAnInterrupt(t *testing.T) {
	m, _ := fakeRoot(t, &fake{}, 80, 24)
	m, cmd := update(m, tea.KeyMsg{Type: tea.KeyCtrlC})
	if cmd == nil || !m.(tui.Model).Interrupted() {
		t.Fatal("ctrl+c must quit as an interrupt")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c must quit")
	}
	m, _ = fakeRoot(t, &fake{}, 80, 24)
	if m, _ = update(m, tuitest.Key("q")); m.(tui.Model).Interrupted() {
		t.Fatal("q is a plain quit")
	}
	if !errors.Is(tui.ErrInterrupted, context.Canceled) {
		t.Fatal("ErrInterrupted must be a context.Canceled, which exits 130")
	}
}

// The console writes screen changes and errors to the debug log (plugpub
// --log) through the context.
func TestConsoleLogsScreensAndErrors(t *testing.T) {
	var buf bytes.Buffer
	ctx := tuitest.NewWorld(t).Context("dev1")
	ctx.Log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := tea.Model(tui.New(ctx, &fake{}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.Update(common.PushMsg{Screen: &fake{}})
	m, _ = m.Update(common.ErrMsg{Err: errors.New("the disk is full")})
	m.Update(common.PopMsg{})
	got := buf.String()
	for _, want := range []string{`msg="screen open" screen=fake depth=2`, `msg="console error" screen=fake error="the disk is full"`,
		`msg="screen close" screen=fake "back to"=fake`} {
		if !strings.Contains(got, want) {
			t.Errorf("the log lacks %s:\n%s", want, got)
		}
	}
}
