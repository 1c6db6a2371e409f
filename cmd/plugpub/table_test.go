package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// longReason is a rejection reason far wider than any terminal, with a
// marker at its end that a cut would lose.
var longReason = strings.Repeat("图标模糊，请上传 512×512 的高清 PNG；", 6) + "END-OF-REASON"

// TestTableWholeColumn: the reason column is never cut. On a terminal it
// wraps beside the other columns (or below its row when they leave too
// little room), every line within the width; piped it stays on one line.
// Ids and names are never cut; only the columns marked clip are.
func TestTableWholeColumn(t *testing.T) {
	id := "1234567890123456789"
	build := func(width int, who string) string {
		tb := newTable("ID", "WHO", "TITLE", "REASON").clip(2).wrapLast(width)
		tb.row(id, who, strings.Repeat("标题", 30), longReason)
		tb.row("2", "rev1", "短", "")
		var b bytes.Buffer
		if err := tb.render(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	compact := func(s string) string { // the text without the layout's spaces and breaks
		return strings.NewReplacer(" ", "", "\n", "").Replace(s)
	}

	piped := build(0, "reviewer1")
	lines := strings.Split(strings.TrimSuffix(piped, "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[1], longReason) {
		t.Errorf("piped, the reason is not whole at the end of its row:\n%s", piped)
	}
	// 80 columns leave too little beside the others: below its row.
	for _, w := range []int{80, 120, 300} {
		out := build(w, "reviewer1")
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("width %d: a line of %d cells:\n%s", w, lw, out)
			}
		}
		if !strings.Contains(compact(out), compact(longReason)) {
			t.Errorf("width %d: the reason is not all there:\n%s", w, out)
		}
		mustContain(t, "table", out, id, "reviewer1", "…")
		if strings.Contains(out, strings.Repeat("标题", 30)) {
			t.Errorf("width %d: the clipped title was printed whole:\n%s", w, out)
		}
	}
	// An id or a name is never cut, however long.
	longName := strings.Repeat("developer-with-a-long-name-", 4)
	mustContain(t, "table", build(0, longName), longName)
	mustContain(t, "table", build(80, longName), longName)

	// Beside the others at 300 columns, the reason's continuation lines
	// start under its first letter.
	wide := build(300, "reviewer1")
	rows := strings.Split(wide, "\n")
	col := ansi.StringWidth(rows[1][:strings.Index(rows[1], "图标")])
	if len(rows) < 3 || strings.HasPrefix(rows[2], "2 ") || ansi.StringWidth(rows[2])-ansi.StringWidth(strings.TrimLeft(rows[2], " ")) != col {
		t.Errorf("at 300 columns the reason does not continue under itself (column %d):\n%s", col, wide)
	}
}

// TestWhenShowsTheYear: one formatter for every time the CLI prints, with
// the year, so a date of another year is never mistaken for this one's.
func TestWhenShowsTheYear(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2019, 12, 31, 23, 59, 0, 0, time.Local),
		time.Now(),
	} {
		if got, want := when(tm), tm.Format("2006-01-02 15:04"); got != want {
			t.Errorf("when(%v) = %q, want %q", tm, got, want)
		}
	}
	if when(time.Time{}) != "-" {
		t.Errorf("an unset time is %q, want -", when(time.Time{}))
	}
}

// TestReasonsPrintedWhole: submissions, log and version list print a long
// rejection reason whole: on one line when piped, wrapped within the
// terminal's 100 columns on a terminal.
func TestReasonsPrintedWhole(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	const invoice, plate = "2021004100000003", "2021004100000001" // dev2's in review; dev1's listed
	c.ok("--as", "reviewer1", "review", "reject", latestSubmission(t, c, invoice), "--reason", longReason)
	c.ok("--as", "dev1", "version", "add", plate, "1.1.0")
	c.ok("--as", "dev1", "version", "submit", plate, "1.1.0")
	c.ok("--as", "reviewer1", "version", "reject", plate, "1.1.0", "--reason", longReason)
	for _, args := range [][]string{
		{"--as", "dev2", "submissions", invoice},
		{"--as", "dev2", "log", invoice},
		{"--as", "dev1", "version", "list", plate},
	} {
		what := strings.Join(args[2:], " ")
		piped := c.ok(args...)
		found := false
		for _, l := range strings.Split(piped, "\n") {
			found = found || strings.HasSuffix(l, longReason)
		}
		if !found {
			t.Errorf("%s, piped: no line ends with the whole reason:\n%s", what, piped)
		}

		s := startSilent(t, c.env, nil, args...)
		if _, ok := s.wait(30 * time.Second); !ok {
			t.Fatalf("%s on a terminal did not finish", what)
		}
		// The process may exit before the pty reader has drained what it
		// wrote: wait for the end of its output (a marker never written
		// returns at EOF).
		s.waitFor("\x00", 5*time.Second)
		out := strings.ReplaceAll(s.output(), "\r\n", "\n")
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > 100 {
				t.Errorf("%s on a 100-column terminal: a line of %d cells: %q", what, w, l)
			}
		}
		if compact := strings.NewReplacer(" ", "", "\n", "").Replace; !strings.Contains(compact(out), compact(longReason)) {
			t.Errorf("%s on a terminal: the reason is not all there:\n%s", what, out)
		}
	}
}
