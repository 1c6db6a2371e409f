package guidedoc

import (
	"net/url"
	"regexp"
	"strings"

	"plugpub/workflow"
)

// Markdown writes the market detail page of d as a Markdown document: the
// info, the integration guide with a table per list, the instructions, and
// the sample code s. Every text of d is untrusted: it is sanitised, table
// cells cannot break their row, names and code cannot end their code span
// or block early, and a long text's headings and fences stay inside its
// own section, so the document holds together whatever the draft holds.
func Markdown(m Meta, d workflow.Draft, s Sample) []byte {
	return NewPage(m, d, s).Markdown()
}

// Markdown writes the page as a Markdown document.
func (p Page) Markdown() []byte {
	w := &mdWriter{}
	w.heading(1, Or(inline(p.Title), TitleNone))
	if intro := inline(p.Intro); intro != "" {
		w.para(intro)
	}
	for _, f := range p.Rows() {
		w.raw("- " + f.Label + "：" + mdField(f) + "\n")
	}
	w.raw("\n")
	for _, sec := range p.Sections {
		w.heading(2, sec.Title)
		w.prose(sec.Text, sec.None, 3)
	}

	g := p.Guide
	w.heading(2, g.Title)
	for _, l := range g.Lists {
		w.heading(3, l.Title)
		if len(l.Items) == 0 {
			w.para(l.None + "。")
		}
		for _, it := range l.Items {
			w.heading(4, Or(code(it.Name, false), it.NoName))
			for _, f := range it.Fields {
				w.para(f.Label + "：" + mdField(f))
			}
			if strings.TrimSpace(it.Description) != "" {
				w.prose(it.Description, None, 5)
			}
			for _, t := range it.Tables {
				w.table(t)
			}
		}
	}
	w.heading(3, g.Instructions.Title)
	w.prose(g.Instructions.Text, g.Instructions.None, 4)

	w.sample(p.Sample)
	// Everything above is built from sanitised text; this is the last word
	// on what reaches a terminal that cats the file.
	return []byte(workflow.Sanitize(strings.TrimRight(w.b.String(), "\n") + "\n"))
}

// mdField writes a field's value as its kind is written in Markdown.
func mdField(f Field) string {
	var v string
	switch f.Kind {
	case Code:
		v = code(f.Value, false)
	case Link:
		v = link(f.Value)
	default:
		v = inline(f.Value)
	}
	if v == "" {
		return f.None
	}
	if n := inline(f.Note); n != "" {
		v += "（" + n + "）"
	}
	return v
}

// mdText writes a sentence of ours, its code words as code spans.
func mdText(t Text) string {
	var b strings.Builder
	for _, s := range t {
		if s.Code {
			b.WriteString(code(s.S, false))
		} else {
			// Not inline: the spaces around a code word are ours and stay.
			b.WriteString(inlineEscaper.Replace(line(s.S)))
		}
	}
	return b.String()
}

func (w *mdWriter) sample(s SampleDoc) {
	w.heading(3, s.Title)
	w.para(mdText(s.Intro))
	for _, g := range s.Groups {
		head := g.Kind
		if g.Name != "" {
			head += " " + code(g.Name, false)
		}
		w.heading(4, head)
		for _, b := range g.Blocks {
			if len(b.Caption) > 0 {
				w.para(mdText(b.Caption))
			}
			w.code(b.Lang, b.Code)
		}
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

func (w *mdWriter) table(t Table) {
	if len(t.Rows) == 0 {
		w.para(t.None + "。")
		return
	}
	w.raw("| " + strings.Join(t.Head, " | ") + " |\n|")
	for range t.Head {
		w.raw(" --- |")
	}
	w.raw("\n")
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			if c.Code {
				cells[i] = code(c.Text, true)
			} else {
				cells[i] = inline(c.Text)
			}
			cells[i] = Or(cells[i], EmptyCell)
		}
		w.raw("| " + strings.Join(cells, " | ") + " |\n")
	}
	w.raw("\n")
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
func (w *mdWriter) prose(s, none string, top int) {
	s = strings.TrimRight(workflow.Sanitize(s), " \t\n")
	if strings.TrimSpace(s) == "" {
		w.para(none + "。")
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

// outsideCode calls each for every line outside fenced code blocks (the
// fences themselves are inside) and reports whether a block is left open
// at the end.
func outsideCode(lines []string, each func(l string)) (open bool) {
	fence := ""
	for _, l := range lines {
		switch {
		case fence != "":
			if closesFence(l, fence) {
				fence = ""
			}
		case openFence(l) != "":
			fence = openFence(l)
		default:
			each(l)
		}
	}
	return fence != ""
}

// minHeading is the highest heading level used outside code, 7 if none.
func minHeading(lines []string) int {
	lowest := 7
	outsideCode(lines, func(l string) {
		if m := headingRE.FindStringSubmatch(l); m != nil {
			lowest = min(lowest, len(m[1]))
		}
	})
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
