package common

import (
	"math/rand/v2"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Every rune of the table has the width ansi.StringWidth gives it, alone,
// after ASCII, styled, and beside the other runes of the table (none of
// them joins a neighbour into one cluster).
func TestWidthIsStringWidth(t *testing.T) {
	var table []rune
	for _, g := range widthRanges {
		for r := g.lo; r <= g.hi; r++ {
			table = append(table, r)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range table {
		other := table[rng.IntN(len(table))]
		for _, s := range []string{string(r), "a" + string(r) + "b", "\x1b[1;38;5;4m" + string(r) + "\x1b[0m",
			string(r) + string(other), string(other) + string(r), string(r) + string(r)} {
			if got, want := Width(s), ansi.StringWidth(s); got != want {
				t.Errorf("Width(%q) = %d, ansi.StringWidth says %d", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "plain", "车牌识别 · 已上架 ✓", "e\u0301", "1\ufe0f\u20e3", "a\x1b]8;;x\x1b\\b", "\x1b[", "\x1b[31", "tab\there",
		"\u00ad", "ア\u3099", "👍🏽", "─┌┐│○●"} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth says %d", s, got, want)
		}
	}
}

// FuzzWidth: on any string, Width is ansi.StringWidth.
func FuzzWidth(f *testing.F) {
	for _, s := range []string{"", "车牌识别插件", "\x1b[7m 1 版本管理 \x1b[0m", "a\u0301", "──┤", "…›•"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth says %d", s, got, want)
		}
	})
}
