package review

import (
	"strings"
	"testing"
	"time"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// TestHeaderFitsEverySize: the header's counts, median and chart at every
// size down to a tiny window: the chart goes first as the window
// narrows, then the header shrinks to one line of counts, then to
// nothing; the table keeps its rows and nothing draws past the box.
func TestHeaderFitsEverySize(t *testing.T) {
	w, ctx := queueOf3(t)
	w.Must(w.Svc.Reject(w.Ctx, "rev1", 3, "不行", workflow.AnyRev))
	w.Advance(3 * time.Hour)
	m := openQueue(t, ctx)
	for _, tc := range []struct {
		w, h         int
		lines        int
		chart, count bool
	}{
		{120, 37, 4, true, true}, {100, 27, 4, true, true}, {80, 21, 4, true, true},
		{60, 21, 4, false, true}, {100, 12, 1, false, true}, {30, 10, 1, false, true},
		{15, 20, 0, false, false}, {100, 7, 0, false, false}, {4, 3, 0, false, false}, {1, 1, 0, false, false},
	} {
		m.SetSize(tc.w, tc.h)
		view := m.View()
		tuitest.CheckFits(t, view, tc.w, tc.h)
		if m.top != tc.lines {
			t.Errorf("%d×%d: a header of %d lines, want %d", tc.w, tc.h, m.top, tc.lines)
		}
		head := strings.Join(strings.Split(view, "\n")[:m.top], "\n")
		if got := strings.Contains(head, "█"); got != tc.chart {
			t.Errorf("%d×%d: chart %v, want %v:\n%s", tc.w, tc.h, got, tc.chart, view)
		}
		if got := strings.Contains(head, "审核中 2"); got != tc.count {
			t.Errorf("%d×%d: counts %v, want %v:\n%s", tc.w, tc.h, got, tc.count, view)
		}
	}
	m.SetSize(100, 27)
	tuitest.ContainsAll(t, "the header", m.View(),
		"审核中 2 · 已超时 0 · 未认领 2",
		"median to a decision 0分 (promised: 一个工作日)",
		"decisions per day, last 14 days: most 1, today 1",
	)
}

func TestSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0分", 45 * time.Minute: "45分", 3*time.Hour + 12*time.Minute: "3小时12分", 5 * time.Hour: "5小时",
		26 * time.Hour: "1天2小时", 48 * time.Hour: "2天", 90 * time.Second: "2分",
	} {
		if got := span(d); got != want {
			t.Errorf("span(%v) = %q, want %q", d, got, want)
		}
	}
}
