package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// table is a documentation table: it is read in full, so cells wrap rather
// than being cut, and the last column (the description) wraps first.
type table struct {
	head []string
	rows [][]string
}

// sep is ASCII on purpose: box-drawing lines are East Asian ambiguous-width
// and take two cells in many Chinese terminals, which would skew every row.
const sep = " | "

func (d *doc) table(n int, t table) {
	cols := len(t.head)
	rows := make([][]string, len(t.rows))
	nat := make([]int, cols)
	for i, h := range t.head {
		nat[i] = ansi.StringWidth(h)
	}
	for r, row := range t.rows {
		rows[r] = make([]string, cols)
		for i := range cols {
			if i < len(row) {
				rows[r][i] = workflow.SanitizeLine(row[i])
			}
			nat[i] = max(nat[i], ansi.StringWidth(rows[r][i]))
		}
	}
	ind := d.indent(n)
	widths := fitColumns(nat, d.width-len(ind)-len(sep)*(cols-1))
	if widths == nil {
		d.records(n, t.head, rows)
		return
	}
	d.add(ind+d.row(t.head, widths)[0], &d.st.Header)
	rule := make([]string, cols)
	for i, w := range widths {
		rule[i] = strings.Repeat("-", w)
	}
	d.add(ind+strings.Join(rule, "-+-"), &d.st.Muted)
	for _, r := range rows {
		for _, l := range d.row(r, widths) {
			d.add(ind+l, nil)
		}
	}
}

// row wraps each cell to its column and lays the cells side by side; the
// row is as tall as its tallest cell.
func (d *doc) row(cells []string, widths []int) []string {
	wrapped := make([][]string, len(cells))
	height := 1
	for i, c := range cells {
		wrapped[i] = wrapLine(c, widths[i], "", "")
		height = max(height, len(wrapped[i]))
	}
	out := make([]string, height)
	var b strings.Builder
	for k := range height {
		b.Reset()
		for i := range cells {
			if i > 0 {
				b.WriteString(sep)
			}
			var part string
			if k < len(wrapped[i]) {
				part = wrapped[i][k]
			}
			if i < len(cells)-1 {
				part = common.Fit(part, widths[i])
			}
			b.WriteString(part)
		}
		out[k] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// fitColumns sizes columns to their content within avail cells. When that
// is too wide the description (last) column wraps; when it would then be
// too narrow to read, nil says to draw records instead, since squeezing the
// short columns splits words like "String" mid-way.
func fitColumns(nat []int, avail int) []int {
	last := len(nat) - 1
	w := append([]int(nil), nat...)
	other := 0
	for _, n := range nat[:last] {
		other += n
	}
	if room := avail - other; room < nat[last] {
		if room < min(nat[last], minBody) {
			return nil
		}
		w[last] = room
	}
	return w
}

// records is a table for a narrow screen: each row's first cell as a
// heading, the middle cells as "header value" pairs, the last cell below.
func (d *doc) records(n int, head []string, rows [][]string) {
	last := len(head) - 1
	for _, r := range rows {
		d.line(n, r[0], &d.st.Bold)
		if last > 1 {
			pairs := make([]string, 0, last-1)
			for i := 1; i < last; i++ {
				pairs = append(pairs, head[i]+" "+r[i])
			}
			d.pairs(n+2, pairs)
		}
		if last > 0 && r[last] != "" {
			d.text(n+2, r[last], nil)
		}
	}
}

// pairs lays short "header value" pairs out as words, a line breaking only
// between pairs unless one alone is wider than the line.
func (d *doc) pairs(n int, pairs []string) {
	ind := d.indent(n)
	room := d.width - len(ind)
	var b strings.Builder
	used := 0
	flush := func() {
		if used > 0 {
			d.add(ind+b.String(), &d.st.Muted)
		}
		b.Reset()
		used = 0
	}
	for _, p := range pairs {
		w := ansi.StringWidth(p)
		if used > 0 && used+2+w > room {
			flush()
		}
		if w > room {
			for _, l := range wrapLine(p, d.width, ind, ind) {
				d.add(l, &d.st.Muted)
			}
			continue
		}
		if used > 0 {
			b.WriteString("  ")
			used += 2
		}
		b.WriteString(p)
		used += w
	}
	flush()
}
