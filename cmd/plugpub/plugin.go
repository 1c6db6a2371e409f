package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) pluginCmd() *cobra.Command {
	return group(&cobra.Command{Use: "plugin", Short: "Create and list plugins"},
		a.pluginCreateCmd(), a.pluginListCmd())
}

func (a *app) pluginCreateCmd() *cobra.Command {
	var name string
	c := &cobra.Command{
		Use:   "create ID --name NAME",
		Short: "Register a plugin owned by the acting user (a developer)",
		Args:  argsNamed("ID"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := pluginArg(args[0])
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			p, err := svc.CreatePlugin(ctx, as, id, name)
			if err != nil {
				return err
			}
			return a.print(p, func(w io.Writer) error {
				line(w, "created plugin %s %s (owner %s)", p.ID, p.Name, p.Owner)
				line(w, "next: plugpub version add %s 1.0.0", p.ID)
				return nil
			})
		})
	})
	c.Flags().StringVar(&name, "name", "", "the plugin's name (1–40 characters)")
	_ = c.MarkFlagRequired("name")
	return c
}

func (a *app) pluginListCmd() *cobra.Command {
	var filter string
	c := &cobra.Command{
		Use:   "list [--filter S]",
		Short: "List your plugins (a reviewer sees all)",
		Args:  argsNamed(),
	}
	pg := addPaging(c)
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		p, err := pg.page()
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			ps, err := svc.Plugins(ctx, as, filter, p)
			if err != nil {
				return err
			}
			return a.print(nonNil(ps), func(w io.Writer) error {
				t := newTable("ID", "NAME", "OWNER", "ONLINE", "LATEST SUBMISSION", "MARKET").clip(1)
				for _, p := range ps {
					t.row(p.ID, p.Name, p.Owner, p.Online, state(p.Latest), state(p.Listing))
				}
				return t.render(w)
			})
		})
	})
	c.Flags().StringVar(&filter, "filter", "", "only plugins whose id or name contains this")
	return c
}
