package workflow

import (
	"reflect"
	"strconv"

	"plugpub/workflow/i18n"
)

// The draft is described once, as a tree of tables: every field of every
// struct of the draft with its JSON name, its kind, its character limit,
// its label and its rule, every list with its entry limit. The tables are
// in drafttable.go, the kinds of member they are made of in
// draftmembers.go, the editor's view of them in draftentry.go; this file
// holds the tree and its walks. Normalize, Clone, Equal, sizeBound,
// OverLimits, Problems, FieldLimit and the guide editor (through Entry)
// all walk this tree, so a field added to a struct and to its table is
// normalized, cloned, compared, measured, limited and checked everywhere
// at once; a field added to a struct but not to its table fails
// TestDraftTableIsComplete.

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
