package render_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"plugpub/tui/common"
	"plugpub/tui/render"
)

// TestMarkdownConstructs draws each construct the renderer knows, in the
// plain profile, so the test reads as what a person sees.
func TestMarkdownConstructs(t *testing.T) {
	styles := common.NewStyles()
	for _, c := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"heading keeps its marks", "# 标题\n正文\n\n### 三级 ###", 40, "# 标题\n\n正文\n\n### 三级"},
		{"a long heading hangs under its text", "## 车牌识别插件的接入说明", 12, "## 车牌识别\n   插件的接\n   入说明"},
		{"paragraphs keep their line breaks", "第一行\n第二行\n\n另一段", 40, "第一行\n第二行\n\n另一段"},
		{"a paragraph wraps by cells", "车牌识别插件为停车场景提供识别", 10, "车牌识别插\n件为停车场\n景提供识别"},
		{"emphasis, code and strikethrough lose their marks", "**粗体** *斜体* `a*b*` ~~删除~~ \\*星号\\*", 40, "粗体 斜体 a*b* 删除 *星号*"},
		{"a fenced code block is indented and kept as typed", "说明：\n\n```js\nconst a = 1;\n\n  b();\n```\n之后", 40,
			"说明：\n\n    const a = 1;\n\n      b();\n\n之后"},
		{"an indented code block is code", "    x := **1**", 40, "    x := **1**"},
		{"a code block left open runs to the end", "~~~\n# not a heading\n- nor a list", 40, "    # not a heading\n    - nor a list"},
		{"bullet lists nest", "- 一\n  - 二\n    - 三\n- 四", 40, "- 一\n  - 二\n    - 三\n- 四"},
		{"numbered lists count from their start", "3. 三\n4. 四\n   - 子项", 40, "3. 三\n4. 四\n   - 子项"},
		{"a list item hangs under its text", "- 支持蓝牌黄牌绿牌白牌", 10, "- 支持蓝牌\n  黄牌绿牌\n  白牌"},
		{"a loose list keeps its blank lines", "1. 一\n\n2. 二", 40, "1. 一\n\n2. 二"},
		{"a block quote is marked on every line", "> 引用\n> 第二行\n>\n> - 项", 40, "> 引用\n> 第二行\n\n> - 项"},
		{"a link shows its text and address", "见[文档](https://example.com/doc)。", 60, "见文档 (https://example.com/doc)。"},
		{"an autolink shows once", "<https://example.com>", 40, "https://example.com"},
		{"an image shows its alt text and address", "![截图](a.png)", 40, "截图 (a.png)"},
		{"a thematic break spans the room, at most 40", "上\n\n---\n\n下", 10, "上\n\n----------\n\n下"},
		{"a table is drawn as the page's tables", "| 参数 | 描述 |\n| --- | --- |\n| bizId | 业务单号 |", 40,
			"参数  | 描述\n------+---------\nbizId | 业务单号"},
		{"HTML is text", "<div>\n<b>粗</b>\n</div>\n\n<i>x</i> 行内", 40, "<div>\n<b>粗</b>\n</div>\n\n<i>x</i> 行内"},
		{"entities are resolved", "a &amp; b &lt;c&gt; &#x4e2d;", 40, "a & b <c> 中"},
		{"blank is 未填写", " \n\t\n", 40, "未填写"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := render.Markdown(c.in, &styles, c.width)
			if got != c.want {
				t.Errorf("Markdown(%q, %d) =\n%s\nwant\n%s", c.in, c.width, got, c.want)
			}
			checkLines(t, got, c.width)
		})
	}
}

// TestMarkdownStyles: in colour, emphasis and code are drawn in styles,
// and the text between the escapes is the plain drawing.
func TestMarkdownStyles(t *testing.T) {
	styles := common.NewStyles()
	in := "# 标题\n\n**粗体** 与 `code` 与 *斜体*，一段足够长的文字会换行。"
	plain := render.Markdown(in, &styles, 20)
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	out := render.Markdown(in, &styles, 20)
	if !sgr.MatchString(out) {
		t.Fatalf("no styles in the ANSI profile:\n%q", out)
	}
	if stripped := sgr.ReplaceAllString(out, ""); stripped != plain {
		t.Errorf("styling changed the text:\n%s\nwant\n%s", stripped, plain)
	}
	checkLines(t, out, 20)
}

// An entity may spell an escape character; it must not reach the screen.
func TestMarkdownEntitiesAreSanitised(t *testing.T) {
	styles := common.NewStyles()
	out := render.Markdown("&#27;]0;pwned&#7; &#x9b;31m &#x202e;evil `\x1b[31m`", &styles, 80)
	for _, r := range out {
		if r != '\n' && (unicode.IsControl(r) || r == '\u202e') {
			t.Errorf("%U in %q", r, out)
		}
	}
}

func checkLines(t testing.TB, out string, width int) {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d cells, wider than %d: %q", i+1, w, width, l)
		}
	}
}

// FuzzMarkdown: whatever is typed, drawing it never panics, never writes a
// line wider than asked, and writes nothing a terminal would act on.
//
//	go test ./tui/render -run '^$' -fuzz FuzzMarkdown -fuzztime 1m
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# 标题\n\n正文 **粗** *斜* `code` [链接](https://example.com)",
		"- 一\n  - 二\n    1. 三\n\n> 引用\n> - 项\n\n---",
		"```js\nconst a = '很长的一行代码很长的一行代码';\n```\n\n    indented",
		"| 参数 | 类型 | 描述 |\n| --- | --- | --- |\n| bizId | String | 业务单号，很长很长的描述 |",
		"<!-- open\n&#27;[31m &amp; &#x202e;\x1b]0;pwned\x07\t\ttab",
		"1) a\n2) b\n\n10. c\n\n* * *\n\n![图](x.png) <https://a.b> ~~删~~",
		"> > > 深\n> > - - - 嵌套\n\n- ```\n  code in item\n  ```",
	} {
		f.Add(s, uint8(40))
		f.Add(s, uint8(3))
	}
	styles := common.NewStyles()
	f.Fuzz(func(t *testing.T, s string, w uint8) {
		width := int(w)%100 + 1
		out := render.Markdown(s, &styles, width)
		checkLines(t, out, width)
		for _, r := range out {
			if r != '\n' && (unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069') {
				t.Fatalf("%U in the drawing of %q", r, s)
			}
		}
	})
}
