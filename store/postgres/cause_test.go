package postgres

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestCauseOfAServerGoneMidAnswer: a server that went away in the middle of
// an answer (a restart) leaves the driver saying "unexpected EOF"; a user
// is told the connection was lost, in words (found by
// TestServerRestartLosesNothing: "starting a change of plugin …:
// unexpected EOF").
func TestCauseOfAServerGoneMidAnswer(t *testing.T) {
	for _, err := range []error{io.ErrUnexpectedEOF, io.EOF, fmt.Errorf("read: %w", io.ErrUnexpectedEOF)} {
		if got := cause(err); got != "the connection was lost" {
			t.Errorf("cause(%v) = %q, want the connection was lost", err, got)
		}
		if msg := (&Store{server: "127.0.0.1:5432/plugpub"}).wrap("starting a change of plugin 2021004100000001", err).Error(); strings.Contains(msg, "EOF") {
			t.Errorf("a user is told %q", msg)
		}
	}
}
