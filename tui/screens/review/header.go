package review

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
	"plugpub/tui/components/bars"
	"plugpub/workflow"
)

// chartLines is how tall the chart is when there is room for it.
const chartLines = 3

// headerHeight is how many lines the header takes in a w×h box: the
// figures and the chart (chartLines and a blank line) when the box is
// tall enough for the table to keep most of it, one line of counts in a
// lower one, nothing in a tiny one. The table always keeps at least four
// lines, so nothing but the header gives way.
func headerHeight(w, h int) int {
	switch {
	case w < 16 || h < 8:
		return 0
	case h < 14:
		return 1
	}
	return chartLines + 1
}

// header draws the figures at width w in exactly n lines (headerHeight):
// the counts, the median against the promise and the chart's caption on
// the left, the chart on the right; a window too narrow for both drops
// the chart first, then cuts the text.
func (m *Model) header(w, n int) string {
	if n == 0 {
		return ""
	}
	// View runs after every key; the header changes only with its
	// figures, the size and the scope.
	k := headerKey{g: m.glance, w: w, n: n, scope: m.scope}
	if k != m.headKey || m.head == "" {
		m.headKey, m.head = k, m.drawHeader(w, n)
	}
	return m.head
}

// headerKey is what the drawn header depends on.
type headerKey struct {
	g     *workflow.ReviewStats
	w, n  int
	scope scope
}

func (m *Model) drawHeader(w, n int) string {
	st := &m.ctx.Styles
	g := m.glance
	if g == nil {
		return common.Clip(st.Muted.Render(m.ctx.T("loading…"))+strings.Repeat("\n", n-1), w, n)
	}
	count := func(label string, v int, style *lipgloss.Style) string {
		s := fmt.Sprintf("%s %d", label, v)
		if v > 0 && style != nil {
			return style.Render(s)
		}
		return s
	}
	counts := strings.Join([]string{
		count("审核中", g.InReview, &st.Warn), count("已超时", g.Overdue, &st.Bad), count("未认领", g.Unclaimed, nil),
	}, st.Muted.Render(" · "))
	median := st.Muted.Render(m.ctx.T("no decision yet"))
	if g.Decided > 0 {
		style := &st.Good
		if !g.WithinPromise() {
			style = &st.Bad
		}
		median = m.ctx.T("median to a decision %s", style.Render(span(g.Median))) + st.Muted.Render(m.ctx.T(" (promised: 一个工作日)"))
	}
	if l := m.scope.label(); l != "" {
		counts += st.Muted.Render(" · ") + st.Bold.Render(m.ctx.T("showing %s", l))
	}
	if n == 1 {
		return common.Clip(counts+st.Muted.Render(" · ")+median, w, 1)
	}
	perDay := make([]int, len(g.Days))
	for i, d := range g.Days {
		perDay[i] = d.Decisions
	}
	today := 0
	if len(perDay) > 0 {
		today = perDay[len(perDay)-1]
	}
	caption := st.Muted.Render(m.ctx.T("decisions per day, last %d days: most %d, today %d", len(perDay), g.MaxPerDay(), today))
	left := []string{counts, median, caption}
	// The chart goes right of the text when both fit, else it is dropped.
	textW := 0
	for _, l := range left {
		textW = max(textW, lipgloss.Width(l))
	}
	chart := bars.Chart{Values: perDay, Bar: st.Label, Zero: st.Muted, Last: &st.Heading}
	var right []string
	if chart.Width(w-textW-3) > 0 {
		right = strings.Split(chart.Render(w-textW-3, chartLines), "\n")
	}
	lines := make([]string, n)
	for i := range chartLines {
		l := left[i]
		if right != nil {
			l = common.Fit(l, textW) + "   " + right[i]
		}
		lines[i] = l
	}
	return common.Clip(strings.Join(lines, "\n"), w, n)
}

// span says a duration the way a reviewer reads it: 45分, 3小时12分, 2天4小时.
func span(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d天%d小时", days, hours)
	case days > 0:
		return fmt.Sprintf("%d天", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d小时%d分", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d小时", hours)
	}
	return fmt.Sprintf("%d分", mins)
}
