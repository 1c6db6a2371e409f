package tuitest

import (
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"plugpub/tui/common"
)

// ScreenContext is Context for a screen driven on its own: without the
// root there is nothing to poll Changes, so it is left out and the screen
// reloads only when the test says.
func (w *World) ScreenContext(user string) *common.Context {
	w.T.Helper()
	ctx := w.Context(user)
	ctx.Changes = nil
	return ctx
}

// Rows selects each of a screen's n table rows in turn, from the top
// (home, then down), and returns text of each as selected reports it; a
// row not loaded fails the test. The cursor stays on the last row.
func Rows[R any](t testing.TB, s common.Screen, n int, selected func() (R, bool), text func(i int, r R) string) []string {
	t.Helper()
	var out []string
	Drive(t, s, Key("home"))
	for i := 0; i < n; i++ {
		if i > 0 {
			Drive(t, s, Key("down"))
		}
		r, ok := selected()
		if !ok {
			t.Fatalf("row %d is not loaded", i)
		}
		out = append(out, text(i, r))
	}
	return out
}

// FitsWithDialog checks, at each size, that s's view fits, and still fits
// with the dialog key opens over it, which esc then closes.
func FitsWithDialog(t testing.TB, s common.Screen, key string, sizes [][2]int) {
	t.Helper()
	for _, sz := range sizes {
		s.SetSize(sz[0], sz[1])
		CheckFits(t, s.View(), sz[0], sz[1])
		Drive(t, s, Key(key))
		CheckFits(t, s.View(), sz[0], sz[1])
		Drive(t, s, Key("esc"))
	}
}

// Loaded is s after Load at 100×27, a 100×30 terminal less the root's bars.
func Loaded[S common.Screen](t testing.TB, s S) S {
	t.Helper()
	Load(t, s, 100, 27)
	return s
}

// Offered is what s's help line offers now: the descriptions of its
// enabled short-help keys, less those that pressing one of except (as Key
// names them) would match, such as the tab and / of every list.
func Offered(s common.Screen, except ...string) []string {
	var out []string
	for _, b := range s.ShortHelp() {
		if b.Enabled() && !matchesAny(b, except) {
			out = append(out, b.Help().Desc)
		}
	}
	return out
}

func matchesAny(b key.Binding, keys []string) bool {
	for _, k := range keys {
		if key.Matches(Key(k), b) {
			return true
		}
	}
	return false
}
