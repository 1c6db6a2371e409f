package workflow

// Entry: the tables of the guide's entries as the guide editor reads and
// edits them, field by field.

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
