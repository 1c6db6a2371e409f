package main

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
	"plugpub/workflow/textfmt"
)

func (a *app) reviewListCmd() *cobra.Command {
	var qf workflow.QueueFilter
	c := a.paged(&cobra.Command{
		Use:   "list",
		Short: "The review queue, earliest due first; overdue ones are marked",
		Long: `The review queue, earliest due first; overdue ones are marked, and
CLAIMED BY is who holds a live claim (认领; a claim lapses after 2 hours).
--mine, --unclaimed and --overdue pick rows, and combine.`,
	}, func(ctx context.Context, svc *workflow.Service, as string, p workflow.Page) error {
		ss, err := svc.ReviewQueueWhere(ctx, as, qf, p)
		if err != nil {
			return err
		}
		now := svc.Now()
		return a.printSubmissions(ss, now, newTable("ID", "PLUGIN", "VERSION", "SUBMITTED BY", "SUBMITTED", "DUE", "CLAIMED BY"), func(s workflow.Submission) []string {
			return []string{id64(s.ID), s.PluginID, s.Version, s.SubmittedBy, when(s.SubmittedAt), due(s, now), s.ClaimedBy}
		})
	})
	c.Flags().BoolVar(&qf.Mine, "mine", false, "only the submissions you claimed (认领)")
	c.Flags().BoolVar(&qf.Unclaimed, "unclaimed", false, "only the submissions nobody claimed")
	c.Flags().BoolVar(&qf.Overdue, "overdue", false, "only the overdue submissions")
	return c
}

func (a *app) reviewClaimCmd() *cobra.Command {
	return a.onSubmission(&cobra.Command{
		Use:   "claim SUBMISSION",
		Short: "Claim a submission in review (认领), so other reviewers see you hold it",
		Long: `Claim a submission in review (认领), so other reviewers see you hold it.
A claim is advice, not a lock: another reviewer may still decide it, after
being asked. It lapses 2 hours after it was made; claiming again renews it,
and a decision ends it. Claiming one another reviewer holds takes it over.`,
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) error {
		// Who held it, to say so; whoever may not read it hears the
		// claim's own refusal.
		before, _ := svc.Submission(ctx, as, id)
		s, err := svc.Claim(ctx, as, id, workflow.AnyRev)
		if err != nil {
			return err
		}
		return a.print(toSubmissionJSON(s, svc.Now()), func(w io.Writer) error {
			if before.ClaimedBy != "" && before.ClaimedBy != as {
				line(w, "took over the claim of %s", before.ClaimedBy)
			}
			line(w, "claimed submission %d of plugin %s (version %s) until %s", s.ID, s.PluginID, s.Version, when(s.ClaimLapsesAt()))
			return nil
		})
	})
}

func (a *app) reviewUnclaimCmd() *cobra.Command {
	return a.onSubmission(&cobra.Command{
		Use:   "unclaim SUBMISSION",
		Short: "Give up your claim on a submission (取消认领)",
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) error {
		return then(func(s workflow.Submission) error {
			return a.print(toSubmissionJSON(s, svc.Now()), func(w io.Writer) error {
				line(w, "gave up the claim on submission %d of plugin %s", s.ID, s.PluginID)
				return nil
			})
		})(svc.Unclaim(ctx, as, id, workflow.AnyRev))
	})
}

func (a *app) reviewStatsCmd() *cobra.Command {
	return a.acts(&cobra.Command{
		Use:   "stats",
		Short: "The review queue at a glance: in review, overdue, unclaimed, decisions per day, median time to a decision",
	}, func(*cobra.Command, []string) (actFunc, error) {
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			st, err := svc.ReviewStats(ctx, as)
			if err != nil {
				return err
			}
			return a.print(st, func(w io.Writer) error { return renderStats(w, st) })
		}, nil
	})
}

// renderStats prints the figures and a bar per day.
func renderStats(w io.Writer, st workflow.ReviewStats) error {
	line(w, "in review %d · overdue %d · unclaimed %d", st.InReview, st.Overdue, st.Unclaimed)
	line(w, "decisions in the last %d days: %d, %d of them by their due time", workflow.StatsDays, st.Decided, st.OnTime)
	if st.Decided > 0 {
		keep := i18n.T("within the promise of one working day (预计一个工作日)")
		if !st.WithinPromise() {
			keep = i18n.T("over the promise of one working day (预计一个工作日)")
		}
		line(w, "median time to a decision: %s, %s", textfmt.Duration(st.Median), keep)
	}
	top := max(st.MaxPerDay(), 1)
	for _, d := range st.Days {
		bar := strings.Repeat("█", (d.Decisions*30+top-1)/top)
		line(w, "%s  %4d %s", d.Day, d.Decisions, bar)
	}
	return nil
}

func (a *app) reviewApproveCmd() *cobra.Command {
	return a.onSubmission(&cobra.Command{
		Use:   "approve SUBMISSION",
		Short: "Approve a submission (审核通过); not one you submitted",
	}, func(ctx context.Context, svc *workflow.Service, as string, id int64) error {
		defer a.claimNotice(ctx, svc, as, id)()
		return then(a.submissionPrinter(svc, "approved"))(svc.Approve(ctx, as, id, workflow.AnyRev))
	})
}

func (a *app) reviewRejectCmd() *cobra.Command {
	var reason string
	var notes []string
	c := a.acts(&cobra.Command{
		Use:   "reject SUBMISSION --reason TEXT [--note PATH=TEXT]...",
		Short: "Reject a submission with a reason for the developer (审核驳回)",
		Long: `Reject a submission with a reason for the developer (审核驳回), and notes
pinned to its fields: --note PATH=TEXT, as many as needed, where PATH is a
field as plugpub draft check names it (info.title,
guide.components[2].props[0].type …). The developer sees each note at its
field, and it counts as resolved once that field changes.`,
	}, func(_ *cobra.Command, args []string) (actFunc, error) {
		id, err := submissionArg(args[0])
		if err != nil {
			return nil, err
		}
		in, err := parseNotes(notes)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			// A path the submission lacks is the command line's mistake
			// (exit 2), said before anything is tried; whoever may not read
			// the submission hears the rejection's own refusal instead.
			if sub, err := svc.Submission(ctx, as, id); err == nil && sub.Snapshot != nil && len(in) > 0 {
				for _, n := range in {
					if err := workflow.CheckNotePath(*sub.Snapshot, id, n.Path); err != nil {
						return asUsage(err)
					}
				}
			}
			defer a.claimNotice(ctx, svc, as, id)()
			return then(a.submissionPrinter(svc, "rejected"))(svc.RejectWithNotes(ctx, as, id, reason, in, workflow.AnyRev))
		}, nil
	})
	requiredString(c, &reason, "reason", "", "why, shown to the developer in 发布管理 (required)")
	c.Flags().StringArrayVar(&notes, "note", nil, "a note pinned to a field, PATH=TEXT (repeatable)")
	return c
}

// claimNotice reads who holds a live claim on submission id before a
// decision, and returns what says so on stderr once the decision is
// made: a claim is advice, so the command line decides and tells.
func (a *app) claimNotice(ctx context.Context, svc *workflow.Service, as string, id int64) func() {
	before, err := svc.Submission(ctx, as, id)
	by, live := before.Claim(svc.Now())
	if err != nil || !live || by == as {
		return func() {}
	}
	return func() {
		if after, err := svc.Submission(ctx, as, id); err == nil && after.State != workflow.SubmissionInReview {
			line(a.errOut(), "submission %d was claimed (认领) by %s; your decision ended the claim", id, by)
		}
	}
}

// parseNotes reads every --note, or says what is wrong with the first bad one.
func parseNotes(flags []string) ([]workflow.NoteInput, error) {
	var out []workflow.NoteInput
	for _, f := range flags {
		n, err := workflow.ParseNote(f)
		if err != nil {
			return nil, asUsage(err)
		}
		out = append(out, n)
	}
	return out, nil
}

// asUsage makes a workflow error about the command line a usage error
// (exit 2), saying the same.
func asUsage(err error) error {
	var e *workflow.Error
	if errors.As(err, &e) && e.Format != "" {
		return usagef(e.Format, e.Args...)
	}
	return err
}

func submissionArg(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, invalidf("submission id %q must be a positive number, as plugpub submissions or review list show it", s)
	}
	return n, nil
}

func id64(n int64) string { return strconv.FormatInt(n, 10) }
