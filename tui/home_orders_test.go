package tui_test

import (
	"strings"
	"testing"

	"plugpub/tui"
	"plugpub/tui/tuitest"
)

// TestConsumerHomeHasMyOrders: 我的订购 is a home tab for consumers only.
func TestConsumerHomeHasMyOrders(t *testing.T) {
	w := tuitest.NewWorld(t)
	for _, c := range []struct {
		user string
		want bool
	}{{"buyer1", true}, {"ent1", true}, {"dev1", false}, {"rev1", false}} {
		h := tui.Home(w.Context(c.user))
		tuitest.Load(t, h, 100, 20)
		if got := strings.Contains(h.View(), "我的订购"); got != c.want {
			t.Errorf("%s's home has 我的订购: %v, want %v:\n%s", c.user, got, c.want, h.View())
		}
	}
}
