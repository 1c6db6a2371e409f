package textfmt

import (
	"fmt"
	"time"
)

// Duration is d to the minute, as a review's wait is read: "45m",
// "15h51m", "2d03h" (days of 24 hours past two days).
func Duration(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	m := int64(d / time.Minute)
	h, m := m/60, m%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case h < 48:
		return fmt.Sprintf("%dh%02dm", h, m)
	}
	return fmt.Sprintf("%dd%02dh", h/24, h%24)
}
