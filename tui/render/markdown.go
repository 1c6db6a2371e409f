package render

import (
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"plugpub/workflow"
)

// The long texts of a publication are Markdown as people type it in a web
// form. goldmark parses it (CommonMark plus GFM tables and strikethrough)
// and this file draws the tree with lipgloss, wrapped by cells. Glamour
// would draw it too, but asks the terminal for its background at start-up
// and costs tens of milliseconds; the parser is built on first use, so a
// console that never shows a page never pays for it.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
})

// prose draws untrusted markdown at indent n. Line breaks inside a
// paragraph are kept as typed, as a web form's preview does: a Chinese
// sentence broken over two lines must not gain a space where it was split.
func (d *doc) prose(n int, s string) {
	s = clean(s)
	if strings.TrimSpace(s) == "" {
		d.muted(n, "未填写")
		return
	}
	src := []byte(s)
	r := &mdr{d: d, src: src, styles: map[mark]*lipgloss.Style{}}
	ind := d.indent(n)
	r.blocks(mdParser().Parse(text.NewReader(src)), ind, ind, false)
}

// mark is the inline formatting a span of text is under.
type mark uint8

const (
	strong mark = 1 << iota
	emph
	strike
	codeSpan
	url
)

// mdr draws one document's tree into d.
type mdr struct {
	d      *doc
	src    []byte
	styles map[mark]*lipgloss.Style
}

// blocks draws the children of parent, the first line with first and the
// others with rest (a list item's marker, then its hanging indent). Blocks
// are set apart by a blank line unless they are a tight list's.
func (r *mdr) blocks(parent ast.Node, first, rest string, tight bool) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if c != parent.FirstChild() && !tight {
			r.d.blank()
		}
		r.block(c, first, rest)
		first = rest
	}
}

func (r *mdr) block(n ast.Node, first, rest string) {
	d := r.d
	switch n := n.(type) {
	case *ast.Heading:
		// The marks stay: without colour they are what sets a heading apart.
		// A heading is set apart even from the title above the text.
		d.blank()
		m := strings.Repeat("#", n.Level) + " "
		if spans := r.inline(n, strong); len(spans) > 0 {
			r.lines(spans, first+m, rest+strings.Repeat(" ", len(m)))
		}
	case *ast.Paragraph, *ast.TextBlock:
		r.lines(r.inline(n, 0), first, rest)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		r.code(n.Lines(), first, rest)
	case *ast.HTMLBlock:
		// Shown as typed: it is text to the person reading the page.
		var closure *text.Segment
		if n.HasClosure() {
			closure = &n.ClosureLine
		}
		r.verbatim(n.Lines(), closure, first, rest)
	case *ast.Blockquote:
		r.blocks(n, first+"> ", rest+"> ", false)
	case *ast.List:
		num := n.Start
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			if it != n.FirstChild() && !n.IsTight {
				d.blank()
			}
			m := string(n.Marker) + " "
			if n.IsOrdered() {
				m = strconv.Itoa(num) + m
				num++
			}
			pad := strings.Repeat(" ", len(m))
			if it.FirstChild() == nil {
				d.add(strings.TrimRight(first+m, " "), nil)
			} else {
				r.blocks(it, first+m, rest+pad, n.IsTight)
			}
			first = rest
		}
	case *ast.ThematicBreak:
		room := d.width - ansi.StringWidth(first)
		d.add(first+strings.Repeat("-", max(1, min(40, room))), &d.st.Muted)
	case *extast.Table:
		r.table(n, rest)
	default:
		r.blocks(n, first, rest, false)
	}
}

// lines draws inline spans, a new line at each line break, each wrapped.
func (r *mdr) lines(spans []span, first, rest string) {
	var line []span
	flush := func() {
		for _, l := range wrapSpans(line, r.d.width, first, rest) {
			r.d.add(l, nil)
		}
		line, first = nil, rest
	}
	for _, sp := range spans {
		if sp.text == "\n" {
			flush()
			continue
		}
		line = append(line, sp)
	}
	flush()
}

// code draws a code block four cells in, as typed: wrapped under itself
// when too long, never re-flowed, blank lines kept.
func (r *mdr) code(ls *text.Segments, first, rest string) {
	r.d.blank()
	in := func(p string) string {
		// Four cells deeper, but never so deep the code has no room.
		return p + strings.Repeat(" ", max(0, min(4, r.d.width-minBody-ansi.StringWidth(p))))
	}
	first, rest = in(first), in(rest)
	for i := range ls.Len() {
		l := strings.TrimRight(segment(ls.At(i), r.src), " \r\n")
		if strings.TrimSpace(l) == "" {
			r.d.add(strings.TrimRight(first, " "), nil)
		} else {
			for _, w := range wrapLine(l, r.d.width, first, rest) {
				r.d.add(w, nil)
			}
		}
		first = rest
	}
	r.d.blank()
}

// verbatim draws lines as typed, wrapped like a paragraph's.
func (r *mdr) verbatim(ls *text.Segments, closure *text.Segment, first, rest string) {
	var all []string
	for i := range ls.Len() {
		all = append(all, segment(ls.At(i), r.src))
	}
	if closure != nil {
		all = append(all, string(closure.Value(r.src)))
	}
	for _, l := range all {
		l = strings.TrimRight(l, " \r\n")
		for _, w := range wrapLine(l, r.d.width, first, rest) {
			r.d.add(w, nil)
		}
		first = rest
	}
}

// table draws a GFM table with the page's own table layout, which wraps
// the last column and falls back to records on a narrow screen.
func (r *mdr) table(n *extast.Table, rest string) {
	var t table
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, plain(r.inline(c, 0)))
		}
		if _, head := row.(*extast.TableHeader); head {
			t.head = cells
		} else {
			t.rows = append(t.rows, cells)
		}
	}
	if len(t.head) == 0 {
		return
	}
	r.d.table(ansi.StringWidth(rest), t)
}

func plain(spans []span) string {
	var b strings.Builder
	for _, sp := range spans {
		if sp.text == "\n" {
			b.WriteByte(' ')
		} else {
			b.WriteString(sp.text)
		}
	}
	return b.String()
}

// inline flattens the inline children of n into styled spans; a span of
// just "\n" is a line break. Every text is sanitised once more after its
// escapes and entities are resolved, since &#27; is an escape character.
func (r *mdr) inline(n ast.Node, m mark) []span {
	var out []span
	var walk func(n ast.Node, m mark)
	put := func(s string, m mark) {
		if s = workflow.SanitizeLine(s); s != "" {
			out = append(out, span{s, r.style(m)})
		}
	}
	walk = func(n ast.Node, m mark) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Value(r.src)
				if !c.IsRaw() {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				put(string(v), m)
				if c.SoftLineBreak() || c.HardLineBreak() {
					out = append(out, span{"\n", nil})
				}
			case *ast.String:
				put(string(c.Value), m)
			case *ast.CodeSpan:
				var b strings.Builder
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						b.Write(t.Value(r.src))
						if t.SoftLineBreak() {
							b.WriteByte(' ')
						}
					}
				}
				put(b.String(), m|codeSpan)
			case *ast.Emphasis:
				if c.Level >= 2 {
					walk(c, m|strong)
				} else {
					walk(c, m|emph)
				}
			case *extast.Strikethrough:
				walk(c, m|strike)
			case *ast.Link:
				r.link(c, string(c.Destination), m, walk, put)
			case *ast.Image:
				r.link(c, string(c.Destination), m, walk, put)
			case *ast.AutoLink:
				put(string(c.URL(r.src)), m|url)
			case *ast.RawHTML:
				for i := range c.Segments.Len() {
					put(string([]byte(segment(c.Segments.At(i), r.src))), m)
				}
			default:
				walk(c, m)
			}
		}
	}
	walk(n, m)
	return out
}

// link draws a link (or an image) as its text and then its address, since
// a terminal page cannot be clicked; text that is the address shows once.
func (r *mdr) link(n ast.Node, dest string, m mark, walk func(ast.Node, mark), put func(string, mark)) {
	walk(n, m)
	label := plainOf(r, n)
	if dest == "" || label == dest {
		return
	}
	if label != "" {
		put(" ", m)
	}
	put("("+dest+")", m|url)
}

// plainOf is the text a link shows, to compare with its address.
func plainOf(r *mdr, n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Value(r.src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// style is the lipgloss style of a mark, built once per page.
func (r *mdr) style(m mark) *lipgloss.Style {
	if m == 0 {
		return nil
	}
	if s, ok := r.styles[m]; ok {
		return s
	}
	s := lipgloss.NewStyle().Bold(m&strong != 0).Italic(m&emph != 0).Strikethrough(m&strike != 0)
	switch {
	case m&codeSpan != 0:
		s = s.Foreground(r.d.st.Label.GetForeground())
	case m&url != 0:
		s = s.Foreground(r.d.st.Muted.GetForeground())
	}
	r.styles[m] = &s
	return &s
}

// segment is the source text of s.
func segment(s text.Segment, src []byte) string { return string(s.Value(src)) }
