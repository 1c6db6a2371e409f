package guide

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"plugpub/tui/components/vtable"
	"plugpub/workflow"
	"plugpub/workflow/guidedoc"
)

// The guide has eight kinds of list (components, pages, APIs, and inside
// them props, events, params, inputs, outputs) that are edited the same
// way. Each kind is described once here, as data: its fields, its nested
// lists and its summary columns. The list and editor models then work on a
// coll, the list bound to its place in the draft, without knowing its type.

type fieldKind int

const (
	lineField fieldKind = iota // one line of text: a textinput
	textField                  // free text that may span lines: a textarea
	typeField                  // one of a fixed set of types: a picker
	boolField                  // required: a toggle
)

// field is one editable field of an entry. Key is its JSON name, the last
// part of a problem path, so errors find their field without a table.
type field struct {
	key   string
	label string
	kind  fieldKind
	types []string // typeField: the only types the picker offers
}

// kid is a nested list of an entry, such as a component's props.
type kid struct {
	key   string // JSON name: "props"
	label string // 属性
}

// meta is what the models need to know about a kind of list.
type meta struct {
	noun   string // what one entry is called: 组件
	fields []field
	kids   []kid
	cols   []vtable.Column // the summary columns, before the problem column
}

func (m *meta) field(key string) int {
	return slices.IndexFunc(m.fields, func(f field) bool { return f.key == key })
}

func (m *meta) kid(key string) int {
	return slices.IndexFunc(m.kids, func(k kid) bool { return k.key == key })
}

// coll is one list of the draft, resolved afresh on every call, so it stays
// right when the slice it lives in is reallocated by an append.
type coll interface {
	meta() *meta
	path() string // the list's problem path: guide.components[3].props
	entryPath(i int) string
	len() int
	text(i int, key string) string
	setText(i int, key, v string)
	flag(i int) bool
	setFlag(i int, v bool)
	// check runs the workflow validator of one field, if it has one;
	// rules that need the whole list (unique names) come from Problems.
	check(i int, key string) error
	cells(i int) []string
	child(i int, key string) coll
	add() int
	duplicate(i int) int
	remove(i int) any
	restore(i int, e any) int
	swap(i, j int)
}

// spec describes one element type for the generic list. Its fields, their
// kinds, types and rules are the workflow's draft table (entry); what is
// here is how the list looks.
type spec[T any] struct {
	meta
	entry workflow.Entry[T]
	zero  func() T
	cells func(*T) []string
	child func(e func() *T, path, key string) coll
	// copies are the fields a duplicate must change to stay unique.
	copies []copyRule
}

// newSpec is the spec of entry, its fields taken from the draft table.
func newSpec[T any](entry workflow.Entry[T], m meta, zero func() T, cells func(*T) []string,
	child func(e func() *T, path, key string) coll, copies ...copyRule) *spec[T] {
	m.fields = fieldsOf(entry)
	return &spec[T]{meta: m, entry: entry, zero: zero, cells: cells, child: child, copies: copies}
}

// fieldLabels are the editor's names of the fields, by JSON name; a field
// without one is shown by its JSON name.
var fieldLabels = map[string]string{
	"name": "名称", "type": "类型", "required": "必填", "default": "默认值", "description": "描述", "path": "路径",
}

// fieldsOf is the editor's view of an entry's fields in the draft table.
func fieldsOf[T any](entry workflow.Entry[T]) []field {
	var out []field
	for _, f := range entry.Fields() {
		label, ok := fieldLabels[f.Key]
		if !ok {
			label = f.Key
		}
		k := lineField
		switch f.Kind {
		case workflow.KindText:
			k = textField
		case workflow.KindEnum:
			k = typeField
		case workflow.KindBool:
			k = boolField
		}
		out = append(out, field{key: f.Key, label: label, kind: k, types: f.Choices})
	}
	return out
}

// required is the flag the editor toggles: every kind that has one calls it so.
const required = "required"

type sliceColl[T any] struct {
	sp *spec[T]
	p  string
	s  func() *[]T
}

func newColl[T any](path string, s func() *[]T, sp *spec[T]) coll {
	return &sliceColl[T]{sp: sp, p: path, s: s}
}

func (c *sliceColl[T]) meta() *meta            { return &c.sp.meta }
func (c *sliceColl[T]) path() string           { return c.p }
func (c *sliceColl[T]) entryPath(i int) string { return c.p + "[" + strconv.Itoa(i) + "]" }
func (c *sliceColl[T]) len() int               { return len(*c.s()) }
func (c *sliceColl[T]) at(i int) *T            { return &(*c.s())[i] }
func (c *sliceColl[T]) text(i int, key string) string {
	return c.sp.entry.Text(c.at(i), key)
}
func (c *sliceColl[T]) setText(i int, key, v string) { c.sp.entry.SetText(c.at(i), key, v) }
func (c *sliceColl[T]) cells(i int) []string         { return c.sp.cells(c.at(i)) }

func (c *sliceColl[T]) flag(i int) bool {
	b := c.sp.entry.Flag(c.at(i), required)
	return b != nil && *b
}

func (c *sliceColl[T]) setFlag(i int, v bool) {
	if b := c.sp.entry.Flag(c.at(i), required); b != nil {
		*b = v
	}
}

func (c *sliceColl[T]) check(i int, key string) error { return c.sp.entry.Check(c.at(i), key) }

func (c *sliceColl[T]) child(i int, key string) coll {
	if c.sp.child == nil {
		return nil
	}
	return c.sp.child(func() *T { return c.at(i) }, c.entryPath(i), key)
}

// add appends a new entry and returns its index. Lists grow at the end, as
// the platform's form adds rows below the last.
func (c *sliceColl[T]) add() int {
	s := c.s()
	*s = append(*s, c.sp.zero())
	return len(*s) - 1
}

// duplicate inserts a deep copy of entry i after it, renamed so the copy is
// still unique (and, for a valid name, still valid); it returns the copy's index.
func (c *sliceColl[T]) duplicate(i int) int {
	s := c.s()
	e := c.sp.entry.Clone((*s)[i])
	for _, r := range c.sp.copies {
		taken := func(v string) bool {
			return slices.ContainsFunc(*s, func(x T) bool { return c.sp.entry.Text(&x, r.key) == v })
		}
		c.sp.entry.SetText(&e, r.key, copyName(c.sp.entry.Text(&e, r.key), r.style, taken))
	}
	*s = slices.Insert(*s, i+1, e)
	return i + 1
}

func (c *sliceColl[T]) remove(i int) any {
	s := c.s()
	e := (*s)[i]
	*s = slices.Delete(*s, i, i+1)
	return e
}

// restore puts back what remove returned, at i or at the end if the list
// has since got shorter, and returns where it went.
func (c *sliceColl[T]) restore(i int, e any) int {
	s := c.s()
	i = max(0, min(i, len(*s)))
	*s = slices.Insert(*s, i, e.(T))
	return i
}

func (c *sliceColl[T]) swap(i, j int) {
	s := *c.s()
	s[i], s[j] = s[j], s[i]
}

// copyStyle is how the n-th copy (n ≥ 1) of a name is suffixed, and how
// to recognise a name that is already a copy.
type copyStyle struct {
	suffix func(n int) string
	re     *regexp.Regexp
}

// copyRule names a field that must stay unique when an entry is duplicated.
type copyRule struct {
	key   string
	style copyStyle
}

var (
	// kebabCopy suits kebab-case and free-text names, and page paths,
	// whose last part may hold letters, digits, _ and -.
	kebabCopy = copyStyle{
		suffix: func(n int) string {
			if n == 1 {
				return "-copy"
			}
			return "-copy-" + strconv.Itoa(n)
		},
		re: regexp.MustCompile(`-copy(-[0-9]+)?$`),
	}
	// identCopy suits identifiers and onXxx event names, which cannot
	// hold a hyphen.
	identCopy = copyStyle{
		suffix: func(n int) string {
			if n == 1 {
				return "Copy"
			}
			return "Copy" + strconv.Itoa(n)
		},
		re: regexp.MustCompile(`Copy[0-9]*$`),
	}
)

// copyName returns v with the first suffix of style that no entry uses.
// A copy of a copy counts on from the original (x-copy → x-copy-2, not
// x-copy-copy), and the base is shortened if the suffix would push the
// name past the length limit. An empty name stays empty: there is
// nothing to keep unique, and a suffix alone would not be a valid name.
func copyName(v string, style copyStyle, taken func(string) bool) string {
	if v == "" {
		return v
	}
	base := v
	if loc := style.re.FindStringIndex(v); loc != nil && loc[0] > 0 {
		base = v[:loc[0]]
	}
	for n := 1; ; n++ {
		suffix := style.suffix(n)
		b := base
		if utf8.RuneCountInString(b)+len(suffix) > workflow.MaxLineRunes {
			for b != "" && utf8.RuneCountInString(b)+len(suffix) > workflow.MaxLineRunes {
				_, size := utf8.DecodeLastRuneInString(b)
				b = b[:len(b)-size]
			}
			// A cut must not leave a separator hanging before the suffix.
			b = strings.TrimRight(b, "-_/")
		}
		if cand := b + suffix; !taken(cand) {
			return cand
		}
	}
}

func count[T any](s []T) string { return strconv.Itoa(len(s)) }

// The kinds. Fields and validators are workflow's draft table; a
// description's rule is its length limit alone, which Problems reports too.

var propSpec = newSpec(workflow.PropEntry(),
	meta{noun: "属性",
		cols: []vtable.Column{{Title: "属性", Flex: 2}, {Title: "类型", Width: 7}, {Title: "必填", Width: 4}, {Title: "默认值", Flex: 1}, {Title: "描述", Flex: 2}}},
	func() workflow.Prop { return workflow.Prop{Type: workflow.PropTypes[0]} },
	func(p *workflow.Prop) []string {
		return []string{p.Name, p.Type, guidedoc.YesNo(p.Required), p.Default, p.Description}
	},
	nil, copyRule{"name", identCopy})

var eventSpec = newSpec(workflow.EventEntry(),
	meta{noun: "事件", cols: []vtable.Column{{Title: "事件", Flex: 2}, {Title: "描述", Flex: 3}}},
	func() workflow.EventDecl { return workflow.EventDecl{} },
	func(e *workflow.EventDecl) []string { return []string{e.Name, e.Description} },
	nil, copyRule{"name", identCopy})

// paramSpec builds the spec of page params and of API inputs and outputs:
// the same struct, but each list's table has its own allowed types, so the
// picker of each offers only its own.
func paramSpec(noun string, entry workflow.Entry[workflow.Param]) *spec[workflow.Param] {
	s := newSpec(entry,
		meta{noun: noun, cols: []vtable.Column{{Title: noun, Flex: 2}, {Title: "类型", Width: 7}, {Title: "必填", Width: 4}, {Title: "描述", Flex: 3}}},
		nil,
		func(p *workflow.Param) []string {
			return []string{p.Name, p.Type, guidedoc.YesNo(p.Required), p.Description}
		},
		nil, copyRule{"name", identCopy})
	types := s.fields[s.field("type")].types
	s.zero = func() workflow.Param { return workflow.Param{Type: types[0]} }
	return s
}

var (
	pageParamSpec = paramSpec("参数", workflow.PageParamEntry())
	inputSpec     = paramSpec("入参", workflow.InputEntry())
	outputSpec    = paramSpec("出参", workflow.OutputEntry())
)

var componentSpec = newSpec(workflow.ComponentEntry(),
	meta{noun: "组件",
		kids: []kid{{key: "props", label: "属性"}, {key: "events", label: "事件"}},
		cols: []vtable.Column{{Title: "组件", Flex: 2}, {Title: "描述", Flex: 3}, {Title: "属性", Width: 4}, {Title: "事件", Width: 4}}},
	func() workflow.Component {
		return workflow.Component{Props: []workflow.Prop{}, Events: []workflow.EventDecl{}}
	},
	func(c *workflow.Component) []string {
		return []string{c.Name, c.Description, count(c.Props), count(c.Events)}
	},
	func(e func() *workflow.Component, path, key string) coll {
		switch key {
		case "props":
			return newColl(path+".props", func() *[]workflow.Prop { return &e().Props }, propSpec)
		case "events":
			return newColl(path+".events", func() *[]workflow.EventDecl { return &e().Events }, eventSpec)
		}
		return nil
	},
	copyRule{"name", kebabCopy})

var pageSpec = newSpec(workflow.PageEntry(),
	meta{noun: "页面",
		kids: []kid{{key: "params", label: "参数"}},
		cols: []vtable.Column{{Title: "页面", Flex: 2}, {Title: "路径", Flex: 3}, {Title: "描述", Flex: 2}, {Title: "参数", Width: 4}}},
	func() workflow.GuidePage { return workflow.GuidePage{Params: []workflow.Param{}} },
	func(p *workflow.GuidePage) []string {
		return []string{p.Name, p.Path, p.Description, count(p.Params)}
	},
	func(e func() *workflow.GuidePage, path, key string) coll {
		if key == "params" {
			return newColl(path+".params", func() *[]workflow.Param { return &e().Params }, pageParamSpec)
		}
		return nil
	},
	// A page's path must be unique as well as its name.
	copyRule{"name", kebabCopy}, copyRule{"path", kebabCopy})

var apiSpec = newSpec(workflow.APIEntry(),
	meta{noun: "接口",
		kids: []kid{{key: "inputs", label: "入参"}, {key: "outputs", label: "出参"}},
		cols: []vtable.Column{{Title: "接口", Flex: 2}, {Title: "描述", Flex: 3}, {Title: "入参", Width: 4}, {Title: "出参", Width: 4}}},
	func() workflow.API { return workflow.API{Inputs: []workflow.Param{}, Outputs: []workflow.Param{}} },
	func(a *workflow.API) []string {
		return []string{a.Name, a.Description, count(a.Inputs), count(a.Outputs)}
	},
	func(e func() *workflow.API, path, key string) coll {
		switch key {
		case "inputs":
			return newColl(path+".inputs", func() *[]workflow.Param { return &e().Inputs }, inputSpec)
		case "outputs":
			return newColl(path+".outputs", func() *[]workflow.Param { return &e().Outputs }, outputSpec)
		}
		return nil
	},
	copyRule{"name", identCopy})

// The tabs, in order; the first three are lists.
const (
	tabComponents = iota
	tabPages
	tabAPIs
	tabInstructions
	numTabs
)

// listFields are the JSON names of the three lists, by tab: the first part
// of a guide problem path after "guide.".
var listFields = [3]string{"components", "pages", "apis"}

// topColl binds tab t's list in the draft behind d.
func topColl(d func() *workflow.Draft, t int) coll {
	switch t {
	case tabComponents:
		return newColl("guide.components", func() *[]workflow.Component { return &d().Guide.Components }, componentSpec)
	case tabPages:
		return newColl("guide.pages", func() *[]workflow.GuidePage { return &d().Guide.Pages }, pageSpec)
	case tabAPIs:
		return newColl("guide.apis", func() *[]workflow.API { return &d().Guide.APIs }, apiSpec)
	}
	panic(fmt.Sprintf("guide: tab %d has no list", t))
}
