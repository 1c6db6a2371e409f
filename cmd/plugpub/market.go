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
	var appID string
	c := &cobra.Command{
		Use:   "order PLUGIN [--app APPID]",
		Short: "Order a listed plugin (订购) as the acting consumer",
		Long: `Order a listed plugin for one of your mini programs (plugpub app list);
with only one, --app may be left out. A plugin whose info asks 订购审核 需审核
starts 申请中 (pending) until its owner approves or refuses it.`,
		Args: argsNamed("PLUGIN"),
	}
	c.Flags().StringVar(&appID, "app", "", "the appId of the mini program to order for")
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := pluginArg(args[0])
		if err != nil {
			return err
		}
		if appID != "" {
			if err := workflow.ValidateAppID(appID); err != nil {
				return invalidf("%v", err)
			}
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			o, err := svc.OrderFor(ctx, as, id, appID)
			if err != nil {
				return err
			}
			return a.print(o, func(w io.Writer) error {
				if o.AppID == "" {
					line(w, "%s ordered plugin %s (submission %d) at %s", o.Consumer, o.PluginID, o.SubmissionID, when(o.At))
				} else {
					line(w, "%s ordered plugin %s for mini program %s: order %d is %s", o.Consumer, o.PluginID, o.AppID, o.ID, orderState(o.State))
				}
				return nil
			})
		})
	})
	return c
}

func (a *app) marketOrdersCmd() *cobra.Command {
	return a.paged(&cobra.Command{
		Use:   "orders",
		Short: "List the acting consumer's orders",
		Long:  "我的订购: your orders across plugins, newest first, with state and reason.",
	}, func(ctx context.Context, svc *workflow.Service, as string, p workflow.Page) error {
		t := newTable("ID", "PLUGIN", "TITLE", "VERSION", "APPID", "STATE", "ORDERED", "REASON").clip(2).wrapLast(a.termWidth())
		return listed(a, t, func(r workflow.OrderRow) []string {
			return []string{id64(r.ID), r.PluginID, r.Title, r.Version, dash(r.AppID), orderState(r.State), when(r.At), dash(r.Reason)}
		})(svc.MyOrders(ctx, as, "", p))
	})
}
