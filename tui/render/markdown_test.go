package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"plugpub/tui/common"
	"plugpub/tui/render"
)

// TestMarkdownIsRendered (issue 11): 接入说明 and the 订购页's long texts are
// markdown; they were shown as typed, asterisks and list dashes included.
// Now emphasis loses its marks, lists get bullets with hanging indents,
// nested lists indent, and code keeps its lines.
func TestMarkdownIsRendered(t *testing.T) {
	styles := common.NewStyles()
	md := "## 接入步骤\n\n**重要**：先订购，再*声明*插件。\n\n- 第一步\n  - 子步骤\n- 第二步说明文字很长很长很长很长很长很长很长很长很长很长\n\n```js\n# not a heading\nconst a = 1;\n```\n"
	out := render.Instructions(md, &styles, 40)
	for _, want := range []string{
		"  ## 接入步骤",
		"  重要：先订购，再声明插件。",
		"  • 第一步",
		"      • 子步骤",
		"      # not a heading",
		"      const a = 1;",
	} {
		if !strings.Contains(out+"\n", "\n"+want+"\n") {
			t.Errorf("no line %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "**") || strings.Contains(out, "- 第一步") {
		t.Errorf("markdown shown as typed:\n%s", out)
	}
	// The long item wraps under its text, not under its bullet.
	if !regexp.MustCompile(`\n  • 第二步[^\n]*\n    \S`).MatchString(out) {
		t.Errorf("the long item does not hang under its text:\n%s", out)
	}
}

// TestMarkdownHasOnlySGR: in a colour terminal, what a user typed into
// markdown (escapes, OSC hyperlinks, controls) never comes out as anything
// but text and SGR.
func TestMarkdownHasOnlySGR(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	styles := common.NewStyles()
	bad := "\x1b]8;;https://evil.example\x07点我\x1b]8;;\x07 \x1b[2J\x1b[31m红\x9b1;1H\x07\u202e"
	md := "# " + bad + "\n\n- " + bad + "\n\n[链接](https://example.com) " + bad + "\n\n```\n" + bad + "\n```\n"
	for _, w := range []int{80, 20, 5} {
		out := render.Instructions(md, &styles, w)
		rest := regexp.MustCompile(`\x1b\[[0-9;:]*m`).ReplaceAllString(out, "")
		for _, r := range rest {
			if r == '\x1b' || r == '\u202e' || (r < 0x20 && r != '\n') || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("width %d: %q reaches the terminal:\n%q", w, r, out)
			}
		}
	}
}
