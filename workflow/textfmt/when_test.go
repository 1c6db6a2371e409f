package textfmt

import (
	"testing"
	"time"
)

func TestShortShowsTheYearOutsideThisOne(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local)
	cases := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 2, 15, 4, 0, 0, time.Local), "12-02 15:04"},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local), "01-01 00:00"},
		{time.Date(2025, 12, 2, 15, 4, 0, 0, time.Local), "2025-12-02"},
		{time.Date(2027, 1, 5, 8, 0, 0, 0, time.Local), "2027-01-05"},
		{time.Time{}, "-"},
	}
	for _, c := range cases {
		if got := Short(c.t, now); got != c.want {
			t.Errorf("Short(%v) = %q, want %q", c.t, got, c.want)
		}
		if got := Short(c.t, now); len(got) > ShortWidth {
			t.Errorf("Short(%v) = %q is wider than ShortWidth", c.t, got)
		}
	}
	if got := Long(time.Date(2025, 12, 2, 15, 4, 0, 0, time.Local)); got != "2025-12-02 15:04" {
		t.Errorf("Long = %q", got)
	}
	if Long(time.Time{}) != "-" {
		t.Error("Long of the zero time should be -")
	}
}
