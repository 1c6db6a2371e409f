package render_test

import (
	"plugpub/tui/tuitest"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"plugpub/tui/common"
	"plugpub/tui/render"
	"plugpub/workflow"
	"plugpub/workflow/guidedoc"
)

// The colour profile is process-wide, so it is set once here rather than
// per test: goldens are compared in plain ASCII.
func TestMain(m *testing.M) {
	tuitest.Main(m)
}

func TestDetailGolden(t *testing.T) {
	styles := common.NewStyles()
	golden.RequireEqual(t, []byte(render.Detail(workflow.SampleDraft(), &styles, 100)))
}

func TestDetailFitsEveryWidth(t *testing.T) {
	styles := common.NewStyles()
	drafts := map[string]workflow.Draft{"sample": workflow.SampleDraft(), "empty": workflow.NewDraft(), "hostile": hostileDraft()}
	for name, d := range drafts {
		for _, w := range []int{100, 80, 40, 20, 5, 1} {
			out := render.Detail(d, &styles, w)
			if out == "" {
				t.Errorf("%s at width %d: empty page", name, w)
			}
			for i, l := range strings.Split(out, "\n") {
				if got := ansi.StringWidth(l); got > w {
					t.Errorf("%s at width %d: line %d is %d cells: %q", name, w, i+1, got, l)
				}
			}
		}
	}
}

func TestDetailShowsEverySection(t *testing.T) {
	styles := common.NewStyles()
	out := render.Detail(workflow.SampleDraft(), &styles, 100)
	for _, want := range []string{
		"车牌识别插件", "功能类型", "基础、安全", "可订购人群", "不限", "PC端url", "https://www.example.com/plate-ocr",
		"客服联系方式", "plate-support@example.com", "服务描述", "接入玩法", "案例介绍", "接入指引",
		"属性", "默认值", "plate-scanner", "onRecognize", "页面列表", "pages/scan/index", "参数",
		"接口列表", "recognizePlate", "入参", "出参", "requestId", "接入说明与示例代码", "声明插件",
		`    "plugins": {`, // code keeps its own indentation
		"功能清单（示例代码）", `"plate-scanner": "plugin://myPlugin/plate-scanner"`, "onRecognize=\"handleRecognize\"",
		"handleRecognize(e) {", "url: 'plugin://myPlugin/scan?bizId=xxx&autoStart=false&maxCount=0',",
		"const myPlugin = requirePlugin('myPlugin');", `"provider": "<插件ID>"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	empty := render.Detail(workflow.NewDraft(), &styles, 80)
	for _, want := range []string{"无组件", "无页面", "无接口", "未填写"} {
		if !strings.Contains(empty, want) {
			t.Errorf("an empty draft's page lacks %q", want)
		}
	}
}

// TestDetailOfNamesThePlugin: with the plugin's id, the generated app.json
// declares it rather than a placeholder, and nothing else changes.
func TestDetailOfNamesThePlugin(t *testing.T) {
	styles := common.NewStyles()
	d := workflow.SampleDraft()
	got := render.DetailOf("2021004100000001", d, &styles, 100)
	want := strings.Replace(render.Detail(d, &styles, 100), `"provider": "<插件ID>"`, `"provider": "2021004100000001"`, 1)
	if got != want {
		t.Errorf("DetailOf differs from Detail by more than the provider:\n%s", got)
	}
}

// TestDetailWrapsDescriptions checks that a long description wraps inside
// its column instead of being cut: every character of it is still there.
func TestDetailWrapsDescriptions(t *testing.T) {
	styles := common.NewStyles()
	d := workflow.SampleDraft()
	long := strings.Repeat("很长的描述文字", 20) + "END"
	d.Guide.Components[0].Props[0].Description = long
	for _, w := range []int{100, 60, 40, 20} {
		out := render.Detail(d, &styles, w)
		var kept strings.Builder
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "很") || strings.Contains(l, "END") {
				_, after, ok := strings.Cut(l, sep(l))
				if !ok {
					after = l
				}
				kept.WriteString(strings.TrimSpace(after))
			}
		}
		if !strings.Contains(kept.String(), long) {
			t.Errorf("width %d: the description was not kept whole:\n%s", w, out)
		}
	}
}

// sep finds where the description column starts in a table line: after the
// last " | ", or nowhere in the narrow record layout.
func sep(l string) string {
	if i := strings.LastIndex(l, " | "); i >= 0 {
		return l[:i+3]
	}
	return "\x00"
}

func hostileDraft() workflow.Draft {
	bad := "\x1b[31mred\x1b[0m \x1b]0;pwned\x07 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ \x9b31m \x85 \u202eevil\u202c \u2066iso\u2069 \x00\x07\x08\x7f tab\there \r\n\u2028next"
	d := workflow.SampleDraft()
	d.Info.Title = bad + "标题"
	d.Info.Intro, d.Info.Description, d.Info.Usage, d.Info.Cases = bad, bad, bad, bad
	d.Info.PCURL, d.Info.Contact, d.Info.Buyers = bad, bad, bad
	d.Info.Abilities = []string{bad}
	c := &d.Guide.Components[0]
	c.Name, c.Description = bad, bad
	c.Props[0] = workflow.Prop{Name: bad, Type: bad, Default: bad, Description: bad}
	c.Events[0] = workflow.EventDecl{Name: bad, Description: bad}
	p := &d.Guide.Pages[0]
	p.Name, p.Path, p.Description = bad, bad, bad
	p.Params[0] = workflow.Param{Name: bad, Type: bad, Description: bad}
	a := &d.Guide.APIs[0]
	a.Name, a.Description = bad, bad
	a.Inputs[0] = workflow.Param{Name: bad, Type: bad, Description: bad}
	a.Outputs[0] = workflow.Param{Name: bad, Type: bad, Description: bad}
	d.Guide.Instructions = "# " + bad + "\n\n- " + bad + "\n\n~~~\n" + bad + "\n~~~\n"
	return d
}

// sgr is the only escape the renderer itself may write: colours and bold.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func TestDetailHostileInput(t *testing.T) {
	styles := common.NewStyles()
	check := func(name, out string) {
		t.Helper()
		for _, r := range out {
			switch {
			case r == '\n':
			case r == '\x1b', unicode.IsControl(r):
				t.Errorf("%s: control character %U in the output", name, r)
			case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c', r == '\u2028', r == '\u2029':
				t.Errorf("%s: bidi or separator character %U in the output", name, r)
			}
		}
		for _, word := range []string{"pwned", "http://evil"} {
			if strings.Contains(out, word) {
				t.Errorf("%s: the payload of an escape sequence (%q) reached the output", name, word)
			}
		}
	}
	for _, w := range []int{100, 40, 5} {
		check("ascii", render.Detail(hostileDraft(), &styles, w))
	}
	// In colour, the only escapes are the theme's own SGR sequences.
	lipgloss.SetColorProfile(termenv.ANSI)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	out := render.Detail(hostileDraft(), &styles, 100)
	if !sgr.MatchString(out) {
		t.Fatal("no colour in the ANSI profile: the test does not test what it means to")
	}
	check("ansi", sgr.ReplaceAllString(out, ""))
}

func BenchmarkDetail(b *testing.B) {
	styles := common.NewStyles()
	d := workflow.SampleDraft()
	for b.Loop() {
		render.Detail(d, &styles, 100)
	}
}

// TestDetailShowsTheModelsLabels: the terminal page shows every label and
// empty-part word of guidedoc's model, the same ones the CLI and the export
// show; a component without properties reads 无属性.
func TestDetailShowsTheModelsLabels(t *testing.T) {
	styles := common.NewStyles()
	bare := workflow.SampleDraft()
	bare.Guide.Components[0].Props, bare.Guide.Components[0].Events = nil, nil
	bare.Info.Contact = ""
	p := guidedoc.NewPage(guidedoc.Meta{}, bare, guidedoc.SampleCode("", bare.Guide))
	out := render.Detail(bare, &styles, 100)
	want := []string{"无属性", "无事件", p.Guide.Title, p.Guide.Instructions.Title, p.Sample.Title}
	for _, f := range p.Fields {
		want = append(want, f.Label+strings.Repeat(" ", 16-ansi.StringWidth(f.Label))+f.Shown())
	}
	for _, s := range p.Sections {
		want = append(want, s.Title)
	}
	for _, l := range p.Guide.Lists {
		want = append(want, l.Title)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	if !strings.Contains(out, "客服联系方式    "+guidedoc.None) {
		t.Errorf("an empty contact should read %s", guidedoc.None)
	}
}
