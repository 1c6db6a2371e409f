package common

import (
	"testing"

	"plugpub/workflow"
)

func TestIndexAndNamePaths(t *testing.T) {
	d := workflow.SampleDraft()
	for _, tc := range []struct{ name, index string }{
		{"info.title", "info.title"},
		{"guide.instructions", "guide.instructions"},
		{"guide.components[plate-scanner]", "guide.components[0]"},
		{"guide.components[plate-scanner].props[mode].default", "guide.components[0].props[1].default"},
		{"guide.components[plate-result].events[onConfirm]", "guide.components[1].events[0]"},
		{"guide.pages[history].path", "guide.pages[1].path"},
		{"guide.apis[getQuota].outputs[resetAt].type", "guide.apis[1].outputs[1].type"},
	} {
		if got, ok := IndexPath(&d, tc.name); !ok || got != tc.index {
			t.Errorf("IndexPath(%s) = %q %v, want %q", tc.name, got, ok, tc.index)
		}
		if got, ok := NamePath(&d, tc.index); !ok || got != tc.name {
			t.Errorf("NamePath(%s) = %q %v, want %q", tc.index, got, ok, tc.name)
		}
	}
	for _, p := range []string{"guide.components[gone]", "guide.components[plate-scanner].props[nope]", "guide.apis[x"} {
		if got, ok := IndexPath(&d, p); ok && got != p {
			t.Errorf("IndexPath(%s) = %q, want not found", p, got)
		}
	}
	for _, p := range []string{"guide.components[9]", "guide.components[-1]", "guide.components[0].props[x]"} {
		if _, ok := NamePath(&d, p); ok {
			t.Errorf("NamePath(%s) found, want not found", p)
		}
	}
	if l := FieldLabel(&d, "guide.components[0].props[1].type"); l != "组件 plate-scanner › 属性 mode › 类型" {
		t.Errorf("label %q", l)
	}
}

func FuzzPathsNeverPanic(f *testing.F) {
	f.Add("guide.components[plate-scanner].props[mode].default")
	f.Add("guide.apis[0].inputs[")
	f.Fuzz(func(t *testing.T, p string) {
		d := workflow.SampleDraft()
		if i, ok := IndexPath(&d, p); ok {
			if n, ok := NamePath(&d, i); !ok || (n != p && i != p) {
				t.Fatalf("%q → %q → %q %v", p, i, n, ok)
			}
		}
		NamePath(&d, p)
		FieldLabel(&d, p)
	})
}
