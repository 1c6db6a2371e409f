package project

import (
	"fmt"
	"slices"

	"plugpub/workflow"
)

// Plan is what importing a Declared guide would change in a draft's guide,
// list by list, so it can be shown before anything is written.
//
// The merge rules, in one place:
//   - Entries match by name: components, pages, APIs, and a component's
//     props and events. A page the code declares under another name but
//     at the same path as a draft page is that page renamed (its
//     description and params stay).
//   - What a person wrote is kept: descriptions, required flags, params,
//     API inputs and outputs, and a prop default that is not empty. An
//     empty default is filled from the code.
//   - A prop's type from the code replaces the draft's only when the
//     draft's says nothing: it is empty, Any, or not a type at all. A
//     specific type the person chose stays even when the code suggests
//     another (a default of 0 does not make a String prop wrong), and the
//     disagreement is listed in Notes.
//   - A page's path and name are the code's: they are how a host opens it.
//   - The draft's order is kept; new entries are appended in the order the
//     code declares them.
//   - Entries only the draft has are listed as Removed and deleted only
//     when Apply is asked to. Props and events of a component whose code
//     could not be read fully (Declared.Partial), and APIs when main's
//     exports could not (Declared.APIsPartial), are never listed as removed.
type Plan struct {
	Components Diff `json:"components"`
	Pages      Diff `json:"pages"`
	APIs       Diff `json:"apis"`
	// Notes are disagreements merging left as the draft has them.
	Notes []string `json:"notes"`

	declared Declared
}

// Diff is the change to one list.
type Diff struct {
	Added   []string  `json:"added"`   // in the order Apply appends them
	Changed []Changed `json:"changed"` // in the draft's order
	Removed []string  `json:"removed"` // in the draft but not declared by the code
}

// Changed is one entry that both have and that merging changes.
type Changed struct {
	Name   string  `json:"name"`             // the entry's name in the draft
	Fields []Field `json:"fields,omitempty"` // a page's name and path, a prop's type and default
	Props  *Diff   `json:"props,omitempty"`  // a component's props
	Events *Diff   `json:"events,omitempty"` // a component's events
}

// Field is one field merging sets.
type Field struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// NewPlan compares the draft's guide with what the code declares.
func NewPlan(current workflow.Guide, declared Declared) Plan {
	p := Plan{declared: declared}
	merge(current, declared, false, &p)
	p.Components.normalize()
	p.Pages.normalize()
	p.APIs.normalize()
	p.Notes = nonNil(p.Notes)
	return p
}

// Apply returns current merged with the declared guide the plan was made
// from; remove deletes the entries the plan lists as Removed. current is
// not modified.
func (p Plan) Apply(current workflow.Guide, remove bool) workflow.Guide {
	var scratch Plan
	return merge(current, p.declared, remove, &scratch)
}

// Counts are a plan's totals for one choice about removals.
type Counts struct {
	Added   int `json:"added"`   // top-level entries added
	Changed int `json:"changed"` // top-level entries changed
	Removed int `json:"removed"` // entries deleted, nested ones included
	Kept    int `json:"kept"`    // entries the code no longer declares, kept
}

// Counts says what Apply(current, remove) does.
func (p Plan) Counts(remove bool) Counts {
	var c Counts
	for _, d := range []Diff{p.Components, p.Pages, p.APIs} {
		c.Added += len(d.Added)
		for _, ch := range d.Changed {
			if ch.changes(remove) {
				c.Changed++
			}
		}
	}
	n := p.Removals()
	if remove {
		c.Removed = n
	} else {
		c.Kept = n
	}
	return c
}

// Removals counts the entries, at any depth, that the code no longer declares.
func (p Plan) Removals() int {
	return p.Components.removals() + p.Pages.removals() + p.APIs.removals()
}

// Empty is true when importing would change nothing, whatever is chosen
// about removals.
func (p Plan) Empty() bool {
	for _, d := range []Diff{p.Components, p.Pages, p.APIs} {
		if len(d.Added)+len(d.Changed)+len(d.Removed) > 0 {
			return false
		}
	}
	return true
}

func (d *Diff) removals() int {
	if d == nil {
		return 0
	}
	n := len(d.Removed)
	for _, c := range d.Changed {
		n += c.Props.removals() + c.Events.removals()
	}
	return n
}

// changes reports whether applying changes the entry: a field, something
// added or changed inside it, or, when removing, something removed.
func (c Changed) changes(remove bool) bool {
	if len(c.Fields) > 0 {
		return true
	}
	for _, d := range []*Diff{c.Props, c.Events} {
		if d == nil {
			continue
		}
		if len(d.Added) > 0 || len(d.Changed) > 0 || remove && len(d.Removed) > 0 {
			return true
		}
	}
	return false
}

func (d *Diff) normalize() {
	d.Added = nonNil(d.Added)
	d.Changed = nonNil(d.Changed)
	d.Removed = nonNil(d.Removed)
	for i := range d.Changed {
		for _, s := range []*Diff{d.Changed[i].Props, d.Changed[i].Events} {
			if s != nil {
				s.normalize()
			}
		}
	}
}

func (d *Diff) empty() bool { return len(d.Added)+len(d.Changed)+len(d.Removed) == 0 }

// merge is the one implementation of the rules above: NewPlan records what
// it does, Apply keeps its result, so the preview cannot drift from what
// is written.
func merge(current workflow.Guide, dec Declared, remove bool, p *Plan) workflow.Guide {
	cur := workflow.Draft{Guide: current}.Clone().Guide
	code := workflow.Draft{Guide: dec.Guide}.Clone().Guide
	out := cur
	partial := map[string]bool{}
	for _, n := range dec.Partial {
		partial[n] = true
	}

	out.Components = mergeList(cur.Components, code.Components, remove, true, &p.Components,
		func(c workflow.Component) string { return c.Name },
		func(u, c workflow.Component) (workflow.Component, *Changed) {
			return mergeComponent(u, c, partial[u.Name], remove, p)
		})
	out.Pages = mergePages(cur.Pages, code.Pages, remove, &p.Pages)
	out.APIs = mergeList(cur.APIs, code.APIs, remove, !dec.APIsPartial, &p.APIs,
		func(a workflow.API) string { return a.Name },
		func(u, _ workflow.API) (workflow.API, *Changed) { return u, nil })
	return out
}

// mergeList merges one list by name: the draft's entries in their order,
// each merged with the code's entry of the same name by both, then the
// code's new entries. mayRemove is false when the code's list is not known
// to be complete.
func mergeList[T any](cur, code []T, remove, mayRemove bool, d *Diff, name func(T) string, both func(u, c T) (T, *Changed)) []T {
	byName := make(map[string]int, len(code))
	for i, c := range code {
		if _, dup := byName[name(c)]; !dup {
			byName[name(c)] = i
		}
	}
	have := make(map[string]bool, len(cur))
	out := make([]T, 0, len(cur)+len(code))
	for _, u := range cur {
		n := name(u)
		have[n] = true
		i, ok := byName[n]
		switch {
		case ok:
			m, ch := both(u, code[i])
			if ch != nil {
				d.Changed = append(d.Changed, *ch)
			}
			out = append(out, m)
		case !mayRemove:
			out = append(out, u)
		default:
			d.Removed = append(d.Removed, n)
			if !remove {
				out = append(out, u)
			}
		}
	}
	for _, c := range code {
		if n := name(c); !have[n] {
			have[n] = true
			d.Added = append(d.Added, n)
			out = append(out, c)
		}
	}
	return out
}

func mergeComponent(u, c workflow.Component, partial, remove bool, p *Plan) (workflow.Component, *Changed) {
	ch := Changed{Name: u.Name, Props: &Diff{}, Events: &Diff{}}
	u.Props = mergeList(u.Props, c.Props, remove, !partial, ch.Props,
		func(p workflow.Prop) string { return p.Name },
		func(up, cp workflow.Prop) (workflow.Prop, *Changed) {
			m, fields, note := mergeProp(up, cp)
			if note != "" {
				p.Notes = append(p.Notes, fmt.Sprintf("component %s prop %s: %s", quote(u.Name), quote(up.Name), note))
			}
			if len(fields) == 0 {
				return m, nil
			}
			return m, &Changed{Name: up.Name, Fields: fields}
		})
	u.Events = mergeList(u.Events, c.Events, remove, !partial, ch.Events,
		func(e workflow.EventDecl) string { return e.Name },
		func(ue, _ workflow.EventDecl) (workflow.EventDecl, *Changed) { return ue, nil })
	if ch.Props.empty() && ch.Events.empty() {
		return u, nil
	}
	if ch.Props.empty() {
		ch.Props = nil
	}
	if ch.Events.empty() {
		ch.Events = nil
	}
	return u, &ch
}

// mergeProp keeps the person's prop and takes from the code only what it
// leaves unsaid: see Plan for the rules.
func mergeProp(u, c workflow.Prop) (workflow.Prop, []Field, string) {
	var fields []Field
	note := ""
	switch {
	case u.Type == c.Type:
	case c.Type == "Any":
		// The code says nothing specific; only an empty type learns Any.
		if u.Type == "" {
			fields = append(fields, Field{Field: "type", From: u.Type, To: c.Type})
			u.Type = c.Type
		}
	case u.Type == "" || u.Type == "Any" || !slices.Contains(workflow.PropTypes, u.Type):
		fields = append(fields, Field{Field: "type", From: u.Type, To: c.Type})
		u.Type = c.Type
	default:
		note = fmt.Sprintf("the code suggests type %s, the draft says %s; kept %s", c.Type, u.Type, u.Type)
	}
	if u.Default == "" && c.Default != "" {
		fields = append(fields, Field{Field: "default", From: "", To: c.Default})
		u.Default = c.Default
	}
	return u, fields, note
}

// mergePages is mergeList for pages, which may also match by path: a draft
// page at the path of a declared page whose name no draft page has is
// that page, renamed in the code.
func mergePages(cur, code []workflow.GuidePage, remove bool, d *Diff) []workflow.GuidePage {
	curNames := make(map[string]bool, len(cur))
	for _, u := range cur {
		curNames[u.Name] = true
	}
	byName := make(map[string]int, len(code))
	byPath := make(map[string]int, len(code))
	for i, c := range code {
		if _, dup := byName[c.Name]; !dup {
			byName[c.Name] = i
		}
		if _, dup := byPath[c.Path]; !dup && !curNames[c.Name] {
			byPath[c.Path] = i
		}
	}
	used := make(map[int]bool, len(code))
	out := make([]workflow.GuidePage, 0, len(cur)+len(code))
	for _, u := range cur {
		i, ok := byName[u.Name]
		if !ok {
			if j, byP := byPath[u.Path]; byP && !used[j] {
				i, ok = j, true
			}
		}
		if !ok {
			d.Removed = append(d.Removed, u.Name)
			if !remove {
				out = append(out, u)
			}
			continue
		}
		used[i] = true
		c := code[i]
		var fields []Field
		if u.Name != c.Name {
			fields = append(fields, Field{Field: "name", From: u.Name, To: c.Name})
		}
		if u.Path != c.Path {
			fields = append(fields, Field{Field: "path", From: u.Path, To: c.Path})
		}
		if len(fields) > 0 {
			d.Changed = append(d.Changed, Changed{Name: u.Name, Fields: fields})
		}
		u.Name, u.Path = c.Name, c.Path
		out = append(out, u)
	}
	for i, c := range code {
		if !used[i] && !curNames[c.Name] {
			used[i] = true
			curNames[c.Name] = true
			d.Added = append(d.Added, c.Name)
			out = append(out, c)
		}
	}
	return out
}
