package guide_test

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/workflow"
)

// At 80×24 (the step gets 80×19) an entry editor's tables use the height
// they have, and say when more rows exist than are shown.
func TestEditorTablesUseTheHeightAndShowWhatIsBelow(t *testing.T) {
	d := workflow.NewDraft()
	c := workflow.Component{Name: "big-one", Description: "很多属性"}
	for i := range 15 {
		c.Props = append(c.Props, workflow.Prop{Name: fmt.Sprintf("p%02d", i), Type: "String"})
	}
	c.Events = []workflow.EventDecl{{Name: "onTap"}, {Name: "onError"}}
	d.Guide.Components = []workflow.Component{c}
	h := newHarness(t, d, 80, 19)
	h.press("enter", "tab", "tab") // the editor, on 属性 (15)
	v := h.view()
	lines := strings.Split(v, "\n")
	if len(lines) != 19 || strings.TrimSpace(lines[len(lines)-1]) == "" {
		t.Errorf("the editor leaves lines unused:\n%s", v)
	}
	shown := strings.Count(v, "  p")
	if shown < 6 {
		t.Errorf("only %d of 15 properties shown in a 19-line step:\n%s", shown, v)
	}
	if want := fmt.Sprintf("1/15 ↓ %d more", 15-shown); !strings.Contains(v, want) {
		t.Errorf("the 属性 header does not say %q:\n%s", want, v)
	}
	if !strings.Contains(v, "onError") {
		t.Errorf("the short 事件 list lost a row:\n%s", v)
	}
	h.press("G") // the last property: nothing below, the position stays
	if v := h.view(); !strings.Contains(v, "15/15") || strings.Contains(v, "more") {
		t.Errorf("at the last property:\n%s", v)
	}
}

// The top-level table says it too.
func TestListShowsItsPositionWhenRowsAreHidden(t *testing.T) {
	d := workflow.NewDraft()
	for i := range 30 {
		d.Guide.Pages = append(d.Guide.Pages, workflow.GuidePage{Name: fmt.Sprintf("page%02d", i), Path: fmt.Sprintf("pages/p%d/index", i)})
	}
	h := newHarness(t, d, 80, 19)
	h.press("l") // 页面
	v := h.view()
	if !strings.Contains(v, "1/30 ↓") || !strings.Contains(v, "more") {
		t.Errorf("30 pages in 19 lines, and no sign of the rest:\n%s", v)
	}
}
