package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"plugpub/workflow"
)

// parseJS parses one JavaScript file as a module. A syntax error names the
// file, line and column. The parser is third-party code fed with whatever
// is in the project, so a panic in it is turned into an error too: one odd
// file must not take the console down.
func parseJS(file string, src []byte) (ast *js.AST, err error) {
	defer func() {
		if r := recover(); r != nil {
			ast, err = nil, &Error{File: file, Msg: fmt.Sprintf("the JavaScript parser failed on this file: %v", r)}
		}
	}()
	// NewInputBytes may write a NUL past the end; give it its own copy.
	in := make([]byte, len(src), len(src)+1)
	copy(in, src)
	ast, err = js.Parse(parse.NewInputBytes(in), js.Options{})
	if err != nil {
		var pe *parse.Error
		if errors.As(err, &pe) {
			// The message quotes the token it stopped at, which may be a
			// whole long string literal: keep it short.
			msg := pe.Message
			if rs := []rune(msg); len(rs) > 120 {
				msg = string(rs[:119]) + "…"
			}
			return nil, &Error{File: file, Line: pe.Line, Col: pe.Column, Msg: "invalid JavaScript: " + msg}
		}
		return nil, &Error{File: file, Msg: "invalid JavaScript: " + err.Error()}
	}
	return ast, nil
}

// module is one parsed file and what its top level declares.
type module struct {
	file string
	ast  *js.AST
	// objects are the top-level `const name = {...}` (var, let too), so
	// Component(options) and props: defaultProps can be followed one step.
	objects map[string]*js.ObjectExpr
	warn    func(format string, args ...any)
}

func newModule(file string, ast *js.AST, warn func(string, ...any)) *module {
	m := &module{file: file, ast: ast, objects: map[string]*js.ObjectExpr{}, warn: warn}
	for _, st := range ast.List {
		var vd *js.VarDecl
		switch s := st.(type) {
		case *js.VarDecl:
			vd = s
		case *js.ExportStmt:
			vd, _ = s.Decl.(*js.VarDecl)
		}
		if vd == nil {
			continue
		}
		for _, b := range vd.List {
			v, ok := b.Binding.(*js.Var)
			if !ok {
				continue
			}
			if o, ok := unparen(b.Default).(*js.ObjectExpr); ok {
				m.objects[string(v.Name())] = o
			}
		}
	}
	return m
}

// object is e as an object literal, following a name to its top-level
// declaration; nil when it is something else.
func (m *module) object(e js.IExpr) *js.ObjectExpr {
	switch x := unparen(e).(type) {
	case *js.ObjectExpr:
		return x
	case *js.Var:
		return m.objects[string(x.Name())]
	}
	return nil
}

func unparen(e js.IExpr) js.IExpr {
	for {
		g, ok := e.(*js.GroupExpr)
		if !ok {
			return e
		}
		e = g.X
	}
}

// visitor adapts a function to js.IVisitor.
type visitor func(n js.INode) bool

func (f visitor) Enter(n js.INode) js.IVisitor {
	if f(n) {
		return f
	}
	return nil
}
func (f visitor) Exit(js.INode) {}

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

// exports lists the names main exports: export default {...} or
// module.exports = {...} (shorthand properties, methods and key: value),
// exports.x = ..., and named exports (export function x, export const x,
// export {x}). partial reports exports it could not read by name.
func (m *module) exports() (names []string, partial bool) {
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	// runtime says that some exports are made when main runs, so their
	// names cannot be read: Plan then proposes no removal of APIs.
	runtime := func(format string, args ...any) {
		m.warn(format, args...)
		partial = true
	}
	// assigned reads Object.assign(target, a, b, ...): the names of the
	// object literals among a, b, ...; any other source is made at run time.
	assigned := func(what string, sources []js.Arg) {
		for _, a := range sources {
			obj := m.object(a.Value)
			if obj == nil || a.Rest {
				runtime("Object.assign(%s, ...) copies in an object that is made at run time; those APIs could not be read", what)
				continue
			}
			for _, p := range obj.List {
				if name, ok := propertyName(p); ok {
					add(name)
				} else {
					runtime("Object.assign(%s, ...) copies in a ...spread or a computed name; those APIs could not be read", what)
				}
			}
		}
	}
	fromObject := func(what string, e js.IExpr) {
		if call, fn := objectCall(e); fn == "assign" && len(call.Args.List) > 0 {
			// module.exports = Object.assign({}, a, b)
			assigned(what, call.Args.List)
			return
		}
		obj := m.object(e)
		if obj == nil {
			m.warn("%s is not an object literal; its APIs were not read", what)
			partial = true
			return
		}
		for _, p := range obj.List {
			name, ok := propertyName(p)
			if !ok {
				m.warn("%s has a ...spread or a computed name; those APIs were not read", what)
				partial = true
				continue
			}
			add(name)
		}
	}
	for _, st := range m.ast.List {
		switch s := st.(type) {
		case *js.ExportStmt:
			switch d := s.Decl.(type) {
			case nil:
				for _, a := range s.List {
					switch b := string(a.Binding); b {
					case "", "default":
					case "*":
						m.warn("export * from %s: its APIs were not read", string(s.Module))
						partial = true
					default:
						add(b)
					}
				}
			case *js.FuncDecl:
				if s.Default {
					if d.Name == nil {
						m.warn("export default is a function, not an object of APIs")
						partial = true
					} else {
						add(string(d.Name.Name()))
					}
				} else if d.Name != nil {
					add(string(d.Name.Name()))
				}
			case *js.ClassDecl:
				if d.Name != nil {
					add(string(d.Name.Name()))
				}
			case *js.VarDecl:
				for _, b := range d.List {
					if v, ok := b.Binding.(*js.Var); ok {
						add(string(v.Name()))
					} else {
						m.warn("an export with a destructuring pattern was not read")
						partial = true
					}
				}
			default:
				if s.Default {
					fromObject("export default", d)
				}
			}
		case *js.ExprStmt:
			as, ok := s.Value.(*js.BinaryExpr)
			if !ok || as.Op != js.EqToken {
				continue
			}
			switch {
			case isModuleExports(as.X):
				fromObject("module.exports", as.Y)
			default:
				if d, ok := as.X.(*js.DotExpr); ok && (isName(d.X, "exports") || isModuleExports(d.X)) {
					if n, ok := literalName(d.Y); ok {
						add(n)
					}
				}
			}
		}
	}
	m.runtimeExports(add, runtime, assigned)
	return names, partial
}

// runtimeExports finds what main adds to its exports beyond the top-level
// forms exports reads, anywhere in the file: exports.x = or
// module.exports.x = inside a function or a block, and properties set on
// the object module.exports or export default names. What is added at
// run time (exports[name] = in a loop over modules, Object.assign or
// Object.defineProperty onto the exports) used to yield no APIs without a
// word; it is reported through runtime.
func (m *module) runtimeExports(add func(string), runtime func(string, ...any), assigned func(string, []js.Arg)) {
	targets := map[string]bool{}
	for _, st := range m.ast.List {
		switch s := st.(type) {
		case *js.ExprStmt:
			if as, ok := s.Value.(*js.BinaryExpr); ok && as.Op == js.EqToken && isModuleExports(as.X) {
				if v, ok := unparen(as.Y).(*js.Var); ok {
					targets[string(v.Name())] = true
				}
			}
		case *js.ExportStmt:
			if v, ok := s.Decl.(*js.Var); ok && s.Default {
				targets[string(v.Name())] = true
			}
		}
	}
	target := func(e js.IExpr) (string, bool) {
		e = unparen(e)
		if isName(e, "exports") {
			return "exports", true
		}
		if isModuleExports(e) {
			return "module.exports", true
		}
		if v, ok := e.(*js.Var); ok && targets[string(v.Name())] {
			return string(v.Name()), true
		}
		return "", false
	}
	js.Walk(visitor(func(n js.INode) bool {
		switch x := n.(type) {
		case *js.BinaryExpr:
			if x.Op != js.EqToken {
				return true
			}
			switch l := unparen(x.X).(type) {
			case *js.IndexExpr:
				what, ok := target(l.X)
				if !ok {
					return true
				}
				if lit, ok := unparen(l.Y).(*js.LiteralExpr); ok && lit.TokenType == js.StringToken {
					if s, ok := unquoteJS(lit.Data); ok {
						add(s)
						return true
					}
				}
				runtime("%s[...] is set under a name computed at run time (a loop over modules?); those APIs could not be read", what)
			case *js.DotExpr:
				if _, ok := target(l.X); ok {
					if name, ok := literalName(l.Y); ok {
						add(name)
					}
				}
			}
		case *js.CallExpr:
			_, fn := objectCall(x)
			if fn == "" || len(x.Args.List) == 0 {
				return true
			}
			what, ok := target(x.Args.List[0].Value)
			if !ok {
				return true
			}
			switch fn {
			case "assign":
				assigned(what, x.Args.List[1:])
			case "defineProperty":
				if len(x.Args.List) > 1 {
					if lit, ok := unparen(x.Args.List[1].Value).(*js.LiteralExpr); ok && lit.TokenType == js.StringToken {
						if s, ok := unquoteJS(lit.Data); ok {
							add(s)
							return true
						}
					}
				}
				runtime("Object.defineProperty(%s, ...) defines an API under a name computed at run time; it could not be read", what)
			case "defineProperties":
				runtime("Object.defineProperties(%s, ...) defines APIs at run time; they could not be read", what)
			}
		}
		return true
	}), m.ast)
}

// objectCall reads a call of Object.assign, Object.defineProperty or
// Object.defineProperties: the call and the function's name, else "".
func objectCall(e js.IExpr) (*js.CallExpr, string) {
	call, ok := unparen(e).(*js.CallExpr)
	if !ok {
		return nil, ""
	}
	d, ok := call.X.(*js.DotExpr)
	if !ok || !isName(d.X, "Object") {
		return nil, ""
	}
	switch fn, _ := literalName(d.Y); fn {
	case "assign", "defineProperty", "defineProperties":
		return call, fn
	}
	return nil, ""
}

func isModuleExports(e js.IExpr) bool {
	d, ok := e.(*js.DotExpr)
	return ok && isName(d.X, "module") && isLiteralName(d.Y, "exports")
}

func isName(e js.IExpr, name string) bool {
	v, ok := e.(*js.Var)
	return ok && string(v.Name()) == name
}

// literalName reads the right side of a dot: a.name.
func literalName(e js.IExpr) (string, bool) {
	switch y := e.(type) {
	case js.LiteralExpr:
		return string(y.Data), true
	case *js.LiteralExpr:
		return string(y.Data), true
	case *js.Var:
		return string(y.Name()), true
	}
	return "", false
}

func isLiteralName(e js.IExpr, name string) bool {
	n, ok := literalName(e)
	return ok && n == name
}

// propertyName is the name of an object literal member; ok is false for a
// spread or a computed name.
func propertyName(p js.Property) (string, bool) {
	if p.Spread {
		return "", false
	}
	pn := p.Name
	if pn == nil {
		md, ok := p.Value.(*js.MethodDecl)
		if !ok || md.Name.Private != nil {
			return "", false
		}
		pn = &md.Name.PropertyName
	}
	if pn.IsComputed() {
		return "", false
	}
	switch lit := pn.Literal; {
	case lit.TokenType == js.StringToken:
		return unquoteJS(lit.Data)
	case lit.TokenType == js.ErrorToken:
		return "", false
	default:
		return string(lit.Data), true
	}
}

func isFunction(e js.IExpr) bool {
	switch unparen(e).(type) {
	case *js.MethodDecl, *js.FuncDecl, *js.ArrowFunc:
		return true
	}
	return false
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
