package guide_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"plugpub/tui/screens/wizard/guide"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

func TestTypingAGuide(t *testing.T) {
	h := newHarness(t, workflow.NewDraft(), 100, 26)

	tuitest.TypeGuide(h.press, h.typeText)
	want := tuitest.TypedGuide()
	if !reflect.DeepEqual(h.d.Guide, want) {
		t.Errorf("guide:\n got %#v\nwant %#v", h.d.Guide, want)
	}
	if ps := guideProblems(h.d); len(ps) != 0 {
		t.Errorf("the typed guide has problems: %v", ps)
	}
	if h.edits == 0 {
		t.Error("no step.Edited was sent")
	}
	if h.s.Open() {
		t.Error("every editor was closed, yet the step still captures esc")
	}
	v := h.view()
	tuitest.ContainsAll(t, "the view", v, "组件 (1)", "页面 (1)", "接口 (1)", "getUser")
}

func TestDuplicatePropNameShownAsTyped(t *testing.T) {
	d := workflow.NewDraft()
	d.Guide.Components = []workflow.Component{{Name: "my-button", Props: []workflow.Prop{{Name: "text", Type: "String"}}}}
	h := newHarness(t, d, 100, 26)
	h.focus("guide.components[0].props")
	h.press("a")
	h.typeText("tex")
	const dup = `prop name "text" is already used by guide.components[0].props[0]`
	if v := h.view(); strings.Contains(v, "already used") {
		t.Fatalf("a duplicate before the name is one:\n%s", v)
	}
	h.typeText("t")
	v := h.errorUnder("名称", dup)
	if !strings.Contains(v, "✗ 1 个问题") {
		t.Errorf("the entry does not count its problem:\n%s", v)
	}

	// Back in the component, the row carries the mark.
	h.press("esc")
	v = h.view()
	if !strings.Contains(v, "✗ 1 个属性有问题") || !strings.Contains(v, "✗ "+"component") {
		t.Errorf("the props table does not mark the duplicate:\n%s", v)
	}

	// Fixing it clears every message.
	h.press("enter")
	h.typeText("2")
	v = h.view()
	if strings.Contains(v, "✗") {
		t.Errorf("a message stayed after the fix:\n%s", v)
	}
	h.press("esc", "esc")
	if v := h.view(); strings.Contains(v, "✗") {
		t.Errorf("the list still marks the component:\n%s", v)
	}
	if got := h.d.Guide.Components[0].Props[1].Name; got != "text2" {
		t.Errorf("prop name = %q", got)
	}
}

func TestPageParamPickerNeverOffersArray(t *testing.T) {
	h := newHarness(t, workflow.NewDraft(), 100, 26)
	h.press("l", "a")
	h.typeText("home")
	h.press("tab")
	h.typeText("pages/home/index")
	h.press("tab", "tab", "a")
	h.typeText("id")
	h.press("tab")
	seen := map[string]bool{}
	for _, k := range []string{" ", " ", " ", " ", "right", "left", "left", "left", "left"} {
		v := h.view()
		for _, bad := range []string{"Array", "Object", "Any"} {
			if strings.Contains(v, bad) {
				t.Fatalf("the page param picker offers %s:\n%s", bad, v)
			}
		}
		seen[h.d.Guide.Pages[0].Params[0].Type] = true
		h.press(k)
	}
	for typ := range seen {
		if !slices.Contains(workflow.PageParamTypes, typ) {
			t.Errorf("the picker chose %q", typ)
		}
	}
	if len(seen) != len(workflow.PageParamTypes) {
		t.Errorf("the picker reached %v, not every page param type", seen)
	}

	// An API input's picker does offer them.
	h.press("esc", "esc", "l", "a", "tab", "tab", "a", "tab")
	if v := h.view(); !strings.Contains(v, "Array") || !strings.Contains(v, "Any") {
		t.Errorf("the API input picker lacks Array or Any:\n%s", v)
	}
}

func TestLoadedArrayPageParamShowsItsError(t *testing.T) {
	d := workflow.NewDraft()
	d.Guide.Pages = []workflow.GuidePage{{Name: "home", Path: "pages/home/index", Params: []workflow.Param{{Name: "id", Type: "Array"}}}}
	h := newHarness(t, d, 100, 26)
	msg := workflow.ValidatePageParamType("Array").Error()

	h.press("l")
	if v := h.view(); !strings.Contains(v, "✗") || !strings.Contains(v, `param "id"`) {
		t.Errorf("the pages table does not mark the page:\n%s", v)
	}
	h.focus("guide.pages[0].params[0].type")
	v := h.errorUnder("类型", msg)
	if !strings.Contains(v, "Array ✗") {
		t.Errorf("the disallowed type is not shown crossed out:\n%s", v)
	}

	h.press(" ") // leaves Array for the first allowed type
	if got := h.d.Guide.Pages[0].Params[0].Type; got != "String" {
		t.Errorf("type = %q after one step of the picker", got)
	}
	if v := h.view(); strings.Contains(v, "✗") || strings.Contains(v, "Array") {
		t.Errorf("the error stayed after the fix:\n%s", v)
	}
	h.press("esc", "esc")
	if v := h.view(); strings.Contains(v, "✗") {
		t.Errorf("the pages table still marks the page:\n%s", v)
	}
}

func TestDuplicateDeleteUndoMove(t *testing.T) {
	h := newHarness(t, workflow.SampleDraft(), 100, 26)
	names := func() []string {
		var out []string
		for _, c := range h.d.Guide.Components {
			out = append(out, c.Name)
		}
		return out
	}
	enabled := func(b key.Binding) bool {
		for _, hb := range h.s.ShortHelp() {
			if hb.Help().Desc == b.Help().Desc {
				return hb.Enabled()
			}
		}
		t.Fatalf("%q is not in the help", b.Help().Desc)
		return false
	}
	keys := guide.NewKeys()
	if enabled(keys.Undo) || enabled(keys.MoveUp) || !enabled(keys.MoveDown) {
		t.Error("help offers undo with nothing deleted, or move up at the top")
	}

	h.press("c")
	h.press("c")
	if got, want := names(), []string{"plate-scanner", "plate-scanner-copy", "plate-scanner-copy-2", "plate-result"}; !slices.Equal(got, want) {
		t.Fatalf("after two duplicates: %v, want %v", got, want)
	}
	// A copy is deep: changing it leaves the original alone.
	h.d.Guide.Components[2].Props[0].Name = "changed"
	if h.d.Guide.Components[0].Props[0].Name != "bizId" {
		t.Error("the copy shares its props with the original")
	}
	h.d.Guide.Components[2].Props[0].Name = "bizId"

	// Delete the selected copy, then take it back.
	before := h.d.Guide.Components[2]
	h.press("d")
	if got, want := names(), []string{"plate-scanner", "plate-scanner-copy", "plate-result"}; !slices.Equal(got, want) {
		t.Fatalf("after delete: %v, want %v", got, want)
	}
	if v := h.view(); !strings.Contains(v, "已删除组件 “plate-scanner-copy-2” · u 撤销") {
		t.Errorf("the delete is not announced:\n%s", v)
	}
	if !enabled(keys.Undo) {
		t.Error("undo is not offered after a delete")
	}
	h.press("u")
	if !reflect.DeepEqual(h.d.Guide.Components[2], before) {
		t.Errorf("undo restored %#v, want %#v", h.d.Guide.Components[2], before)
	}
	if enabled(keys.Undo) {
		t.Error("undo is still offered after it was used")
	}

	// Move the selected one up, then down again; at the ends nothing moves.
	h.press("K")
	if got, want := names(), []string{"plate-scanner", "plate-scanner-copy-2", "plate-scanner-copy", "plate-result"}; !slices.Equal(got, want) {
		t.Fatalf("after K: %v, want %v", got, want)
	}
	h.press("J", "J")
	if got, want := names(), []string{"plate-scanner", "plate-scanner-copy", "plate-result", "plate-scanner-copy-2"}; !slices.Equal(got, want) {
		t.Fatalf("after J J: %v, want %v", got, want)
	}
	edits := h.edits
	h.press("J")
	h.press("g", "K")
	if h.edits != edits {
		t.Error("a move past an end counted as an edit")
	}

	// Nested lists and the other lists copy with names that stay valid
	// and unique: identifiers get Copy, pages a new path too.
	h.s.Focus("guide.components[0].props")
	h.press("c", "esc")
	if got := h.d.Guide.Components[0].Props[1].Name; got != "bizIdCopy" {
		t.Errorf("a copied prop is named %q", got)
	}
	h.press("l", "c", "l", "c")
	if p := h.d.Guide.Pages[1]; p.Name != "scan-copy" || p.Path != "pages/scan/index-copy" {
		t.Errorf("a copied page is %q at %q", p.Name, p.Path)
	}
	if got := h.d.Guide.APIs[1].Name; got != "recognizePlateCopy" {
		t.Errorf("a copied API is named %q", got)
	}
	if ps := guideProblems(h.d); len(ps) != 0 {
		t.Errorf("copies made problems: %v", ps)
	}
}

func TestSampleInstructions(t *testing.T) {
	sample := workflow.SampleInstructions()
	h := newHarness(t, workflow.NewDraft(), 100, 26)
	h.press("[") // from the first tab back round to the last
	h.press("s") // empty: filled at once
	if h.d.Guide.Instructions != sample {
		t.Fatal("填写样例 did not fill the empty instructions")
	}

	d := workflow.NewDraft()
	d.Guide.Instructions = "我的说明"
	h.d.Guide.Instructions = "我的说明"
	h.s.Load(h.d)
	h.press("s")
	if !h.s.Open() || !strings.Contains(h.view(), "现有的 4 个字符会被覆盖") {
		t.Fatalf("填写样例 did not ask before replacing text:\n%s", h.view())
	}
	h.press("n")
	if h.d.Guide.Instructions != "我的说明" || h.s.Open() {
		t.Fatal("no replaced the text, or left the dialog open")
	}
	edits := h.edits
	h.press("s", "y")
	if h.d.Guide.Instructions != sample || h.edits != edits+1 {
		t.Fatal("yes did not fill the sample, or did not say so to the wizard")
	}

	// The preview is the market's drawing: code fences are gone, the
	// code indented; p again shows the markdown as written.
	if v := h.view(); !strings.Contains(v, "~~~json") {
		t.Errorf("the text is not shown as written:\n%s", v)
	}
	h.press("p")
	v := h.view()
	if strings.Contains(v, "~~~") || !strings.Contains(v, "  ## 1. 声明插件") || !strings.Contains(v, `        "plugins": {`) {
		t.Errorf("the preview is not the market's rendering:\n%s", v)
	}
	h.press("p")
	if v := h.view(); !strings.Contains(v, "~~~json") {
		t.Errorf("p did not leave the preview:\n%s", v)
	}

	// Writing: enter, type, esc; the tab keys work again afterwards.
	h.press("enter")
	if !h.s.Open() {
		t.Error("writing does not capture esc")
	}
	h.typeText("前言 ")
	h.press("esc")
	if !strings.HasPrefix(h.d.Guide.Instructions, "前言 ## 1.") {
		t.Errorf("typed text went elsewhere: %.30q", h.d.Guide.Instructions)
	}
	h.press("l")
	if v := h.view(); !strings.Contains(v, "组件") || strings.Contains(v, "markdown") {
		t.Errorf("→ after writing did not switch tabs:\n%s", v)
	}
}

func TestFocus(t *testing.T) {
	h := newHarness(t, workflow.SampleDraft(), 100, 26)
	h.focus("guide.components[1].props[0].type")
	v := h.view()
	if !strings.Contains(v, "组件 plate-result › 属性 plate") || !strings.Contains(v, "› 类型") {
		t.Fatalf("Focus opened the wrong editor or field:\n%s", v)
	}
	if !h.s.Open() {
		t.Error("an open editor does not capture esc")
	}
	h.press(" ")
	if got := h.d.Guide.Components[1].Props[0].Type; got != "Number" {
		t.Errorf("space on the focused type made it %q", got)
	}
	h.press("esc")
	if v := h.view(); !strings.Contains(v, "› 属性 (3)") || !strings.Contains(v, "组件 plate-result") {
		t.Errorf("esc did not go back to the component with its props focused:\n%s", v)
	}
	h.press("esc")
	if h.s.Open() {
		t.Error("back at the list, the step still captures esc")
	}
	h.press("enter")
	if v := h.view(); !strings.Contains(v, "组件 plate-result") {
		t.Errorf("the list cursor did not stay on the focused entry:\n%s", v)
	}

	for _, c := range []struct {
		path, want string
		capturing  bool
	}{
		{"guide.apis[1].outputs[1].name", "接口 getQuota › 出参 resetAt", true},
		{"guide.pages[0].path", "› 路径", true},
		{"guide.instructions", "esc 完成", true},
		{"guide.pages", "pages/history/index", false},
		{"guide.components[99].name", "plate-result", false},
	} {
		if !h.s.Focus(c.path) {
			t.Errorf("Focus(%q) = false", c.path)
			continue
		}
		if v := h.view(); !strings.Contains(v, c.want) || h.s.Open() != c.capturing {
			t.Errorf("Focus(%q): want %q shown and capturing %v:\n%s", c.path, c.want, c.capturing, v)
		}
	}
	for _, p := range []string{"info.title", "guidebook", ""} {
		if h.s.Focus(p) {
			t.Errorf("Focus(%q) = true for a path that is not the guide's", p)
		}
	}
}

func TestLoadKeepsTheTab(t *testing.T) {
	h := newHarness(t, workflow.SampleDraft(), 100, 26)
	h.press("l")
	h.s.Focus("guide.pages[1].name")
	other := workflow.NewDraft()
	other.Guide.Pages = []workflow.GuidePage{{Name: "only", Path: "pages/only/index", Params: []workflow.Param{}}}
	*h.d = other
	h.s.Load(h.d)
	v := h.view()
	if h.s.Open() || !strings.Contains(v, "页面 (1)") || !strings.Contains(v, "only") {
		t.Errorf("Load did not show the new draft on the pages tab with editors closed:\n%s", v)
	}
	h.press("enter")
	h.typeText("x")
	if got := h.d.Guide.Pages[0].Name; got != "onlyx" {
		t.Errorf("editing after Load changed %q", got)
	}
}

// hostile is a draft whose every string tries to drive the terminal or to
// overflow the box.
func hostile() workflow.Draft {
	evil := "\x1b[31mred\x1b]8;;http://evil\x07link\u202eevil\tTab\r\nline 组件组件组件组件组件组件组件组件组件组件组件组件"
	d := workflow.SampleDraft()
	g := &d.Guide
	g.Components[0].Name = evil
	g.Components[0].Description = evil
	g.Components[0].Props[0].Name = evil
	g.Components[0].Props[0].Type = evil
	g.Components[0].Props[0].Default = evil
	g.Pages[0].Params[0].Type = evil
	g.APIs[0].Inputs[0].Description = evil
	g.Instructions = evil + "\n~~~\n" + evil + "\n~~~\n"
	return d
}

func TestViewFitsAndIsSafe(t *testing.T) {
	states := map[string][]string{
		"list":         nil,
		"pages":        {"l"},
		"editor":       {"enter"},
		"sub editor":   {"enter", "tab", "tab", "enter", "tab"},
		"instructions": {"["},
		"writing":      {"[", "enter"},
		"preview":      {"[", "p"},
		"dialog":       {"[", "s"},
		"empty list":   {"l", "d", "d"},
	}
	for _, size := range [][2]int{{100, 26}, {80, 20}, {20, 3}, {1, 1}, {0, 0}} {
		for name, keys := range states {
			h := newHarness(t, hostile(), size[0], size[1])
			h.press(keys...)
			v := h.view()
			if strings.ContainsAny(v, "\x1b\u202e\r\t\a") {
				t.Errorf("%dx%d %s: a control or bidi character reached the view: %q", size[0], size[1], name, v)
			}
		}
	}
}
