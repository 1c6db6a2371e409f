package market_test

import (
	tea "github.com/charmbracelet/bubbletea"

	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/screens/market"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

func TestDetailShowsThePage(t *testing.T) {
	e := twoListed(t)
	s, msgs := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 27)
	if len(msgs) > 0 {
		t.Fatalf("loading sent %v", msgs)
	}
	v := s.View()
	tuitest.ContainsAll(t, "the page", v, plateID, "版本 1.0.0", "上架于 2026-03-02", "展示", plate, "功能类型", "客服联系方式")
	if strings.Contains(v, "已订购") {
		t.Errorf("buyer1 has not ordered yet:\n%s", v)
	}
	// The page is longer than the box: scrolling moves it.
	top := v
	s, _ = press(t, s, "G")
	if s.View() == top || !strings.Contains(s.View(), "100%") {
		t.Errorf("G did not scroll to the bottom:\n%s", s.View())
	}
	s, _ = press(t, s, "g")
	if s.View() != top {
		t.Errorf("g did not scroll back to the top:\n%s", s.View())
	}
}

// TestOrderNotOfferedOutsideBuyers is bug 4: o 订购 was offered to a buyer
// outside 可订购人群 and refused only once pressed. Now it is never offered,
// the page says why, and pressing o anyway orders nothing.
func TestOrderNotOfferedOutsideBuyers(t *testing.T) {
	e := twoListed(t)
	// buyer1 is a personal buyer; the points plugin is for enterprises.
	s, _ := open(t, market.NewDetail(e.context("buyer1"), pointsID), 100, 27)
	for _, b := range s.ShortHelp() {
		if b.Help().Key == "o" && b.Enabled() {
			t.Fatal("o 订购 is offered to a buyer outside 可订购人群")
		}
	}
	for _, g := range s.FullHelp() {
		if enabled(g, "o") {
			t.Fatal("the full help offers o 订购 to a buyer outside 可订购人群")
		}
	}
	// The reason is workflow's, the one the Service gives when refusing.
	if v := squash(s.View()); !strings.Contains(v, "不可订购") || !strings.Contains(v, "可订购人群: 企业") || !strings.Contains(v, "personal buyer") {
		t.Errorf("the page does not say why 订购 is not possible:\n%s", s.View())
	}
	pressingOrderDoesNothing(t, s, "the notice")
	orders, err := e.svc.Orders(e.ctx, "buyer1", workflow.Page{})
	e.must(err)
	if len(orders) != 0 {
		t.Errorf("an order was stored: %v", orders)
	}
	// The enterprise buyer is offered it, with no notice.
	buyer2MayOrderPoints(t, e, "不可订购")
}

// pressingOrderDoesNothing presses o on s, which does not offer 订购, and
// checks nothing happens and s, saying why, fits wide and narrow.
func pressingOrderDoesNothing(t *testing.T, s common.Screen, what string) {
	t.Helper()
	s, msgs := press(t, s, "o")
	if len(msgs) > 0 || s.Capturing() {
		t.Errorf("o did %v (dialog %v); it is not offered", msgs, s.Capturing())
	}
	fitsWideAndNarrow(t, what, s)
}

// buyer2MayOrderPoints checks the enterprise buyer is offered 订购 on the
// points plugin, whose page does not say notice.
func buyer2MayOrderPoints(t *testing.T, e *env, notice string) {
	t.Helper()
	s, _ := open(t, market.NewDetail(e.context("buyer2"), pointsID), 100, 27)
	if !enabled(s.ShortHelp(), "o") || strings.Contains(s.View(), notice) {
		t.Errorf("buyer2 may order the points plugin:\n%s", s.View())
	}
}

// A buyer with no mini program is asked to add one (appId + name, the
// appId checked by workflow as typed), then workflow's question, then the
// order is for that mini program.
func TestOrder(t *testing.T) {
	e := twoListed(t)
	ctx := e.context("buyer2")
	ctx.Printer = i18n.Printer(i18n.Chinese) // the question is said in the session's language
	s, _ := open(t, market.NewDetail(ctx, pointsID), 100, 27)
	s, msgs := press(t, s, "o")
	if len(msgs) > 0 || !s.Capturing() || !strings.Contains(s.View(), "添加小程序") {
		t.Fatalf("o with no mini program should offer to add one; got %v\n%s", msgs, s.View())
	}
	// An appId that is not 16 digits is workflow's to refuse, in the form.
	s, _ = press(t, s, "12345")
	s, _ = press(t, s, "enter") // to the name
	s, msgs = press(t, s, "enter")
	if len(msgs) > 0 || !s.Capturing() || !strings.Contains(s.View(), "16") {
		t.Fatalf("a short appId was taken: %v\n%s", msgs, s.View())
	}
	for _, k := range []string{"backspace", "backspace", "backspace", "backspace", "backspace"} {
		s, _ = press(t, s, k)
	}
	s, _ = press(t, s, "2088000000000009")
	s, _ = press(t, s, "enter") // to the name
	s, _ = press(t, s, "企业车队")
	s, msgs = press(t, s, "enter")
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatal(errs)
	}
	if v := s.View(); !strings.Contains(v, "订购「"+points+"」？") {
		t.Errorf("no confirmation:\n%s", v)
	}
	// The question is workflow's Confirm, and names the mini program.
	if v := squash(s.View()); !strings.Contains(v, "订购插件 "+pointsID+" · 版本") || !strings.Contains(v, "1.0.0？订购后") ||
		!strings.Contains(v, "企业车队 2088000000000009") {
		t.Errorf("the dialog does not ask workflow's question:\n%s", s.View())
	}
	if !enabled(s.ShortHelp(), "y/enter") {
		t.Error("help does not show the dialog's answers")
	}
	s, msgs = press(t, s, "y")
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatal(errs)
	}
	if info, ok := tuitest.Find[common.InfoMsg](msgs); !ok || !strings.Contains(info.Text, "已订购") {
		t.Errorf("ordering said %v", msgs)
	}
	v := s.View()
	if head := strings.SplitN(v, "\n", 2)[0]; !strings.Contains(head, "已订购") || !strings.Contains(head, "1 个小程序在用") {
		t.Errorf("the header does not say 已订购 and how many mini programs use it:\n%s", v)
	}
	// The page shows the app.json entry for the buyer's mini program.
	tuitest.ContainsAll(t, "the sample", v, "在你的小程序中使用", "企业车队 2088000000000009 · 已通过", `"plugins"`, `"provider": "`+pointsID+`"`, `"version": "1.0.0"`)
	// o stays: another mini program may be added and ordered for.
	if !enabled(s.ShortHelp(), "o") {
		t.Error("o is not offered for another mini program")
	}
	// A fresh page knows from the store.
	s, _ = open(t, market.NewDetail(e.context("buyer2"), pointsID), 100, 27)
	if !s.(*market.Detail).Ordered() {
		t.Error("a reopened page does not know the plugin was ordered")
	}
}

// A buyer with mini programs picks one; one that has the plugin already
// is marked and, chosen, says workflow's reason; n adds another.
func TestOrderPicksAMiniProgram(t *testing.T) {
	e := twoListed(t)
	_, err := e.svc.AddApp(e.ctx, "buyer1", "2088000000000001", "停车小助手")
	e.must(err)
	_, err = e.svc.AddApp(e.ctx, "buyer1", "2088000000000002", "洗车预约")
	e.must(err)
	_, err = e.svc.OrderFor(e.ctx, "buyer1", plateID, "2088000000000001")
	e.must(err)
	s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 27)
	if !enabled(s.ShortHelp(), "o") {
		t.Fatal("o is not offered with a mini program left")
	}
	s, _ = press(t, s, "o")
	v := s.View()
	tuitest.ContainsAll(t, "选择小程序", v, "选择小程序", "停车小助手 2088000000000001 · 已通过", "› 洗车预约 2088000000000002", "添加小程序")
	// The one ordered for already says why not.
	s, _ = press(t, s, "up")
	s, msgs := press(t, s, "enter")
	if info, ok := tuitest.Find[common.InfoMsg](msgs); !ok || !strings.Contains(info.Text, "already") {
		t.Errorf("choosing an ordered mini program said %v", msgs)
	}
	s, _ = press(t, s, "o")
	s, _ = press(t, s, "enter")
	s, msgs = press(t, s, "y")
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatal(errs)
	}
	rows, err := e.svc.MyOrders(e.ctx, "buyer1", "", workflow.Page{})
	e.must(err)
	if len(rows) != 2 || rows[0].AppID != "2088000000000002" {
		t.Errorf("buyer1's orders: %+v", rows)
	}
	if !strings.Contains(squash(s.View()), "洗车预约 2088000000000002 · 已通过") {
		t.Errorf("after ordering for both:\n%s", s.View())
	}
	// n in the list opens the form.
	_, err = e.svc.AddApp(e.ctx, "buyer1", "2088000000000003", "第三个")
	e.must(err)
	s, _ = run(t, s, func() tea.Msg { return common.ReloadMsg{} })
	s, _ = press(t, s, "o")
	s, _ = press(t, s, "n")
	if !strings.Contains(s.View(), "添加小程序：") {
		t.Errorf("n did not open the form:\n%s", s.View())
	}
}

func TestOrderCancelled(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 27)
	s, _ = press(t, s, "o")
	s, msgs := press(t, s, "esc")
	if len(msgs) > 0 || s.Capturing() || strings.Contains(s.View(), "已订购") {
		t.Errorf("esc should close the dialog and order nothing; got %v", msgs)
	}
}

func TestOrderNotOfferedToNonConsumers(t *testing.T) {
	e := twoListed(t)
	for _, user := range []string{"dev1", "rev1"} {
		s, msgs := open(t, market.NewDetail(e.context(user), plateID), 100, 27)
		if len(msgs) > 0 {
			t.Fatalf("%s: loading sent %v", user, msgs)
		}
		if enabled(s.ShortHelp(), "o") {
			t.Errorf("o is offered to %s", user)
		}
		s, msgs = press(t, s, "o")
		if len(msgs) > 0 || s.Capturing() {
			t.Errorf("o did something for %s: %v", user, msgs)
		}
	}
}

func TestDetailOfUnlistedPlugin(t *testing.T) {
	e := twoListed(t)
	e.online("2021004100000009", "未上架的插件", "还在开发中", workflow.BuyersAny)
	s, msgs := open(t, market.NewDetail(e.context("buyer1"), "2021004100000009"), 80, 21)
	if len(msgs) > 0 {
		t.Errorf("an unlisted plugin is not an error in the status bar: %v", msgs)
	}
	if v := s.View(); !strings.Contains(v, "没有上架") {
		t.Errorf("no clear message:\n%s", v)
	}
	if enabled(s.ShortHelp(), "o") {
		t.Error("o is offered with no page")
	}
}

func TestDetailReloads(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 27)
	// Another terminal ordered as the same buyer, then the owner hid it
	// (a hidden listing is not newly ordered; its orders stand).
	_, err := e.svc.Order(e.ctx, "buyer1", plateID)
	e.must(err)
	_, err = e.svc.Hide(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	s, _ = run(t, s, func() tea.Msg { return common.ReloadMsg{} })
	head := strings.SplitN(s.View(), "\n", 2)[0]
	if !strings.Contains(head, "隐藏") || !strings.Contains(head, "已订购") {
		t.Errorf("the reloaded header is %q", head)
	}
}

func TestDetailFitsEverySize(t *testing.T) {
	e := twoListed(t)
	for _, size := range [][2]int{{100, 30}, {80, 24}, {20, 5}, {1, 1}, {0, 0}} {
		w, h := size[0], size[1]
		s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), w, h)
		fits(t, "page", s.View(), w, h)
		s, _ = press(t, s, "G")
		fits(t, "bottom", s.View(), w, h)
		s, _ = press(t, s, "o")
		fits(t, "confirm", s.View(), w, h)
		s.SetSize(h, w)
		fits(t, "resized", s.View(), h, w)
		s, _ = open(t, market.NewDetail(e.context("buyer1"), "2021004100000099"), w, h)
		fits(t, "missing", s.View(), w, h)
	}
}

// squash joins a view's lines with their padding trimmed, so a reason
// wrapped over two lines reads as one.
func squash(v string) string {
	var b strings.Builder
	for _, l := range strings.Split(v, "\n") {
		b.WriteString(strings.TrimSpace(l))
	}
	return b.String()
}

// TestOfflineListedVersionNotOrdered is bug 13 (market part): the listed
// version was taken offline (下线); the 订购页 said nothing and offered o 订购,
// which the Service then refused. Now the header says 已下线, the notice
// gives workflow's reason, and o is neither offered nor acted on.
func TestOfflineListedVersionNotOrdered(t *testing.T) {
	e := twoListed(t)
	_, err := e.svc.VersionAct(e.ctx, "dev1", plateID, "1.0.0", workflow.ActOffline, "", workflow.AnyRev)
	e.must(err)
	s, msgs := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 27)
	if len(msgs) > 0 {
		t.Fatalf("loading sent %v", msgs)
	}
	v := s.View()
	if head := strings.SplitN(v, "\n", 2)[0]; !strings.Contains(head, "版本 1.0.0 已下线") {
		t.Errorf("the header does not say the listed version is 已下线: %q", head)
	}
	if sq := squash(v); !strings.Contains(sq, "不可订购") || !strings.Contains(sq, "已下线 (offline)") {
		t.Errorf("the page does not say why 订购 is not possible:\n%s", v)
	}
	if enabled(s.ShortHelp(), "o") {
		t.Error("o 订购 is offered for an offline version")
	}
	pressingOrderDoesNothing(t, s, "offline")
	// The other plugin's version is still online: buyer2 may order it.
	buyer2MayOrderPoints(t, e, "已下线")
}

// A hidden listing is not newly ordered: a buyer with a mini program is
// not offered 订购 and reads workflow's reason; an order they had stands.
func TestHiddenListingNotOrdered(t *testing.T) {
	e := twoListed(t)
	_, err := e.svc.AddApp(e.ctx, "buyer1", "2088000000000001", "停车小助手")
	e.must(err)
	_, err = e.svc.OrderFor(e.ctx, "buyer1", plateID, "2088000000000001")
	e.must(err)
	_, err = e.svc.AddApp(e.ctx, "buyer1", "2088000000000002", "洗车预约")
	e.must(err)
	_, err = e.svc.Hide(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 27)
	if enabled(s.ShortHelp(), "o") {
		t.Error("o 订购 is offered on a hidden listing")
	}
	if v := squash(s.View()); !strings.Contains(v, "不可订购") || !strings.Contains(v, "隐藏 (hidden)") || !strings.Contains(v, "停车小助手 2088000000000001 · 已通过") {
		t.Errorf("the page does not say why, or lost the order that stands:\n%s", s.View())
	}
	if s, _ = press(t, s, "o"); s.Capturing() {
		t.Error("o opened a dialog on a hidden listing")
	}
}

// TestDetailShowsTheSampleCode: the 订购页 ends with the 功能清单, whose
// app.json declares this plugin by its id.
func TestDetailShowsTheSampleCode(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 400)
	v := s.View()
	for _, want := range []string{"功能清单（示例代码）", `"provider": "` + plateID + `"`,
		`"plate-scanner": "plugin://myPlugin/plate-scanner"`, "my.navigateTo({", "requirePlugin('myPlugin')"} {
		if !strings.Contains(v, want) {
			t.Errorf("the page lacks %q:\n%s", want, v)
		}
	}
	fits(t, "the whole page", v, 100, 400)
}
