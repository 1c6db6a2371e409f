package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"plugpub/workflow/i18n"
)

// cliMessageArg is, for each function of the command line and the SSH
// server that says a message of the catalog to a person, the index of its
// format argument.
var cliMessageArg = map[string]int{
	"usagef": 0, "invalidf": 0, "line": 1, "say": 0, "tell": 2, "Sprintf": 1,
	"T": 0, "Errorf": 0, "NotFound": 0, "Illegal": 0, "printSaved": 2,
}

// TestEveryCLIMessageIsInTheCatalog reads the source of cmd/plugpub and
// cmd/internal/sshserve: every message said to a person (a refusal, a
// line, what an SSH client prints) has its Chinese, so a new one cannot
// stay English in a Chinese session. The server's slog lines are for its
// operator's log and stay English; they are not these calls.
func TestEveryCLIMessageIsInTheCatalog(t *testing.T) {
	keys := map[string]int{}
	for _, dir := range []string{".", "../internal/sshserve"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			keys[dir] += catalogMisses(t, f)
		}
	}
	if keys["."] < 80 || keys["../internal/sshserve"] < 8 {
		t.Fatalf("found only %v messages; is the scan still reading the calls?", keys)
	}
}

// verbs are a format's verbs: a format of verbs and punctuation only
// ("%v", "  + %s") says nothing to translate.
var verbs = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// catalogMisses reports the messages of file f that have no Chinese and
// returns how many messages it read.
func catalogMisses(t *testing.T, f string) (keys int) {
	t.Helper()
	{
		if strings.HasSuffix(f, "_test.go") {
			return 0
		}
		fs := token.NewFileSet()
		af, err := parser.ParseFile(fs, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := c.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "fmt" {
					return true // fmt.Sprintf, fmt.Errorf: not the catalog's
				}
			}
			i, ok := cliMessageArg[name]
			if !ok || i >= len(c.Args) {
				return true
			}
			lit, ok := c.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || s == "" {
				return true
			}
			keys++
			if _, ok := i18n.Translation(s); !ok && strings.IndexFunc(verbs.ReplaceAllString(s, ""), unicode.IsLetter) >= 0 {
				t.Errorf("%s: %q has no Chinese in the catalog (workflow/i18n/zh_cli.go)", fs.Position(lit.Pos()), s)
			}
			return true
		})
	}
	return keys
}
