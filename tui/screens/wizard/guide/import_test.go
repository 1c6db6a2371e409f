package guide_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/screens/wizard"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/project"
)

// testProject is the absolute path of one of the importer's test projects.
func testProject(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "workflow", "project", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// importFrom presses i, types the folder and enter, as a person would.
func (h *harness) importFrom(dir string) string {
	h.t.Helper()
	h.press("i")
	if v := h.view(); !strings.Contains(v, "从插件工程导入接入指引") {
		h.t.Fatalf("i did not ask for the project folder:\n%s", v)
	}
	h.typeText(dir)
	h.press("enter")
	return h.view()
}

func TestImportIntoAnEmptyGuide(t *testing.T) {
	h := newHarness(t, workflow.NewDraft(), 100, 26)
	dir := testProject(t, "alipay")
	v := h.importFrom(dir)
	tuitest.ContainsAll(t, "the preview", v, "导入接入指引?", "+ 新增 2: hello-card, pay-button", "+ 新增 4: getUser, pay, formatAmount,")
	if h.edits != 0 || len(h.d.Guide.Components) != 0 {
		t.Fatal("the guide changed before the preview was answered")
	}
	h.press("y")
	dec, err := project.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.d.Guide, dec.Guide) {
		t.Errorf("guide after import:\n got %#v\nwant %#v", h.d.Guide, dec.Guide)
	}
	if h.edits == 0 {
		t.Error("importing did not tell the wizard to save")
	}
	if h.s.Open() {
		t.Error("a dialog is still open after the import")
	}
	v = h.view()
	tuitest.ContainsAll(t, "the view after import", v, "组件 (2)", "页面 (2)", "接口 (4)", "hello-card", "pay-button", "已从 "+dir[:20])

	// i again: the last folder is offered, and nothing is left to import.
	h.press("i")
	if v := h.view(); !strings.Contains(v, dir[:30]) {
		t.Errorf("the prompt does not offer the last folder:\n%s", v)
	}
	edits := h.edits
	h.press("enter")
	if v := h.view(); !strings.Contains(v, "没有要导入的") || h.edits != edits {
		t.Errorf("a second import changed something or said nothing (edits %d → %d):\n%s", edits, h.edits, v)
	}
}

func TestImportAsksBeforeRemoving(t *testing.T) {
	d := workflow.NewDraft()
	d.Guide.Components = []workflow.Component{{Name: "legacy", Description: "旧组件"},
		{Name: "hello-card", Description: "问候", Props: []workflow.Prop{{Name: "title", Type: "String", Description: "标题"}}}}
	dir := testProject(t, "alipay")
	for _, tc := range []struct {
		answer string
		want   []string
	}{
		{"n", []string{"legacy", "hello-card", "pay-button"}},
		{"esc", []string{"legacy", "hello-card", "pay-button"}},
		{"y", []string{"hello-card", "pay-button"}},
	} {
		h := newHarness(t, d.Clone(), 100, 26)
		v := h.importFrom(dir)
		if !strings.Contains(v, "- 仅草稿有 1: legacy") || !strings.Contains(v, "~ 更改 1: hello-card") {
			t.Errorf("the preview does not list the change and the removal:\n%s", v)
		}
		h.press("y")
		if v := h.view(); !strings.Contains(v, "删除 1 项代码中已没有的条目?") || h.edits != 0 {
			t.Fatalf("no second question before removing (edits %d):\n%s", h.edits, v)
		}
		h.press("enter") // answers nothing: deleting must be chosen
		if !h.s.Open() || h.edits != 0 {
			t.Fatal("enter answered the removal question")
		}
		h.press(tc.answer)
		var got []string
		for _, c := range h.d.Guide.Components {
			got = append(got, c.Name)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("answer %s: components %q, want %q", tc.answer, got, tc.want)
		}
		card := h.d.Guide.Components[len(tc.want)-2]
		if card.Description != "问候" || card.Props[0].Description != "标题" || card.Props[0].Default != "你好" {
			t.Errorf("answer %s: hello-card lost what was written or missed the default: %+v", tc.answer, card)
		}
		if h.edits == 0 {
			t.Errorf("answer %s: the wizard was not told", tc.answer)
		}
	}
}

func TestImportCancelledChangesNothing(t *testing.T) {
	h := newHarness(t, workflow.NewDraft(), 100, 26)
	h.importFrom(testProject(t, "wechat"))
	h.press("esc")
	if h.edits != 0 || len(h.d.Guide.Components) != 0 || h.s.Open() {
		t.Errorf("esc on the preview: %d edits, %d components, capturing %v", h.edits, len(h.d.Guide.Components), h.s.Open())
	}
	// esc on the folder prompt too.
	h.press("i", "esc")
	if h.s.Open() || h.edits != 0 {
		t.Error("esc on the folder prompt left it open or edited the guide")
	}
}

func TestImportBrokenProjectShowsWhere(t *testing.T) {
	d := workflow.NewDraft()
	d.Guide.Components = []workflow.Component{{Name: "kept", Description: "不变"}}
	for _, tc := range []struct{ dir, want string }{
		{"broken-json", "broken-json/plugin.json:4:3: invalid JSON"},
		{"syntax-error", "components/bad.js:4:5: invalid JavaScript"},
		{"missing-component", `plugin.json:4:5: publicComponents "gone"`},
	} {
		h := newHarness(t, d.Clone(), 80, 24)
		before := h.d.Clone()
		dir := testProject(t, tc.dir)
		_, readErr := project.Read(dir)
		if readErr == nil || !strings.Contains(readErr.Error(), tc.want) {
			t.Fatalf("%s: Read gave %v, want an error with %q", tc.dir, readErr, tc.want)
		}
		v := h.importFrom(dir)
		// The message wraps under the list, so all of it shows, path,
		// line and column first.
		flat := strings.Join(strings.Fields(v), "")
		if want := "✗ 导入失败 " + readErr.Error(); !strings.Contains(flat, strings.Join(strings.Fields(want), "")) || !strings.Contains(v, "✗ 导入失败 ") {
			t.Errorf("%s: the message line does not say %q:\n%s", tc.dir, want, v)
		}
		if !reflect.DeepEqual(*h.d, before) || h.edits != 0 || h.s.Open() {
			t.Errorf("%s: a broken project changed the guide (%d edits) or left a dialog open", tc.dir, h.edits)
		}
		h.press("j") // the next key moves on from the message
		if strings.Contains(h.view(), "导入失败") {
			t.Errorf("%s: the error outlived the next key", tc.dir)
		}
	}
}

func TestImportDialogsFitSmallBoxes(t *testing.T) {
	d := workflow.NewDraft()
	d.Guide.APIs = []workflow.API{{Name: "old"}}
	for _, size := range [][2]int{{80, 22}, {40, 12}, {20, 5}, {8, 3}} {
		h := newHarness(t, d.Clone(), size[0], size[1])
		h.press("i")
		h.typeText(testProject(t, "alipay"))
		h.press("enter") // preview: every press checks the view fits
		h.press("y")     // the removal question
		h.press("n")
		if len(h.d.Guide.APIs) != 5 {
			t.Errorf("%dx%d: %d APIs after import, want 5", size[0], size[1], len(h.d.Guide.APIs))
		}
	}
}

func TestImportKeyOnlyOnLists(t *testing.T) {
	h := newHarness(t, workflow.NewDraft(), 100, 26)
	h.press("l", "l", "l") // 接入说明与示例代码
	h.press("i")
	if strings.Contains(h.view(), "从插件工程导入接入指引") {
		t.Error("i opened the import on the instructions tab")
	}
	h.press("l", "a") // back on 组件, a new component's editor is open
	h.press("i")      // typed into its name
	if strings.Contains(h.view(), "从插件工程导入接入指引") {
		t.Error("i opened the import over an editor")
	}
}

// TestImportThroughTheWizard runs the import in the whole wizard on a real
// database: the imported guide is saved by the wizard's autosave, through
// the service; a broken project saves nothing.
func TestImportThroughTheWizard(t *testing.T) {
	const pid = "2021004100000001"
	w := tuitest.NewWorld(t)
	w.Online("dev1", pid, "车牌") // with the sample draft: 2 components of its own
	before, err := w.Svc.Draft(w.Ctx, "dev1", pid)
	if err != nil {
		t.Fatal(err)
	}
	m := wizard.New(w.Context("dev1"), pid)
	tuitest.Load(t, m, 100, 27)
	press := func(keys ...string) {
		for _, k := range keys {
			msg := tuitest.Key(k)
			if k == "ctrl+n" {
				msg = tea.KeyMsg{Type: tea.KeyCtrlN}
			}
			tuitest.Drive(t, m, msg)
			tuitest.CheckFits(t, m.View(), 100, 27)
		}
	}
	typeIn := func(s string) {
		for _, r := range s {
			tuitest.Drive(t, m, tuitest.Key(string(r)))
		}
	}

	press("ctrl+n", "i")
	typeIn(testProject(t, "broken-json"))
	press("enter")
	if v := m.View(); !strings.Contains(v, "plugin.json:4:3") {
		t.Errorf("the wizard does not show where the project is broken:\n%s", v)
	}
	if sd, _ := w.Svc.Draft(w.Ctx, "dev1", pid); sd.Rev != before.Rev {
		t.Fatalf("a broken project was saved: rev %d → %d", before.Rev, sd.Rev)
	}

	press("i")
	typeIn(testProject(t, "alipay"))
	press("enter", "y", "n") // import, keep the sample's own entries
	v := m.View()
	tuitest.ContainsAll(t, "the wizard after import", v, "组件 (4)", "hello-card", "pay-button", "saved")
	sd, err := w.Svc.Draft(w.Ctx, "dev1", pid)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range sd.Draft.Guide.Components {
		names = append(names, c.Name)
	}
	if sd.Rev != before.Rev+1 || !reflect.DeepEqual(names, []string{"plate-scanner", "plate-result", "hello-card", "pay-button"}) {
		t.Errorf("saved draft: rev %d (was %d), components %q", sd.Rev, before.Rev, names)
	}
}
