package render_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/render"
	"plugpub/workflow"
)

// The preview is only honest while it is the market page's own last
// section; this catches the two drawings drifting apart.
func TestInstructionsIsDetailsLastSection(t *testing.T) {
	styles := common.NewStyles()
	for _, d := range []workflow.Draft{workflow.SampleDraft(), workflow.NewDraft(), hostileDraft()} {
		for _, w := range []int{100, 80, 40, 13, 5, 1} {
			got := render.Instructions(d.Guide.Instructions, &styles, w)
			if !strings.HasSuffix(render.Detail(d, &styles, w), "\n"+got) {
				t.Errorf("width %d: the preview is not the end of the detail page:\n%s", w, got)
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
