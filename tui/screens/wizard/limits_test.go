package wizard

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/workflow"
)

func paste(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

// Bug 5: a paste longer than a field's limit stops at the limit, so the
// draft stays one the store takes; nothing is left unsaved.
func TestAPasteStopsAtTheFieldsLimit(t *testing.T) {
	w := emptyWorld(t)
	p := newTypist(t, w)
	huge := strings.Repeat("长", workflow.MaxLineRunes+50)
	p.send(paste(huge)) // ① opens on 服务标题
	if n := utf8.RuneCountInString(p.m.draft.Info.Title); n != workflow.MaxLineRunes {
		t.Fatalf("the title took %d characters of a %d-character paste", n, workflow.MaxLineRunes+50)
	}
	p.settle() // fails unless the save went through

	p.press("ctrl+n", "a") // ② a new component, its name has focus
	p.send(paste(huge))
	if n := utf8.RuneCountInString(p.m.draft.Guide.Components[0].Name); n != workflow.MaxLineRunes {
		t.Fatalf("the component name took %d characters", n)
	}
	p.press("tab") // 描述, a long text
	p.send(paste(strings.Repeat("说", workflow.MaxTextRunes+10)))
	if n := utf8.RuneCountInString(p.m.draft.Guide.Components[0].Description); n != workflow.MaxTextRunes {
		t.Fatalf("the description took %d characters", n)
	}
	p.settle()
	if stored(t, w).Draft.Guide.Components[0].Description != p.m.draft.Guide.Components[0].Description {
		t.Fatal("the description was not saved")
	}
}

// Bug 1: a pasted line break stays in every multi-line field and becomes
// a space in every single-line one, in ① and ②.
func TestPastedLineBreaks(t *testing.T) {
	w := emptyWorld(t)
	p := newTypist(t, w)
	two := "第一行\n第二行"
	// pasted checks that the paste into the field name, read by get, kept
	// its line break when the field is long and made it a space otherwise.
	pasted := func(name string, get func() string, long bool) {
		t.Helper()
		want := "第一行 第二行"
		if long {
			want = two
		}
		if got := get(); got != want {
			t.Errorf("① %s: a pasted line break gave %q, want %q", name, got, want)
		}
	}
	info := []struct {
		name string
		get  func() string
		long bool
	}{
		{"title", func() string { return p.m.draft.Info.Title }, false},
		{"intro", func() string { return p.m.draft.Info.Intro }, false},
		{"description", func() string { return p.m.draft.Info.Description }, true},
		// The rest are reached by the path a problem names.
		{"info.usage", func() string { return p.m.draft.Info.Usage }, true},
		{"info.cases", func() string { return p.m.draft.Info.Cases }, true},
		{"info.pc_url", func() string { return p.m.draft.Info.PCURL }, false},
		{"info.contact", func() string { return p.m.draft.Info.Contact }, false},
	}
	// ①, in form order: a paste, then tab to the next field.
	for _, f := range info[:3] {
		p.send(paste(two))
		pasted(f.name, f.get, f.long)
		p.press("tab")
	}
	for _, f := range info[3:] {
		p.send(jumpMsg{path: f.name})
		p.send(paste(two))
		pasted(f.name, f.get, f.long)
	}

	p.press("ctrl+n", "a") // ② a new component: 名称, then 描述
	p.send(paste("my\nbutton"))
	p.press("tab")
	p.send(paste(two))
	c := p.m.draft.Guide.Components[0]
	if c.Name != "my button" || c.Description != two {
		t.Errorf("② component: name %q, description %q", c.Name, c.Description)
	}
	p.press("esc", "left") // 接入说明与示例代码
	p.press("enter")
	p.send(paste("# 标题\n\n```js\nplugin.init()\n```"))
	if got := p.m.draft.Guide.Instructions; got != "# 标题\n\n```js\nplugin.init()\n```" {
		t.Errorf("② instructions: %q", got)
	}
}
