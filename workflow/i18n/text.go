package i18n

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/message"
)

// Localizer is anything that can say itself in a printer's language: a
// Text, a workflow error, a verdict's reason.
type Localizer interface {
	Localize(p *message.Printer) string
}

// Text is a message kept as its English format and arguments, so that it
// is rendered in the reader's language when it is shown, not when it is
// made. An argument that is itself a Localizer (a Text, a workflow error) is
// rendered in the same language.
type Text struct {
	Format string
	Args   []any
}

// T makes a Text; the format is a key of the catalog.
func T(format string, args ...any) Text { return Text{Format: format, Args: args} }

// IsZero reports whether t holds no message.
func (t Text) IsZero() bool { return t.Format == "" }

// String is t in English, the source language.
func (t Text) String() string { return t.Localize(nil) }

// Localize renders t with p; nil is English.
func (t Text) Localize(p *message.Printer) string {
	if t.Format == "" {
		return ""
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		switch a := a.(type) {
		case Localizer:
			args[i] = a.Localize(p)
		case error:
			args[i] = a.Error()
		default:
			args[i] = a
		}
	}
	// Errorf's %w is a key's part, and %v to print.
	plain := strings.ReplaceAll(t.Format, "%w", "%v")
	if isEnglish(p) {
		return fmt.Sprintf(plain, args...)
	}
	for i, a := range args {
		if _, ok := a.(string); !ok {
			args[i] = verbatim{a}
		}
	}
	key := t.Format
	if _, ok := Translation(key); !ok {
		key = plain
	}
	return p.Sprintf(key, args...)
}

// verbatim formats its value as fmt does: message.Printer would group the
// digits of a number by the language's custom (submission 1,234), and an id,
// a size in bytes or a version is no amount to be read that way.
type verbatim struct{ v any }

func (w verbatim) Format(f fmt.State, verb rune) {
	var b strings.Builder
	b.WriteByte('%')
	for _, c := range "+-# 0" {
		if f.Flag(int(c)) {
			b.WriteRune(c)
		}
	}
	if wd, ok := f.Width(); ok {
		b.WriteString(strconv.Itoa(wd))
	}
	if pr, ok := f.Precision(); ok {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(pr))
	}
	b.WriteRune(verb)
	fmt.Fprintf(f, b.String(), w.v)
}

// Sprintf is T(format, args...).Localize(p): a one-off message in p's
// language.
func Sprintf(p *message.Printer, format string, args ...any) string {
	return T(format, args...).Localize(p)
}

// Error is an error whose message is a Text: Error() is English (logs,
// tests), Localize the reader's language. It wraps the first error among
// its arguments when the format says %w, as fmt.Errorf does.
type Error struct {
	Text
	wrapped error
}

// Errorf is fmt.Errorf with a localisable message.
func Errorf(format string, args ...any) error {
	e := &Error{Text: T(format, args...)}
	if strings.Contains(format, "%w") {
		for _, a := range args {
			if err, ok := a.(error); ok {
				e.wrapped = err
				break
			}
		}
	}
	return e
}

func (e *Error) Error() string { return e.Text.String() }
func (e *Error) Unwrap() error { return e.wrapped }

// Err renders any error in p's language: one that can localise itself
// does, and one that wraps such an error (fmt.Errorf("…: %w", err)) has
// that part rendered in p's language and the rest kept. Any other error (an
// I/O error from the system, a driver's) keeps its own words.
func Err(p *message.Printer, err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if l, ok := err.(Localizer); ok {
		return l.Localize(p)
	}
	var l Localizer
	if errors.As(err, &l) {
		if inner, ok := l.(error); ok {
			if en := inner.Error(); en != "" && strings.Contains(msg, en) {
				return strings.Replace(msg, en, l.Localize(p), 1)
			}
		}
	}
	return msg
}

// List is messages joined by Sep, each in the reader's language.
type List struct {
	Sep   string
	Items []Text
}

// Localize renders every item with p and joins them.
func (l List) Localize(p *message.Printer) string {
	parts := make([]string, len(l.Items))
	for i, t := range l.Items {
		parts[i] = t.Localize(p)
	}
	return strings.Join(parts, l.Sep)
}

// String is the list in English.
func (l List) String() string { return l.Localize(nil) }
