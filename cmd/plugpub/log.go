package main

import (
	"context"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) logCmd() *cobra.Command {
	return a.pagedOnPlugin(&cobra.Command{
		Use:   "log PLUGIN",
		Short: "Every event of a plugin, oldest first: when, who, action, from → to, reason",
	}, func(ctx context.Context, svc *workflow.Service, as, id string, p workflow.Page) error {
		return listed(a, newTable("WHEN", "WHO", "ACTION", "ON", "FROM → TO", "REASON").wrapLast(a.termWidth()),
			func(e workflow.Event) []string {
				return []string{when(e.At), e.Actor, action(e.Action), eventSubject(e), fromTo(e), e.Reason}
			})(svc.Log(ctx, as, id, p))
	})
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
