package guidedoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// The grammar the generated code relies on, kept narrower than each
// language allows: ASCII only, so a name that passes is safe everywhere it
// is pasted, and anything else takes the quoted or generated path.
var (
	identRE    = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
	attrNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)
	eventRE    = regexp.MustCompile(`^on[A-Z][A-Za-z0-9]*$`)
	wordRE     = regexp.MustCompile(`[A-Za-z0-9]+`)
)

// reserved are the words a JavaScript identifier may match but a binding
// expression such as {{name}} may not use as a variable.
var reserved = wordSet(`await break case catch class const continue debugger default delete do else
	enum export extends false finally for function if implements import in instanceof interface let new null
	package private protected public return static super switch this throw true try typeof var void while
	with yield undefined NaN Infinity arguments eval`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(words) {
		m[w] = true
	}
	return m
}

// isIdent reports whether s can be written bare as a JavaScript name.
func isIdent(s string) bool { return identRE.MatchString(s) }

// isVar reports whether s can also be used as a variable in an expression.
func isVar(s string) bool { return isIdent(s) && !reserved[s] }

// jsString writes s as a single-quoted JavaScript string literal. Line
// terminators and every control or bidi character are escaped, so the
// literal is valid and shows nothing a terminal would act on.
func jsString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// unsafeRune is what must never reach a terminal or a JavaScript line:
// controls, line and paragraph separators and bidi formatting.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == '\u2028', r == '\u2029',
		r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
		r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	}
	return false
}

// jsKey writes an object literal key: bare when it is an identifier
// (reserved words are fine as keys), quoted otherwise.
func jsKey(s string) string {
	if isIdent(s) {
		return s
	}
	return jsString(s)
}

// jsMember writes obj.name, or obj['name'] when name is not an identifier.
func jsMember(obj, name string) string {
	if isIdent(name) {
		return obj + "." + name
	}
	return obj + "[" + jsString(name) + "]"
}

// axmlAttr escapes text for a double-quoted AXML attribute value.
var axmlAttr = strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", `<`, "&lt;", `>`, "&gt;").Replace

// compactJSON returns s as compact JSON if it is one JSON value whose first
// character is one of starts, else "".
func compactJSON(s, starts string) string {
	s = strings.TrimSpace(s)
	if s == "" || !strings.ContainsRune(starts, rune(s[0])) || !json.Valid([]byte(s)) {
		return ""
	}
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}

// marshal writes generated JSON the way a person writes it: two-space
// indent, and Chinese, <, > and & as themselves.
func marshal(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only strings and structs of strings are encoded here.
		panic("guidedoc: encoding generated JSON: " + err.Error())
	}
	return escapeUnsafe(strings.TrimSuffix(b.String(), "\n"))
}

// escapeUnsafe rewrites the runes encoding/json passes through (DEL, C1,
// bidi) as \u escapes. Outside its strings JSON is ASCII, and inside them
// the encoder has escaped C0 already, so any such rune is inside a string,
// where the escape means the same character; newlines are the indentation.
func escapeUnsafe(s string) string {
	unsafe := func(r rune) bool { return r != '\n' && unsafeRune(r) }
	if !strings.ContainsFunc(s, unsafe) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafe(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
