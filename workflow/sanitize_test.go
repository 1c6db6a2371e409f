package workflow_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"plugpub/workflow"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want, wantLine string
	}{
		{"plain Chinese", "车牌识别插件", "车牌识别插件", "车牌识别插件"},
		{"colour codes", "\x1b[31m红色\x1b[0m", "红色", "红色"},
		{"window title (OSC)", "a\x1b]0;pwned\x07b", "ab", "ab"},
		{"hyperlink (OSC 8)", "\x1b]8;;https://evil.example\x1b\\点我\x1b]8;;\x1b\\", "点我", "点我"},
		{"cursor movement", "ok\x1b[2J\x1b[H", "ok", "ok"},
		{"8-bit CSI as a byte", "a\x9b31mb", "a\uFFFD31mb", "a\uFFFD31mb"},
		{"C1 as a character", "a\u009b31mb", "a31mb", "a31mb"},
		{"bell and backspace", "a\x07\x08b", "ab", "ab"},
		{"DEL", "a\x7fb", "ab", "ab"},
		{"carriage return overwrite", "safe\rEVIL", "safeEVIL", "safe EVIL"},
		{"newlines and tabs", "第一行\n\t第二行", "第一行\n\t第二行", "第一行 第二行"},
		{"CRLF", "a\r\nb", "a\nb", "a b"},
		{"spaces around a break", "a  \n  b", "a  \n  b", "a b"},
		{"plain spaces kept", "a   b", "a   b", "a   b"},
		{"trailing break", "a\n", "a\n", "a "},
		{"Trojan Source", "access\u202e\u2066// admin\u2069\u2066", "access// admin", "access// admin"},
		{"marks", "a\u200eb\u200fc\u061cd", "abcd", "abcd"},
		{"line separator", "a\u2028b", "a\nb", "a b"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb", "a\uFFFDb"},
		{"NUL", "a\x00b", "ab", "ab"},
		{"emoji and zero-width joiner", "👩‍💻", "👩‍💻", "👩‍💻"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := workflow.Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := workflow.SanitizeLine(tt.in); got != tt.wantLine {
				t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.wantLine)
			}
		})
	}
}

func TestSanitizeDoesNotAllocateForCleanText(t *testing.T) {
	s := strings.Repeat("车牌识别 plate ", 100)
	if n := testing.AllocsPerRun(100, func() { workflow.Sanitize(s) }); n != 0 {
		t.Errorf("Sanitize of clean text allocates %v times", n)
	}
}

// unsafeForTerminal returns a description of the first thing in s that
// must never reach a terminal, or "".
func unsafeForTerminal(s string, oneLine bool) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if oneLine {
				return "a line break or tab in a single line"
			}
		case r < 0x20 || r == 0x7f:
			return "a C0 control or DEL"
		case r >= 0x80 && r <= 0x9f:
			return "a C1 control"
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return "a bidi control"
		}
	}
	return ""
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"", "plain", "车牌\n识别\t插件", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x1b]8;;u\x1b\\x\x1b]8;;\x1b\\",
		"\x9b31m", "\u009b", "\x1bP1;2|x\x1b\\", "\u202eevil", "\xff\xfe", "\x1b\xe4\xb8\xad", "a\r\nb", "\x1b[", "\x1b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, oneLine := range []bool{false, true} {
			sanitize := workflow.Sanitize
			if oneLine {
				sanitize = workflow.SanitizeLine
			}
			out := sanitize(s)
			if bad := unsafeForTerminal(out, oneLine); bad != "" {
				t.Fatalf("sanitize(%q, oneLine=%v) = %q contains %s", s, oneLine, out, bad)
			}
			if again := sanitize(out); again != out {
				t.Fatalf("not idempotent (oneLine=%v): %q -> %q -> %q", oneLine, s, out, again)
			}
		}
		// Text with nothing to remove comes back as it was: the sanitiser
		// never eats what a person wrote.
		if harmless(s) {
			if out := workflow.Sanitize(s); out != s {
				t.Fatalf("Sanitize changed harmless text: %q -> %q", s, out)
			}
		}
	})
}

// harmless reports whether s holds nothing a sanitiser has reason to touch.
func harmless(s string) bool {
	return unsafeForTerminal(s, false) == "" && !strings.ContainsAny(s, "\u2028\u2029")
}
