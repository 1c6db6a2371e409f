package common

import (
	"strconv"
	"strings"

	"plugpub/workflow"
)

// Field paths: the diff names a list entry by its name
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

// IndexPath is the note path of a diff path in snapshot d.
func IndexPath(d *workflow.Draft, p string) (string, bool) {
	return convert(d, p, func(list []named, name string) (int, string, bool) {
		for i, e := range list {
			if e.name == name {
				return i, strconv.Itoa(i), true
			}
		}
		return 0, "", false
	})
}

// NamePath is the diff path of a note path in snapshot d, for its label.
func NamePath(d *workflow.Draft, p string) (string, bool) {
	return convert(d, p, func(list []named, inner string) (int, string, bool) {
		i, err := strconv.Atoi(inner)
		if err != nil || i < 0 || i >= len(list) {
			return 0, "", false
		}
		return i, list[i].name, true
	})
}

// FieldLabel names a note's field as the forms do, its entries by their
// names in d; without d (or for a path d lacks) by their places:
// "组件 2 › 属性 0 › 类型".
func FieldLabel(d *workflow.Draft, p string) string {
	if d != nil {
		if n, ok := NamePath(d, p); ok {
			return HumanPath(n)
		}
	}
	return HumanPath(p)
}

var infoLabels = map[string]string{
	"info.title":              "服务标题",
	"info.intro":              "简单介绍",
	"info.description":        "服务描述",
	"info.logo":               "Logo",
	"info.abilities":          "功能类型",
	"info.buyers":             "可订购人群",
	"info.show_after_release": "发布后是否展示",
	"info.usage":              "接入玩法",
	"info.cases":              "案例介绍",
	"info.pc_url":             "PC端url",
	"info.contact":            "客服联系方式",
	"guide.instructions":      "接入说明与示例代码",
}

var (
	entryWords = strings.NewReplacer(
		"guide.components[", "组件 ", "guide.pages[", "页面 ", "guide.apis[", "接口 ",
		"].props[", " › 属性 ", "].events[", " › 事件 ", "].params[", " › 参数 ",
		"].inputs[", " › 入参 ", "].outputs[", " › 出参 ",
	)
	fieldWords = map[string]string{
		".type": "类型", ".required": "必填", ".default": "默认值", ".description": "描述", ".path": "路径",
	}
)

// HumanPath names a field the way the wizard's forms do:
// guide.components[plate-scanner].props[mode].default becomes
// "组件 plate-scanner › 属性 mode › 默认值".
func HumanPath(p string) string {
	if l, ok := infoLabels[p]; ok {
		return l
	}
	entry, field := p, ""
	if i := strings.LastIndex(p, "]"); i >= 0 {
		entry, field = p[:i], p[i+1:]
	}
	s := entryWords.Replace(entry)
	if w, ok := fieldWords[field]; ok {
		s += " › " + w
	} else if field != "" {
		s += " › " + strings.TrimPrefix(field, ".")
	}
	return workflow.SanitizeLine(s)
}
