//go:build race

package main

// raceEnabled builds the binary under test the way this test binary was
// built, so go build reuses the compiled packages instead of compiling
// modernc.org/sqlite a second time.
const raceEnabled = true
