package workflow_test

import (
	"encoding/json"
	"fmt"
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
