//go:build !race

package tui

import "time"

const (
	monkeyDefaultKeys = 10000
	monkeyPauses      = 25 // per 100,000 steps: about three pauses per screen
	monkeyHang        = 20 * time.Second
	monkeyCmdTimeout  = 10 * time.Second
)
