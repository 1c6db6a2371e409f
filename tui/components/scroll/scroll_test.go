package scroll

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/tuitest"
)

// content is n lines, each wider than any box here and half Chinese.
func content(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%03d 第%d行的内容很长很长很长很长很长很长很长很长 and some ASCII after it\n", i, i)
	}
	return b.String()
}

func TestSizes(t *testing.T) {
	m := New()
	m.SetContent(content(50))
	for _, s := range [][2]int{{10, 3}, {30, 8}, {1, 1}, {80, 24}, {200, 60}} {
		m.SetSize(s[0], s[1])
		for _, k := range []string{"G", "g", "down", "pgdown"} {
			m.Update(tuitest.Key(k))
			tuitest.CheckFits(t, m.View(), s[0], s[1])
		}
	}
	m.SetSize(0, 5)
	if m.View() != "" {
		t.Error("no width, nothing drawn")
	}
	m.SetSize(5, 0)
	if m.View() != "" {
		t.Error("no height, nothing drawn")
	}
	m.SetSize(30, 8)
	m.SetTop(0)
	if v := m.View(); !strings.HasPrefix(v, "000 第0行") || strings.Count(v, "\n") != 7 {
		t.Errorf("the first 8 lines, cut to the width:\n%s", v)
	}
}

func TestKeys(t *testing.T) {
	m := New()
	m.SetContent(content(20))
	m.SetSize(30, 5)
	for _, c := range []struct {
		key string
		top int
	}{
		{"up", 0}, // nothing above the first line
		{"down", 1}, {"j", 2}, {"k", 1},
		{"pgdown", 5}, {" ", 9}, {"pgup", 5}, // a page is the height less one line
		{"G", 15}, {"down", 15}, // the last line stays at the bottom
		{"g", 0}, {"end", 15}, {"home", 0},
	} {
		m.Update(tuitest.Key(c.key))
		if m.Top() != c.top {
			t.Errorf("after %q the top is %d, want %d", c.key, m.Top(), c.top)
		}
	}
	m.Update(tuitest.Key("x"))
	if m.Top() != 0 {
		t.Error("another key does not scroll")
	}
}

func TestMouse(t *testing.T) {
	m := New()
	m.SetContent(content(20))
	m.SetSize(30, 5)
	wheel := func(b tea.MouseButton, a tea.MouseAction) { m.Update(tea.MouseMsg{Button: b, Action: a}) }
	wheel(tea.MouseButtonWheelDown, tea.MouseActionPress)
	if m.Top() != WheelLines {
		t.Errorf("a wheel notch scrolls %d lines, top %d", WheelLines, m.Top())
	}
	wheel(tea.MouseButtonWheelDown, tea.MouseActionRelease)
	wheel(tea.MouseButtonLeft, tea.MouseActionPress)
	if m.Top() != WheelLines {
		t.Errorf("a release or a click does not scroll, top %d", m.Top())
	}
	for range 10 {
		wheel(tea.MouseButtonWheelDown, tea.MouseActionPress)
	}
	if m.Top() != 15 {
		t.Errorf("the wheel stops at the bottom, top %d", m.Top())
	}
	wheel(tea.MouseButtonWheelUp, tea.MouseActionPress)
	if m.Top() != 12 {
		t.Errorf("wheel up, top %d", m.Top())
	}
}

// SetContent keeps the position where it still exists, and a pane shorter
// than its content after a resize scrolls no further than its end.
func TestContentKeepsPosition(t *testing.T) {
	m := New()
	m.SetContent(content(20))
	m.SetSize(30, 5)
	m.SetTop(7)
	m.SetContent(content(30))
	if m.Top() != 7 {
		t.Errorf("a reload keeps the top, got %d", m.Top())
	}
	m.SetContent(content(9))
	if m.Top() != 4 || m.Lines() != 9 {
		t.Errorf("a shorter text clamps the top to %d, got %d", 4, m.Top())
	}
	m.SetSize(30, 20)
	if m.Top() != 0 {
		t.Errorf("a pane taller than its text shows it from the top, got %d", m.Top())
	}
}
