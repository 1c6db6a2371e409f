package render_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/render"
	"plugpub/workflow"
	"plugpub/workflow/guidedoc"
)

// The preview is only honest while it is the market page's own section,
// the one before the generated 功能清单; this catches the two drawings
// drifting apart.
func TestInstructionsIsDetailsSection(t *testing.T) {
	styles := common.NewStyles()
	for _, d := range []workflow.Draft{workflow.SampleDraft(), workflow.NewDraft(), hostileDraft()} {
		for _, w := range []int{100, 80, 40, 13, 5, 1} {
			got := render.Instructions(d.Guide.Instructions, &styles, w)
			next := guidedoc.SampleTitle
			if ansi.StringWidth(next) > w {
				next = ansi.Truncate(next, w, "…")
			}
			if !strings.Contains(render.Detail(d, &styles, w), "\n"+got+"\n\n"+next+"\n") {
				t.Errorf("width %d: the preview is not the section before 功能清单 on the detail page:\n%s", w, got)
			}
			for i, l := range strings.Split(got, "\n") {
				if n := ansi.StringWidth(l); n > w {
					t.Errorf("width %d: line %d is %d cells", w, i+1, n)
				}
			}
		}
	}
	if render.Instructions("x", &styles, 0) != "" {
		t.Error("width 0 should draw nothing")
	}
}
