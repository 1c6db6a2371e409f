package i18n

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{nil, Chinese},
		{map[string]string{"LANG": "en_US.UTF-8"}, English},
		{map[string]string{"LANG": "en"}, English},
		{map[string]string{"LANG": "en_GB"}, English},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "zh_TW.Big5"}, Chinese},
		{map[string]string{"LANG": "C"}, Chinese},
		{map[string]string{"LANG": "POSIX"}, Chinese},
		{map[string]string{"LANG": "C.UTF-8"}, Chinese},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, Chinese}, // a language plugpub does not speak: the default
		{map[string]string{"LANG": "garbage!!"}, Chinese},
		// POSIX order: LC_ALL, then LC_MESSAGES, then LANG.
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Chinese},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, English},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN"}, English},
		{map[string]string{"LC_ALL": "C", "LANG": "en_US.UTF-8"}, Chinese},
		// PLUGPUB_LANG forces it.
		{map[string]string{"PLUGPUB_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, English},
		{map[string]string{"PLUGPUB_LANG": "zh", "LANG": "en_US.UTF-8"}, Chinese},
		{map[string]string{"PLUGPUB_LANG": "", "LANG": "en_US.UTF-8"}, English},
		{map[string]string{"PLUGPUB_LANG": "C", "LANG": "en_US.UTF-8"}, English}, // not a language: ignored
	} {
		got := Detect(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("Detect(%v) = %v; want %v", c.env, got, c.want)
		}
		var env []string
		for k, v := range c.env {
			env = append(env, k+"="+v)
		}
		if got := DetectEnviron(env); got != c.want {
			t.Errorf("DetectEnviron(%v) = %v; want %v", env, got, c.want)
		}
	}
}

func TestContext(t *testing.T) {
	if l := FromContext(context.Background()); l != Chinese {
		t.Errorf("no language in the context: %v; want Chinese", l)
	}
	if l := FromContext(NewContext(context.Background(), English)); l != English {
		t.Errorf("FromContext = %v; want English", l)
	}
}

// TestTextKeepsNumbersAndNests: numbers are not grouped by the printer's
// custom, a Text inside a Text and a wrapped error speak the same language,
// and an unknown format is said as it is.
func TestTextKeepsNumbersAndNests(t *testing.T) {
	zh, en := Printer(Chinese), Printer(English)
	tx := T("the logo is %s; the limit is %s", T("%.1f MiB (%d bytes)", 2.9, 3000000), T("%d MiB", 2))
	if got, want := tx.Localize(zh), "Logo 有 2.9 MiB（3000000 字节）；上限是 2 MiB"; got != want {
		t.Errorf("zh: %q; want %q", got, want)
	}
	if got, want := tx.Localize(en), "the logo is 2.9 MiB (3000000 bytes); the limit is 2 MiB"; got != want || tx.String() != want {
		t.Errorf("en: %q / %q; want %q", got, tx.String(), want)
	}
	if got := T("submission %d does not exist", 123456).Localize(zh); got != "提交 123456 不存在" {
		t.Errorf("zh number: %q", got)
	}
	if got := T("no such key %5d|%-4s|%x", 42, "ab", 255).Localize(zh); got != "no such key    42|ab  |ff" {
		t.Errorf("verbs: %q", got)
	}
	err := Errorf("cannot read %s: %w", "x.png", errors.New("permission denied"))
	if !errors.Is(err, errors.Unwrap(err)) || errors.Unwrap(err) == nil {
		t.Error("Errorf with %w does not wrap")
	}
	if got := Err(zh, err); got != "无法读取 x.png：permission denied" {
		t.Errorf("zh error: %q", got)
	}
	if got := Err(zh, fmt.Errorf("opening db: %w", err)); got != "opening db: 无法读取 x.png：permission denied" {
		t.Errorf("zh wrapped error: %q", got)
	}
	if got := Err(en, err); got != "cannot read x.png: permission denied" || err.Error() != got {
		t.Errorf("en error: %q / %q", got, err.Error())
	}
}

// TestPrintersAreSharedSafely: two sessions in two languages at once never
// see each other's language.
func TestPrintersAreSharedSafely(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, want := Chinese, "插件 1 不存在"
			if i%2 == 1 {
				l, want = English, "plugin 1 does not exist"
			}
			for range 200 {
				if got := T("plugin %s does not exist", "1").Localize(Printer(l)); got != want {
					t.Errorf("%v: %q; want %q", l, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestCatalogFormatsMatch: a translation takes the same arguments as its
// English, so no message renders %!(EXTRA…) or %!s(MISSING); only the
// JSON codes of codeArgs are left out, by a translation that numbers its
// arguments (an unnumbered one would print them as %!(EXTRA…)).
func TestCatalogFormatsMatch(t *testing.T) {
	for _, m := range [...]map[string]string{workflowZh, cliZh, tuiZh, infoZh, helpZh} {
		for en, zh := range m {
			omit := codeArgs[en]
			if a, b := verbs(dropArgs(en, omit)), verbs(zh); a != b {
				t.Errorf("%q has %s (less the codes %v) but its Chinese %q has %s", en, a, omit, zh, b)
			}
			for _, n := range omit {
				if !strings.Contains(zh, "%[1]") || strings.Contains(zh, fmt.Sprintf("%%[%d]", n)) {
					t.Errorf("%q: its Chinese %q must number its arguments and leave out %d, a code", en, zh, n)
				}
			}
		}
	}
}

// codeArgs are the messages whose English names a state by its word and
// its JSON code, "it is 已上架 (listed)": the Chinese says the word alone,
// leaving out the arguments (counted from 1) that are codes.
var codeArgs = map[string][]int{
	"cannot %s %s: it is %s (%s)":                                    {4},
	"cannot %s plugin %s: its listing is already %s (%s)":            {4},
	"version %s is %s (%s); only an online version can be published": {3},
	"cannot %s plugin %s: it has no submission %s (%s)%s":            {4},
}

// dropArgs is the format f without its verbs numbered in omit.
func dropArgs(f string, omit []int) string {
	n := 0
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] == '%' && i+1 < len(f) && f[i+1] == '%' {
			b.WriteString("%%")
			i++
			continue
		}
		if f[i] == '%' && i+1 < len(f) {
			n++
			if slices.Contains(omit, n) {
				i++ // the verb's letter (codeArgs' verbs have no flags)
				continue
			}
		}
		b.WriteByte(f[i])
	}
	return b.String()
}

// verbs counts a format's verbs by kind, ignoring %[n] reordering and
// reading %w as %v (Errorf does).
func verbs(f string) string {
	counts := map[byte]int{}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for i < len(f) && (f[i] == '[' || f[i] == ']' || f[i] == '.' || f[i] == '-' || f[i] == '+' || f[i] == '#' || (f[i] >= '0' && f[i] <= '9')) {
			i++
		}
		if i < len(f) && f[i] != '%' {
			c := f[i]
			if c == 'w' {
				c = 'v'
			}
			counts[c]++
		}
	}
	return fmt.Sprint(counts)
}
