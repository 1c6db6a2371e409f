package review

import (
	"strconv"
	"strings"

	"plugpub/workflow"
)

// Paths: the diff names a list entry by its name
// (guide.components[plate-scanner].props[mode].type), a note by its place,
// as draft check does (guide.components[0].props[1].type). These turn one
// into the other for one snapshot, so a note written on a diff line is
// pinned where workflow looks for it, and a note is drawn at its line.

// named is one list entry's name and the lists under it, by their JSON key.
type named struct {
	name string
	sub  map[string][]named
}

func params(ps []workflow.Param) []named {
	out := make([]named, len(ps))
	for i, p := range ps {
		out[i] = named{name: p.Name}
	}
	return out
}

// entries are the guide's lists of d as names, by their JSON key.
func entries(d *workflow.Draft) map[string][]named {
	g := &d.Guide
	cs := make([]named, len(g.Components))
	for i, c := range g.Components {
		props := make([]named, len(c.Props))
		for j, p := range c.Props {
			props[j] = named{name: p.Name}
		}
		events := make([]named, len(c.Events))
		for j, e := range c.Events {
			events[j] = named{name: e.Name}
		}
		cs[i] = named{name: c.Name, sub: map[string][]named{"props": props, "events": events}}
	}
	ps := make([]named, len(g.Pages))
	for i, p := range g.Pages {
		ps[i] = named{name: p.Name, sub: map[string][]named{"params": params(p.Params)}}
	}
	as := make([]named, len(g.APIs))
	for i, a := range g.APIs {
		as[i] = named{name: a.Name, sub: map[string][]named{"inputs": params(a.Inputs), "outputs": params(a.Outputs)}}
	}
	return map[string][]named{"components": cs, "pages": ps, "apis": as}
}

// segment is one "key[inner]" step of a path, and what follows it.
func segment(p string) (key, inner, rest string, ok bool) {
	open := strings.IndexByte(p, '[')
	if open < 0 {
		return "", "", "", false
	}
	close := strings.IndexByte(p[open:], ']')
	if close < 0 {
		return "", "", "", false
	}
	return p[:open], p[open+1 : open+close], p[open+close+1:], true
}

// convert walks a guide path, turning each entry's inner part with turn
// (a name into an index, or back); false when an entry is not in d.
func convert(d *workflow.Draft, p string, turn func(list []named, inner string) (int, string, bool)) (string, bool) {
	rest, ok := strings.CutPrefix(p, "guide.")
	if !ok || !strings.Contains(rest, "[") {
		return p, true // info.*, guide.instructions
	}
	lists := entries(d)
	var b strings.Builder
	b.WriteString("guide.")
	for {
		key, inner, after, ok := segment(rest)
		if !ok {
			b.WriteString(rest)
			return b.String(), true
		}
		list := lists[strings.TrimPrefix(key, ".")]
		i, out, found := turn(list, inner)
		if !found {
			return "", false
		}
		b.WriteString(key + "[" + out + "]")
		lists, rest = list[i].sub, after
	}
}

// indexPath is the note path of a diff path in snapshot d.
func indexPath(d *workflow.Draft, p string) (string, bool) {
	return convert(d, p, func(list []named, name string) (int, string, bool) {
		for i, e := range list {
			if e.name == name {
				return i, strconv.Itoa(i), true
			}
		}
		return 0, "", false
	})
}

// namePath is the diff path of a note path in snapshot d, for its label.
func namePath(d *workflow.Draft, p string) (string, bool) {
	return convert(d, p, func(list []named, inner string) (int, string, bool) {
		i, err := strconv.Atoi(inner)
		if err != nil || i < 0 || i >= len(list) {
			return 0, "", false
		}
		return i, list[i].name, true
	})
}

// fieldLabel names a note's field as the forms do; a path not in d is
// shown as it is.
func fieldLabel(d *workflow.Draft, p string) string {
	if d != nil {
		if n, ok := namePath(d, p); ok {
			return humanPath(n)
		}
	}
	return workflow.SanitizeLine(p)
}
