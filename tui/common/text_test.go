package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFitMeasuresByDisplayWidth(t *testing.T) {
	cases := []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 4, "abc…"},
		{"车牌识别", 5, "车牌…"},
		{"车牌识别", 8, "车牌识别"},
		{"车牌", 5, "车牌 "},
		{"x", 0, ""},
	}
	for _, c := range cases {
		if got := Fit(c.in, c.w); got != c.want || (c.w > 0 && ansi.StringWidth(got) != c.w) {
			t.Errorf("Fit(%q, %d) = %q (%d cells), want %q", c.in, c.w, got, ansi.StringWidth(got), c.want)
		}
	}
}

func TestCellSanitises(t *testing.T) {
	got := Cell("a\x1b[31mb\u202ec\nd\x07", 10)
	for _, bad := range []string{"\x1b", "\u202e", "\n", "\x07"} {
		if strings.Contains(got, bad) {
			t.Fatalf("Cell let %q through: %q", bad, got)
		}
	}
}

func TestClipAndOverlayStayInTheBox(t *testing.T) {
	block := strings.Repeat("车牌识别插件 plate scanner\n", 10)
	for _, sz := range [][2]int{{10, 3}, {1, 1}, {80, 24}} {
		for _, out := range []string{Clip(block, sz[0], sz[1]), Overlay(block, "╭──╮\n│确认│\n╰──╯", sz[0], sz[1], "窗口太小")} {
			lines := strings.Split(out, "\n")
			if len(lines) > sz[1] {
				t.Errorf("%d lines in %d", len(lines), sz[1])
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > sz[0] {
					t.Errorf("line %q wider than %d", l, sz[0])
				}
			}
		}
	}
}

// The monkey found it: ansi.Truncate counts "1️⃣" (an ASCII digit, U+FE0F,
// U+20E3) as one cell and ansi.StringWidth as two, so a cut line was a cell
// wider than the terminal.
func TestClipAndFitHoldEmojiWithVariationSelectors(t *testing.T) {
	for _, s := range []string{"1️⃣abc", "ab5\ufe0f1.", strings.Repeat("1️⃣", 40), "x\ufe0f" + strings.Repeat("车", 10)} {
		for w := 1; w <= 12; w++ {
			if got := ansi.StringWidth(Clip(s, w, 1)); got > w {
				t.Errorf("Clip(%q, %d) is %d cells wide", s, w, got)
			}
			if got := ansi.StringWidth(Fit(s, w)); got != w {
				t.Errorf("Fit(%q, %d) is %d cells wide", s, w, got)
			}
		}
	}
}
