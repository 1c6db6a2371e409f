package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"plugpub/workflow"
)

// jsonDoc is one JSON file of the project. Errors carry the line and column
// of what they are about, which encoding/json's decoded values have lost;
// so objects are read member by member, keeping each member's offset.
type jsonDoc struct {
	file string
	src  []byte
}

func (d *jsonDoc) errAt(off int, format string, args ...any) *Error {
	line, col := workflow.LineCol(d.src, off)
	return &Error{File: d.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// member is one "key": value of an object, with the offsets (in the file)
// of its key and of its value.
type member struct {
	key            string
	keyOff, valOff int
	raw            json.RawMessage
}

// checkSyntax reports the first syntax error with its position. Unmarshal's
// offsets are always just past the bad character, unlike the streaming
// decoder's, so this runs before any member is read.
func (d *jsonDoc) checkSyntax() error {
	if len(bytes.TrimSpace(d.src)) == 0 {
		return &Error{File: d.file, Msg: "is empty; it should be a JSON object { ... }"}
	}
	if json.Valid(d.src) {
		return nil
	}
	err := json.Unmarshal(d.src, new(json.RawMessage))
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return &Error{File: d.file, Msg: fmt.Sprintf("invalid JSON: %v", err)}
	}
	if int(se.Offset) >= len(bytes.TrimRight(d.src, " \t\r\n")) {
		return d.errAt(len(d.src), "invalid JSON: the file ends too early; is a closing bracket or brace missing?")
	}
	msg := strings.TrimPrefix(se.Error(), "json: ")
	return d.errAt(int(se.Offset)-1, "invalid JSON: %s", msg)
}

// object reads raw, which starts at offset base of the file, as an object;
// what names it in messages. null reads as no members.
func (d *jsonDoc) object(raw []byte, base int, what string) ([]member, error) {
	if kind := valueKind(raw); kind != "an object" {
		if kind == "null" {
			return nil, nil
		}
		return nil, d.errAt(base, "%s must be an object { \"name\": \"path\", ... }, found %s", what, kind)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	// next is where the next token starts: the decoder reports the end of
	// the previous one, so skip the whitespace and separators in between.
	next := func() int {
		off := int(dec.InputOffset())
		for off < len(raw) && strings.IndexByte(" \t\r\n,:", raw[off]) >= 0 {
			off++
		}
		return base + off
	}
	if _, err := dec.Token(); err != nil { // {
		return nil, d.errAt(base, "invalid JSON: %v", err)
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		keyOff := next()
		tok, err := dec.Token()
		if err != nil {
			return nil, d.errAt(keyOff, "invalid JSON: %v", err)
		}
		key, _ := tok.(string) // the decoder guarantees object keys are strings
		if seen[key] {
			return nil, d.errAt(keyOff, "%s has %s twice", what, quote(key))
		}
		seen[key] = true
		valOff := next()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, d.errAt(valOff, "invalid JSON: %v", err)
		}
		out = append(out, member{key: key, keyOff: keyOff, valOff: valOff, raw: v})
	}
	return out, nil
}

// valueKind names the JSON type of raw for a message.
func valueKind(raw []byte) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// str reads a member's value as a string; ok is false for null.
func (d *jsonDoc) str(m member, what string) (s string, ok bool, err error) {
	switch valueKind(m.raw) {
	case "null":
		return "", false, nil
	case "a string":
		if err := json.Unmarshal(m.raw, &s); err != nil {
			return "", false, d.errAt(m.valOff, "invalid JSON: %v", err)
		}
		return s, true, nil
	}
	return "", false, d.errAt(m.valOff, "%s must be a string, found %s", what, valueKind(m.raw))
}

// entry is one name → path pair of plugin.json (or one path of a list,
// with no name), with the offset of what declares it.
type entry struct {
	name, path string
	off        int
}

// pluginJSON is what plugin.json says, in declaration order.
type pluginJSON struct {
	doc            *jsonDoc
	components     []entry
	publicPages    []entry // Alipay
	pageList       []entry // Alipay: every page of the plugin
	pageMap        []entry // WeChat: the public pages
	hasPublicPages bool
	pagesIsObject  bool
	main           *entry
}

// dialect guesses the dialect from plugin.json alone, for a plugin root
// given without its project config: only WeChat has pages as an object.
func (pj *pluginJSON) dialect() string {
	if pj.pagesIsObject && !pj.hasPublicPages {
		return WeChat
	}
	return Alipay
}

func parsePluginJSON(file string, b []byte) (*pluginJSON, error) {
	d, top, err := readTop(file, b)
	if err != nil {
		return nil, err
	}
	pj := &pluginJSON{doc: d}
	for _, m := range top {
		switch m.key {
		case "publicComponents":
			if pj.components, err = d.pathMap(m, "publicComponents"); err != nil {
				return nil, err
			}
		case "publicPages":
			pj.hasPublicPages = true
			if pj.publicPages, err = d.pathMap(m, "publicPages"); err != nil {
				return nil, err
			}
		case "pages":
			switch valueKind(m.raw) {
			case "an object":
				pj.pagesIsObject = true
				if pj.pageMap, err = d.pathMap(m, "pages"); err != nil {
					return nil, err
				}
			case "a list":
				if pj.pageList, err = d.pathList(m, "pages"); err != nil {
					return nil, err
				}
			case "null":
			default:
				return nil, d.errAt(m.valOff, "pages must be a list of paths (Alipay) or an object of name → path (WeChat), found %s", valueKind(m.raw))
			}
		case "main":
			s, ok, err := d.str(m, "main")
			if err != nil {
				return nil, err
			}
			if ok && strings.TrimSpace(s) != "" {
				pj.main = &entry{name: "main", path: s, off: m.valOff}
			}
		}
	}
	return pj, nil
}

// top reads the file's top-level object.
// readTop checks the syntax of file, whose bytes are b, and reads the
// members of its top-level object.
func readTop(file string, b []byte) (*jsonDoc, []member, error) {
	d := &jsonDoc{file: file, src: b}
	if err := d.checkSyntax(); err != nil {
		return nil, nil, err
	}
	top, err := d.top()
	return d, top, err
}

func (d *jsonDoc) top() ([]member, error) {
	start := len(d.src) - len(bytes.TrimLeft(d.src, " \t\r\n"))
	if k := valueKind(d.src); k != "an object" {
		return nil, d.errAt(start, "must be a JSON object { ... }, found %s", k)
	}
	return d.object(d.src[start:], start, d.file)
}

// pathMap reads an object of name → path strings.
func (d *jsonDoc) pathMap(m member, what string) ([]entry, error) {
	ms, err := d.object(m.raw, m.valOff, what)
	if err != nil {
		return nil, err
	}
	if len(ms) > workflow.MaxEntries {
		return nil, d.errAt(m.valOff, "%s has %d entries; at most %d are allowed", what, len(ms), workflow.MaxEntries)
	}
	out := make([]entry, 0, len(ms))
	for _, e := range ms {
		at := what + "." + e.key
		if strings.TrimSpace(e.key) == "" {
			return nil, d.errAt(e.keyOff, "%s has an empty name", what)
		}
		if n := utf8.RuneCountInString(e.key); n > workflow.MaxLineRunes {
			return nil, d.errAt(e.keyOff, "%s has a name of %d characters; at most %d are allowed", what, n, workflow.MaxLineRunes)
		}
		p, ok, err := d.str(e, at)
		if err != nil {
			return nil, err
		}
		if !ok || strings.TrimSpace(p) == "" {
			return nil, d.errAt(e.valOff, "%s has no path", quoteAt(what, e.key))
		}
		if n := utf8.RuneCountInString(p); n > workflow.MaxLineRunes {
			return nil, d.errAt(e.valOff, "the path of %s has %d characters; at most %d are allowed", quoteAt(what, e.key), n, workflow.MaxLineRunes)
		}
		out = append(out, entry{name: e.key, path: p, off: e.keyOff})
	}
	return out, nil
}

// pathList reads a list of path strings.
func (d *jsonDoc) pathList(m member, what string) ([]entry, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(m.raw, &items); err != nil {
		return nil, d.errAt(m.valOff, "invalid JSON: %v", err)
	}
	out := make([]entry, 0, len(items))
	for i, it := range items {
		var s string
		if err := json.Unmarshal(it, &s); err != nil {
			// The list's own offsets are not kept; point at the list.
			return nil, d.errAt(m.valOff, "%s[%d] must be a path string, found %s", what, i, valueKind(it))
		}
		out = append(out, entry{path: s, off: m.valOff})
	}
	return out, nil
}

// quoteAt names one entry of a map for a message: publicComponents "hello".
func quoteAt(what, name string) string { return what + " " + quote(name) }

// rootValue is the pluginRoot a project config names.
type rootValue struct {
	doc   *jsonDoc
	value string
	off   int
}

func (r *rootValue) errorf(format string, args ...any) *Error {
	return r.doc.errAt(r.off, format, args...)
}

// parsePluginRoot reads mini.project.json or project.config.json; nil
// means it names no pluginRoot.
func parsePluginRoot(file string, b []byte) (*rootValue, error) {
	d, top, err := readTop(file, b)
	if err != nil {
		return nil, err
	}
	for _, m := range top {
		if m.key != "pluginRoot" {
			continue
		}
		s, ok, err := d.str(m, "pluginRoot")
		if err != nil || !ok || strings.TrimSpace(s) == "" {
			return nil, err
		}
		return &rootValue{doc: d, value: s, off: m.valOff}, nil
	}
	return nil, nil
}
