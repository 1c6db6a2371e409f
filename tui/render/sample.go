package render

import (
	"strings"

	"plugpub/workflow/guidedoc"
)

// sample draws the 功能清单: the code generated from the guide, so a
// consumer sees how each component, page and API is used before ordering.
func sample(doc *doc, s guidedoc.Sample) {
	st := doc.st
	doc.blank()
	doc.line(0, "功能清单 · 示例代码", &st.Bold)
	doc.text(2, "以下代码由接入指引生成，插件在 app.json 中的别名为 "+s.Alias+"，可换成别的名称。", &st.Muted)

	doc.blank()
	doc.line(2, "声明插件 app.json", &st.Label)
	doc.code(4, s.AppJSON)
	for _, c := range s.Components {
		doc.blank()
		doc.line(2, "组件 "+c.Name, &st.Label)
		doc.line(4, "页面 .json", &st.Muted)
		doc.code(6, c.PageJSON)
		doc.line(4, "页面 .axml", &st.Muted)
		doc.code(6, c.AXML)
		if c.JS != "" {
			doc.line(4, "页面 .js", &st.Muted)
			doc.code(6, c.JS)
		}
	}
	for _, p := range s.Pages {
		doc.blank()
		doc.line(2, "页面 "+p.Name, &st.Label)
		doc.code(4, p.JS)
	}
	for _, a := range s.APIs {
		doc.blank()
		doc.line(2, "接口 "+a.Name, &st.Label)
		doc.code(4, a.JS)
	}
}

// code draws lines of code at indent n as they are, wrapped under
// themselves when too long, never re-flowed; blank lines stay.
func (d *doc) code(n int, src string) {
	ind := d.indent(n)
	for _, l := range strings.Split(clean(src), "\n") {
		if strings.TrimSpace(l) == "" {
			d.add("", nil)
			continue
		}
		for _, w := range wrapLine(strings.TrimRight(l, " "), d.width, ind, ind) {
			d.add(w, nil)
		}
	}
}
