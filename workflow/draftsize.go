package workflow

import "unicode/utf8"

// sizeBound is at least the length of the draft's MarshalDraft form,
// computed without building it. Problems runs on
// every submit, and marshalling a draft of 200 components × 20 props only
// to learn its length was a quarter of 提交申请 (BenchmarkSubmit). The
// bound counts every string at its escaped length and gives every field
// and bracket a generous line of indentation, key and punctuation, so it
// is never below the real size; when it exceeds MaxDraftBytes, Problems
// marshals for the exact answer. The draft table counts every member (see
// perField). measure is escapedLen, or the rougher and
// cheaper roughEscapedLen tried first.
func (d Draft) sizeBound(measure func(string) int) int {
	return draftTable.size(&d, measure)
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
