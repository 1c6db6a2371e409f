package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// freeze v0.2.2 draws only part of what a terminal does with SGR: each
// sequence starts a fresh span that forgets the colour before it (so bold
// after a colour loses the colour), 39 and 49 are ignored (a colour runs on
// past its end), reverse video (7), faint (2) and the 40–47 backgrounds are
// not drawn, and a space after a Chinese character in the same span takes that
// character's font (narrower than a cell), so columns after Chinese text drift.
//
// normalize rewrites what tmux captured into the few sequences freeze gets
// right: at every change of the drawn style a reset, then the foreground, then
// the background when it is not the default, all as 24-bit colours, with
// reverse and faint already applied. Every non-ASCII character is closed off
// with the same sequence, so the text after it starts a span of its own in the
// monospace font. Each line is padded to width cells and the result has
// exactly height lines, so every picture has the same size.
func normalize(captured string, width, height int, pal palette) string {
	lines := strings.Split(strings.TrimRight(captured, "\n"), "\n")
	for len(lines) < height {
		lines = append(lines, "")
	}
	lines = lines[:height]

	var out strings.Builder
	var st sgrState
	for i, line := range lines {
		if i > 0 {
			out.WriteByte('\n')
		}
		cells := 0
		out.WriteString(st.sequence(pal))
		rest := line
		for rest != "" {
			if rest[0] == 0x1b {
				seq, n := escape(rest)
				rest = rest[n:]
				if params, ok := strings.CutSuffix(strings.TrimPrefix(seq, "\x1b["), "m"); ok && strings.HasPrefix(seq, "\x1b[") {
					before := st.sequence(pal)
					st.apply(params)
					if now := st.sequence(pal); now != before {
						out.WriteString(now)
					}
				}
				continue
			}
			g, w := firstGrapheme(rest)
			rest = rest[len(g):]
			if cells+w > width {
				break
			}
			if g == "\t" || (len(g) == 1 && g[0] < 0x20) {
				continue // tmux prints no control characters; never let one through
			}
			out.WriteString(g)
			cells += w
			if !isASCII(g) {
				out.WriteString(st.sequence(pal))
			}
		}
		if cells < width {
			out.WriteString(sgrState{}.sequence(pal))
			out.WriteString(strings.Repeat(" ", width-cells))
		}
	}
	out.WriteByte('\n')
	return out.String()
}

// escape returns the escape sequence at the start of s and its length: a CSI
// up to its final byte, an OSC or other string up to BEL or ST, or ESC and the
// one byte after it.
func escape(s string) (string, int) {
	if len(s) < 2 {
		return s, len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return s[:i+1], i + 1
			}
		}
		return s, len(s)
	case ']', 'P', '_', '^', 'X':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return s[:i+1], i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return s[:i+2], i + 2
			}
		}
		return s, len(s)
	}
	return s[:2], 2
}

// firstGrapheme returns the first character of s and its cells, measured
// rune by rune with wcwidth as tmux measures them.
func firstGrapheme(s string) (string, int) {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n], ansi.WcWidth.StringWidth(s[:n])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// A colour as a terminal holds it: the default, one of the 256, or 24-bit.
type color struct {
	kind    int // 0 default, 1 indexed, 2 rgb
	index   int
	r, g, b uint8
}

type sgrState struct {
	fg, bg         color
	faint, reverse bool
}

// apply updates the state with one SGR parameter list, as a terminal would;
// attributes freeze cannot draw (bold, italic, underline, blink) are dropped.
func (st *sgrState) apply(params string) {
	if params == "" {
		*st = sgrState{}
		return
	}
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	num := func(i int) int {
		if i >= len(ps) {
			return -1
		}
		n, err := strconv.Atoi(ps[i])
		if err != nil {
			return -1
		}
		return n
	}
	for i := 0; i < len(ps); i++ {
		switch n := num(i); {
		case n == 0:
			*st = sgrState{}
		case n == 2:
			st.faint = true
		case n == 22:
			st.faint = false
		case n == 7:
			st.reverse = true
		case n == 27:
			st.reverse = false
		case n >= 30 && n <= 37, n >= 90 && n <= 97, n == 39:
			st.fg = basicColor(n - 30)
		case n >= 40 && n <= 47, n >= 100 && n <= 107, n == 49:
			st.bg = basicColor(n - 40)
		case n == 38 || n == 48:
			var c color
			switch num(i + 1) {
			case 5:
				c = color{kind: 1, index: num(i + 2)}
				i += 2
			case 2:
				c = color{kind: 2, r: uint8(num(i + 2)), g: uint8(num(i + 3)), b: uint8(num(i + 4))}
				i += 4
			default:
				continue
			}
			if c.kind == 1 && (c.index < 0 || c.index > 255) {
				continue
			}
			if n == 38 {
				st.fg = c
			} else {
				st.bg = c
			}
		}
	}
}

// basicColor is the colour an SGR parameter names, given as n, its offset
// from 30 (a foreground) or 40 (a background): 0–7 the eight colours,
// 60–67 their bright versions, 9 the default.
func basicColor(n int) color {
	switch {
	case n >= 0 && n <= 7:
		return color{kind: 1, index: n}
	case n >= 60 && n <= 67:
		return color{kind: 1, index: n - 60 + 8}
	}
	return color{} // 9: the default
}

// sequence is what freeze is given for this state: reset, foreground, and the
// background when it is not the default.
func (st sgrState) sequence(pal palette) string {
	fg := pal.rgb(st.fg, pal.fg)
	bg := pal.rgb(st.bg, pal.bg)
	hasBG := st.bg.kind != 0
	if st.reverse {
		fg, bg = bg, fg
		hasBG = true
	}
	if st.faint {
		fg = mix(fg, bg, 0.5)
	}
	s := fmt.Sprintf("\x1b[0m\x1b[38;2;%d;%d;%dm", fg[0], fg[1], fg[2])
	if hasBG {
		s += fmt.Sprintf("\x1b[48;2;%d;%d;%dm", bg[0], bg[1], bg[2])
	}
	return s
}

func mix(a, b [3]uint8, t float64) [3]uint8 {
	var m [3]uint8
	for i := range a {
		m[i] = uint8(float64(a[i])*(1-t) + float64(b[i])*t + 0.5)
	}
	return m
}

// palette holds the default colours and the sixteen basic ones; the other
// 240 are the xterm cube and grey ramp.
type palette struct {
	fg, bg [3]uint8
	basic  [16][3]uint8
}

func hex(s string) [3]uint8 {
	v, _ := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	return [3]uint8{uint8(v >> 16), uint8(v >> 8), uint8(v)}
}

// darkPalette is a dark terminal: the background matches the picture's.
var darkPalette = palette{
	fg: hex("#d0d0d0"),
	bg: hex("#171717"),
	basic: [16][3]uint8{
		hex("#2b2b2b"), hex("#d74e6f"), hex("#31bb71"), hex("#d3e561"),
		hex("#8056ff"), hex("#ed61d7"), hex("#04d7d7"), hex("#c5c8c6"),
		hex("#5c5c5c"), hex("#fe5f86"), hex("#00d787"), hex("#ebff71"),
		hex("#8f69ff"), hex("#ff7aea"), hex("#00fefe"), hex("#ffffff"),
	},
}

func (p palette) rgb(c color, def [3]uint8) [3]uint8 {
	switch c.kind {
	case 2:
		return [3]uint8{c.r, c.g, c.b}
	case 1:
		n := c.index
		switch {
		case n < 16:
			return p.basic[n]
		case n < 232:
			n -= 16
			level := func(v int) uint8 {
				if v == 0 {
					return 0
				}
				return uint8(55 + 40*v)
			}
			return [3]uint8{level(n / 36), level(n / 6 % 6), level(n % 6)}
		default:
			v := uint8(8 + 10*(n-232))
			return [3]uint8{v, v, v}
		}
	}
	return def
}
