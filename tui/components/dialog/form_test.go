package dialog

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
)

type sentMsg struct{ values []string }

func newTestForm(ctx *common.Context) *Form {
	spec := FormSpec{Title: "添加小程序", Fields: []Field{{Prompt: "ID ", Limit: 16}, {Prompt: "名称 ", Limit: 20}},
		Submit: common.Enter("submit", "ctrl+s"), Hint: "tab: next field    enter: submit    esc: cancel", Busy: "saving…"}
	return NewForm(ctx, spec, func(vs []string) tea.Cmd { return func() tea.Msg { return sentMsg{vs} } }).
		Check(func(vs []string) (int, error) {
			if len(vs[0]) != 4 {
				return 0, errors.New("the id is 4 digits")
			}
			return 0, nil
		})
}

// enter moves down, then submits once the check passes; a refusal stays
// in the form with what was typed; esc cancels.
func TestForm(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	f := newTestForm(ctx)
	f.SetSize(60, 12)
	press := func(keys ...string) tea.Cmd {
		var cmd tea.Cmd
		for _, k := range keys {
			cmd = f.Update(tuitest.Key(k))
		}
		return cmd
	}
	if cmd := press("12", "enter", "车队", "enter"); cmd != nil || !strings.Contains(f.View(), "4 digits") {
		t.Fatalf("a value the check refuses was sent, or not said:\n%s", f.View())
	}
	if f.focus != 0 {
		t.Errorf("the focus is on field %d, not the one refused", f.focus)
	}
	cmd := press("34", "tab", "enter")
	msg, ok := cmd().(sentMsg)
	if !ok || !slices.Equal(msg.values, []string{"1234", "车队"}) || !f.Busy() {
		t.Fatalf("sent %v (busy %v)", msg, f.Busy())
	}
	if press("x") != nil || !strings.Contains(f.View(), "saving…") {
		t.Errorf("a busy form took a key:\n%s", f.View())
	}
	f.Failed(errors.New("appId 1234 is taken"))
	if f.Busy() || !strings.Contains(f.View(), "is taken") || !slices.Equal(f.Values(), []string{"1234", "车队"}) {
		t.Errorf("the refusal is not in the form, or the values went:\n%s", f.View())
	}
	press("esc")
	if !f.Done() {
		t.Error("esc did not cancel")
	}
	for _, sz := range sizes {
		f := newTestForm(ctx)
		tuitest.CheckFits(t, Over(base(sz[0], sz[1]), f, sz[0], sz[1]), sz[0], sz[1])
	}
}
