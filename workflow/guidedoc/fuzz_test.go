package guidedoc

import (
	"testing"

	"plugpub/workflow"
)

// FuzzGuideDoc puts hostile text in every field of a draft: the sample code
// must stay valid JSON, AXML and JavaScript, and the document must hold
// together, with nothing in either that a terminal would act on.
//
//	go test ./workflow/guidedoc -run '^$' -fuzz FuzzGuideDoc -fuzztime 1m
func FuzzGuideDoc(f *testing.F) {
	f.Add("plate-scanner", "String", "camera", "识别方式：camera 拍照识别")
	f.Add("onRecognize", "Number", "1", "# 标题\n\n- 列表")
	f.Add("a|b`c\\", "Object", `{"a": [1, "x"]}`, "<!-- open\n```js\nx")
	f.Add("delete", "Any", "{{x}}\"'<&>", "~~~\n\t# in code")
	f.Add("\x1b[31mred\x1b[0m", "Foo", "\u202eevil\u202c \x85 \u2028", "\x1b]0;pwned\x07\r\n====")
	f.Add("扫 码/页", "Boolean", "true", "````\n```\n````")
	f.Fuzz(func(t *testing.T, name, typ, def, text string) {
		d := hostileDraft(name, typ, def, text)
		s := SampleCode(name, d.Guide)
		checkSample(t, s)
		m := Meta{PluginID: name, PluginName: text, Owner: typ, Source: text}
		checkMarkdown(t, string(Markdown(m, d, s)))
		// The text drawing of the same page is safe to print too.
		for _, r := range NewPage(m, d, s).Text() {
			if r != '\n' && r != '\t' && unsafeRune(r) {
				t.Fatalf("the text holds %U", r)
			}
		}
	})
}

func hostileDraft(name, typ, def, text string) workflow.Draft {
	prop := func(n string, req bool) workflow.Prop {
		return workflow.Prop{Name: n, Type: typ, Required: req, Default: def, Description: text}
	}
	param := func(n string) workflow.Param {
		return workflow.Param{Name: n, Type: typ, Required: true, Description: text}
	}
	return workflow.Draft{
		Info: workflow.Info{
			Title: name, Intro: text, Description: text, Logo: def,
			Abilities: []string{name, text}, Buyers: text, Usage: text, Cases: text,
			PCURL: def, Contact: def,
		},
		Guide: workflow.Guide{
			Components: []workflow.Component{
				{Name: name, Description: text, Props: []workflow.Prop{prop(name, true), prop("p", false), prop(def, false)},
					Events: []workflow.EventDecl{{Name: name, Description: text}, {Name: "onTap", Description: text}}},
				{Name: "plain", Props: []workflow.Prop{prop(name, false)}},
			},
			Pages: []workflow.GuidePage{{Name: name, Path: def, Description: text, Params: []workflow.Param{param(name), param("q")}}},
			APIs: []workflow.API{{Name: name, Description: text, Inputs: []workflow.Param{param(name), param(def)},
				Outputs: []workflow.Param{param(name)}}},
			Instructions: text,
		},
	}
}
