package main

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"plugpub/workflow/i18n"
	"plugpub/workflow/i18n/i18ntest"
)

// cliMessageArg is, for each function of the command line and the SSH
// server that says a message of the catalog to a person, the index of its
// format argument.
var cliMessageArg = map[string]int{
	"usagef": 0, "invalidf": 0, "line": 1, "say": 0, "tell": 2, "Sprintf": 1,
	"T": 0, "Errorf": 0, "NotFound": 0, "Illegal": 0, "printSaved": 2,
}

// verbs are a format's verbs: a format of verbs and punctuation only
// ("%v", "  + %s") says nothing to translate.
var verbs = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestEveryCLIMessageIsInTheCatalog reads the source of cmd/plugpub and
// cmd/internal/sshserve: every message said to a person (a refusal, a
// line, what an SSH client prints) has its Chinese, so a new one cannot
// stay English in a Chinese session. The server's slog lines are for its
// operator's log and stay English; they are not these calls.
func TestEveryCLIMessageIsInTheCatalog(t *testing.T) {
	keys := map[string]int{}
	for _, dir := range []string{".", "../internal/sshserve"} {
		calls, err := i18ntest.ScanDir(dir, cliMessageArg)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range calls {
			if c.Pkg == "fmt" || c.Text == "" { // fmt.Sprintf, fmt.Errorf: not the catalog's
				continue
			}
			keys[dir]++
			if _, ok := i18n.Translation(c.Text); !ok && strings.IndexFunc(verbs.ReplaceAllString(c.Text, ""), unicode.IsLetter) >= 0 {
				t.Errorf("%s: %q has no Chinese in the catalog (workflow/i18n/zh_cli.go)", c.TextPos, c.Text)
			}
		}
	}
	if keys["."] < 80 || keys["../internal/sshserve"] < 8 {
		t.Fatalf("found only %v messages; is the scan still reading the calls?", keys)
	}
}
