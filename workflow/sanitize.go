package workflow

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Sanitize makes untrusted text safe to draw in a terminal while keeping its
// line structure: escape sequences are removed, then every remaining control
// character except newline and tab, then the bidi controls that make text
// display in a different order than it reads (the "Trojan Source" trick).
// Invalid UTF-8 becomes U+FFFD and U+2028/U+2029 become newlines, because
// terminals disagree on how wide they are. Sanitize(Sanitize(s)) == Sanitize(s).
func Sanitize(s string) string {
	return sanitize(s, false)
}

// SanitizeLine is Sanitize for a single-line place such as a table cell:
// each run of line breaks and tabs becomes one space.
func SanitizeLine(s string) string {
	return sanitize(s, true)
}

func sanitize(s string, oneLine bool) string {
	if isSafeText(s, oneLine) {
		return s // the common case: no allocation
	}
	// Invalid bytes are replaced first so the escape parser, which works on
	// bytes, never sees a stray 0x9b and mistakes it for an 8-bit CSI.
	s = ansi.Strip(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	// In one-line mode a run of blanks that contains a line break or tab is
	// held back and written as one space; plain runs of spaces stay as typed.
	spaces, broken := 0, false
	for _, r := range s {
		switch {
		case r == '\u2028' || r == '\u2029':
			r = '\n'
		case r == '\r' && oneLine:
			r = '\n'
		}
		if !keepRune(r) {
			continue
		}
		if oneLine {
			switch r {
			case ' ':
				spaces++
				continue
			case '\n', '\t':
				broken = true
				continue
			}
			writeBlanks(&b, spaces, broken)
			spaces, broken = 0, false
		}
		b.WriteRune(r)
	}
	writeBlanks(&b, spaces, broken)
	return b.String()
}

func writeBlanks(b *strings.Builder, spaces int, broken bool) {
	if broken {
		spaces = 1
	}
	for range spaces {
		b.WriteByte(' ')
	}
}

// isSafeText reports whether sanitize would return s unchanged.
func isSafeText(s string, oneLine bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && !(c == '\n' || c == '\t') || c == 0x7f || oneLine && (c == '\n' || c == '\t') {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' || !keepRune(r) {
			return false
		}
		i += size
	}
	return true
}

// keepRune drops C0 controls other than newline and tab, DEL, C1 controls,
// and the bidi formatting characters.
func keepRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return false
	case r >= '\u202a' && r <= '\u202e', // LRE RLE PDF LRO RLO
		r >= '\u2066' && r <= '\u2069',              // LRI RLI FSI PDI
		r == '\u200e', r == '\u200f', r == '\u061c': // LRM RLM ALM
		return false
	}
	return true
}
