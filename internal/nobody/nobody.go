// Package nobody lets a test that runs as root (as CI does) check what an
// ordinary user meets: root reads and writes read-only files and folders
// anyway, so a refusal is only seen from another account, nobody (uid
// 65534). Whatever that account runs and reads must be reachable by it,
// and the system's temporary folder may not be: t.TempDir makes folders
// only their owner may enter, and on some systems /tmp itself is 0700.
package nobody

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// ID is nobody's uid and gid.
const ID = 65534

// Root reports whether the process runs as root, where a check of
// permissions must run as nobody.
func Root() bool { return os.Geteuid() == 0 }

// Base is a folder under which nobody can reach what is made: the system's
// temporary folder when every folder above it lets others through, else
// /var/tmp when that does, else the temporary folder all the same (the
// checks then fail and say where).
func Base() string {
	for _, d := range []string{os.TempDir(), "/var/tmp"} {
		if traversable(d) {
			return d
		}
	}
	return os.TempDir()
}

// traversable reports whether others may pass through dir and every folder
// above it.
func traversable(dir string) bool {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		fi, err := os.Stat(dir)
		if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return true
		}
		dir = parent
	}
}

// MkdirTemp makes a folder under Base that anyone may enter (0755), for
// use outside a test (TestMain); the caller removes it.
func MkdirTemp(pattern string) (string, error) {
	dir, err := os.MkdirTemp(Base(), pattern)
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// TempDir is MkdirTemp for a test: removed when it ends, whatever the
// test made read-only inside it.
func TempDir(t testing.TB) string {
	t.Helper()
	dir, err := MkdirTemp("plugpub-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o700)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	return dir
}

// Give makes nobody the owner of path as root, so that its own permission
// bits are what decide; otherwise it does nothing.
func Give(t testing.TB, path string) {
	t.Helper()
	if !Root() {
		return
	}
	if err := os.Chown(path, ID, ID); err != nil {
		t.Fatal(err)
	}
}

// Executable is a copy of the running test binary that nobody can run,
// in a folder of dir's: the go tool builds test binaries in folders only
// their owner may enter.
func Executable(t testing.TB, dir string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	path := filepath.Join(dir, filepath.Base(self))
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
