package textfmt

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                             "0m",
		45*time.Minute + time.Second:  "45m",
		15*time.Hour + 51*time.Minute: "15h51m",
		47*time.Hour + 59*time.Minute: "47h59m",
		51 * time.Hour:                "2d03h",
		-90 * time.Minute:             "1h30m",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}
