package render

import (
	"regexp"
	"strings"
	"sync"

	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// The long texts of a publication (服务描述, 接入玩法, 案例介绍, 接入说明与示例代码)
// are markdown, and glamour reads them: headings, lists (nested, numbered,
// tasks), emphasis, quotes, code blocks. Glamour only gives the structure:
// it is asked never to wrap (it breaks lines at spaces only, and Chinese
// has none) and to keep the lines as typed (joining them puts a space
// inside a Chinese sentence), and its lines are laid out here by the page's own breaker
// (wrapLine) with hanging indents under list markers and heading marks. It
// is asked for nothing at startup: the style is fixed here (no
// WithAutoStyle, which asks the terminal for its background), a renderer is
// built the first time prose is drawn and kept, and callers render once per
// page and width (see Detail).

// proseStyle is glamour's ASCII style without the document's margins:
// headings keep their marks (without colour they are what sets a heading
// apart), strong and emphasis lose their asterisks, code blocks are
// indented four cells and never highlighted.
func proseStyle() gansi.StyleConfig {
	s := styles.ASCIIStyleConfig
	zero, code := uint(0), uint(4)
	s.Document = gansi.StyleBlock{Margin: &zero}
	s.Heading = gansi.StyleBlock{StylePrimitive: gansi.StylePrimitive{BlockSuffix: "\n"}}
	s.Strong = gansi.StylePrimitive{}
	s.Emph = gansi.StylePrimitive{}
	s.CodeBlock = gansi.StyleCodeBlock{StyleBlock: gansi.StyleBlock{Margin: &code}}
	return s
}

// renderers are glamour's, one per wrap width, built on first use; a
// renderer is not safe for concurrent use, so they are used under mu.
var renderers struct {
	mu sync.Mutex
	by map[int]*glamour.TermRenderer
}

// wrapFor is a wrap width glamour never reaches for s: its longest
// paragraph (glamour joins a paragraph's lines) and room for list levels,
// rounded up so that a few renderers serve every text. Glamour pads every
// line to its width, so the width is kept no larger than that.
func wrapFor(s string) int {
	longest, run := 0, 0
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			run = 0
			continue
		}
		run += ansi.StringWidth(l) + 1
		longest = max(longest, run)
	}
	const step = 256
	return (longest + 64 + step) / step * step
}

// markdown renders sanitised markdown to plain lines, not yet wrapped, with
// no escape sequence at all: glamour's styles are dropped (onlySGR, then
// Strip), the page styles headings itself. It reports false when glamour
// fails, and the caller shows the text as typed.
func markdown(s string) ([]string, bool) {
	wrap := wrapFor(s)
	renderers.mu.Lock()
	defer renderers.mu.Unlock()
	r := renderers.by[wrap]
	if r == nil {
		var err error
		r, err = glamour.NewTermRenderer(glamour.WithStyles(proseStyle()), glamour.WithWordWrap(wrap),
			glamour.WithPreservedNewLines(), glamour.WithColorProfile(termenv.Ascii))
		if err != nil {
			return nil, false
		}
		if renderers.by == nil {
			renderers.by = map[int]*glamour.TermRenderer{}
		}
		renderers.by[wrap] = r
	}
	out, err := r.Render(s)
	if err != nil {
		return nil, false
	}
	lines := strings.Split(ansi.Strip(onlySGR(out)), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines, true
}

var (
	headingRe = regexp.MustCompile(`^#{1,6} `)
	markerRe  = regexp.MustCompile(`^(?:• |[0-9]{1,9}\. |\[[ x]\] |\| )`)
)

// onlySGR drops from s every escape sequence but SGR (colour and weight)
// and every control character but the line break: glamour is handed
// sanitised text, and this makes sure nothing it adds moves the cursor,
// sets a title or opens a hyperlink.
func onlySGR(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			j := i + 2
			for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
				j++
			}
			if j < len(s) && s[j] == 'm' && strings.Trim(s[i+2:j], "0123456789;:") == "" {
				b.WriteString(s[i : j+1])
			}
			i = j + 1
		case c == 0x1b:
			i = skipEscape(s, i)
		case c == '\n':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// skipEscape returns the index after the escape sequence at s[i], which is
// not a CSI: an OSC, DCS, SOS, PM or APC string up to its BEL or ST, or
// ESC and the one byte after it.
func skipEscape(s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch s[i+1] {
	case ']', 'P', 'X', '^', '_':
		for j := i + 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return i + 2
}

// prose draws untrusted markdown at indent n: sanitised first, then read
// by glamour, so nothing the user typed reaches the terminal as a sequence.
func (d *doc) prose(n int, s string) {
	s = clean(s)
	if strings.TrimSpace(s) == "" {
		d.muted(n, "未填写")
		return
	}
	lines, ok := markdown(s)
	if !ok {
		d.text(n, s, nil)
		return
	}
	ind := d.indent(n)
	for i, l := range lines {
		if l == "" {
			if i > 0 {
				d.blank()
			}
			continue
		}
		body := strings.TrimLeft(l, " ")
		lead := ind + l[:len(l)-len(body)]
		var st *lipgloss.Style
		hang := markerRe.FindString(body)
		if h := headingRe.FindString(body); h != "" {
			hang, st = h, &d.st.Bold
		}
		// A deep indent gives way before the text does.
		if len(lead) > d.width-minBody {
			lead = d.indent(len(lead))
		}
		rest := lead + strings.Repeat(" ", ansi.StringWidth(hang))
		for _, w := range wrapLine(body, d.width, lead, rest) {
			d.add(w, st)
		}
	}
}
