package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// manager is who manages users and keys on this command line. Locally
// that is the superuser: whoever can write the database file is trusted,
// as before keys existed (the bootstrap of plugpub serve's first admin).
func (a *app) manager() string {
	if a.remote != nil {
		return a.remote.user
	}
	return workflow.Superuser
}

func (a *app) userKeyAddCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "add NAME KEY",
		Short: "Bind a public key to a user: KEY is an authorized_keys line or the path of a .pub file",
		Long: `Bind a public key to a user. Over plugpub serve, the key a person connects
with is who they are; a key belongs to one user. KEY is an authorized_keys
line ("ssh-ed25519 AAAA… name", quoted) or the path of a .pub file. DSA keys,
RSA keys under 2048 bits and certificates are refused.`,
		Args: argsNamed("NAME", "KEY"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			k, err := a.addKey(ctx, svc, args[0], args[1])
			if err != nil {
				return err
			}
			return a.print(k, func(w io.Writer) error {
				line(w, "added key %s (%s) to user %s", k.Fingerprint, k.Type, k.User)
				return nil
			})
		})
	})
	return c
}

// addKey reads KEY (a line or a .pub file) and binds it to name.
func (a *app) addKey(ctx context.Context, svc *workflow.Service, name, arg string) (workflow.Key, error) {
	text, err := a.readKeyArg(arg)
	if err != nil {
		return workflow.Key{}, err
	}
	return svc.AddKey(ctx, a.manager(), name, text)
}

func (a *app) userKeyListCmd() *cobra.Command {
	c := &cobra.Command{Use: "list NAME", Short: "List a user's keys, oldest first, with their fingerprints", Args: argsNamed("NAME")}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			ks, err := svc.Keys(ctx, a.manager(), args[0])
			if err != nil {
				return err
			}
			return a.print(nonNil(ks), func(w io.Writer) error {
				t := newTable("FINGERPRINT", "TYPE", "COMMENT", "ADDED")
				for _, k := range ks {
					t.row(k.Fingerprint, k.Type, k.Comment, when(k.AddedAt))
				}
				return t.render(w)
			})
		})
	})
	return c
}

func (a *app) userKeyRemoveCmd() *cobra.Command {
	c := &cobra.Command{Use: "remove NAME FINGERPRINT", Short: "Unbind a key (SHA256:…, as user key list shows it) from a user", Args: argsNamed("NAME", "FINGERPRINT")}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			if err := svc.RemoveKey(ctx, a.manager(), args[0], args[1]); err != nil {
				return err
			}
			return a.print(map[string]string{"user": args[0], "removed": args[1]}, func(w io.Writer) error {
				line(w, "removed key %s from user %s", args[1], args[0])
				return nil
			})
		})
	})
	return c
}
