package review

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
		if got, ok := indexPath(&d, tc.name); !ok || got != tc.index {
			t.Errorf("indexPath(%s) = %q %v, want %q", tc.name, got, ok, tc.index)
		}
		if got, ok := namePath(&d, tc.index); !ok || got != tc.name {
			t.Errorf("namePath(%s) = %q %v, want %q", tc.index, got, ok, tc.name)
		}
	}
	for _, p := range []string{"guide.components[gone]", "guide.components[plate-scanner].props[nope]", "guide.apis[x"} {
		if got, ok := indexPath(&d, p); ok && got != p {
			t.Errorf("indexPath(%s) = %q, want not found", p, got)
		}
	}
	for _, p := range []string{"guide.components[9]", "guide.components[-1]", "guide.components[0].props[x]"} {
		if _, ok := namePath(&d, p); ok {
			t.Errorf("namePath(%s) found, want not found", p)
		}
	}
	if l := fieldLabel(&d, "guide.components[0].props[1].type"); l != "组件 plate-scanner › 属性 mode › 类型" {
		t.Errorf("label %q", l)
	}
}

func FuzzPathsNeverPanic(f *testing.F) {
	f.Add("guide.components[plate-scanner].props[mode].default")
	f.Add("guide.apis[0].inputs[")
	f.Fuzz(func(t *testing.T, p string) {
		d := workflow.SampleDraft()
		if i, ok := indexPath(&d, p); ok {
			if n, ok := namePath(&d, i); !ok || (n != p && i != p) {
				t.Fatalf("%q → %q → %q %v", p, i, n, ok)
			}
		}
		namePath(&d, p)
		fieldLabel(&d, p)
	})
}
