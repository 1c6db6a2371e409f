package project_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"plugpub/workflow"
	"plugpub/workflow/project"
)

func BenchmarkReadAlipay(b *testing.B) {
	dir := filepath.Join("testdata", "alipay")
	for b.Loop() {
		if _, err := project.Read(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// bigGuide is a guide at the limits: 500 components of 20 props, 500
// pages, 500 APIs.
func bigGuide(desc string) workflow.Guide {
	var g workflow.Guide
	for i := range workflow.MaxEntries {
		c := workflow.Component{Name: fmt.Sprintf("c-%d", i), Description: desc}
		for k := range 20 {
			c.Props = append(c.Props, workflow.Prop{Name: fmt.Sprintf("p%d", k), Type: "Any", Description: desc})
		}
		g.Components = append(g.Components, c)
		g.Pages = append(g.Pages, workflow.GuidePage{Name: fmt.Sprintf("page%d", i), Path: fmt.Sprintf("pages/p%d", i)})
		g.APIs = append(g.APIs, workflow.API{Name: fmt.Sprintf("api%d", i)})
	}
	return g
}

func BenchmarkPlanAndApplyAtLimits(b *testing.B) {
	cur := bigGuide("写过的描述")
	code := bigGuide("")
	for i := range code.Components {
		code.Components[i].Props[0].Type = "Number"
	}
	dec := project.Declared{Guide: code}
	for b.Loop() {
		p := project.NewPlan(cur, dec)
		_ = p.Apply(cur, false)
	}
}
