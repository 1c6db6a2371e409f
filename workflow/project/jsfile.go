package project

import (
	"errors"
	"fmt"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
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
