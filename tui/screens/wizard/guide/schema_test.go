package guide

import (
	"slices"
	"strings"
	"testing"

	"plugpub/workflow"
)

// TestEditorRulesAreTheDraftTables: the editor's fields, types and inline
// rules are the workflow draft table's, so the editor says what Problems
// says: an API input's bad name is an "input name" in both.
func TestEditorRulesAreTheDraftTables(t *testing.T) {
	d := workflow.NewDraft()
	d.Guide.APIs = []workflow.API{{Name: "f", Inputs: []workflow.Param{{Name: "1x", Type: "Map"}}, Outputs: []workflow.Param{}}}
	in := topColl(func() *workflow.Draft { return &d }, tabAPIs).child(0, "inputs")
	byPath := map[string]string{}
	for _, p := range d.Problems() {
		byPath[p.Path] = p.Message
	}
	for _, key := range []string{"name", "type"} {
		err := in.check(0, key)
		want := byPath["guide.apis[0].inputs[0]."+key]
		if err == nil || want == "" || !strings.HasSuffix(want, err.Error()) {
			t.Errorf("%s: the editor says %v, Problems %q", key, err, want)
		}
	}
	if err := in.check(0, "name"); err == nil || !strings.Contains(err.Error(), "input name") {
		t.Errorf("an input's name is checked as %v", err)
	}
	for _, c := range []struct {
		sp    *spec[workflow.Param]
		types []string
	}{{pageParamSpec, workflow.PageParamTypes}, {inputSpec, workflow.PropTypes}, {outputSpec, workflow.PropTypes}} {
		var keys []string
		for _, f := range c.sp.fields {
			keys = append(keys, f.key)
			if f.label == f.key {
				t.Errorf("%s: field %q has no label", c.sp.noun, f.key)
			}
		}
		if !slices.Equal(keys, []string{"name", "type", "required", "description"}) {
			t.Errorf("%s: fields %v", c.sp.noun, keys)
		}
		if got := c.sp.fields[c.sp.field("type")].types; !slices.Equal(got, c.types) {
			t.Errorf("%s: the picker offers %v, want %v", c.sp.noun, got, c.types)
		}
		if z := c.sp.zero(); z.Type != c.types[0] {
			t.Errorf("%s: a new entry has type %q", c.sp.noun, z.Type)
		}
	}
}
