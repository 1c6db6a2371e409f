package render

import (
	"plugpub/tui/common"
	"plugpub/workflow/guidedoc"
)

// Instructions renders 接入说明与示例代码 alone, exactly as the last section
// of Detail shows it, so the wizard can preview what the market will show
// without drawing the whole page on every change.
func Instructions(md string, styles *common.Styles, width int) string {
	if width <= 0 {
		return ""
	}
	doc := &doc{st: styles, width: width}
	s := guidedoc.InstructionsSection(md)
	doc.line(0, s.Title, &styles.Bold)
	doc.section(2, s)
	return doc.String()
}

// Markdown draws untrusted Markdown alone, wrapped to width cells: the
// same drawing the page gives its long texts.
func Markdown(md string, styles *common.Styles, width int) string {
	if width <= 0 {
		return ""
	}
	doc := &doc{st: styles, width: width}
	doc.prose(0, md)
	return doc.String()
}
