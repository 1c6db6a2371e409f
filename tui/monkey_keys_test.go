package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// The keys, pastes and exotic text the monkey (monkey_test.go) types.

// tuitestKey is the key message of typing the runes of s.
func tuitestKey(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// The keys the monkey types.
var (
	// monkeyBindings are the keys the console binds somewhere.
	monkeyBindings = []string{"enter", "esc", "tab", "shift+tab", "up", "down", "left", "right",
		"pgup", "pgdown", "home", "end", "backspace", "delete", " ", "ctrl+n", "ctrl+p", "ctrl+l",
		"ctrl+r", "ctrl+o", "ctrl+s", "/", "?", "f2", "ctrl+j", "alt+enter"}
	// monkeyKeyTypes are every key bubbletea can report, ctrl+c aside.
	monkeyKeyTypes = func() []tea.KeyType {
		var ks []tea.KeyType
		for k := tea.KeyType(-200); k < 200; k++ {
			if k.String() != "" && k != tea.KeyCtrlC && k != tea.KeyRunes {
				ks = append(ks, k)
			}
		}
		return ks
	}()
	monkeyPrintable = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?.,;:'\"!@#$%^&*()-_=+[]{}<>|\\`~ ")
	monkeyEmoji     = []string{"😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "❤️", "1️⃣", "🏳️‍🌈", "🧑🏿‍💻", "🫠", "☺", "⌚"}
	monkeyEscapes   = []string{"\x1b[31m", "\x1b[2J", "\x1b[H", "\x1b]0;pwned\x07", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
		"\x1b[?1049l", "\x1bP+q\x1b\\", "\x1b[6n", "\x1bc", "\x1b[999C", "\x9b31m", "\x1b", "\x1b["}
	monkeyWords = []string{"车牌识别", "插件", "会员积分", "1.2.0", "https://example.com", "13800138000", "a@b.cn",
		"发票", "优惠券", "..", "../../etc/passwd", "/tmp", "0.0.0", "99999999999999999999.1.1", "v1"}
)

// key draws one key from the weighted alphabet; keys that would quit are
// drawn again, so the run stays on its screen until the end.
func (mk *monkey) key() tea.KeyMsg {
	for {
		k := mk.randomKey()
		// Keys held behind a settling esc are handled after it, when the
		// text field that has focus now may have been left.
		mayQuit := mk.m.showHelp || mk.m.showLog || len(mk.m.held) > 0 || !mk.m.top().Capturing()
		switch {
		case k.String() == "ctrl+c":
			continue
		case k.String() == "q" && mayQuit:
			continue
		case !k.Paste && len(k.Runes) > 1 && strings.ContainsRune(string(k.Runes), 'q') && mayQuit:
			// Runes in one read outside a text field are that many key
			// presses (issue 11), q among them.
			continue
		}
		return k
	}
}

func (mk *monkey) randomKey() tea.KeyMsg {
	r := mk.rng
	switch n := r.Intn(100); {
	case n < 35:
		return namedKey(monkeyBindings[r.Intn(len(monkeyBindings))])
	case n < 65:
		return runes(monkeyPrintable[r.Intn(len(monkeyPrintable))])
	case n < 72:
		return tea.KeyMsg{Type: monkeyKeyTypes[r.Intn(len(monkeyKeyTypes))], Alt: r.Intn(8) == 0}
	case n < 75:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{monkeyPrintable[r.Intn(len(monkeyPrintable))]}, Alt: true}
	case n < 88:
		return runes([]rune(mk.exotic())...)
	case n < 93: // an input method commits a few characters at once
		var b strings.Builder
		for range 2 + r.Intn(6) {
			b.WriteString(mk.exotic())
		}
		return runes([]rune(b.String())...)
	case n < 96:
		return runes([]rune(monkeyWords[r.Intn(len(monkeyWords))])...)
	case n < 98:
		k := runes([]rune(monkeyEscapes[r.Intn(len(monkeyEscapes))])...)
		k.Paste = r.Intn(2) == 0
		return k
	}
	k := runes([]rune(mk.paste())...)
	k.Paste = true
	return k
}

// namedKey is the key bubbletea reports for a name such as "ctrl+n",
// "alt+enter" or " "; anything else is typed as runes.
func namedKey(name string) tea.KeyMsg {
	alt := strings.HasPrefix(name, "alt+")
	if alt {
		name = strings.TrimPrefix(name, "alt+")
	}
	if name == " " {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}, Alt: alt}
	}
	for _, k := range monkeyKeyTypes {
		if k.String() == name {
			return tea.KeyMsg{Type: k, Alt: alt}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name), Alt: alt}
}

func runes(rs ...rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: rs} }

// exotic is one hostile or wide character (or cluster).
func (mk *monkey) exotic() string {
	r := mk.rng
	switch r.Intn(10) {
	case 0, 1, 2:
		return string(rune(0x4e00 + r.Intn(0x5200))) // CJK
	case 3:
		return monkeyEmoji[r.Intn(len(monkeyEmoji))]
	case 4:
		return string([]rune{rune('a' + r.Intn(26)), rune(0x300 + r.Intn(0x70)), rune(0x300 + r.Intn(0x70))}) // combining
	case 5:
		return string(rune(0x300 + r.Intn(0x70))) // a lone combining mark
	case 6:
		cs := []rune{0, 7, 8, 9, 10, 11, 12, 13, 27, 127, 0x85, 0x9b, 0x9c}
		return string(cs[r.Intn(len(cs))]) // control characters
	case 7:
		bs := []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c}
		return string(bs[r.Intn(len(bs))]) // bidi
	case 8:
		zs := []rune{0x200b, 0x200c, 0x200d, 0xfeff, 0x2060, 0xfe0f, 0xad, 0x3000, 0xff21, 0xac00, 0x1100, 0xfffd, 0xe000}
		return string(zs[r.Intn(len(zs))]) // zero-width, fullwidth, Hangul, private use
	}
	return string(rune(0x20 + r.Intn(0x2fff))) // anything in the lower planes
}

// paste is a pasted text: sentences, lines, hostile bits; sometimes long.
func (mk *monkey) paste() string {
	r := mk.rng
	n := 5 + r.Intn(60)
	if r.Intn(15) == 0 {
		n = 500 + r.Intn(1500)
	}
	var b strings.Builder
	for range n {
		switch r.Intn(6) {
		case 0:
			b.WriteString(monkeyWords[r.Intn(len(monkeyWords))])
		case 1:
			b.WriteString(mk.exotic())
		case 2:
			b.WriteString("\n")
		case 3:
			b.WriteString(monkeyEscapes[r.Intn(len(monkeyEscapes))])
		default:
			b.WriteString("车牌识别插件 plate recognition ")
		}
	}
	return b.String()
}

// The monkey found these; each replays what it typed.
