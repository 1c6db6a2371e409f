package main

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

func (a *app) reviewCmd() *cobra.Command {
	return group(&cobra.Command{Use: "review", Short: "Review submissions (reviewer; 插件中心审核)"},
		a.reviewListCmd(), a.reviewApproveCmd(), a.reviewRejectCmd())
}

func (a *app) reviewListCmd() *cobra.Command {
	return a.paged(&cobra.Command{
		Use:   "list",
		Short: "The review queue, earliest due first; overdue ones are marked",
		Args:  argsNamed(),
	}, func(ctx context.Context, svc *workflow.Service, as string, p workflow.Page) error {
		ss, err := svc.ReviewQueue(ctx, as, p)
		if err != nil {
			return err
		}
		now := svc.Now()
		return a.printSubmissions(ss, now, newTable("ID", "PLUGIN", "VERSION", "SUBMITTED BY", "SUBMITTED", "DUE"), func(s workflow.Submission) []string {
			return []string{id64(s.ID), s.PluginID, s.Version, s.SubmittedBy, when(s.SubmittedAt), due(s, now)}
		})
	})
}

func (a *app) reviewApproveCmd() *cobra.Command {
	return a.onSubmission(&cobra.Command{
		Use:   "approve SUBMISSION",
		Short: "Approve a submission (审核通过); not one you submitted",
		Args:  argsNamed("SUBMISSION"),
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) error {
		return then(a.submissionPrinter(svc, "approved"))(svc.Approve(ctx, as, id, workflow.AnyRev))
	})
}

func (a *app) reviewRejectCmd() *cobra.Command {
	var reason string
	c := a.onSubmission(&cobra.Command{
		Use:   "reject SUBMISSION --reason TEXT",
		Short: "Reject a submission with a reason for the developer (审核驳回)",
		Args:  argsNamed("SUBMISSION"),
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) error {
		return then(a.submissionPrinter(svc, "rejected"))(svc.Reject(ctx, as, id, reason, workflow.AnyRev))
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
