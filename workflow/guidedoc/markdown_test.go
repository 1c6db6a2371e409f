package guidedoc

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"plugpub/workflow"
)

func markdown(d workflow.Draft) string {
	return string(Markdown(Meta{PluginID: "2021004100000001", PluginName: "车牌识别", Source: "草稿"}, d, SampleCode("2021004100000001", d.Guide)))
}

// outline lists the ATX headings outside code blocks, as a Markdown reader
// finds them, and reports whether a code block is left open at the end.
func outline(md string) (heads []string, open bool) {
	open = outsideCode(strings.Split(md, "\n"), func(l string) {
		if headingRE.MatchString(l) {
			heads = append(heads, l)
		}
	})
	return heads, open
}

// skeleton is the document's own outline: level 1 and 2 anywhere, level 3
// after 接入指引. User text can never add to it.
var skeleton = []string{"## 服务描述", "## 接入玩法", "## 案例介绍", "## 接入指引",
	"### 组件列表", "### 页面列表", "### 接口列表", "### 接入说明与示例代码", "### 功能清单（示例代码）"}

// checkMarkdown checks what must hold for any draft: nothing a terminal
// acts on, every code block closed, and the skeleton intact.
func checkMarkdown(t testing.TB, md string) {
	t.Helper()
	for _, r := range md {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			t.Fatalf("the document holds %U", r)
		}
	}
	heads, open := outline(md)
	if open {
		t.Fatalf("the document ends inside a code block:\n%s", md)
	}
	var got []string
	guide := false
	for _, h := range heads {
		switch {
		case strings.HasPrefix(h, "# "):
			if len(got) > 0 {
				t.Errorf("a second title %q", h)
			}
		case strings.HasPrefix(h, "## "):
			got = append(got, h)
			guide = h == "## 接入指引"
		case strings.HasPrefix(h, "### ") && guide:
			got = append(got, h)
		}
	}
	if !slices.Equal(got, skeleton) {
		t.Fatalf("the outline is\n%s\nwant\n%s\ndocument:\n%s", strings.Join(got, "\n"), strings.Join(skeleton, "\n"), md)
	}
}

func TestMarkdownOfTheSampleDraft(t *testing.T) {
	md := markdown(workflow.SampleDraft())
	checkMarkdown(t, md)
	for _, want := range []string{
		"# 车牌识别插件\n\n拍照或选择图片",
		"- 插件 ID：`2021004100000001`（车牌识别）\n- 来源：草稿\n",
		"- PC端url：<https://www.example.com/plate-ocr>\n",
		"#### `plate-scanner`\n\n车牌扫描组件",
		"| 属性 | 类型 | 必填 | 默认值 | 描述 |\n| --- | --- | --- | --- | --- |\n| `bizId` | String | 是 | - | 业务单号",
		"| `provinces` | Array | 否 | `[]` | 只识别这些省份简称开头的车牌，如 \\[\"浙\", \"沪\"\\]；为空时不限 |",
		"| 事件 | 描述 |\n| --- | --- |\n| `onRecognize` |",
		"#### `scan`\n\n路径：`pages/scan/index`\n",
		"#### `history`\n\n路径：`pages/history/index`\n\n识别记录页：展示当前用户最近 30 天的识别记录。\n\n无参数。\n",
		"| 入参 | 类型 | 必填 | 描述 |", "无入参。\n\n| 出参 | 类型 | 必填 | 描述 |",
		// The instructions' own ## headings sit under 接入说明与示例代码.
		"### 接入说明与示例代码\n\n#### 1. 声明插件\n",
		"#### 组件 `plate-scanner`\n\n在页面的 `.json` 中引入组件：\n\n```json\n{\n  \"usingComponents\"",
		"```xml\n<plate-scanner\n", "#### 页面 `scan`\n\n```js\nmy.navigateTo({",
		"#### 接口 `getQuota`\n\n```js\nconst myPlugin = requirePlugin('myPlugin');\n\nmyPlugin.getQuota();\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
	empty := markdown(workflow.NewDraft())
	checkMarkdown(t, empty)
	for _, want := range []string{"# 未填写服务标题", "无组件。", "无页面。", "无接口。", "## 服务描述\n\n未填写。", "- 功能类型：未填写"} {
		if !strings.Contains(empty, want) {
			t.Errorf("an empty draft's document lacks %q", want)
		}
	}
}

// TestMarkdownTableCellsHoldTogether: a | or a line break in a cell would
// split the row or end the table.
func TestMarkdownTableCellsHoldTogether(t *testing.T) {
	d := workflow.SampleDraft()
	d.Guide.Components[0].Props[0] = workflow.Prop{Name: "a|b", Type: "String|X", Default: "x | `y` \\|", Description: "one | two\nthree\\"}
	d.Guide.Pages[0].Params[0].Description = "a\r\nb | c"
	md := markdown(d)
	checkMarkdown(t, md)
	rows := 0
	for _, l := range strings.Split(md, "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		rows++
		head := strings.Count(l, " | ") // the separators this writer puts between cells
		if got := len(splitRow(l)); got != head+1 {
			t.Errorf("the row splits into %d cells, want %d: %s", got, head+1, l)
		}
	}
	if rows == 0 {
		t.Fatal("no table rows found")
	}
	for _, want := range []string{"| `a\\|b` |", "| x \\| \\`y\\` \\\\\\| |", "| String\\|X |", "one \\| two three\\\\ |", "| a b \\| c |"} {
		if !strings.Contains(md, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
}

// splitRow splits a GFM table row at its unescaped pipes.
func splitRow(l string) []string {
	l = strings.TrimSuffix(strings.TrimPrefix(l, "|"), "|")
	var cells []string
	start := 0
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, l[start:i])
			start = i + 1
		}
	}
	return append(cells, l[start:])
}

// TestMarkdownKeepsUserTextInItsSection: headings move under their
// section, an HTML block or a code block cannot swallow what follows, and
// a code block's fence is longer than any backtick run in it.
func TestMarkdownKeepsUserTextInItsSection(t *testing.T) {
	d := workflow.SampleDraft()
	d.Info.Description = "# 一级\n## 二级\n<!-- never closed\n    # indented is code\n~~~\n# in code\n```"
	d.Info.Usage = "<script>\nalert(1)"
	d.Info.Cases = "````md\nopen"
	d.Guide.Instructions = "## 接入指引\n\n```js\nx ``` y\n"
	d.Guide.Components[0].Props[1].Default = "a ```` b"
	md := markdown(d)
	checkMarkdown(t, md)
	for _, want := range []string{
		"## 服务描述\n\n### 一级\n#### 二级\n\\<!-- never closed\n    # indented is code\n~~~\n# in code\n```\n~~~\n\n## 接入玩法",
		"## 接入玩法\n\n\\<script>\nalert(1)\n\n",
		"## 案例介绍\n\n````md\nopen\n````\n\n",
		"### 接入说明与示例代码\n\n#### 接入指引\n\n```js\nx ``` y\n```\n\n",
		"`````xml\n<plate-scanner\n", // the default has a run of four
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the document lacks %q:\n%s", want, md)
		}
	}
}

func TestInline(t *testing.T) {
	for in, want := range map[string]string{
		"plain 中文": "plain 中文",
		"*a* _b_ [c](d) <e> &f; `g` #h ~i~ |j \\k": `\*a\* \_b\_ \[c\](d) \<e\> \&f; \` + "`g\\`" + ` \#h \~i\~ \|j \\k`,
		"- item":        `\- item`,
		"+ item":        `\+ item`,
		"===":           `\===`,
		"12. item":      `12\. item`,
		"3) item":       `3\) item`,
		"  \x1b[31mred": "red",
		"a\nb":          "a b",
	} {
		if got := inline(in); got != want {
			t.Errorf("inline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCode(t *testing.T) {
	for _, tc := range []struct {
		in      string
		inTable bool
		want    string
	}{
		{"name", false, "`name`"},
		{"a`b", false, "``a`b``"},
		{"`a``", false, "``` `a`` ```"},
		{" a", false, "`  a `"},
		{"a|b", true, "`a\\|b`"},
		{"a|b", false, "`a|b`"},
		{"a\\|b", true, "a\\\\\\|b"},
		{"   ", false, ""},
	} {
		if got := code(tc.in, tc.inTable); got != tc.want {
			t.Errorf("code(%q, %v) = %q, want %q", tc.in, tc.inTable, got, tc.want)
		}
	}
}

var fenceLine = regexp.MustCompile("(?m)^(`{3,})")

func TestCodeBlockFenceOutrunsTheCode(t *testing.T) {
	w := &mdWriter{}
	w.code("js", "a\n```\n``````\nb")
	got := w.b.String()
	if !strings.HasPrefix(got, "```````js\n") || !strings.HasSuffix(got, "\n```````\n\n") {
		t.Errorf("the fence should be seven backticks:\n%s", got)
	}
	if n := len(fenceLine.FindAllString(got, -1)); n != 4 {
		t.Errorf("found %d fence-like lines, want 4", n)
	}
}
