package info

import (
	"fmt"
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
		if _, ok := i18n.Translation(sp.hint.Format); !ok {
			t.Errorf("%s: hint %q has no Chinese", sp.name, sp.hint.Format)
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

// TestHintsStateTheTablesLimits: a field's hint states the limits of
// workflow's draft table, taken from it: no number is written into a hint,
// and what the title's and the intro's hints say is what the table allows
// and what their problems say.
func TestHintsStateTheTablesLimits(t *testing.T) {
	for _, sp := range specs {
		if strings.ContainsAny(sp.hint.Format, "0123456789") {
			t.Errorf("%s: hint %q restates a limit; take it from the draft table", sp.name, sp.hint.Format)
		}
	}
	title, _ := workflow.FieldLimit("info.title")
	intro, _ := workflow.FieldLimit("info.intro")
	zh := i18n.Printer(i18n.Chinese)
	for _, c := range []struct {
		f      int
		en, zh string
	}{
		{fTitle, fmt.Sprintf("required, %d–%d characters", workflow.MinTitleRunes, title), fmt.Sprintf("必填，%d–%d 个字", workflow.MinTitleRunes, title)},
		{fIntro, fmt.Sprintf("at most %d characters", intro), fmt.Sprintf("最多 %d 个字", intro)},
		{fLogo, "at most " + workflow.HumanBytes(workflow.MaxLogoBytes).String(), "最大 " + workflow.HumanBytes(workflow.MaxLogoBytes).Localize(zh)},
	} {
		if got := specs[c.f].hint.String(); !strings.Contains(got, c.en) {
			t.Errorf("%s: hint %q, want %q", specs[c.f].name, got, c.en)
		}
		if got := specs[c.f].hint.Localize(zh); !strings.Contains(got, c.zh) {
			t.Errorf("%s: Chinese hint %q, want %q", specs[c.f].name, got, c.zh)
		}
	}
	// The problem of a title one character too long names the same limit.
	long := strings.Repeat("长", title+1)
	if err := workflow.ValidateTitle(long); err == nil || !strings.Contains(err.Error(), fmt.Sprint(title)) {
		t.Errorf("a title of %d characters: %v; want it to name %d", title+1, err, title)
	}
}
