package market_test

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"plugpub/tui"
	"plugpub/tui/screens/market"
)

// TestBuyerOrdersFromTheMarket drives the real root as buyer1 at 100×30:
// search the market for 车牌, open the result, order it for a mini
// program added on the way (buyer1 has none), and see the app.json entry.
func TestBuyerOrdersFromTheMarket(t *testing.T) {
	e := twoListed(t)
	ctx := e.context("buyer1")
	tm := teatest.NewTestModel(t, tui.New(ctx, market.New(ctx)), teatest.WithInitialTermSize(100, 30))
	waitFor := func(what string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	// teatest's Type sends bytes, which splits a Chinese character; a
	// terminal sends one key message per character.
	typeText := func(s string) {
		for _, r := range s {
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	enter := tea.KeyMsg{Type: tea.KeyEnter}

	typeText("/车牌")
	tm.Send(enter)
	waitFor("第 1 / 1 条")
	tm.Send(enter)
	// The help offers 订购 once the page and the buyer's orders are loaded.
	waitFor("o 订购")
	typeText("o")
	waitFor("添加小程序")
	typeText("2088000000000001")
	tm.Send(enter)
	typeText("停车小助手")
	tm.Send(enter)
	waitFor("订购「" + plate + "」？")
	typeText("y")
	waitFor("provider")

	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	golden.RequireEqual(t, []byte(final.View()))
}
