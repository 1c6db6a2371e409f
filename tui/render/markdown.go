package render

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The long texts of a publication are markdown as people type it in a web
// form: headings, lists and fenced code, little else. Glamour would draw
// more of it, but it asks the terminal for its background at startup and
// costs milliseconds per page; this small renderer keeps what helps reading
// in a terminal (headings set apart, list items with hanging indents, code
// indented and never re-flowed into prose) and shows the rest as typed.
var (
	headingRe = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	fenceRe   = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	itemRe    = regexp.MustCompile(`^[ ]*(?:[-*+]|[0-9]{1,9}[.)])[ ]+`)
)

// prose draws untrusted markdown at indent n.
func (d *doc) prose(n int, s string) {
	s = clean(s)
	if strings.TrimSpace(s) == "" {
		d.muted(n, "未填写")
		return
	}
	ind, code := d.indent(n), d.indent(n+4)
	fence := "" // the opening fence while inside a code block
	for _, l := range strings.Split(s, "\n") {
		if fence != "" {
			if closesFence(l, fence) {
				fence = ""
				d.blank()
				continue
			}
			if strings.TrimSpace(l) == "" {
				d.add("", nil)
				continue
			}
			for _, w := range wrapLine(strings.TrimRight(l, " "), d.width, code, code) {
				d.add(w, nil)
			}
			continue
		}
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			fence = m[1]
			d.blank()
			continue
		}
		if strings.TrimSpace(l) == "" {
			d.blank()
			continue
		}
		if m := headingRe.FindStringSubmatch(l); m != nil {
			d.blank()
			if m[2] == "" {
				continue
			}
			// The marks stay: without colour they are what sets a heading apart.
			mark := m[1] + " "
			for _, w := range wrapLine(m[2], d.width, ind+mark, ind+strings.Repeat(" ", len(mark))) {
				d.add(w, &d.st.Bold)
			}
			continue
		}
		first, rest := ind, ind
		if loc := itemRe.FindStringIndex(l); loc != nil {
			marker := l[:loc[1]]
			first, rest = ind+marker, ind+strings.Repeat(" ", ansi.StringWidth(marker))
			l = l[loc[1]:]
		}
		for _, w := range wrapLine(strings.TrimRight(l, " "), d.width, first, rest) {
			d.add(w, nil)
		}
	}
}

// closesFence reports whether l ends a code block opened by fence: the same
// character, at least as many, and nothing else on the line.
func closesFence(l, fence string) bool {
	t := strings.TrimSpace(l)
	return len(t) >= len(fence) && strings.Trim(t, fence[:1]) == ""
}
