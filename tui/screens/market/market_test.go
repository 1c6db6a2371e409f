package market_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"plugpub/tui/common"
	"plugpub/tui/screens/market"
	"plugpub/workflow"
)

// search types q into the box and runs it, as a person does.
func search(t *testing.T, s common.Screen, q string) (common.Screen, []tea.Msg) {
	t.Helper()
	s, _ = press(t, s, "/")
	if !s.Capturing() {
		t.Fatal("/ did not focus the search box")
	}
	s = typeText(t, s, q)
	return press(t, s, "enter")
}

func TestSearchFindsChineseSubstring(t *testing.T) {
	e := twoListed(t)
	for _, q := range []string{"车牌", "积分", "OCR车牌号", "ocr"} {
		s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
		s, msgs := search(t, s, q)
		if errs := errorsIn(msgs); len(errs) > 0 {
			t.Fatalf("search %q: %v", q, errs)
		}
		if s.Capturing() {
			t.Errorf("search %q: the box kept the focus after enter", q)
		}
		v := s.View()
		want, not := plateID, pointsID
		if q == "积分" {
			want, not = pointsID, plateID
		}
		if !strings.Contains(v, want) || strings.Contains(v, not) {
			t.Errorf("search %q should find %s only:\n%s", q, want, v)
		}
		if !strings.Contains(v, "第 1 / 1 条") {
			t.Errorf("search %q: no count of one result:\n%s", q, v)
		}
	}
}

// TestEmptyQueryBrowses is bug 11: enter on an empty box used to keep it
// open, so the next / became the query, and after esc the box said 搜索 /
// over the results of 天气. Now an empty query browses the market and the
// box lets go; esc puts back the query the results are of.
func TestEmptyQueryBrowses(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	s, _ = search(t, s, "积分")
	s, msgs := search(t, s, "   ")
	if errs := errorsIn(msgs); len(errs) > 0 {
		t.Fatalf("an empty query: %v", errs)
	}
	if s.Capturing() {
		t.Fatal("enter on an empty box kept it open; the next / would type itself into the query")
	}
	v := s.View()
	if !strings.Contains(v, plateID) || !strings.Contains(v, pointsID) || !strings.Contains(v, "最新上架在前") {
		t.Errorf("an empty query should browse every shown listing:\n%s", v)
	}
	// The next / starts a new search, with nothing of the old one in it.
	s, _ = press(t, s, "/")
	if !s.Capturing() {
		t.Fatal("/ did not open the box")
	}
	s = typeText(t, s, "车牌")
	s, _ = press(t, s, "enter")
	if first := strings.SplitN(s.View(), "\n", 2)[0]; !strings.Contains(first, "车牌") || strings.Contains(first, "/") {
		t.Errorf("the box says %q after searching 车牌", first)
	}
	// Typed and left with esc: the box shows the query of the results.
	s, _ = press(t, s, "/")
	s = typeText(t, s, "天")
	s, _ = press(t, s, "esc")
	if s.Capturing() {
		t.Error("esc did not leave the box")
	}
	v = s.View()
	if first := strings.SplitN(v, "\n", 2)[0]; !strings.Contains(first, "车牌") || strings.Contains(first, "天") {
		t.Errorf("after esc the box says %q over the results of 车牌", first)
	}
	if !strings.Contains(v, plateID) || strings.Contains(v, pointsID) {
		t.Errorf("esc changed the results:\n%s", v)
	}
}

// TestMarketBrowsesBeforeTyping: the market opens on the shown listings,
// newest first, and enter opens one.
func TestMarketBrowsesBeforeTyping(t *testing.T) {
	e := twoListed(t)
	_, err := e.svc.Hide(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	e.listed("2021004100000003", "停车缴费插件", "扫码查询停车费用并在线支付", workflow.BuyersAny)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	v := s.View()
	newer, older := strings.Index(v, "2021004100000003"), strings.Index(v, pointsID)
	if newer < 0 || older < 0 || newer > older || strings.Contains(v, plateID) {
		t.Fatalf("the market should list the shown listings, newest first, without the hidden one:\n%s", v)
	}
	if !enabled(s.ShortHelp(), "enter") {
		t.Error("enter is not offered on a listing")
	}
	_, msgs := press(t, s, "enter")
	if len(msgs) != 1 {
		t.Fatalf("enter sent %v, want one PushMsg", msgs)
	}
	if d, ok := msgs[0].(common.PushMsg).Screen.(*market.Detail); !ok || !strings.Contains(d.Title(), "2021004100000003") {
		t.Errorf("enter opened %v", msgs[0])
	}
}

func TestNothingFoundSaysSo(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.New(e.context("buyer1")), 80, 21)
	s, msgs := search(t, s, "不存在的词")
	if len(msgs) > 0 {
		t.Fatalf("unexpected %v", msgs)
	}
	if v := s.View(); !strings.Contains(v, "没有找到") {
		t.Errorf("no word about an empty result:\n%s", v)
	}
	s, msgs = press(t, s, "enter")
	if len(msgs) > 0 {
		t.Errorf("enter on no results did %v", msgs)
	}
}

func TestHiddenListingIsNotFound(t *testing.T) {
	e := twoListed(t)
	_, err := e.svc.Hide(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	s, _ = search(t, s, "车牌")
	if v := s.View(); strings.Contains(v, plateID) || !strings.Contains(v, "没有找到") {
		t.Errorf("a hidden listing was found:\n%s", v)
	}
}

func TestEnterOpensDetail(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	s, _ = search(t, s, "插件")
	if v := s.View(); !strings.Contains(v, plateID) || !strings.Contains(v, pointsID) {
		t.Fatalf("插件 should find both:\n%s", v)
	}
	s, _ = press(t, s, "j")
	_, msgs := press(t, s, "enter")
	if len(msgs) != 1 {
		t.Fatalf("enter sent %v, want one PushMsg", msgs)
	}
	push, ok := msgs[0].(common.PushMsg)
	if !ok {
		t.Fatalf("enter sent %T, want PushMsg", msgs[0])
	}
	d, ok := push.Screen.(*market.Detail)
	if !ok {
		t.Fatalf("enter opened %T, want *market.Detail", push.Screen)
	}
	// The cursor was on the second result; which one that is depends on ranking.
	if !strings.Contains(d.Title(), plateID) && !strings.Contains(d.Title(), pointsID) {
		t.Errorf("opened %q", d.Title())
	}
}

func TestSearchHelpFollowsState(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, newEmpty(t), 100, 27)
	if enabled(s.ShortHelp(), "enter") {
		t.Error("enter is offered before there is anything to open")
	}
	s, _ = open(t, market.New(e.context("buyer1")), 100, 27)
	s, _ = press(t, s, "/")
	if !enabled(s.ShortHelp(), "enter") || !enabled(s.ShortHelp(), "esc") {
		t.Error("the focused box should offer enter and esc")
	}
	s, _ = press(t, s, "esc")
	s, _ = search(t, s, "车牌")
	if !enabled(s.ShortHelp(), "enter") {
		t.Error("enter is not offered on a result")
	}
}

// TestDeveloperHidesAndShows is the flow of the issue: a developer releases
// a plugin, hides it, and the market no longer finds it; shows it, and the
// market finds it again. The actions go through the Service, the searches
// through the screen.
func TestDeveloperHidesAndShows(t *testing.T) {
	e := newEnv(t)
	e.online(plateID, plate, "拍照或选择图片，一秒识别车牌号码与颜色", workflow.BuyersAny)
	e.approved(plateID)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	found := func(step string, want bool) {
		t.Helper()
		var msgs []tea.Msg
		s, msgs = search(t, s, "车牌")
		if errs := errorsIn(msgs); len(errs) > 0 {
			t.Fatalf("%s: %v", step, errs)
		}
		if got := strings.Contains(s.View(), plateID); got != want {
			t.Errorf("%s: found %v, want %v:\n%s", step, got, want, s.View())
		}
	}
	found("approved, not released", false)
	_, err := e.svc.Release(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	found("released", true)
	_, err = e.svc.Hide(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	found("hidden", false)
	_, err = e.svc.Show(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	found("shown", true)

	// A reload (r, or a change seen in another terminal) refreshes the
	// results without a new search.
	_, err = e.svc.Hide(e.ctx, "dev1", plateID, workflow.AnyRev)
	e.must(err)
	s, _ = run(t, s, func() tea.Msg { return common.ReloadMsg{} })
	if strings.Contains(s.View(), plateID) {
		t.Errorf("the reloaded results still show the hidden plugin:\n%s", s.View())
	}
}

func TestSearchErrorIsShown(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	s, msgs := search(t, s, strings.Repeat("长", 101))
	errs := errorsIn(msgs)
	if len(errs) != 1 || workflow.KindOf(errs[0]) != workflow.KindInvalid {
		t.Fatalf("a too long query gave %v, want one invalid error", msgs)
	}
	if v := s.View(); !strings.Contains(v, "搜索失败") {
		t.Errorf("the failure is not on the screen:\n%s", v)
	}
}

func TestMarketFitsEverySize(t *testing.T) {
	e := twoListed(t)
	for _, size := range [][2]int{{100, 30}, {80, 24}, {20, 5}, {1, 1}, {0, 0}} {
		w, h := size[0], size[1]
		s, _ := open(t, market.New(e.context("buyer1")), w, h)
		fits(t, "before a search", s.View(), w, h)
		s, _ = press(t, s, "/")
		fits(t, "box focused", s.View(), w, h)
		s = typeText(t, s, "插件")
		s, _ = press(t, s, "enter")
		fits(t, "results", s.View(), w, h)
		s, _ = search(t, s, "没有的词")
		fits(t, "no results", s.View(), w, h)
		// Resizing reflows what is there.
		s.SetSize(h, w)
		fits(t, "resized", s.View(), h, w)
	}
}

// newEmpty is the market of a database with nothing listed.
func newEmpty(t *testing.T) *market.Model {
	return market.New(newEnv(t).context("buyer1"))
}

// enabled reports whether the binding with help key k is offered.
func enabled(bs []key.Binding, k string) bool {
	for _, b := range bs {
		if b.Help().Key == k && b.Enabled() {
			return true
		}
	}
	return false
}

func TestMarketGolden(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.New(e.context("buyer1")), 100, 27)
	s, _ = search(t, s, "插件")
	s, _ = press(t, s, "j")
	golden.RequireEqual(t, []byte(s.View()))
}
