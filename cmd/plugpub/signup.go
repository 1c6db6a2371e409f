package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// The caller of a tree plugpub serve builds for an SSH session: the
// authorized_keys line of the key that completed authentication
// (app.callerKey) and the server's one signup limiter (app.signups).
// Locally both are empty, and signup refuses: a local user has no key.

func (a *app) signupCmd() *cobra.Command {
	var buyer string
	c := &cobra.Command{
		Use:   "signup NAME [--buyer personal|enterprise]",
		Short: "Over SSH: register the key you connect with as a new consumer NAME",
		Long: `Register yourself on a plugpub server as a consumer (a buyer on the market),
bound to the SSH key you connect with: ssh -p PORT HOST signup NAME. The
name is 1–64 letters, digits or _ . @ -, and must be free; a key signs up
once. The server takes a bounded number of signups a minute and an hour.
Developer, reviewer and admin roles are given by an admin.

Locally there is no key to bind: add users with plugpub user add.`,
		Args: argsNamed("NAME"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		if a.callerKey == "" {
			return usagef("signup is done over SSH with the key that will be yours: ssh -p PORT HOST signup %s; locally, plugpub user add %s --role consumer", args[0], args[0])
		}
		var b workflow.Buyer
		if buyer != "" {
			var err error
			if b, err = workflow.ParseBuyer(buyer); err != nil {
				return err
			}
		}
		k, err := workflow.ParseKey(a.callerKey)
		if err != nil {
			return err
		}
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			u, err := svc.Signup(ctx, a.signups, k, args[0], b)
			if err != nil {
				return err
			}
			out := struct {
				workflow.User
				Fingerprint string `json:"fingerprint"`
			}{u, k.Fingerprint}
			return a.print(out, func(w io.Writer) error {
				line(w, "signed up %s (%s), bound to the key %s", u.Name, u.Description(), k.Fingerprint)
				line(w, "connect again with this key to open the console as %s", u.Name)
				return nil
			})
		})
	})
	c.Flags().StringVar(&buyer, "buyer", "", "the kind of buyer you are: personal (default) or enterprise")
	return c
}
