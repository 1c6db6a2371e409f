// Package render draws the market detail page of a publication as text.
// The market's 订购页, 发布管理's 订购页 and the review queue all show a
// snapshot the way the market will show it, so they share this one drawing
// of guidedoc's one model of the page.
package render

import (
	"strings"

	"plugpub/tui/common"
	"plugpub/workflow"
	"plugpub/workflow/guidedoc"
)

// Detail renders a snapshot as the market detail page shows it: the info,
// then the integration guide (接入指引) with the sample code generated from
// it (功能清单), wrapped to width display cells. Every string in d is
// untrusted and sanitised here; no line of the result is wider than width.
// It takes one or two milliseconds for a full page, so callers render once per
// snapshot and width, not once per frame.
//
// The sample code's app.json names the plugin's id, which the draft does
// not hold: Detail writes a placeholder there, DetailOf the id.
func Detail(d workflow.Draft, styles *common.Styles, width int) string {
	return DetailOf("", d, styles, width)
}

// DetailOf is Detail for the plugin pluginID.
func DetailOf(pluginID string, d workflow.Draft, styles *common.Styles, width int) string {
	// No Meta: the screens show the plugin's id and state in their header.
	return Page(guidedoc.NewPage(guidedoc.Meta{}, d, guidedoc.SampleCode(pluginID, d.Guide)), styles, width)
}

// Page draws a laid-out page; the page's About rows are drawn when it has
// them.
func Page(p guidedoc.Page, styles *common.Styles, width int) string {
	if width <= 0 {
		return ""
	}
	doc := &doc{st: styles, width: width}
	if strings.TrimSpace(p.Title) == "" {
		doc.muted(0, guidedoc.TitleNone)
	} else {
		doc.para(0, p.Title, &styles.Bold)
	}
	if strings.TrimSpace(p.Intro) != "" {
		doc.para(0, p.Intro, nil)
	}
	doc.blank()
	var rows [][2]string
	for _, f := range p.Rows() {
		rows = append(rows, [2]string{f.Label, f.WithNote()})
	}
	doc.fields(0, rows)
	for _, s := range p.Sections {
		doc.blank()
		doc.line(0, s.Title, &styles.Heading)
		doc.section(2, s)
	}
	guide(doc, p.Guide)
	sample(doc, p.Sample)
	return doc.String()
}

// section draws a long text, or its empty word.
func (d *doc) section(n int, s guidedoc.Section) {
	if strings.TrimSpace(workflow.Sanitize(s.Text)) == "" {
		d.muted(n, s.None)
		return
	}
	d.prose(n, s.Text)
}

func guide(doc *doc, g guidedoc.GuideDoc) {
	st := doc.st
	doc.blank()
	doc.line(0, g.Title, &st.Heading)
	for _, l := range g.Lists {
		doc.blank()
		doc.line(0, l.Title, &st.Bold)
		if len(l.Items) == 0 {
			doc.muted(2, l.None)
		}
		for _, it := range l.Items {
			doc.blank()
			doc.line(2, guidedoc.Or(it.Name, it.NoName), &st.Label)
			for _, f := range it.Fields {
				doc.para(4, f.Label+" "+f.Shown(), &st.Muted)
			}
			if strings.TrimSpace(it.Description) != "" {
				doc.text(4, it.Description, nil)
			}
			for i, t := range it.Tables {
				if i > 0 {
					doc.blank()
				}
				doc.docTable(4, t)
			}
		}
	}
	doc.blank()
	doc.line(0, g.Instructions.Title, &st.Bold)
	doc.section(2, g.Instructions)
}

// docTable draws one of the guide's tables, or its empty word.
func (d *doc) docTable(n int, t guidedoc.Table) {
	if len(t.Rows) == 0 {
		d.muted(n, t.None)
		return
	}
	tt := table{head: t.Head}
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = guidedoc.Or(c.Text, guidedoc.EmptyCell)
		}
		tt.rows = append(tt.rows, cells)
	}
	d.table(n, tt)
}
