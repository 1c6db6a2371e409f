package workflow

import (
	"reflect"
	"testing"

	"plugpub/workflow/i18n"
)

// TestDraftTableIsComplete: the draft table and the Go structs say the
// same thing, member by member, in the same order, with the same JSON
// names, and every accessor reaches the field of its name. A field added
// to a struct but not to its table fails here, and only here; once it is
// in the table every walk (Normalize, Clone, Equal, sizeBound, OverLimits,
// Problems, FieldLimit, the editor) covers it.
func TestDraftTableIsComplete(t *testing.T) {
	compareShapes(t, "draft", reflect.TypeFor[Draft](), draftTable.shapes())
}

func compareShapes(t *testing.T, path string, typ reflect.Type, shapes []shape) {
	t.Helper()
	var fields []reflect.StructField
	for f := range typ.Fields() {
		if f.IsExported() {
			fields = append(fields, f)
		}
	}
	for i, f := range fields {
		if i >= len(shapes) {
			t.Errorf("%s.%s (%s) is not in the draft table (drafttable.go)", path, f.Name, jsonName(f))
			continue
		}
		s := shapes[i]
		where := path + "." + jsonName(f)
		if s.key != jsonName(f) {
			t.Errorf("%s: the table has %q at position %d, the struct %q (%s)", path, s.key, i, jsonName(f), f.Name)
			continue
		}
		if s.kind != f.Type.Kind() {
			t.Errorf("%s: the table says %v, the struct %v", where, s.kind, f.Type.Kind())
			continue
		}
		// The probe sets the member through its accessor: exactly field i
		// may differ from the zero value. (A struct member has no probe:
		// its own members are probed.)
		if s.probe != nil {
			probe := s.probe()
			for j := range probe.NumField() {
				if set := !probe.Field(j).IsZero(); set != (j == fieldIndex(typ, f)) {
					t.Errorf("%s: the accessor of %q sets %s", path, s.key, typ.Field(j).Name)
				}
			}
		}
		switch f.Type.Kind() {
		case reflect.Struct:
			compareShapes(t, where, f.Type, s.elem)
		case reflect.Slice:
			if e := f.Type.Elem(); e.Kind() == reflect.Struct {
				compareShapes(t, where+"[]", e, s.elem)
			} else if len(s.elem) != 1 || s.elem[0].key != "" || s.elem[0].kind != e.Kind() {
				t.Errorf("%s: a list of %v is described as %v", where, e, s.elem)
			}
		}
	}
	for _, s := range shapes[min(len(fields), len(shapes)):] {
		t.Errorf("%s: the table has %q, which the struct has not", path, s.key)
	}
}

func fieldIndex(typ reflect.Type, f reflect.StructField) int {
	for j := range typ.NumField() {
		if typ.Field(j).Name == f.Name {
			return j
		}
	}
	return -1
}

// TestNormalizeReachesEveryList: a draft whose every list, at every depth,
// is nil comes out of Normalize with none nil.
func TestNormalizeReachesEveryList(t *testing.T) {
	d := fullDraft()
	setNil(reflect.ValueOf(&d).Elem(), true)
	d.Normalize()
	if p := nilSlice(reflect.ValueOf(d), "draft"); p != "" {
		t.Errorf("after Normalize %s is nil", p)
	}
	c := fullDraft()
	setNil(reflect.ValueOf(&c).Elem(), true)
	if p := nilSlice(reflect.ValueOf(c.Clone()), "draft"); p != "" {
		t.Errorf("a clone has %s nil", p)
	}
}

// setNil makes the lists inside every entry nil, keeping the entries
// themselves (top is false below the draft's own struct fields).
func setNil(v reflect.Value, top bool) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			setNil(v.Field(i), top)
		}
	case reflect.Slice:
		for i := range v.Len() {
			setNil(v.Index(i), false)
		}
		if !top || v.Type().Elem().Kind() != reflect.Struct {
			v.SetZero()
		}
	}
}

func nilSlice(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if p := nilSlice(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return path
		}
		for i := range v.Len() {
			if p := nilSlice(v.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	}
	return ""
}

// fullDraft is the sample with an entry in every list.
func fullDraft() Draft {
	d := SampleDraft()
	d.Guide.APIs[0].Outputs = append(d.Guide.APIs[0].Outputs, Param{Name: "ok", Type: "Boolean"})
	d.Guide.APIs[0].Inputs = append(d.Guide.APIs[0].Inputs, Param{Name: "n", Type: "Number"})
	d.Guide.Pages[0].Params = append(d.Guide.Pages[0].Params, Param{Name: "id", Type: "String"})
	d.Guide.Components[0].Events = append(d.Guide.Components[0].Events, EventDecl{Name: "onTap"})
	return d
}

// TestTableWordsAreInTheCatalog: the words of the lists reach messages
// through the table, past the source scan of TestEveryMessageIsInTheCatalog.
func TestTableWordsAreInTheCatalog(t *testing.T) {
	var words []string
	var walk func(shapes []shape)
	walk = func(shapes []shape) {
		for _, s := range shapes {
			words = append(words, s.words...)
			walk(s.elem)
		}
	}
	walk(draftTable.shapes())
	if len(words) < 20 {
		t.Fatalf("found only %d words", len(words))
	}
	for _, w := range words {
		if _, ok := i18n.Translation(w); !ok {
			t.Errorf("the word %q has no Chinese in the catalog", w)
		}
	}
}
