package workflow

import (
	"reflect"
	"slices"
	"strconv"

	"plugpub/workflow/i18n"
)

// The kinds of member a table of the draft (draftfields.go) is made of: a
// text field, a flag, a rule over the whole entry, a nested struct and a
// list of entries, each knowing how to normalize, clone, compare, measure,
// limit and check itself.

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
