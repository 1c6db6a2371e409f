package workflow_test

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"plugpub/workflow"
)

func TestSampleDraftHasNoProblems(t *testing.T) {
	if ps := workflow.SampleDraft().Problems(); ps != nil {
		t.Fatalf("the sample has problems: %v", ps)
	}
}

func TestEmptyDraftListsEveryMissingFieldAtOnce(t *testing.T) {
	ps := workflow.NewDraft().Problems()
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	want := []string{"info.title", "info.intro", "info.description", "info.abilities", "info.usage", "info.contact", "guide"}
	if !slices.Equal(got, want) {
		t.Fatalf("problem paths = %v, want %v\n%v", got, want, ps)
	}
}

// brokenSample returns the valid sample with one thing broken.
func brokenSample(breakIt func(d *workflow.Draft)) workflow.Draft {
	d := workflow.SampleDraft()
	breakIt(&d)
	return d
}

func TestEachRuleNamesTheFieldAndTheEntry(t *testing.T) {
	long := func(n int) string { return strings.Repeat("字", n) }
	tests := []struct {
		name     string
		breakIt  func(d *workflow.Draft)
		path     string
		contains string
	}{
		// 插件信息
		{"title of spaces", func(d *workflow.Draft) { d.Info.Title = "   " }, "info.title", "title (服务标题) is required"},
		{"title of one character", func(d *workflow.Draft) { d.Info.Title = "车" }, "info.title", "too short"},
		{"title too long", func(d *workflow.Draft) { d.Info.Title = long(21) }, "info.title", "21 characters; at most 20"},
		{"title on two lines", func(d *workflow.Draft) { d.Info.Title = "车牌\n识别" }, "info.title", "single line"},
		{"intro too long", func(d *workflow.Draft) { d.Info.Intro = long(51) }, "info.intro", "at most 50"},
		{"no description", func(d *workflow.Draft) { d.Info.Description = "" }, "info.description", "required"},
		{"description too long", func(d *workflow.Draft) { d.Info.Description = long(20001) }, "info.description", "at most 20000"},
		{"logo left as a path", func(d *workflow.Draft) { d.Info.Logo = "logo.png" }, "info.logo", "not a stored image"},
		{"logo ref in upper case", func(d *workflow.Draft) { d.Info.Logo = "sha256:" + strings.Repeat("A", 64) }, "info.logo", "not a stored image"},
		{"no ability", func(d *workflow.Draft) { d.Info.Abilities = nil }, "info.abilities", "at least one"},
		{"unknown ability", func(d *workflow.Draft) { d.Info.Abilities = []string{"基础", "游戏"} }, "info.abilities[1]", `"游戏" is not one of 支付, 会员`},
		{"ability twice", func(d *workflow.Draft) { d.Info.Abilities = []string{"基础", "安全", "基础"} }, "info.abilities[2]", "already chosen at info.abilities[0]"},
		{"no buyers", func(d *workflow.Draft) { d.Info.Buyers = "" }, "info.buyers", "个人, 企业, 不限"},
		{"unknown buyers", func(d *workflow.Draft) { d.Info.Buyers = "学生" }, "info.buyers", `"学生" is not one of`},
		{"no usage", func(d *workflow.Draft) { d.Info.Usage = " \n" }, "info.usage", "how to use (接入玩法) is required"},
		{"cases too long", func(d *workflow.Draft) { d.Info.Cases = long(20001) }, "info.cases", "at most 20000"},
		{"http url", func(d *workflow.Draft) { d.Info.PCURL = "http://example.com" }, "info.pc_url", "must start with https://"},
		{"url without host", func(d *workflow.Draft) { d.Info.PCURL = "https:///path" }, "info.pc_url", "has no host"},
		{"url with user", func(d *workflow.Draft) { d.Info.PCURL = "https://alipay.com@evil.example" }, "info.pc_url", "user name"},
		{"no contact", func(d *workflow.Draft) { d.Info.Contact = "" }, "info.contact", "phone number or an e-mail"},
		{"bad e-mail", func(d *workflow.Draft) { d.Info.Contact = "support@localhost" }, "info.contact", "not a valid e-mail"},
		{"bad phone", func(d *workflow.Draft) { d.Info.Contact = "12345" }, "info.contact", "neither a phone number"},

		// 组件列表
		{"component without name", func(d *workflow.Draft) { d.Guide.Components[1].Name = "" }, "guide.components[1].name", "component name is required"},
		{"component starting with a digit", func(d *workflow.Draft) { d.Guide.Components[1].Name = "2plate" }, "guide.components[1].name", "must start with a letter"},
		{"component tag twice", func(d *workflow.Draft) { d.Guide.Components[1].Name = "plateScanner" }, "guide.components[1].name", `is written <plate-scanner> in a page, as guide.components[0] "plate-scanner" is`},
		{"component twice", func(d *workflow.Draft) { d.Guide.Components[1].Name = "plate-scanner" }, "guide.components[1].name", "already used by guide.components[0]"},
		{"prop without name", func(d *workflow.Draft) { d.Guide.Components[0].Props[2].Name = "" }, "guide.components[0].props[2].name", `component "plate-scanner": prop name is required`},
		{"prop named like a number", func(d *workflow.Draft) { d.Guide.Components[0].Props[2].Name = "2x" }, "guide.components[0].props[2].name", "must be an identifier"},
		{"prop twice", func(d *workflow.Draft) { d.Guide.Components[0].Props[2].Name = "mode" }, "guide.components[0].props[2].name", "already used by guide.components[0].props[1]"},
		{"prop type unknown", func(d *workflow.Draft) {
			d.Guide.Components[0].Props[0].Type = "Foo"
		}, "guide.components[0].props[0].type", `component "plate-scanner", prop "bizId": type "Foo" is not one of String, Number, Boolean, Array, Object, Any`},
		{"prop type in lower case", func(d *workflow.Draft) { d.Guide.Components[0].Props[0].Type = "string" }, "guide.components[0].props[0].type", "did you mean String?"},
		{"prop type missing", func(d *workflow.Draft) { d.Guide.Components[0].Props[0].Type = "" }, "guide.components[0].props[0].type", "type is required"},
		{"number default", func(d *workflow.Draft) { d.Guide.Components[0].Props[2].Default = "many" }, "guide.components[0].props[2].default", `"many" is not a number`},
		{"boolean default", func(d *workflow.Draft) { d.Guide.Components[0].Props[3].Default = "yes" }, "guide.components[0].props[3].default", "true or false"},
		{"event not onXxx", func(d *workflow.Draft) { d.Guide.Components[0].Events[1].Name = "error" }, "guide.components[0].events[1].name", "like onChange"},
		{"event twice", func(d *workflow.Draft) { d.Guide.Components[0].Events[1].Name = "onRecognize" }, "guide.components[0].events[1].name", "already used by guide.components[0].events[0]"},
		{"event named like a prop", func(d *workflow.Draft) {
			d.Guide.Components[1].Props = append(d.Guide.Components[1].Props, workflow.Prop{Name: "onConfirm", Type: "Any"})
		}, "guide.components[1].events[0].name", "same name as prop guide.components[1].props[3]"},
		{"too many props", func(d *workflow.Draft) {
			for i := range workflow.MaxSubEntries {
				d.Guide.Components[1].Props = append(d.Guide.Components[1].Props, workflow.Prop{Name: fmt.Sprintf("p%d", i), Type: "Any"})
			}
		}, "guide.components[1].props", "there are 203 props; at most 200"},

		// 页面列表
		{"page without name", func(d *workflow.Draft) { d.Guide.Pages[1].Name = "" }, "guide.pages[1].name", "page name is required"},
		{"page twice", func(d *workflow.Draft) { d.Guide.Pages[1].Name = "scan" }, "guide.pages[1].name", "already used by guide.pages[0]"},
		{"page path absolute", func(d *workflow.Draft) { d.Guide.Pages[1].Path = "/pages/history/index" }, "guide.pages[1].path", "without a leading /"},
		{"page path escaping", func(d *workflow.Draft) { d.Guide.Pages[1].Path = "pages/../../etc" }, "guide.pages[1].path", "must not contain . or .."},
		{"page path with extension", func(d *workflow.Draft) { d.Guide.Pages[1].Path = "pages/history/index.axml" }, "guide.pages[1].path", `part "index.axml"`},
		{"page path twice", func(d *workflow.Draft) { d.Guide.Pages[1].Path = "pages/scan/index" }, "guide.pages[1].path", `page "history": path "pages/scan/index" is already used by guide.pages[0]`},
		{"page param typed Array", func(d *workflow.Draft) {
			d.Guide.Pages[0].Params[1].Type = "Array"
		}, "guide.pages[0].params[1].type", `page "scan", param "autoStart": type "Array" is not allowed`},
		{"page param twice", func(d *workflow.Draft) { d.Guide.Pages[0].Params[2].Name = "bizId" }, "guide.pages[0].params[2].name", "already used by guide.pages[0].params[0]"},

		// 接口列表
		{"api named with a dash", func(d *workflow.Draft) { d.Guide.APIs[1].Name = "get-quota" }, "guide.apis[1].name", "must be an identifier"},
		{"api twice", func(d *workflow.Draft) { d.Guide.APIs[1].Name = "recognizePlate" }, "guide.apis[1].name", "already used by guide.apis[0]"},
		{"input without name", func(d *workflow.Draft) { d.Guide.APIs[0].Inputs[0].Name = "" }, "guide.apis[0].inputs[0].name", `API "recognizePlate": input name is required`},
		{"input twice", func(d *workflow.Draft) { d.Guide.APIs[0].Inputs[2].Name = "imageUrl" }, "guide.apis[0].inputs[2].name", "already used by guide.apis[0].inputs[0]"},
		{"output type unknown", func(d *workflow.Draft) { d.Guide.APIs[1].Outputs[1].Type = "Date" }, "guide.apis[1].outputs[1].type", `output "resetAt": type "Date" is not one of`},
		{"instructions too long", func(d *workflow.Draft) { d.Guide.Instructions = long(20001) }, "guide.instructions", "at most 20000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := brokenSample(tt.breakIt).Problems()
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(ps), ps)
			}
			if ps[0].Path != tt.path {
				t.Errorf("path = %q, want %q", ps[0].Path, tt.path)
			}
			if !strings.Contains(ps[0].Message, tt.contains) {
				t.Errorf("message %q does not contain %q", ps[0].Message, tt.contains)
			}
		})
	}
}

func TestTitleCountsCharactersNotBytes(t *testing.T) {
	checkValid(t, "ValidateTitle", workflow.ValidateTitle, []validCase{
		{strings.Repeat("车", 20), true},
		{strings.Repeat("车", 21), false},
		{strings.Repeat("a", 20), true},
		{strings.Repeat("a", 21), false},
		{"车牌", true},
		{"车", false},
		{"  车牌识别插件  ", true},
		{" 车 ", false},
	})
}

func TestContactIsAPhoneNumberOrAnEmail(t *testing.T) {
	checkValid(t, "ValidateContact", workflow.ValidateContact, []validCase{
		{"13800138000", true},
		{"138 0013 8000", true},
		{"138-0013-8000", true},
		{"+86 13800138000", true},
		{"+8613800138000", true},
		{"0571-88888888", true},
		{"010-12345678", true},
		{"0571 8888888", true},
		{"+86 571 88888888", true},
		{"400-123-4567", true},
		{"800-820-8820", true},
		{"95188", true},
		{"support@example.com", true},
		{"plate.support+cn@mail.example.com.cn", true},

		{"12800138000", false},  // no mobile prefix 12
		{"1380013800", false},   // ten digits
		{"138001380000", false}, // twelve digits
		{"88888888", false},     // landline without area code
		{"-13800138000", false}, // stray separator
		{"+86 400-123-4567", false},
		{"电话 13800138000", false},
		{"support@localhost", false},
		{"客服 <support@example.com>", false},
		{"support@@example.com", false},
		{"support@example.", false},
		{"wechat: abc", false},
	})
}

func TestPCURL(t *testing.T) {
	checkValid(t, "ValidatePCURL", workflow.ValidatePCURL, []validCase{
		{"", true},
		{"https://www.example.com", true},
		{"https://example.com:8443/plugin?from=market#top", true},
		{"https://例子.中国/插件", true},
		{"http://www.example.com", false},
		{"www.example.com", false},
		{"https://", false},
		{"https:example.com", false},
		{"https://exa mple.com", false},
		{"javascript:alert(1)", false},
		{"https://" + strings.Repeat("a", 200) + ".com", false},
	})
}

func TestPagePath(t *testing.T) {
	checkValid(t, "ValidatePagePath", workflow.ValidatePagePath, []validCase{
		{"pages/home/index", true},
		{"index", true},
		{"pages/user_center/my-orders", true},
		{"", false},
		{"/pages/home/index", false},
		{"pages//index", false},
		{"pages/home/", false},
		{"./pages/home", false},
		{"pages/../secret", false},
		{"pages/home/index.js", false},
		{"pages/首页/index", false},
		{`pages\home`, false},
	})
}

func TestProblemsComeInDocumentOrder(t *testing.T) {
	d := workflow.SampleDraft()
	d.Guide.Instructions = strings.Repeat("x", workflow.MaxTextRunes+1)
	d.Guide.APIs[0].Name = ""
	d.Guide.Pages[0].Params[0].Type = "Object"
	d.Guide.Components[1].Events[0].Name = "confirm"
	d.Guide.Components[0].Props[1].Type = ""
	d.Info.Contact = "nobody"
	d.Info.Title = ""
	var got []string
	for _, p := range d.Problems() {
		got = append(got, p.Path)
	}
	want := []string{
		"info.title",
		"info.contact",
		"guide.components[0].props[1].type",
		"guide.components[1].events[0].name",
		"guide.pages[0].params[0].type",
		"guide.apis[0].name",
		"guide.instructions",
	}
	if !slices.Equal(got, want) {
		t.Errorf("paths = %v\nwant    %v", got, want)
	}
}

func TestHostileDraftGetsABoundedList(t *testing.T) {
	d := workflow.SampleDraft()
	for range workflow.MaxEntries + 100 {
		d.Guide.Components = append(d.Guide.Components, workflow.Component{Name: "Bad Name"})
	}
	ps := d.Problems()
	if len(ps) != workflow.MaxProblems+1 {
		t.Fatalf("got %d problems, want %d plus a summary", len(ps), workflow.MaxProblems)
	}
	if ps[0].Path != "guide.components" || !strings.Contains(ps[0].Message, "at most 500") {
		t.Errorf("first problem = %v, want the list limit", ps[0])
	}
	last := ps[len(ps)-1]
	if last.Path != "" || !strings.Contains(last.Message, "401 more problems") {
		t.Errorf("last problem = %v, want a count of the rest", last)
	}
}

func TestMessagesQuoteHostileText(t *testing.T) {
	d := workflow.SampleDraft()
	d.Guide.Components[0].Name = "\x1b[31mred\u202e" + strings.Repeat("x", 100)
	ps := d.Problems()
	if len(ps) == 0 {
		t.Fatal("no problem reported")
	}
	msg := ps[0].Message
	if strings.ContainsAny(msg, "\x1b\u202e") {
		t.Errorf("message carries raw control characters: %q", msg)
	}
	if len(msg) > 300 {
		t.Errorf("message is %d bytes; a long name should be cut", len(msg))
	}
}

func TestProblemString(t *testing.T) {
	p := workflow.Problem{Path: "guide.components[2].props[0].type", Message: `type "Foo" is not one of String, Number, Boolean, Array, Object, Any`}
	want := `guide.components[2].props[0].type: type "Foo" is not one of String, Number, Boolean, Array, Object, Any`
	if p.String() != want {
		t.Errorf("String() = %q, want %q", p.String(), want)
	}
	if got := (workflow.Problem{Message: "whole draft"}).String(); got != "whole draft" {
		t.Errorf("String() without a path = %q", got)
	}
}

func FuzzProblems(f *testing.F) {
	sample, err := workflow.MarshalDraft(workflow.SampleDraft())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"info": {"title": "\u202e\u0000", "abilities": ["支付", "支付", ""]}}`))
	f.Add([]byte(`{"guide": {"components": [{"name": "a", "props": [{"name": "onX", "type": "Number", "default": "x"}], "events": [{"name": "onX"}]}]}}`))
	f.Add([]byte(`{"guide": {"pages": [{"path": "../x", "params": [{"type": "Array"}]}], "apis": [{"inputs": null}]}}`))
	f.Add([]byte(`{"info": {"title": "a",}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := workflow.ParseDraft(b)
		if err != nil {
			return
		}
		for _, p := range d.Problems() {
			if p.Message == "" {
				t.Errorf("problem at %q has no message", p.Path)
			}
		}
		// Whatever parses must survive a save and a reload unchanged.
		out, err := workflow.MarshalDraft(d)
		if err != nil {
			return
		}
		again, err := workflow.ParseDraft(out)
		if err != nil {
			t.Fatalf("reparsing marshalled draft: %v\n%s", err, out)
		}
		out2, err := workflow.MarshalDraft(again)
		if err != nil || string(out) != string(out2) {
			t.Fatalf("marshal is not stable: %v", err)
		}
	})
}

func TestOverLimitsIsOnlyAboutSize(t *testing.T) {
	tests := []struct {
		name    string
		breakIt func(d *workflow.Draft)
		path    string // "" means no size problem, though the form may have others
	}{
		{"sample", func(d *workflow.Draft) {}, ""},
		{"empty draft", func(d *workflow.Draft) { *d = workflow.NewDraft() }, ""},
		{"title too long for the form", func(d *workflow.Draft) { d.Info.Title = strings.Repeat("车", 21) }, ""},
		{"title too long to keep", func(d *workflow.Draft) { d.Info.Title = strings.Repeat("车", 201) }, "info.title"},
		{"huge usage", func(d *workflow.Draft) { d.Info.Usage = strings.Repeat("x", 20001) }, "info.usage"},
		{"huge default", func(d *workflow.Draft) { d.Guide.Components[1].Props[1].Default = strings.Repeat("x", 201) }, "guide.components[1].props[1].default"},
		{"too many APIs", func(d *workflow.Draft) {
			d.Guide.APIs = append(d.Guide.APIs, make([]workflow.API, workflow.MaxEntries)...)
		}, "guide.apis"},
		{"too many outputs", func(d *workflow.Draft) {
			d.Guide.APIs[1].Outputs = make([]workflow.Param, workflow.MaxSubEntries+1)
		}, "guide.apis[1].outputs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := brokenSample(tt.breakIt).OverLimits()
			if tt.path == "" {
				if ps != nil {
					t.Fatalf("OverLimits = %v, want none", ps)
				}
				return
			}
			if len(ps) != 1 || ps[0].Path != tt.path || !strings.Contains(ps[0].Message, "at most") {
				t.Fatalf("OverLimits = %v, want one problem at %s", ps, tt.path)
			}
		})
	}
}

// TestPropDefaults (bug 10): a default must read as a value of the prop's
// type; NaN, Infinity and broken JSON used to pass.
func TestPropDefaults(t *testing.T) {
	tests := []struct {
		typ, def string
		contains string // "" means accepted
	}{
		{"Number", "", ""},
		{"Number", "0", ""},
		{"Number", "-0.5", ""},
		{"Number", "1e3", ""},
		{"Number", "2.5E-3", ""},
		{"Number", "1.7976931348623157e308", ""},
		{"Number", "NaN", "not a finite number"},
		{"Number", "nan", "not a finite number"},
		{"Number", "Infinity", "not a finite number"},
		{"Number", "-Infinity", "not a finite number"},
		{"Number", "Inf", "not a finite number"},
		{"Number", "1e999", "too large for a number"},
		{"Number", "-1e999", "too large for a number"},
		{"Number", "0x1F", "write it as 31"},
		{"Number", "0X1f", "write it as 31"},
		{"Number", "0x1p-2", "not written in decimal"},
		{"Number", "0b101", "write it as 5"},
		{"Number", "+1", "write it as 1"},
		{"Number", ".5", "write it as 0.5"},
		{"Number", "5.", "write it as 5"},
		{"Number", "007", "write it as 7"},
		{"Number", "1_000", "write it as 1000"},
		{"Number", " 5", "write it as 5"},
		{"Number", "many", `"many" is not a number`},
		{"Number", "1,5", "is not a number"},
		{"Boolean", "true", ""},
		{"Boolean", "false", ""},
		{"Boolean", "True", "did you mean true?"},
		{"Boolean", " false", "did you mean false?"},
		{"Boolean", "1", "true or false"},
		{"Boolean", "yes", "true or false"},
		{"Array", "[]", ""},
		{"Array", `[1, "two", {"three": 3}]`, ""},
		{"Array", " [1] ", ""},
		{"Array", "[1,2", "not complete JSON array"},
		{"Array", "not an array", "is not an array"},
		{"Array", `{"a": 1}`, "is not an array"},
		{"Array", "[1,]", "not complete JSON array"},
		{"Array", "['a']", "not complete JSON array"},
		{"Object", "{}", ""},
		{"Object", `{"sandbox": true, "retries": 2}`, ""},
		{"Object", "[1", "is not an object"},
		{"Object", `{"a": 1`, "not complete JSON object"},
		{"Object", "{a: 1}", "not complete JSON object"},
		{"Object", "null", "is not an object"},
		// String and Any take any one line, written as it is.
		{"String", "camera", ""},
		{"String", `"quoted"`, ""},
		{"String", "你好 {{x}}", ""},
		{"String", `a\nb`, ""}, // a backslash and an n, as the importer writes a line break
		{"String", "two\nlines", "single line"},
		{"Any", "size + 1", ""},
		{"Any", "null", ""},
		{"Any", "x\ry", "single line"},
		{"String", strings.Repeat("字", 201), "at most 200"},
	}
	for _, tt := range tests {
		t.Run(tt.typ+" "+tt.def, func(t *testing.T) {
			err := workflow.ValidatePropDefault(tt.typ, tt.def)
			switch {
			case tt.contains == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.contains != "" && err == nil:
				t.Errorf("accepted, want a problem saying %q", tt.contains)
			case tt.contains != "" && !strings.Contains(err.Error(), tt.contains):
				t.Errorf("got %q, want it to say %q", err, tt.contains)
			}
		})
	}
}

// FuzzValidatePropDefault: a default is accepted exactly when it reads as
// a value of its type, by rules written independently of the validator;
// no message is empty or echoes a long input whole.
func FuzzValidatePropDefault(f *testing.F) {
	for _, typ := range workflow.PropTypes {
		for _, def := range []string{"", "0", "-0", "1e3", "NaN", "Infinity", "1e999", "0x1F", "+1", ".5", "007", "true", "True",
			"[1,2", "[]", "[1,2]", "not an array", "[1", "{}", `{"a":1}`, "{a:1}", "null", `a\nb`, "a\nb", "\u0000", "\x1b[31m", "字"} {
			f.Add(typ, def)
		}
	}
	f.Add("Foo", "x")
	f.Fuzz(func(t *testing.T, typ, def string) {
		err := workflow.ValidatePropDefault(typ, def)
		if err != nil {
			if msg := err.Error(); msg == "" || len(msg) > 400 {
				t.Fatalf("message of %d bytes: %q", len(msg), msg)
			}
		}
		oneLine := !strings.ContainsAny(def, "\r\n") && len([]rune(def)) <= workflow.MaxLineRunes
		want := def == "" || oneLine
		if def != "" && oneLine {
			t0 := strings.TrimSpace(def)
			switch typ {
			case "Number":
				var n json.Number
				dec := json.NewDecoder(strings.NewReader(def))
				dec.UseNumber()
				want = t0 == def && len(def) > 0 && strings.ContainsRune("-0123456789", rune(def[0])) &&
					json.Valid([]byte(def)) && dec.Decode(&n) == nil
				if want {
					v, err := strconv.ParseFloat(def, 64)
					want = err == nil && !math.IsInf(v, 0)
				}
			case "Boolean":
				want = def == "true" || def == "false"
			case "Array":
				want = strings.HasPrefix(t0, "[") && json.Valid([]byte(t0))
			case "Object":
				want = strings.HasPrefix(t0, "{") && json.Valid([]byte(t0))
			}
		}
		if got := err == nil; got != want {
			t.Fatalf("ValidatePropDefault(%q, %q) = %v; want accepted %v", typ, def, err, want)
		}
	})
}

// TestEmptyGuideIsAProblem (bug 10): a guide with no component, page or
// API cannot be submitted; any one of them is enough.
func TestEmptyGuideIsAProblem(t *testing.T) {
	empty := brokenSample(func(d *workflow.Draft) {
		d.Guide.Components, d.Guide.Pages, d.Guide.APIs = nil, nil, nil
	})
	ps := empty.Problems()
	if len(ps) != 1 || ps[0].Path != "guide" || !strings.Contains(ps[0].Message, "no component, page or API") {
		t.Fatalf("Problems = %v, want one at guide", ps)
	}
	if ps := empty.OverLimits(); ps != nil {
		t.Errorf("an empty guide may still be saved: %v", ps)
	}
	for name, keep := range map[string]func(d *workflow.Draft){
		"a component": func(d *workflow.Draft) { d.Guide.Pages, d.Guide.APIs = nil, nil },
		"a page":      func(d *workflow.Draft) { d.Guide.Components, d.Guide.APIs = nil, nil },
		"an API":      func(d *workflow.Draft) { d.Guide.Components, d.Guide.Pages = nil, nil },
	} {
		if ps := brokenSample(keep).Problems(); ps != nil {
			t.Errorf("a guide with only %s: %v", name, ps)
		}
	}
}

// TestComponentNames (bug 15): a component is named as plugin.json's
// publicComponents names it, camelCase included, and its tag is derived.
func TestComponentNames(t *testing.T) {
	tests := []struct {
		name, tag string // tag "" means the name is refused
	}{
		{"regionPicker", "region-picker"},
		{"plate-scanner", "plate-scanner"},
		{"hello", "hello"},
		{"Hello", "hello"},
		{"my_button", "my_button"},
		{"MyButton", "my-button"},
		{"XMLView", "xml-view"},
		{"myXMLView", "my-xml-view"},
		{"v2Button", "v2-button"},
		{"card-V2", "card-v2"},
		{"a_B", "a_b"},
		{"ABC", "abc"},
		{"x1", "x1"},
		{"2plate", ""},
		{"-plate", ""},
		{"_plate", ""},
		{"plate result", ""},
		{"plate.result", ""},
		{"plate/result", ""},
		{"车牌", ""},
		{"", ""},
	}
	for _, tt := range tests {
		err := workflow.ValidateComponentName(tt.name)
		if (err == nil) != (tt.tag != "") {
			t.Errorf("ValidateComponentName(%q) = %v, want accepted %v", tt.name, err, tt.tag != "")
		}
		if got := workflow.ComponentTag(tt.name); got != tt.tag {
			t.Errorf("ComponentTag(%q) = %q, want %q", tt.name, got, tt.tag)
		}
		if tt.tag != "" {
			if err := workflow.ValidateComponentName(tt.tag); err != nil {
				t.Errorf("the tag %q of %q is not a valid name itself: %v", tt.tag, tt.name, err)
			}
		}
	}
	d := workflow.SampleDraft()
	d.Guide.Components[1].Name = "regionPicker"
	if ps := d.Problems(); ps != nil {
		t.Errorf("a camelCase component: %v", ps)
	}
}

// TestAnAPIOutputMayShareAnInputsName: names are unique within each list;
// an output named like an input (bizId in, bizId out) is no problem, while
// the same output twice is.
func TestAnAPIOutputMayShareAnInputsName(t *testing.T) {
	d := workflow.SampleDraft()
	a := &d.Guide.APIs[0]
	a.Inputs = []workflow.Param{{Name: "bizId", Type: "String"}}
	a.Outputs = []workflow.Param{{Name: "bizId", Type: "String"}, {Name: "ok", Type: "Boolean"}}
	if ps := d.Problems(); len(ps) != 0 {
		t.Fatalf("an output named like an input: %v", ps)
	}
	a.Outputs = append(a.Outputs, workflow.Param{Name: "bizId", Type: "String"})
	ps := d.Problems()
	if len(ps) != 1 || ps[0].Path != "guide.apis[0].outputs[2].name" {
		t.Fatalf("the same output twice: %v", ps)
	}
}

// validCase is one input of a validator and whether it is accepted.
type validCase struct {
	in string
	ok bool
}

// checkValid runs validate, called name in messages, on every case.
func checkValid(t *testing.T, name string, validate func(string) error, cases []validCase) {
	t.Helper()
	for _, c := range cases {
		if err := validate(c.in); (err == nil) != c.ok {
			t.Errorf("%s(%q) = %v, want ok=%v", name, c.in, err, c.ok)
		}
	}
}
