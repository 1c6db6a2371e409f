package main

import (
	"context"
	"io"
	"time"

	"github.com/spf13/cobra"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// submissionJSON adds what a reader of the JSON would otherwise compute
// with a clock of their own.
type submissionJSON struct {
	workflow.Submission
	Overdue bool `json:"overdue"`
	// ClaimedBy is always there, "" when nobody holds a live claim (the
	// Service's reads clear a lapsed one).
	ClaimedBy string `json:"claimed_by"`
}

func toSubmissionJSON(s workflow.Submission, now time.Time) submissionJSON {
	s.Snapshot = nil // the draft JSON is what draft show and market view are for
	by, _ := s.Claim(now)
	return submissionJSON{Submission: s, Overdue: s.Overdue(now), ClaimedBy: by}
}

func toSubmissionsJSON(ss []workflow.Submission, now time.Time) []submissionJSON {
	out := make([]submissionJSON, len(ss))
	for i, s := range ss {
		out[i] = toSubmissionJSON(s, now)
	}
	return out
}

// due shows a due time, marked when it has passed while still in review.
func due(s workflow.Submission, now time.Time) string {
	if s.State != workflow.SubmissionInReview {
		return when(s.DueAt)
	}
	if s.Overdue(now) {
		return when(s.DueAt) + " OVERDUE"
	}
	return when(s.DueAt)
}

func (a *app) printSubmission(s workflow.Submission, now time.Time, what string) error {
	return a.print(toSubmissionJSON(s, now), func(w io.Writer) error {
		line(w, "%s: submission %d of plugin %s (version %s) is %s", i18n.T(what), s.ID, s.PluginID, s.Version, state(s.State))
		if s.State == workflow.SubmissionInReview {
			line(w, "due %s (预计一个工作日)", due(s, now))
		}
		if s.Reason != "" {
			line(w, "reason: %s", s.Reason)
		}
		printNotes(w, s.Notes)
		return nil
	})
}

// printNotes prints a rejection's notes, each at its field.
func printNotes(w io.Writer, notes []workflow.Note) {
	for _, n := range notes {
		line(w, "  note on %s: %s (%s)", n.Path, n.Text, n.Author)
	}
}

func (a *app) submitCmd() *cobra.Command {
	var version string
	c := a.readsOnPlugin(&cobra.Command{
		Use:   "submit PLUGIN [--version X.Y.Z]",
		Short: "Submit the draft for review (提交申请)",
		Long: `Freeze the draft into a submission and send it to the plugin center for
review. It publishes an online version: the newest unless --version says
which. Review takes about one working day (预计一个工作日).`,
	}, func(_ *cobra.Command, id string) (actFunc, error) {
		if version != "" {
			v, err := versionArg(version)
			if err != nil {
				return nil, err
			}
			version = v
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			return then(a.submissionPrinter(svc, "submitted"))(svc.Submit(ctx, as, id, version))
		}, nil
	})
	c.Flags().StringVar(&version, "version", "", "the online version to publish (default: the newest online)")
	return c
}

func (a *app) withdrawCmd() *cobra.Command {
	return a.onPlugin(&cobra.Command{
		Use:   "withdraw PLUGIN",
		Short: "Take the submission in review back (撤回审核)",
	}, func(ctx context.Context, svc *workflow.Service, as, id string) error {
		return then(a.submissionPrinter(svc, "withdrawn"))(svc.Withdraw(ctx, as, id, workflow.AnyRev))
	})
}

func (a *app) submissionsCmd() *cobra.Command {
	return a.pagedOnPlugin(&cobra.Command{
		Use:   "submissions PLUGIN",
		Short: "List a plugin's submissions, newest first (发布管理)",
	}, func(ctx context.Context, svc *workflow.Service, as, id string, p workflow.Page) error {
		ss, err := svc.Submissions(ctx, as, id, p)
		if err != nil {
			return err
		}
		now := svc.Now()
		t := newTable("ID", "VERSION", "SUBMITTED", "DUE", "REVIEWER", "STATE", "REASON").wrapLast(a.termWidth())
		if err := a.printSubmissions(ss, now, t, func(s workflow.Submission) []string {
			return []string{id64(s.ID), s.Version, when(s.SubmittedAt), due(s, now), s.Reviewer, state(s.State), s.Reason}
		}); err != nil || a.json {
			return err
		}
		// The notes of each rejection, under the table, each at its field.
		for _, s := range ss {
			if len(s.Notes) > 0 {
				line(a.out(), "submission %d, notes pinned to fields:", s.ID)
				printNotes(a.out(), s.Notes)
			}
		}
		return nil
	})
}

func (a *app) releaseCmd() *cobra.Command {
	return a.onPlugin(&cobra.Command{
		Use:   "release PLUGIN",
		Short: "List the approved submission on the market (上架)",
		Long: `List the approved submission on the market (上架). It replaces the listing
that was live until now; a first listing is shown or hidden as the draft's
show_after_release (发布后是否展示) said, a later one keeps the current flag.`,
	}, func(ctx context.Context, svc *workflow.Service, as, id string) error {
		s, err := svc.Release(ctx, as, id, workflow.AnyRev)
		if err != nil {
			return err
		}
		if a.json {
			return writeJSON(a.stdout, toSubmissionJSON(s, svc.Now()))
		}
		line(a.out(), "listed submission %d of plugin %s (version %s) on the market: %s", s.ID, s.PluginID, s.Version, state(s.State))
		// The visibility is the listing's, not the submission's: ask for it.
		if mp, err := svc.MarketPage(ctx, id); err == nil {
			line(a.out(), "market: %s (%s)", state(mp.Listing.Visibility), visibilityHint(mp.Listing.Visibility))
		}
		return nil
	})
}

func visibilityHint(v workflow.VisibilityState) i18n.Text {
	if v == workflow.VisibilityHidden {
		return i18n.T("not found by market search; plugpub show makes it searchable")
	}
	return i18n.T("found by market search")
}

func (a *app) hideCmd() *cobra.Command {
	return a.visibilityCmd("hide", "Keep the listing out of market search (隐藏)", (*workflow.Service).Hide)
}

func (a *app) showCmd() *cobra.Command {
	return a.visibilityCmd("show", "Make the listing searchable again (展示)", (*workflow.Service).Show)
}

func (a *app) visibilityCmd(name, short string, act func(*workflow.Service, context.Context, string, string, int64) (workflow.Listing, error)) *cobra.Command {
	return a.onPlugin(&cobra.Command{
		Use:   name + " PLUGIN",
		Short: short,
	}, func(ctx context.Context, svc *workflow.Service, as, id string) error {
		return then(func(l workflow.Listing) error {
			return a.print(l, func(w io.Writer) error {
				line(w, "plugin %s is %s on the market: %s", l.PluginID, state(l.Visibility), visibilityHint(l.Visibility))
				return nil
			})
		})(act(svc, ctx, as, id, workflow.AnyRev))
	})
}
