package tui_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/screens/market"
	"plugpub/tui/screens/orders"
	"plugpub/tui/screens/review"
	"plugpub/tui/screens/wizard"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// shot is one screen of the console in one state, as a person sees it.
type shot struct {
	name string
	view string
}

// tour opens every main screen of the demo world, and the empty states of
// a world with nothing in it, in lang at 100×30, and returns what each
// shows: lists, 版本管理, 发布管理, the wizard's three steps, the review
// queue and page, the market, 订购页, 我的订购, the full help, the message
// log and the dialogs.
func tour(t *testing.T, lang i18n.Lang, width, height int) []shot {
	t.Helper()
	var shots []shot
	w := tuitest.NewWorld(t)
	w.Demo()
	empty := tuitest.NewWorld(t)
	empty.Online("dev1", tuitest.DemoPlate, "车牌识别") // online, never submitted
	open := func(w *tuitest.World, user string, s func(*common.Context) common.Screen) (tea.Model, *common.Context) {
		ctx := w.Context(user)
		ctx.Printer = i18n.Printer(lang)
		first := s(ctx)
		return tuitest.Open(t, tui.New(ctx, first), first, width, height), ctx
	}
	// see opens a screen, types keys, and keeps the view; help and the log
	// are kept of the first of each user's screens.
	see := func(name string, w *tuitest.World, user string, s func(*common.Context) common.Screen, keys ...string) tea.Model {
		m, _ := open(w, user, s)
		m = tuitest.Type(t, m, keys...)
		shots = append(shots, shot{name, m.View()})
		return m
	}
	home := func(ctx *common.Context) common.Screen { return tui.Home(ctx) }
	plugin := func(id string) func(*common.Context) common.Screen {
		return func(ctx *common.Context) common.Screen { return tui.Plugin(ctx, id) }
	}
	inReview := func(w *tuitest.World, id string) int64 {
		subs, err := w.Svc.Submissions(w.Ctx, "rev1", id, workflow.Page{})
		w.Must(err)
		return subs[0].ID
	}

	m := see("plugins", w, "dev1", home)
	shots = append(shots, shot{"plugins help", tuitest.Type(t, m, "?").View()})
	shots = append(shots, shot{"messages", tuitest.Type(t, m, "r", "!").View()})
	see("plugins filter", w, "dev1", home, "/", "x", "y", "z")
	see("新建插件", w, "dev1", home, "n")
	m = see("版本管理", w, "dev1", plugin(tuitest.DemoCoupon))
	shots = append(shots, shot{"版本管理 help", tuitest.Type(t, m, "?").View()})
	see("版本管理 detail", w, "dev1", plugin(tuitest.DemoCoupon), "tab")
	see("新建版本", w, "dev1", plugin(tuitest.DemoCoupon), "n")
	see("新建版本 bad", w, "dev1", plugin(tuitest.DemoCoupon), "n", "x", "enter")
	m = see("发布管理", w, "dev1", plugin(tuitest.DemoPlate), "2")
	shots = append(shots, shot{"发布管理 help", tuitest.Type(t, m, "?").View()})
	see("发布管理 hidden", w, "dev1", plugin(tuitest.DemoPoints), "2")
	see("隐藏?", w, "dev1", plugin(tuitest.DemoPlate), "2", "h")
	see("修改信息?", w, "dev1", plugin(tuitest.DemoPlate), "2", "e")
	see("发布管理 in review", w, "dev1", plugin(tuitest.DemoCoupon), "2")
	see("发布管理 rejected", w, "dev2", plugin(tuitest.DemoFace), "2")
	m = see("使用者管理", w, "dev1", plugin(tuitest.DemoPlate), "3")
	shots = append(shots, shot{"使用者管理 help", tuitest.Type(t, m, "?").View()})
	see("使用者管理 reviewer", w, "rev1", plugin(tuitest.DemoPlate), "3", "a")
	wiz := func(ctx *common.Context) common.Screen { return wizard.New(ctx, tuitest.DemoPoints) }
	see("① 插件信息", w, "dev1", wiz)
	m = see("② 接入指引", w, "dev1", wiz, "ctrl+n")
	shots = append(shots, shot{"② help", tuitest.Type(t, m, "?").View()})
	see("② editor", w, "dev1", wiz, "ctrl+n", "enter")
	see("② instructions", w, "dev1", wiz, "ctrl+n", "]", "]", "]")
	m = see("③ 确认提交", w, "dev1", wiz, "ctrl+n", "ctrl+n")
	shots = append(shots, shot{"③ help", tuitest.Type(t, m, "?").View()})
	see("③ 提交申请?", w, "dev1", wiz, "ctrl+n", "ctrl+n", "s")
	m = see("审核队列", w, "rev1", home, "2")
	shots = append(shots, shot{"审核队列 help", tuitest.Type(t, m, "?").View()})
	page := func(id string) func(*common.Context) common.Screen {
		sub := inReview(w, id)
		return func(ctx *common.Context) common.Screen { return review.NewDetail(ctx, sub) }
	}
	m = see("审核 page", w, "rev1", page(tuitest.DemoCoupon))
	shots = append(shots, shot{"审核 page help", tuitest.Type(t, m, "?").View()})
	see("审核 first listing", w, "rev1", page(tuitest.DemoInvoice))
	see("审核驳回 prompt", w, "rev1", page(tuitest.DemoInvoice), "x")
	see("审核驳回 too short", w, "rev1", page(tuitest.DemoInvoice), "x", "a", "enter")
	see("审核通过?", w, "rev1", page(tuitest.DemoInvoice), "a")
	see("own submission", w, "dev2", page(tuitest.DemoInvoice))
	m = see("服务市场", w, "buyer1", home, "1")
	shots = append(shots, shot{"服务市场 help", tuitest.Type(t, m, "?").View()})
	see("服务市场 search", w, "buyer1", home, "1", "/", "车", "enter")
	see("服务市场 nothing", w, "buyer1", home, "1", "/", "q", "q", "enter")
	orderPage := func(ctx *common.Context) common.Screen { return market.NewDetail(ctx, tuitest.DemoCoupon) }
	m = see("订购页", w, "buyer1", orderPage)
	shots = append(shots, shot{"订购页 help", tuitest.Type(t, m, "?").View()})
	see("订购?", w, "buyer1", orderPage, "o")
	mine := func(ctx *common.Context) common.Screen { return orders.New(ctx) }
	m = see("我的订购", w, "buyer1", mine)
	shots = append(shots, shot{"我的订购 help", tuitest.Type(t, m, "?").View()})

	see("empty plugins", tuitest.NewWorld(t), "dev1", home)
	see("empty 审核队列", empty, "rev1", home, "2")
	see("empty 发布管理", empty, "dev1", plugin(tuitest.DemoPlate), "2")
	see("empty 我的订购", empty, "buyer1", mine)
	see("empty messages", empty, "dev1", home, "!")
	return shots
}

// TestNoEnglishInAChineseSession: a Chinese session shows no English word
// on any main screen: every run of letters is an id, a version, a code, a
// key name, a file name, a unit, plugpub, or the demo's own data.
func TestNoEnglishInAChineseSession(t *testing.T) {
	allowed := demoWords(t)
	allowed["xyz"], allowed["qq"] = true, true // what the tour types
	for _, s := range tour(t, i18n.Chinese, 100, 30) {
		view := ansi.Strip(s.view)
		if bad := englishWords(view, allowed); len(bad) > 0 {
			t.Errorf("%s shows English %q:\n%s", s.name, bad, s.view)
		}
	}
}

// TestEnglishSessionStaysEnglish: an English session reads what it read
// before the Chinese catalog: no Chinese of a translation of tui reaches it.
// (Chinese it always showed, the seed's words and labels, stays.)
func TestEnglishSessionStaysEnglish(t *testing.T) {
	leaked := translatedOnly(t)
	if len(leaked) == 0 {
		t.Fatal("no Chinese is only in translations: the check below cannot fail")
	}
	for _, s := range tour(t, i18n.English, 100, 30) {
		var bad []string
		for _, run := range hanRun.FindAllString(ansi.Strip(s.view), -1) {
			if leaked[run] {
				bad = append(bad, run)
			}
		}
		if len(bad) > 0 {
			t.Errorf("%s shows the Chinese of a translation: %q:\n%s", s.name, bad, s.view)
		}
	}
}

// translatedOnly are the Chinese runs that tui's messages and key help
// have in their translations and nowhere in tui's source: an English
// session that shows one was said in Chinese.
func translatedOnly(t *testing.T) map[string]bool {
	t.Helper()
	source, translated := map[string]bool{}, map[string]bool{}
	zh := i18n.Printer(i18n.Chinese)
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if b, ok := n.(*ast.BasicLit); ok && b.Kind == token.STRING {
				s, _ := strconv.Unquote(b.Value)
				for _, r := range hanRun.FindAllString(s, -1) {
					source[r] = true
				}
				for _, tr := range []string{i18n.Sprintf(zh, s), i18n.KeyHelp(zh, s)} {
					if tr == s {
						continue
					}
					for _, r := range hanRun.FindAllString(tr, -1) {
						translated[r] = true
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for r := range source {
		delete(translated, r)
	}
	for r := range demoHan(t) {
		delete(translated, r)
	}
	return translated
}

// TestChineseFits: with Chinese, two cells a character, every screen and
// its footer still fit at 80 and 100 columns; a footer cut short ends
// with ? 更多, which opens the rest.
func TestChineseFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		for _, s := range tour(t, i18n.Chinese, size[0], size[1]) {
			tuitest.CheckFits(t, s.view, size[0], size[1])
			lines := strings.Split(ansi.Strip(s.view), "\n")
			footer := strings.TrimRight(lines[len(lines)-1], " ")
			if strings.Contains(footer, "more") || footer == "" {
				t.Errorf("%s at %dx%d: footer %q", s.name, size[0], size[1], footer)
			}
		}
	}
	w := tuitest.NewWorld(t)
	w.Demo()
	ctx := w.Context("dev1")
	ctx.Printer = i18n.Printer(i18n.Chinese)
	s := tui.Plugin(ctx, tuitest.DemoCoupon)
	m := tuitest.Open(t, tui.New(ctx, s), s, 40, 20)
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if footer := strings.TrimRight(lines[len(lines)-1], " "); !strings.HasSuffix(footer, "? 更多") {
		t.Errorf("a footer cut at 40 columns ends %q, not ? 更多", footer)
	}
}

// TestTheWordScanFindsEnglish: the scan is not blind.
func TestTheWordScanFindsEnglish(t *testing.T) {
	for view, want := range map[string]string{
		"版本管理  nothing here yet":            "nothing here yet",
		"q 退出 • ? more":                     "more",
		"dev1 · 开发者  ctrl+c 1.0.0 app.json": "",
		"enter/e 编辑  esc: cancel":           "cancel",
	} {
		if got := strings.Join(englishWords(view, nil), " "); got != want {
			t.Errorf("%q: %q; want %q", view, got, want)
		}
	}
}

var (
	word   = regexp.MustCompile(`[A-Za-z0-9_.+/'@-]*[A-Za-z][A-Za-z0-9_.+/'@-]*`)
	hanRun = regexp.MustCompile(`\p{Han}+`)
)

// keyWords are the words a person does not read as English: key names,
// units, the program, and file formats.
var keyWords = map[string]bool{
	"ctrl": true, "alt": true, "shift": true, "esc": true, "enter": true, "tab": true,
	"pgup": true, "pgdn": true, "pgdown": true, "home": true, "end": true, "space": true,
	"plugpub": true, "mib": true, "kib": true, "markdown": true, "json": true, "axml": true,
	"logo": true, "pc": true, "url": true, "png": true, "jpeg": true,
}

// englishWords are the runs of letters in view that are English words: not
// one letter (a key), not with a digit, a dot or an underscore (an id, a
// version, a file, a field path, a state code), not a key word or allowed
// (a name of the data, whose pieces joined by - are all allowed).
func englishWords(view string, allowed map[string]bool) []string {
	var bad []string
	ok := func(part string) bool {
		switch {
		case len(part) <= 1, strings.ContainsAny(part, "0123456789._"),
			keyWords[strings.ToLower(part)], allowed[part], !strings.ContainsFunc(part, unicode.IsLetter):
			return true
		}
		for _, p := range strings.Split(part, "-") {
			if !allowed[p] {
				return false
			}
		}
		return strings.Contains(part, "-")
	}
	view = ansi.Strip(view)
	for _, at := range word.FindAllStringIndex(view, -1) {
		tok := view[at[0]:at[1]]
		if strings.HasPrefix(view[at[1]:], "…") {
			tok = cutShort(tok, allowed) // a word cut to fit its cell
		}
		for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return r == '+' || r == '/' }) {
			if part = strings.Trim(part, ".'-@"); !ok(part) {
				bad = append(bad, part)
			}
		}
	}
	return bad
}

// cutShort is tok, a word cut short by a …, as the allowed word it starts
// when there is one; else tok, to be judged as it is.
func cutShort(tok string, allowed map[string]bool) string {
	last := tok[strings.LastIndexAny(tok, "+/-_.")+1:]
	for w := range allowed {
		if strings.HasPrefix(w, last) && last != "" {
			return tok[:len(tok)-len(last)] + w
		}
	}
	return tok
}

// domainWord reports whether run is made of the seed's words, which both
// languages say in Chinese (a run can join two: 发布管理, 新建版本).
func domainWord(run string) bool {
	for _, w := range domainWords {
		if run == w {
			return true
		}
	}
	for _, w := range domainWords {
		if rest, ok := strings.CutPrefix(run, w); ok && rest != "" && domainWord(rest) {
			return true
		}
	}
	return false
}

// domainWords are the terms of the seed and DESIGN.md: states, actions,
// screens, and the info form's labels.
var domainWords = strings.Fields(`
	插件 版本 版本管理 发布 发布管理 审核 审核中 审核通过 审核驳回 审核队列 撤回审核 提交审核 退回修改
	开发中 已上线 已下线 上线 下线 上架 已上架 隐藏 展示 订购 订购页 已订购 我的订购 服务市场 修改信息
	新建 新建插件 新建版本 提交 提交申请 已撤回 已替代 插件信息 接入指引 确认提交 预计一个工作日
	服务标题 简单介绍 服务描述 功能类型 可订购人群 发布后是否展示 使用说明 案例介绍 端 联系方式
	支付 会员 基础 资金 信用 口碑 安全 营销 个人 企业 不限 驳回原因 首次上架 自己提交 已超时
	组件 页面 接口 接入说明`)

// demoWords are the words of the demo's own data (names, drafts, code
// samples), which are the user's and stay as they were typed.
func demoWords(t *testing.T) map[string]bool {
	words := map[string]bool{}
	for _, s := range demoStrings(t) {
		for _, w := range word.FindAllString(s, -1) {
			for _, p := range strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
				words[p] = true
			}
		}
	}
	return words
}

// demoHan are the Chinese runs of the demo's data.
func demoHan(t *testing.T) map[string]bool {
	runs := map[string]bool{}
	for _, s := range demoStrings(t) {
		for _, r := range hanRun.FindAllString(s, -1) {
			runs[r] = true
		}
	}
	return runs
}

func demoStrings(t *testing.T) []string {
	w := tuitest.NewWorld(t)
	w.Demo()
	var out []string
	for _, id := range []string{tuitest.DemoPlate, tuitest.DemoPoints, tuitest.DemoInvoice, tuitest.DemoFace, tuitest.DemoCoupon} {
		owner := "dev1"
		if id == tuitest.DemoInvoice || id == tuitest.DemoFace {
			owner = "dev2"
		}
		sd, err := w.Svc.Draft(w.Ctx, owner, id)
		w.Must(err)
		b, err := json.Marshal(sd.Draft)
		w.Must(err)
		var v any
		w.Must(json.Unmarshal(b, &v))
		out = append(out, leaves(v)...)
		p, err := w.Svc.Plugin(w.Ctx, owner, id)
		w.Must(err)
		out = append(out, p.Name)
	}
	subs, err := w.Svc.Submissions(w.Ctx, "dev2", tuitest.DemoFace, workflow.Page{})
	w.Must(err)
	for _, s := range subs {
		out = append(out, s.Reason)
	}
	sort.Strings(out)
	return out
}

// leaves are the strings and keys of a JSON value.
func leaves(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, leaves(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for k, e := range v {
			out = append(out, k)
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

// TestTooSmallSpeaksChinese: a dialog the window cannot hold says so in the
// session's language, at 30×8 as at 100×5.
func TestTooSmallSpeaksChinese(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Demo()
	for _, size := range [][2]int{{30, 8}, {100, 5}} {
		for _, lang := range []i18n.Lang{i18n.Chinese, i18n.English} {
			ctx := w.Context("dev1")
			ctx.Printer = i18n.Printer(lang)
			s := tui.Plugin(ctx, tuitest.DemoPlate)
			m := tuitest.Open(t, tui.New(ctx, s), s, size[0], size[1])
			m = tuitest.Type(t, m, "2", "h") // 隐藏?
			view := ansi.Strip(m.View())
			want := map[i18n.Lang]string{i18n.Chinese: "窗口太小", i18n.English: "window too"}[lang]
			if !strings.Contains(view, want) {
				t.Errorf("%s at %v: the dialog does not fit and should say %q:\n%s", lang, size, want, view)
			}
			if lang == i18n.Chinese {
				if bad := englishWords(view, demoWords(t)); len(bad) > 0 {
					t.Errorf("at %v shows English %q:\n%s", size, bad, view)
				}
			}
		}
	}
}

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
