package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"plugpub/workflow"
	"plugpub/workflow/guidedoc"
)

func (a *app) marketCmd() *cobra.Command {
	return group(&cobra.Command{Use: "market", Short: "Find, view and order listed plugins (服务市场)"},
		a.marketSearchCmd(), a.marketViewCmd(), a.marketOrderCmd(), a.marketOrdersCmd())
}

func (a *app) marketSearchCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search shown listings by title, intro and description",
		Long: `Search the market. A part of a word is enough, Chinese included (车牌 finds
小程序OCR车牌号识别插件). Hidden listings (隐藏) are never found. Several
words (arguments, or words separated by spaces) must all be there: 北京 天气
finds a plugin that has both.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("%s: missing QUERY", cmd.CommandPath())
			}
			return nil
		},
	}
	pg := addPaging(c)
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		p, err := pg.page()
		if err != nil {
			return err
		}
		q := strings.Join(args, " ")
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			es, err := svc.Search(ctx, q, p)
			if err != nil {
				return err
			}
			return a.print(nonNil(es), func(w io.Writer) error {
				if len(es) == 0 {
					line(w, "no listing on the market matches %q", q)
					return nil
				}
				t := newTable("PLUGIN", "TITLE", "INTRO", "可订购人群", "LISTED").clip(1, 2)
				for _, e := range es {
					t.row(e.PluginID, e.Title, e.Intro, e.Buyers, when(e.ListedAt))
				}
				return t.render(w)
			})
		})
	})
	return c
}

func (a *app) marketViewCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "view PLUGIN",
		Short: "The order page (订购页): the listed plugin's info and integration guide",
		Args:  argsNamed("PLUGIN"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := pluginArg(args[0])
		if err != nil {
			return err
		}
		return a.withService(cmd, func(ctx context.Context, svc *workflow.Service) error {
			mp, err := svc.MarketPage(ctx, id)
			if err != nil {
				return err
			}
			return a.print(mp, func(w io.Writer) error { return renderMarketPage(w, mp) })
		})
	})
	return c
}

// renderMarketPage writes the 订购页 as text: guidedoc's one model of the
// page, drawn for a terminal of unknown width, with the listing it comes
// from and how to order it.
func renderMarketPage(w io.Writer, mp workflow.MarketPage) error {
	if mp.Submission.Snapshot == nil {
		return fmt.Errorf("the listed submission %d of plugin %s has no snapshot", mp.Submission.ID, mp.Plugin.ID)
	}
	d := *mp.Submission.Snapshot
	meta := guidedoc.Meta{
		PluginID: mp.Plugin.ID, PluginName: mp.Plugin.Name, Owner: mp.Plugin.Owner,
		Source: fmt.Sprintf("版本 %s · 上架 %s · %s", mp.Submission.Version, when(mp.Listing.ListedAt), state(mp.Listing.Visibility)),
	}
	if _, err := io.WriteString(w, guidedoc.NewPage(meta, d, guidedoc.SampleCode(mp.Plugin.ID, d.Guide)).Text()); err != nil {
		return err
	}
	line(w, "")
	if mp.VersionOffline {
		line(w, "版本 %s 已下线 offline: ordering is refused until a newer version is listed", mp.Submission.Version)
	}
	line(w, "订购: plugpub market order %s", mp.Plugin.ID)
	return nil
}

func (a *app) marketOrderCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "order PLUGIN",
		Short: "Order a listed plugin (订购) as the acting consumer",
		Args:  argsNamed("PLUGIN"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := pluginArg(args[0])
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			o, err := svc.Order(ctx, as, id)
			if err != nil {
				return err
			}
			return a.print(o, func(w io.Writer) error {
				line(w, "%s ordered plugin %s (submission %d) at %s", o.Consumer, o.PluginID, o.SubmissionID, when(o.At))
				return nil
			})
		})
	})
	return c
}

func (a *app) marketOrdersCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "orders",
		Short: "List the acting consumer's orders",
		Args:  argsNamed(),
	}
	pg := addPaging(c)
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		p, err := pg.page()
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			orders, err := svc.Orders(ctx, as, p)
			if err != nil {
				return err
			}
			return a.print(nonNil(orders), func(w io.Writer) error {
				t := newTable("PLUGIN", "SUBMISSION", "ORDERED")
				for _, o := range orders {
					t.row(o.PluginID, id64(o.SubmissionID), when(o.At))
				}
				return t.render(w)
			})
		})
	})
	return c
}
