// Command screenshots makes the README's pictures of the console from the
// real binary: for each shot it creates a fresh demo database in a temporary
// folder, opens bin/plugpub on it inside a tmux server of its own at a fixed
// size with colours on, types what a person would, waits until the screen
// shows what it should, captures it with its colours and renders it to PNG
// with freeze (charmbracelet/freeze v0.2.2).
//
// It builds nothing: `make screenshots` builds bin/plugpub, installs freeze
// and the fonts, then runs it.
//
// Fonts: freeze's --font.file only embeds a font in the SVG (@font-face),
// and neither of its PNG renderers reads that. Its built-in renderer (resvg
// in WebAssembly) knows only its own JetBrains Mono, so Chinese comes out as
// empty boxes; when rsvg-convert is on PATH freeze uses it instead, which
// finds fonts through fontconfig and falls back per character. So this
// program needs rsvg-convert, and gives freeze a fontconfig of its own that
// holds exactly the fonts it should use: JetBrains Mono, DejaVu Sans Mono for
// the few symbols JetBrains Mono lacks, and WenQuanYi Micro Hei for Chinese,
// whose characters are one em wide: two cells of the monospace font.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type config struct {
	bin      string
	out      string
	freeze   string
	only     map[string]bool
	width    int
	height   int
	timeout  time.Duration
	fontDirs []string
	fontSize float64
}

// defaultFontDirs are where Debian's fonts-jetbrains-mono, fonts-dejavu-core
// and fonts-wqy-microhei put their files.
var defaultFontDirs = []string{
	"/usr/share/fonts/truetype/jetbrains-mono",
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/truetype/wqy",
}

// fontFamilies is the order fontconfig tries for each character.
var fontFamilies = []string{"JetBrains Mono", "DejaVu Sans Mono", "WenQuanYi Micro Hei"}

func main() {
	var cfg config
	var only, fontDirs string
	flag.StringVar(&cfg.bin, "bin", "bin/plugpub", "the plugpub binary to photograph")
	flag.StringVar(&cfg.out, "out", "testdata/screenshots", "where the PNG files go")
	flag.StringVar(&cfg.freeze, "freeze", "", "the freeze binary (default: freeze on PATH, else $GOBIN or $GOPATH/bin)")
	flag.StringVar(&only, "only", "", "comma-separated shot names to make (default: all)")
	flag.IntVar(&cfg.width, "width", 100, "terminal columns")
	flag.IntVar(&cfg.height, "height", 30, "terminal rows")
	flag.DurationVar(&cfg.timeout, "timeout", 15*time.Second, "how long each step may take to show its screen")
	flag.StringVar(&fontDirs, "fonts", strings.Join(defaultFontDirs, ","), "comma-separated font folders freeze may use")
	flag.Float64Var(&cfg.fontSize, "font-size", 7, "freeze's font size (its PNG is drawn at 4× this)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: screenshots [flags]\n\nshots: %s\n\n", strings.Join(shotNames(), " "))
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if only != "" {
		cfg.only = map[string]bool{}
		known := map[string]bool{}
		for _, n := range shotNames() {
			known[n] = true
		}
		for _, n := range strings.Split(only, ",") {
			if !known[n] {
				fmt.Fprintf(os.Stderr, "screenshots: no shot %q (there are: %s)\n", n, strings.Join(shotNames(), " "))
				os.Exit(2)
			}
			cfg.only[n] = true
		}
	}
	cfg.fontDirs = strings.Split(fontDirs, ",")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, cfg, shots)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func shotNames() []string {
	var names []string
	for _, s := range shots {
		names = append(names, s.name)
	}
	return names
}

// tools finds what run needs and says, all at once, what is missing.
func (cfg *config) tools() error {
	var missing []string
	if fi, err := os.Stat(cfg.bin); err != nil || fi.IsDir() {
		missing = append(missing, fmt.Sprintf("%s (make build)", cfg.bin))
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		missing = append(missing, "tmux (apt-get install tmux)")
	}
	if cfg.freeze == "" {
		cfg.freeze = findFreeze()
	}
	if cfg.freeze == "" {
		missing = append(missing, "freeze (go install github.com/charmbracelet/freeze@v0.2.2)")
	}
	if _, err := exec.LookPath("rsvg-convert"); err != nil {
		missing = append(missing, "rsvg-convert, without which freeze draws no Chinese (apt-get install librsvg2-bin)")
	}
	for _, d := range cfg.fontDirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			missing = append(missing, fmt.Sprintf("the fonts in %s (apt-get install fonts-jetbrains-mono fonts-dejavu-core fonts-wqy-microhei)", d))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing:\n  %s\n(make screenshots installs them)", strings.Join(missing, "\n  "))
	}
	return nil
}

func findFreeze() string {
	if p, err := exec.LookPath("freeze"); err == nil {
		return p
	}
	var dirs []string
	if b := os.Getenv("GOBIN"); b != "" {
		dirs = append(dirs, b)
	}
	if out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output(); err == nil {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) == 2 {
			if lines[0] != "" {
				dirs = append(dirs, lines[0])
			}
			for _, p := range filepath.SplitList(lines[1]) {
				dirs = append(dirs, filepath.Join(p, "bin"))
			}
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "freeze")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

func run(ctx context.Context, cfg config, list []shot) (err error) {
	if err := cfg.tools(); err != nil {
		return err
	}
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "plugpub-shots-")
	if err != nil {
		return err
	}
	defer func() {
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()
	fontsConf, err := writeFontsConf(tmp, cfg.fontDirs)
	if err != nil {
		return err
	}
	tm, err := newTmuxServer(tmp)
	if err != nil {
		return err
	}
	defer tm.kill()

	made := 0
	for _, s := range list {
		if cfg.only != nil && !cfg.only[s.name] {
			continue
		}
		start := time.Now()
		ansiText, err := takeShot(ctx, cfg, tm, bin, tmp, s)
		tm.stopSession()
		if err != nil {
			return fmt.Errorf("screen %q (%s): %w", s.name, s.title, err)
		}
		png := filepath.Join(cfg.out, s.name+".png")
		if err := render(ctx, cfg, fontsConf, tmp, s.name, ansiText, png); err != nil {
			return fmt.Errorf("screen %q (%s): %w", s.name, s.title, err)
		}
		made++
		fmt.Printf("%-14s %s (%.1fs)\n", s.name, png, time.Since(start).Seconds())
	}
	if made == 0 {
		return errors.New("no shot made")
	}
	return nil
}

// takeShot opens the console as the shot's user on a fresh demo database,
// plays its steps and returns the settled screen with its colours.
func takeShot(ctx context.Context, cfg config, tm *tmuxServer, bin, tmp string, s shot) (string, error) {
	db := filepath.Join(tmp, "demo.db")
	demo := exec.CommandContext(ctx, bin, "--db", db, "demo", "--force")
	if out, err := demo.CombinedOutput(); err != nil {
		return "", fmt.Errorf("plugpub demo: %w: %s", err, strings.TrimSpace(string(out)))
	}
	if err := tm.start(ctx, cfg.width, cfg.height, bin, "--db", db, "--as", s.as); err != nil {
		return "", err
	}
	for i, st := range s.steps {
		if err := tm.sendKeys(ctx, st); err != nil {
			return "", fmt.Errorf("step %d: %w", i+1, err)
		}
		if err := tm.waitFor(ctx, st.wait, cfg.timeout); err != nil {
			return "", fmt.Errorf("step %d (keys %q %q): %w", i+1, st.keys, st.text, err)
		}
	}
	screen, err := tm.settle(ctx, cfg.timeout)
	if err != nil {
		return "", err
	}
	return screen, nil
}

// render writes the screen, normalised for freeze, to a file and has freeze
// draw it as a PNG with the fonts of fontsConf only.
func render(ctx context.Context, cfg config, fontsConf, tmp, name, screen, png string) error {
	in := filepath.Join(tmp, name+".ans")
	if err := os.WriteFile(in, []byte(normalize(screen, cfg.width, cfg.height, darkPalette)), 0o600); err != nil {
		return err
	}
	bg := fmt.Sprintf("#%02x%02x%02x", darkPalette.bg[0], darkPalette.bg[1], darkPalette.bg[2])
	c := exec.CommandContext(ctx, cfg.freeze,
		"--language", "ansi",
		"--output", png,
		"--background", bg,
		"--border.radius", "6",
		"--padding", "12,16",
		"--margin", "0",
		"--font.family", fontFamilies[0],
		"--font.size", fmt.Sprint(cfg.fontSize),
		"--line-height", "1.2",
		in)
	c.Env = append(os.Environ(),
		"FONTCONFIG_FILE="+fontsConf,
		"RUNEWIDTH_EASTASIAN=0", // ambiguous characters (·, →, …) are one cell, as in tmux
		"LC_ALL=C.UTF-8",
	)
	out, err := c.CombinedOutput()
	if err != nil {
		return fmt.Errorf("freeze: %w: %s", err, strings.TrimSpace(string(out)))
	}
	if fi, err := os.Stat(png); err != nil || fi.Size() == 0 {
		return fmt.Errorf("freeze wrote no %s: %s", png, strings.TrimSpace(string(out)))
	}
	return nil
}

// writeFontsConf writes a fontconfig file that knows only the fonts in dirs
// and prefers them in fontFamilies' order, so the pictures do not depend on
// what else the machine has installed.
func writeFontsConf(tmp string, dirs []string) (string, error) {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n")
	for _, d := range dirs {
		fmt.Fprintf(&b, "  <dir>%s</dir>\n", xmlEscape(d))
	}
	fmt.Fprintf(&b, "  <cachedir>%s</cachedir>\n", xmlEscape(filepath.Join(tmp, "fontcache")))
	for _, alias := range append([]string{"monospace"}, fontFamilies[0]) {
		fmt.Fprintf(&b, "  <alias>\n    <family>%s</family>\n    <prefer>\n", xmlEscape(alias))
		for _, f := range fontFamilies {
			fmt.Fprintf(&b, "      <family>%s</family>\n", xmlEscape(f))
		}
		b.WriteString("    </prefer>\n  </alias>\n")
	}
	b.WriteString("</fontconfig>\n")
	p := filepath.Join(tmp, "fonts.conf")
	return p, os.WriteFile(p, []byte(b.String()), 0o600)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
