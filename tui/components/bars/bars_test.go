package bars

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

func TestRenderScalesToTheLargestValue(t *testing.T) {
	c := Chart{Values: []int{0, 1, 4, 8}}
	got := c.Render(100, 2)
	want := "         ██\n·· ▂▂ ██ ██"
	if got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestRenderNarrowsThenDrops(t *testing.T) {
	c := Chart{Values: make([]int, 14)}
	for i := range c.Values {
		c.Values[i] = i
	}
	for _, tc := range []struct{ w, want int }{
		{100, 41}, {41, 41}, {40, 27}, {27, 27}, {26, 14}, {14, 14}, {13, 0}, {0, 0},
	} {
		if got := c.Width(tc.w); got != tc.want {
			t.Errorf("Width(%d) = %d, want %d", tc.w, got, tc.want)
		}
		out := c.Render(tc.w, 3)
		if tc.want == 0 {
			if out != "" {
				t.Errorf("at %d columns the chart should be dropped, got %q", tc.w, out)
			}
			continue
		}
		ls := strings.Split(out, "\n")
		if len(ls) != 3 {
			t.Fatalf("at %d: %d lines, want 3", tc.w, len(ls))
		}
		for _, l := range ls {
			if lipgloss.Width(l) != tc.want {
				t.Errorf("at %d: line %q is %d wide, want %d", tc.w, l, lipgloss.Width(l), tc.want)
			}
		}
	}
}

func TestRenderSmallValuesStillShow(t *testing.T) {
	c := Chart{Values: []int{1, 10000, -5}}
	ls := strings.Split(c.Render(3, 1), "\n")
	if ls[0] != "▁█·" {
		t.Fatalf("a value far below the top should show an eighth, a negative one as zero: %q", ls[0])
	}
	if (Chart{}).Render(80, 3) != "" || c.Render(80, 0) != "" {
		t.Fatal("no values or no lines should draw nothing")
	}
}

func FuzzRenderFits(f *testing.F) {
	f.Add(14, 40, 3, 7)
	f.Fuzz(func(t *testing.T, n, w, h, seed int) {
		n, w, h = n%64, w%300, h%20
		if n < 0 || w < 0 || h < 0 {
			return
		}
		c := Chart{Values: make([]int, n)}
		for i := range c.Values {
			c.Values[i] = (seed * (i + 1)) % 1000
		}
		out := c.Render(w, h)
		if out == "" {
			return
		}
		ls := strings.Split(out, "\n")
		if len(ls) != h {
			t.Fatalf("%d lines, want %d", len(ls), h)
		}
		for _, l := range ls {
			if lipgloss.Width(l) > w {
				t.Fatalf("line %q wider than %d", l, w)
			}
		}
	})
}
