package main

import (
	"context"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) reviewCmd() *cobra.Command {
	return group(&cobra.Command{Use: "review", Short: "Review submissions (reviewer; 插件中心审核)"},
		a.reviewListCmd(), a.reviewApproveCmd(), a.reviewRejectCmd())
}

func (a *app) reviewListCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "list",
		Short: "The review queue, earliest due first; overdue ones are marked",
		Args:  argsNamed(),
	}
	pg := addPaging(c)
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		p, err := pg.page()
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			ss, err := svc.ReviewQueue(ctx, as, p)
			if err != nil {
				return err
			}
			now := svc.Now()
			return a.print(toSubmissionsJSON(ss, now), func(w io.Writer) error {
				t := newTable("ID", "PLUGIN", "VERSION", "SUBMITTED BY", "SUBMITTED", "DUE")
				for _, s := range ss {
					t.row(id64(s.ID), s.PluginID, s.Version, s.SubmittedBy, when(s.SubmittedAt), due(s, now))
				}
				return t.render(w)
			})
		})
	})
	return c
}

func (a *app) reviewApproveCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "approve SUBMISSION",
		Short: "Approve a submission (审核通过); not one you submitted",
		Args:  argsNamed("SUBMISSION"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := submissionArg(args[0])
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			s, err := svc.Approve(ctx, as, id, workflow.AnyRev)
			if err != nil {
				return err
			}
			return a.printSubmission(s, svc.Now(), "approved")
		})
	})
	return c
}

func (a *app) reviewRejectCmd() *cobra.Command {
	var reason string
	c := &cobra.Command{
		Use:   "reject SUBMISSION --reason TEXT",
		Short: "Reject a submission with a reason for the developer (审核驳回)",
		Args:  argsNamed("SUBMISSION"),
	}
	c.RunE = a.run(func(cmd *cobra.Command, args []string) error {
		id, err := submissionArg(args[0])
		if err != nil {
			return err
		}
		return a.acting(cmd, func(ctx context.Context, svc *workflow.Service, as string) error {
			s, err := svc.Reject(ctx, as, id, reason, workflow.AnyRev)
			if err != nil {
				return err
			}
			return a.printSubmission(s, svc.Now(), "rejected")
		})
	})
	c.Flags().StringVar(&reason, "reason", "", "why, shown to the developer in 发布管理 (required)")
	_ = c.MarkFlagRequired("reason")
	return c
}

func submissionArg(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, invalidf("submission id %q must be a positive number, as plugpub submissions or review list show it", s)
	}
	return n, nil
}

func id64(n int64) string { return strconv.FormatInt(n, 10) }
