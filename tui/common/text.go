package common

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/workflow"
)

// Cell makes untrusted text fit a table cell of width w: sanitised, on one
// line, cut with … by display width (Chinese is two cells wide), padded.
func Cell(s string, w int) string {
	return Fit(workflow.SanitizeLine(s), w)
}

// plain reports whether s is printable ASCII only: its width is then its
// length, and measuring it (a walk over grapheme clusters, most of what a
// redraw costs) can be skipped.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// Fit truncates or pads already-safe text to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if plain(s) {
		if len(s) > w {
			return s[:w-1] + "…"
		}
		return s + strings.Repeat(" ", w-len(s))
	}
	sw := Width(s)
	if sw > w {
		s, sw = truncate(s, w, "…")
	}
	if pad := w - sw; pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// truncate is ansi.Truncate held to ansi.StringWidth, and that width.
// Truncate counts an ASCII character that starts a cluster, as in "1️⃣" or
// "5\ufe0f", as one cell where StringWidth (and a terminal drawing an emoji)
// counts two, so what it returns can be too wide: cut shorter until it fits.
func truncate(s string, w int, tail string) (string, int) {
	t := ansi.Truncate(s, w, tail)
	for n := w; ; {
		tw := ansi.StringWidth(t)
		if tw <= w {
			return t, tw
		}
		if n -= tw - w; n <= 0 {
			return "", 0
		}
		t = ansi.Truncate(s, n, tail)
	}
}

// Clip cuts a rendered block to w×h cells so a screen can never draw past
// its box, whatever it was handed.
func Clip(block string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(block, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		// No character is wider in cells than it is long in bytes, so a
		// short line needs no measuring.
		if len(l) > w && Width(l) > w {
			lines[i], _ = truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// Wrap sanitises multi-line untrusted text and wraps it to w cells.
func Wrap(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Wrap(workflow.Sanitize(s), w, "")
}

// TooSmall starts the one line that stands for a dialog the window cannot
// hold whole (a key of the catalog: say it with Context.T); a dialog's
// TooSmall line is it and how to dismiss the dialog.
const TooSmall = "window too small for this dialog"

// Box is a rendered dialog box if it is at most w cells wide, else small,
// the one line saying the window is too small and how to dismiss the
// dialog (such as "esc：取消"), fitted to w. A box cut at the edge would
// lose its border and its input line, and its answer keys with them.
func Box(box string, w int, small string) string {
	if lipgloss.Width(box) <= w {
		return box
	}
	return Fit(small, w)
}

// Overlay draws box over the middle of base, a w×h block: the lines the
// box covers are replaced whole (a modal band), the rest of base shows
// around it, so the user keeps their place while answering. A box that
// does not fit whole becomes small, the one line of Box.
func Overlay(base, box string, w, h int, small string) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(Clip(base, w, h), "\n")
	for len(lines) < h {
		lines = append(lines, "")
	}
	if lipgloss.Width(box) > w || lipgloss.Height(box) > h {
		box = Fit(small, w)
	}
	boxLines := strings.Split(Clip(box, w, h), "\n")
	start := max(0, (h-len(boxLines))/2)
	left := strings.Repeat(" ", max(0, (w-ansi.StringWidth(boxLines[0]))/2))
	for i, l := range boxLines {
		lines[start+i] = left + l
	}
	return strings.Join(lines, "\n")
}
