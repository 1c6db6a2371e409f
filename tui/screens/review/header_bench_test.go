package review

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/cmd/benchsum/figure"
	"plugpub/tui/tuitest"
)

// BenchmarkHeader is the review queue's header as every load and reload
// of the queue refreshes it — ReviewStats on the large database (1,418 in
// review, 100,000 submissions) and the header drawn from it at 120×37 —
// beside one key press (down or up, Update and View) on the same queue,
// loaded from the same database. The header's target is 5 ms; the key
// press keeps its own budget (BenchmarkKeyPress), the header drawn from
// its cache.
func BenchmarkHeader(b *testing.B) {
	ctx := tuitest.LargeContext(b, "reviewer1")
	tuitest.TerminalColours(b)
	m := New(ctx)
	m.SetSize(120, 37)
	for _, msg := range tuitest.Run(m.Init()) {
		m.Update(msg)
	}
	if m.glance == nil || m.glance.InReview < 1000 || m.table.Total() != m.glance.InReview || m.top == 0 {
		b.Fatalf("%s: the queue did not load its header (%+v, %d rows)", ctx.DBPath, m.glance, m.table.Total())
	}
	keys := []tea.KeyMsg{{Type: tea.KeyDown}, {Type: tea.KeyUp}}
	ours, base := figure.Interleave(b, func(int) {
		msg, ok := tuitest.Find[glanceMsg](tuitest.Run(m.loadGlance()))
		if !ok {
			b.Fatal("no figures")
		}
		m.Update(msg)
		if m.header(m.width, m.top) == "" {
			b.Fatal("no header")
		}
	}, func(i int) {
		m.Update(keys[i%2])
		if m.View() == "" {
			b.Fatal("no view")
		}
	})
	figure.Times(b, ours, base)
}
