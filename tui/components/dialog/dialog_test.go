package dialog

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow/i18n"
)

type yesMsg struct{}

// sizes are the boxes every dialog is drawn in, the tiny ones included.
var sizes = [][2]int{{10, 3}, {30, 8}, {44, 12}, {80, 24}, {1, 1}}

func base(w, h int) string {
	return strings.Repeat(strings.Repeat("背景", w)+"\n", h)
}

func TestConfirmAnswers(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	for _, c := range []struct {
		key string
		yes bool
	}{{"y", true}, {"Y", true}, {"enter", true}, {"n", false}, {"N", false}, {"esc", false}} {
		d := NewConfirm(ctx, "下线?", "body", func() tea.Msg { return yesMsg{} })
		if cmd := d.Update(tuitest.Key("x")); cmd != nil || d.Done() {
			t.Fatalf("x answers nothing")
		}
		if cmd := d.Update(tea.MouseMsg{}); cmd != nil || d.Done() {
			t.Fatalf("a mouse event answers nothing")
		}
		cmd := d.Update(tuitest.Key(c.key))
		if !d.Done() {
			t.Errorf("%s: not done", c.key)
		}
		if got := cmd != nil && cmd() == (yesMsg{}); got != c.yes {
			t.Errorf("%s: yes ran %v, want %v", c.key, got, c.yes)
		}
	}
}

func TestConfirmFits(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	d := NewConfirm(ctx, "确定下线版本 1.2.3 吗? 下线后用户将无法订购", strings.Repeat("很长的说明文字 ", 20), nil)
	for _, s := range sizes {
		w, h := s[0], s[1]
		tuitest.CheckFits(t, Over(base(w, h), d, w, h), w, h)
		d.SetSize(w, h)
		tuitest.CheckFits(t, d.View(), w, 1<<16) // alone it may be taller than the box
	}
	d.SetSize(80, 24)
	if v := d.View(); !strings.Contains(v, "y / enter: yes") {
		t.Errorf("a roomy confirmation says its answers:\n%s", v)
	}
	d.SetSize(10, 3)
	if v := Over("", d, 10, 3); !strings.Contains(v, "window") {
		t.Errorf("a tiny box says it is too small:\n%s", v)
	}
}

func TestPrompt(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	var got string
	bad := errors.New("理由不能为空")
	p := NewPrompt(ctx, "审核驳回", "why", func(s string) error {
		if s == "" {
			return bad
		}
		return nil
	}, func(s string) tea.Cmd { got = s; return func() tea.Msg { return yesMsg{} } })

	if cmd := p.Update(tuitest.Key("ctrl+s")); cmd != nil || p.Done() {
		t.Fatal("an empty reason is refused and the prompt stays")
	}
	p.SetSize(60, 12)
	if !strings.Contains(p.View(), "理由不能为空") {
		t.Errorf("the refusal shows:\n%s", p.View())
	}
	p.Update(tuitest.Key("  图标 模糊"))
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("\n第二行 "), Paste: true})
	if strings.Contains(p.View(), "理由不能为空") {
		t.Error("typing clears the refusal")
	}
	if cmd := p.Update(tuitest.Key("enter")); cmd != nil || p.Done() {
		t.Fatal("enter makes a new line in a multi-line prompt")
	}
	cmd := p.Update(tuitest.Key("ctrl+s"))
	if !p.Done() || cmd == nil || cmd() != (yesMsg{}) {
		t.Fatal("ctrl+s submits a valid reason")
	}
	if got != "图标 模糊\n第二行" {
		t.Errorf("submitted %q, trimmed", got)
	}
	p.SetError("已有同名版本")
	if p.Done() {
		t.Error("SetError opens the prompt again")
	}

	c := NewPrompt(ctx, "t", "", func(string) error { return nil }, func(string) tea.Cmd { return nil })
	c.Update(tuitest.Key("esc"))
	if !c.Done() {
		t.Error("esc cancels")
	}
	for _, s := range sizes {
		tuitest.CheckFits(t, Over(base(s[0], s[1]), p, s[0], s[1]), s[0], s[1])
	}
}

func TestSingleLinePrompt(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	var got string
	p := NewPrompt(ctx, "新建版本", "1.0.0", func(string) error { return nil },
		func(s string) tea.Cmd { got = s; return nil }).SingleLine()
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1.0\n.1"), Paste: true})
	if p.Value() != "1.0 .1" {
		t.Errorf("a pasted line break is a space on one line: %q", p.Value())
	}
	p.Update(tuitest.Key("enter"))
	if !p.Done() || got != "1.0 .1" {
		t.Errorf("enter submits a single line: done %v, %q", p.Done(), got)
	}
	p.SetSize(40, 8)
	if !strings.Contains(p.View(), "enter: submit") {
		t.Errorf("the hint says enter:\n%s", p.View())
	}
}

// Step gives the open dialog the message and closes it once done; without
// one it takes nothing.
func TestStep(t *testing.T) {
	ctx := &common.Context{Styles: common.NewStyles()}
	var m Modal
	if _, ok := Step(&m, tuitest.Key("y")); ok {
		t.Fatal("no dialog, nothing handled")
	}
	m = NewConfirm(ctx, "t", "b", func() tea.Msg { return yesMsg{} })
	if _, ok := Step(&m, tuitest.Key("x")); !ok || m == nil {
		t.Fatal("an open dialog takes every key and stays until answered")
	}
	cmd, ok := Step(&m, tuitest.Key("y"))
	if !ok || m != nil || cmd == nil {
		t.Fatalf("answered: handled %v, closed %v", ok, m == nil)
	}
	// A field of one dialog's type closes the same way.
	c := NewConfirm(ctx, "t", "b", nil)
	Step(&c, tuitest.Key("n"))
	if c != nil {
		t.Error("a *Confirm field is cleared when answered")
	}
	if got := Ask(&m, ctx, "t", "", func() tea.Msg { return yesMsg{} }); got == nil || m != nil {
		t.Error("no question: Ask runs at once")
	}
	if got := Ask(&m, ctx, "t", "sure?", func() tea.Msg { return yesMsg{} }); got != nil || m == nil {
		t.Error("a question: Ask opens a confirmation")
	}
}

// TestSpeaksTheSessionsLanguage: a dialog of a Chinese session says its
// answers and its too-small line in Chinese, an English one in English,
// whether the width or the height is what is missing.
func TestSpeaksTheSessionsLanguage(t *testing.T) {
	for _, c := range []struct {
		lang                                  i18n.Lang
		answers, submit, line, small, dismiss string
	}{
		{i18n.Chinese, "y / enter：是    n / esc：否", "ctrl+s：提交    esc：取消", "enter：提交    esc：取消",
			"窗口太小，放不下此对话框", "n / esc：否"},
		{i18n.English, "y / enter: yes    n / esc: no", "ctrl+s: submit    esc: cancel", "enter: submit    esc: cancel",
			"window too small for this dialog", "n / esc: no"},
	} {
		ctx := &common.Context{Styles: common.NewStyles(), Printer: i18n.Printer(c.lang)}
		confirm := NewConfirm(ctx, "下线?", "下线后服务市场不再展示", nil)
		reason := NewPrompt(ctx, "审核驳回", "驳回原因", func(string) error { return nil }, nil)
		version := NewPrompt(ctx, "新建版本", "1.0.0", func(string) error { return nil }, nil).SingleLine()
		for _, d := range []struct {
			m    Modal
			want string
		}{{confirm, c.answers}, {reason, c.submit}, {version, c.line}} {
			if v := Over(base(80, 24), d.m, 80, 24); !strings.Contains(v, d.want) {
				t.Errorf("%s: a roomy dialog says %q:\n%s", c.lang, d.want, v)
			}
		}
		for _, sz := range [][2]int{{200, 4}, {4, 24}} { // too short, too narrow
			v := Over(base(sz[0], sz[1]), confirm, sz[0], sz[1])
			if start := string([]rune(c.small)[:1]); !strings.Contains(v, start) {
				t.Errorf("%s at %v: the dialog says it is too small (%q…):\n%s", c.lang, sz, start, v)
			}
		}
		if got, want := confirm.TooSmall(), c.small+" · "+c.dismiss; got != want {
			t.Errorf("%s: too small %q, want %q", c.lang, got, want)
		}
	}
}
