package workflow

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/message"

	"plugpub/workflow/i18n"
)

// Limits on a draft. The small ones come from the platform's form; the large
// ones exist so that hostile or runaway input is refused with a message
// instead of filling the database and the screen.
const (
	MinTitleRunes = 2  // 服务标题, after trimming spaces
	MaxTitleRunes = 20 // 服务标题, after trimming spaces
	MaxIntroRunes = 50 // 简单介绍, shown in lists and search results

	MaxLineRunes = 200    // any other single-line field: names, types, paths, defaults, URL, contact
	MaxTextRunes = 20_000 // any long text: descriptions, 接入玩法, 案例介绍, instructions

	MaxEntries    = 500 // components, pages and APIs, each
	MaxSubEntries = 200 // props, events, params, inputs and outputs, per entry

	// MaxProblems caps the list Problems returns; the rest are counted in a
	// last problem, so a hostile draft cannot flood the review screen.
	MaxProblems = 200
)

// Problem is one reason a draft cannot be submitted.
type Problem struct {
	// Path locates the field in the draft's JSON form, such as
	// "guide.components[2].props[0].type"; "" means the draft as a whole.
	Path    string `json:"path"`
	Message string `json:"message"` // in English, as JSON and logs have it
	// Text is the message as it was made, for Localize; zero for a
	// Problem made with Message alone.
	Text i18n.Text `json:"-"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Say is the message in p's language (the path stays as it is: it names
// a JSON field).
func (p Problem) Say(pr *message.Printer) string {
	if p.Text.IsZero() {
		return p.Message
	}
	return p.Text.Localize(pr)
}

// Localize is String in p's language.
func (p Problem) Localize(pr *message.Printer) string {
	if p.Path == "" {
		return p.Say(pr)
	}
	return p.Path + ": " + p.Say(pr)
}

// Problems returns every problem of the draft at once, in the order the
// fields appear in the draft, or nil when it may be submitted. The rules
// are the draft table's (drafttable.go).
func (d Draft) Problems() []Problem {
	var v validator
	draftTable.problems(&v, &d, &place{})
	if !d.fitsWithoutMarshal() {
		if _, err := MarshalDraft(d); err != nil {
			v.add("", i18n.Text{}, err)
		}
	}
	return v.result()
}

// fieldLimit is the character limit of one field of the draft. Max is
// what the form allows and what every message tells the user; Hard is
// how much a saved draft may hold at all (at least Max), so an incomplete
// draft with a title a little too long can still be autosaved while a
// pasted 100,000-character one is refused, both saying "at most Max".
type fieldLimit struct {
	path  string // the field's path with [] for every index, as FieldLimit takes it
	label string // what messages call the field
	max   int
	hard  int
}

// limitOf is the limit of a field by its table path; every path asked for
// is in the table (TestEveryFieldHasALimit).
func limitOf(path string) fieldLimit {
	f, ok := fieldLimits[path]
	if !ok {
		panic("workflow: no character limit for " + path)
	}
	return f
}

// FieldLimit returns the most characters the form allows in the draft
// field at path, in the form Problem.Path uses ("info.title",
// "guide.components[2].props[0].default"; indices may also be written []).
// It is the number every message about the field states. ok is false for
// a path that is not a text field of the draft.
func FieldLimit(path string) (max int, ok bool) {
	f, ok := fieldLimits[indexless(path)]
	return f.max, ok
}

// indexless replaces every [n] of a path with [].
func indexless(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		b.WriteByte(c)
		if c != '[' {
			continue
		}
		j := i + 1
		for j < len(path) && '0' <= path[j] && path[j] <= '9' {
			j++
		}
		if j < len(path) && path[j] == ']' {
			i = j - 1
		}
	}
	return b.String()
}

// OverLimits returns only the problems that make a draft too big to keep at
// all: each field's hard limit (see fieldLimit), MaxEntries, MaxSubEntries
// and MaxDraftBytes, not the form's own rules. An incomplete draft may be
// saved; an oversized one may not. A field refused here states the same
// limit as its validation rule: a 100,000-character title is told "at most
// 20", whether it is saved or submitted.
func (d Draft) OverLimits() []Problem {
	var v validator
	draftTable.over(&v, &d, "")
	if len(v.list) == 0 {
		if _, err := MarshalDraft(d); err != nil {
			v.add("", i18n.Text{}, err)
		}
	}
	return v.result()
}

// overLimit refuses s when it is over the field's hard limit, stating the
// field's limit: the number the validation rule states too.
func overLimit(s string, f fieldLimit) error {
	if n := utf8.RuneCountInString(s); n > f.hard {
		return i18n.Errorf("has %d characters; at most %d are allowed", n, f.max)
	}
	return nil
}

type validator struct {
	list    []Problem
	dropped int
}

// add records err, if any, at path; ctx names the entry the field belongs
// to, because "prop name is required" alone does not say which component.
func (v *validator) add(path string, ctx i18n.Text, err error) {
	if err == nil {
		return
	}
	if len(v.list) >= MaxProblems {
		v.dropped++
		return
	}
	t := textOf(err)
	if !ctx.IsZero() {
		t = i18n.T("%s: %s", ctx, t)
	}
	v.list = append(v.list, Problem{Path: path, Message: t.String(), Text: t})
}

// textOf is the message of err to localise later.
func textOf(err error) i18n.Text {
	var e *i18n.Error
	if errors.As(err, &e) && e.Error() == err.Error() {
		return e.Text
	}
	var we *Error
	if errors.As(err, &we) && we.Format != "" && we.Error() == err.Error() {
		return i18n.T(we.Format, we.Args...)
	}
	return i18n.T("%s", err.Error())
}

func (v *validator) addf(path string, ctx i18n.Text, format string, args ...any) {
	v.add(path, ctx, i18n.Errorf(format, args...))
}

func (v *validator) result() []Problem {
	if v.dropped > 0 {
		t := i18n.T("%d more problems are not shown; fix the ones above first", v.dropped)
		v.list = append(v.list, Problem{Message: t.String(), Text: t})
	}
	return v.list
}

func (v *validator) count(path string, ctx i18n.Text, what string, n, limit int) {
	if n > limit {
		v.addf(path, ctx, "there are %d %s; at most %d are allowed", n, word(what), limit)
	}
}

// entryContext names an entry in a message, by its name when it has one.
func entryContext(kind, name string) i18n.Text {
	if strings.TrimSpace(name) == "" {
		return i18n.T("unnamed %s", word(kind))
	}
	return i18n.T("%s %s", word(kind), quoteForMessage(name))
}

// within is the context of a field of an entry of an entry: "component
// "x", prop "y"".
func within(outer, inner i18n.Text) i18n.Text { return i18n.T("%s, %s", outer, inner) }

func validateRequiredLine(label, s string, maxRunes int) error {
	if strings.TrimSpace(s) == "" {
		return i18n.Errorf("%s is required", word(label))
	}
	return validateLine(label, s, maxRunes)
}

func validateLine(label, s string, maxRunes int) error {
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return i18n.Errorf("%s has %d characters; at most %d are allowed", word(label), n, maxRunes)
	}
	if strings.ContainsAny(s, "\r\n") {
		return i18n.Errorf("%s must be a single line", word(label))
	}
	return nil
}

func validateRequiredText(f fieldLimit, s string) error {
	if strings.TrimSpace(s) == "" {
		return i18n.Errorf("%s is required", word(f.label))
	}
	return validateField(f, s)
}

// validateField checks the length of a long text field against its limit.
func validateField(f fieldLimit, s string) error {
	if n := utf8.RuneCountInString(s); n > f.max {
		return i18n.Errorf("%s has %d characters; at most %d are allowed", word(f.label), n, f.max)
	}
	return nil
}

// quoteForMessage quotes untrusted text for an error message: Go quoting
// escapes control and bidi characters, and long text is cut so one bad
// field cannot flood the screen.
func quoteForMessage(s string) string {
	const maxRunes = 40
	n := 0
	for i := range s {
		if n == maxRunes {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
