package guidedoc

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"plugpub/workflow"
)

func TestSampleCodeOfTheSampleDraft(t *testing.T) {
	s := SampleCode("2021004100000001", workflow.SampleDraft().Guide)
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", what, got, want)
		}
	}
	check("app.json", s.AppJSON, `{
  "plugins": {
    "myPlugin": {
      "version": "*",
      "provider": "2021004100000001"
    }
  }
}`)
	if len(s.Components) != 2 || len(s.Pages) != 2 || len(s.APIs) != 2 {
		t.Fatalf("got %d components, %d pages, %d APIs; want 2 of each", len(s.Components), len(s.Pages), len(s.APIs))
	}
	c := s.Components[0]
	check("usingComponents", c.PageJSON, `{
  "usingComponents": {
    "plate-scanner": "plugin://myPlugin/plate-scanner"
  }
}`)
	check("axml", c.AXML, `<plate-scanner
  bizId="{{bizId}}"
  mode="camera"
  maxCount="{{1}}"
  showTips="{{true}}"
  provinces="{{provinces}}"
  onRecognize="handleRecognize"
  onError="handleError"
/>`)
	check("js", c.JS, `Page({
  data: {
    bizId: 'xxx',
    provinces: [],
  },
  // 识别成功时触发，event.detail 为 { plates: [{ number, color, confidence }] }
  handleRecognize(e) {
    console.log('onRecognize', e.detail);
  },
  // 识别失败或用户拒绝相机授权时触发，event.detail 为 { code, message }
  handleError(e) {
    console.log('onError', e.detail);
  },
});`)
	check("page", s.Pages[0].JS, `my.navigateTo({
  url: 'plugin://myPlugin/scan?bizId=xxx&autoStart=false&maxCount=0',
});`)
	check("page without params", s.Pages[1].JS, `my.navigateTo({
  url: 'plugin://myPlugin/history',
});`)
	check("api", s.APIs[0].JS, `const myPlugin = requirePlugin('myPlugin');

myPlugin.recognizePlate({
  imageUrl: 'xxx',
  maxCount: 0,
  options: {},
});
// 出参：plates、requestId`)
	check("api without inputs", s.APIs[1].JS, `const myPlugin = requirePlugin('myPlugin');

myPlugin.getQuota();
// 出参：remaining、resetAt`)
	checkSample(t, s)

	if got := SampleCode("", workflow.Guide{}).AppJSON; !strings.Contains(got, `"provider": "<插件ID>"`) {
		t.Errorf("without a plugin id the provider should be a placeholder:\n%s", got)
	}
}

// TestPropSampleValues: a default that fits the type is shown, in the tag
// when it can be written there, else through the page's data; one that
// does not fit gives way to a placeholder of the type.
func TestPropSampleValues(t *testing.T) {
	for _, tc := range []struct {
		name, typ, def string
		attr           string // the attribute as written in the tag
		data           string // the data entry, "" for none
	}{
		{"a string default", "String", "camera", `p="camera"`, ""},
		{"no string default", "String", "", `p="{{p}}"`, "p: 'xxx',"},
		{"a string default to escape", "String", `a"b<c>&d`, `p="a&quot;b&lt;c&gt;&amp;d"`, ""},
		{"a default that looks like a binding", "String", `{{x}}'`, `p="{{p}}"`, `p: '{{x}}\'',`},
		{"a number", "Number", " 1.5 ", `p="{{1.5}}"`, ""},
		{"an exponent", "Number", "-2e3", `p="{{-2e3}}"`, ""},
		{"not a number", "Number", "abc", `p="{{p}}"`, "p: 0,"},
		{"a hex number is not JSON", "Number", "0x10", `p="{{p}}"`, "p: 0,"},
		{"a boolean", "Boolean", "false", `p="{{false}}"`, ""},
		{"not a boolean", "Boolean", "yes", `p="{{p}}"`, "p: false,"},
		{"an array", "Array", `[1, "a"]`, `p="{{p}}"`, `p: [1,"a"],`},
		{"an object for an array", "Array", `{}`, `p="{{p}}"`, "p: [],"},
		{"an object", "Object", `{"a": {"b": null}}`, `p="{{p}}"`, `p: {"a":{"b":null}},`},
		{"broken JSON", "Object", `{"a":`, `p="{{p}}"`, "p: {},"},
		{"any JSON", "Any", "42", `p="{{p}}"`, "p: 42,"},
		{"any text", "Any", "hello", `p="{{p}}"`, "p: 'hello',"},
		{"any nothing", "Any", "", `p="{{p}}"`, "p: null,"},
		{"an unknown type is Any", "Foo", "x", `p="{{p}}"`, "p: 'x',"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := workflow.Guide{Components: []workflow.Component{{Name: "c", Props: []workflow.Prop{{Name: "p", Type: tc.typ, Default: tc.def}}}}}
			c := SampleCode("1", g).Components[0]
			if !strings.Contains(c.AXML, "\n  "+tc.attr+"\n") {
				t.Errorf("the tag lacks %s:\n%s", tc.attr, c.AXML)
			}
			if tc.data == "" && c.JS != "" || tc.data != "" && !strings.Contains(c.JS, "\n    "+tc.data+"\n") {
				t.Errorf("the data should hold %q:\n%s", tc.data, c.JS)
			}
			checkComponent(t, c)
		})
	}
}

// TestNamesThatAreNotIdentifiers: a draft may be saved before it is
// valid, and its code must still be valid code.
func TestNamesThatAreNotIdentifiers(t *testing.T) {
	g := workflow.Guide{
		Components: []workflow.Component{{
			Name: "My Comp",
			Props: []workflow.Prop{
				{Name: "max-count", Type: "Number"},
				{Name: "class", Type: "String"},
				{Name: "a b", Type: "String"},
				{Name: "dup", Type: "String", Default: "1"},
				{Name: "dup", Type: "String", Default: "2"},
			},
			Events: []workflow.EventDecl{{Name: "bad event"}, {Name: "on-tap"}, {Name: "onTap"}, {Name: "on"}},
		}},
		Pages: []workflow.GuidePage{{Name: "扫 码/页", Params: []workflow.Param{{Name: "a&b", Type: "String"}, {Name: " ", Type: "Number"}}}},
		APIs:  []workflow.API{{Name: "delete-all", Inputs: []workflow.Param{{Name: "x y", Type: "Foo"}, {Name: "delete", Type: "Boolean"}}}},
	}
	s := SampleCode("1", g)
	c := s.Components[0]
	for _, want := range []string{
		`"component-1": "plugin://myPlugin/My Comp"`, "<component-1\n",
		`max-count="{{prop1}}"`, `class="{{prop2}}"`, `dup="1"`,
		`on-tap="handleTap"`, `onTap="handleTap2"`, `on="handleEvent4"`,
	} {
		if !strings.Contains(c.PageJSON+c.AXML+c.JS, want) {
			t.Errorf("the component sample lacks %q:\n%s\n%s\n%s", want, c.PageJSON, c.AXML, c.JS)
		}
	}
	for _, unwanted := range []string{"a b=", `dup="2"`, "bad event"} {
		if strings.Contains(c.AXML, unwanted) {
			t.Errorf("the tag should leave out %q:\n%s", unwanted, c.AXML)
		}
	}
	if want := `'plugin://myPlugin/%E6%89%AB%20%E7%A0%81%2F%E9%A1%B5?a%26b=xxx'`; !strings.Contains(s.Pages[0].JS, want) {
		t.Errorf("the page URL should be %s:\n%s", want, s.Pages[0].JS)
	}
	if want := "myPlugin['delete-all']({\n  'x y': null,\n  delete: false,\n});"; !strings.Contains(s.APIs[0].JS, want) {
		t.Errorf("the API call should be\n%s\ngot:\n%s", want, s.APIs[0].JS)
	}
	checkSample(t, s)
}

// checkSample checks that every part of s is valid in its language and
// safe to draw.
func checkSample(t testing.TB, s Sample) {
	t.Helper()
	checkJSON(t, "app.json", s.AppJSON)
	for _, c := range s.Components {
		checkComponent(t, c)
	}
	for _, p := range s.Pages {
		checkJS(t, "page "+p.Name, p.JS)
	}
	for _, a := range s.APIs {
		checkJS(t, "API "+a.Name, a.JS)
	}
}

func checkComponent(t testing.TB, c ComponentSample) {
	t.Helper()
	checkJSON(t, "usingComponents of "+c.Name, c.PageJSON)
	checkAXML(t, c.Name, c.AXML)
	if c.JS != "" {
		checkJS(t, "js of "+c.Name, c.JS)
	}
}

func checkJSON(t testing.TB, what, s string) {
	t.Helper()
	checkSafe(t, what, s)
	if !json.Valid([]byte(s)) {
		t.Errorf("%s is not valid JSON:\n%s", what, s)
	}
}

func checkJS(t testing.TB, what, src string) {
	t.Helper()
	checkSafe(t, what, src)
	if _, err := js.Parse(parse.NewInputString(src), js.Options{}); err != nil {
		t.Errorf("%s is not valid JavaScript: %v\n%s", what, err, src)
	}
}

// checkAXML reads the tag as XML, which AXML's syntax is a subset of: one
// element, every attribute quoted and escaped.
func checkAXML(t testing.TB, what, src string) {
	t.Helper()
	checkSafe(t, what, src)
	dec := xml.NewDecoder(strings.NewReader(src))
	elements := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("the axml of %s is not well-formed: %v\n%s", what, err, src)
			return
		}
		if _, ok := tok.(xml.StartElement); ok {
			elements++
		}
	}
	if elements != 1 {
		t.Errorf("the axml of %s has %d elements, want 1:\n%s", what, elements, src)
	}
}

// checkSafe: generated code is one-line text joined by newlines; nothing
// else that a terminal acts on.
func checkSafe(t testing.TB, what, s string) {
	t.Helper()
	for _, r := range s {
		if r != '\n' && unsafeRune(r) {
			t.Errorf("%s holds %U:\n%q", what, r, s)
			return
		}
	}
}

func BenchmarkSampleCode(b *testing.B) {
	g := workflow.SampleDraft().Guide
	for b.Loop() {
		SampleCode("2021004100000001", g)
	}
}

func BenchmarkMarkdown(b *testing.B) {
	d := workflow.SampleDraft()
	for b.Loop() {
		Markdown(Meta{PluginID: "2021004100000001"}, d, SampleCode("2021004100000001", d.Guide))
	}
}

// TestCamelCaseComponentTag (bug 15): a component named regionPicker, as
// plugin.json may name it, is used by the tag region-picker: the
// usingComponents key and the tag are lower case, the plugin:// path keeps
// the name.
func TestCamelCaseComponentTag(t *testing.T) {
	g := workflow.Guide{Components: []workflow.Component{
		{Name: "regionPicker", Props: []workflow.Prop{{Name: "level", Type: "Number", Default: "3"}}},
		{Name: "XMLView"},
		{Name: "my_button"},
	}}
	s := SampleCode("1", g)
	for i, want := range []struct{ json, axml string }{
		{`"region-picker": "plugin://myPlugin/regionPicker"`, "<region-picker\n  level=\"{{3}}\"\n/>"},
		{`"xml-view": "plugin://myPlugin/XMLView"`, "<xml-view />"},
		{`"my_button": "plugin://myPlugin/my_button"`, "<my_button />"},
	} {
		c := s.Components[i]
		if !strings.Contains(c.PageJSON, want.json) || c.AXML != want.axml {
			t.Errorf("component %s:\n%s\n%s\nwant %s and\n%s", c.Name, c.PageJSON, c.AXML, want.json, want.axml)
		}
	}
	checkSample(t, s)
}
