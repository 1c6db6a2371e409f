package vtable

import (
	"slices"
	"testing"
)

// Columns leave in giveWay's order until the rest fit: a fixed column
// needs its Width, a flex one its Min, one cell between each.
func TestFit(t *testing.T) {
	all := []Column{{Title: "ID", Width: 4}, {Title: "名称", Flex: 1, Min: 10}, {Title: "时间", Width: 11}, {Title: "原因", Flex: 2, Min: 8}}
	giveWay := []int{3, 2}
	for _, c := range []struct {
		width int
		want  []int
	}{
		{36, []int{0, 1, 2, 3}}, // 4+10+11+8 + 3
		{35, []int{0, 1, 2}},
		{27, []int{0, 1, 2}},
		{26, []int{0, 1}},
		{3, []int{0, 1}}, // nothing more gives way
	} {
		if got := Fit(all, giveWay, c.width); !slices.Equal(got, c.want) {
			t.Errorf("width %d: %v, want %v", c.width, got, c.want)
		}
	}
	if got := Pick(all, []int{2, 0}); got[0].Title != "时间" || got[1].Title != "ID" {
		t.Errorf("Pick: %v", got)
	}
}
