package workflow

import (
	"reflect"
	"strings"
	"testing"
)

// TestDraftEqualSeesEveryField changes every string and bool of a draft
// with every kind of entry, one at a time, and asks each walk of the draft
// table: Equal sees the change, Clone shares nothing with the original,
// and for a string sizeBound grows with it and OverLimits and FieldLimit
// know the field. A field missing from the table fails
// TestDraftTableIsComplete first.
func TestDraftEqualSeesEveryField(t *testing.T) {
	d, pristine := fullDraft(), fullDraft()
	if !d.Equal(d.Clone()) {
		t.Fatal("a draft is not Equal to its clone")
	}
	empty, nilled := NewDraft(), NewDraft()
	nilled.Info.Abilities, nilled.Guide.Components = nil, nil
	if !empty.Equal(nilled) {
		t.Fatal("an empty list and a nil one must be Equal: they marshal alike")
	}
	base := d.sizeBound(escapedLen)
	long := strings.Repeat("x", 100_000)
	changed, strs := 0, 0
	for i := 0; ; i++ {
		c, n := d.Clone(), i
		path, v, ok := changeField(reflect.ValueOf(&c).Elem(), "draft", &n)
		if !ok {
			break
		}
		changed++
		if d.Equal(c) || c.Equal(d) {
			t.Errorf("changing %s leaves the drafts Equal", path)
		}
		if !d.Equal(pristine) {
			t.Fatalf("changing %s of a clone changed the original", path)
		}
		if v.Kind() != reflect.String {
			continue
		}
		strs++
		if t.Failed() {
			continue // one report of a field missing from the table is enough
		}
		grown := escapedLen(long) - escapedLen(v.String())
		v.SetString(long)
		if got := c.sizeBound(escapedLen); got < base+grown {
			t.Errorf("%s: sizeBound grew from %d to %d for %d more bytes", path, base, got, grown)
		}
		over := c.OverLimits()
		if len(over) != 1 || !strings.Contains(over[0].Message, "has 100000 characters") {
			t.Errorf("%s: OverLimits = %v", path, over)
			continue
		}
		if _, ok := FieldLimit(over[0].Path); !ok {
			t.Errorf("%s: FieldLimit does not know %s", path, over[0].Path)
		}
	}
	if changed < 50 || strs < 40 {
		t.Fatalf("only %d fields (%d strings) were changed", changed, strs)
	}
}

// changeField changes the n-th string or bool field below v, in document
// order, and returns its path and the field; ok is false when v has fewer
// fields.
func changeField(v reflect.Value, path string, n *int) (string, reflect.Value, bool) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if p, f, ok := changeField(v.Field(i), path+"."+v.Type().Field(i).Name, n); ok {
				return p, f, true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p, f, ok := changeField(v.Index(i), path+"[]", n); ok {
				return p, f, true
			}
		}
	case reflect.String, reflect.Bool:
		if *n > 0 {
			*n--
			return "", reflect.Value{}, false
		}
		if v.Kind() == reflect.String {
			v.SetString(v.String() + "x")
		} else {
			v.SetBool(!v.Bool())
		}
		return path, v, true
	}
	return "", reflect.Value{}, false
}
