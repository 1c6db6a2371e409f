package project_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"plugpub/workflow"
	"plugpub/workflow/project"
	"plugpub/workflow/workflowtest"
)

// tarEntry is one header of a test archive; body is a regular file's.
type tarEntry struct {
	name string
	typ  byte
	body string
	link string
}

func makeTar(t testing.TB, entries ...tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Mode: 0o644, Linkname: e.link, Format: tar.FormatPAX}
		if e.typ == tar.TypeReg {
			h.Size = int64(len(e.body))
		}
		if e.typ == tar.TypeDir {
			h.Mode = 0o755
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.typ == tar.TypeReg {
			if _, err := io.WriteString(tw, e.body); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarOfDir is what tar c -C dir . writes: "./" and then every entry under
// it, with the "./" prefix tar puts there.
func tarOfDir(t testing.TB, dir string) []byte {
	t.Helper()
	es := []tarEntry{{name: "./", typ: tar.TypeDir}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name := "./" + filepath.ToSlash(rel)
		if d.IsDir() {
			es = append(es, tarEntry{name: name + "/", typ: tar.TypeDir})
			return nil
		}
		b, err := os.ReadFile(p)
		es = append(es, tarEntry{name: name, typ: tar.TypeReg, body: string(b)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return makeTar(t, es...)
}

// TestReadTarSameAsFolder: every project of the testdata reads the same
// from its archive as from its folder, from tar c -C DIR . and from tar c
// DIR (one top folder) alike.
func TestReadTarSameAsFolder(t *testing.T) {
	for _, name := range []string{"alipay", "wechat", "ide-layout", "every-default", "camelcase-component", "runtime-exports"} {
		dir := filepath.Join("testdata", name)
		want, err := project.Read(dir)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b := tarOfDir(t, dir)
		fsys, err := project.ReadTar(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: ReadTar: %v", name, err)
		}
		got, err := project.ReadFS(fsys)
		if err != nil {
			t.Fatalf("%s: ReadFS: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: from the archive\n%+v\nfrom the folder\n%+v", name, got, want)
		}

		// The same files under one top folder.
		var es []tarEntry
		tr := tar.NewReader(bytes.NewReader(b))
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			body, _ := io.ReadAll(tr)
			es = append(es, tarEntry{name: "proj/" + strings.TrimPrefix(h.Name, "./"), typ: h.Typeflag, body: string(body)})
		}
		fsys, err = project.ReadTar(bytes.NewReader(makeTar(t, es...)))
		if err != nil {
			t.Fatalf("%s in a folder: ReadTar: %v", name, err)
		}
		if got, err := project.ReadFS(fsys); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s in a folder: %v\n%+v", name, err, got)
		}
	}
}

// TestReadTarRefuses: what could write or read outside the archive, or
// grow without bound, is refused with a message naming the entry, and
// nothing is returned.
func TestReadTarRefuses(t *testing.T) {
	pj := tarEntry{name: "plugin.json", typ: tar.TypeReg, body: `{"publicComponents": {}}`}
	deep := strings.Repeat("d/", project.MaxTarDepth+1) + "x.js"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(makeTar(t, pj))
	zw.Close()
	many := make([]tarEntry, project.MaxTarFiles+1)
	for i := range many {
		many[i] = tarEntry{name: "d/", typ: tar.TypeDir}
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"absolute", makeTar(t, pj, tarEntry{name: "/etc/passwd", typ: tar.TypeReg, body: "x"}), `"/etc/passwd" is an absolute path`},
		{"dotdot", makeTar(t, pj, tarEntry{name: "a/../../x.js", typ: tar.TypeReg, body: "x"}), `"a/../../x.js" leaves the archive (..)`},
		{"dotdot inside", makeTar(t, pj, tarEntry{name: "a/../x.js", typ: tar.TypeReg, body: "x"}), `leaves the archive (..)`},
		{"symlink", makeTar(t, pj, tarEntry{name: "c.js", typ: tar.TypeSymlink, link: "/etc/passwd"}), "c.js: is a link in the archive"},
		{"hardlink", makeTar(t, pj, tarEntry{name: "c.js", typ: tar.TypeLink, link: "plugin.json"}), "c.js: is a link in the archive"},
		{"char device", makeTar(t, pj, tarEntry{name: "tty", typ: tar.TypeChar}), "tty: is a device in the archive"},
		{"fifo", makeTar(t, pj, tarEntry{name: "p", typ: tar.TypeFifo}), "p: is a named pipe in the archive"},
		{"deep", makeTar(t, pj, tarEntry{name: deep, typ: tar.TypeReg, body: "x"}), "folders deep"},
		{"twice", makeTar(t, pj, pj), "plugin.json: is in the archive twice"},
		{"file and folder", makeTar(t, pj, tarEntry{name: "plugin.json/", typ: tar.TypeDir}), "plugin.json: is both a file and a folder"},
		{"backslash", makeTar(t, pj, tarEntry{name: `..\x.js`, typ: tar.TypeReg}), "backslash"},
		{"many entries", makeTar(t, many...), "more than 10000 entries"},
		{"gzip", gz.Bytes(), "gzip-compressed"},
		{"empty", makeTar(t), "the archive is empty"},
		{"no input", nil, "the archive is empty"},
		{"not tar", []byte(strings.Repeat("not a tar archive at all ", 40)), "not a tar archive"},
		{"cut short", makeTar(t, tarEntry{name: "a.js", typ: tar.TypeReg, body: strings.Repeat("x", 2000)})[:1200], "the archive is cut short"},
		{"control chars", makeTar(t, tarEntry{name: "\x1b[31m/x", typ: tar.TypeReg}), `"\x1b[31m/x"`},
	} {
		fsys, err := project.ReadTar(bytes.NewReader(tc.in))
		if err == nil {
			t.Errorf("%s: ReadTar accepted it", tc.name)
			continue
		}
		if fsys != nil {
			t.Errorf("%s: an error came with files", tc.name)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not say %q", tc.name, err, tc.want)
		}
		if workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("%s: error %v is not invalid input", tc.name, err)
		}
		if strings.ContainsAny(err.Error(), "\x1b") {
			t.Errorf("%s: error %q carries an escape", tc.name, err)
		}
	}
}

// TestReadTarSizeLimits: an archive over MaxTarBytes is refused having read
// no more than one byte past it, and a file over MaxFileBytes is kept by
// its size only, so that reading it is the folder's "is larger" error.
func TestReadTarSizeLimits(t *testing.T) {
	src := &workflowtest.CountingReader{R: zeroTar(t, project.MaxTarBytes+(1<<20))}
	_, err := project.ReadTar(src)
	if err == nil || !strings.Contains(err.Error(), "larger than 32 MiB") {
		t.Fatalf("a 33 MiB archive: %v", err)
	}
	if src.N > project.MaxTarBytes+1 {
		t.Errorf("read %d bytes of an archive over the limit; at most %d", src.N, project.MaxTarBytes+1)
	}

	big := strings.Repeat("x", project.MaxFileBytes+1)
	fsys, err := project.ReadTar(bytes.NewReader(makeTar(t,
		tarEntry{name: "plugin.json", typ: tar.TypeReg, body: `{"publicComponents": {"a": "a"}}`},
		tarEntry{name: "a.js", typ: tar.TypeReg, body: big},
	)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = project.ReadFS(fsys)
	var pe *project.Error
	if !errors.As(err, &pe) || pe.File != "a.js" || !strings.Contains(pe.Msg, "is larger than 1 MiB") {
		t.Errorf("a 1 MiB + 1 file in the archive: %v", err)
	}
}

// zeroTar is a tar of one file of size bytes of zeros, streamed.
func zeroTar(t *testing.T, size int) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		tw := tar.NewWriter(pw)
		if err := tw.WriteHeader(&tar.Header{Name: "big.bin", Typeflag: tar.TypeReg, Size: int64(size), Mode: 0o644}); err != nil {
			pw.CloseWithError(err)
			return
		}
		_, err := io.CopyN(tw, zeros{}, int64(size))
		if err == nil {
			err = tw.Close()
		}
		pw.CloseWithError(err)
	}()
	t.Cleanup(func() { pr.Close() })
	return pr
}

type zeros struct{}

func (zeros) Read(b []byte) (int, error) { clear(b); return len(b), nil }

// FuzzReadTar feeds ReadTar arbitrary bytes (the seed corpus holds real
// archives and hostile ones, testdata/fuzz/FuzzReadTar): it never panics,
// an error is invalid input and comes without files, and what it accepts
// names only paths inside the archive, which the importer then reads
// without panicking.
func FuzzReadTar(f *testing.F) {
	f.Add(tarOfDir(f, filepath.Join("testdata", "alipay")))
	f.Add(makeTar(f, tarEntry{name: "plugin.json", typ: tar.TypeReg, body: `{"publicComponents": {"c": "c"}, "main": "c.js"}`},
		tarEntry{name: "c.js", typ: tar.TypeReg, body: "Component({ props: { a: 1 } }); export function x() {}"}))
	f.Add(makeTar(f, tarEntry{name: "../x", typ: tar.TypeReg, body: "x"}))
	f.Add(makeTar(f, tarEntry{name: "l", typ: tar.TypeSymlink, link: "/"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		fsys, err := project.ReadTar(bytes.NewReader(b))
		if err != nil {
			if fsys != nil {
				t.Fatal("an error came with files")
			}
			if workflow.KindOf(err) != workflow.KindInvalid {
				t.Fatalf("error %v is not invalid input", err)
			}
			return
		}
		err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !fs.ValidPath(p) || strings.Contains(p, "..") && strings.Contains("/"+p+"/", "/../") {
				t.Fatalf("the archive's files name %q", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := project.ReadFS(fsys); err != nil && workflow.KindOf(err) != workflow.KindInvalid {
			t.Fatalf("reading the archive's project: %v is not invalid input", err)
		}
	})
}
