package guide_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/screens/wizard/guide"
	"plugpub/tui/screens/wizard/step"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// Views are compared in plain ASCII: no styles, so any escape sequence in
// a view would have come from the draft.
func TestMain(m *testing.M) {
	tuitest.Main(m)
}

// screen lets tuitest.Drive run the step as the wizard would: keys in,
// the commands' messages back in.
type screen struct{ *guide.Step }

func (s screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) { return s, s.Step.Update(msg) }
func (s screen) Title() string                               { return "② 接入指引" }

// harness is the step on a draft of its own, in a box of a fixed size.
type harness struct {
	t     *testing.T
	d     *workflow.Draft
	s     *guide.Step
	w, h  int
	edits int // EditedMsgs seen
}

func newHarness(t *testing.T, d workflow.Draft, w, h int) *harness {
	t.Helper()
	ctx := tuitest.NewWorld(t).Context("dev1")
	d.Normalize()
	hs := &harness{t: t, d: &d, w: w, h: h}
	hs.s = guide.New(ctx, hs.d)
	hs.s.SetSize(w, h)
	return hs
}

// press presses named keys ("tab", "esc", "a", "K"), one at a time, and
// checks the view after each still fits.
func (h *harness) press(names ...string) {
	h.t.Helper()
	for _, n := range names {
		h.send(tuitest.Key(n))
	}
}

// typeText types s one rune at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tuitest.Key(string(r)))
	}
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	for _, m := range tuitest.Drive(h.t, screen{h.s}, msg) {
		if _, ok := m.(step.EditedMsg); ok {
			h.edits++
		}
	}
	h.view()
}

func (h *harness) view() string {
	h.t.Helper()
	v := h.s.View()
	tuitest.CheckFits(h.t, v, h.w, h.h)
	return v
}

// focus opens the editor of path, as a click on a problem does.
func (h *harness) focus(path string) {
	h.t.Helper()
	if !h.s.Focus(path) {
		h.t.Fatalf("Focus refused the guide path %s", path)
	}
}

// errorUnder returns the view after checking msg is drawn under the field
// labelled label.
func (h *harness) errorUnder(label, msg string) string {
	h.t.Helper()
	v := h.view()
	if got := under(v, "› "+label); !strings.Contains(got, msg) {
		h.t.Errorf("%q is not under the field %s; the line there is %q:\n%s", msg, label, got, v)
	}
	return v
}

// under returns the three lines that follow the first line containing
// marker, trimmed and joined as the wrapped text they are, so a test can
// check that an error sits under its field.
func under(view, marker string) string {
	lines := strings.Split(view, "\n")
	for i, l := range lines {
		if strings.Contains(l, marker) {
			var out []string
			for _, u := range lines[i+1 : min(len(lines), i+4)] {
				out = append(out, strings.TrimSpace(u))
			}
			return strings.Join(out, " ")
		}
	}
	return ""
}

func guideProblems(d *workflow.Draft) []workflow.Problem {
	var out []workflow.Problem
	for _, p := range d.Problems() {
		if strings.HasPrefix(p.Path, "guide.") {
			out = append(out, p)
		}
	}
	return out
}
