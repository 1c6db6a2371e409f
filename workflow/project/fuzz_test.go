package project_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"plugpub/workflow"
	"plugpub/workflow/project"
)

// FuzzRead feeds the importer arbitrary plugin.json bytes and component
// source (also used as main): it must never panic, an error must come
// without a Declared value (so nothing can be written from it), and what
// it does read must merge into a draft that can be saved.
func FuzzRead(f *testing.F) {
	for _, dir := range []string{"every-default", "missing-component", "syntax-error", "broken-json"} {
		pj, _ := os.ReadFile(filepath.Join("testdata", dir, "plugin.json"))
		f.Add(pj, []byte("Component({ props: { a: 1, onTap() {} } })"))
	}
	src, _ := os.ReadFile(filepath.Join("testdata", "every-default", "components", "every-default.js"))
	f.Add([]byte(`{"publicComponents": {"c": "c"}, "pages": {"p": "pages/p"}, "main": "index.js"}`), src)
	f.Add([]byte(`{"publicComponents": {"c": "c.js"}, "publicPages": {"p": "/p"}, "pages": ["p"], "main": "c"}`),
		[]byte("Component({ properties: { a: String, b: { type: Number, value: 3 } } }); module.exports = { x, y() {} }; exports.z = 1"))
	f.Add([]byte(`{"main": "index.js"}`), []byte("export default { a, ...b, [c]: 1 }; export function d() {}; export { e as f }"))
	f.Add([]byte(`{"publicComponents": {"c": "c"}}`), []byte("Component({ props: { s: '\\u{1F600}\\uD83D\\uDE00\\x41\\\n' } })"))

	f.Fuzz(func(t *testing.T, pluginJSON, source []byte) {
		dir := t.TempDir()
		for name, b := range map[string][]byte{"plugin.json": pluginJSON, "c.js": source, "index.js": source} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		d, err := project.Read(dir)
		if err != nil {
			if !reflect.DeepEqual(d, project.Declared{}) {
				t.Fatalf("error %v came with a Declared value", err)
			}
			if workflow.KindOf(err) != workflow.KindInvalid {
				t.Fatalf("error %v is not a workflow invalid error", err)
			}
			return
		}
		draft := workflow.NewDraft()
		p := project.NewPlan(draft.Guide, d)
		draft.Guide = p.Apply(draft.Guide, false)
		if probs := draft.OverLimits(); len(probs) > 0 {
			t.Fatalf("an imported guide is too big to save: %v", probs)
		}
		if _, err := workflow.MarshalDraft(draft); err != nil {
			t.Fatal(err)
		}
		if again := project.NewPlan(draft.Guide, d); !again.Empty() {
			t.Fatalf("importing twice plans changes the second time: %+v", again)
		}
	})
}
