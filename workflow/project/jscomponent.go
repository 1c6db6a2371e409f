package project

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"

	"plugpub/workflow"
)

// componentCode is what a component's source declares.
type componentCode struct {
	props   []workflow.Prop
	events  []workflow.EventDecl
	partial bool // not everything could be read: propose no removals
}

// component reads the options of the file's Component({...}) call: the
// props defaults (Alipay) or properties (WeChat), and the events, which
// are function props named onXxx and, WeChat style, this.triggerEvent
// calls. Entries keep declaration order; a name declared twice counts once.
func (m *module) component() componentCode {
	var c componentCode
	var call *js.CallExpr
	js.Walk(visitor(func(n js.INode) bool {
		if call != nil {
			return false
		}
		if ce, ok := n.(*js.CallExpr); ok && isName(ce.X, "Component") && len(ce.Args.List) > 0 {
			call = ce
			return false
		}
		return true
	}), m.ast)
	var opts *js.ObjectExpr
	if call != nil {
		opts = m.object(call.Args.List[0].Value)
	}
	if opts == nil {
		m.warn("no Component({...}) call with an object found; its props and events were not read")
		c.partial = true
		return c
	}
	seen := map[string]bool{}
	addProp := func(p workflow.Prop) {
		if !seen[p.Name] {
			seen[p.Name] = true
			c.props = append(c.props, p)
		}
	}
	addEvent := func(name string) {
		if !seen[name] {
			seen[name] = true
			c.events = append(c.events, workflow.EventDecl{Name: name})
		}
	}
	for _, p := range opts.List {
		name, ok := propertyName(p)
		if !ok || name != "props" && name != "properties" {
			continue
		}
		obj := m.object(p.Value)
		if obj == nil {
			m.warn("%s is not an object literal; they were not read", name)
			c.partial = true
			continue
		}
		for _, q := range obj.List {
			key, ok := propertyName(q)
			if !ok {
				m.warn("%s has a ...spread or a computed name; those entries were not read", name)
				c.partial = true
				continue
			}
			if isFunction(q.Value) {
				if isEventName(key) {
					addEvent(key)
				} else {
					addProp(workflow.Prop{Name: key, Type: "Any"})
				}
				continue
			}
			var typ, def string
			if name == "properties" {
				typ, def = m.property(q.Value)
			} else {
				typ, def = m.describe(q.Value)
			}
			addProp(workflow.Prop{Name: key, Type: typ, Default: def})
		}
	}
	js.Walk(visitor(func(n js.INode) bool {
		ce, ok := n.(*js.CallExpr)
		if !ok {
			return true
		}
		if d, ok := ce.X.(*js.DotExpr); ok && len(ce.Args.List) > 0 && isLiteralName(d.Y, "triggerEvent") {
			if lit, ok := ce.Args.List[0].Value.(*js.LiteralExpr); ok && lit.TokenType == js.StringToken {
				if s, ok := unquoteJS(lit.Data); ok {
					if ev := eventFromTrigger(s); ev != "" {
						addEvent(ev)
					}
				}
			}
		}
		return true
	}), m.ast)
	return c
}

// property reads one WeChat property: a constructor (String, Number, ...,
// null) or {type: X, value: default}. An explicit type wins over the one
// the default suggests.
func (m *module) property(e js.IExpr) (typ, def string) {
	if t, ok := constructorType(e); ok {
		return t, ""
	}
	obj, ok := unparen(e).(*js.ObjectExpr)
	if !ok {
		return m.describe(e)
	}
	var declared string
	var value js.IExpr
	for _, p := range obj.List {
		switch name, _ := propertyName(p); name {
		case "type":
			if t, ok := constructorType(p.Value); ok {
				declared = t
			}
		case "value":
			value = p.Value
		}
	}
	typ = "Any"
	if value != nil {
		typ, def = m.describe(value)
	}
	if declared != "" && declared != "Any" {
		typ = declared
	}
	return typ, def
}

// constructorType reads String, Number, Boolean, Array, Object or null.
func constructorType(e js.IExpr) (string, bool) {
	switch x := unparen(e).(type) {
	case *js.Var:
		switch s := string(x.Name()); s {
		case "String", "Number", "Boolean", "Array", "Object":
			return s, true
		}
	case *js.LiteralExpr:
		if x.TokenType == js.NullToken {
			return "Any", true
		}
	}
	return "", false
}

// describe infers a prop's type from its default and writes the default
// as a person reads it: strings without quotes, numbers and booleans as
// written, arrays and objects as compact JSON-ish source. null gives Any
// with default "null"; undefined gives Any and no default, which is what
// undefined means; a name or any other expression gives Any and its source.
func (m *module) describe(e js.IExpr) (typ, def string) {
	e = unparen(e)
	typ, def = "Any", ""
	switch x := e.(type) {
	case *js.LiteralExpr:
		switch {
		case x.TokenType == js.StringToken:
			typ, def = "String", readableString(x.Data)
		case x.TokenType&js.NumericToken != 0:
			typ, def = numberLiteral(x.Data)
		case x.TokenType == js.TrueToken, x.TokenType == js.FalseToken:
			typ, def = "Boolean", string(x.Data)
		default:
			def = string(x.Data) // null, a regular expression, this
		}
	case *js.UnaryExpr:
		if lit, ok := unparen(x.X).(*js.LiteralExpr); ok && lit.TokenType&js.NumericToken != 0 && (x.Op == js.NegToken || x.Op == js.PosToken) {
			t, n := numberLiteral(lit.Data)
			if x.Op == js.NegToken {
				n = "-" + n
			}
			typ, def = t, n
		} else {
			def = source(x)
		}
	case *js.TemplateExpr:
		typ = "String"
		if x.Tag != nil {
			typ = "Any"
		}
		def = source(x)
		if x.Tag == nil && len(x.List) == 0 && len(x.Tail) >= 2 {
			if s, ok := unescapeJS(x.Tail[1 : len(x.Tail)-1]); ok {
				def = readable(s)
			}
		}
	case *js.ArrayExpr:
		typ, def = "Array", m.data("an Array", x)
	case *js.ObjectExpr:
		typ, def = "Object", m.data("an Object", x)
	case *js.Var:
		if s := string(x.Name()); s != "undefined" {
			def = s
		}
	default:
		def = source(e)
	}
	return typ, m.limit(def)
}

// limit keeps a default to one line within workflow.MaxLineRunes.
func (m *module) limit(s string) string {
	if strings.ContainsAny(s, "\r\n\u2028\u2029") {
		s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
			return r == '\r' || r == '\n' || r == '\u2028' || r == '\u2029'
		}), " ")
	}
	if utf8.RuneCountInString(s) <= workflow.MaxLineRunes {
		return s
	}
	m.warn("a default longer than %d characters was cut", workflow.MaxLineRunes)
	rs := []rune(s)
	return string(rs[:workflow.MaxLineRunes-1]) + "…"
}

// numberLiteral reads a numeric literal: Number, written as in the source
// when strconv reads it the same way, else as its decimal value (0x1F is
// 31, 1_000 is 1000). A BigInt (10n) is not a Number: Any.
func numberLiteral(b []byte) (typ, text string) {
	s := string(b)
	if strings.HasSuffix(s, "n") {
		return "Any", s
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.Contains(s, "_") {
		if !json.Valid(b) {
			// .5, 5. and 05 are JavaScript but not JSON, which the guide
			// writes a Number default in: 0.5, 5 and 5.
			s = strconv.FormatFloat(f, 'g', -1, 64)
		}
		return "Number", s
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseFloat(plain, 64); err == nil && !strings.HasPrefix(plain, "0x") && !strings.HasPrefix(plain, "0X") {
		return "Number", plain
	}
	if n, ok := new(big.Int).SetString(plain, 0); ok {
		return "Number", n.String()
	}
	return "Number", s
}

// isEventName is the guide's rule for an event: on, a capital letter, then
// letters and digits.
func isEventName(s string) bool {
	rest, ok := strings.CutPrefix(s, "on")
	if !ok || rest == "" || rest[0] < 'A' || rest[0] > 'Z' {
		return false
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// eventFromTrigger turns a WeChat event name ("change", "item-tap") into
// the guide's onXxx form (onChange, onItemTap); "" when it has no such form.
func eventFromTrigger(s string) string {
	var b strings.Builder
	b.WriteString("on")
	upper := true
	for _, r := range s {
		switch {
		case r == '-' || r == '_':
			upper = true
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
		default:
			return ""
		}
	}
	if ev := b.String(); isEventName(ev) {
		return ev
	}
	return ""
}
