package main

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// demoUsers are the users `plugpub demo` creates.
var demoUsers = map[string]bool{
	"dev1": true, "dev2": true, "reviewer1": true, "reviewer2": true, "buyer1": true, "buyer2": true,
}

func TestShotTableIsWellFormed(t *testing.T) {
	if len(shots) == 0 {
		t.Fatal("no shots")
	}
	fileName := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	seen := map[string]bool{}
	for _, s := range shots {
		if !fileName.MatchString(s.name) {
			t.Errorf("shot %q: the name must be a plain file name (a-z, 0-9, -)", s.name)
		}
		if seen[s.name] {
			t.Errorf("shot %q: twice in the table", s.name)
		}
		seen[s.name] = true
		if strings.TrimSpace(s.title) == "" {
			t.Errorf("shot %q: no title", s.name)
		}
		if !demoUsers[s.as] {
			t.Errorf("shot %q: opens as %q, who is not a demo user", s.name, s.as)
		}
		if len(s.steps) == 0 {
			t.Errorf("shot %q: no steps", s.name)
		}
		for i, st := range s.steps {
			if len(st.wait) == 0 {
				t.Errorf("shot %q step %d: waits for nothing, so it could capture a screen half drawn", s.name, i+1)
			}
			for _, m := range st.wait {
				if strings.TrimSpace(m) == "" {
					t.Errorf("shot %q step %d: an empty marker matches any screen", s.name, i+1)
				}
			}
			for _, k := range st.keys {
				if k == "" || strings.ContainsAny(k, " \t\n") {
					t.Errorf("shot %q step %d: key %q is not one tmux key name", s.name, i+1, k)
				}
			}
			if i > 0 && len(st.keys) == 0 && st.text == "" {
				t.Errorf("shot %q step %d: sends nothing after the first step", s.name, i+1)
			}
		}
	}
	for _, want := range []string{"plugins", "publish", "wizard-guide", "review-diff", "order-page"} {
		if !seen[want] {
			t.Errorf("the README shows %s, but no shot makes it", want)
		}
	}
}

// span is one stretch of text and the colours freeze will draw it in.
type span struct {
	fg, bg string // "r;g;b", bg "" for none
	text   string
}

var sgrRe = regexp.MustCompile(`\x1b\[([0-9;]*)m`)

// runs reads normalize's output back as freeze would: each sequence resets,
// then sets the foreground and perhaps the background.
func runs(t *testing.T, line string) []span {
	t.Helper()
	var out []span
	cur := span{}
	idx := sgrRe.FindAllStringSubmatchIndex(line, -1)
	pos := 0
	flush := func(end int) {
		if end > pos {
			r := cur
			r.text = line[pos:end]
			out = append(out, r)
		}
	}
	for _, m := range idx {
		flush(m[0])
		p := line[m[2]:m[3]]
		switch {
		case p == "0":
			cur = span{}
		case strings.HasPrefix(p, "38;2;"):
			cur.fg = strings.TrimPrefix(p, "38;2;")
		case strings.HasPrefix(p, "48;2;"):
			cur.bg = strings.TrimPrefix(p, "48;2;")
		default:
			t.Fatalf("normalize wrote %q, which is not one of the sequences freeze draws right", line[m[0]:m[1]])
		}
		pos = m[1]
	}
	flush(len(line))
	return out
}

// styleOf is the colours the first occurrence of text is drawn in.
func styleOf(t *testing.T, line, text string) span {
	t.Helper()
	for _, r := range runs(t, line) {
		if strings.Contains(r.text, text) {
			return r
		}
	}
	t.Fatalf("%q not found in %q", text, line)
	return span{}
}

func rgb(c [3]uint8) string {
	return fmt.Sprintf("%d;%d;%d", c[0], c[1], c[2])
}

func TestNormalizeDrawsWhatTheTerminalShows(t *testing.T) {
	p := darkPalette
	cyan := rgb(p.basic[6])
	fg, bg := rgb(p.fg), rgb(p.bg)
	cases := []struct {
		name  string
		in    string
		text  string
		want  span
		after string // for a second look on the same line
		wantA span
	}{
		{"a colour survives bold after it", "\x1b[36mA\x1b[1mB", "B", span{fg: cyan}, "", span{}},
		{"39 ends the colour", "\x1b[36mA\x1b[39mB", "B", span{fg: fg}, "A", span{fg: cyan}},
		{"49 ends the background", "\x1b[46mA\x1b[49mB", "B", span{fg: fg}, "A", span{fg: fg, bg: cyan}},
		{"40–47 backgrounds are drawn", "\x1b[46mA", "A", span{fg: fg, bg: cyan}, "", span{}},
		{"reverse video swaps the default colours (the selected row)", "\x1b[7mrow\x1b[27m rest", "row", span{fg: bg, bg: fg}, "rest", span{fg: fg}},
		{"reverse video swaps set colours", "\x1b[36;7mX", "X", span{fg: bg, bg: cyan}, "", span{}},
		{"faint is half way to the background", "\x1b[2mdim\x1b[22mlit", "dim", span{fg: rgb(mix(p.fg, p.bg, 0.5))}, "lit", span{fg: fg}},
		{"256 colours: the cube", "\x1b[38;5;196mR", "R", span{fg: "255;0;0"}, "", span{}},
		{"256 colours: the grey ramp", "\x1b[48;5;232mG", "G", span{fg: fg, bg: "8;8;8"}, "", span{}},
		{"24-bit colours pass through", "\x1b[38;2;1;2;3mT", "T", span{fg: "1;2;3"}, "", span{}},
		{"a colour runs on into the next line", "\x1b[36mA\nB", "", span{}, "", span{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := normalize(c.in, 10, 2, p)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if c.text == "" {
				if got := styleOf(t, lines[1], "B"); got.fg != cyan {
					t.Errorf("second line drawn in %q, want %q (tmux does not repeat a colour at each line)", got.fg, cyan)
				}
				return
			}
			if got := styleOf(t, lines[0], c.text); got.fg != c.want.fg || got.bg != c.want.bg {
				t.Errorf("%q drawn as fg %q bg %q, want fg %q bg %q\n%q", c.text, got.fg, got.bg, c.want.fg, c.want.bg, out)
			}
			if c.after != "" {
				if got := styleOf(t, lines[0], c.after); got.fg != c.wantA.fg || got.bg != c.wantA.bg {
					t.Errorf("%q drawn as fg %q bg %q, want fg %q bg %q", c.after, got.fg, got.bg, c.wantA.fg, c.wantA.bg)
				}
			}
		})
	}
}

func TestNormalizeKeepsColumnsUnderChinese(t *testing.T) {
	out := normalize("插件 ID  名称\n\x1b]8;;https://x\x1b\\ab\x1b]8;;\x1b\\", 12, 3, darkPalette)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want the terminal's 3:\n%q", len(lines), out)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 12 {
			t.Errorf("line %d is %d cells, want 12 (every picture the same size): %q", i, w, l)
		}
	}
	// A space after a Chinese character must not share its span: in that
	// span it takes the Chinese font's narrower space.
	for _, r := range runs(t, lines[0]) {
		for i, ch := range r.text {
			if ch >= 0x80 && i+len(string(ch)) < len(r.text) {
				t.Errorf("%q runs on after %q in one span", r.text, ch)
			}
		}
	}
	if strings.Contains(out, "]8;") {
		t.Errorf("an OSC sequence got through: %q", out)
	}
	if got := ansi.Strip(lines[1]); strings.TrimSpace(got) != "ab" {
		t.Errorf("line 2 is %q, want ab", got)
	}
}

func TestNormalizeCutsAtTheWidthWithoutSplittingAWideCharacter(t *testing.T) {
	out := normalize("ab车牌识别", 5, 1, darkPalette)
	if got := ansi.Strip(strings.TrimSuffix(out, "\n")); got != "ab车 " {
		t.Errorf("got %q, want %q: 牌 would stand half outside the window", got, "ab车 ")
	}
}

func TestFontsConfHoldsOnlyTheGivenFonts(t *testing.T) {
	p, err := writeFontsConf(t.TempDir(), []string{"/a", "/b&c"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Count(s, "<dir>") != 2 || !strings.Contains(s, "<dir>/b&amp;c</dir>") {
		t.Errorf("fonts.conf should list exactly the two folders, escaped:\n%s", s)
	}
	if strings.Contains(s, "/usr/share/fonts</dir>") || strings.Contains(s, "include") {
		t.Errorf("fonts.conf must not pull in the machine's other fonts:\n%s", s)
	}
	last := -1
	for _, f := range fontFamilies {
		i := strings.Index(s, "<family>"+f+"</family>")
		if i <= last {
			t.Errorf("%s is not preferred in fontFamilies' order:\n%s", f, s)
		}
		last = i
	}
}

func buildPlugpub(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "plugpub")
	c := exec.Command("go", "build", "-o", bin, "plugpub/cmd/plugpub")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestAWaitThatNeverEndsSaysWhichScreen needs only tmux: a marker the console
// never shows fails within its timeout, naming the screen, what it waited
// for and what the screen showed, and leaves no tmux server behind.
func TestAWaitThatNeverEndsSaysWhichScreen(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	bin := buildPlugpub(t)
	tmp := t.TempDir()
	tm, err := newTmuxServer(tmp)
	if err != nil {
		t.Fatal(err)
	}
	defer tm.kill()
	cfg := config{width: 100, height: 30, timeout: 1500 * time.Millisecond}
	s := shot{name: "never", title: "a screen that never comes", as: "dev1",
		steps: []step{{wait: []string{"我的插件"}}, {keys: []string{"Down"}, wait: []string{"no screen says this"}}}}
	ctx := context.Background()
	start := time.Now()
	_, err = takeShot(ctx, cfg, tm, bin, tmp, s)
	if err == nil {
		t.Fatal("a marker no screen shows was found")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the wait took %s, its timeout is %s", took, cfg.timeout)
	}
	msg := err.Error()
	for _, want := range []string{"step 2", "timed out", "no screen says this", "2021004100000001"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
	tm.kill()
	if out, err := tm.cmd(ctx, "has-session", "-t", session).CombinedOutput(); err == nil {
		t.Errorf("the tmux server is still there after kill: %s", out)
	}
}

// TestScreenshots runs the whole thing, as make screenshots does, into a
// temporary folder, and checks every picture is a PNG of the same size.
func TestScreenshots(t *testing.T) {
	cfg := config{width: 100, height: 30, timeout: 15 * time.Second, fontDirs: defaultFontDirs, fontSize: 7}
	cfg.bin = "/nonexistent" // checked below, once the tools are known
	if err := cfg.tools(); err != nil {
		var lacking []string
		for _, l := range strings.Split(err.Error(), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "/nonexistent") && !strings.HasPrefix(l, "missing:") && !strings.HasPrefix(l, "(make") {
				lacking = append(lacking, l)
			}
		}
		if len(lacking) > 0 {
			t.Skipf("needs what make screenshots installs; missing %s", strings.Join(lacking, "; "))
		}
	}
	cfg.bin = buildPlugpub(t)
	cfg.out = t.TempDir()
	if err := run(context.Background(), cfg, shots); err != nil {
		t.Fatal(err)
	}
	var w0, h0 int
	for i, s := range shots {
		f, err := os.Open(filepath.Join(cfg.out, s.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s.png: %v", s.name, err)
		}
		if i == 0 {
			w0, h0 = c.Width, c.Height
			if w0 < 1000 || h0 < 600 {
				t.Errorf("%s.png is %d×%d, too small for 100×30 cells", s.name, w0, h0)
			}
		} else if c.Width != w0 || c.Height != h0 {
			t.Errorf("%s.png is %d×%d, the others %d×%d", s.name, c.Width, c.Height, w0, h0)
		}
	}
	// Nothing is left behind: the temporary folders are this process's.
	left, _ := filepath.Glob(filepath.Join(os.TempDir(), "plugpub-shots-*"))
	for _, l := range left {
		if fi, err := os.Stat(l); err == nil && time.Since(fi.ModTime()) < time.Minute {
			t.Errorf("temporary folder %s was left behind", l)
		}
	}
}
