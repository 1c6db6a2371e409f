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

// renderMarketPage draws the 订购页 as text, in the order of the web page:
// the info, then components, pages, APIs and the instructions.
func renderMarketPage(w io.Writer, mp workflow.MarketPage) error {
	if mp.Submission.Snapshot == nil {
		return fmt.Errorf("the listed submission %d of plugin %s has no snapshot", mp.Submission.ID, mp.Plugin.ID)
	}
	d := *mp.Submission.Snapshot
	in := d.Info
	line(w, "%s", in.Title)
	line(w, "%s", in.Intro)
	line(w, "")
	line(w, "插件 ID    %s (%s, by %s)", mp.Plugin.ID, mp.Plugin.Name, mp.Plugin.Owner)
	line(w, "版本       %s, listed %s, %s", mp.Submission.Version, when(mp.Listing.ListedAt), state(mp.Listing.Visibility))
	if mp.VersionOffline {
		line(w, "           版本 %s 已下线 offline: ordering is refused until a newer version is listed", mp.Submission.Version)
	}
	line(w, "功能类型   %s", strings.Join(in.Abilities, " "))
	line(w, "可订购人群 %s", in.Buyers)
	if in.Logo != "" {
		line(w, "Logo       %s", in.Logo)
	}
	if in.PCURL != "" {
		line(w, "PC端url    %s", in.PCURL)
	}
	line(w, "客服联系   %s", in.Contact)
	section(w, "服务描述", in.Description)
	section(w, "接入玩法", in.Usage)
	section(w, "案例介绍", in.Cases)

	g := d.Guide
	for _, c := range g.Components {
		line(w, "")
		line(w, "组件 %s", c.Name)
		indented(w, c.Description)
		if len(c.Props) > 0 {
			t := docTable("属性", "类型", "必填", "默认值", "描述")
			for _, p := range c.Props {
				t.row(p.Name, p.Type, guidedoc.YesNo(p.Required), p.Default, p.Description)
			}
			if err := renderIndented(w, t); err != nil {
				return err
			}
		}
		if len(c.Events) > 0 {
			t := docTable("事件", "描述")
			for _, e := range c.Events {
				t.row(e.Name, e.Description)
			}
			if err := renderIndented(w, t); err != nil {
				return err
			}
		}
	}
	for _, p := range g.Pages {
		line(w, "")
		line(w, "页面 %s  %s", p.Name, p.Path)
		indented(w, p.Description)
		if err := paramTable(w, "参数", p.Params); err != nil {
			return err
		}
	}
	for _, api := range g.APIs {
		line(w, "")
		line(w, "接口 %s", api.Name)
		indented(w, api.Description)
		if err := paramTable(w, "入参", api.Inputs); err != nil {
			return err
		}
		if err := paramTable(w, "出参", api.Outputs); err != nil {
			return err
		}
	}
	section(w, "接入说明与示例代码", g.Instructions)
	line(w, "")
	line(w, "订购: plugpub market order %s", mp.Plugin.ID)
	return nil
}

// docTable is a table for the detail page, which is for reading in full:
// nothing is truncated, and the last column (the description) may wrap.
func docTable(head ...string) *table {
	t := newTable(head...)
	t.sep, t.max = " | ", 0
	return t
}

func paramTable(w io.Writer, what string, ps []workflow.Param) error {
	if len(ps) == 0 {
		return nil
	}
	t := docTable(what, "类型", "必填", "描述")
	for _, p := range ps {
		t.row(p.Name, p.Type, guidedoc.YesNo(p.Required), p.Description)
	}
	return renderIndented(w, t)
}

func renderIndented(w io.Writer, t *table) error {
	var b strings.Builder
	if err := t.render(&b); err != nil {
		return err
	}
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if _, err := fmt.Fprintln(w, "  "+l); err != nil {
			return err
		}
	}
	return nil
}

func section(w io.Writer, title, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	line(w, "")
	line(w, "%s", title)
	indented(w, text)
}

// indented prints untrusted multi-line text, two spaces in.
func indented(w io.Writer, text string) {
	text = strings.TrimRight(workflow.Sanitize(text), "\n ")
	if text == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		fmt.Fprintln(w, strings.TrimRight("  "+l, " "))
	}
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
