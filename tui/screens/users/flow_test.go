package users_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"plugpub/tui"
	"plugpub/tui/screens/users"
	"plugpub/tui/tuitest"
)

// These tests run the screen under the real root, which imports this
// package; so they live outside it.

// 使用者管理 of a plugin with a pending, an approved and a refused order,
// the refused one selected, as a 100×30 terminal shows it.
func TestGolden(t *testing.T) {
	w := users.Setup(t)
	ctx := w.Context("dev1")
	term := tuitest.NewTerm(t, tui.New(ctx, users.New(ctx, "2021004100000001")))
	term.WaitFor("企业车队管理")
	term.Press("down", "down")
	term.WaitFor("处理人 dev1")
	golden.RequireEqual(t, term.FinalView())
}
