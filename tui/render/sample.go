package render

import (
	"strings"

	"plugpub/workflow/guidedoc"
)

// sample draws the 功能清单: the code generated from the guide, so a
// consumer sees how each component, page and API is used before ordering.
func sample(doc *doc, s guidedoc.SampleDoc) {
	st := doc.st
	doc.blank()
	doc.line(0, s.Title, &st.Bold)
	doc.text(2, s.Intro.String(), &st.Muted)
	for _, g := range s.Groups {
		doc.blank()
		doc.line(2, strings.TrimSpace(g.Kind+" "+g.Name), &st.Label)
		for _, b := range g.Blocks {
			// Code sits under its caption, or under the group's name.
			at := 4
			if len(b.Caption) > 0 {
				doc.line(4, b.Caption.String(), &st.Muted)
				at = 6
			}
			doc.code(at, b.Code)
		}
	}
}

// code draws lines of code at indent n as they are, wrapped under
// themselves when too long, never re-flowed; blank lines stay.
func (d *doc) code(n int, src string) {
	ind := d.indent(n)
	for _, l := range strings.Split(clean(src), "\n") {
		if strings.TrimSpace(l) == "" {
			d.add("", nil)
			continue
		}
		for _, w := range wrapLine(strings.TrimRight(l, " "), d.width, ind, ind) {
			d.add(w, nil)
		}
	}
}
