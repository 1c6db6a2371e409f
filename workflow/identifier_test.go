package workflow

import (
	"regexp"
	"testing"
)

// isIdentifier replaced this regexp for speed; it must agree with it.
var identifierRE = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

func FuzzIsIdentifier(f *testing.F) {
	for _, s := range []string{"", "a", "maxCount", "_x", "$", "1a", "a1", "a-b", "中文", "a\n", "Z9_$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isIdentifier(s), identifierRE.MatchString(s); got != want {
			t.Fatalf("isIdentifier(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}
