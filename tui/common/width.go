package common

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width is ansi.StringWidth, the cells s takes on a terminal, without its
// walk over grapheme clusters for the text a frame is made of: printable
// ASCII, style escape sequences (SGR), and a table of runes that are one
// cluster each with a known width (Chinese, its punctuation, box drawing,
// arrows, Latin-1). Anything else — a combining mark, an emoji, another
// escape — is measured by ansi.StringWidth. That walk was a quarter of
// what 100 SSH consoles cost (each frame's lines measured to clip them);
// TestWidthIsStringWidth holds the table to it, rune by rune.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b:
			end, ok := csiEnd(s, i)
			if !ok {
				return ansi.StringWidth(s)
			}
			i = end
		case c < 0x80:
			return ansi.StringWidth(s) // a control character
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			w := knownWidth(r)
			if w < 0 {
				return ansi.StringWidth(s)
			}
			n += w
			i += size
		}
	}
	return n
}

// csiEnd is where the style sequence at s[i] (ESC [ digits and ; or :,
// then m: what lipgloss writes) ends; false for any other escape.
func csiEnd(s string, i int) (int, bool) {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0, false
	}
	j := i + 2
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
		j++
	}
	if j >= len(s) || s[j] != 'm' {
		return 0, false
	}
	return j + 1, true
}

// widthRanges are runes that never join a neighbour into one cluster, by
// their width in cells.
var widthRanges = []struct {
	lo, hi rune
	width  int
}{
	{0x00a1, 0x00ac, 1}, {0x00ae, 0x00ff, 1}, // Latin-1 (not the soft hyphen)
	{0x2010, 0x2027, 1}, {0x2030, 0x205e, 1}, // dashes, quotes, •, …, ‰, ›
	{0x2190, 0x21ff, 1},                      // arrows
	{0x2500, 0x25fc, 1}, {0x25ff, 0x25ff, 1}, // box drawing, blocks, ○ ● ▲ (not the emoji ◽ ◾)
	{0x3000, 0x3029, 2}, {0x3030, 0x303e, 2}, // CJK punctuation (not its tone marks)
	{0x4e00, 0x9fff, 2},                      // CJK ideographs
	{0xff01, 0xff60, 2}, {0xffe0, 0xffe6, 2}, // fullwidth forms
}

// knownWidth is r's width from widthRanges, -1 when it is not there.
func knownWidth(r rune) int {
	for _, g := range widthRanges {
		if r < g.lo {
			return -1
		}
		if r <= g.hi {
			return g.width
		}
	}
	return -1
}
