package tabs

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
)

type initMsg struct{ name string }

type dataMsg struct{}

// child is a screen that records what reaches it.
type child struct {
	name      string
	capturing bool
	inits     int
	got       []tea.Msg
	w, h      int
	k         key.Binding
}

func newChild(name string) *child {
	return &child{name: name, k: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", name))}
}

func (c *child) Init() tea.Cmd {
	c.inits++
	return func() tea.Msg { return initMsg{c.name} }
}

func (c *child) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	c.got = append(c.got, msg)
	return c, nil
}

// View is wider and taller than any box: tabs must cut it.
func (c *child) View() string {
	return strings.Repeat(c.name+"的内容很长很长很长很长很长很长很长很长很长很长很长\n", 40)
}
func (c *child) SetSize(w, h int)          { c.w, c.h = w, h }
func (c *child) Title() string             { return c.name }
func (c *child) Capturing() bool           { return c.capturing }
func (c *child) ShortHelp() []key.Binding  { return []key.Binding{c.k} }
func (c *child) FullHelp() [][]key.Binding { return [][]key.Binding{{c.k}} }

func (c *child) last() tea.Msg {
	if len(c.got) == 0 {
		return nil
	}
	return c.got[len(c.got)-1]
}

// typed reports whether msg is the key press s.
func typed(msg tea.Msg, s string) bool {
	k, ok := msg.(tea.KeyMsg)
	return ok && k.String() == s
}

func setup() (*Model, *child, *child) {
	ctx := &common.Context{Styles: common.NewStyles()}
	a, b := newChild("插件"), newChild("服务市场")
	return New(ctx, "2021004100000001", Tab{Name: a.name, Screen: a}, Tab{Name: b.name, Screen: b}), a, b
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestSwitch(t *testing.T) {
	m, a, b := setup()
	if cmd := m.Init(); cmd == nil || cmd() != (initMsg{"插件"}) || b.inits != 0 {
		t.Fatal("Init starts the first tab only")
	}
	if m.Title() != "2021004100000001 · 插件" {
		t.Errorf("title %q", m.Title())
	}
	_, cmd := m.Update(runes("2"))
	if m.Active() != 1 || b.inits != 1 || cmd == nil || cmd() != (initMsg{"服务市场"}) {
		t.Fatalf("2 shows and starts the second tab: active %d", m.Active())
	}
	if len(b.got) != 0 {
		t.Error("the tab key is the container's")
	}
	_, cmd = m.Update(runes("1"))
	if m.Active() != 0 || a.inits != 1 || cmd == nil || cmd() != (common.ReloadMsg{}) {
		t.Error("a tab shown before is reloaded, not started again")
	}
	if _, cmd = m.Update(runes("1")); cmd != nil {
		t.Error("the shown tab's key does nothing")
	}
	m.Update(runes("x"))
	if !typed(a.last(), "x") || len(b.got) != 0 {
		t.Error("other keys go to the shown tab only")
	}
	a.capturing = true
	m.Update(runes("2"))
	if m.Active() != 0 || !typed(a.last(), "2") || !m.Capturing() {
		t.Error("while the tab is capturing, 2 is text")
	}
}

func TestMessages(t *testing.T) {
	m, a, b := setup()
	m.Init()
	m.Update(common.ReloadMsg{})
	if a.last() != (common.ReloadMsg{}) || len(b.got) != 0 {
		t.Error("reload is the shown tab's")
	}
	m.Update(dataMsg{})
	if a.last() != (dataMsg{}) || b.last() != (dataMsg{}) {
		t.Error("data messages go to every tab, each taking its own")
	}
}

func TestMouse(t *testing.T) {
	m, a, b := setup()
	m.SetSize(40, 10)
	m.Init()
	// The bar is " 1 插件 " then " 2 服务市场 ": the second label starts
	// at the first one's width.
	x := lipgloss.Width(" 1 插件 ")
	m.Update(tea.MouseMsg{X: x, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionRelease})
	if m.Active() != 0 {
		t.Error("a release on the bar switches nothing")
	}
	m.Update(tea.MouseMsg{X: x - 1, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.Active() != 0 || len(a.got) != 0 {
		t.Error("a click on the shown tab's label does nothing and reaches no tab")
	}
	m.Update(tea.MouseMsg{X: x, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.Active() != 1 {
		t.Fatal("a click on the second label shows it")
	}
	m.Update(tea.MouseMsg{X: 39, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.Active() != 1 {
		t.Error("a click past the labels switches nothing")
	}
	m.Update(tea.MouseMsg{X: 3, Y: 4, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if got, ok := b.last().(tea.MouseMsg); !ok || got.Y != 3 || got.X != 3 {
		t.Errorf("a click below the bar reaches the tab counted from its first line: %v", b.last())
	}
}

func TestSizes(t *testing.T) {
	m, a, b := setup()
	m.Init()
	for _, s := range [][2]int{{10, 3}, {30, 8}, {1, 1}, {80, 24}} {
		w, h := s[0], s[1]
		m.SetSize(w, h)
		if a.w != w || a.h != h-1 || b.w != w || b.h != h-1 {
			t.Errorf("%d×%d: the tabs get %d×%d and %d×%d, the bar takes a line", w, h, a.w, a.h, b.w, b.h)
		}
		for _, tab := range []string{"1", "2"} {
			m.Update(runes(tab))
			tuitest.CheckFits(t, m.View(), w, h)
		}
	}
	m.SetSize(0, 0)
	if a.h != 0 || m.View() != "" {
		t.Error("no room: no negative height, nothing drawn")
	}
}

func TestHelp(t *testing.T) {
	m, _, _ := setup()
	if h := m.ShortHelp(); len(h) != 1 || h[0].Help().Desc != "插件" {
		t.Errorf("short help is the shown tab's: %v", h)
	}
	full := m.FullHelp()
	tabKeys := full[len(full)-1]
	if len(tabKeys) != 2 || tabKeys[1].Help().Key != "2" || tabKeys[1].Help().Desc != "服务市场" {
		t.Errorf("full help ends with the tab keys: %v", tabKeys)
	}
}
