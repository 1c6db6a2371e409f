package workflow_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"plugpub/workflow"
)

func TestParseDraftRejectsMistakesNamingThePlace(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // substrings of the error
	}{
		{
			name:  "misspelt key",
			input: "{\n  \"info\": {\n    \"titel\": \"车牌识别\"\n  }\n}\n",
			want:  []string{`unknown field "titel"`, "line 3, column 5", "draft line 3, column 5: info:", "title, intro"},
		},
		{
			name:  "key with the wrong case",
			input: `{"info": {"Title": "x"}}`,
			want:  []string{`unknown field "Title"`},
		},
		{
			name:  "unknown key deep in the guide",
			input: `{"guide": {"components": [{"name": "a"}, {"name": "b", "props": [{"nmae": "x"}]}]}}`,
			want:  []string{`guide.components[1].props[0]: unknown field "nmae"`, "name, type, required, default, description"},
		},
		{
			name:  "wrong JSON type",
			input: `{"info": {"show_after_release": "yes"}}`,
			want:  []string{"info.show_after_release", "expected true or false", `the string "yes"`},
		},
		{
			name:  "number where a string belongs",
			input: `{"guide": {"components": [{"props": [{"default": 3}]}]}}`,
			want:  []string{"guide.components[0].props[0].default", "expected a string", "the number 3"},
		},
		{
			name:  "object where a list belongs",
			input: `{"info": {"abilities": {"支付": true}}}`,
			want:  []string{"info.abilities", "expected a list"},
		},
		{
			name:  "null for a string",
			input: `{"info": {"title": null}}`,
			want:  []string{"info.title", "found null"},
		},
		{
			name:  "repeated key",
			input: `{"info": {"title": "a", "title": "b"}}`,
			want:  []string{"info.title", "appears twice"},
		},
		{
			name:  "syntax error",
			input: "{\n  \"info\": {\"title\": \"a\",}\n}",
			want:  []string{"line 2, column 25", "invalid JSON"},
		},
		{
			name:  "cut short",
			input: `{"info": {"title": "a"`,
			want:  []string{"ends too early"},
		},
		{
			name:  "trailing data",
			input: "{}\n{}",
			want:  []string{"line 2, column 1", "unexpected data after the end"},
		},
		{
			name:  "not an object",
			input: `[]`,
			want:  []string{"expected an object", "found a list"},
		},
		{
			name:  "null document",
			input: `null`,
			want:  []string{"expected an object", "found null"},
		},
		{
			name:  "empty input",
			input: " \n",
			want:  []string{"the draft is empty"},
		},
		{
			name:  "GBK bytes",
			input: "{\"info\": {\"title\": \"\xb3\xb5\xc5\xc6\"}}",
			want:  []string{"line 1, column 21", "not UTF-8"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := workflow.ParseDraft([]byte(tt.input))
			if err == nil {
				t.Fatalf("ParseDraft(%q) succeeded, want an error", tt.input)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseDraftRefusesHugeInput(t *testing.T) {
	b := append([]byte(`{"info": {"description": "`), bytes.Repeat([]byte("x"), workflow.MaxDraftBytes)...)
	b = append(b, `"}}`...)
	_, err := workflow.ParseDraft(b)
	if err == nil || !strings.Contains(err.Error(), "4 MiB limit") {
		t.Fatalf("ParseDraft of %d bytes: got %v, want an error stating the 4 MiB limit", len(b), err)
	}
}

func TestParseDraftKeepsDefaultsForMissingKeys(t *testing.T) {
	d, err := workflow.ParseDraft([]byte(`{"info": {"title": "车牌识别插件"}, "guide": {"components": null}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := workflow.NewDraft()
	want.Info.Title = "车牌识别插件"
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got %+v\nwant %+v", d, want)
	}
	if !d.Info.ShowAfterRelease || d.Info.Buyers != workflow.BuyersAny {
		t.Errorf("defaults lost: show_after_release=%v buyers=%q", d.Info.ShowAfterRelease, d.Info.Buyers)
	}
}

func TestMarshalParseMarshalIsByteIdentical(t *testing.T) {
	first, err := workflow.MarshalDraft(workflow.SampleDraft())
	if err != nil {
		t.Fatal(err)
	}
	d, err := workflow.ParseDraft(first)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, workflow.SampleDraft()) {
		t.Errorf("parsed sample differs from SampleDraft()")
	}
	second, err := workflow.MarshalDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("second marshal differs:\n%s\n---\n%s", first, second)
	}
}

func TestMarshalDraftIsReadable(t *testing.T) {
	b, err := workflow.MarshalDraft(workflow.SampleDraft())
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"{\n  \"info\": {\n    \"title\": \"车牌识别插件\",\n",
		"<plate-scanner",
		`"show_after_release": true`,
		`"pc_url": "https://www.example.com/plate-ocr"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("marshalled draft does not contain %q", want)
		}
	}
	if !strings.HasSuffix(s, "}\n") {
		t.Errorf("marshalled draft does not end with a newline")
	}
	if strings.Contains(s, `\u003c`) {
		t.Errorf("marshalled draft escapes < as \\u003c")
	}
}

func TestNilSlicesMarshalAsEmptyLists(t *testing.T) {
	d := workflow.Draft{}
	d.Guide.Components = []workflow.Component{{Name: "a"}}
	d.Guide.Pages = []workflow.GuidePage{{Name: "p"}}
	d.Guide.APIs = []workflow.API{{Name: "f"}}
	b, err := workflow.MarshalDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, "null") {
		t.Errorf("marshalled draft contains null:\n%s", s)
	}
	for _, key := range []string{"abilities", "props", "events", "params", "inputs", "outputs"} {
		if !strings.Contains(s, `"`+key+`": []`) {
			t.Errorf("%s is not marshalled as []:\n%s", key, s)
		}
	}
	if d.Guide.Components[0].Props != nil {
		t.Errorf("MarshalDraft changed its argument")
	}
}

func TestNewDraftDefaults(t *testing.T) {
	d := workflow.NewDraft()
	if !d.Info.ShowAfterRelease {
		t.Error("a new draft should be shown after release (展示 is the default)")
	}
	if d.Info.Buyers != workflow.BuyersAny {
		t.Errorf("buyers = %q, want %q", d.Info.Buyers, workflow.BuyersAny)
	}
	if d.Info.Abilities == nil || d.Guide.Components == nil || d.Guide.Pages == nil || d.Guide.APIs == nil {
		t.Error("a new draft has nil lists")
	}
}

func TestCloneSharesNothing(t *testing.T) {
	orig := workflow.SampleDraft()
	c := orig.Clone()
	c.Info.Abilities[0] = "营销"
	c.Guide.Components[0].Props[0].Name = "changed"
	c.Guide.Components[0].Events[0].Name = "onChanged"
	c.Guide.Pages[0].Params[0].Name = "changed"
	c.Guide.APIs[0].Inputs[0].Name = "changed"
	c.Guide.APIs[0].Outputs[0].Name = "changed"
	if !reflect.DeepEqual(orig, workflow.SampleDraft()) {
		t.Error("editing a clone changed the original")
	}
}

func TestMarshalDraftRefusesWhatParseDraftWouldRefuse(t *testing.T) {
	d := workflow.NewDraft()
	d.Info.Description = strings.Repeat("车", workflow.MaxDraftBytes/3+1)
	if _, err := workflow.MarshalDraft(d); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("MarshalDraft of an oversized draft: got %v, want a limit error", err)
	}
}
