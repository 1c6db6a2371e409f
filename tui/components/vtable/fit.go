package vtable

import "slices"

// Fit is the columns of all, as indexes in display order, that fit in
// width: while they do not, the next column of giveWay leaves. A fixed
// column needs its Width, a flex one its Min (1 when unset), and one cell
// separates each. Screens whose tables lose columns when narrow (发布管理,
// 使用者管理) say only which go first.
func Fit[C ~int](all []Column, giveWay []C, width int) []C {
	keep := make([]C, len(all))
	for i := range keep {
		keep[i] = C(i)
	}
	need := func() int {
		n := len(keep) - 1
		for _, c := range keep {
			switch col := all[c]; {
			case col.Width > 0:
				n += col.Width
			case col.Min > 0:
				n += col.Min
			default:
				n++
			}
		}
		return n
	}
	for _, drop := range giveWay {
		if need() <= width {
			break
		}
		keep = slices.DeleteFunc(keep, func(c C) bool { return c == drop })
	}
	return keep
}

// Pick is the elements of all at idx, in that order: the columns Fit
// kept, or a row's cells in those columns.
func Pick[E any, C ~int](all []E, idx []C) []E {
	out := make([]E, len(idx))
	for i, c := range idx {
		out[i] = all[c]
	}
	return out
}
