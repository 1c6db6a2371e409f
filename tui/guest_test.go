package tui_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

const signupHint = "ssh -p 23234 localhost signup NAME"

// guestContext is the console's context for a key nobody registered.
func guestContext(w *tuitest.World) *common.Context {
	return &common.Context{Svc: w.Svc, DBPath: w.Store.Path(), Styles: common.NewStyles(),
		Keys: common.NewGlobalKeys(), Changes: w.Store.DataVersion}
}

// TestGuestConsole drives the guest's console at 80×24: the market is its
// only tab, it searches and opens the 订购页, 订购 is neither offered nor
// taken (workflow's verdict says why), and the status line says how to
// sign up, on one line.
func TestGuestConsole(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	w.Listed("dev1", pid)
	ctx := guestContext(w)
	tm := teatest.NewTestModel(t, tui.NewGuest(ctx, signupHint), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "to order, sign up: "+signupHint)
	for _, r := range "/车牌" {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "第 1 / 1 条")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "a guest may look but not order")
	tm.Type("o") // not offered: does nothing
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()

	view := ansi.Strip(final)
	for _, not := range []string{"o 订购", "订购「", "已订购"} {
		if strings.Contains(view, not) {
			t.Errorf("the guest's console shows %q:\n%s", not, view)
		}
	}
	lines := strings.Split(view, "\n")
	if len(lines) != 24 {
		t.Errorf("the view has %d lines, want 24", len(lines))
	}
	status := lines[len(lines)-2]
	if !strings.Contains(status, "guest") || !strings.Contains(status, signupHint) {
		t.Errorf("the status line is %q, want the guest badge and %q", status, signupHint)
	}
	golden.RequireEqual(t, []byte(final))

	// The home screen: one tab, the market.
	m := tea.Model(tui.NewGuest(guestContext(w), signupHint))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, msg := range tuitest.Run(m.Init()) {
		m, _ = m.Update(msg)
	}
	home := ansi.Strip(m.View())
	if !strings.Contains(home, "1 服务市场") || !strings.Contains(home, "车牌识别插件") {
		t.Errorf("the guest's home:\n%s", home)
	}
	for _, tab := range []string{"审核队列", "我的订购", "1 插件"} {
		if strings.Contains(home, tab) {
			t.Errorf("the guest's home has the tab %s:\n%s", tab, home)
		}
	}
}

// TestGuestIsRefusedByWorkflow: the offer the console asks is the rule:
// a guest may order nothing and create nothing, and the Service itself
// refuses an order as nobody.
func TestGuestIsRefusedByWorkflow(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	w.Listed("dev1", pid)
	page, err := w.Svc.MarketPage(w.Ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	g := workflow.Guest()
	if v := workflow.OrderOffer(g, page, false).Get(workflow.ActOrder); v.Allowed || !strings.Contains(v.Reason, "signup NAME") {
		t.Errorf("a guest's 订购 verdict: %+v", v)
	}
	if workflow.UserOffer(g).Can(workflow.ActCreate) {
		t.Error("a guest may create a plugin")
	}
	if _, err := w.Svc.Order(w.Ctx, g.Name, pid); err == nil {
		t.Error("the Service took an order from a guest")
	}
	buyer, err := w.Svc.User(w.Ctx, "buyer1")
	if err != nil || !workflow.OrderOffer(buyer, page, false).Can(workflow.ActOrder) {
		t.Fatalf("buyer1 may not order the listing, so the guest's refusal proves nothing: %v", err)
	}
}

// TestGuestSpeaksTheSessionsLanguage: the guest's badge and the line on how
// to sign up are said in the session's language, the command as it is; an
// error shown meanwhile takes the line, and the hint comes back after.
func TestGuestSpeaksTheSessionsLanguage(t *testing.T) {
	w := tuitest.NewWorld(t)
	for _, c := range []struct {
		lang        i18n.Lang
		badge, hint string
	}{
		{i18n.Chinese, "访客", "要订购，请先注册：" + signupHint},
		{i18n.English, "guest", "to order, sign up: " + signupHint},
	} {
		ctx := guestContext(w)
		ctx.Printer = i18n.Printer(c.lang)
		var m tea.Model = tui.NewGuest(ctx, signupHint)
		m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		lines := strings.Split(ansi.Strip(m.View()), "\n")
		status := lines[len(lines)-2]
		if !strings.HasPrefix(strings.TrimSpace(status), c.badge) || !strings.Contains(status, c.hint) {
			t.Errorf("%v: status line %q, want %q and %q", c.lang, status, c.badge, c.hint)
		}
		m, _ = m.Update(common.InfoMsg{Text: "reloaded"})
		if v := ansi.Strip(m.View()); strings.Contains(v, c.hint) || !strings.Contains(v, "reloaded") {
			t.Errorf("%v: a status message does not take the hint's line:\n%s", c.lang, v)
		}
		m, _ = m.Update(common.PushMsg{Screen: tui.Home(ctx)})
		if v := ansi.Strip(m.View()); !strings.Contains(v, c.hint) {
			t.Errorf("%v: the hint did not come back after the status cleared:\n%s", c.lang, v)
		}
	}
}
