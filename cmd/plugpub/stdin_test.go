package main

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"plugpub/internal/testfs"
	"plugpub/workflow/workflowtest"
)

// What a command reads from a local file it reads from its own stdin with
// "-": over SSH that is the session, so the tests here hand the in-process
// command tree a reader that is not os.Stdin.

// inProcess runs the command tree in this process on db with stdin.
func inProcess(t *testing.T, db string, stdin io.Reader, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(context.Background(), append([]string{"--db", db}, args...), stdin, &out, &errb)
	return out.String(), errb.String(), code
}

// tarDir is tar c -C dir . as bytes.
func tarDir(t *testing.T, dir string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name := "./" + filepath.ToSlash(rel)
		if d.IsDir() {
			return tw.WriteHeader(&tar.Header{Name: strings.TrimSuffix(name, "/.") + "/", Typeflag: tar.TypeDir, Mode: 0o755})
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(b))}); err != nil {
			return err
		}
		_, err = tw.Write(b)
		return err
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportTarFromStdin: import P - reads the project as a tar on stdin
// and does what import P DIR does, JSON and all; a hostile archive is
// refused (exit 3) before the draft is touched.
func TestImportTarFromStdin(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	P, dir := flowPlugin, projectDir("alipay")
	want := c.ok("--json", "--as", "dev1", "import", P, dir, "--dry-run")

	out, errOut, code := inProcess(t, c.db(), bytes.NewReader(tarDir(t, dir)), "--json", "--as", "dev1", "import", P, "-", "--dry-run")
	if code != exitOK {
		t.Fatalf("import - --dry-run: exit %d\n%s", code, errOut)
	}
	var fromDir, fromTar importJSON
	if err := json.Unmarshal([]byte(want), &fromDir); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &fromTar); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if fromTar.Dir != "-" {
		t.Errorf("dir = %q, want -", fromTar.Dir)
	}
	fromTar.Dir = fromDir.Dir
	a, _ := json.Marshal(fromTar)
	b, _ := json.Marshal(fromDir)
	if !bytes.Equal(a, b) {
		t.Errorf("import - differs from import DIR:\n%s\n%s", a, b)
	}

	before := c.ok("--as", "dev1", "draft", "show", P)
	var hostile bytes.Buffer
	tw := tar.NewWriter(&hostile)
	tw.WriteHeader(&tar.Header{Name: "plugin.json", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"})
	tw.Close()
	for name, in := range map[string][]byte{
		"symlink": hostile.Bytes(),
		"empty":   nil,
		"garbage": bytes.Repeat([]byte("garbage!"), 200),
	} {
		_, errOut, code := inProcess(t, c.db(), bytes.NewReader(in), "--as", "dev1", "import", P, "-")
		if code != exitInvalid {
			t.Errorf("%s archive: exit %d, want %d\n%s", name, code, exitInvalid, errOut)
		}
		mustContain(t, name+" archive", errOut, "plugpub: stdin: ")
	}
	if after := c.ok("--as", "dev1", "draft", "show", P); after != before {
		t.Fatal("a refused archive changed the draft")
	}

	// The real binary, as a shell pipes tar into it, writes the draft.
	out, errOut, code = runWith(t, runOpts{stdin: string(tarDir(t, dir))}, c.env, "--as", "dev1", "import", P, "-")
	if code != exitOK {
		t.Fatalf("import - from the binary: exit %d\n%s", code, errOut)
	}
	mustContain(t, "import -", out, "plugin project stdin: alipay dialect", "saved the draft of "+P+" (rev 2): 8 added")
}

// TestDraftLogoCommand: draft logo stores the image's bytes as the draft's
// logo from a file or from stdin, keeps the rest of the draft, and refuses
// what is not a PNG or JPEG, a stream over the limit, and a path that is a
// pipe or a folder, at once.
func TestDraftLogoCommand(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "logo")
	P := flowPlugin
	c.ok("user", "add", "rev1", "--role", "reviewer")
	c.ok("--as", "dev1", "draft", "sample", P)
	dir := t.TempDir()
	png := writePNG(t, filepath.Join(dir, "logo.png"))
	title := func() string {
		var d struct{ Info struct{ Title string } }
		c.json(&d, "--as", "dev1", "draft", "show", P)
		return d.Info.Title
	}
	sample := title()

	out, errOut, code := inProcess(t, c.db(), bytes.NewReader(png), "--as", "dev1", "draft", "logo", P, "--file", "-")
	if code != exitOK {
		t.Fatalf("draft logo -: exit %d\n%s", code, errOut)
	}
	mustContain(t, "draft logo -", out, "set the logo of the draft of "+P+" (rev ")
	want := logoOf(t, c, P)
	if !strings.HasPrefix(want, "sha256:") || title() != sample {
		t.Fatalf("after draft logo -: logo %q, title %q (want the sample's %q)", want, title(), sample)
	}

	// From a file, a draft with no logo gets the same stored image.
	c.ok("--as", "dev1", "draft", "set", P, "--file", writeFile(t, dir, "nologo.json", `{"info": {"title": "无图"}}`))
	if got := logoOf(t, c, P); got != "" {
		t.Fatalf("the draft set without a logo kept %q", got)
	}
	mustContain(t, "draft logo FILE", c.ok("--as", "dev1", "draft", "logo", P, "--file", filepath.Join(dir, "logo.png")), "set the logo of the draft of "+P)
	if got := logoOf(t, c, P); got != want {
		t.Fatalf("draft logo FILE: logo %q, want %q", got, want)
	}

	// Refusals: exit 3 naming the cause, nothing changed.
	fifo := filepath.Join(dir, "logo.fifo")
	testfs.Fifo(t, fifo)
	gif := writeFile(t, dir, "logo.gif", "GIF89a not really")
	huge := io.MultiReader(bytes.NewReader(png), bytes.NewReader(make([]byte, 3<<20)))
	for _, tc := range []struct {
		name  string
		stdin io.Reader
		file  string
		want  string
	}{
		{"gif on stdin", strings.NewReader("GIF89a not really"), "-", "this file looks like a GIF image"},
		{"empty stdin", strings.NewReader(""), "-", "the logo file is empty"},
		{"over the limit on stdin", huge, "-", "stdin has more than 2 MiB; a logo is at most 2 MiB"},
		{"gif file", nil, gif, "this file looks like a GIF image"},
		{"fifo", nil, fifo, "logo.fifo is not a file but a named pipe"},
		{"folder", nil, dir, "is not a file but a folder"},
	} {
		in := tc.stdin
		if in == nil {
			in = strings.NewReader("")
		}
		done := make(chan struct{})
		var errOut string
		var code int
		go func() {
			defer close(done)
			_, errOut, code = inProcess(t, c.db(), in, "--as", "dev1", "draft", "logo", P, "--file", tc.file)
		}()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Fatalf("%s: draft logo still runs after 15s", tc.name)
		}
		if code != exitInvalid {
			t.Errorf("%s: exit %d, want %d\n%s", tc.name, code, exitInvalid, errOut)
		}
		mustContain(t, tc.name, errOut, "plugpub: info.logo: ", tc.want)
	}
	if got := logoOf(t, c, P); got != want {
		t.Fatalf("after refused logos, logo %q, want %q", got, want)
	}

	// Who may not edit the draft stores nothing: exit 4.
	_, errOut, code = inProcess(t, c.db(), bytes.NewReader(png), "--as", "rev1", "draft", "logo", P, "--file", "-")
	if code != exitForbidden {
		t.Errorf("a reviewer's draft logo: exit %d, want %d\n%s", code, exitForbidden, errOut)
	}
	c.fails(exitUsage, "--as", "dev1", "draft", "logo", P)
}

// TestDraftSetFromStdinBounded: draft set --file - reads the command's
// stdin, and a stream past the draft limit is refused (exit 3) saying so,
// having read no more than one byte past the limit.
func TestDraftSetFromStdinBounded(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "x")
	P := flowPlugin
	out, errOut, code := inProcess(t, c.db(), strings.NewReader(`{"info": {"title": "从标准输入"}}`), "--as", "dev1", "draft", "set", P, "--file", "-")
	if code != exitOK {
		t.Fatalf("draft set -: exit %d\n%s", code, errOut)
	}
	mustContain(t, "draft set -", out, "saved the draft of "+P)
	mustContain(t, "draft show", c.ok("--as", "dev1", "draft", "show", P), "从标准输入")

	src := &workflowtest.CountingReader{R: endless{}}
	_, errOut, code = inProcess(t, c.db(), src, "--as", "dev1", "draft", "set", P, "--file", "-")
	if code != exitInvalid {
		t.Errorf("an endless draft: exit %d, want %d\n%s", code, exitInvalid, errOut)
	}
	mustContain(t, "an endless draft", errOut, "stdin: ", "more than the 4 MiB limit")
	if max := 4<<20 + 1; src.N > max {
		t.Errorf("read %d bytes of an endless stdin; at most %d", src.N, max)
	}
}

// endless is a stdin that never ends: spaces, valid JSON whitespace.
type endless struct{}

func (endless) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = ' '
	}
	return len(b), nil
}
