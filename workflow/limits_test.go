package workflow_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"plugpub/workflow"
)

// oversized are drafts too big to keep, each with the limit its refusal states.
func oversized() []struct {
	name  string
	edit  func(d *workflow.Draft)
	limit string
} {
	props := make([]workflow.Prop, 10_000)
	for i := range props {
		props[i] = workflow.Prop{Name: fmt.Sprintf("p%d", i), Type: "String"}
	}
	return []struct {
		name  string
		edit  func(d *workflow.Draft)
		limit string
	}{
		{"1 MB description", func(d *workflow.Draft) { d.Info.Description = strings.Repeat("x", 1<<20) },
			"info.description: has 1048576 characters; at most 20000 are allowed"},
		{"10,000 properties", func(d *workflow.Draft) { d.Guide.Components[0].Props = props },
			"guide.components[0].props: there are 10000 props; at most 200 are allowed"},
		{"100 KB name", func(d *workflow.Draft) { d.Guide.Components[0].Name = strings.Repeat("n", 100<<10) },
			"guide.components[0].name: has 102400 characters; at most 200 are allowed"},
	}
}

// TestOversizedDraftIsRefused: through the Service, each oversized draft
// is refused as invalid with the limit in the message, and nothing is saved.
func TestOversizedDraftIsRefused(t *testing.T) {
	f := newFixture(t)
	f.stage("dev1", pid, "online")
	before, err := f.svc.Draft(f.ctx, "dev1", pid)
	f.must(err)
	for _, tc := range oversized() {
		t.Run(tc.name, func(t *testing.T) {
			d := workflow.SampleDraft()
			tc.edit(&d)
			_, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev)
			if workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(err.Error(), tc.limit) {
				t.Fatalf("got %v, want invalid stating %q", err, tc.limit)
			}
			if len(err.Error()) > 1024 {
				t.Errorf("the refusal is %d bytes; it should state the limit, not echo the input", len(err.Error()))
			}
			now, err := f.svc.Draft(f.ctx, "dev1", pid)
			f.must(err)
			if now.Rev != before.Rev {
				t.Errorf("the draft was saved: rev %d → %d", before.Rev, now.Rev)
			}
		})
	}
}

// TestOversizedNamesAreRefused: a 100 KB plugin or user name.
func TestOversizedNamesAreRefused(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("名", 100<<10)
	_, err := f.svc.CreatePlugin(f.ctx, "dev1", pid, long)
	if workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(err.Error(), "1–40 characters") {
		t.Errorf("a 100 KB plugin name: got %v", err)
	}
	_, err = f.svc.AddUser(f.ctx, long, []workflow.Role{workflow.RoleDeveloper}, "")
	if workflow.KindOf(err) != workflow.KindInvalid || !strings.Contains(err.Error(), "1–64") || len(err.Error()) > 1024 {
		t.Errorf("a 100 KB user name: got a %d-byte %v", len(err.Error()), workflow.KindOf(err))
	}
}

// BenchmarkRefuseOversizedDraft is how long the refusal takes from the
// bytes of a draft file to the error, as draft set and an autosave meet it:
// parsing, then SaveDraft on a real database.
func BenchmarkRefuseOversizedDraft(b *testing.B) {
	f := newFixture(b)
	f.stage("dev1", pid, "online")
	for _, tc := range oversized() {
		b.Run(tc.name, func(b *testing.B) {
			d := workflow.SampleDraft()
			tc.edit(&d)
			file, err := json.Marshal(d)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(file)))
			for b.Loop() {
				d, err := workflow.ParseDraft(file)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := f.svc.SaveDraft(f.ctx, "dev1", pid, d, workflow.AnyRev); workflow.KindOf(err) != workflow.KindInvalid {
					b.Fatalf("got %v, want invalid", err)
				}
			}
		})
	}
}

// stringFields lists every string field of the sample draft by its
// Problem.Path, each with a function that returns the draft with that one
// field set to s. It walks the draft's JSON form, so a field added to the
// draft is covered without editing this test.
func stringFields(t *testing.T) []struct {
	path string
	with func(s string) workflow.Draft
} {
	t.Helper()
	b, err := workflow.MarshalDraft(workflow.SampleDraft())
	if err != nil {
		t.Fatal(err)
	}
	var out []struct {
		path string
		with func(s string) workflow.Draft
	}
	var root any
	var walk func(path string, v any, set func(any))
	walk = func(path string, v any, set func(any)) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				p := k
				if path != "" {
					p = path + "." + k
				}
				walk(p, e, func(n any) { x[k] = n })
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e, func(n any) { x[i] = n })
			}
		case string:
			out = append(out, struct {
				path string
				with func(s string) workflow.Draft
			}{path, func(s string) workflow.Draft {
				set(s)
				defer set(x)
				edited, err := json.Marshal(root)
				if err != nil {
					t.Fatal(err)
				}
				d, err := workflow.ParseDraft(edited)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				return d
			}})
		}
	}
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatal(err)
	}
	walk("", root, func(any) {})
	return out
}

// TestEveryFieldStatesOneLimit (bug 5): a field too long to keep and a
// field too long for the form state the same limit, the one FieldLimit
// gives the wizard: a pasted 100,000-character title is told "at most 20"
// by the refusal to save it and by the review of the draft alike.
func TestEveryFieldStatesOneLimit(t *testing.T) {
	fields := stringFields(t)
	if len(fields) < 40 {
		t.Fatalf("found only %d string fields in the sample draft", len(fields))
	}
	// Fields whose rule is a choice or a form, so no length is stated.
	noLength := map[string]bool{"info.logo": true, "info.abilities[]": true, "info.buyers": true}
	for _, f := range fields {
		t.Run(f.path, func(t *testing.T) {
			max, ok := workflow.FieldLimit(f.path)
			if !ok {
				t.Fatalf("FieldLimit(%q) does not know the field", f.path)
			}
			general := regexp.MustCompile(`\[[0-9]+\]`).ReplaceAllString(f.path, "[]")
			if m, ok := workflow.FieldLimit(general); !ok || m != max {
				t.Errorf("FieldLimit(%q) = %d, %v; want %d as for %q", general, m, ok, max, f.path)
			}
			want := fmt.Sprintf("at most %d are allowed", max)

			d := f.with(strings.Repeat("x", 100_000))
			over := d.OverLimits()
			if len(over) != 1 || over[0].Path != f.path || over[0].Message != "has 100000 characters; "+want {
				t.Errorf("OverLimits = %v, want one problem at %s saying %q", over, f.path, want)
			}
			stated := false
			for _, p := range d.Problems() {
				if p.Path != f.path {
					continue
				}
				if i := strings.Index(p.Message, "at most "); i >= 0 {
					stated = true
					if !strings.Contains(p.Message, want) {
						t.Errorf("Problems says %q; OverLimits says %q", p.Message, want)
					}
				}
			}
			isType := strings.HasSuffix(f.path, ".type")
			if !stated && !noLength[general] && !isType {
				t.Errorf("Problems does not state the limit of %s: %v", f.path, d.Problems())
			}
			if max < 100 && !noLength[general] && !isType {
				// Just over the form's limit: still savable, and told the same number.
				d := f.with(strings.Repeat("x", max+1))
				if over := d.OverLimits(); over != nil {
					t.Errorf("%d characters cannot be saved: %v", max+1, over)
				}
				found := false
				for _, p := range d.Problems() {
					found = found || p.Path == f.path && strings.Contains(p.Message, want)
				}
				if !found {
					t.Errorf("%d characters: Problems = %v, want %q at %s", max+1, d.Problems(), want, f.path)
				}
			}
		})
	}
	for _, path := range []string{"", "info", "guide.components", "info.show_after_release", "guide.components[0].props[0].required", "info.title[0]"} {
		if m, ok := workflow.FieldLimit(path); ok {
			t.Errorf("FieldLimit(%q) = %d, true; want not a text field", path, m)
		}
	}
}
