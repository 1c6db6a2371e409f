package guidedoc

import (
	"net/url"
	"regexp"
	"strings"

	"plugpub/workflow"
)

// Meta says what a document is about and where it came from.
type Meta struct {
	PluginID   string
	PluginName string
	Source     string // what was exported, such as 草稿 or 提交 3 · 版本 1.0.0 · 已上架
}

// Markdown writes the market detail page of d as a Markdown document: the
// info, the integration guide with a table per list, the instructions, and
// the sample code s. Every text of d is untrusted: it is sanitised, table
// cells cannot break their row, names and code cannot end their code span
// or block early, and a long text's headings and fences stay inside its
// own section, so the document holds together whatever the draft holds.
func Markdown(m Meta, d workflow.Draft, s Sample) []byte {
	w := &mdWriter{}
	in := d.Info
	w.heading(1, Or(inline(in.Title), "未填写服务标题"))
	if intro := inline(in.Intro); intro != "" {
		w.para(intro)
	}

	id := code(m.PluginID, false)
	if n := inline(m.PluginName); n != "" {
		id += "（" + n + "）"
	}
	show := "展示"
	if !in.ShowAfterRelease {
		show = "隐藏"
	}
	logo := "无"
	if in.Logo != "" {
		logo = "已上传"
	}
	abilities := make([]string, 0, len(in.Abilities))
	for _, a := range in.Abilities {
		abilities = append(abilities, inline(a))
	}
	items := [][2]string{{"插件 ID", id}}
	if src := inline(m.Source); src != "" {
		items = append(items, [2]string{"来源", src})
	}
	items = append(items, [][2]string{
		{"功能类型", strings.Join(abilities, "、")},
		{"可订购人群", inline(in.Buyers)},
		{"发布后是否展示", show},
		{"PC端url", link(in.PCURL)},
		{"客服联系方式", inline(in.Contact)},
		{"Logo", logo},
	}...)
	for _, it := range items {
		w.raw("- " + it[0] + "：" + Or(it[1], "未填写") + "\n")
	}
	w.raw("\n")

	for _, sec := range []struct{ title, text string }{
		{"服务描述", in.Description},
		{"接入玩法", in.Usage},
		{"案例介绍", in.Cases},
	} {
		w.heading(2, sec.title)
		w.prose(sec.text, 3)
	}

	g := d.Guide
	w.heading(2, "接入指引")
	w.heading(3, "组件列表")
	if len(g.Components) == 0 {
		w.para("无组件。")
	}
	for _, c := range g.Components {
		w.heading(4, Or(code(c.Name, false), "未命名组件"))
		if strings.TrimSpace(c.Description) != "" {
			w.prose(c.Description, 5)
		}
		if len(c.Props) == 0 {
			w.para("无属性。")
		} else {
			rows := make([][]string, len(c.Props))
			for i, p := range c.Props {
				rows[i] = []string{code(p.Name, true), inline(p.Type), YesNo(p.Required), code(p.Default, true), inline(p.Description)}
			}
			w.table([]string{"属性", "类型", "必填", "默认值", "描述"}, rows)
		}
		if len(c.Events) == 0 {
			w.para("无事件。")
		} else {
			rows := make([][]string, len(c.Events))
			for i, e := range c.Events {
				rows[i] = []string{code(e.Name, true), inline(e.Description)}
			}
			w.table([]string{"事件", "描述"}, rows)
		}
	}

	w.heading(3, "页面列表")
	if len(g.Pages) == 0 {
		w.para("无页面。")
	}
	for _, p := range g.Pages {
		w.heading(4, Or(code(p.Name, false), "未命名页面"))
		w.para("路径：" + Or(code(p.Path, false), "未填写"))
		if strings.TrimSpace(p.Description) != "" {
			w.prose(p.Description, 5)
		}
		w.params("参数", "无参数。", p.Params)
	}

	w.heading(3, "接口列表")
	if len(g.APIs) == 0 {
		w.para("无接口。")
	}
	for _, a := range g.APIs {
		w.heading(4, Or(code(a.Name, false), "未命名接口"))
		if strings.TrimSpace(a.Description) != "" {
			w.prose(a.Description, 5)
		}
		w.params("入参", "无入参。", a.Inputs)
		w.params("出参", "无出参。", a.Outputs)
	}

	w.heading(3, "接入说明与示例代码")
	w.prose(g.Instructions, 4)

	w.sample(s)
	// Everything above is built from sanitised text; this is the last word
	// on what reaches a terminal that cats the file.
	return []byte(workflow.Sanitize(strings.TrimRight(w.b.String(), "\n") + "\n"))
}

func (w *mdWriter) sample(s Sample) {
	w.heading(3, "功能清单（示例代码）")
	w.para("以下代码由接入指引生成。插件在 app.json 中的别名为 " + code(s.Alias, false) +
		"，可以换成别的名称，代码中的 plugin:// 地址和 requirePlugin 随之修改即可。")
	w.heading(4, "声明插件")
	w.para("在小程序的 `app.json` 中声明插件，provider 为插件 ID：")
	w.code("json", s.AppJSON)
	for _, c := range s.Components {
		w.heading(4, "组件 "+code(c.Name, false))
		w.para("在页面的 `.json` 中引入组件：")
		w.code("json", c.PageJSON)
		w.para("在页面的 `.axml` 中使用：")
		w.code("xml", c.AXML)
		if c.JS != "" {
			w.para("在页面的 `.js` 中准备数据、处理事件：")
			w.code("js", c.JS)
		}
	}
	for _, p := range s.Pages {
		w.heading(4, "页面 "+code(p.Name, false))
		w.code("js", p.JS)
	}
	for _, a := range s.APIs {
		w.heading(4, "接口 "+code(a.Name, false))
		w.code("js", a.JS)
	}
}

// mdWriter builds the document one block at a time; every block ends with
// a blank line, so no block runs into the next.
type mdWriter struct{ b strings.Builder }

func (w *mdWriter) raw(s string) { w.b.WriteString(s) }

func (w *mdWriter) heading(level int, text string) {
	w.raw(strings.Repeat("#", level) + " " + text + "\n\n")
}

func (w *mdWriter) para(s string) { w.raw(s + "\n\n") }

func (w *mdWriter) table(head []string, rows [][]string) {
	w.raw("| " + strings.Join(head, " | ") + " |\n|")
	for range head {
		w.raw(" --- |")
	}
	w.raw("\n")
	for _, r := range rows {
		for i := range r {
			r[i] = Or(r[i], "-")
		}
		w.raw("| " + strings.Join(r, " | ") + " |\n")
	}
	w.raw("\n")
}

func (w *mdWriter) params(head, none string, ps []workflow.Param) {
	if len(ps) == 0 {
		w.para(none)
		return
	}
	rows := make([][]string, len(ps))
	for i, p := range ps {
		rows[i] = []string{code(p.Name, true), inline(p.Type), YesNo(p.Required), inline(p.Description)}
	}
	w.table([]string{head, "类型", "必填", "描述"}, rows)
}

// code writes a fenced code block whose fence is longer than any run of
// backticks inside, so nothing in the code can close it.
func (w *mdWriter) code(lang, src string) {
	fence := strings.Repeat("`", max(3, longestRun(src, '`')+1))
	w.raw(fence + lang + "\n" + src + "\n" + fence + "\n\n")
}

// prose writes a long text the person typed as Markdown. Its headings are
// moved down so the highest is at level top, inside the section it belongs
// to; a line starting with < is escaped, since an HTML block such as <!--
// would otherwise swallow the rest of the document; a code block left open
// is closed.
func (w *mdWriter) prose(s string, top int) {
	s = strings.TrimRight(workflow.Sanitize(s), " \t\n")
	if strings.TrimSpace(s) == "" {
		w.para("未填写。")
		return
	}
	lines := strings.Split(s, "\n")
	shift := max(0, top-minHeading(lines))
	fence := ""
	for i, l := range lines {
		if fence != "" {
			if closesFence(l, fence) {
				fence = ""
			}
			continue
		}
		if f := openFence(l); f != "" {
			fence = f
			continue
		}
		if m := headingRE.FindStringSubmatchIndex(l); m != nil {
			level := min(6, m[3]-m[2]+shift)
			lines[i] = l[:m[2]] + strings.Repeat("#", level) + l[m[3]:]
			continue
		}
		if m := htmlStartRE.FindStringIndex(l); m != nil {
			lines[i] = l[:m[1]-1] + `\` + l[m[1]-1:]
		}
	}
	w.raw(strings.Join(lines, "\n") + "\n")
	if fence != "" {
		w.raw(fence + "\n")
	}
	w.raw("\n")
}

var (
	// A fence opens with three or more backticks or tildes; a backtick
	// fence's info string may not hold a backtick.
	fenceRE     = regexp.MustCompile("^ {0,3}(?:(`{3,})[^`]*|(~{3,}).*)$")
	headingRE   = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]|$)`)
	htmlStartRE = regexp.MustCompile(`^ {0,3}<`)
)

// openFence returns the fence that l opens a code block with, or "".
func openFence(l string) string {
	m := fenceRE.FindStringSubmatch(l)
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

// closesFence reports whether l ends a code block opened by fence: the same
// character, at least as many, and nothing else on the line.
func closesFence(l, fence string) bool {
	t := strings.TrimRight(l, " \t")
	if len(t)-len(strings.TrimLeft(t, " ")) > 3 {
		return false
	}
	t = strings.TrimLeft(t, " ")
	return len(t) >= len(fence) && strings.Trim(t, fence[:1]) == ""
}

// minHeading is the highest heading level used outside code, 7 if none.
func minHeading(lines []string) int {
	lowest, fence := 7, ""
	for _, l := range lines {
		switch {
		case fence != "":
			if closesFence(l, fence) {
				fence = ""
			}
		case openFence(l) != "":
			fence = openFence(l)
		default:
			if m := headingRE.FindStringSubmatch(l); m != nil {
				lowest = min(lowest, len(m[1]))
			}
		}
	}
	return lowest
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// inlineEscaper escapes what Markdown reads as markup anywhere in a line.
var inlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `~`, `\~`, `&`, `\&`, `#`, `\#`,
)

// listStartRE matches what would start a list, a heading underline or a
// block quote at the start of a line once the rest is escaped.
var listStartRE = regexp.MustCompile(`^(?:[-+=]|[0-9]+[.)])`)

// inline makes one-line untrusted text safe as Markdown text, in a
// paragraph, a heading or a table cell: it reads as typed.
func inline(s string) string {
	s = inlineEscaper.Replace(strings.TrimSpace(line(s)))
	if loc := listStartRE.FindStringIndex(s); loc != nil {
		s = s[:loc[1]-1] + `\` + s[loc[1]-1:]
	}
	return s
}

// code writes s as a code span, "" when it is blank. In a table cell a |
// would still end the cell, so there it is escaped; GFM reads \| in a code
// span in a table as |. A \ already before a | cannot be escaped in a code
// span, and readers disagree on whether \\| ends the cell, so such a value
// is written as escaped text instead.
func code(s string, inTable bool) string {
	s = line(s)
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if inTable {
		if strings.Contains(s, `\|`) {
			return inline(s)
		}
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// link writes an https URL as an autolink, anything else as text.
func link(s string) string {
	s = strings.TrimSpace(line(s))
	if u, err := url.Parse(s); err == nil && u.Scheme == "https" && u.Host != "" && !strings.ContainsAny(s, " <>") {
		return "<" + s + ">"
	}
	return inline(s)
}

// Or is s, or none when s is blank: how an empty cell reads on the market
// page and in the document alike.
func Or(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return none
	}
	return s
}

// YesNo is how a required flag reads on the market page and in the document.
func YesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
