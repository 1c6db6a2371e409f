package project

import (
	"github.com/tdewolff/parse/v2/js"
)

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
