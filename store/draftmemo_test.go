package store

import (
	"fmt"
	"testing"

	"plugpub/workflow"
)

// The memo answers a read with what an earlier read or write of the same
// bytes decoded; what it hands out must be the caller's own copy, and
// other bytes must never be answered from it.
func TestDraftMemoHandsOutCopiesAndOnlyForTheSameBytes(t *testing.T) {
	d := workflow.SampleDraft()
	for i := range 120 { // past memoMinBytes
		d.Guide.Components[0].Props = append(d.Guide.Components[0].Props,
			workflow.Prop{Name: fmt.Sprintf("extra%d", i), Type: "String", Description: "一段足够长的属性说明，让草稿超过缓存的下限"})
	}
	b, err := EncodeDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < memoMinBytes {
		t.Fatalf("the draft is %d bytes, too small to be memoised", len(b))
	}
	for _, fromWrite := range []bool{true, false} {
		if !fromWrite {
			forgetDecoded() // now the first read decodes and fills the memo
		} else if _, err := EncodeDraft(d); err != nil {
			t.Fatal(err)
		}
		checkCopies(t, b, d)
	}

	other := d.Clone()
	other.Info.Title = "另一个标题"
	ob, err := EncodeDraft(other)
	if err != nil {
		t.Fatal(err)
	}
	forgetDecoded() // as a process that never wrote ob would start
	if _, err := DecodeDraft(b); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeDraft(ob)
	if err != nil {
		t.Fatal(err)
	}
	if got.Info.Title != "另一个标题" {
		t.Fatalf("other bytes were answered from the memo: title %q", got.Info.Title)
	}
}

func forgetDecoded() {
	decoded.mu.Lock()
	decoded.entries, decoded.bytes = nil, 0
	decoded.mu.Unlock()
}

func checkCopies(t *testing.T, b []byte, d workflow.Draft) {
	t.Helper()
	first, err := DecodeDraft(b)
	if err != nil {
		t.Fatal(err)
	}
	first.Guide.Components[0].Props[0].Name = "changed-by-the-caller"
	first.Info.Title = "changed"
	second, err := DecodeDraft(b)
	if err != nil {
		t.Fatal(err)
	}
	if second.Guide.Components[0].Props[0].Name != d.Guide.Components[0].Props[0].Name || second.Info.Title != d.Info.Title {
		t.Fatalf("a caller's edit reached the memo: %q %q", second.Guide.Components[0].Props[0].Name, second.Info.Title)
	}
}
