//go:build unix

package project_test

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe where a component should be would block a plain read
// forever; it is refused instead.
func TestReadNamedPipe(t *testing.T) {
	dir := write(t, map[string]string{"plugin.json": `{"publicComponents": {"a": "a"}}`})
	if err := syscall.Mkfifo(filepath.Join(dir, "a.js"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	checkBroken(t, dir, filepath.Join(dir, "a.js")+": is not a regular file")
}
