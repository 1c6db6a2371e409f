package workflow

import "unicode/utf8"

// sizeBound is at least the length of the draft's MarshalDraft form,
// computed without building it. Problems runs on
// every submit, and marshalling a draft of 200 components × 20 props only
// to learn its length was a quarter of 提交申请 (BenchmarkSubmit). The
// bound counts every string at its escaped length and gives every field
// and bracket a generous line of indentation, key and punctuation, so it
// is never below the real size; when it exceeds MaxDraftBytes, Problems
// marshals for the exact answer. measure is escapedLen, or the rougher and
// cheaper roughEscapedLen tried first.
func (d Draft) sizeBound(measure func(string) int) int {
	// A field line at the deepest level (a prop's or a param's field) is
	// 12 spaces of indent, a quoted key of at most 20 bytes
	// ("show_after_release"), ": ", a comma and a newline: 36 bytes.
	const perField = 40
	n := 0
	str := func(s string) { n += measure(s) + perField }
	in := d.Info
	for _, s := range []string{in.Title, in.Intro, in.Description, in.Logo, in.Buyers, in.Usage, in.Cases, in.PCURL, in.Contact} {
		str(s)
	}
	for _, s := range in.Abilities {
		str(s)
	}
	n += 16 * perField // the info, guide and list brackets, the boolean
	params := func(list []Param) {
		for _, p := range list {
			str(p.Name)
			str(p.Type)
			str(p.Description)
			n += 3 * perField // required, the object's braces
		}
	}
	g := d.Guide
	for _, c := range g.Components {
		str(c.Name)
		str(c.Description)
		n += 6 * perField
		for _, p := range c.Props {
			str(p.Name)
			str(p.Type)
			str(p.Default)
			str(p.Description)
			n += 3 * perField
		}
		for _, e := range c.Events {
			str(e.Name)
			str(e.Description)
			n += 2 * perField
		}
	}
	for _, p := range g.Pages {
		str(p.Name)
		str(p.Path)
		str(p.Description)
		n += 4 * perField
		params(p.Params)
	}
	for _, a := range g.APIs {
		str(a.Name)
		str(a.Description)
		n += 6 * perField
		params(a.Inputs)
		params(a.Outputs)
	}
	str(g.Instructions)
	return n
}

// roughEscapedLen is at least escapedLen without reading s: no byte is
// written as more than six (\u00XX, \ufffd).
func roughEscapedLen(s string) int { return 2 + 6*len(s) }

// fitsWithoutMarshal reports whether the draft is certainly within
// MaxDraftBytes without marshalling it: most drafts are far below the
// limit, and the rough bound says so without reading a byte of text.
func (d Draft) fitsWithoutMarshal() bool {
	return d.sizeBound(roughEscapedLen) <= MaxDraftBytes || d.sizeBound(escapedLen) <= MaxDraftBytes
}

// escapedLen is at least the length of s as a JSON string written by
// MarshalDraft (HTML characters kept), quotes included. It looks at bytes,
// not runes: Chinese text is most of a big draft and passes as it is.
func escapedLen(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			n++
		case c < 0x20 || c == 0x7f:
			n += 5 // \u00XX, the longest form
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			n += 3 // U+2028 and U+2029 are written \u2028 and \u2029
		}
	}
	if !utf8.ValidString(s) {
		n += 5 * len(s) // at worst every byte becomes \ufffd
	}
	return n
}
