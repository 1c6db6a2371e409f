package workflow

import (
	"fmt"
	"strconv"
	"strings"
)

// Kinds of DraftChange.
const (
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
	ChangeChanged = "changed"
)

// DraftChange is one difference between two snapshots. Path names the field
// the way Problem.Path does, except that list entries are named by their
// name rather than their index ("guide.components[plate-scanner].props[mode].type"),
// because a reviewer thinks of "the mode prop", and an entry that moved in
// its list has not changed. Old and New are the values as text; an added or
// removed entry carries a one-line summary of itself.
type DraftChange struct {
	Path string `json:"path"`
	Kind string `json:"kind"`
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
}

// DiffDrafts compares two snapshots field by field, in the order the fields
// appear in the draft: info, components, pages, APIs, instructions. Entries
// are matched by name; an entry's removal is reported after the entries of
// the new list, where a reader looking for what vanished expects it. Equal
// drafts give nil.
func DiffDrafts(old, new Draft) []DraftChange {
	var d differ
	d.info(old.Info, new.Info)
	matchByName(&d, "guide.components", old.Guide.Components, new.Guide.Components,
		func(c Component) string { return c.Name }, componentSummary, d.component)
	matchByName(&d, "guide.pages", old.Guide.Pages, new.Guide.Pages,
		func(p GuidePage) string { return p.Name }, pageSummary, d.page)
	matchByName(&d, "guide.apis", old.Guide.APIs, new.Guide.APIs,
		func(a API) string { return a.Name }, apiSummary, d.api)
	d.field("guide.instructions", old.Guide.Instructions, new.Guide.Instructions)
	return d.out
}

type differ struct{ out []DraftChange }

func (d *differ) field(path, old, new string) {
	if old != new {
		d.out = append(d.out, DraftChange{Path: path, Kind: ChangeChanged, Old: old, New: new})
	}
}

func (d *differ) info(o, n Info) {
	d.field("info.title", o.Title, n.Title)
	d.field("info.intro", o.Intro, n.Intro)
	d.field("info.description", o.Description, n.Description)
	d.field("info.logo", o.Logo, n.Logo)
	// The abilities are a set ticked on a form: order is not a change.
	d.field("info.abilities", strings.Join(sortedAbilities(o.Abilities), ", "), strings.Join(sortedAbilities(n.Abilities), ", "))
	d.field("info.buyers", o.Buyers, n.Buyers)
	d.field("info.show_after_release", strconv.FormatBool(o.ShowAfterRelease), strconv.FormatBool(n.ShowAfterRelease))
	d.field("info.usage", o.Usage, n.Usage)
	d.field("info.cases", o.Cases, n.Cases)
	d.field("info.pc_url", o.PCURL, n.PCURL)
	d.field("info.contact", o.Contact, n.Contact)
}

// sortedAbilities orders abilities as the form lists them, unknown ones last
// in their own order, so two snapshots ticking the same boxes compare equal.
func sortedAbilities(as []string) []string {
	var out []string
	for _, a := range Abilities {
		for _, x := range as {
			if x == a {
				out = append(out, x)
			}
		}
	}
	for _, x := range as {
		known := false
		for _, a := range Abilities {
			known = known || x == a
		}
		if !known {
			out = append(out, x)
		}
	}
	return out
}

func (d *differ) component(path string, o, n Component) {
	d.field(path+".description", o.Description, n.Description)
	matchByName(d, path+".props", o.Props, n.Props, func(p Prop) string { return p.Name }, propSummary,
		func(path string, o, n Prop) {
			d.field(path+".type", o.Type, n.Type)
			d.field(path+".required", strconv.FormatBool(o.Required), strconv.FormatBool(n.Required))
			d.field(path+".default", o.Default, n.Default)
			d.field(path+".description", o.Description, n.Description)
		})
	matchByName(d, path+".events", o.Events, n.Events, func(e EventDecl) string { return e.Name },
		func(e EventDecl) string { return e.Description },
		func(path string, o, n EventDecl) { d.field(path+".description", o.Description, n.Description) })
}

func (d *differ) page(path string, o, n GuidePage) {
	d.field(path+".path", o.Path, n.Path)
	d.field(path+".description", o.Description, n.Description)
	d.params(path+".params", o.Params, n.Params)
}

func (d *differ) api(path string, o, n API) {
	d.field(path+".description", o.Description, n.Description)
	d.params(path+".inputs", o.Inputs, n.Inputs)
	d.params(path+".outputs", o.Outputs, n.Outputs)
}

func (d *differ) params(path string, o, n []Param) {
	matchByName(d, path, o, n, func(p Param) string { return p.Name }, paramSummary,
		func(path string, o, n Param) {
			d.field(path+".type", o.Type, n.Type)
			d.field(path+".required", strconv.FormatBool(o.Required), strconv.FormatBool(n.Required))
			d.field(path+".description", o.Description, n.Description)
		})
}

// matchByName pairs the entries of two lists by name and reports each new
// entry as changed (through same) or added, then each old one left unpaired
// as removed. A name repeated in a list (only an invalid draft has one)
// pairs its k-th old occurrence with its k-th new one, and the repeats get
// "#2", "#3" in their path so no two changes claim the same place.
func matchByName[T any](d *differ, base string, old, new []T, name func(T) string, summary func(T) string, same func(path string, o, n T)) {
	keys := func(list []T) []string {
		seen := map[string]int{}
		ks := make([]string, len(list))
		for i, e := range list {
			n := name(e)
			seen[n]++
			ks[i] = n
			if k := seen[n]; k > 1 {
				ks[i] = fmt.Sprintf("%s#%d", n, k)
			}
		}
		return ks
	}
	oldKeys, newKeys := keys(old), keys(new)
	oldAt := make(map[string]int, len(old))
	for i, k := range oldKeys {
		oldAt[k] = i
	}
	paired := make([]bool, len(old))
	for i, k := range newKeys {
		path := base + "[" + k + "]"
		if j, ok := oldAt[k]; ok {
			paired[j] = true
			same(path, old[j], new[i])
			continue
		}
		d.out = append(d.out, DraftChange{Path: path, Kind: ChangeAdded, New: summary(new[i])})
	}
	for j, k := range oldKeys {
		if !paired[j] {
			d.out = append(d.out, DraftChange{Path: base + "[" + k + "]", Kind: ChangeRemoved, Old: summary(old[j])})
		}
	}
}

func componentSummary(c Component) string {
	return joinSummary(c.Description, plural(len(c.Props), "prop"), plural(len(c.Events), "event"))
}

func pageSummary(p GuidePage) string {
	return joinSummary(p.Path, p.Description, plural(len(p.Params), "param"))
}

func apiSummary(a API) string {
	return joinSummary(a.Description, plural(len(a.Inputs), "input"), plural(len(a.Outputs), "output"))
}

func propSummary(p Prop) string {
	def := ""
	if p.Default != "" {
		def = "default " + p.Default
	}
	return joinSummary(p.Type, requiredWord(p.Required), def, p.Description)
}

func paramSummary(p Param) string {
	return joinSummary(p.Type, requiredWord(p.Required), p.Description)
}

func requiredWord(r bool) string {
	if r {
		return "required"
	}
	return "optional"
}

func plural(n int, what string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// joinSummary keeps a summary on one line: descriptions may span several.
func joinSummary(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " · ")
}
