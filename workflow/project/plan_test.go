package project_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"plugpub/workflow"
	"plugpub/workflow/project"
)

func readAlipay(t *testing.T) project.Declared {
	t.Helper()
	d, err := project.Read(filepath.Join("testdata", "alipay"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func guideOf(g workflow.Guide) workflow.Guide {
	d := workflow.Draft{Guide: g}
	d.Normalize()
	return d.Guide
}

func TestPlanIntoEmptyGuide(t *testing.T) {
	dec := readAlipay(t)
	empty := workflow.NewDraft().Guide
	p := project.NewPlan(empty, dec)
	want := project.Plan{
		Components: project.Diff{Added: []string{"hello-card", "pay-button"}, Changed: []project.Changed{}, Removed: []string{}},
		Pages:      project.Diff{Added: []string{"home", "order-detail"}, Changed: []project.Changed{}, Removed: []string{}},
		APIs:       project.Diff{Added: []string{"getUser", "pay", "formatAmount", "sdkVersion"}, Changed: []project.Changed{}, Removed: []string{}},
		Notes:      []string{},
	}
	if !samePlan(p, want) {
		t.Errorf("plan:\n got %s\nwant %s", js(p), js(want))
	}
	if got := p.Counts(false); got != (project.Counts{Added: 8}) {
		t.Errorf("Counts = %+v", got)
	}
	if got := p.Apply(empty, false); !reflect.DeepEqual(got, dec.Guide) {
		t.Errorf("Apply to an empty guide:\n got %#v\nwant %#v", got, dec.Guide)
	}
}

func TestPlanKeepsWhatThePersonWrote(t *testing.T) {
	dec := readAlipay(t)
	cur := guideOf(workflow.Guide{
		Components: []workflow.Component{
			{Name: "legacy-banner", Description: "旧横幅"},
			{Name: "hello-card", Description: "问候卡片", Props: []workflow.Prop{
				{Name: "tags", Type: "Any", Description: "标签"},                          // Any: the code's Array replaces it
				{Name: "title", Type: "String", Required: true, Description: "标题"},      // empty default: filled
				{Name: "count", Type: "String", Default: "零", Description: "数量"},        // a chosen type and a written default stay
				{Name: "closable", Type: "", Description: "可关闭"},                        // no type: the code's
				{Name: "oldProp", Type: "String", Description: "code no longer has it"}, // removed only when asked
			}, Events: []workflow.EventDecl{{Name: "onTap", Description: "点击时"}}},
		},
		Pages: []workflow.GuidePage{
			{Name: "首页", Path: "pages/home/index", Description: "入口", Params: []workflow.Param{{Name: "from", Type: "String"}}},
			{Name: "order-detail", Path: "pages/order/index", Description: "订单"},
			{Name: "about", Path: "pages/about/index"},
		},
		APIs: []workflow.API{
			{Name: "oldApi", Description: "gone"},
			{Name: "getUser", Description: "取用户", Inputs: []workflow.Param{{Name: "cb", Type: "Any"}}},
		},
		Instructions: "# 接入说明",
	})
	before := guideOf(cur)
	p := project.NewPlan(cur, dec)

	want := project.Plan{
		Components: project.Diff{
			Added: []string{"pay-button"},
			Changed: []project.Changed{{
				Name: "hello-card",
				Props: &project.Diff{
					Added: []string{},
					Changed: []project.Changed{
						{Name: "tags", Fields: []project.Field{{Field: "type", From: "Any", To: "Array"}, {Field: "default", To: `["new", "hot"]`}}},
						{Name: "title", Fields: []project.Field{{Field: "default", To: "你好"}}},
						{Name: "closable", Fields: []project.Field{{Field: "type", From: "", To: "Boolean"}, {Field: "default", To: "false"}}},
					},
					Removed: []string{"oldProp"},
				},
				Events: &project.Diff{Added: []string{"onClose"}, Changed: []project.Changed{}, Removed: []string{}},
			}},
			Removed: []string{"legacy-banner"},
		},
		Pages: project.Diff{
			Added: []string{},
			Changed: []project.Changed{
				{Name: "首页", Fields: []project.Field{{Field: "name", From: "首页", To: "home"}}},
				{Name: "order-detail", Fields: []project.Field{{Field: "path", From: "pages/order/index", To: "pages/order-detail/index"}}},
			},
			Removed: []string{"about"},
		},
		APIs:  project.Diff{Added: []string{"pay", "formatAmount", "sdkVersion"}, Changed: []project.Changed{}, Removed: []string{"oldApi"}},
		Notes: []string{`component "hello-card" prop "count": the code suggests type Number, the draft says String; kept String`},
	}
	if !samePlan(p, want) {
		t.Errorf("plan:\n got %s\nwant %s", js(p), js(want))
	}
	if got, want := p.Counts(false), (project.Counts{Added: 4, Changed: 3, Kept: 4}); got != want {
		t.Errorf("Counts(keep) = %+v, want %+v", got, want)
	}
	if got, want := p.Counts(true), (project.Counts{Added: 4, Changed: 3, Removed: 4}); got != want {
		t.Errorf("Counts(remove) = %+v, want %+v", got, want)
	}

	helloCard := workflow.Component{Name: "hello-card", Description: "问候卡片", Props: []workflow.Prop{
		{Name: "tags", Type: "Array", Default: `["new", "hot"]`, Description: "标签"},
		{Name: "title", Type: "String", Required: true, Default: "你好", Description: "标题"},
		{Name: "count", Type: "String", Default: "零", Description: "数量"},
		{Name: "closable", Type: "Boolean", Default: "false", Description: "可关闭"},
		{Name: "oldProp", Type: "String", Description: "code no longer has it"},
	}, Events: []workflow.EventDecl{{Name: "onTap", Description: "点击时"}, {Name: "onClose"}}}
	kept := guideOf(workflow.Guide{
		Components: []workflow.Component{{Name: "legacy-banner", Description: "旧横幅"}, helloCard, dec.Guide.Components[1]},
		Pages: []workflow.GuidePage{
			{Name: "home", Path: "pages/home/index", Description: "入口", Params: []workflow.Param{{Name: "from", Type: "String"}}},
			{Name: "order-detail", Path: "pages/order-detail/index", Description: "订单"},
			{Name: "about", Path: "pages/about/index"},
		},
		APIs: []workflow.API{
			{Name: "oldApi", Description: "gone"},
			{Name: "getUser", Description: "取用户", Inputs: []workflow.Param{{Name: "cb", Type: "Any"}}},
			{Name: "pay"}, {Name: "formatAmount"}, {Name: "sdkVersion"},
		},
		Instructions: "# 接入说明",
	})
	if got := p.Apply(cur, false); !reflect.DeepEqual(got, kept) {
		t.Errorf("Apply(keep):\n got %s\nwant %s", js(got), js(kept))
	}

	removed := guideOf(kept)
	removed.Components = removed.Components[1:]
	removed.Components[0].Props = removed.Components[0].Props[:4]
	removed.Pages = removed.Pages[:2]
	removed.APIs = removed.APIs[1:]
	if got := p.Apply(cur, true); !reflect.DeepEqual(got, removed) {
		t.Errorf("Apply(remove):\n got %s\nwant %s", js(got), js(removed))
	}
	if !reflect.DeepEqual(cur, before) {
		t.Error("NewPlan or Apply modified the current guide")
	}
	// Importing again changes nothing but what was kept on purpose.
	again := project.NewPlan(p.Apply(cur, true), dec)
	if !again.Empty() {
		t.Errorf("a second import after removing still plans changes: %s", js(again))
	}
	again = project.NewPlan(p.Apply(cur, false), dec)
	if c := again.Counts(false); c != (project.Counts{Kept: 4}) {
		t.Errorf("a second import after keeping plans %+v, want only the 4 kept", c)
	}
}

func TestPlanPartialNeverRemoves(t *testing.T) {
	dec := project.Declared{
		Guide: guideOf(workflow.Guide{
			Components: []workflow.Component{{Name: "spread", Props: []workflow.Prop{prop("text", "String", "a")}}},
		}),
		Partial:     []string{"spread"},
		APIsPartial: true,
	}
	cur := guideOf(workflow.Guide{
		Components: []workflow.Component{{Name: "spread", Props: []workflow.Prop{{Name: "size", Type: "Number"}},
			Events: []workflow.EventDecl{{Name: "onTap"}}}},
		APIs: []workflow.API{{Name: "ping"}},
	})
	p := project.NewPlan(cur, dec)
	if n := p.Removals(); n != 0 {
		t.Errorf("a partial read proposes %d removals: %s", n, js(p))
	}
	got := p.Apply(cur, true)
	want := guideOf(workflow.Guide{
		Components: []workflow.Component{{Name: "spread", Props: []workflow.Prop{{Name: "size", Type: "Number"}, prop("text", "String", "a")},
			Events: []workflow.EventDecl{{Name: "onTap"}}}},
		APIs: []workflow.API{{Name: "ping"}},
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Apply(remove) of a partial read:\n got %s\nwant %s", js(got), js(want))
	}
}

func TestPlanTypeRule(t *testing.T) {
	tests := []struct {
		user, code, want string
		note             bool
	}{
		{"", "Number", "Number", false},
		{"Any", "Number", "Number", false},
		{"number", "Number", "Number", false}, // not a type: the code's
		{"String", "Number", "String", true},  // a chosen type stays
		{"String", "Any", "String", false},    // the code says nothing
		{"", "Any", "Any", false},
		{"Number", "Number", "Number", false},
	}
	for _, tc := range tests {
		cur := guideOf(workflow.Guide{Components: []workflow.Component{{Name: "c", Props: []workflow.Prop{{Name: "p", Type: tc.user}}}}})
		dec := project.Declared{Guide: guideOf(workflow.Guide{Components: []workflow.Component{{Name: "c", Props: []workflow.Prop{{Name: "p", Type: tc.code}}}}})}
		p := project.NewPlan(cur, dec)
		got := p.Apply(cur, false).Components[0].Props[0].Type
		if got != tc.want || (len(p.Notes) > 0) != tc.note {
			t.Errorf("draft %q, code %q: type %q with notes %q; want %q, note %v", tc.user, tc.code, got, p.Notes, tc.want, tc.note)
		}
	}
}

// TestPlanProperties checks the merge rules on random guides: nothing the
// person wrote is lost, every declared entry is there after Apply, and an
// import applied with removal leaves nothing to import.
func TestPlanProperties(t *testing.T) {
	names := rapid.SampledFrom([]string{"a", "b", "c", "d"})
	types := rapid.SampledFrom([]string{"", "Any", "String", "Number", "x"})
	genProps := func(t *rapid.T, label string) []workflow.Prop {
		var out []workflow.Prop
		for _, n := range rapid.SliceOfNDistinct(names, 0, 4, func(s string) string { return s }).Draw(t, label) {
			out = append(out, workflow.Prop{Name: n, Type: types.Draw(t, label+n+"type"),
				Default: rapid.SampledFrom([]string{"", "1"}).Draw(t, label+n+"def"), Description: rapid.String().Draw(t, label+n+"desc")})
		}
		return out
	}
	genGuide := func(t *rapid.T, label string) workflow.Guide {
		var g workflow.Guide
		for _, n := range rapid.SliceOfNDistinct(names, 0, 4, func(s string) string { return s }).Draw(t, label+"c") {
			g.Components = append(g.Components, workflow.Component{Name: n, Description: rapid.String().Draw(t, label+n), Props: genProps(t, label+n)})
		}
		for _, n := range rapid.SliceOfNDistinct(names, 0, 4, func(s string) string { return s }).Draw(t, label+"p") {
			g.Pages = append(g.Pages, workflow.GuidePage{Name: n, Path: "pages/" + names.Draw(t, label+n+"path"), Description: rapid.String().Draw(t, label+n+"pd")})
		}
		for _, n := range rapid.SliceOfNDistinct(names, 0, 4, func(s string) string { return s }).Draw(t, label+"a") {
			g.APIs = append(g.APIs, workflow.API{Name: n, Description: rapid.String().Draw(t, label+n+"ad")})
		}
		return guideOf(g)
	}
	rapid.Check(t, func(t *rapid.T) {
		cur := genGuide(t, "cur")
		dec := project.Declared{Guide: genGuide(t, "dec")}
		p := project.NewPlan(cur, dec)
		keep := p.Apply(cur, false)
		// Nothing the person wrote is lost when keeping.
		for _, c := range cur.Components {
			k := findComp(keep, c.Name)
			if k == nil || k.Description != c.Description {
				t.Fatalf("component %q or its description was lost", c.Name)
			}
			for _, up := range c.Props {
				kp := findProp(k, up.Name)
				if kp == nil || kp.Description != up.Description || up.Default != "" && kp.Default != up.Default {
					t.Fatalf("prop %q of %q or its text was lost", up.Name, c.Name)
				}
			}
		}
		for _, a := range cur.APIs {
			if !hasAPI(keep, a.Name) {
				t.Fatalf("API %q was lost while keeping", a.Name)
			}
		}
		// Every declared entry is there.
		rem := p.Apply(cur, true)
		for _, g := range []workflow.Guide{keep, rem} {
			for _, c := range dec.Guide.Components {
				k := findComp(g, c.Name)
				if k == nil {
					t.Fatalf("declared component %q is missing", c.Name)
				}
				for _, dp := range c.Props {
					if findProp(k, dp.Name) == nil {
						t.Fatalf("declared prop %q of %q is missing", dp.Name, c.Name)
					}
				}
			}
			for _, a := range dec.Guide.APIs {
				if !hasAPI(g, a.Name) {
					t.Fatalf("declared API %q is missing", a.Name)
				}
			}
		}
		if again := project.NewPlan(rem, dec); !again.Empty() {
			t.Fatalf("after Apply(remove) another import plans %s", js(again))
		}
		if again := project.NewPlan(keep, dec); again.Counts(false) != (project.Counts{Kept: p.Removals()}) {
			t.Fatalf("after Apply(keep) another import plans %+v, want only %d kept", again.Counts(false), p.Removals())
		}
	})
}

func findComp(g workflow.Guide, name string) *workflow.Component {
	for i := range g.Components {
		if g.Components[i].Name == name {
			return &g.Components[i]
		}
	}
	return nil
}

func findProp(c *workflow.Component, name string) *workflow.Prop {
	for i := range c.Props {
		if c.Props[i].Name == name {
			return &c.Props[i]
		}
	}
	return nil
}

func hasAPI(g workflow.Guide, name string) bool {
	for _, a := range g.APIs {
		if a.Name == name {
			return true
		}
	}
	return false
}

// samePlan compares the exported parts of two plans.
func samePlan(a, b project.Plan) bool { return js(a) == js(b) }

func js(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
