package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"plugpub/internal/testfs"
	"plugpub/workflow/workflowtest"
)

// writePNG writes a small real PNG and returns its bytes.
func writePNG(t *testing.T, path string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{0xff, 0, 0, 0xff})
	}
	return workflowtest.WritePNG(t, path, img)
}

func logoOf(t *testing.T, c *cli, plugin string) string {
	t.Helper()
	var d struct{ Info struct{ Logo string } }
	c.json(&d, "--as", "dev1", "draft", "show", plugin)
	return d.Info.Logo
}

// TestDraftLogo: a logo path in the draft file is read relative to the file,
// stored by content, shown as sha256:…, and setting that reference back
// keeps the image.
func TestDraftLogo(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "logo")
	P := flowPlugin

	dir := filepath.Join(t.TempDir(), "assets")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	png := writePNG(t, filepath.Join(dir, "logo.png"))
	sum := sha256.Sum256(png)
	want := "sha256:" + hex.EncodeToString(sum[:])

	// An incomplete draft is saved; its problems are warnings on stderr.
	draft := writeFile(t, dir, "draft.json", `{"info": {"title": "车牌", "logo": "logo.png"}}`)
	// Run from elsewhere: the path is relative to the draft file, not the cwd.
	out, errOut, code := runWith(t, runOpts{dir: t.TempDir()}, c.env, "--as", "dev1", "draft", "set", P, "--file", draft)
	if code != 0 {
		t.Fatalf("draft set: exit %d\n%s", code, errOut)
	}
	mustContain(t, "draft set stdout", out, "saved the draft of "+P)
	mustContain(t, "draft set warnings", errOut, "plugpub: warning:", "  info.intro:", "  info.contact:")
	if got := logoOf(t, c, P); got != want {
		t.Fatalf("draft show logo = %q, want %q", got, want)
	}

	// Setting what draft show printed keeps the stored image.
	shown := c.ok("--as", "dev1", "draft", "show", P)
	writeFile(t, dir, "shown.json", shown)
	c.ok("--as", "dev1", "draft", "set", P, "--file", filepath.Join(dir, "shown.json"))
	if got := logoOf(t, c, P); got != want {
		t.Errorf("after setting the shown draft, logo = %q, want %q", got, want)
	}

	// From stdin the path is relative to the working folder.
	_, errOut, code = runWith(t, runOpts{dir: dir, stdin: `{"info": {"logo": "logo.png"}}`}, c.env, "--as", "dev1", "draft", "set", P, "--file", "-")
	if code != 0 {
		t.Fatalf("draft set from stdin: exit %d\n%s", code, errOut)
	}
	if got := logoOf(t, c, P); got != want {
		t.Errorf("after draft set from stdin, logo = %q, want %q", got, want)
	}

	// What is not an image, or not stored here, is refused and nothing changes.
	writeFile(t, dir, "fake.png", "GIF89a not really")
	for name, body := range map[string]string{
		"not an image":     `{"info": {"logo": "fake.png"}}`,
		"missing file":     `{"info": {"logo": "nope.png"}}`,
		"unknown ref":      `{"info": {"logo": "sha256:` + strings.Repeat("0", 64) + `"}}`,
		"unknown field":    `{"info": {"titel": "x"}}`,
		"not json":         `{"info": `,
		"wrong value type": `{"info": {"abilities": "支付"}}`,
	} {
		_, errOut, code := runWith(t, runOpts{dir: dir, stdin: body}, c.env, "--as", "dev1", "draft", "set", P, "--file", "-")
		if code != exitInvalid {
			t.Errorf("%s: exit %d, want %d\n%s", name, code, exitInvalid, errOut)
		}
	}
	if got := logoOf(t, c, P); got != want {
		t.Errorf("after refused sets, logo = %q, want %q", got, want)
	}
	c.fails(exitInternal, "--as", "dev1", "draft", "set", P, "--file", filepath.Join(dir, "absent.json"))
}

// TestDraftCheckJSON: check lists the problems with their paths, as JSON too.
func TestDraftCheckJSON(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "x")
	out, _, code := run(t, c.env, "--json", "--as", "dev1", "draft", "check", flowPlugin)
	if code != exitInvalid {
		t.Fatalf("draft check of an empty draft: exit %d, want %d", code, exitInvalid)
	}
	var res struct {
		Problems []struct{ Path, Message string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("draft check --json: %v\n%s", err, out)
	}
	paths := map[string]bool{}
	for _, p := range res.Problems {
		paths[p.Path] = true
	}
	for _, p := range []string{"info.title", "info.intro", "info.description", "info.abilities", "info.usage", "info.contact"} {
		if !paths[p] {
			t.Errorf("draft check --json has no problem at %s: %+v", p, res.Problems)
		}
	}
}

// TestDraftLogoFileChecks: draft set reads the logo through the same reader
// as the console. It states a large file's real size, not the bytes it read
// up to the limit, and a logo path naming a pipe, a device or a folder is
// refused at once instead of hanging the command.
func TestDraftLogoFileChecks(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "logo")
	P := flowPlugin
	dir := t.TempDir()
	big := filepath.Join(dir, "big.png")
	b := writePNG(t, big)
	if err := os.WriteFile(big, append(b, make([]byte, 3_000_000-len(b))...), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "logo.fifo")
	testfs.Fifo(t, fifo)
	for _, tc := range []struct{ logo, want string }{
		{"big.png", "big.png is 2.9 MiB (3000000 bytes); a logo is at most 2 MiB"},
		{"logo.fifo", "logo.fifo is not a file but a named pipe"},
		{os.DevNull, os.DevNull + " is not a file but a device"},
		{".", " is not a file but a folder"},
	} {
		body := fmt.Sprintf(`{"info": {"title": "车牌", "logo": %q}}`, tc.logo)
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		cmd := exec.CommandContext(ctx, binPath, "--as", "dev1", "draft", "set", P, "--file", "-")
		cmd.Env = append(cleanEnviron(), c.env...)
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(body)
		var errOut strings.Builder
		cmd.Stderr = &errOut
		err := cmd.Run()
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Fatalf("logo %s: draft set still runs after 15s", tc.logo)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitInvalid {
			t.Errorf("logo %s: %v, want exit %d\n%s", tc.logo, err, exitInvalid, errOut.String())
		}
		mustContain(t, "logo "+tc.logo, errOut.String(), "plugpub: info.logo: ", tc.want)
	}
	if got := logoOf(t, c, P); got != "" {
		t.Errorf("after refused logos, the draft's logo is %q", got)
	}
}
