// Package termbg tells Lip Gloss whether the terminal's background is dark
// before anything can ask the terminal, so that no command of plugpub ever
// waits on it.
//
// bubbletea v1.3.10 has, in tea_init.go,
//
//	func init() { _ = lipgloss.HasDarkBackground() }
//
// which, through termenv, writes an OSC 11 query and a cursor position
// request to a terminal stdout and waits up to termenv.OSCTimeout (5 s) for
// the answers. A terminal that never answers (some emulators, serial
// consoles, a pty driven by a program) delays every plugpub command by 5 s,
// even plugpub --help. Once a background is set explicitly, HasDarkBackground
// returns it without asking; plugpub's theme uses the 16 ANSI colours only,
// so it never needs the real answer.
//
// That only helps if this package's init runs before bubbletea's. Go
// initialises packages in one fixed order (the spec, since Go 1.21): of the
// packages whose imports are all initialised, the first by import path goes
// next. This package imports nothing bubbletea does not, so it is ready no
// later than bubbletea; and its import path, early.invalid/termbg, sorts
// before github.com/charmbracelet/bubbletea, so it goes first. A package in
// module plugpub could not: "plugpub/…" sorts after "github.com/…". Hence
// this tiny module of its own, which go.mod replaces with this directory
// (.invalid is a top-level domain reserved never to exist, so the path can
// never be fetched by mistake). TestStartupInitOrder in cmd/plugpub fails if
// the order ever changes, and TestStartupNeverWaitsOnTheTerminal runs the
// real binary on a terminal that never answers.
package termbg

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

func init() {
	lipgloss.SetHasDarkBackground(Dark(os.Getenv("COLORFGBG")))
}

// Dark decides from COLORFGBG ("15;0", "15;default;0": foreground, then
// background as an ANSI colour number), which several terminals set, whether
// the background is dark, as termenv does when the terminal does not answer:
// colours 0–6 are dark. Without it, dark, termenv's own default.
func Dark(colorFGBG string) bool {
	i := strings.LastIndexByte(colorFGBG, ';')
	if i < 0 {
		return true
	}
	bg, err := strconv.Atoi(colorFGBG[i+1:])
	if err != nil {
		return true
	}
	return bg >= 0 && bg <= 6
}
