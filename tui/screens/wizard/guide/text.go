package guide

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// Measuring display width walks grapheme clusters and is most of what a
// redraw costs. Names, types, paths and counts are nearly always plain
// ASCII, whose width is its length, so these skip the walk for them and
// fall back to common's helpers for everything else.

// plain reports whether s is printable ASCII only.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// fit is common.Fit: safe text cut with … or padded to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if !plain(s) {
		return common.Fit(s, w)
	}
	if len(s) > w {
		return s[:w-1] + "…"
	}
	return s + strings.Repeat(" ", w-len(s))
}

// cell is common.Cell: untrusted text sanitised onto one line, then fit.
func cell(s string, w int) string { return fit(workflow.SanitizeLine(s), w) }

// clip is common.Clip, measuring only lines that might be too wide: no
// character is wider in cells than it is long in bytes.
func clip(block string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(block, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if len(l) > w && ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
