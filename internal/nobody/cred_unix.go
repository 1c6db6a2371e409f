//go:build unix

package nobody

import (
	"os/exec"
	"syscall"
)

// Cred is the credential to start a process with so that file permissions
// apply to it: nobody's as root, nil (the caller's own) otherwise.
func Cred() *syscall.Credential {
	if !Root() {
		return nil
	}
	return &syscall.Credential{Uid: ID, Gid: ID}
}

// As makes cmd run as nobody when this process is root.
func As(cmd *exec.Cmd) *exec.Cmd {
	if c := Cred(); c != nil {
		if cmd.SysProcAttr == nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{}
		}
		cmd.SysProcAttr.Credential = c
	}
	return cmd
}
