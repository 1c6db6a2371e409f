package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) logCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "log PLUGIN",
		Short: "Every event of a plugin, oldest first: when, who, action, from → to, reason",
		Args:  argsNamed("PLUGIN"),
	}
	pg := addPaging(c)
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := pluginArg(args[0])
		if err != nil {
			return err
		}
		p, err := pg.page()
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			es, err := svc.Log(ctx, as, id, p)
			if err != nil {
				return err
			}
			return a.print(nonNil(es), func(w io.Writer) error {
				t := newTable("WHEN", "WHO", "ACTION", "ON", "FROM → TO", "REASON").wrapLast(a.termWidth())
				for _, e := range es {
					t.row(when(e.At), e.Actor, action(e.Action), eventSubject(e), fromTo(e), e.Reason)
				}
				return t.render(w)
			})
		})
	})
	return c
}

func eventSubject(e workflow.Event) string {
	if e.Key == "" {
		return string(e.Entity)
	}
	return string(e.Entity) + " " + e.Key
}

func fromTo(e workflow.Event) string {
	from := e.From
	if from == "" {
		from = "·"
	}
	return from + " → " + e.To
}
