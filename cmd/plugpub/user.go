package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) userAddCmd() *cobra.Command {
	var roles []string
	var buyer, keyArg string
	c := &cobra.Command{
		Use:   "add NAME --role developer|reviewer|consumer|admin[,…] [--buyer personal|enterprise] [--key KEY]",
		Short: "Add a user with one or more roles",
		Long: `Add a local user. A developer owns plugins and submits them, a reviewer
approves or rejects submissions (never their own), a consumer orders plugins
on the market as a personal (default) or enterprise buyer, an admin manages
users and their keys. --key binds the SSH key they connect to plugpub serve
with (an authorized_keys line or a .pub file, as user key add takes).

Nobody needs to be logged in to add a user on the database file: whoever can
write it is trusted (the superuser). Over plugpub serve, only an admin may.`,
		Args: argsNamed("NAME"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		var rs []workflow.Role
		for _, r := range roles {
			role, err := workflow.ParseRole(strings.TrimSpace(r))
			if err != nil {
				return err
			}
			rs = append(rs, role)
		}
		var b workflow.Buyer
		if buyer != "" {
			var err error
			if b, err = workflow.ParseBuyer(buyer); err != nil {
				return err
			}
		}
		var key string
		if keyArg != "" { // read and checked before the user is added
			text, err := a.readKeyArg(keyArg)
			if err != nil {
				return err
			}
			if _, err := workflow.ParseKey(text); err != nil {
				return err
			}
			key = text
		}
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			var u workflow.User
			var k *workflow.Key
			var err error
			if key == "" {
				u, err = svc.AddUserAs(ctx, a.manager(), args[0], rs, b)
			} else { // one transaction: a refused key adds no user
				var added workflow.Key
				u, added, err = svc.AddUserWithKey(ctx, a.manager(), args[0], rs, b, key)
				k = &added
			}
			if err != nil {
				return err
			}
			out := struct {
				workflow.User
				Key *workflow.Key `json:"key,omitempty"`
			}{u, k}
			return a.print(out, func(w io.Writer) error {
				line(w, "added user %s (%s)", u.Name, u.Description())
				if k != nil {
					line(w, "added key %s (%s) to user %s", k.Fingerprint, k.Type, k.User)
				}
				return nil
			})
		})
	})
	c.Flags().StringSliceVar(&roles, "role", nil, "roles, comma-separated: developer, reviewer, consumer, admin")
	c.Flags().StringVar(&keyArg, "key", "", "an SSH public key for plugpub serve: an authorized_keys line or a .pub file")
	c.Flags().StringVar(&buyer, "buyer", "", "for a consumer: personal (default) or enterprise")
	_ = c.MarkFlagRequired("role")
	return c
}

// userListCmd needs no acting user: anyone may see who exists.
func (a *app) userListCmd() *cobra.Command {
	c := &cobra.Command{Use: "list", Short: "List users by name", Args: argsNamed()}
	pg := addPaging(c)
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		p, err := pg.page()
		if err != nil {
			return err
		}
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			return listed(a, newTable("NAME", "ROLES", "BUYER"), func(u workflow.User) []string {
				return []string{u.Name, u.RoleList(), string(u.Buyer)}
			})(svc.UsersAs(ctx, a.manager(), p))
		})
	})
	return c
}

func describeUser(u workflow.User) string {
	s := u.RoleList()
	if u.Buyer != workflow.BuyerNone {
		s += ", " + string(u.Buyer) + " buyer"
	}
	return s
}
