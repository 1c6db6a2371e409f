package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) userCmd() *cobra.Command {
	return group(&cobra.Command{Use: "user", Short: "Add and list local users"},
		a.userAddCmd(), a.userListCmd())
}

func (a *app) userAddCmd() *cobra.Command {
	var roles []string
	var buyer string
	c := &cobra.Command{
		Use:   "add NAME --role developer|reviewer|consumer[,…] [--buyer personal|enterprise]",
		Short: "Add a user with one or more roles",
		Long: `Add a local user. A developer owns plugins and submits them, a reviewer
approves or rejects submissions (never their own), a consumer orders plugins
on the market as a personal (default) or enterprise buyer.

Nobody needs to be logged in to add a user: identity is advisory, and whoever
can write the database file is trusted.`,
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
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			return then(func(u workflow.User) error {
				return a.print(u, func(w io.Writer) error {
					line(w, "added user %s (%s)", u.Name, describeUser(u))
					return nil
				})
			})(svc.AddUser(ctx, args[0], rs, b))
		})
	})
	c.Flags().StringSliceVar(&roles, "role", nil, "roles, comma-separated: developer, reviewer, consumer")
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
			us, err := svc.Users(ctx, p)
			if err != nil {
				return err
			}
			return printRows(a, nonNil(us), newTable("NAME", "ROLES", "BUYER"), us, func(u workflow.User) []string {
				return []string{u.Name, u.RoleList(), string(u.Buyer)}
			})
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
