// Package bars draws a small bar chart in the terminal out of block
// characters (▁▂▃▄▅▆▇█), one bar per value, eighths of a cell high: the
// review queue's decisions per day. It is a drawing, not a component with
// keys: the owner asks for it at the size it has, and gets nothing when the
// bars do not fit, so a narrow window drops the chart before anything else
// breaks.
package bars

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// eighths are the partial blocks, from none to a full cell.
var eighths = []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// Chart is a row of bars. Values below zero count as zero.
type Chart struct {
	Values []int
	Bar    lipgloss.Style // a bar
	Zero   lipgloss.Style // the mark of a zero value, so an empty day still shows
	// Last, when set, draws the last bar in this style instead (today).
	Last *lipgloss.Style
}

// Layout is the bar and gap widths the chart would use at width w, and
// whether it fits at all: two-cell bars with a gap when there is room,
// then one-cell bars with a gap, then without.
func Layout(n, w int) (bar, gap int, ok bool) {
	for _, l := range [][2]int{{2, 1}, {1, 1}, {1, 0}} {
		if n > 0 && n*l[0]+(n-1)*l[1] <= w {
			return l[0], l[1], true
		}
	}
	return 0, 0, false
}

// Width is how wide Render draws at most w cells: 0 when it does not fit.
func (c Chart) Width(w int) int {
	bar, gap, ok := Layout(len(c.Values), w)
	if !ok {
		return 0
	}
	n := len(c.Values)
	return n*bar + (n-1)*gap
}

// Max is the largest value, at least 1 (the scale of an all-zero chart).
func (c Chart) Max() int {
	m := 1
	for _, v := range c.Values {
		m = max(m, v)
	}
	return m
}

// Render draws the chart in at most w×h cells, h lines exactly; "" when
// there is no value, no line, or too little width for one cell per bar.
// The largest value fills all h lines; any value above zero shows at least
// an eighth, and zero shows the Zero mark on the bottom line.
func (c Chart) Render(w, h int) string {
	bar, gap, ok := Layout(len(c.Values), w)
	if !ok || h <= 0 {
		return ""
	}
	top := c.Max()
	units := make([]int, len(c.Values)) // height in eighths
	for i, v := range c.Values {
		if v > 0 {
			units[i] = max(1, (v*h*8+top/2)/top)
		}
	}
	lines := make([]string, h)
	space := strings.Repeat(" ", gap)
	for r := range h {
		var b strings.Builder
		below := (h - 1 - r) * 8 // eighths under this line
		for i, u := range units {
			if i > 0 {
				b.WriteString(space)
			}
			style := &c.Bar
			if c.Last != nil && i == len(units)-1 {
				style = c.Last
			}
			var cell string
			switch fill := min(8, max(0, u-below)); {
			case u == 0 && r == h-1:
				cell, style = strings.Repeat("·", bar), &c.Zero
			default:
				cell = strings.Repeat(eighths[fill], bar)
			}
			b.WriteString(style.Render(cell))
		}
		lines[r] = b.String()
	}
	return strings.Join(lines, "\n")
}
