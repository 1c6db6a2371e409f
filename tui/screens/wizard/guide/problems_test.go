package guide

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"pgregory.net/rapid"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// under keeps the problems at path or nested in it.
func under(ps []workflow.Problem, path string) []workflow.Problem {
	var out []workflow.Problem
	for _, p := range ps {
		if p.Path == path || strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[") {
			out = append(out, p)
		}
	}
	return out
}

// The editor checks one entry after stand-ins for those before it; that is
// only right while it finds exactly what Problems finds on the whole draft.
// Names come from a small alphabet so that duplicates are common.
func TestEntryCheckMatchesTheWholeDraft(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom([]string{"", "a", "b", "ab", "on", "onA", "onB", "a-b", "A b", "1x"})
		typ := rapid.SampledFrom([]string{"", "String", "Number", "Boolean", "Array", "Any", "string"})
		def := rapid.SampledFrom([]string{"", "1", "x", "true"})
		param := func(t *rapid.T) workflow.Param {
			return workflow.Param{Name: name.Draw(t, "name"), Type: typ.Draw(t, "type"), Required: rapid.Bool().Draw(t, "req")}
		}
		params := rapid.SliceOfN(rapid.Custom(param), 0, 4)
		var g workflow.Guide
		g.Components = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) workflow.Component {
			return workflow.Component{
				Name: name.Draw(t, "c"),
				Props: rapid.SliceOfN(rapid.Custom(func(t *rapid.T) workflow.Prop {
					return workflow.Prop{Name: name.Draw(t, "p"), Type: typ.Draw(t, "t"), Default: def.Draw(t, "d")}
				}), 0, 4).Draw(t, "props"),
				Events: rapid.SliceOfN(rapid.Custom(func(t *rapid.T) workflow.EventDecl {
					return workflow.EventDecl{Name: name.Draw(t, "e")}
				}), 0, 3).Draw(t, "events"),
			}
		}), 0, 6).Draw(t, "components")
		g.Pages = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) workflow.GuidePage {
			return workflow.GuidePage{
				Name:   name.Draw(t, "n"),
				Path:   rapid.SampledFrom([]string{"", "p/a", "p/b", "/x"}).Draw(t, "path"),
				Params: params.Draw(t, "params"),
			}
		}), 0, 6).Draw(t, "pages")
		g.APIs = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) workflow.API {
			return workflow.API{Name: name.Draw(t, "n"), Inputs: params.Draw(t, "in"), Outputs: params.Draw(t, "out")}
		}), 0, 6).Draw(t, "apis")

		whole := workflow.Draft{Guide: g}
		all := whole.Problems()
		d := func() *workflow.Draft { return &whole }
		for tab := range 3 {
			c := topColl(d, tab)
			for i := range c.len() {
				ep := c.entryPath(i)
				e := entryDraft(&g, tab, i)
				if got, want := under(e.Problems(), ep), under(all, ep); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s:\n got %v\nwant %v", ep, got, want)
				}
			}
		}
	})
}

func TestIndex(t *testing.T) {
	x := newIndex([]workflow.Problem{
		{Path: "info.title", Message: "not mine"},
		{Path: "guide.components[1].name", Message: "n1"},
		{Path: "guide.components[1].props[0].type", Message: "t10"},
		{Path: "guide.components[1].props[2].type", Message: "t12"},
		{Path: "guide.components[10].name", Message: "n10"},
		{Path: "guide.components", Message: "too many"},
	}, "guide.components", nil)
	for _, c := range []struct {
		path  string
		first string
		count int
	}{
		{"guide.components[1]", "n1", 3},
		{"guide.components[1].props", "t10", 2},
		{"guide.components[1].props[2]", "t12", 1},
		{"guide.components[10]", "n10", 1},
		{"guide.components", "n1", 5},
		{"info", "", 0},
	} {
		if x.first[c.path] != c.first || x.count[c.path] != c.count {
			t.Errorf("%s: first %q count %d, want %q %d", c.path, x.first[c.path], x.count[c.path], c.first, c.count)
		}
	}
	if x.bad["guide.components"] != 2 || x.bad["guide.components[1].props"] != 2 {
		t.Errorf("bad = %v", x.bad)
	}
	if x.fieldMsg("guide.components") != "too many" || x.fieldMsg("guide.components[1]") != "" {
		t.Error("fieldMsg is not the exact path's")
	}
}

func TestCopyName(t *testing.T) {
	used := map[string]bool{"a": true, "a-copy": true, "x": true, "xCopy": true, "xCopy2": true}
	taken := func(s string) bool { return used[s] }
	long := strings.Repeat("b", workflow.MaxLineRunes-2) + "-c"
	for _, c := range []struct {
		in    string
		style copyStyle
		want  string
	}{
		{"a", kebabCopy, "a-copy-2"},
		{"a-copy", kebabCopy, "a-copy-2"},
		{"b", kebabCopy, "b-copy"},
		{"x", identCopy, "xCopy3"},
		{"onTap", identCopy, "onTapCopy"},
		{"", identCopy, ""},
		{long, kebabCopy, strings.Repeat("b", workflow.MaxLineRunes-5) + "-copy"},
	} {
		got := copyName(c.in, c.style, taken)
		if got != c.want {
			t.Errorf("copyName(%.20q) = %.30q, want %.30q", c.in, got, c.want)
		}
	}
	if err := workflow.ValidateComponentName(copyName(long, kebabCopy, taken)); err != nil {
		t.Errorf("a shortened copy is not valid: %v", err)
	}
}

// bigDraft is a guide of n components of props props each, all valid.
func bigDraft(n, props int) workflow.Draft {
	d := workflow.SampleDraft()
	d.Guide.Components = nil
	for i := range n {
		c := workflow.Component{Name: fmt.Sprintf("component-%d", i), Description: "一个组件：说明它做什么、什么时候用", Events: []workflow.EventDecl{{Name: "onTap", Description: "点击时触发"}}}
		for k := range props {
			c.Props = append(c.Props, workflow.Prop{Name: fmt.Sprintf("prop%d", k), Type: workflow.PropTypes[k%len(workflow.PropTypes)], Description: "属性的说明"})
		}
		d.Guide.Components = append(d.Guide.Components, c)
	}
	return d
}

func newBig(tb testing.TB) (*Step, *workflow.Draft) {
	tb.Helper()
	d := bigDraft(200, 20)
	s := New(&common.Context{Styles: common.NewStyles(), Keys: common.NewGlobalKeys()}, &d)
	s.SetSize(100, 26)
	s.View()
	return s, &d
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func TestProblemsRunOncePerEdit(t *testing.T) {
	s, d := newBig(t)
	step := func(msg tea.Msg, wantRuns int) {
		t.Helper()
		s.Update(msg)
		s.View()
		s.View()
		if s.checks.runs != wantRuns {
			t.Fatalf("after %v: Problems ran %d times, want %d", msg, s.checks.runs, wantRuns)
		}
	}
	if s.checks.runs != 1 {
		t.Fatalf("the first view ran Problems %d times", s.checks.runs)
	}
	step(runes("j"), 1) // moving needs no check
	step(runes("G"), 1)
	step(runes("k"), 1)
	step(tea.KeyMsg{Type: tea.KeyEnter}, 1) // the list's check covers the entry
	step(runes("x"), 2)                     // one edit, one check of the entry alone
	step(runes("y"), 3)
	step(tea.KeyMsg{Type: tea.KeyTab}, 3)
	step(tea.KeyMsg{Type: tea.KeyEsc}, 4) // back at the list: one check of it
	step(runes("J"), 5)
	step(runes("l"), 6) // the lists are checked apart: pages once, alone
	step(runes("h"), 6) // and the components' check still holds
	if got := d.Guide.Components[199].Name; got != "component-198xy" {
		t.Errorf("edited the wrong component: last is %q", got)
	}
}

// BenchmarkKeyWith200Components is one key and the redraw after it, on a
// guide of 200 components of 20 props, where a person works: moving in the
// list, typing into a component's name and into a prop's name, and moving
// an entry (a change of the list, which rechecks the list).
func BenchmarkKeyWith200Components(b *testing.B) {
	esc := tea.KeyMsg{Type: tea.KeyEsc}
	bs := tea.KeyMsg{Type: tea.KeyBackspace}
	bench := func(name, focus string, setup []tea.KeyMsg, keys ...tea.KeyMsg) {
		b.Run(name, func(b *testing.B) {
			s, _ := newBig(b)
			if !s.Focus(focus) {
				b.Fatal("focus", focus)
			}
			for _, k := range setup {
				s.Update(k)
			}
			s.View()
			n := 0
			for b.Loop() {
				s.Update(keys[n%len(keys)])
				s.View()
				n++
			}
		})
	}
	// Focus on an entry opens its editor; esc goes back to the list.
	bench("list cursor", "guide.components[100]", []tea.KeyMsg{esc}, runes("j"), runes("k"))
	bench("type in component name", "guide.components[150].name", nil, runes("x"), bs)
	bench("type in prop name", "guide.components[150].props[10].name", nil, runes("x"), bs)
	bench("move component", "guide.components[100]", []tea.KeyMsg{esc}, runes("J"), runes("K"))
}
