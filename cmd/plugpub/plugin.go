package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) pluginCreateCmd() *cobra.Command {
	var name string
	c := a.onPlugin(&cobra.Command{
		Use:   "create ID --name NAME",
		Short: "Register a plugin owned by the acting user (a developer)",
	}, func(ctx context.Context, svc *workflow.Service, as, id string) error {
		return then(func(p workflow.Plugin) error {
			return a.print(p, func(w io.Writer) error {
				line(w, "created plugin %s %s (owner %s)", p.ID, p.Name, p.Owner)
				line(w, "next: plugpub version add %s 1.0.0", p.ID)
				return nil
			})
		})(svc.CreatePlugin(ctx, as, id, name))
	})
	requiredString(c, &name, "name", "", "the plugin's name (1–40 characters)")
	return c
}

func (a *app) pluginListCmd() *cobra.Command {
	var filter string
	c := a.paged(&cobra.Command{
		Use:   "list [--filter S]",
		Short: "List your plugins (a reviewer sees all)",
	}, func(ctx context.Context, svc *workflow.Service, as string, p workflow.Page) error {
		return listed(a, newTable("ID", "NAME", "OWNER", "ONLINE", "LATEST SUBMISSION", "MARKET").clip(1),
			func(p workflow.PluginSummary) []string {
				return []string{p.ID, p.Name, p.Owner, p.Online, state(p.Latest), state(p.Listing)}
			})(svc.Plugins(ctx, as, filter, p))
	})
	c.Flags().StringVar(&filter, "filter", "", "only plugins whose id or name contains this")
	return c
}
