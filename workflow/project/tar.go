package project

import (
	"archive/tar"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"plugpub/workflow"
)

// Limits on an archive ReadTar takes in (`tar c -C proj . | plugpub import
// P -`, the way a project reaches a server that cannot see the client's
// files). The archive is held in memory, so all of it is bounded.
const (
	MaxTarBytes = 32 << 20 // the archive as read, headers and padding too
	MaxTarFiles = 10000    // entries: files and folders
	MaxTarDepth = 32       // folders an entry's path may go down
)

// ReadTar reads a tar archive of a plugin project (the folder Read is
// given, or the plugin root) into memory and returns its files. Only
// regular files and folders are taken: an absolute path, a path that
// leaves the archive (..), a link, a device or a pipe is refused, as is an
// archive over the limits above; the error, a *Error, names the entry.
// A file larger than MaxFileBytes is kept by its size only, so that
// reading it says it is too large without the bytes held.
//
// An archive of one folder (tar c proj rather than tar c -C proj .) is
// that folder's files.
func ReadTar(r io.Reader) (fs.FS, error) {
	lr := &io.LimitedReader{R: r, N: MaxTarBytes + 1}
	br := bufio.NewReader(lr)
	if head, _ := br.Peek(3); bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		return nil, &Error{Msg: "the archive is gzip-compressed; send a plain tar (tar c -C DIR ., without z)"}
	}
	m := &memFS{files: map[string]*memFile{}, dirs: map[string]bool{".": true}}
	tr := tar.NewReader(br)
	entries := 0
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, tarErr(lr, "", err)
		}
		if entries++; entries > MaxTarFiles {
			return nil, &Error{Msg: fmt.Sprintf("the archive has more than %d entries; send the plugin project only", MaxTarFiles)}
		}
		name, err := tarName(h.Name)
		if err != nil {
			return nil, err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if name != "." {
				if err := m.addDir(name); err != nil {
					return nil, err
				}
			}
		case tar.TypeReg, tar.TypeRegA: //nolint:staticcheck // old archivers write TypeRegA
			if name == "." {
				return nil, &Error{Msg: "the archive has a file with no name"}
			}
			f := &memFile{name: path.Base(name), size: h.Size}
			if h.Size <= MaxFileBytes {
				b, err := io.ReadAll(io.LimitReader(tr, h.Size))
				if err != nil {
					return nil, tarErr(lr, name, err)
				}
				f.data = b
			} else if _, err := io.Copy(io.Discard, tr); err != nil {
				return nil, tarErr(lr, name, err)
			}
			if err := m.addFile(name, f); err != nil {
				return nil, err
			}
		case tar.TypeXGlobalHeader:
			// pax metadata for the archive as a whole; no file.
		case tar.TypeSymlink, tar.TypeLink:
			return nil, &Error{File: name, Msg: "is a link in the archive; links are refused (tar c --dereference sends what they point to)"}
		default:
			return nil, &Error{File: name, Msg: fmt.Sprintf("is %s in the archive; only files and folders are taken", tarKind(h.Typeflag))}
		}
	}
	if lr.N <= 0 {
		return nil, tooBigTar()
	}
	if entries == 0 {
		return nil, &Error{Msg: "the archive is empty; send the plugin project: tar c -C DIR . | plugpub import PLUGIN -"}
	}
	return m.oneFolder(), nil
}

func tooBigTar() error {
	return &Error{Msg: fmt.Sprintf("the archive is larger than %d MiB; send the plugin project only (without node_modules)", MaxTarBytes>>20)}
}

// tarErr says what went wrong reading the archive: over the size limit,
// cut short, or not a tar at all.
func tarErr(lr *io.LimitedReader, name string, err error) error {
	switch {
	case lr.N <= 0:
		return tooBigTar()
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{File: name, Msg: "the archive is cut short"}
	case errors.Is(err, tar.ErrHeader):
		return &Error{Msg: "not a tar archive: send tar c -C DIR . | plugpub import PLUGIN -"}
	}
	return &Error{File: name, Msg: fmt.Sprintf("cannot read the archive: %v", err)}
}

// tarName is an entry's name as a path inside the archive: "./a/b/" is
// "a/b". What is absolute, leaves the archive, is not UTF-8 or goes too deep
// is refused.
func tarName(raw string) (string, error) {
	bad := func(msg string) error { return &Error{Msg: fmt.Sprintf("the archive entry %s %s", quote(raw), msg)} }
	switch {
	case !utf8.ValidString(raw):
		return "", bad("is not UTF-8")
	case strings.ContainsAny(raw, "\x00\\"):
		return "", bad("has a NUL or a backslash in its name")
	case workflow.SanitizeLine(raw) != raw:
		return "", bad("has control or bidi characters in its name")
	case strings.HasPrefix(raw, "/"):
		return "", bad("is an absolute path; make the archive with tar c -C DIR .")
	}
	for _, part := range strings.Split(raw, "/") {
		if part == ".." {
			return "", bad("leaves the archive (..)")
		}
	}
	name := path.Clean(raw)
	if name != "." && !fs.ValidPath(name) {
		return "", bad("is not a valid path")
	}
	if strings.Count(name, "/") >= MaxTarDepth {
		return "", bad(fmt.Sprintf("is more than %d folders deep", MaxTarDepth))
	}
	return name, nil
}

func tarKind(t byte) string {
	switch t {
	case tar.TypeChar, tar.TypeBlock:
		return "a device"
	case tar.TypeFifo:
		return "a named pipe"
	}
	return fmt.Sprintf("an entry of type %q", t)
}

// memFS is an archive's files in memory: a read-only fs.FS.
type memFS struct {
	files map[string]*memFile
	dirs  map[string]bool
}

type memFile struct {
	name string
	size int64
	data []byte // nil when the file is over MaxFileBytes
}

func (m *memFS) addDir(name string) error {
	if _, ok := m.files[name]; ok {
		return &Error{File: name, Msg: "is both a file and a folder in the archive"}
	}
	for d := name; d != "."; d = path.Dir(d) {
		if _, ok := m.files[d]; ok {
			return &Error{File: name, Msg: fmt.Sprintf("is inside %s, which is a file in the archive", d)}
		}
		m.dirs[d] = true
	}
	return nil
}

func (m *memFS) addFile(name string, f *memFile) error {
	if _, ok := m.files[name]; ok {
		return &Error{File: name, Msg: "is in the archive twice"}
	}
	if m.dirs[name] {
		return &Error{File: name, Msg: "is both a file and a folder in the archive"}
	}
	if dir := path.Dir(name); dir != "." {
		if err := m.addDir(dir); err != nil {
			return err
		}
	}
	m.files[name] = f
	return nil
}

// oneFolder is the archive's only top folder when it holds nothing else.
func (m *memFS) oneFolder() fs.FS {
	var tops []string
	for d := range m.dirs {
		if d != "." && !strings.Contains(d, "/") {
			tops = append(tops, d)
		}
	}
	for n := range m.files {
		if !strings.Contains(n, "/") {
			return m
		}
	}
	if len(tops) != 1 {
		return m
	}
	sub, err := fs.Sub(m, tops[0])
	if err != nil {
		return m
	}
	return sub
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, ok := m.files[name]; ok {
		return &openFile{f: f, r: bytes.NewReader(f.data)}, nil
	}
	if m.dirs[name] {
		return &openDir{m: m, name: name}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type openFile struct {
	f *memFile
	r *bytes.Reader
}

func (o *openFile) Stat() (fs.FileInfo, error) { return fileInfo{o.f.name, o.f.size, false}, nil }
func (o *openFile) Close() error               { return nil }
func (o *openFile) Read(b []byte) (int, error) {
	if o.f.data == nil && o.f.size > 0 {
		// Kept by its size only: reading yields more than any reader
		// takes, so the size check refuses it.
		for i := range b {
			b[i] = 0
		}
		return len(b), nil
	}
	return o.r.Read(b)
}

type openDir struct {
	m    *memFS
	name string
	read bool
}

func (o *openDir) Stat() (fs.FileInfo, error) { return fileInfo{path.Base(o.name), 0, true}, nil }
func (o *openDir) Close() error               { return nil }
func (o *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: o.name, Err: errors.New("is a directory")}
}

// ReadDir lists a folder, so fs.Sub and fs.WalkDir work on an archive.
func (o *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if o.read {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	o.read = true
	var out []fs.DirEntry
	inDir := func(p string) bool { return p != "." && path.Dir(p) == o.name }
	for p, f := range o.m.files {
		if inDir(p) {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{f.name, f.size, false}))
		}
	}
	for p := range o.m.dirs {
		if inDir(p) {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{path.Base(p), 0, true}))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
