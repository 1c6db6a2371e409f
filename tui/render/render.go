// Package render draws the market detail page of a publication as text.
// The market's 订购页, 发布管理's 订购页 and the review queue all show a
// snapshot the way the market will show it, so they share this one drawing.
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
// It takes about a millisecond for a full page, so callers render once per
// snapshot and width, not once per frame.
//
// The sample code's app.json names the plugin's id, which the draft does
// not hold: Detail writes a placeholder there, DetailOf the id.
func Detail(d workflow.Draft, styles *common.Styles, width int) string {
	return DetailOf("", d, styles, width)
}

// DetailOf is Detail for the plugin pluginID.
func DetailOf(pluginID string, d workflow.Draft, styles *common.Styles, width int) string {
	if width <= 0 {
		return ""
	}
	doc := &doc{st: styles, width: width}
	in := d.Info
	if strings.TrimSpace(in.Title) == "" {
		doc.muted(0, "未填写服务标题")
	} else {
		doc.para(0, in.Title, &styles.Bold)
	}
	if strings.TrimSpace(in.Intro) != "" {
		doc.para(0, in.Intro, nil)
	}
	doc.blank()
	logo := "无"
	if in.Logo != "" {
		logo = "已上传"
	}
	doc.fields(0, [][2]string{
		{"功能类型", guidedoc.Or(strings.Join(in.Abilities, "、"), "未填写")},
		{"可订购人群", guidedoc.Or(in.Buyers, "未填写")},
		{"PC端url", guidedoc.Or(in.PCURL, "无")},
		{"客服联系方式", guidedoc.Or(in.Contact, "未填写")},
		{"Logo", logo},
	})
	for _, s := range []struct{ title, text string }{
		{"服务描述", in.Description},
		{"接入玩法", in.Usage},
		{"案例介绍", in.Cases},
	} {
		doc.blank()
		doc.line(0, s.title, &styles.Heading)
		doc.prose(2, s.text)
	}
	guide(doc, d.Guide)
	sample(doc, guidedoc.SampleCode(pluginID, d.Guide))
	return doc.String()
}

func guide(doc *doc, g workflow.Guide) {
	st := doc.st
	doc.blank()
	doc.line(0, "接入指引", &st.Heading)

	doc.blank()
	doc.line(0, "组件列表", &st.Bold)
	if len(g.Components) == 0 {
		doc.muted(2, "无组件")
	}
	for _, c := range g.Components {
		doc.blank()
		doc.line(2, c.Name, &st.Label)
		if strings.TrimSpace(c.Description) != "" {
			doc.text(4, c.Description, nil)
		}
		if len(c.Props) == 0 {
			doc.muted(4, "无属性")
		} else {
			t := table{head: []string{"属性", "类型", "必填", "默认值", "描述"}}
			for _, p := range c.Props {
				t.rows = append(t.rows, []string{p.Name, p.Type, guidedoc.YesNo(p.Required), guidedoc.Or(p.Default, "-"), p.Description})
			}
			doc.table(4, t)
		}
		doc.blank()
		if len(c.Events) == 0 {
			doc.muted(4, "无事件")
		} else {
			t := table{head: []string{"事件", "描述"}}
			for _, e := range c.Events {
				t.rows = append(t.rows, []string{e.Name, e.Description})
			}
			doc.table(4, t)
		}
	}

	doc.blank()
	doc.line(0, "页面列表", &st.Bold)
	if len(g.Pages) == 0 {
		doc.muted(2, "无页面")
	}
	for _, p := range g.Pages {
		doc.blank()
		doc.line(2, p.Name, &st.Label)
		doc.para(4, "路径 "+guidedoc.Or(p.Path, "未填写"), &st.Muted)
		if strings.TrimSpace(p.Description) != "" {
			doc.text(4, p.Description, nil)
		}
		params(doc, "参数", "无参数", p.Params)
	}

	doc.blank()
	doc.line(0, "接口列表", &st.Bold)
	if len(g.APIs) == 0 {
		doc.muted(2, "无接口")
	}
	for _, a := range g.APIs {
		doc.blank()
		doc.line(2, a.Name, &st.Label)
		if strings.TrimSpace(a.Description) != "" {
			doc.text(4, a.Description, nil)
		}
		params(doc, "入参", "无入参", a.Inputs)
		doc.blank()
		params(doc, "出参", "无出参", a.Outputs)
	}

	doc.blank()
	doc.line(0, "接入说明与示例代码", &st.Bold)
	doc.prose(2, g.Instructions)
}

func params(doc *doc, head, none string, ps []workflow.Param) {
	if len(ps) == 0 {
		doc.muted(4, none)
		return
	}
	t := table{head: []string{head, "类型", "必填", "描述"}}
	for _, p := range ps {
		t.rows = append(t.rows, []string{p.Name, p.Type, guidedoc.YesNo(p.Required), p.Description})
	}
	doc.table(4, t)
}
