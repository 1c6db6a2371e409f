package review

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"plugpub/workflow"
)

// anchor is a line of the review page that is about one field of the
// snapshot: the field cursor stops there, a note is written on its path
// and drawn under it.
type anchor struct {
	line int
	end  int    // the line after the field's lines (a change can wrap); 0 is line+1
	path string // as draft check names it: guide.components[0].props[1]
}

// last is the field's last line, under which its notes are drawn.
func (a anchor) last() int { return max(a.line, a.end-1) }

// find is one field to look for in the preview: a line it starts.
type find struct {
	path  string
	match func(plain string) bool
}

func exactly(s string) func(string) bool {
	s = workflow.SanitizeLine(s)
	return func(l string) bool { return strings.TrimSpace(l) == s }
}

// starting matches the first line of a wrapped text.
func starting(s string) func(string) bool {
	s = strings.TrimSpace(workflow.SanitizeLine(s))
	if r := []rune(s); len(r) > 8 {
		s = string(r[:8])
	}
	return func(l string) bool { return s != "" && strings.HasPrefix(strings.TrimSpace(l), s) }
}

// row matches a table row of an entry named name, or a label row.
func row(name string) func(string) bool {
	name = workflow.SanitizeLine(name)
	return func(l string) bool {
		t := strings.TrimSpace(l)
		rest, ok := strings.CutPrefix(t, name)
		return ok && name != "" && (rest == "" || rest[0] == ' ' || rest[0] == '|')
	}
}

// previewFinds lists the fields of d in the order the market page draws
// them (render.Detail): the title and intro, the info rows, the long
// texts, the guide's lists with their entries' tables, the instructions.
func previewFinds(d *workflow.Draft) []find {
	in := &d.Info
	fs := []find{{"info.title", starting(in.Title)}, {"info.intro", starting(in.Intro)}}
	for _, r := range [][2]string{
		{"info.abilities", "功能类型"}, {"info.buyers", "可订购人群"}, {"info.show_after_release", "发布后是否展示"},
		{"info.pc_url", "PC端url"}, {"info.contact", "客服联系方式"}, {"info.logo", "Logo"},
	} {
		fs = append(fs, find{r[0], row(r[1])})
	}
	for _, s := range [][2]string{{"info.description", "服务描述"}, {"info.usage", "接入玩法"}, {"info.cases", "案例介绍"}} {
		fs = append(fs, find{s[0], exactly(s[1])})
	}
	at := func(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }
	sub := func(base, list string, ps []workflow.Param) {
		for j, p := range ps {
			fs = append(fs, find{at(base+"."+list, j), row(p.Name)})
		}
	}
	for i, c := range d.Guide.Components {
		p := at("guide.components", i)
		fs = append(fs, find{p, exactly(c.Name)})
		for j, pr := range c.Props {
			fs = append(fs, find{at(p+".props", j), row(pr.Name)})
		}
		for j, e := range c.Events {
			fs = append(fs, find{at(p+".events", j), row(e.Name)})
		}
	}
	for i, pg := range d.Guide.Pages {
		p := at("guide.pages", i)
		fs = append(fs, find{p, exactly(pg.Name)})
		sub(p, "params", pg.Params)
	}
	for i, a := range d.Guide.APIs {
		p := at("guide.apis", i)
		fs = append(fs, find{p, exactly(a.Name)})
		sub(p, "inputs", a.Inputs)
		sub(p, "outputs", a.Outputs)
	}
	return append(fs, find{"guide.instructions", exactly("接入说明与示例代码")})
}

// previewAnchors finds the fields of d in the preview's lines, which
// start at line first of the page: each is looked for after the one
// before, and one not found (an empty title…) is skipped.
func previewAnchors(d *workflow.Draft, lines []string, first int) []anchor {
	var out []anchor
	from := 0
	for _, f := range previewFinds(d) {
		for i := from; i < len(lines); i++ {
			if f.match(ansi.Strip(lines[i])) {
				out = append(out, anchor{line: first + i, path: f.path})
				from = i + 1
				break
			}
		}
	}
	return out
}

func stripped(l string) string { return ansi.Strip(l) }
