package render

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// ansi.Wrap only breaks at spaces, so a Chinese sentence is one long "word"
// to it, and at narrow widths it returns lines wider than asked (a wide
// character in one cell, "  -" before a hard-wrapped word). The market page
// is mostly Chinese, so it gets its own line breaker: break at spaces and
// between wide characters, keep closing punctuation with what it closes and
// opening punctuation with what it opens, and split a word only when it is
// longer than a whole line.

// span is a run of text in one style; nil is unstyled. Styles are applied
// after breaking, per line, so an escape sequence is never split and a
// line's width is the width of its text.
type span struct {
	text string
	st   *lipgloss.Style
}

// unit is what the breaker places: a run of spaces, a word of narrow
// characters, or one wide character with the punctuation glued to it. A
// word may change style mid-way (**粗**体), so it holds spans.
type unit struct {
	parts    []span
	width    int
	space    bool
	wideTail bool // ends with a wide character: a narrow word after it starts a new unit
}

// add appends one grapheme to u, to its last span when the style is the same.
func (u *unit) add(g string, gw int, st *lipgloss.Style) {
	u.parts = appendText(u.parts, g, st)
	u.width += gw
	u.wideTail = gw >= 2
}

func appendText(parts []span, g string, st *lipgloss.Style) []span {
	if n := len(parts); n > 0 && parts[n-1].st == st {
		parts[n-1].text += g
		return parts
	}
	return append(parts, span{g, st})
}

// noStart may not begin a line (行首禁则); noEnd may not end one.
const (
	noStart = "，。、；：！？）」』】》〉”’…—,.;:!?)]}%"
	noEnd   = "（「『【《〈“‘([{"
)

// units splits one line of safe text (no newline, no tab) into units.
func units(spans []span) []unit {
	var us []unit
	glue := false // the previous unit ended with an opening bracket
	for _, sp := range spans {
		for s := sp.text; s != ""; {
			g, gw := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
			s = s[len(g):]
			last := len(us) - 1
			switch {
			case g == " ":
				if last < 0 || !us[last].space {
					us = append(us, unit{space: true})
					last++
				}
				us[last].add(g, gw, sp.st)
				glue = false
				continue
			case last >= 0 && !us[last].space && (glue || strings.Contains(noStart, g) || gw < 2 && !us[last].wideTail):
				// Glued: after an opening bracket, closing punctuation, or a
				// narrow character continuing a narrow word.
				us[last].add(g, gw, sp.st)
			default:
				us = append(us, unit{})
				us[last+1].add(g, gw, sp.st)
			}
			glue = strings.Contains(noEnd, g)
		}
	}
	return us
}

// wrapLine breaks one line of safe text into lines of at most width cells,
// the first starting with first and the rest with rest (hanging indents).
// It never returns a line wider than width: a character wider than the room
// left by the prefix is shown as "…".
func wrapLine(s string, width int, first, rest string) []string {
	return wrapSpans([]span{{s, nil}}, width, first, rest)
}

// wrapSpans is wrapLine for styled text.
func wrapSpans(spans []span, width int, first, rest string) []string {
	fw, rw := ansi.StringWidth(first), ansi.StringWidth(rest)
	if fw >= width {
		first, fw = "", 0
	}
	if rw >= width {
		rest, rw = "", 0
	}
	total := 0
	for _, sp := range spans {
		total += ansi.StringWidth(sp.text)
	}
	if fw+total <= width {
		return []string{lineOf(first, spans)}
	}
	var (
		out    []string
		cur    []span
		cw     int
		prefix = first
		room   = width - fw
	)
	flush := func() {
		out = append(out, lineOf(prefix, cur))
		cur = nil
		cw, prefix, room = 0, rest, width-rw
	}
	for _, u := range units(spans) {
		switch {
		case u.space:
			if cw == 0 && len(out) > 0 {
				continue // a break eats the spaces at it
			}
			if cw+u.width > room {
				flush()
				continue
			}
		case cw+u.width <= room:
		case cw > 0 && u.width <= width-rw:
			flush()
		default:
			// Longer than a line: split it, filling this line first.
			for _, p := range u.parts {
				for t := p.text; t != ""; {
					g, gw := ansi.FirstGraphemeCluster(t, ansi.GraphemeWidth)
					t = t[len(g):]
					if gw > width-rw || gw > room && cw == 0 {
						g, gw = "…", 1
					}
					if cw+gw > room {
						flush()
					}
					cur = appendText(cur, g, p.st)
					cw += gw
				}
			}
			continue
		}
		for _, p := range u.parts {
			cur = appendText(cur, p.text, p.st)
		}
		cw += u.width
	}
	if cw > 0 || len(out) == 0 {
		flush()
	}
	return out
}

// lineOf draws one broken line: the prefix, then the spans in their styles,
// without the spaces a break left at the end.
func lineOf(prefix string, parts []span) string {
	for len(parts) > 0 {
		last := parts[len(parts)-1]
		if t := strings.TrimRight(last.text, " "); t != "" {
			parts = append(parts[:len(parts)-1:len(parts)-1], span{t, last.st})
			break
		}
		parts = parts[:len(parts)-1]
	}
	var b strings.Builder
	b.WriteString(prefix)
	for _, p := range parts {
		if p.st != nil {
			b.WriteString(p.st.Render(p.text))
		} else {
			b.WriteString(p.text)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// expandTabs replaces tabs with spaces to the next multiple of four cells,
// since a terminal's tab stops are not the renderer's to know.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for s != "" {
		g, gw := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		s = s[len(g):]
		if g == "\t" {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteString(g)
		col += gw
	}
	return b.String()
}

// Wrap sanitises untrusted text and wraps it to width cells, keeping its
// line breaks. Unlike ansi.Wrap (and common.Wrap) it breaks between Chinese
// characters as well as at spaces, and never returns a line wider than width.
func Wrap(s string, width int) string {
	if width <= 0 {
		return ""
	}
	var out []string
	for _, l := range strings.Split(clean(s), "\n") {
		out = append(out, wrapLine(l, width, "", "")...)
	}
	return strings.Join(out, "\n")
}
