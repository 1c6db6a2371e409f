package workflow_test

import (
	"strings"
	"testing"

	"plugpub/workflow"
)

func TestSampleDraftShowsEveryKindOfEntry(t *testing.T) {
	d := workflow.SampleDraft()
	if ps := d.Problems(); ps != nil {
		t.Fatalf("the sample is not valid: %v", ps)
	}
	g := d.Guide
	if len(g.Components) < 2 || len(g.Pages) < 2 || len(g.APIs) < 2 {
		t.Fatalf("the sample should show at least two components, pages and APIs")
	}
	types := map[string]bool{}
	required, defaults := false, false
	for _, p := range g.Components[0].Props {
		types[p.Type] = true
		required = required || p.Required
		defaults = defaults || p.Default != ""
	}
	if len(types) < 3 || !required || !defaults || len(g.Components[0].Events) < 2 {
		t.Errorf("the first component should show several prop types, a required prop, defaults and events")
	}
	if len(g.Pages[0].Params) == 0 || len(g.APIs[0].Inputs) == 0 || len(g.APIs[0].Outputs) == 0 {
		t.Errorf("the sample should show page params and API inputs and outputs")
	}
	if d.Info.Logo != "" {
		t.Errorf("the sample has a logo %q; there is no stored image behind it", d.Info.Logo)
	}
}

func TestSampleInstructionsShowHowToCallThePlugin(t *testing.T) {
	s := workflow.SampleInstructions()
	if s != workflow.SampleDraft().Guide.Instructions {
		t.Errorf("the sample draft's instructions differ from SampleInstructions()")
	}
	for _, want := range []string{"requirePlugin('myPlugin')", "plugin://myPlugin/plate-scanner", "plugin://myPlugin/scan", "~~~axml", "~~~js", "\"provider\""} {
		if !strings.Contains(s, want) {
			t.Errorf("instructions do not contain %q", want)
		}
	}
	for _, c := range workflow.SampleDraft().Guide.APIs {
		if !strings.Contains(s, c.Name) {
			t.Errorf("instructions never mention API %q", c.Name)
		}
	}
}

func TestSampleDraftIsAFreshCopyEachTime(t *testing.T) {
	a := workflow.SampleDraft()
	a.Guide.Components[0].Props[0].Name = "changed"
	a.Info.Abilities[0] = "营销"
	b := workflow.SampleDraft()
	if b.Guide.Components[0].Props[0].Name == "changed" || b.Info.Abilities[0] == "营销" {
		t.Error("editing one sample changed the next")
	}
}
