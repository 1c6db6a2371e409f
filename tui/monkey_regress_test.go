package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
)

// Regressions the monkey (monkey_test.go) found, each replayed as a
// fixed sequence of messages.

// Typed and pasted text reached the inputs raw: a bidi override typed into
// the plugin filter (or any prompt, search box or form) was drawn as it
// came, and a pasted escape sequence left its tail behind.
func TestTypedTextIsSanitised(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", tuitest.DemoPlate, "车牌识别")
	ctx := w.Context("dev1")
	m, _ := tuitest.DriveModel(t, New(ctx, Home(ctx)), tea.WindowSizeMsg{Width: 80, Height: 12})
	m, _ = tuitest.DriveModel(t, m, namedKey("/"), runes([]rune("w͓̑\u2068")...), runes('\u202e'),
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("车\x1b]0;pwned\x07牌\x1b[2J"), Paste: true})
	view := m.View()
	for i, l := range strings.Split(view, "\n") {
		if bad := unsafeRune(l); bad != "" {
			t.Errorf("line %d holds %s: %q", i, bad, l)
		}
	}
	if !strings.Contains(view, "w͓̑车牌") || strings.Contains(view, "pwned") || strings.Contains(view, "[2J") {
		t.Errorf("the filter should read w͓̑车牌:\n%s", view)
	}
}

// ansi.Truncate counts "5\ufe0f" (a digit and the emoji selector) as one
// cell where ansi.StringWidth counts two, so the root's clip left the
// filter line a cell wider than a 21-column terminal.
func TestEmojiTypedIntoANarrowTerminalFits(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", tuitest.DemoPlate, "车牌识别")
	ctx := w.Context("dev1")
	m, _ := tuitest.DriveModel(t, New(ctx, Home(ctx)), tea.WindowSizeMsg{Width: 21, Height: 13}, namedKey("/"))
	for _, r := range []string{"佡", "🫠", "馍", "\ue000", "ᄀ", "Ａ", "氹", "胧", "1️⃣", "夋", "_", "5\ufe0f", "1", "."} {
		m, _ = tuitest.DriveModel(t, m, runes([]rune(r)...))
	}
	tuitest.CheckFits(t, m.View(), 21, 13)
}

// replay opens the target the way the monkey steers to it and sends msgs,
// with the monkey's checks on every message: a regression test of the
// exact keys the monkey found something with.
func replay(t *testing.T, tg monkeyTarget, msgs ...tea.Msg) *monkey {
	t.Helper()
	mk := newMonkey(t, tg, 1)
	mk.replaying = true
	watchdog := mk.watchdog()
	defer watchdog.Stop()
	if tg.path != nil {
		for _, s := range tg.path(mk) {
			mk.send(common.PushMsg{Screen: s})
		}
	}
	for _, k := range tg.then {
		mk.send(namedKey(k))
	}
	for _, msg := range msgs {
		mk.note("%s", describe(msg))
		mk.send(msg)
	}
	return mk
}

func target(name string) monkeyTarget {
	for _, tg := range monkeyTargets {
		if tg.name == name {
			return tg
		}
	}
	panic("no monkey target " + name)
}

// alt+b or alt+left with only blanks before the cursor sent bubbles'
// textarea into an endless loop (wordLeft never finds a word): the console
// froze for good. The monkey found it in the rejection prompt (seed 20);
// every textarea of the console had it.
func TestWordLeftOverBlanksAnswers(t *testing.T) {
	home, space := namedKey("ctrl+home"), namedKey(" ")
	altB, altLeft := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}, Alt: true}, tea.KeyMsg{Type: tea.KeyLeft, Alt: true}
	for _, c := range []struct {
		name, target string
		way          []string
	}{
		{"驳回原因 prompt", "对话框驳回原因", []string{"x"}},
		{"新建版本 prompt", "对话框新建版本", []string{"n"}},
		{"服务描述 (huh text)", "发布①插件信息", []string{"tab", "tab"}},
		{"接入说明 (instructions)", "发布②接入指引", []string{"left", "e"}},
		{"组件描述 (entry editor)", "发布②接入指引", []string{"enter", "tab"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var msgs []tea.Msg
			for _, k := range c.way {
				msgs = append(msgs, namedKey(k))
			}
			msgs = append(msgs, altB, altLeft, space, space, altB, home, space, altLeft, altB, runes('Z'))
			mk := replay(t, target(c.target), msgs...)
			if !strings.Contains(mk.m.View(), "Z") {
				t.Errorf("the text typed after the word-left moves is missing:\n%s", mk.m.View())
			}
		})
	}
}

// alt+delete or alt+d with the cursor on the last character of a one-line
// input made bubbles' textinput read past its text: a panic that ended the
// program. The monkey found it in the plugin filter (seed 32); every
// one-line input of the console had it.
func TestDeleteWordForwardAtTheLastCharacter(t *testing.T) {
	altDel, altD := tea.KeyMsg{Type: tea.KeyDelete, Alt: true}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'d'}, Alt: true}
	for _, c := range []struct {
		name, target string
		way          []string
	}{
		{"plugin filter", "插件", []string{"/", "/", "left"}}, // the monkey's own keys
		{"market search", "服务市场", []string{"/", "车牌", "left"}},
		{"服务标题 (huh input)", "发布①插件信息", []string{"end", "left"}},
		{"组件名称 (entry editor)", "发布②接入指引", []string{"enter", "end", "left"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var msgs []tea.Msg
			for _, k := range c.way {
				msgs = append(msgs, namedKey(k))
			}
			msgs = append(msgs, altDel, namedKey("left"), altD, runes('Z'))
			mk := replay(t, target(c.target), msgs...)
			if !strings.Contains(mk.m.View(), "Z") {
				t.Errorf("the text typed after the deletes is missing:\n%s", mk.m.View())
			}
		})
	}
}
