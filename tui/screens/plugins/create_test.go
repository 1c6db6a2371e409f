package plugins

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
)

// TestCreatePluginInTheConsole: n opens 新建插件; an id the CLI would refuse
// is refused here too, with the whole message in the dialog, which keeps
// what was typed; a good one creates the plugin and shows it selected.
func TestCreatePluginInTheConsole(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Must(w.Svc.CreatePlugin(w.Ctx, "dev1", "2021004100000001", "车牌识别"))
	m := New(w.Context("dev1"), func(string) common.Screen { return nil })
	tuitest.Load(t, m, 80, 21)

	tuitest.Press(t, m, "n")
	if !m.Capturing() || !strings.Contains(m.View(), "新建插件") {
		t.Fatalf("n should open the dialog and capture keys:\n%s", m.View())
	}
	tuitest.Press(t, m, "12345", "enter", "电子发票", "enter")
	_, err := w.Svc.CreatePlugin(w.Ctx, "dev1", "12345", "电子发票") // what the CLI says
	if err == nil {
		t.Fatal("the service took a 5-digit id")
	}
	view := m.View()
	flat := strings.Join(strings.Fields(strings.ReplaceAll(view, "│", " ")), "")
	if !strings.Contains(flat, strings.Join(strings.Fields(err.Error()), "")) {
		t.Fatalf("the dialog should show the whole error %q:\n%s", err, view)
	}
	if !m.Capturing() || !strings.Contains(view, "电子发票") {
		t.Fatalf("the dialog should stay open with what was typed:\n%s", view)
	}
	tuitest.CheckFits(t, view, 80, 21)

	// Fix the id: back to the first field, clear it, type a good one.
	tuitest.Press(t, m, "shift+tab", "ctrl+u", "2021004100000002", "enter", "enter")
	if m.Capturing() {
		t.Fatalf("the dialog should close once the plugin is created:\n%s", m.View())
	}
	if _, err := w.Svc.Plugin(w.Ctx, "dev1", "2021004100000002"); err != nil {
		t.Fatalf("the plugin was not created: %v", err)
	}
	if p, ok := m.table.Selected(); !ok || p.ID != "2021004100000002" || p.Name != "电子发票" {
		t.Fatalf("the new plugin should be selected, got %+v %v:\n%s", p, ok, m.View())
	}
	tuitest.Press(t, m, "x")
	if m.table.Total() != 2 {
		t.Fatalf("x should clear the filter on the new id: %d rows", m.table.Total())
	}
}

// esc leaves the dialog without creating anything.
func TestCreateCancelled(t *testing.T) {
	w := tuitest.NewWorld(t)
	m := New(w.Context("dev1"), nil)
	tuitest.Load(t, m, 100, 27)
	tuitest.Press(t, m, "n", "2021004100000009", "esc")
	if m.Capturing() || m.table.Total() != 0 {
		t.Fatalf("esc should cancel: capturing %v, %d plugins", m.Capturing(), m.table.Total())
	}
}

// A click selects the plugin under it.
func TestClickSelectsPlugin(t *testing.T) {
	w := tuitest.NewWorld(t)
	for _, id := range []string{"2021004100000001", "2021004100000002", "2021004100000003"} {
		w.Must(w.Svc.CreatePlugin(w.Ctx, "dev1", id, "插件"+id[15:]))
	}
	m := New(w.Context("dev1"), nil)
	tuitest.Load(t, m, 100, 27)
	tuitest.Drive(t, m, tea.MouseMsg{X: 3, Y: 2, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if p, ok := m.table.Selected(); !ok || p.ID != "2021004100000002" {
		t.Fatalf("a click on the second row selected %+v %v", p, ok)
	}
}

// TestCreateIsNotOfferedWithoutTheDeveloperRole: workflow refuses a
// reviewer or a buyer a new plugin, so the screen neither shows n nor opens
// the dialog on it.
func TestCreateIsNotOfferedWithoutTheDeveloperRole(t *testing.T) {
	w := tuitest.NewWorld(t)
	for _, who := range []string{"rev1", "buyer1"} {
		m := New(w.Context(who), func(string) common.Screen { return nil })
		tuitest.Load(t, m, 80, 21)
		for _, b := range m.ShortHelp() {
			if b.Help().Key == "n" {
				t.Errorf("%s is offered %q", who, b.Help().Desc)
			}
		}
		tuitest.Press(t, m, "n")
		if m.Capturing() || strings.Contains(m.View(), "新建插件") {
			t.Errorf("n opened 新建插件 for %s:\n%s", who, m.View())
		}
	}
}
