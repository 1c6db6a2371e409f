// Command plugpub is a terminal console for publishing mini-program plugins
// to a service market. See README.md for the flow and the command reference.
package main

import (
	"context"
	"os"
)

func main() {
	prog := "plugpub"
	if len(os.Args) > 0 {
		prog = os.Args[0]
	}
	os.Exit(executeAs(context.Background(), prog, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
