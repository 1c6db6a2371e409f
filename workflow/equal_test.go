package workflow

import (
	"reflect"
	"testing"
)

// Equal is written out field by field; this changes every string and bool
// of a draft with every kind of entry, one at a time, so a field added to
// the draft but forgotten in Equal fails here.
func TestDraftEqualSeesEveryField(t *testing.T) {
	d := SampleDraft()
	d.Guide.APIs[0].Outputs = append(d.Guide.APIs[0].Outputs, Param{Name: "ok", Type: "Boolean"})
	d.Guide.Pages[0].Params = append(d.Guide.Pages[0].Params, Param{Name: "id", Type: "String"})
	if !d.Equal(d.Clone()) {
		t.Fatal("a draft is not Equal to its clone")
	}
	empty, nilled := NewDraft(), NewDraft()
	nilled.Info.Abilities, nilled.Guide.Components = nil, nil
	if !empty.Equal(nilled) {
		t.Fatal("an empty list and a nil one must be Equal: they marshal alike")
	}
	changed := 0
	for i := 0; ; i++ {
		c, n := d.Clone(), i
		path, ok := changeField(reflect.ValueOf(&c).Elem(), "draft", &n)
		if !ok {
			break
		}
		changed++
		if d.Equal(c) || c.Equal(d) {
			t.Errorf("changing %s leaves the drafts Equal", path)
		}
	}
	if changed < 50 {
		t.Fatalf("only %d fields were changed", changed)
	}
}

// changeField changes the n-th string or bool field below v, in document
// order, and returns its path; ok is false when v has fewer fields.
func changeField(v reflect.Value, path string, n *int) (string, bool) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if p, ok := changeField(v.Field(i), path+"."+v.Type().Field(i).Name, n); ok {
				return p, true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p, ok := changeField(v.Index(i), path+"[]", n); ok {
				return p, true
			}
		}
	case reflect.String, reflect.Bool:
		if *n > 0 {
			*n--
			return "", false
		}
		if v.Kind() == reflect.String {
			v.SetString(v.String() + "x")
		} else {
			v.SetBool(!v.Bool())
		}
		return path, true
	}
	return "", false
}
