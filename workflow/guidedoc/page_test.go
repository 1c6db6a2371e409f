package guidedoc

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"plugpub/workflow"
)

func page(m Meta, d workflow.Draft) Page { return NewPage(m, d, SampleCode(m.PluginID, d.Guide)) }

// labels is every label and empty-part word the model gives a page, which
// each drawing of it must show.
func labels(p Page) []string {
	out := []string{Or(p.Title, TitleNone), p.Guide.Title, p.Guide.Instructions.Title, p.Sample.Title}
	for _, f := range p.Rows() {
		out = append(out, f.Label)
	}
	for _, s := range p.Sections {
		out = append(out, s.Title)
	}
	for _, l := range p.Guide.Lists {
		out = append(out, l.Title)
		if len(l.Items) == 0 {
			out = append(out, l.None)
		}
		for _, it := range l.Items {
			for _, t := range it.Tables {
				if len(t.Rows) == 0 {
					out = append(out, t.None)
				} else {
					out = append(out, t.Head...)
				}
			}
		}
	}
	return out
}

// TestTextAndMarkdownShowTheModelsLabels: the CLI's text and the export
// show the same labels and the same words for empty parts, 无属性 among them.
func TestTextAndMarkdownShowTheModelsLabels(t *testing.T) {
	bare := workflow.SampleDraft()
	bare.Guide.Components[0].Props = nil
	bare.Guide.Components[0].Events = nil
	bare.Info.Contact, bare.Info.PCURL = "", ""
	for name, d := range map[string]workflow.Draft{"sample": workflow.SampleDraft(), "empty": workflow.NewDraft(), "bare": bare} {
		p := page(Meta{PluginID: "2021004100000001", PluginName: "车牌识别", Owner: "dev1", Source: "草稿"}, d)
		text, md := p.Text(), string(p.Markdown())
		for _, l := range labels(p) {
			if !strings.Contains(text, l) {
				t.Errorf("%s: the text lacks %q", name, l)
			}
			if !strings.Contains(md, inline(l)) {
				t.Errorf("%s: the Markdown lacks %q", name, l)
			}
		}
	}
	p := page(Meta{}, bare)
	for _, want := range []string{"无属性", "无事件", "客服联系方式    未填写", "PC端url         无"} {
		if !strings.Contains(p.Text(), want) {
			t.Errorf("the text lacks %q:\n%s", want, p.Text())
		}
	}
	for _, want := range []string{"无属性。", "无事件。", "- 客服联系方式：未填写", "- PC端url：无"} {
		if !strings.Contains(string(p.Markdown()), want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
}

func TestTextOfTheSampleDraft(t *testing.T) {
	text := page(Meta{PluginID: "2021004100000001", PluginName: "车牌识别"}, workflow.SampleDraft()).Text()
	for _, want := range []string{
		"车牌识别插件\n拍照或选择图片",
		"\n插件 ID         2021004100000001（车牌识别）\n功能类型        基础、安全\n",
		"\n发布后是否展示  展示\n",
		"\n  组件 plate-scanner\n    车牌扫描组件",
		// Columns align by cells: 属性 is as wide as "prop" plus padding.
		"\n    属性      | 类型    | 必填 | 默认值 | 描述\n    ----------+---------+------+--------+---",
		"\n    bizId     | String  | 是   | -      | 业务单号",
		"\n  页面 scan\n    路径 pages/scan/index\n",
		"\n  页面 history\n    路径 pages/history/index\n    识别记录页：展示当前用户最近 30 天的识别记录。\n    无参数\n",
		"\n接入说明与示例代码\n  ## 1. 声明插件\n",
		"\n功能清单（示例代码）\n  以下代码由接入指引生成。",
		"\n  声明插件\n    在小程序的 app.json 中声明插件，provider 为插件 ID：\n      {\n",
		`"provider": "2021004100000001"`,
		"\n  接口 getQuota\n    const myPlugin = requirePlugin('myPlugin');\n\n    myPlugin.getQuota();\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\n\n\n") || !strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\n\n") {
		t.Errorf("blank lines are doubled or the end is wrong:\n%q", text[len(text)-40:])
	}
	empty := page(Meta{}, workflow.NewDraft()).Text()
	for _, want := range []string{TitleNone + "\n", "\n服务描述\n  未填写\n", "\n组件列表\n  无组件\n", "\n接入说明与示例代码\n  未填写\n"} {
		if !strings.Contains(empty, want) {
			t.Errorf("the empty page's text lacks %q:\n%s", want, empty)
		}
	}
}

// TestTextIsSafe: hostile text in every field reaches the text output as
// words, without a control character, and the rows still align.
func TestTextIsSafe(t *testing.T) {
	bad := "\x1b[31m红\x1b[0m \x1b]0;pwned\x07 \u202eevil \x85 tab\there\r\n第二行"
	d := hostileDraft(bad, bad, bad, bad)
	text := page(Meta{PluginID: bad, PluginName: bad, Owner: bad, Source: bad}, d).Text()
	// A long text keeps its tabs, as the export does; nothing else.
	for _, r := range text {
		if r != '\n' && r != '\t' && unsafeRune(r) {
			t.Fatalf("the text holds %U", r)
		}
	}
	if strings.Contains(text, "pwned") || !strings.Contains(text, "第二行") {
		t.Errorf("escape payloads must go and readable text stay:\n%s", text)
	}
	// One-line places hold no line break or tab, so the label column
	// stays aligned: every field row's value starts at the same cell.
	for _, l := range strings.Split(text, "\n") {
		for _, label := range []string{"插件 ID ", "开发者 ", "来源 ", "功能类型 ", "可订购人群 ", "客服联系方式 "} {
			if strings.HasPrefix(l, label) {
				start := len(l) - len(strings.TrimLeft(l[len(label):], " "))
				if strings.Contains(l, "\t") || ansi.StringWidth(l[:start]) != 16 {
					t.Errorf("a misaligned field row: %q", l)
				}
			}
		}
	}
}
