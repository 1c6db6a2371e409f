package workflow

import (
	"reflect"
	"slices"
	"strconv"

	"plugpub/workflow/i18n"
)

// The draft is described once, here, as a tree of tables: every field of
// every struct of the draft with its JSON name, its kind, its character
// limit, its label and its rule, every list with its entry limit. Normalize,
// Clone, Equal, sizeBound, OverLimits, Problems, FieldLimit and the guide
// editor (through Entry) all walk this tree, so a field added to a struct
// and to its table is normalized, cloned, compared, measured, limited and
// checked everywhere at once; a field added to a struct but not to its
// table fails TestDraftTableIsComplete.

// FieldKind is how a text or flag field of the draft is edited.
type FieldKind int

const (
	KindLine FieldKind = iota // one line of text
	KindText                  // free text that may span lines
	KindEnum                  // one of the field's Choices
	KindBool                  // a flag
)

// node is the table of one struct type of the draft: its members in the
// order of the struct, which is the order of the JSON form and of Problems.
type node[T any] struct {
	members  []member[T]
	hasLists bool // some member holds entries (a list or a struct)
	names    *textField[T]
}

func newNode[T any](members ...member[T]) *node[T] {
	n := &node[T]{members: members}
	for _, m := range members {
		switch f := m.(type) {
		case *textField[T]:
			if f.names {
				n.names = f
			}
		case *boolField[T], *ruleMember[T]:
		default:
			n.hasLists = true
		}
	}
	return n
}

// member is one field of a struct of the draft, or a rule about the whole
// struct. Each walk of the draft is one method.
type member[T any] interface {
	// key is the JSON name; "" for a rule, or for the element of a list
	// of strings, which is its own field.
	key() string
	normalize(e *T)
	// deepen gives e, a shallow copy, its own copy of every slice.
	deepen(e *T)
	equal(a, b *T) bool
	size(e *T, measure func(string) int) int
	over(v *validator, e *T, path string)
	// fieldErr is the problem of a text field, nil for other members.
	fieldErr(e *T, pl *place) error
	// walk reports the problems of what the member holds (lists, structs,
	// rules); in is the place of the struct that holds it.
	walk(v *validator, e *T, in *place)
	limits(prefix string, add func(fieldLimit))
	// shape is what the member says of itself, for TestDraftTableIsComplete.
	shape() shape
}

// shape describes a member: its JSON name, the Go kind it holds and, for
// lists and structs, the shapes of their entry's members. probe is a T
// whose member alone is set, so the test can see which field the accessor
// reaches (nil for a struct, whose own members are probed).
type shape struct {
	key   string
	kind  reflect.Kind
	elem  []shape
	probe func() reflect.Value
	words []string // a list's words in messages
}

func (n *node[T]) shapes() []shape {
	var out []shape
	for _, m := range n.members {
		if s := m.shape(); s.kind != reflect.Invalid {
			out = append(out, s)
		}
	}
	return out
}

// place is where an entry being checked sits, for its paths, its
// messages and the rules that need the other entries of its list.
type place struct {
	parent string // the path of the struct that holds the list or struct
	base   string // the path of the list; "" for a struct member
	key    string // a struct member's JSON name
	i      int
	n      int       // the length of the list
	kind   string    // what an entry of the list is called in messages
	outer  i18n.Text // the context of the struct that holds the list
	sc     scope     // the names already seen among the entries' siblings
}

func (pl *place) path() string {
	if pl.base == "" {
		return joinPath(pl.parent, pl.key)
	}
	return pl.base + "[" + strconv.Itoa(pl.i) + "]"
}

// scope holds, per namespace, the first entry that used each name, so
// rules of uniqueness can say which entry a name clashes with.
type scope map[string]map[string]seen

type seen struct {
	i int
	v string
}

func (sc scope) ns(name string, hint int) map[string]seen {
	m := sc[name]
	if m == nil {
		m = make(map[string]seen, hint)
		sc[name] = m
	}
	return m
}

// ---- text fields

// textField is a string field.
type textField[T any] struct {
	name    string // JSON name; "" for the element of a list of strings
	kind    FieldKind
	label   string // what messages call the field (English; the catalog has its Chinese)
	max     int    // what the form allows and messages state
	hard    int    // what a saved draft may hold (0: max); see fieldLimit
	choices []string
	at      func(*T) *string
	// check is the field's own rule; nil means the length rule of its kind.
	check func(e *T, s string) error
	// names marks the field that names an entry: its problems carry the
	// context of the list's owner, the others that of the entry.
	names bool
	// unique are rules about the other entries of the list, checked in
	// order once check passes.
	unique []uniqueRule
}

// uniqueRule refuses a value whose key is already in namespace ns of the
// list's owner; record says the value then goes into it.
type uniqueRule struct {
	ns     string
	key    func(string) string // nil: the value itself
	record bool
	msg    func(c clash) error
}

// clash is a value found already used, for the message.
type clash struct {
	q      string // the value quoted
	parent string // path of the list's owner
	base   string // path of the list
	j      int    // index of the first user
	first  string // its value
}

func (f *textField[T]) key() string        { return f.name }
func (f *textField[T]) normalize(*T)       {}
func (f *textField[T]) deepen(*T)          {}
func (f *textField[T]) equal(a, b *T) bool { return *f.at(a) == *f.at(b) }

// A field line at the deepest level (a prop's or a param's field) is 12
// spaces of indent, a quoted key of at most 20 bytes ("show_after_release"),
// ": ", a comma and a newline: 36 bytes.
const perField = 40

func (f *textField[T]) size(e *T, measure func(string) int) int { return measure(*f.at(e)) + perField }

func (f *textField[T]) limit() fieldLimit {
	hard := f.hard
	if hard == 0 {
		hard = f.max
	}
	return fieldLimit{label: f.label, max: f.max, hard: hard}
}

func (f *textField[T]) over(v *validator, e *T, path string) {
	s, l := *f.at(e), f.limit()
	// Counting runes is the cost here; len(s) bounds them from above.
	if len(s) <= l.hard {
		return
	}
	v.add(sub(path, f.name), i18n.Text{}, overLimit(s, l))
}

func (f *textField[T]) fieldErr(e *T, pl *place) error {
	s := *f.at(e)
	var err error
	switch {
	case f.check != nil:
		err = f.check(e, s)
	case f.kind == KindText:
		err = validateField(f.limit(), s)
	case f.kind == KindLine:
		err = validateLine(f.label, s, f.max)
	}
	if err != nil || len(f.unique) == 0 {
		return err
	}
	var keys [4]string // a field has at most a few rules
	for k, r := range f.unique {
		keys[k] = s
		if r.key != nil {
			keys[k] = r.key(s)
		}
		if c, used := pl.sc.ns(r.ns, pl.n)[keys[k]]; used {
			return r.msg(clash{q: quoteForMessage(s), parent: pl.parent, base: pl.base, j: c.i, first: c.v})
		}
	}
	for k, r := range f.unique {
		if r.record {
			pl.sc[r.ns][keys[k]] = seen{pl.i, s}
		}
	}
	return nil
}

func (f *textField[T]) walk(*validator, *T, *place) {}

func (f *textField[T]) shape() shape {
	return shape{key: f.name, kind: reflect.String, probe: func() reflect.Value {
		var e T
		*f.at(&e) = "probe"
		return reflect.ValueOf(e)
	}}
}

func (f *textField[T]) limits(prefix string, add func(fieldLimit)) {
	l := f.limit()
	l.path = sub(prefix, f.name)
	add(l)
}

// line, text and enum make the common text fields.
func line[T any](name, label string, at func(*T) *string, check func(string) error) *textField[T] {
	return &textField[T]{name: name, kind: KindLine, label: label, max: MaxLineRunes, at: at, check: only[T](check)}
}

func text[T any](name, label string, at func(*T) *string, check func(string) error) *textField[T] {
	return &textField[T]{name: name, kind: KindText, label: label, max: MaxTextRunes, at: at, check: only[T](check)}
}

// only adapts a rule of the value alone.
func only[T any](check func(string) error) func(*T, string) error {
	if check == nil {
		return nil
	}
	return func(_ *T, s string) error { return check(s) }
}

// ---- flags

type boolField[T any] struct {
	name string
	at   func(*T) *bool
}

func (f *boolField[T]) key() string                     { return f.name }
func (f *boolField[T]) normalize(*T)                    {}
func (f *boolField[T]) deepen(*T)                       {}
func (f *boolField[T]) equal(a, b *T) bool              { return *f.at(a) == *f.at(b) }
func (f *boolField[T]) size(*T, func(string) int) int   { return perField }
func (f *boolField[T]) over(*validator, *T, string)     {}
func (f *boolField[T]) fieldErr(*T, *place) error       { return nil }
func (f *boolField[T]) walk(*validator, *T, *place)     {}
func (f *boolField[T]) limits(string, func(fieldLimit)) {}
func (f *boolField[T]) shape() shape {
	return shape{key: f.name, kind: reflect.Bool, probe: func() reflect.Value {
		var e T
		*f.at(&e) = true
		return reflect.ValueOf(e)
	}}
}

// ---- rules about a whole struct

// ruleMember is a rule about the struct that holds it, reported at the
// struct's path where it stands among the fields.
type ruleMember[T any] struct {
	check func(*T) error
}

func (r *ruleMember[T]) key() string                     { return "" }
func (r *ruleMember[T]) normalize(*T)                    {}
func (r *ruleMember[T]) deepen(*T)                       {}
func (r *ruleMember[T]) equal(*T, *T) bool               { return true }
func (r *ruleMember[T]) size(*T, func(string) int) int   { return 0 }
func (r *ruleMember[T]) over(*validator, *T, string)     {}
func (r *ruleMember[T]) fieldErr(*T, *place) error       { return nil }
func (r *ruleMember[T]) limits(string, func(fieldLimit)) {}
func (r *ruleMember[T]) shape() shape                    { return shape{} }
func (r *ruleMember[T]) walk(v *validator, e *T, in *place) {
	v.add(in.parent, i18n.Text{}, r.check(e))
}

// ---- structs inside structs

type structField[T, E any] struct {
	name string
	at   func(*T) *E
	elem *node[E]
}

func (f *structField[T, E]) key() string        { return f.name }
func (f *structField[T, E]) normalize(e *T)     { f.elem.normalize(f.at(e)) }
func (f *structField[T, E]) deepen(e *T)        { f.elem.deepen(f.at(e)) }
func (f *structField[T, E]) equal(a, b *T) bool { return f.elem.equal(f.at(a), f.at(b)) }
func (f *structField[T, E]) size(e *T, measure func(string) int) int {
	return f.elem.size(f.at(e), measure)
}
func (f *structField[T, E]) over(v *validator, e *T, path string) {
	f.elem.over(v, f.at(e), joinPath(path, f.name))
}
func (f *structField[T, E]) fieldErr(*T, *place) error { return nil }
func (f *structField[T, E]) walk(v *validator, e *T, in *place) {
	f.elem.problems(v, f.at(e), &place{parent: in.parent, key: f.name, outer: in.outer, sc: scope{}})
}
func (f *structField[T, E]) shape() shape {
	return shape{key: f.name, kind: reflect.Struct, elem: f.elem.shapes()}
}

func (f *structField[T, E]) limits(prefix string, add func(fieldLimit)) {
	f.elem.limits(joinPath(prefix, f.name), add)
}

// ---- lists

type listField[T, E any] struct {
	name string
	kind string // what one entry is called in messages: "component"
	word string // what entries are called in counts: "components"
	// overWord is what OverLimits calls them, when it differs from word.
	overWord string
	max      int // the most entries the form allows (Problems)
	hard     int // the most a saved draft may hold (OverLimits)
	at       func(*T) *[]E
	elem     *node[E]
	// empty, when set, is the problem of an empty list, reported instead
	// of the count and the entries.
	empty func() error
	// flat lists hold structs with no slices: they are copied and
	// compared whole, which is much cheaper and covers every field.
	eqAll func(a, b []E) bool
}

func (f *listField[T, E]) key() string { return f.name }

func (f *listField[T, E]) normalize(e *T) {
	s := f.at(e)
	if *s == nil {
		*s = []E{}
	}
	if f.elem.hasLists {
		for i := range *s {
			f.elem.normalize(&(*s)[i])
		}
	}
}

func (f *listField[T, E]) deepen(e *T) {
	s := f.at(e)
	if *s == nil {
		*s = []E{}
		return
	}
	*s = slices.Clone(*s)
	if f.elem.hasLists {
		for i := range *s {
			f.elem.deepen(&(*s)[i])
		}
	}
}

func (f *listField[T, E]) equal(a, b *T) bool {
	x, y := *f.at(a), *f.at(b)
	if f.eqAll != nil {
		return f.eqAll(x, y)
	}
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !f.elem.equal(&x[i], &y[i]) {
			return false
		}
	}
	return true
}

// size counts the key line and the closing bracket, then the entries.
func (f *listField[T, E]) size(e *T, measure func(string) int) int {
	n := 2 * perField
	s := *f.at(e)
	for i := range s {
		n += f.elem.size(&s[i], measure)
	}
	return n
}

func (f *listField[T, E]) over(v *validator, e *T, path string) {
	base := joinPath(path, f.name)
	s := *f.at(e)
	w := f.word
	if f.overWord != "" {
		w = f.overWord
	}
	v.count(base, i18n.Text{}, w, len(s), f.hard)
	for i := range s {
		f.elem.over(v, &s[i], base+"["+strconv.Itoa(i)+"]")
	}
}

func (f *listField[T, E]) fieldErr(*T, *place) error { return nil }

func (f *listField[T, E]) walk(v *validator, e *T, in *place) {
	s := *f.at(e)
	pl := place{parent: in.parent, base: joinPath(in.parent, f.name), n: len(s), kind: f.kind, outer: in.outer, sc: in.sc}
	if len(s) == 0 && f.empty != nil {
		v.add(pl.base, i18n.Text{}, f.empty())
		return
	}
	v.count(pl.base, in.outer, f.word, len(s), f.max)
	for i := range s {
		pl.i = i
		f.elem.problems(v, &s[i], &pl)
	}
}

func (f *listField[T, E]) shape() shape {
	words := []string{f.word}
	for _, w := range []string{f.kind, f.overWord} {
		if w != "" {
			words = append(words, w)
		}
	}
	return shape{key: f.name, kind: reflect.Slice, elem: f.elem.shapes(), words: words, probe: func() reflect.Value {
		var e T
		*f.at(&e) = make([]E, 1)
		return reflect.ValueOf(e)
	}}
}

func (f *listField[T, E]) limits(prefix string, add func(fieldLimit)) {
	f.elem.limits(joinPath(prefix, f.name)+"[]", add)
}

// flat marks a list of structs without slices.
func flat[T any, E comparable](f *listField[T, E]) *listField[T, E] {
	f.eqAll = slices.Equal[[]E]
	return f
}

// ---- the walks of a struct

func (n *node[T]) normalize(e *T) {
	for _, m := range n.members {
		m.normalize(e)
	}
}

func (n *node[T]) deepen(e *T) {
	for _, m := range n.members {
		m.deepen(e)
	}
}

func (n *node[T]) equal(a, b *T) bool {
	for _, m := range n.members {
		if !m.equal(a, b) {
			return false
		}
	}
	return true
}

// size is at least the length of e's JSON form: its braces and members.
func (n *node[T]) size(e *T, measure func(string) int) int {
	s := 2 * perField
	for _, m := range n.members {
		s += m.size(e, measure)
	}
	return s
}

func (n *node[T]) over(v *validator, e *T, path string) {
	for _, m := range n.members {
		m.over(v, e, path)
	}
}

func (n *node[T]) limits(prefix string, add func(fieldLimit)) {
	for _, m := range n.members {
		m.limits(prefix, add)
	}
}

// problems reports e's problems in the order of its members. Most entries
// of a big guide are fine: their path and context, a third of checking
// it, are built only when a field is wrong or the entry holds lists.
func (n *node[T]) problems(v *validator, e *T, pl *place) {
	var buf [8]error
	errs := buf[:0]
	bad := false
	for _, m := range n.members {
		err := m.fieldErr(e, pl)
		errs = append(errs, err)
		bad = bad || err != nil
	}
	if !bad && !n.hasLists {
		return
	}
	path := pl.path()
	ctx := pl.outer
	if pl.kind != "" && n.names != nil {
		ctx = entryContext(pl.kind, *n.names.at(e))
		if !pl.outer.IsZero() {
			ctx = within(pl.outer, ctx)
		}
	}
	in := &place{parent: path, outer: ctx}
	if n.hasLists {
		in.sc = scope{} // the names of the entries of e's lists
	}
	for k, m := range n.members {
		if errs[k] != nil {
			c := ctx
			if m == member[T](n.names) {
				c = pl.outer
			}
			v.add(sub(path, m.key()), c, errs[k])
		}
		m.walk(v, e, in)
	}
}

// fieldLimits is every text field's limit by its path with [] for every
// index: the validation rules (Problems), the size refusal (OverLimits)
// and the wizard (FieldLimit) all read it.
var fieldLimits map[string]fieldLimit

// draftTable is the table of the whole draft. It is built in init because
// its rules read fieldLimits, which is built from it.
var draftTable *node[Draft]

func init() {
	draftTable = newNode(
		&structField[Draft, Info]{name: "info", at: func(d *Draft) *Info { return &d.Info }, elem: infoTable()},
		&structField[Draft, Guide]{name: "guide", at: func(d *Draft) *Guide { return &d.Guide }, elem: guideTable()},
	)
	fieldLimits = map[string]fieldLimit{}
	draftTable.limits("", func(f fieldLimit) { fieldLimits[f.path] = f })
}

func infoTable() *node[Info] {
	ability := newNode(&textField[string]{
		kind: KindEnum, label: "ability type (功能类型)", max: MaxLineRunes, choices: Abilities,
		at: func(s *string) *string { return s }, check: only[string](validateAbility), names: true,
		unique: []uniqueRule{{ns: "abilities", record: true, msg: func(c clash) error {
			return i18n.Errorf("ability type %s is already chosen at info.abilities[%d]", c.q, c.j)
		}}},
	})
	return newNode(
		&textField[Info]{name: "title", kind: KindLine, label: "title (服务标题)", max: MaxTitleRunes, hard: MaxLineRunes,
			at: func(in *Info) *string { return &in.Title }, check: only[Info](ValidateTitle)},
		&textField[Info]{name: "intro", kind: KindLine, label: "intro (简单介绍)", max: MaxIntroRunes, hard: MaxLineRunes,
			at: func(in *Info) *string { return &in.Intro }, check: only[Info](ValidateIntro)},
		text("description", "description (服务描述)", func(in *Info) *string { return &in.Description }, ValidateDescription),
		line("logo", "logo", func(in *Info) *string { return &in.Logo }, ValidateLogo),
		&listField[Info, string]{name: "abilities", word: "ability types", max: len(Abilities), hard: MaxSubEntries,
			at: func(in *Info) *[]string { return &in.Abilities }, elem: ability,
			empty: func() error { return ValidateAbilities(nil) }, eqAll: slices.Equal[[]string]},
		&textField[Info]{name: "buyers", kind: KindEnum, label: "who may order (可订购人群)", max: MaxLineRunes, choices: Buyers,
			at: func(in *Info) *string { return &in.Buyers }, check: only[Info](ValidateBuyers)},
		&boolField[Info]{name: "show_after_release", at: func(in *Info) *bool { return &in.ShowAfterRelease }},
		text("usage", "how to use (接入玩法)", func(in *Info) *string { return &in.Usage }, ValidateUsage),
		text("cases", "case study (案例介绍)", func(in *Info) *string { return &in.Cases }, ValidateCases),
		line("pc_url", "PC URL (PC端url)", func(in *Info) *string { return &in.PCURL }, ValidatePCURL),
		line("contact", "support contact (客服联系方式)", func(in *Info) *string { return &in.Contact }, ValidateContact),
	)
}

// Tables of the guide's entries, shared with the editor through Entry.
var (
	propTable      *node[Prop]
	eventTable     *node[EventDecl]
	componentTable *node[Component]
	pageParamTable *node[Param]
	inputTable     *node[Param]
	outputTable    *node[Param]
	pageTable      *node[GuidePage]
	apiTable       *node[API]
)

// unique is the rule that a name is used once in its list; msg words the clash.
func unique(ns string, msg func(c clash) error) uniqueRule {
	return uniqueRule{ns: ns, record: true, msg: msg}
}

func guideTable() *node[Guide] {
	propTable = newNode(
		nameField("prop name", func(p *Prop) *string { return &p.Name }, ValidatePropName, unique("props", func(c clash) error {
			return i18n.Errorf("prop name %s is already used by %s.props[%d]", c.q, c.parent, c.j)
		})),
		&textField[Prop]{name: "type", kind: KindEnum, label: "type", max: MaxLineRunes, choices: PropTypes,
			at: func(p *Prop) *string { return &p.Type }, check: only[Prop](ValidatePropType)},
		&boolField[Prop]{name: "required", at: func(p *Prop) *bool { return &p.Required }},
		&textField[Prop]{name: "default", kind: KindLine, label: "default", max: MaxLineRunes,
			at: func(p *Prop) *string { return &p.Default }, check: func(p *Prop, s string) error { return ValidatePropDefault(p.Type, s) }},
		text("description", "description", func(p *Prop) *string { return &p.Description }, nil),
	)
	eventTable = newNode(
		nameField("event name", func(e *EventDecl) *string { return &e.Name }, ValidateEventName,
			unique("events", func(c clash) error {
				return i18n.Errorf("event name %s is already used by %s.events[%d]", c.q, c.parent, c.j)
			}),
			uniqueRule{ns: "props", msg: func(c clash) error {
				return i18n.Errorf("event %s has the same name as prop %s.props[%d]; a name is either a prop or an event", c.q, c.parent, c.j)
			}}),
		text("description", "description", func(e *EventDecl) *string { return &e.Description }, nil),
	)
	componentTable = newNode(
		nameField("component name", func(c *Component) *string { return &c.Name }, ValidateComponentName,
			unique("components", func(c clash) error {
				return i18n.Errorf("component name %s is already used by %s[%d]", c.q, c.base, c.j)
			}),
			// A name clashes with another written with the same tag.
			uniqueRule{ns: "tags", key: ComponentTag, record: true, msg: func(c clash) error {
				return i18n.Errorf("component name %s is written <%s> in a page, as %s[%d] %s is; rename one of them", c.q, ComponentTag(c.first), c.base, c.j, quoteForMessage(c.first))
			}}),
		text("description", "description", func(c *Component) *string { return &c.Description }, nil),
		flat(&listField[Component, Prop]{name: "props", kind: "prop", word: "props", max: MaxSubEntries, hard: MaxSubEntries,
			at: func(c *Component) *[]Prop { return &c.Props }, elem: propTable}),
		flat(&listField[Component, EventDecl]{name: "events", kind: "event", word: "events", max: MaxSubEntries, hard: MaxSubEntries,
			at: func(c *Component) *[]EventDecl { return &c.Events }, elem: eventTable}),
	)

	pageParamTable = paramTable("param", PageParamTypes, ValidatePageParamType)
	inputTable = paramTable("input", PropTypes, ValidatePropType)
	outputTable = paramTable("output", PropTypes, ValidatePropType)
	pageTable = newNode(
		nameField("page name", func(p *GuidePage) *string { return &p.Name }, ValidatePageName, unique("pages", func(c clash) error {
			return i18n.Errorf("page name %s is already used by %s[%d]", c.q, c.base, c.j)
		})),
		&textField[GuidePage]{name: "path", kind: KindLine, label: "page path", max: MaxLineRunes,
			at: func(p *GuidePage) *string { return &p.Path }, check: only[GuidePage](ValidatePagePath),
			unique: []uniqueRule{unique("paths", func(c clash) error {
				return i18n.Errorf("path %s is already used by %s[%d]", c.q, c.base, c.j)
			})}},
		text("description", "description", func(p *GuidePage) *string { return &p.Description }, nil),
		paramList("params", "param", func(p *GuidePage) *[]Param { return &p.Params }, pageParamTable),
	)
	apiTable = newNode(
		nameField("API name", func(a *API) *string { return &a.Name }, ValidateAPIName, unique("apis", func(c clash) error {
			return i18n.Errorf("API name %s is already used by %s[%d]", c.q, c.base, c.j)
		})),
		text("description", "description", func(a *API) *string { return &a.Description }, nil),
		paramList("inputs", "input", func(a *API) *[]Param { return &a.Inputs }, inputTable),
		paramList("outputs", "output", func(a *API) *[]Param { return &a.Outputs }, outputTable),
	)
	return newNode(
		&listField[Guide, Component]{name: "components", kind: "component", word: "components", max: MaxEntries, hard: MaxEntries,
			at: func(g *Guide) *[]Component { return &g.Components }, elem: componentTable},
		&listField[Guide, GuidePage]{name: "pages", kind: "page", word: "pages", max: MaxEntries, hard: MaxEntries,
			at: func(g *Guide) *[]GuidePage { return &g.Pages }, elem: pageTable},
		&listField[Guide, API]{name: "apis", kind: "API", word: "APIs", max: MaxEntries, hard: MaxEntries,
			at: func(g *Guide) *[]API { return &g.APIs }, elem: apiTable},
		&ruleMember[Guide]{check: func(g *Guide) error { return ValidateGuideHasEntries(*g) }},
		text("instructions", "instructions (接入说明与示例代码)", func(g *Guide) *string { return &g.Instructions }, ValidateInstructions),
	)
}

// nameField is the name of a guide entry: the field its messages and the
// editor's duplicates use, checked by check and then by rules.
func nameField[T any](label string, at func(*T) *string, check func(string) error, rules ...uniqueRule) *textField[T] {
	return &textField[T]{name: "name", kind: KindLine, label: label, max: MaxLineRunes,
		at: at, check: only[T](check), names: true, unique: rules}
}

// paramTable is the table of a page's params or an API's inputs or
// outputs: one struct, but each list has its own word and types.
func paramTable(kind string, types []string, validateType func(string) error) *node[Param] {
	name := nameField(kind+" name", func(p *Param) *string { return &p.Name },
		func(s string) error { return validateIdentifier(kind+" name", s) },
		// Each list its own names: an API's output may share an input's name.
		unique(kind+" names", func(c clash) error {
			return i18n.Errorf("%s name %s is already used by %s[%d]", word(kind), c.q, c.base, c.j)
		}))
	return newNode(
		name,
		&textField[Param]{name: "type", kind: KindEnum, label: "type", max: MaxLineRunes, choices: types,
			at: func(p *Param) *string { return &p.Type }, check: only[Param](validateType)},
		&boolField[Param]{name: "required", at: func(p *Param) *bool { return &p.Required }},
		text("description", "description", func(p *Param) *string { return &p.Description }, nil),
	)
}

func paramList[T any](name, kind string, at func(*T) *[]Param, elem *node[Param]) *listField[T, Param] {
	return flat(&listField[T, Param]{name: name, kind: kind, word: kind + "s", overWord: "entries",
		max: MaxSubEntries, hard: MaxSubEntries, at: at, elem: elem})
}

// ---- what the editor reads

// Entry is the table of one kind of guide entry, for the editor: the
// fields it shows, in order, with what they are and their rule.
type Entry[E any] struct{ n *node[E] }

// EntryField is one field of an Entry.
type EntryField struct {
	Key     string // JSON name, the last part of a problem path
	Kind    FieldKind
	Choices []string // KindEnum: the only values allowed
	Max     int      // KindLine, KindText: the characters allowed
}

// The entries of the guide, by list.
func ComponentEntry() Entry[Component] { return Entry[Component]{componentTable} }
func PropEntry() Entry[Prop]           { return Entry[Prop]{propTable} }
func EventEntry() Entry[EventDecl]     { return Entry[EventDecl]{eventTable} }
func PageEntry() Entry[GuidePage]      { return Entry[GuidePage]{pageTable} }
func PageParamEntry() Entry[Param]     { return Entry[Param]{pageParamTable} }
func InputEntry() Entry[Param]         { return Entry[Param]{inputTable} }
func OutputEntry() Entry[Param]        { return Entry[Param]{outputTable} }
func APIEntry() Entry[API]             { return Entry[API]{apiTable} }

// Fields are the text and flag fields, in the draft's order.
func (t Entry[E]) Fields() []EntryField {
	var out []EntryField
	for _, m := range t.n.members {
		switch f := m.(type) {
		case *textField[E]:
			out = append(out, EntryField{Key: f.name, Kind: f.kind, Choices: f.choices, Max: f.max})
		case *boolField[E]:
			out = append(out, EntryField{Key: f.name, Kind: KindBool})
		}
	}
	return out
}

func (t Entry[E]) text(key string) *textField[E] {
	for _, m := range t.n.members {
		if f, ok := m.(*textField[E]); ok && f.name == key {
			return f
		}
	}
	return nil
}

// Text is the value of text field key of e; "" for an unknown key.
func (t Entry[E]) Text(e *E, key string) string {
	if f := t.text(key); f != nil {
		return *f.at(e)
	}
	return ""
}

// SetText sets text field key of e; an unknown key is ignored.
func (t Entry[E]) SetText(e *E, key, v string) {
	if f := t.text(key); f != nil {
		*f.at(e) = v
	}
}

// Flag is flag field key of e, nil for an unknown key.
func (t Entry[E]) Flag(e *E, key string) *bool {
	for _, m := range t.n.members {
		if f, ok := m.(*boolField[E]); ok && f.name == key {
			return f.at(e)
		}
	}
	return nil
}

// Check is the rule of field key of e alone, as Problems states it;
// rules about the other entries (unique names) are Problems' only.
func (t Entry[E]) Check(e *E, key string) error {
	f := t.text(key)
	if f == nil {
		return nil
	}
	plain := *f
	plain.unique = nil
	return plain.fieldErr(e, nil)
}

// Clone is a deep copy of e.
func (t Entry[E]) Clone(e E) E {
	t.n.deepen(&e)
	return e
}

// sub is the path of member key of the struct at path; the element of a
// list of strings is its own member, with key "".
func sub(path, key string) string {
	if key == "" {
		return path
	}
	return joinPath(path, key)
}
