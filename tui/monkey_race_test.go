//go:build race

package tui

import "time"

// Under the race detector a key costs ten to twenty times as much (the
// wizard's huh form most): 300 keys a screen keep `make test` within its
// budget. Without -race each screen gets the full 10,000 (see
// monkey_norace_test.go), and -short a tenth.
const (
	monkeyDefaultKeys = 300
	monkeyPauses      = 250 // per 100,000 steps: about one pause per screen
	monkeyHang        = 60 * time.Second
	monkeyCmdTimeout  = 20 * time.Second
)
