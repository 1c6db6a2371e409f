// Package i18ntest reads a package's source for the messages it says, so a
// test can ask that every one has its Chinese in the catalog.
package i18ntest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
)

// Call is one call in a file: the function's name, the package it is
// selected from ("" for a local function or a method), and the message it
// was given when the function is one of the catalog's.
type Call struct {
	Pos  token.Position
	Pkg  string // fmt in fmt.Errorf; "" in usagef(…) or a.line(…)
	Func string
	// Text is the string literal at the message index of Func (see Scan),
	// "" when Func takes no message or is given something else.
	Text    string
	TextPos token.Position
}

// ScanDir scans the Go files of dir, its tests left out, and returns their
// calls.
func ScanDir(dir string, args map[string]int) ([]Call, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var calls []Call
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		c, err := Scan(f, args)
		if err != nil {
			return nil, err
		}
		calls = append(calls, c...)
	}
	return calls, nil
}

// Scan parses file and returns its calls. args names the functions that
// take a message of the catalog and, for each, the index of that argument.
func Scan(file string, args map[string]int) ([]Call, error) {
	fs := token.NewFileSet()
	af, err := parser.ParseFile(fs, file, nil, 0)
	if err != nil {
		return nil, err
	}
	var calls []Call
	ast.Inspect(af, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		call := Call{Pos: fs.Position(c.Pos())}
		switch fn := c.Fun.(type) {
		case *ast.Ident:
			call.Func = fn.Name
		case *ast.SelectorExpr:
			call.Func = fn.Sel.Name
			if x, ok := fn.X.(*ast.Ident); ok && x.Obj == nil {
				call.Pkg = x.Name // an identifier declared nowhere in the file: an import
			}
		default:
			return true
		}
		if i, ok := args[call.Func]; ok && i < len(c.Args) {
			if lit, ok := c.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					call.Text, call.TextPos = s, fs.Position(lit.Pos())
				}
			}
		}
		calls = append(calls, call)
		return true
	})
	return calls, nil
}
