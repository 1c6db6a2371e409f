package project

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"
)

// readableString is a string literal's value, or, when the value holds
// a line break or another control character, the value as a JSON string
// with escapes, so the default stays one visible line.
func readableString(lit []byte) string {
	s, ok := unquoteJS(lit)
	if !ok {
		return string(lit)
	}
	return readable(s)
}

func readable(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// compact writes an array or object literal as JSON when it is JSON-like
// (quoted keys, double-quoted strings), else as its JavaScript source.
// data is an array or object default as JSON, which the guide writes it
// in; one that is not plain data ([a, b], {f() {}}) is made when the
// component runs, so it is not read, and a warning says so.
func (m *module) data(what string, n interface {
	js.IExpr
	js.JSONer
}) string {
	var b strings.Builder
	if err := n.JSON(&b); err == nil && json.Valid([]byte(b.String())) {
		return b.String()
	}
	src := []rune(strings.Join(strings.Fields(source(n)), " "))
	if len(src) > 40 {
		src = append(src[:39], '…')
	}
	m.warn("%s default %s is not plain data (JSON); it was not read", what, quote(string(src)))
	return ""
}

func source(n js.INode) string {
	var b strings.Builder
	n.JS(&b)
	return b.String()
}

// unquoteJS reads a JavaScript string literal, quotes included.
func unquoteJS(lit []byte) (string, bool) {
	if len(lit) < 2 || lit[0] != lit[len(lit)-1] || lit[0] != '"' && lit[0] != '\'' {
		return "", false
	}
	return unescapeJS(lit[1 : len(lit)-1])
}

// unescapeJS resolves the escapes of a string or template body: \n, \t,
// \xHH, \uHHHH, \u{H...} (surrogate pairs joined), line continuations and
// \c for any other c. It reports false for a malformed escape.
func unescapeJS(b []byte) (string, bool) {
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b), true
	}
	var out strings.Builder
	var high rune // a pending high surrogate
	flush := func() {
		if high != 0 {
			out.WriteRune(utf8.RuneError)
			high = 0
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		if c != '\\' {
			flush()
			out.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(b) {
			return "", false
		}
		e := b[i+1]
		i += 2
		var r rune = -1
		switch e {
		case 'n':
			r = '\n'
		case 't':
			r = '\t'
		case 'r':
			r = '\r'
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'v':
			r = '\v'
		case '0':
			r = 0
		case '\r':
			if i < len(b) && b[i] == '\n' {
				i++
			}
			continue // a line continuation is nothing
		case '\n':
			continue
		case 'x':
			if i+2 > len(b) {
				return "", false
			}
			n, err := strconv.ParseUint(string(b[i:i+2]), 16, 8)
			if err != nil {
				return "", false
			}
			r, i = rune(n), i+2
		case 'u':
			var hex string
			if i < len(b) && b[i] == '{' {
				end := bytes.IndexByte(b[i:], '}')
				if end < 0 {
					return "", false
				}
				hex, i = string(b[i+1:i+end]), i+end+1
			} else {
				if i+4 > len(b) {
					return "", false
				}
				hex, i = string(b[i:i+4]), i+4
			}
			n, err := strconv.ParseUint(hex, 16, 32)
			if err != nil || n > unicode.MaxRune {
				return "", false
			}
			r = rune(n)
			if r >= 0xD800 && r < 0xDC00 {
				flush()
				high = r
				continue
			}
			if r >= 0xDC00 && r < 0xE000 && high != 0 {
				r = (high-0xD800)<<10 + (r - 0xDC00) + 0x10000
				high = 0
			}
		default:
			// \' \" \\ and any other character stand for themselves; the
			// escape may start a multi-byte character, so copy it whole.
			_, size := utf8.DecodeRune(b[i-1:])
			flush()
			out.Write(b[i-1 : i-1+size])
			i += size - 1
			continue
		}
		flush()
		out.WriteRune(r)
	}
	flush()
	return out.String(), true
}
