package common

import (
	"testing"
	"time"

	"plugpub/workflow/textfmt"
)

// The screens' names for the formats must stay the shared ones.
func TestWhenIsTextfmt(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local)
	for _, at := range []time.Time{{}, now, time.Date(2025, 12, 2, 15, 4, 0, 0, time.Local)} {
		if Short(at, now) != textfmt.Short(at, now) || Long(at) != textfmt.Long(at) {
			t.Errorf("common and textfmt format %v differently", at)
		}
	}
	if Long(now) != "2026-03-01 09:00" || Short(now, now) != "03-01 09:00" {
		t.Errorf("Long = %q, Short = %q", Long(now), Short(now, now))
	}
}
