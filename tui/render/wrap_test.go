package render_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"

	"plugpub/tui/render"
)

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
		want  string
	}{
		{"车牌识别插件为停车场景", 10, "车牌识别插\n件为停车场\n景"},
		{"识别方式：camera 拍照识别", 12, "识别方式：\ncamera 拍照\n识别"},
		// Closing punctuation stays with the character before it.
		{"一二三四，五", 8, "一二三\n四，五"},
		{"hello world again", 11, "hello world\nagain"},
		{"abcdefghijkl", 5, "abcde\nfghij\nkl"},
		{"两行\n文字", 20, "两行\n文字"},
		{"\x1b[31m红\x1b[0m", 20, "红"},
		{"宽", 1, "…"},
		{"anything", 0, ""},
	} {
		if got := render.Wrap(c.in, c.width); got != c.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.in, c.width, got, c.want)
		}
	}
}

// TestWrapProperties: no line is ever wider than asked, and nothing but the
// spaces at breaks is lost.
func TestWrapProperties(t *testing.T) {
	alphabet := []rune("车牌识别插件，。（）「」abcXYZ019 -.,:;!?()")
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOfN(rapid.SampledFrom(alphabet), 0, 80).Draw(t, "text")
		width := rapid.IntRange(1, 30).Draw(t, "width")
		in := string(rs)
		out := render.Wrap(in, width)
		for _, l := range strings.Split(out, "\n") {
			if ansi.StringWidth(l) > width {
				t.Fatalf("line %q is wider than %d", l, width)
			}
		}
		if width >= 2 {
			squash := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
			if squash(out) != squash(in) {
				t.Fatalf("Wrap(%q, %d) = %q lost text", in, width, out)
			}
		}
	})
}
