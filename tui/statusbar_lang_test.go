package tui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow/i18n"
)

// TestStatusBarSpeaksTheSessionsLanguage: the root's status bar says an
// error in the session's language, and two sessions at once keep their own.
func TestStatusBarSpeaksTheSessionsLanguage(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	_, err := w.Svc.Hide(w.Ctx, "dev1", pid, -1) // not listed yet: refused
	if err == nil {
		t.Fatal("hiding an unlisted plugin was allowed")
	}
	for _, c := range []struct {
		printer *i18n.Lang
		want    string
	}{
		{ptr(i18n.Chinese), "无法隐藏插件 2021004100000001：它还没有上架"},
		{ptr(i18n.English), "cannot hide plugin 2021004100000001: it is not listed (上架) yet"},
		{nil, "cannot hide plugin 2021004100000001: it is not listed (上架) yet"}, // no printer: the source
	} {
		ctx := w.Context("dev1")
		if c.printer != nil {
			ctx.Printer = i18n.Printer(*c.printer)
		}
		var m tea.Model = tui.New(ctx, tui.Home(ctx))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m, _ = m.Update(common.ErrMsg{Err: err})
		if v := m.View(); !strings.Contains(v, c.want) {
			t.Errorf("status bar does not say %q:\n%s", c.want, v)
		}
	}
}

func ptr[T any](v T) *T { return &v }
