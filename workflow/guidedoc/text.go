package guidedoc

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"plugpub/workflow"
)

// Text writes the page as plain text for the command line, where the width
// is not known (it may be piped): nothing is wrapped or cut, columns are
// aligned by display cells (Chinese is two), and the long texts are shown
// as the Markdown they were typed in, which reads well as it is. Every
// text is sanitised; the result ends with a newline.
func (p Page) Text() string {
	w := &textWriter{}
	w.line(0, Or(p.Title, TitleNone))
	if strings.TrimSpace(p.Intro) != "" {
		w.line(0, p.Intro)
	}
	w.blank()
	var rows [][2]string
	for _, f := range p.Rows() {
		rows = append(rows, [2]string{f.Label, f.WithNote()})
	}
	w.fields(rows)
	for _, s := range p.Sections {
		w.section(s)
	}

	g := p.Guide
	w.blank()
	w.line(0, g.Title)
	for _, l := range g.Lists {
		w.blank()
		w.line(0, l.Title)
		if len(l.Items) == 0 {
			w.line(2, l.None)
		}
		for _, it := range l.Items {
			w.blank()
			w.line(2, it.Kind+" "+Or(it.Name, it.NoName))
			for _, f := range it.Fields {
				w.line(4, f.Label+" "+f.Shown())
			}
			w.text(4, it.Description)
			for _, t := range it.Tables {
				w.table(4, t)
			}
		}
	}
	w.section(g.Instructions)

	s := p.Sample
	w.blank()
	w.line(0, s.Title)
	w.line(2, s.Intro.String())
	for _, grp := range s.Groups {
		w.blank()
		w.line(2, strings.TrimSpace(grp.Kind+" "+grp.Name))
		for _, b := range grp.Blocks {
			at := 4
			if len(b.Caption) > 0 {
				w.line(4, b.Caption.String())
				at = 6
			}
			w.text(at, b.Code)
		}
	}
	return workflow.Sanitize(strings.TrimRight(w.b.String(), "\n") + "\n")
}

// textWriter builds the text a line at a time; blank never doubles.
type textWriter struct {
	b          strings.Builder
	afterBlank bool // the last line written was blank, or nothing was written
}

func (w *textWriter) put(l string) {
	l = strings.TrimRight(l, " ")
	if l == "" {
		if w.afterBlank || w.b.Len() == 0 {
			return
		}
		w.afterBlank = true
	} else {
		w.afterBlank = false
	}
	w.b.WriteString(l + "\n")
}

// blank writes an empty line, never two in a row nor one at the top.
func (w *textWriter) blank() { w.put("") }

// line writes one-line untrusted text n spaces in.
func (w *textWriter) line(n int, s string) {
	w.put(strings.Repeat(" ", n) + workflow.SanitizeLine(s))
}

// text writes multi-line untrusted text n spaces in, line by line as
// typed; blank lines inside it stay.
func (w *textWriter) text(n int, s string) {
	s = strings.TrimRight(workflow.Sanitize(s), " \t\n")
	if strings.TrimSpace(s) == "" {
		return
	}
	ind := strings.Repeat(" ", n)
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(ind+l, " \t")
		if l == "" {
			// Kept even after another blank: this is the text's own line.
			w.b.WriteString("\n")
			w.afterBlank = true
			continue
		}
		w.put(l)
	}
}

func (w *textWriter) section(s Section) {
	w.blank()
	w.line(0, s.Title)
	if strings.TrimSpace(workflow.Sanitize(s.Text)) == "" {
		w.line(2, s.None)
		return
	}
	w.text(2, s.Text)
}

// fields writes label–value rows, the labels padded to the widest.
func (w *textWriter) fields(rows [][2]string) {
	lw := 0
	for _, r := range rows {
		lw = max(lw, ansi.StringWidth(r[0]))
	}
	for _, r := range rows {
		w.put(pad(r[0], lw) + "  " + workflow.SanitizeLine(r[1]))
	}
}

// table writes a guide table with aligned columns, or its empty word.
func (w *textWriter) table(n int, t Table) {
	if len(t.Rows) == 0 {
		w.line(n, t.None)
		return
	}
	rows := [][]string{t.Head}
	for _, r := range t.Rows {
		cells := make([]string, len(t.Head))
		for i := range cells {
			if i < len(r) {
				cells[i] = Or(workflow.SanitizeLine(r[i].Text), EmptyCell)
			}
		}
		rows = append(rows, cells)
	}
	widths := make([]int, len(t.Head))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	ind := strings.Repeat(" ", n)
	row := func(cells []string) string {
		parts := make([]string, len(cells))
		for i, c := range cells {
			parts[i] = pad(c, widths[i])
		}
		return ind + strings.Join(parts, " | ")
	}
	w.put(row(rows[0]))
	rule := make([]string, len(widths))
	for i, wd := range widths {
		rule[i] = strings.Repeat("-", wd)
	}
	w.put(ind + strings.Join(rule, "-+-"))
	for _, r := range rows[1:] {
		w.put(row(r))
	}
	w.blank()
}

// pad fills s with spaces to width display cells.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}
