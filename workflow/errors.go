package workflow

import (
	"errors"
	"strings"
	"time"

	"golang.org/x/text/message"

	"plugpub/workflow/i18n"
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
	Kind Kind
	Msg  string // the message in English, as Error() says it
	// Format and Args are the message as it was made, so that Localize can
	// say it in the reader's language when it is shown (Format is a key of
	// the i18n catalog); empty for an error made with Msg alone.
	Format   string
	Args     []any
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

// Localize renders the error in p's language, the problems of an invalid
// draft each on its own line as Error() puts them.
func (e *Error) Localize(p *message.Printer) string {
	msg := e.Msg
	if e.Format != "" {
		msg = i18n.T(e.Format, e.Args...).Localize(p)
	}
	if msg == "" {
		return e.Kind.String()
	}
	if len(e.Problems) == 0 {
		return msg
	}
	var b strings.Builder
	b.WriteString(msg)
	for _, pr := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(pr.Localize(p))
	}
	return b.String()
}

// newError makes an Error of kind from a catalog format.
func newError(k Kind, format string, a ...any) *Error {
	return &Error{Kind: k, Msg: i18n.T(format, a...).String(), Format: format, Args: a}
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
	e := newError(KindInvalid, "the draft has %d problems", len(problems))
	if len(problems) == 1 {
		e = newError(KindInvalid, "the draft has 1 problem")
	}
	e.Problems = problems
	return e
}

func invalidf(format string, a ...any) error { return newError(KindInvalid, format, a...) }

func forbiddenf(format string, a ...any) error { return newError(KindForbidden, format, a...) }

func illegalf(format string, a ...any) error { return newError(KindIllegal, format, a...) }

func notFoundf(format string, a ...any) error { return newError(KindNotFound, format, a...) }

// Conflict reports that what the user saw is no longer current. The store
// uses it too when a compare-and-set on a row version finds no row.
func Conflict(what any, by string, at time.Time) error {
	e := newError(KindConflict, "%s was changed by %s at %s; reload and try again", word(what), by, at.Format("2006-01-02 15:04:05"))
	if by == "" {
		e = newError(KindConflict, "%s was changed by someone else; reload and try again", word(what))
	}
	e.By, e.At = by, at
	return e
}

// NotFound is for the store: a row that does not exist.
func NotFound(format string, a ...any) error { return notFoundf(format, a...) }

// Illegal is for the store: a write a constraint refused for the state it found.
func Illegal(format string, a ...any) error { return illegalf(format, a...) }

// word is a piece of English that a message takes as an argument (a field's
// label, an action, "plugin 2021…"), rendered in the reader's language with
// the message: a string is looked up in the catalog as it is, and a Text or
// anything else that localises itself is kept.
func word(w any) any {
	if s, ok := w.(string); ok {
		if _, known := i18n.Translation(s); known {
			return i18n.T(s)
		}
		return s
	}
	return w
}

// Invalid is an invalid-input error, for stores that find a duplicate.
func Invalid(format string, a ...any) error { return invalidf(format, a...) }
