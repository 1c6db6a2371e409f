package review

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// row is the queue's line of submission id, under the header.
func queueRow(t *testing.T, m *Model, id int64) string {
	t.Helper()
	for _, l := range lines(m.View())[m.top:] {
		if strings.HasPrefix(l, fmt.Sprint(id)+" ") {
			return l
		}
	}
	t.Fatalf("no row #%d:\n%s", id, m.View())
	return ""
}

// TestClaimsInTheQueue: rev1 claims a row (c) and sees 我 on it, rev2
// sees rev1 and is asked before taking it over; the holder lets it go
// (u); a claim that lapses is shown as nobody's, even on a screen loaded
// before it lapsed.
func TestClaimsInTheQueue(t *testing.T) {
	w, ctx := queueOf3(t)
	m := openQueue(t, ctx)
	tuitest.Press(t, m, "c")
	if r := queueRow(t, m, 1); !strings.HasSuffix(r, " 我 审核中") {
		t.Fatalf("rev1's claim on #1 should show as 我: %q", r)
	}
	if !m.keys.Unclaim.Enabled() || !strings.Contains(m.View(), "未认领 2") {
		t.Fatalf("the holder may 取消认领, and the header counts 2 unclaimed:\n%s", m.View())
	}

	m2 := openQueue(t, reviewer(t, w, "rev2"))
	if r := queueRow(t, m2, 1); !strings.HasSuffix(r, " rev1 审核中") {
		t.Fatalf("rev2 should see rev1's claim: %q", r)
	}
	if m2.keys.Unclaim.Enabled() {
		t.Fatal("only the holder may 取消认领")
	}
	tuitest.PressAsks(t, m2, "c", "rev1 claimed it")
	tuitest.Press(t, m2, "n")
	if got, _ := w.Svc.Submission(w.Ctx, "rev2", 1); got.ClaimedBy != "rev1" {
		t.Fatalf("n should keep rev1's claim, got %q", got.ClaimedBy)
	}

	tuitest.Press(t, m, "u")
	if r := queueRow(t, m, 1); !strings.HasSuffix(r, " - 审核中") {
		t.Fatalf("after 取消认领 #1 is nobody's: %q", r)
	}

	// A claim lapses after two hours without action.
	tuitest.Press(t, m, "c")
	w.Advance(workflow.ClaimLapse + time.Minute)
	if r := queueRow(t, m, 1); !strings.HasSuffix(r, " - 审核中") {
		t.Fatalf("a lapsed claim must not show as live, even before a reload: %q", r)
	}
	m3 := openQueue(t, reviewer(t, w, "rev2"))
	if r := queueRow(t, m3, 1); !strings.HasSuffix(r, " - 审核中") || !m3.keys.Claim.Enabled() {
		t.Fatalf("a lapsed claim is nobody's: %q", r)
	}
}

// TestQueueScopes: f goes round every row → mine → unclaimed → overdue,
// the header saying which.
func TestQueueScopes(t *testing.T) {
	w, ctx := queueOf3(t)
	m := openQueue(t, ctx)
	tuitest.Press(t, m, "c")
	for _, tc := range []struct {
		label string
		rows  int
	}{{"我认领的", 1}, {"未认领", 2}, {"已超时", 0}, {"", 3}} {
		tuitest.Press(t, m, "f")
		view := m.View()
		if m.table.Total() != tc.rows {
			t.Errorf("scope %q: %d rows, want %d:\n%s", tc.label, m.table.Total(), tc.rows, view)
		}
		if tc.label != "" && !strings.Contains(lines(view)[0], "showing "+tc.label) {
			t.Errorf("the header should say %q:\n%s", tc.label, view)
		}
		if tc.rows == 0 && strings.Contains(view, "Nothing to review") {
			t.Errorf("an empty scope is not an empty queue:\n%s", view)
		}
	}
	w.Advance(48 * time.Hour)
	tuitest.Press(t, m, "f", "f", "f")
	if m.table.Total() != 3 {
		t.Errorf("two days later all three are overdue, got %d", m.table.Total())
	}
}

// TestDecidingOnAnotherReviewersClaimAsksFirst: rev2 on rev1's claim is
// asked before 审核通过 and before the 驳回 prompt; a claim never blocks.
func TestDecidingOnAnotherReviewersClaimAsksFirst(t *testing.T) {
	w, _ := queueOf3(t)
	w.Must(w.Svc.Claim(w.Ctx, "rev1", 1, workflow.AnyRev))
	w.Must(w.Svc.Claim(w.Ctx, "rev1", 2, workflow.AnyRev))
	d := openDetail(t, reviewer(t, w, "rev2"), 1)
	if !strings.Contains(d.View(), "认领") || !strings.Contains(d.View(), "rev1") {
		t.Fatalf("the page should say who holds it:\n%s", d.View())
	}
	tuitest.PressAsks(t, d, "x", "claimed (认领) by rev1")
	tuitest.Press(t, d, "y")
	if !d.Capturing() || !strings.Contains(d.View(), "the reason the developer will read") {
		t.Fatalf("yes should open the 驳回 prompt:\n%s", d.View())
	}
	got := decided(t, w, 1, tuitest.Press(t, d, "不行", "ctrl+s"))
	if got.State != workflow.SubmissionRejected || got.Reviewer != "rev2" {
		t.Fatalf("state %s by %s", got.State, got.Reviewer)
	}
	d = openDetail(t, reviewer(t, w, "rev2"), 2)
	tuitest.PressAsks(t, d, "a", "claimed (认领) by rev1")
}
