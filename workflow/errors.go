package workflow

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind tells a caller what went wrong without parsing a message; the CLI maps
// each kind to an exit code and the TUI to a status-bar line.
type Kind int

const (
	KindInvalid   Kind = iota + 1 // the input breaks a validation rule
	KindForbidden                 // the acting user may not do this
	KindConflict                  // someone else changed it first
	KindIllegal                   // not allowed in the current state
	KindNotFound                  // no such user, plugin, version or submission
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindForbidden:
		return "forbidden"
	case KindConflict:
		return "conflict"
	case KindIllegal:
		return "illegal"
	case KindNotFound:
		return "not_found"
	}
	return "error"
}

// Error is the one error type the service returns for a refused action.
// errors.Is(err, ErrConflict) and friends match on Kind alone.
type Error struct {
	Kind     Kind
	Msg      string
	Problems []Problem // KindInvalid: every problem found
	By       string    // KindConflict: who changed it
	At       time.Time // KindConflict: when
}

func (e *Error) Error() string {
	if e.Msg == "" {
		return e.Kind.String()
	}
	if len(e.Problems) == 0 {
		return e.Msg
	}
	var b strings.Builder
	b.WriteString(e.Msg)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Is makes the sentinels below match any Error of the same kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Msg == "" && t.Kind == e.Kind
}

var (
	ErrInvalid   = &Error{Kind: KindInvalid}
	ErrForbidden = &Error{Kind: KindForbidden}
	ErrConflict  = &Error{Kind: KindConflict}
	ErrIllegal   = &Error{Kind: KindIllegal}
	ErrNotFound  = &Error{Kind: KindNotFound}
)

// KindOf returns the kind of a workflow error, or 0 for anything else
// (I/O, a broken database): those are the caller's to report as they are.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func invalid(problems []Problem) error {
	msg := "the draft has 1 problem"
	if len(problems) != 1 {
		msg = fmt.Sprintf("the draft has %d problems", len(problems))
	}
	return &Error{Kind: KindInvalid, Msg: msg, Problems: problems}
}

func invalidf(format string, a ...any) error {
	return &Error{Kind: KindInvalid, Msg: fmt.Sprintf(format, a...)}
}

func forbiddenf(format string, a ...any) error {
	return &Error{Kind: KindForbidden, Msg: fmt.Sprintf(format, a...)}
}

func illegalf(format string, a ...any) error {
	return &Error{Kind: KindIllegal, Msg: fmt.Sprintf(format, a...)}
}

func notFoundf(format string, a ...any) error {
	return &Error{Kind: KindNotFound, Msg: fmt.Sprintf(format, a...)}
}

// Conflict reports that what the user saw is no longer current. The store
// uses it too when a compare-and-set on a row version finds no row.
func Conflict(what, by string, at time.Time) error {
	msg := fmt.Sprintf("%s was changed by %s at %s; reload and try again", what, by, at.Format("2006-01-02 15:04:05"))
	if by == "" {
		msg = fmt.Sprintf("%s was changed by someone else; reload and try again", what)
	}
	return &Error{Kind: KindConflict, Msg: msg, By: by, At: at}
}

// NotFound is for the store: a row that does not exist.
func NotFound(format string, a ...any) error { return notFoundf(format, a...) }

// Illegal is for the store: a write a constraint refused for the state it found.
func Illegal(format string, a ...any) error { return illegalf(format, a...) }
