package info

import (
	"strings"
	"testing"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// Every hint of the form has its Chinese in the catalog, and a Chinese
// session reads the step in Chinese: the hints under the fields and the
// footer. An English session (the other tests) reads the source strings.
func TestChinese(t *testing.T) {
	for _, sp := range specs {
		if _, ok := i18n.Translation(sp.hint); !ok {
			t.Errorf("%s: hint %q has no Chinese", sp.name, sp.hint)
		}
	}
	w := tuitest.NewWorld(t)
	ctx := w.Context("dev1")
	ctx.Printer = i18n.Printer(i18n.Chinese)
	d := new(workflow.Draft)
	*d = workflow.NewDraft()
	s := New(ctx, pid, d)
	s.SetSize(100, 26)
	s.Load(d)
	tuitest.Run(s.Init())
	v := s.View()
	for _, want := range []string{"必填，2–20 个字", "下一项 / 上一项"} {
		if !strings.Contains(v, want) {
			t.Errorf("a Chinese session shows %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "required") || strings.Contains(v, "next / previous") {
		t.Errorf("English left in a Chinese session:\n%s", v)
	}
}
