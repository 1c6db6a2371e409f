package tui

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
)

// How the monkey (monkey_test.go) delivers messages and runs commands as
// the program loop would, with timers, and how it reports a failure.

// send delivers one message and everything its commands answer.
func (mk *monkey) send(msg tea.Msg) { mk.deliver(msg) }

// deliver runs the queue the way the program loop would: each message to
// Update, the view checked, the commands' answers queued behind.
func (mk *monkey) deliver(queue ...tea.Msg) {
	for n := 0; len(queue) > 0; n++ {
		if n > 5000 {
			mk.fail("the program kept producing messages")
		}
		msg := queue[0]
		queue = queue[1:]
		if msg == nil {
			continue
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			if !mk.ending {
				mk.fail("the program quit by itself")
			}
			mk.quit = true
			continue
		}
		var cmd tea.Cmd
		mk.guard("Update("+typeName(msg)+")", func() {
			next, c := mk.m.Update(msg)
			mk.m, cmd = next.(Model), c
		})
		mk.check()
		queue = append(queue, mk.run(cmd)...)
	}
}

// guard runs fn and turns a panic into a failure with the seed and trail.
func (mk *monkey) guard(what string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 16<<10)
			buf = buf[:runtime.Stack(buf, false)]
			mk.fail("%s panicked: %v\n%s", what, r, buf)
		}
	}()
	fn()
}

// run executes a command as the program would, flattening batches and
// sequences. Storage runs synchronously and must answer in time; timers
// run on the wall clock and answer at a flush.
func (mk *monkey) run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	name := mk.funcName(cmd)
	if isTimer(name) {
		mk.startTimer(cmd)
		return nil
	}
	done := make(chan tea.Msg, 1)
	failed := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				buf := make([]byte, 16<<10)
				failed <- fmt.Sprintf("the command %s panicked: %v\n%s", name, r, buf[:runtime.Stack(buf, false)])
			}
		}()
		done <- cmd()
	}()
	var msg tea.Msg
	select {
	case msg = <-done:
	case f := <-failed:
		mk.fail("%s", f)
	case <-time.After(monkeyCmdTimeout):
		mk.fail("the command %s did not answer in %s", name, monkeyCmdTimeout)
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, mk.run(c)...)
		}
		return out
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg // tea.Sequence: in order
		for i := range v.Len() {
			out = append(out, mk.run(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if typeName(msg) == "tea.windowSizeMsg" {
		// tea.WindowSize asks the program for the size it has.
		return []tea.Msg{msg, tea.WindowSizeMsg{Width: mk.w, Height: mk.h}}
	}
	return []tea.Msg{msg}
}

func (mk *monkey) funcName(cmd tea.Cmd) string {
	pc := reflect.ValueOf(cmd).Pointer()
	if n, ok := mk.names[pc]; ok {
		return n
	}
	n := "?"
	if f := runtime.FuncForPC(pc); f != nil {
		n = f.Name()
	}
	mk.names[pc] = n
	return n
}

// isTimer tells the commands that wait on the clock.
func isTimer(name string) bool {
	return strings.HasPrefix(name, "github.com/charmbracelet/bubbletea.Tick.") ||
		strings.HasPrefix(name, "github.com/charmbracelet/bubbletea.Every.") ||
		strings.HasPrefix(name, "github.com/charmbracelet/bubbles/cursor.(*Model).BlinkCmd.")
}

func (mk *monkey) startTimer(cmd tea.Cmd) {
	mk.mu.Lock()
	mk.timerSeq++
	seq := mk.timerSeq
	mk.lastTimer = time.Now()
	mk.mu.Unlock()
	go func() {
		msg := cmd()
		mk.mu.Lock()
		defer mk.mu.Unlock()
		if msg != nil {
			mk.timers[seq] = msg
		}
	}()
}

func (mk *monkey) note(format string, args ...any) {
	mk.mu.Lock()
	defer mk.mu.Unlock()
	if len(mk.trail) >= 40 {
		mk.trail = mk.trail[1:]
	}
	mk.trail = append(mk.trail, fmt.Sprintf(format, args...))
}

func (mk *monkey) tail() string {
	mk.mu.Lock()
	defer mk.mu.Unlock()
	return "  " + strings.Join(mk.trail, "\n  ")
}

func (mk *monkey) fail(format string, args ...any) {
	mk.t.Helper()
	again := fmt.Sprintf("seed %d (go test ./tui -run 'TestMonkey/%s' -monkey.seed=%d)", mk.seed, mk.tg.name, mk.seed)
	if mk.replaying {
		again = "replayed"
	}
	mk.t.Fatalf("%s\nscreen %q, terminal %dx%d, %s; the last events:\n%s",
		fmt.Sprintf(format, args...), mk.m.top().Title(), mk.w, mk.h, again, mk.tail())
}

// describe is a message as the trail shows it: keys quoted, pastes cut.
func describe(msg tea.Msg) string {
	switch m := msg.(type) {
	case tea.KeyMsg:
		if m.Type == tea.KeyRunes {
			s := string(m.Runes)
			p := ""
			if m.Paste {
				p = "paste "
			}
			if m.Alt {
				p += "alt "
			}
			if len(m.Runes) > 40 {
				return fmt.Sprintf("%s%q… (%d runes)", p, string(m.Runes[:40]), len(m.Runes))
			}
			return fmt.Sprintf("%s%q", p, s)
		}
		return m.String()
	case common.PushMsg:
		return "push " + m.Screen.Title()
	}
	return typeName(msg)
}

func typeName(msg tea.Msg) string { return reflect.TypeOf(msg).String() }
