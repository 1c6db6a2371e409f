package render

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// doc collects the lines of a rendered page. Every method takes untrusted
// text and sanitises it; every line it keeps fits the width.
type doc struct {
	st    *common.Styles
	width int
	lines []string
}

// minBody is the narrowest a wrapped text may get before indents give way.
const minBody = 12

// indent is n spaces, or fewer when the width leaves too little room.
func (d *doc) indent(n int) string {
	return strings.Repeat(" ", max(0, min(n, d.width-minBody)))
}

// add keeps one line, styled when st is not nil. Lines are checked here
// once more, so a mistake in a layout can cut a line but never overflow.
func (d *doc) add(line string, st *lipgloss.Style) {
	if ansi.StringWidth(line) > d.width {
		line = ansi.Truncate(line, d.width, "")
	}
	if st != nil && line != "" {
		line = st.Render(line)
	}
	d.lines = append(d.lines, line)
}

// blank adds an empty line, never two in a row nor one at the top.
func (d *doc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.lines = append(d.lines, "")
	}
}

// text wraps untrusted text, line by line as typed, at indent n.
func (d *doc) text(n int, s string, st *lipgloss.Style) {
	ind := d.indent(n)
	for _, l := range strings.Split(clean(s), "\n") {
		for _, w := range wrapLine(l, d.width, ind, ind) {
			d.add(w, st)
		}
	}
}

// para wraps untrusted text that is one line by nature, such as a title:
// its line breaks become spaces.
func (d *doc) para(n int, s string, st *lipgloss.Style) {
	ind := d.indent(n)
	for _, w := range wrapLine(expandTabs(workflow.SanitizeLine(s)), d.width, ind, ind) {
		d.add(w, st)
	}
}

// line is text that must stay on one line, such as a name: cut with … when
// it does not fit.
func (d *doc) line(n int, s string, st *lipgloss.Style) {
	ind := d.indent(n)
	s = workflow.SanitizeLine(s)
	if room := d.width - len(ind); ansi.StringWidth(s) > room {
		s = ansi.Truncate(s, room, "…")
	}
	d.add(strings.TrimRight(ind+s, " "), st)
}

// muted is a short note in the muted style, such as "无组件".
func (d *doc) muted(n int, s string) { d.text(n, s, &d.st.Muted) }

func (d *doc) String() string {
	for len(d.lines) > 0 && d.lines[len(d.lines)-1] == "" {
		d.lines = d.lines[:len(d.lines)-1]
	}
	return strings.Join(d.lines, "\n")
}

// clean sanitises multi-line untrusted text and expands its tabs; trailing
// blank lines are dropped.
func clean(s string) string {
	s = strings.TrimRight(workflow.Sanitize(s), " \n\t")
	return expandTabs(s)
}

// fields draws the info block's label–value rows: labels padded to the
// widest, values wrapping under themselves.
func (d *doc) fields(n int, rows [][2]string) {
	lw := 0
	for _, r := range rows {
		lw = max(lw, ansi.StringWidth(r[0]))
	}
	ind := d.indent(n)
	gap := 2
	if d.width-len(ind)-lw-gap < minBody {
		// Too narrow for two columns: each label above its value.
		for _, r := range rows {
			d.line(n, r[0], &d.st.Label)
			d.text(n+2, r[1], nil)
		}
		return
	}
	hang := ind + strings.Repeat(" ", lw+gap)
	for _, r := range rows {
		label := d.st.Label.Render(common.Fit(r[0], lw))
		for i, l := range wrapLine(workflow.SanitizeLine(r[1]), d.width, hang, hang) {
			if i == 0 {
				l = ind + label + strings.Repeat(" ", gap) + strings.TrimPrefix(l, hang)
			}
			d.add(l, nil)
		}
	}
}
