// Package i18n is plugpub's one message catalog: English source strings as
// keys, Chinese translations, and the language a person reads.
//
// Chinese is the default; English is chosen by the locale (an en* LC_ALL,
// LC_MESSAGES or LANG) or forced by PLUGPUB_LANG. Domain words (审核中, 上架,
// 隐藏, 订购页…) are the seed's Chinese in both languages, and JSON keeps its
// English codes: only what a person reads is translated.
//
// The language belongs to a session, never to the process: a message is made
// once (workflow keeps its format and arguments, see Text) and rendered in the
// language of whoever reads it, with the Printer of that language. Nothing
// here is mutable package state.
package i18n

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Lang is a language plugpub speaks.
type Lang int

const (
	Chinese Lang = iota // the default
	English
)

// Langs are the languages of the catalog, the default first.
var langs = [...]language.Tag{language.Chinese, language.English}

// Tag is the BCP 47 tag of l.
func (l Lang) Tag() language.Tag {
	if l == English {
		return language.English
	}
	return language.Chinese
}

// String is the code of l: "zh" or "en".
func (l Lang) String() string {
	if l == English {
		return "en"
	}
	return "zh"
}

// Parse reads a language or a POSIX locale ("en", "zh", "en_US.UTF-8",
// "zh_CN.GB18030", "en-GB"). ok is false for "", "C", "POSIX" and anything
// that is no language; a language plugpub does not speak is Chinese.
func Parse(s string) (l Lang, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 { // codeset and modifier
		s = s[:i]
	}
	if s == "" || s == "C" || s == "POSIX" {
		return Chinese, false
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return Chinese, false
	}
	if base, _ := tag.Base(); base.String() == "en" {
		return English, true
	}
	return Chinese, true
}

// Detect chooses the language from an environment (os.Getenv, or an SSH
// session's): PLUGPUB_LANG when it names a language, else the first of
// LC_ALL, LC_MESSAGES and LANG that is set, as POSIX orders them. An en*
// locale is English; zh*, unset, C and POSIX are Chinese, the default.
func Detect(getenv func(string) string) Lang {
	if l, ok := Parse(getenv("PLUGPUB_LANG")); ok {
		return l
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			l, _ := Parse(v)
			return l
		}
	}
	return Chinese
}

// DetectEnviron is Detect over a list of KEY=VALUE pairs (os.Environ, or an
// SSH session's Environ).
func DetectEnviron(env []string) Lang {
	return Detect(func(name string) string {
		v := ""
		for _, kv := range env { // the last one wins, as in os/exec
			if k, val, ok := strings.Cut(kv, "="); ok && k == name {
				v = val
			}
		}
		return v
	})
}

type ctxKey struct{}

// NewContext returns ctx carrying l, for code that has a context but no
// printer of its own (a session's commands).
func NewContext(ctx context.Context, l Lang) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// FromContext is the language NewContext put in ctx, else Chinese.
func FromContext(ctx context.Context) Lang {
	l, _ := ctx.Value(ctxKey{}).(Lang)
	return l
}

// Printer renders messages in l. It is safe for concurrent use and the same
// for every caller of one language, so sessions share it without sharing
// any state that one could change for another.
func Printer(l Lang) *message.Printer {
	if l == English {
		return printers().en
	}
	return printers().zh
}

var printers = sync.OnceValue(func() struct{ zh, en *message.Printer } {
	cat := catalog.NewBuilder(catalog.Fallback(language.English))
	for _, m := range [...]map[string]string{workflowZh, cliZh, tuiZh, infoZh, helpZh, reviewZh, ordersZh} {
		for en, zh := range m {
			if err := cat.SetString(language.Chinese, en, zh); err != nil {
				panic("i18n: " + en + ": " + err.Error())
			}
		}
	}
	return struct{ zh, en *message.Printer }{
		zh: message.NewPrinter(language.Chinese, message.Catalog(cat)),
		en: message.NewPrinter(language.English, message.Catalog(cat)),
	}
})

// LangOf is the language p renders in; nil is English, the source.
func LangOf(p *message.Printer) Lang {
	if isEnglish(p) {
		return English
	}
	return Chinese
}

// isEnglish reports whether p renders the source strings as they are.
func isEnglish(p *message.Printer) bool { return p == nil || p == Printer(English) }

// Translation is the Chinese of the English source string en, and whether
// the catalog has it (for tests that every message is covered).
func Translation(en string) (string, bool) {
	for _, m := range [...]map[string]string{workflowZh, cliZh, tuiZh, infoZh, helpZh, reviewZh, ordersZh} {
		if zh, ok := m[en]; ok {
			return zh, true
		}
	}
	return "", false
}

// Translations is the whole catalog, each English key with its Chinese,
// for tests that read every translation.
func Translations() map[string]string {
	all := map[string]string{}
	for _, m := range [...]map[string]string{workflowZh, cliZh, tuiZh, infoZh, helpZh, reviewZh, ordersZh} {
		for en, zh := range m {
			all[en] = zh
		}
	}
	return all
}
