package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
	"plugpub/workflow/textfmt"
)

// maxCell keeps one long title or intro from pushing every other column
// off an 80-column terminal; the full text is in --json and market view.
// Only the columns a command marks with clip are cut: an id, a name or a
// version is what the next command needs, and is never cut.
const maxCell = 40

// minWrap is the narrowest the wrapped column may be beside the others;
// narrower than that it goes on lines of its own below its row.
const minWrap = 20

// table lays out rows by display width: text/tabwriter counts bytes, so a
// column holding Chinese (two cells per character, three bytes each) would
// never line up.
type table struct {
	head    []string
	rows    [][]string
	sep     string       // between columns
	max     int          // the width of a clipped cell; 0 for none
	clipped map[int]bool // the columns cut at max
	full    int          // the last column's text is printed whole (a reason): 1 when set
	width   int          // the terminal's width to wrap the whole column to; 0: one line, however long
}

func newTable(head ...string) *table { return &table{head: head, sep: "  ", max: maxCell} }

// clip marks free-text columns (titles, intros) to be cut at max cells.
func (t *table) clip(cols ...int) *table {
	if t.clipped == nil {
		t.clipped = map[int]bool{}
	}
	for _, c := range cols {
		t.clipped[c] = true
	}
	return t
}

// wrapLast prints the last column whole: wrapped to width beside the other
// columns on a terminal (width > 0), on one line when the output is a pipe
// or a file, so that grep and scripts see each row on one line.
func (t *table) wrapLast(width int) *table {
	t.full, t.width = 1, width
	return t
}

// row adds one row. Every cell is untrusted until proven otherwise, so each
// is sanitized here rather than at each call site.
func (t *table) row(cells ...string) {
	r := make([]string, len(cells))
	for i, c := range cells {
		c = workflow.SanitizeLine(c)
		if c == "" {
			c = "-"
		}
		if t.max > 0 && t.clipped[i] {
			c = ansi.Truncate(c, t.max, "…")
		}
		r[i] = c
	}
	t.rows = append(t.rows, r)
}

func (t *table) render(w io.Writer) error {
	head := t.head
	if p := printerOf(w); p != nil { // the column names in w's language
		head = make([]string, len(t.head))
		for i, h := range t.head {
			head[i] = i18n.T(h).Localize(p)
		}
	}
	last := len(head) - 1
	whole := func(i int) bool { return t.full != 0 && i == last }
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = ansi.StringWidth(h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			if i < len(widths) && !whole(i) {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	// On a terminal the whole column wraps where it starts; too narrow
	// there, it goes below its row, indented.
	indent, avail, below := 0, 0, false
	if t.full != 0 && t.width > 0 {
		for i := range last {
			indent += widths[i] + ansi.StringWidth(t.sep)
		}
		if avail = t.width - indent; avail < minWrap {
			below, indent, avail = true, 4, max(t.width-4, minWrap)
		}
	}
	var b strings.Builder
	var l strings.Builder
	flush := func() {
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
		l.Reset()
	}
	line := func(cells []string, head bool) {
		for i, c := range cells {
			if whole(i) && avail > 0 && !head {
				if below && c != "-" {
					flush()
					l.WriteString(strings.Repeat(" ", indent))
				} else if i > 0 {
					l.WriteString(t.sep)
				}
				for j, part := range strings.Split(ansi.Wrap(c, avail, ""), "\n") {
					if j > 0 {
						flush()
						l.WriteString(strings.Repeat(" ", indent))
					}
					l.WriteString(part)
				}
				continue
			}
			if i > 0 {
				l.WriteString(t.sep)
			}
			l.WriteString(c)
			if i < len(widths) && !whole(i) {
				l.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)))
			}
		}
		flush()
	}
	line(head, true)
	for _, r := range t.rows {
		line(r, false)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// termWidth is the width of the terminal stdout is, or 0 when stdout is a
// pipe or a file (where a table's whole column stays on one line).
func (a *app) termWidth() int {
	f, ok := a.stdout.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	w, _, err := term.GetSize(f.Fd())
	if err != nil || w <= 0 {
		return 0
	}
	return w
}

// writeJSON prints v for machines: indented, Chinese as itself, and no
// character that a terminal would act on (see escapeTerminalUnsafe).
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding JSON output: %w", err)
	}
	_, err := w.Write(escapeTerminalUnsafe(buf.Bytes()))
	return err
}

// escapeTerminalUnsafe rewrites DEL, C1 controls and bidi overrides as \u
// escapes. encoding/json already escapes C0 controls but passes these
// through, and JSON output is often read on a terminal. Outside strings JSON
// is plain ASCII, so any such rune is inside a string, where \u is valid.
func escapeTerminalUnsafe(b []byte) []byte {
	if !bytes.ContainsFunc(b, terminalUnsafe) {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b) + 16)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if terminalUnsafe(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.Write(b[:size])
		}
		b = b[size:]
	}
	return out.Bytes()
}

func terminalUnsafe(r rune) bool {
	switch {
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
		r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	}
	return false
}

// when formats a time for people: local time to the minute, "-" for unset.
func when(t time.Time) string {
	return textfmt.Long(t)
}

// state shows a state code with the console's Chinese word for it, so the
// text matches the web console and the code matches --json.
func state[S ~string](code S) string {
	if code == "" {
		return "-"
	}
	if l := workflow.Label(string(code)); l != string(code) {
		return l + " " + string(code)
	}
	return string(code)
}

// action is state for actions.
func action(a workflow.Action) string {
	if l, ok := workflow.ActionLabels[a]; ok {
		return l + " " + string(a)
	}
	return string(a)
}

// line prints one line of text output. The whole line is sanitized, so
// user-supplied arguments need no care at the call site; a line break inside
// one of them becomes a space, which keeps one message on one line.
// The format is a key of the catalog, said in w's language (a speaker's).
func line(w io.Writer, format string, a ...any) {
	fmt.Fprintln(w, workflow.SanitizeLine(i18n.Sprintf(printerOf(w), format, a...)))
}

// nonNil makes an empty list print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
