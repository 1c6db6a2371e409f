package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// Orders for a mini program (issue 15): a consumer's mini programs (app),
// 使用者管理 of a plugin's owner (orders, order approve/refuse), and the
// buyer's 取消 / 退订 (order cancel).

func (a *app) appAddCmd() *cobra.Command {
	var name string
	c := a.acts(&cobra.Command{
		Use:   "add APPID --name NAME",
		Short: "Register a mini program of yours by its 16-digit appId",
	}, func(_ *cobra.Command, args []string) (actFunc, error) {
		if err := workflow.ValidateAppID(args[0]); err != nil {
			return nil, invalidf("%v", err)
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			return then(func(ap workflow.App) error {
				return a.print(ap, func(w io.Writer) error {
					line(w, "%s registered mini program %s (%s)", ap.Owner, ap.AppID, ap.Name)
					return nil
				})
			})(svc.AddApp(ctx, as, args[0], name))
		}, nil
	})
	requiredString(c, &name, "name", "", "the mini program's name (required)")
	return c
}

func (a *app) appListCmd() *cobra.Command {
	return a.acts(&cobra.Command{
		Use:   "list",
		Short: "List your mini programs",
	}, func(_ *cobra.Command, _ []string) (actFunc, error) {
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			return listed(a, newTable("APPID", "NAME", "ADDED"), func(ap workflow.App) []string {
				return []string{ap.AppID, ap.Name, when(ap.CreatedAt)}
			})(svc.Apps(ctx, as))
		}, nil
	})
}

// ordersCmd is 使用者管理 on the command line: every order of a plugin.
func (a *app) ordersCmd() *cobra.Command {
	var st string
	var pg *paging
	c := a.readsOnPlugin(&cobra.Command{
		Use:   "orders PLUGIN [--state STATE]",
		Short: "A plugin's orders (使用者管理), newest first, with counts per state: its owner or a reviewer",
	}, func(_ *cobra.Command, id string) (actFunc, error) {
		p, err := pg.page()
		if err != nil {
			return nil, err
		}
		var want workflow.OrderState
		if st != "" {
			if want, err = workflow.ParseOrderState(st); err != nil {
				return nil, invalidf("%v", err)
			}
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			rs, err := svc.PluginOrders(ctx, as, id, want, p)
			if err != nil {
				return err
			}
			counts, err := svc.OrderCounts(ctx, as, id)
			if err != nil {
				return err
			}
			return a.print(nonNil(rs), func(w io.Writer) error {
				line(w, "%s", orderCounts(counts))
				switch {
				case len(rs) > 0:
				case want == "":
					line(w, "plugin %s has no orders yet", id)
					return nil
				default:
					line(w, "no order of plugin %s is %s", id, orderState(want))
					return nil
				}
				t := newTable("ID", "ORDERED BY", "APPID", "MINI PROGRAM", "VERSION", "STATE", "ORDERED", "REASON").clip(3).wrapLast(a.termWidth())
				for _, r := range rs {
					t.row(id64(r.ID), r.Consumer, dash(r.AppID), dash(r.AppName), r.Version, orderState(r.State), when(r.At), dash(r.Reason))
				}
				return t.render(w)
			})
		}, nil
	})
	pg = addPaging(c)
	c.Flags().StringVar(&st, "state", "", "only orders in this state: pending, approved, refused, expired or cancelled (or 申请中 已通过 已拒绝 已超时 已取消)")
	return c
}

// onOrder is acts for a command whose argument is an order id: it prints
// the order act returns.
func (a *app) onOrder(c *cobra.Command, act func(ctx context.Context, svc *workflow.Service, as string, id int64) (workflow.Order, error)) *cobra.Command {
	return a.acts(c, func(_ *cobra.Command, args []string) (actFunc, error) {
		id, err := orderArg(args[0])
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			return then(func(o workflow.Order) error {
				return a.print(o, func(w io.Writer) error {
					line(w, "order %d of plugin %s is now %s", o.ID, o.PluginID, orderState(o.State))
					return nil
				})
			})(act(ctx, svc, as, id))
		}, nil
	})
}

func (a *app) orderApproveCmd() *cobra.Command {
	return a.onOrder(&cobra.Command{
		Use:   "approve ORDER",
		Short: "Approve a pending order of your plugin (已通过); 可订购人群 is checked again",
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) (workflow.Order, error) {
		return svc.ApproveOrder(ctx, as, id, workflow.AnyRev)
	})
}

func (a *app) orderRefuseCmd() *cobra.Command {
	var reason string
	c := a.onOrder(&cobra.Command{
		Use:   "refuse ORDER --reason TEXT",
		Short: "Refuse a pending order of your plugin with a reason for the buyer (已拒绝)",
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) (workflow.Order, error) {
		return svc.RefuseOrder(ctx, as, id, workflow.AnyRev, reason)
	})
	requiredString(c, &reason, "reason", "", "why, shown to the buyer in 我的订购 (required)")
	return c
}

func (a *app) orderCancelCmd() *cobra.Command {
	return a.onOrder(&cobra.Command{
		Use:   "cancel ORDER",
		Short: "Cancel your pending order (已取消), or end a live one (退订)",
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) (workflow.Order, error) {
		return svc.CancelOrder(ctx, as, id, workflow.AnyRev)
	})
}

func orderArg(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, invalidf("order id %q must be a positive number, as plugpub orders or market orders show it", s)
	}
	return n, nil
}

// orderState is an order state's Chinese word and its code.
func orderState(st workflow.OrderState) string {
	return workflow.OrderLabel(st) + " " + string(st)
}

// orderCounts is 使用者管理's header: how many orders are in each state.
func orderCounts(n map[workflow.OrderState]int) string {
	parts := make([]string, len(workflow.OrderStates))
	for i, st := range workflow.OrderStates {
		parts[i] = fmt.Sprintf("%s %d", workflow.OrderLabel(st), n[st])
	}
	return strings.Join(parts, " · ")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
