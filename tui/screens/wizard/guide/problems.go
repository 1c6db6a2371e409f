package guide

import (
	"strings"

	"golang.org/x/text/message"

	"plugpub/workflow"
)

// Every message the step shows comes from workflow: a field's own
// validator as it is typed, and Problems for what needs more than one
// field (names unique within their list, limits on counts and lengths).
//
// Problems on a whole draft is not cheap: about 13 ms for 200 components
// of 20 props, half of it marshalling the draft to check its size. So the
// step never runs it per key on the whole draft. It runs it on the part of
// the draft a view needs, once per edit of that part, and caches it:
//   - the list tab: the tab's list alone (lists are checked independently
//     of each other), rechecked only after that list changed;
//   - an entry's editor: that entry, after stand-ins for the entries before
//     it that carry only their names (and a page its path), because an
//     entry is compared with those before it and only by those fields. So a
//     key typed into entry 199 checks one entry and 199 names, not 4,000
//     props. The paths and messages are the same as on the whole draft.

// probIndex answers "what is wrong here" for a path, an entry, or a list.
type probIndex struct {
	at    map[string][]string // exact path → its messages
	first map[string]string   // entry or list path → the first message at or under it
	count map[string]int      // entry or list path → how many problems at or under it
	bad   map[string]int      // list path → how many of its entries have problems
}

// The messages are said in pr's language (nil: English).
func newIndex(ps []workflow.Problem, under string, pr *message.Printer) *probIndex {
	x := &probIndex{at: map[string][]string{}, first: map[string]string{}, count: map[string]int{}, bad: map[string]int{}}
	for _, p := range ps {
		path := p.Path
		if path != under && !strings.HasPrefix(path, under+".") && !strings.HasPrefix(path, under+"[") {
			continue
		}
		msg := p.Say(pr)
		x.at[path] = append(x.at[path], msg)
		// Every enclosing entry ("…[3]") and list ("…props") gets it too.
		for k := 0; k < len(path); k++ {
			switch path[k] {
			case '[':
				x.note(path[:k], msg)
			case ']':
				if k+1 < len(path) {
					x.note(path[:k+1], msg)
				}
			}
		}
		x.note(path, msg)
	}
	return x
}

func (x *probIndex) note(path, msg string) {
	if _, seen := x.first[path]; !seen {
		x.first[path] = msg
		if strings.HasSuffix(path, "]") {
			x.bad[path[:strings.LastIndexByte(path, '[')]]++
		}
	}
	x.count[path]++
}

// fieldMsg is the first message at exactly path, or "".
func (x *probIndex) fieldMsg(path string) string {
	if ms := x.at[path]; len(ms) > 0 {
		return ms[0]
	}
	return ""
}

// listDraft is tab t's list alone in an otherwise empty draft.
func listDraft(g *workflow.Guide, t int) workflow.Draft {
	var d workflow.Draft
	switch t {
	case tabComponents:
		d.Guide.Components = g.Components
	case tabPages:
		d.Guide.Pages = g.Pages
	case tabAPIs:
		d.Guide.APIs = g.APIs
	}
	return d
}

// entryDraft is entry i of tab t's list at its own index, after stand-ins
// for the entries before it that keep only what Problems compares entries
// by. Those are names, and a page's path; if workflow starts comparing
// entries by another field, it belongs in the stand-ins too.
func entryDraft(g *workflow.Guide, t, i int) workflow.Draft {
	var d workflow.Draft
	switch t {
	case tabComponents:
		d.Guide.Components = standIns(g.Components, i, func(c workflow.Component) workflow.Component {
			return workflow.Component{Name: c.Name}
		})
	case tabPages:
		d.Guide.Pages = standIns(g.Pages, i, func(p workflow.GuidePage) workflow.GuidePage {
			return workflow.GuidePage{Name: p.Name, Path: p.Path}
		})
	case tabAPIs:
		d.Guide.APIs = standIns(g.APIs, i, func(a workflow.API) workflow.API {
			return workflow.API{Name: a.Name}
		})
	}
	return d
}

// standIns is entries[:i+1] with each entry before i cut by keep to what
// Problems compares entries by.
func standIns[T any](entries []T, i int, keep func(T) T) []T {
	out := make([]T, i+1)
	for j := range i {
		out[j] = keep(entries[j])
	}
	out[i] = entries[i]
	return out
}

// checks caches the indexes, each valid for one edit generation of a list.
type checks struct {
	d    func() *workflow.Draft
	pr   *message.Printer // the language the messages are said in
	gen  [3]int           // bumped by every edit of that list
	list [3]struct {
		gen int
		x   *probIndex
	}
	entry struct {
		tab, i, gen int
		x           *probIndex
	}
	runs int // how many times Problems ran, for tests
}

// edited marks tab t's list changed.
func (c *checks) edited(t int) { c.gen[t]++ }

// reset forgets everything, after the draft was replaced.
func (c *checks) reset() {
	for t := range c.gen {
		c.gen[t]++
	}
	c.entry.x = nil
}

// forList is the index of tab t's whole list.
func (c *checks) forList(t int) *probIndex {
	l := &c.list[t]
	if l.x == nil || l.gen != c.gen[t] {
		c.runs++
		d := listDraft(&c.d().Guide, t)
		l.x, l.gen = newIndex(d.Problems(), "guide."+listFields[t], c.pr), c.gen[t]
	}
	return l.x
}

// forEntry is the index of entry i of tab t's list, everything nested in
// it included. When the list index is already current it is used as is.
func (c *checks) forEntry(t, i int) *probIndex {
	if l := &c.list[t]; l.x != nil && l.gen == c.gen[t] {
		return l.x
	}
	e := &c.entry
	if e.x == nil || e.tab != t || e.i != i || e.gen != c.gen[t] {
		c.runs++
		g := &c.d().Guide
		d := entryDraft(g, t, i)
		e.x, e.tab, e.i, e.gen = newIndex(d.Problems(), topColl(c.d, t).entryPath(i), c.pr), t, i, c.gen[t]
	}
	return e.x
}
