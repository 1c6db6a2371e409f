package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"plugpub/workflow"
)

// maxCell keeps one long reason or intro from pushing every other column
// off an 80-column terminal; the full text is in --json and market view.
const maxCell = 40

// table lays out rows by display width: text/tabwriter counts bytes, so a
// column holding Chinese (two cells per character, three bytes each) would
// never line up.
type table struct {
	head []string
	rows [][]string
	sep  string // between columns
	max  int    // cell width limit; 0 for none
}

func newTable(head ...string) *table { return &table{head: head, sep: "  ", max: maxCell} }

// row adds one row. Every cell is untrusted until proven otherwise, so each
// is sanitized here rather than at each call site.
func (t *table) row(cells ...string) {
	r := make([]string, len(cells))
	for i, c := range cells {
		c = workflow.SanitizeLine(c)
		if c == "" {
			c = "-"
		}
		if t.max > 0 {
			c = ansi.Truncate(c, t.max, "…")
		}
		r[i] = c
	}
	t.rows = append(t.rows, r)
}

func (t *table) render(w io.Writer) error {
	widths := make([]int, len(t.head))
	for i, h := range t.head {
		widths[i] = ansi.StringWidth(h)
	}
	for _, r := range t.rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	var b strings.Builder
	line := func(cells []string) {
		var l strings.Builder
		for i, c := range cells {
			if i > 0 {
				l.WriteString(t.sep)
			}
			l.WriteString(c)
			if i < len(widths) {
				l.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)))
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	line(t.head)
	for _, r := range t.rows {
		line(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
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
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
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
func line(w io.Writer, format string, a ...any) {
	fmt.Fprintln(w, workflow.SanitizeLine(fmt.Sprintf(format, a...)))
}

// nonNil makes an empty list print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
