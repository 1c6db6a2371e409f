package guidedoc

import (
	"strings"

	"plugpub/workflow"
)

// Page is the market detail page (订购页) of a publication as data: what
// is on it, in which order, under which label, and the word shown when a
// part is empty. The console (tui/render), the CLI (Text) and the export
// (Markdown) each draw this one model, so a label or an empty-part word
// cannot read one way on a screen and another in a file. Texts are as the
// publisher typed them, untrusted: every drawing sanitises and escapes.
type Page struct {
	Title string // the service title; TitleNone when blank
	Intro string
	// About says which plugin and which publication the page is, from Meta;
	// the screens show this in their own header, so only the CLI and the
	// export draw it.
	About    []Field
	Fields   []Field   // the info form's short answers
	Sections []Section // 服务描述, 接入玩法, 案例介绍: Markdown as typed
	Guide    GuideDoc
	Sample   SampleDoc
}

// TitleNone is the title of a page whose title is blank.
const TitleNone = "未填写服务标题"

// None is the word for an empty answer the publisher must give; NoneOptional
// is for one that may be left out; EmptyCell fills an empty table cell.
const (
	None         = "未填写"
	NoneOptional = "无"
	EmptyCell    = "-"
)

// Kind says how a value is written where that matters (the Markdown
// export writes a code span or a link; text output writes it as it is).
type Kind int

const (
	Plain Kind = iota
	Code       // a name or path: a code span
	Link       // an address: a link when it is an https URL
)

// Field is one label–value row.
type Field struct {
	Label string
	Value string
	Kind  Kind
	Note  string // said after the value in brackets, such as the plugin's name
	None  string // shown when Value is blank
}

// Shown is the value as the page shows it: the value, or None.
func (f Field) Shown() string { return Or(f.Value, f.None) }

// WithNote is Shown with the note after it, as a text drawing shows a row.
func (f Field) WithNote() string {
	if n := strings.TrimSpace(f.Note); n != "" && strings.TrimSpace(f.Value) != "" {
		return f.Value + "（" + n + "）"
	}
	return f.Shown()
}

// Rows is the page's label–value rows in order: About, then Fields.
func (p Page) Rows() []Field { return append(append([]Field(nil), p.About...), p.Fields...) }

// Section is a titled long text the publisher typed as Markdown.
type Section struct {
	Title string
	Text  string
	None  string // shown when Text is blank
}

// GuideDoc is the integration guide (接入指引): its lists, then the
// instructions (接入说明与示例代码).
type GuideDoc struct {
	Title        string
	Lists        []List
	Instructions Section
}

// List is one part of the guide: 组件列表, 页面列表 or 接口列表.
type List struct {
	Title string
	None  string // shown when there are no items, such as 无组件
	Items []Item
}

// Item is one component, page or API.
type Item struct {
	Kind        string // 组件, 页面 or 接口
	Name        string
	NoName      string // shown when Name is blank
	Fields      []Field
	Description string // plain text as typed
	Tables      []Table
}

// Table is a documentation table; None is shown instead when it has no rows.
type Table struct {
	Head []string
	Rows [][]Cell
	None string
}

// Cell is one table cell; Code marks a name or value written as code.
type Cell struct {
	Text string
	Code bool
}

// SampleDoc is the 功能清单: the code generated from the guide.
type SampleDoc struct {
	Title  string
	Intro  Text
	Groups []SampleGroup
}

// SampleGroup is the code for one declaration, component, page or API.
type SampleGroup struct {
	Kind   string // 声明插件, 组件, 页面 or 接口
	Name   string // "" for the declaration
	Blocks []CodeBlock
}

// CodeBlock is one file's code with the sentence that says where it goes.
type CodeBlock struct {
	Caption Text
	Lang    string
	Code    string
}

// Text is a sentence of our own in which some words are code, such as a
// file name: the export writes those as code spans, text output as words.
type Text []Span

// Span is a run of a Text.
type Span struct {
	S    string
	Code bool
}

// String is t as plain words.
func (t Text) String() string {
	var b strings.Builder
	for _, s := range t {
		b.WriteString(s.S)
	}
	return b.String()
}

// Meta says what a document is about and where it came from.
type Meta struct {
	PluginID   string
	PluginName string
	Owner      string
	Source     string // what was exported, such as 草稿 or 提交 3 · 版本 1.0.0 · 已上架
}

// NewPage lays out the page of draft d (a draft or a submission's
// snapshot) with the sample code s generated from its guide.
func NewPage(m Meta, d workflow.Draft, s Sample) Page {
	in := d.Info
	p := Page{Title: in.Title, Intro: in.Intro}
	if m.PluginID != "" {
		p.About = append(p.About, Field{Label: "插件 ID", Value: m.PluginID, Kind: Code, Note: m.PluginName, None: None})
	}
	if m.Owner != "" {
		p.About = append(p.About, Field{Label: "开发者", Value: m.Owner, None: None})
	}
	if m.Source != "" {
		p.About = append(p.About, Field{Label: "来源", Value: m.Source, None: None})
	}
	show, logo := "展示", NoneOptional
	if !in.ShowAfterRelease {
		show = "隐藏"
	}
	if in.Logo != "" {
		logo = "已上传"
	}
	p.Fields = []Field{
		{Label: "功能类型", Value: strings.Join(in.Abilities, "、"), None: None},
		{Label: "可订购人群", Value: in.Buyers, None: None},
		{Label: "发布后是否展示", Value: show},
		{Label: "PC端url", Value: in.PCURL, Kind: Link, None: NoneOptional},
		{Label: "客服联系方式", Value: in.Contact, None: None},
		{Label: "Logo", Value: logo},
	}
	p.Sections = []Section{
		{Title: "服务描述", Text: in.Description, None: None},
		{Title: "接入玩法", Text: in.Usage, None: None},
		{Title: "案例介绍", Text: in.Cases, None: None},
	}
	p.Guide = guideDoc(d.Guide)
	p.Sample = sampleDoc(s)
	return p
}

func guideDoc(g workflow.Guide) GuideDoc {
	comps := List{Title: "组件列表", None: "无组件"}
	for _, c := range g.Components {
		props := Table{Head: []string{"属性", "类型", "必填", "默认值", "描述"}, None: "无属性"}
		for _, p := range c.Props {
			props.Rows = append(props.Rows, []Cell{{p.Name, true}, {Text: p.Type}, {Text: YesNo(p.Required)}, {p.Default, true}, {Text: p.Description}})
		}
		events := Table{Head: []string{"事件", "描述"}, None: "无事件"}
		for _, e := range c.Events {
			events.Rows = append(events.Rows, []Cell{{e.Name, true}, {Text: e.Description}})
		}
		comps.Items = append(comps.Items, Item{Kind: "组件", Name: c.Name, NoName: "未命名组件", Description: c.Description, Tables: []Table{props, events}})
	}
	pages := List{Title: "页面列表", None: "无页面"}
	for _, p := range g.Pages {
		pages.Items = append(pages.Items, Item{Kind: "页面", Name: p.Name, NoName: "未命名页面", Description: p.Description,
			Fields: []Field{{Label: "路径", Value: p.Path, Kind: Code, None: None}},
			Tables: []Table{params("参数", "无参数", p.Params)}})
	}
	apis := List{Title: "接口列表", None: "无接口"}
	for _, a := range g.APIs {
		apis.Items = append(apis.Items, Item{Kind: "接口", Name: a.Name, NoName: "未命名接口", Description: a.Description,
			Tables: []Table{params("入参", "无入参", a.Inputs), params("出参", "无出参", a.Outputs)}})
	}
	return GuideDoc{
		Title:        "接入指引",
		Lists:        []List{comps, pages, apis},
		Instructions: InstructionsSection(g.Instructions),
	}
}

// InstructionsSection is the guide's last section alone, for the wizard's
// preview of it.
func InstructionsSection(text string) Section {
	return Section{Title: "接入说明与示例代码", Text: text, None: None}
}

func params(head, none string, ps []workflow.Param) Table {
	t := Table{Head: []string{head, "类型", "必填", "描述"}, None: none}
	for _, p := range ps {
		t.Rows = append(t.Rows, []Cell{{p.Name, true}, {Text: p.Type}, {Text: YesNo(p.Required)}, {Text: p.Description}})
	}
	return t
}

// SampleTitle is the title of the 功能清单.
const SampleTitle = "功能清单（示例代码）"

func sampleDoc(s Sample) SampleDoc {
	doc := SampleDoc{
		Title: SampleTitle,
		Intro: Text{{S: "以下代码由接入指引生成。插件在 app.json 中的别名为 "}, {s.Alias, true},
			{S: "，可以换成别的名称，代码中的 plugin:// 地址和 requirePlugin 随之修改即可。"}},
		Groups: []SampleGroup{{Kind: "声明插件", Blocks: []CodeBlock{{
			Caption: Text{{S: "在小程序的 "}, {"app.json", true}, {S: " 中声明插件，provider 为插件 ID："}},
			Lang:    "json", Code: s.AppJSON,
		}}}},
	}
	inPage := func(file, what string) Text {
		return Text{{S: "在页面的 "}, {file, true}, {S: " 中" + what + "："}}
	}
	for _, c := range s.Components {
		g := SampleGroup{Kind: "组件", Name: c.Name, Blocks: []CodeBlock{
			{Caption: inPage(".json", "引入组件"), Lang: "json", Code: c.PageJSON},
			{Caption: inPage(".axml", "使用"), Lang: "xml", Code: c.AXML},
		}}
		if c.JS != "" {
			g.Blocks = append(g.Blocks, CodeBlock{Caption: inPage(".js", "准备数据、处理事件"), Lang: "js", Code: c.JS})
		}
		doc.Groups = append(doc.Groups, g)
	}
	for _, p := range s.Pages {
		doc.Groups = append(doc.Groups, SampleGroup{Kind: "页面", Name: p.Name, Blocks: []CodeBlock{{Lang: "js", Code: p.JS}}})
	}
	for _, a := range s.APIs {
		doc.Groups = append(doc.Groups, SampleGroup{Kind: "接口", Name: a.Name, Blocks: []CodeBlock{{Lang: "js", Code: a.JS}}})
	}
	return doc
}
