package workflow

import (
	"encoding/json"
	"strings"
	"testing"
)

// The size bound lets Problems skip marshalling; if it were ever below the
// real size, an oversized draft would pass Problems and fail to be saved.
func TestSizeBoundIsNeverBelowTheMarshalledSize(t *testing.T) {
	hostile := SampleDraft()
	hostile.Info.Description = strings.Repeat("\x01\"\\\u2028\xff<&>中", 500)
	hostile.Guide.Components[0].Props[0].Default = "\x7f\t\n"
	empty := NewDraft()
	for name, d := range map[string]Draft{"sample": SampleDraft(), "empty": empty, "hostile": hostile, "big": bigGuide(200, 20)} {
		b, err := MarshalDraft(d)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bound := d.sizeBound(escapedLen); bound < len(b) {
			t.Errorf("%s: bound %d is below the marshalled size %d", name, bound, len(b))
		} else if len(b) > 100_000 && bound > 2*len(b) {
			t.Errorf("%s: bound %d is so loose (marshalled %d) that it saves nothing", name, bound, len(b))
		}
		if rough := d.sizeBound(roughEscapedLen); rough < d.sizeBound(escapedLen) {
			t.Errorf("%s: the rough bound %d is below the exact one", name, rough)
		}
	}
}

func FuzzEscapedLen(f *testing.F) {
	for _, s := range []string{"", "abc", "\"\\", "\x00\x1f\x7f", "中文", "\u2028\u2029", "\xff\xfe", "<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got, want := escapedLen(s), b.Len()-1; got < want {
			t.Fatalf("escapedLen(%q) = %d, below the encoded %d", s, got, want)
		}
		if roughEscapedLen(s) < escapedLen(s) {
			t.Fatalf("roughEscapedLen(%q) is below escapedLen", s)
		}
	})
}

// bigGuide is the sample with n components of m props each.
func bigGuide(n, m int) Draft {
	d := SampleDraft()
	base := d.Guide.Components[0]
	d.Guide.Components = nil
	for i := range n {
		c := base
		c.Name = "widget-" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
		c.Props = nil
		for k := range m {
			p := base.Props[k%len(base.Props)]
			p.Name = p.Name + string(rune('a'+k%26))
			c.Props = append(c.Props, p)
		}
		d.Guide.Components = append(d.Guide.Components, c)
	}
	return d
}

// BenchmarkValidateBigGuide is Problems, OverLimits, Equal and Clone of a
// guide of 200 components × 20 props: the walks every submit and save make.
func BenchmarkValidateBigGuide(b *testing.B) {
	d := bigGuide(200, 20)
	b.Run("Problems", func(b *testing.B) {
		for b.Loop() {
			d.Problems()
		}
	})
	b.Run("OverLimits", func(b *testing.B) {
		for b.Loop() {
			d.OverLimits()
		}
	})
	b.Run("CloneEqual", func(b *testing.B) {
		for b.Loop() {
			if !d.Clone().Equal(d) {
				b.Fatal("not equal")
			}
		}
	})
}
