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
