//go:build !unix

package nobody

import "os/exec"

// As leaves cmd as it is: only Unix has root and nobody.
func As(cmd *exec.Cmd) *exec.Cmd { return cmd }
