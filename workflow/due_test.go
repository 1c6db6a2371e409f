package workflow

import (
	"testing"
	"time"
)

func TestDueAtSkipsWeekends(t *testing.T) {
	cst := ReviewZone
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, cst) } // 2026-11-23 is a Monday
	cases := []struct {
		name      string
		submitted time.Time
		due       time.Time
	}{
		{"monday morning", at(23, 10), at(24, 10)},
		{"thursday evening", at(26, 22), at(27, 22)},
		{"friday morning waits over the weekend", at(27, 10), at(30, 10)},
		{"saturday starts on monday", at(28, 15), at(31, 0)},
		{"sunday starts on monday", at(29, 23), at(31, 0)},
		{"utc friday 20:00 is saturday in china", time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC), at(31, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DueAt(c.submitted); !got.Equal(c.due) {
				t.Errorf("DueAt(%s) = %s, want %s", c.submitted, got, c.due)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	s := Submission{State: SubmissionInReview, DueAt: time.Date(2026, 11, 24, 10, 0, 0, 0, ReviewZone)}
	if s.Overdue(s.DueAt) {
		t.Error("due exactly now is not yet overdue")
	}
	if !s.Overdue(s.DueAt.Add(time.Second)) {
		t.Error("a second past due is overdue")
	}
	s.State = SubmissionApproved
	if s.Overdue(s.DueAt.Add(time.Hour)) {
		t.Error("a reviewed submission is never overdue")
	}
}
