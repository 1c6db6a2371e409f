//go:build unix

package sqlite

import "syscall"

// writable asks the kernel whether this process may write the file, without
// opening it: SQLite quietly opens a read-only file read-only, and in WAL
// mode nothing fails until the first write.
func writable(abs string) error {
	const wOK = 2
	return syscall.Access(abs, wOK)
}
