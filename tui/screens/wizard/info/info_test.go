package info

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/screens/wizard/step"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

func TestMain(m *testing.M) {
	tuitest.Main(m)
}

const pid = "2021004100000001"

// screen lets tuitest.Drive run a step the way the wizard does: keys and
// the messages the step's commands produce, nothing else.
type screen struct{ s *Step }

func (a screen) Init() tea.Cmd                               { return a.s.Init() }
func (a screen) Update(msg tea.Msg) (common.Screen, tea.Cmd) { return a, a.s.Update(msg) }
func (a screen) View() string                                { return a.s.View() }
func (a screen) SetSize(w, h int)                            { a.s.SetSize(w, h) }
func (a screen) Title() string                               { return "插件信息" }
func (a screen) Capturing() bool                             { return a.s.Capturing() }
func (a screen) ShortHelp() []key.Binding                    { return a.s.ShortHelp() }
func (a screen) FullHelp() [][]key.Binding                   { return a.s.FullHelp() }

type fixture struct {
	t *testing.T
	w *tuitest.World
	d *workflow.Draft
	s *Step
}

// open builds the step over a new draft, as the wizard does before the
// stored one arrives, then loads it.
func open(t *testing.T) *fixture {
	t.Helper()
	w := tuitest.NewWorld(t)
	d := new(workflow.Draft)
	*d = workflow.NewDraft()
	s := New(w.Context("dev1"), pid, d)
	s.SetSize(100, 26)
	s.Load(d)
	f := &fixture{t: t, w: w, d: d, s: s}
	f.drive(tuitest.Run(s.Init())...)
	return f
}

func (f *fixture) drive(msgs ...tea.Msg) []tea.Msg {
	f.t.Helper()
	return tuitest.Drive(f.t, screen{f.s}, msgs...)
}

// typ types text a key at a time, as a person does; "\n" is enter.
func (f *fixture) typ(text string) []tea.Msg {
	f.t.Helper()
	var seen []tea.Msg
	for _, r := range text {
		k := tuitest.Key(string(r))
		if r == '\n' {
			k = tuitest.Key("enter")
		}
		seen = append(seen, f.drive(k)...)
	}
	return seen
}

func (f *fixture) key(names ...string) []tea.Msg {
	f.t.Helper()
	return tuitest.Press(f.t, screen{f.s}, names...)
}

func (f *fixture) ctrl(t tea.KeyType) []tea.Msg {
	f.t.Helper()
	return f.drive(tea.KeyMsg{Type: t})
}

// focusedTitle is the title of the field the view marks as focused.
func (f *fixture) focusedTitle() string {
	for _, line := range strings.Split(f.s.View(), "\n") {
		rest, ok := strings.CutPrefix(line, "┃ ")
		if !ok {
			continue
		}
		for _, sp := range specs {
			if strings.TrimSpace(rest) == sp.title {
				return sp.title
			}
		}
	}
	return ""
}

func lastLine(v string) string { return v[strings.LastIndexByte(v, '\n')+1:] }

func edited(msgs []tea.Msg) int {
	n := 0
	for _, m := range msgs {
		if _, ok := m.(step.EditedMsg); ok {
			n++
		}
	}
	return n
}

func TestTypingFillsTheDraftFieldByField(t *testing.T) {
	f := open(t)
	in := &f.d.Info
	if got := f.focusedTitle(); got != "服务标题" {
		t.Fatalf("the form starts on %q, want 服务标题:\n%s", got, f.s.View())
	}

	seen := f.typ("车牌识别")
	if in.Title != "车牌识别" {
		t.Fatalf("title after typing = %q", in.Title)
	}
	// Every keystroke reaches the draft, and the wizard hears of each.
	if n := edited(seen); n != 4 {
		t.Errorf("%d EditedMsg for 4 keys", n)
	}
	f.key("tab")
	f.typ("拍照识别车牌号码")
	f.key("tab")
	f.typ("第一段\n- 第二行")
	if in.Intro != "拍照识别车牌号码" || in.Description != "第一段\n- 第二行" {
		t.Fatalf("intro %q, description %q", in.Intro, in.Description)
	}
	f.key("tab", "tab") // past the logo, left empty

	// 功能类型: space and x pick, the cursor moves with down.
	if got := f.focusedTitle(); got != "功能类型" {
		t.Fatalf("focus on %q, want 功能类型", got)
	}
	f.key(" ", "down", "down", "x")
	if !slices.Equal(in.Abilities, []string{"支付", "基础"}) {
		t.Fatalf("abilities = %q", in.Abilities)
	}
	f.key("tab")

	// 可订购人群 starts on the draft's 不限; up chooses 企业.
	f.key("up")
	if in.Buyers != workflow.BuyersEnterprise {
		t.Fatalf("buyers = %q", in.Buyers)
	}
	// 订购审核 starts on the default 自动通过; down chooses 需审核.
	f.key("tab")
	if got := f.focusedTitle(); got != "订购审核" || in.OrderReview != "" {
		t.Fatalf("focus on %q with 订购审核 %q, want 订购审核 left at the default (\"\", shown as %s)", got, in.OrderReview, workflow.OrderReviewAuto)
	}
	f.key("down")
	if in.OrderReview != workflow.OrderReviewManual {
		t.Fatalf("order review = %q after down, want %s", in.OrderReview, workflow.OrderReviewManual)
	}
	f.key("tab", "down")
	if in.ShowAfterRelease {
		t.Fatal("发布后是否展示 still 展示 after choosing 隐藏")
	}
	f.key("tab")
	f.typ("订购后在 app.json 声明")
	f.key("tab")
	f.typ("某停车场")
	f.key("tab")
	f.typ("https://example.com")
	f.key("tab")
	f.typ("support@example.com")

	want := workflow.Info{
		Title: "车牌识别", Intro: "拍照识别车牌号码", Description: "第一段\n- 第二行",
		Abilities: []string{"支付", "基础"}, Buyers: workflow.BuyersEnterprise, OrderReview: workflow.OrderReviewManual, ShowAfterRelease: false,
		Usage: "订购后在 app.json 声明", Cases: "某停车场", PCURL: "https://example.com", Contact: "support@example.com",
	}
	got := *in
	if !slices.Equal(got.Abilities, want.Abilities) {
		t.Fatalf("abilities = %q", got.Abilities)
	}
	got.Abilities, want.Abilities = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("info after typing every field:\n got %+v\nwant %+v", got, want)
	}
	// The guide is still empty, which is a problem of the guide step (bug 10).
	var ps []workflow.Problem
	for _, p := range f.d.Problems() {
		if strings.HasPrefix(p.Path, "info.") {
			ps = append(ps, p)
		}
	}
	if len(ps) != 0 {
		t.Errorf("the typed form should be valid: %v", ps)
	}
}

func TestProblemsShowAsYouTypeAndLeave(t *testing.T) {
	f := open(t)
	f.typ("一二三四五六七八九十一二三四五六七八九十一")
	if v := f.s.View(); !strings.Contains(v, "has 21 characters; at most 20") {
		t.Fatalf("a 21-character title shows no problem:\n%s", v)
	}
	f.key("backspace")
	if v := f.s.View(); strings.Contains(v, "21 characters") || !strings.Contains(v, "2–20 characters") {
		t.Fatalf("the problem stays after fixing it:\n%s", v)
	}

	// An empty field says it is required once it is left, not before.
	if v := f.s.View(); strings.Contains(v, "intro (简单介绍) is required") {
		t.Fatalf("an untouched field already complains:\n%s", v)
	}
	f.key("tab", "tab")
	// huh scrolls the focused field to the top, so the field just left
	// is out of sight: the footer names its problem.
	if v := f.s.View(); !strings.Contains(lastLine(v), "✗ intro (简单介绍) is required") {
		t.Fatalf("leaving the empty intro shows nothing:\n%s", v)
	}
	f.key("shift+tab")
	if v := f.s.View(); !strings.Contains(v, "┃ ✗ intro (简单介绍) is required") {
		t.Fatalf("the intro does not show its problem:\n%s", v)
	}
	f.typ("简介")
	if v := f.s.View(); strings.Contains(v, "intro (简单介绍) is required") {
		t.Fatalf("a problem is left after fixing the intro:\n%s", v)
	}

	if !f.s.Focus("info.contact") {
		t.Fatal("Focus(info.contact) = false")
	}
	f.typ("abc")
	if v := f.s.View(); !strings.Contains(v, `"abc" is neither a phone number`) {
		t.Fatalf("an invalid contact shows no problem:\n%s", v)
	}
	f.typ("@example.com")
	if v := f.s.View(); strings.Contains(v, "neither a phone") || f.d.Info.Contact != "abc@example.com" {
		t.Fatalf("contact %q, view:\n%s", f.d.Info.Contact, v)
	}
	f.s.Focus("info.abilities")
	if v := f.s.View(); !strings.Contains(v, "choose at least one ability type") {
		t.Fatalf("a problem jump to abilities does not show the problem:\n%s", v)
	}
}

func TestSelectsShowEveryOptionAndTheChoice(t *testing.T) {
	f := open(t)
	f.s.Focus("info.buyers")
	v := f.s.View()
	for _, want := range []string{"┃   个人", "┃   企业", "┃ > 不限", "  > 展示", "    隐藏"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	f.d.Info.ShowAfterRelease = false
	f.s.Load(f.d)
	f.s.Focus("info.show_after_release")
	if v := f.s.View(); !strings.Contains(v, "┃   展示") || !strings.Contains(v, "┃ > 隐藏") {
		t.Errorf("隐藏 is not the choice shown:\n%s", v)
	}
}

func TestEnterOnTheLastFieldKeepsTheForm(t *testing.T) {
	f := open(t)
	f.s.Focus("info.contact")
	f.typ("13800138000")
	seen := f.key("enter")
	for _, m := range seen {
		if _, ok := m.(tea.QuitMsg); ok {
			t.Fatal("enter on the last field quit the program")
		}
	}
	if got := f.focusedTitle(); got != "客服联系方式" {
		t.Fatalf("after enter on the last field the focus is on %q:\n%s", got, f.s.View())
	}
	f.typ("1")
	if f.d.Info.Contact != "138001380001" {
		t.Fatalf("the form stopped editing after it completed: contact %q", f.d.Info.Contact)
	}
	// huh would abort on ctrl+c; the root owns that key.
	f.ctrl(tea.KeyCtrlC)
	f.typ("2")
	if f.d.Info.Contact != "1380013800012" {
		t.Fatalf("ctrl+c ended the form: contact %q", f.d.Info.Contact)
	}
}

func TestMovingWithoutChangingIsNoEdit(t *testing.T) {
	f := open(t)
	if n := edited(f.key("tab", "tab", "shift+tab", "tab", "tab", "down", "up")); n != 0 {
		// down then up on 功能类型 only moves its cursor.
		t.Errorf("%d EditedMsg for moving around", n)
	}
}

func writePNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	path := filepath.Join(t.TempDir(), "logo.png")
	workflowtest.WritePNG(t, path, img)
	return path
}

func TestLogoFromAFileIsStored(t *testing.T) {
	f := open(t)
	path := writePNG(t)
	f.s.Focus("info.logo")
	f.drive(tuitest.Key(path)) // pasted
	f.key("tab")
	ref := f.d.Info.Logo
	if !workflow.IsLogoRef(ref) {
		t.Fatalf("logo = %q after giving a PNG", ref)
	}
	mime, data, err := f.w.Svc.Logo(f.w.Ctx, ref)
	if err != nil || mime != workflow.LogoPNG || workflow.LogoRef(data) != ref {
		t.Fatalf("stored logo: %q, %d bytes, %v", mime, len(data), err)
	}
	f.s.Focus("info.logo")
	if v := f.s.View(); !strings.Contains(v, "✓ stored") || !strings.Contains(v, "已上传 sha256:") {
		t.Fatalf("the stored logo is not shown:\n%s", v)
	}

	// A text file: its problem is shown and the draft keeps its logo.
	txt := filepath.Join(t.TempDir(), "logo.txt")
	if err := os.WriteFile(txt, []byte("not an image\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.s.Focus("info.logo")
	f.drive(tea.KeyMsg{Type: tea.KeyCtrlU}) // clears the input

	f.drive(tuitest.Key(txt))
	seen := f.key("tab")
	if f.d.Info.Logo != ref || edited(seen) != 0 {
		t.Fatalf("a text file changed the logo to %q", f.d.Info.Logo)
	}
	f.s.Focus("info.logo")
	if v := f.s.View(); !strings.Contains(v, "✗ the logo must be a PNG or JPEG image") {
		t.Fatalf("the text file's problem is not shown:\n%s", v)
	}

	// An empty path keeps the logo, and says it is there.
	f.drive(tea.KeyMsg{Type: tea.KeyCtrlU})
	f.key("tab")
	f.s.Focus("info.logo")
	if v := f.s.View(); f.d.Info.Logo != ref || !strings.Contains(v, "┃ 已上传") || strings.Contains(v, "✗ the logo") {
		t.Fatalf("an empty path: logo %q, view:\n%s", f.d.Info.Logo, v)
	}
}

func TestLogoProblems(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.png")
	if err := os.WriteFile(big, make([]byte, workflow.MaxLogoBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.png"), "no such file"},
		{dir, "is not a file"},
		{big, "at most 2 MiB"},
	} {
		f := open(t)
		f.s.Focus("info.logo")
		f.drive(tuitest.Key(c.path))
		f.key("tab")
		f.s.Focus("info.logo")
		if v := f.s.View(); !strings.Contains(v, c.want) || f.d.Info.Logo != "" {
			t.Errorf("%s: logo %q, view:\n%s", c.path, f.d.Info.Logo, v)
		}
	}
}

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		"  /tmp/a.png ":      "/tmp/a.png",
		"'/tmp/my logo.png'": "/tmp/my logo.png",
		`"/tmp/a.png"`:       "/tmp/a.png",
		`/tmp/my\ logo.png`:  "/tmp/my logo.png",
		"file:///tmp/a.png":  "/tmp/a.png",
		"":                   "",
		"'":                  "'",
	} {
		if got := cleanPath(in); got != want {
			t.Errorf("cleanPath(%q) = %q, want %q", in, got, want)
		}
	}
}

var ctrlL = tea.KeyMsg{Type: tea.KeyCtrlL}

func TestSampleFillsAnEmptyFormWithoutAsking(t *testing.T) {
	f := open(t)
	f.d.Info.Logo = workflow.LogoRef([]byte("x"))
	f.s.Load(f.d)
	seen := f.drive(ctrlL)
	if f.s.Open() {
		t.Fatal("an empty form asked before filling the sample")
	}
	want := workflow.SampleDraft().Info
	want.Logo = workflow.LogoRef([]byte("x"))
	got := f.d.Info
	if got.Title != want.Title || got.Description != want.Description || got.Contact != want.Contact ||
		!slices.Equal(got.Abilities, want.Abilities) || got.Logo != want.Logo {
		t.Fatalf("after 填写样例:\n got %+v\nwant %+v", got, want)
	}
	if edited(seen) == 0 {
		t.Error("填写样例 did not tell the wizard")
	}
	// The form shows the sample, and goes on editing it.
	if v := f.s.View(); !strings.Contains(v, want.Title) {
		t.Fatalf("the form does not show the sample:\n%s", v)
	}
	f.typ("!")
	if f.d.Info.Title != want.Title+"!" {
		t.Fatalf("typing after 填写样例: title %q", f.d.Info.Title)
	}
}

func TestSampleAsksBeforeOverwriting(t *testing.T) {
	f := open(t)
	f.typ("我的标题")
	f.drive(ctrlL)
	if !f.s.Open() || !strings.Contains(f.s.View(), "填写样例") {
		t.Fatalf("no question before overwriting:\n%s", f.s.View())
	}
	tuitest.CheckFits(t, f.s.View(), 100, 26)
	if n := edited(f.key("n")); n != 0 || f.s.Open() || f.d.Info.Title != "我的标题" {
		t.Fatalf("n: %d edits, capturing %v, title %q", n, f.s.Open(), f.d.Info.Title)
	}
	f.typ("!")
	if f.d.Info.Title != "我的标题!" {
		t.Fatalf("the form stopped after the question: title %q", f.d.Info.Title)
	}

	f.drive(ctrlL)
	f.ctrl(tea.KeyEsc)
	if f.s.Open() || f.d.Info.Title != "我的标题!" {
		t.Fatalf("esc: capturing %v, title %q", f.s.Open(), f.d.Info.Title)
	}

	f.drive(ctrlL)
	if n := edited(f.key("y")); n == 0 || f.d.Info.Title != workflow.SampleDraft().Info.Title {
		t.Fatalf("y: %d edits, title %q", n, f.d.Info.Title)
	}
}

func TestFocusMovesToTheNamedField(t *testing.T) {
	f := open(t)
	for _, c := range []struct{ path, title string }{
		{"info.contact", "客服联系方式"},
		{"info.title", "服务标题"},
		{"info.abilities[1]", "功能类型"},
		{"info.show_after_release", "发布后是否展示"},
		{"info.pc_url", "PC端url"},
		{"info.description", "服务描述"},
	} {
		if !f.s.Focus(c.path) {
			t.Fatalf("Focus(%q) = false", c.path)
		}
		if got := f.focusedTitle(); got != c.title {
			t.Errorf("Focus(%q) shows %q focused, want %q:\n%s", c.path, got, c.title, f.s.View())
		}
	}
	for _, p := range []string{"guide.components[0].name", "info.nonsense", "", "info"} {
		if f.s.Focus(p) {
			t.Errorf("Focus(%q) = true", p)
		}
	}
	// Typing goes to the field focused.
	f.s.Focus("info.contact")
	f.typ("a@b.cn")
	if f.d.Info.Contact != "a@b.cn" || f.d.Info.Title != "" {
		t.Fatalf("after Focus(info.contact): contact %q, title %q", f.d.Info.Contact, f.d.Info.Title)
	}
}

func TestLoadShowsTheReplacedDraft(t *testing.T) {
	f := open(t)
	f.typ("旧的")
	*f.d = workflow.SampleDraft()
	f.s.Load(f.d)
	if v := f.s.View(); !strings.Contains(v, workflow.SampleDraft().Info.Title) {
		t.Fatalf("Load does not show the new draft:\n%s", v)
	}
	// The old fields must not write their copies back.
	f.key("tab", "shift+tab")
	if f.d.Info.Title != workflow.SampleDraft().Info.Title {
		t.Fatalf("the old form wrote back: title %q", f.d.Info.Title)
	}
}

// What the form cannot show as it is, it corrects on Load, and tells the
// wizard so that the correction is saved like any edit.
func TestLoadCorrectsWhatTheFormCannotShow(t *testing.T) {
	f := open(t)
	f.d.Info.Title = "\x1b[31m红\u202e色"
	f.d.Info.Description = "a\x07b\nc"
	f.d.Info.Buyers = ""
	f.s.Load(f.d)
	if n := edited(f.drive(tuitest.Run(f.s.Init())...)); n == 0 {
		t.Error("correcting the draft was not reported as an edit")
	}
	if f.d.Info.Title != "红色" || f.d.Info.Description != "ab\nc" || f.d.Info.Buyers != workflow.BuyersAny {
		t.Fatalf("title %q, description %q, buyers %q", f.d.Info.Title, f.d.Info.Description, f.d.Info.Buyers)
	}
	if n := edited(f.drive(tuitest.Run(f.s.Init())...)); n != 0 {
		t.Error("the correction was reported twice")
	}
	if v := f.s.View(); strings.ContainsAny(v, "\x1b\u202e\x07") {
		t.Fatalf("the view draws unsafe text: %q", v)
	}
}

// The cursor must not blink: a blink is a command that waits, then asks
// for another, forever, and the wizard's tests drive commands to the end.
func TestNoCommandWaits(t *testing.T) {
	f := open(t)
	var cmds []tea.Cmd
	cmds = append(cmds, f.s.Update(tuitest.Key("a")), f.s.Update(tuitest.Key("tab")), f.s.Update(tuitest.Key("tab")))
	f.s.Focus("info.usage")
	cmds = append(cmds, f.s.Update(tuitest.Key("b")), f.s.Update(tuitest.Key("enter")))
	for _, cmd := range cmds {
		start := time.Now()
		tuitest.Run(cmd)
		if d := time.Since(start); d > 300*time.Millisecond {
			t.Fatalf("a command took %v", d)
		}
	}
}

func TestHelpListsTheFieldKeysAndTheSample(t *testing.T) {
	f := open(t)
	var keys []string
	for _, b := range f.s.ShortHelp() {
		if b.Enabled() {
			keys = append(keys, b.Help().Key)
		}
	}
	if !slices.Contains(keys, "ctrl+l") || !slices.Contains(keys, "enter") {
		t.Errorf("short help %q", keys)
	}
	f.s.Focus("info.usage")
	var full []string
	for _, g := range f.s.FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				full = append(full, b.Help().Key+" "+b.Help().Desc)
			}
		}
	}
	if !slices.Contains(full, "enter new line") || !slices.Contains(full, "ctrl+l 填写样例") {
		t.Errorf("full help in a long text %q", full)
	}
	for _, k := range full {
		if strings.Contains(k, "ctrl+e") {
			t.Errorf("help offers %q, which is off", k)
		}
	}
}

func TestViewFitsEverySize(t *testing.T) {
	f := open(t)
	check := func(what string) {
		t.Helper()
		for _, sz := range [][2]int{{100, 26}, {80, 20}, {80, 24}, {40, 10}, {20, 3}, {1, 1}, {100, 26}} {
			f.s.SetSize(sz[0], sz[1])
			v := f.s.View()
			tuitest.CheckFits(t, v, sz[0], sz[1])
			if strings.Count(v, "\n")+1 != sz[1] && sz[1] > 1 {
				t.Errorf("%s at %dx%d: %d lines", what, sz[0], sz[1], strings.Count(v, "\n")+1)
			}
		}
	}
	check("empty")
	f.drive(ctrlL)
	check("sample")
	for _, p := range []string{"info.abilities", "info.usage", "info.contact"} {
		f.s.Focus(p)
		check(p)
	}
	f.s.Focus("info.title")
	f.typ("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十")
	check("a long problem")
	f.drive(ctrlL)
	check("the question")
	f.s.SetSize(0, 0)
	if f.s.View() != "" {
		t.Error("a 0×0 step draws something")
	}
}

func TestResizeKeepsFocusAndValues(t *testing.T) {
	f := open(t)
	f.s.Focus("info.contact")
	f.typ("a@b.cn")
	f.s.SetSize(20, 3)
	f.s.SetSize(100, 26)
	if got := f.focusedTitle(); got != "客服联系方式" {
		t.Fatalf("after resizing the focus is on %q", got)
	}
	f.typ("x")
	if f.d.Info.Contact != "a@b.cnx" {
		t.Fatalf("contact %q after resizing", f.d.Info.Contact)
	}
	// The multi-select grows back after a tiny height shrank it.
	f.s.Focus("info.abilities")
	if v := f.s.View(); !strings.Contains(v, "营销") {
		t.Fatalf("the last ability is not shown at 100×26 after 20×3:\n%s", v)
	}
}

func BenchmarkKeystroke(b *testing.B) {
	w := tuitest.NewWorld(b)
	d := workflow.SampleDraft()
	s := New(w.Context("dev1"), pid, &d)
	s.SetSize(100, 26)
	s.Focus("info.usage")
	b.ResetTimer()
	for i := range b.N {
		k := tuitest.Key("a")
		if i%2 == 1 {
			k = tuitest.Key("backspace")
		}
		s.Update(k)
		_ = s.View()
	}
}
