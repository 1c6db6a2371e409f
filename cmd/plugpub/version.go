package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// versionJSON adds the version number, which workflow.Version leaves out of
// its JSON (its SemVer field is tagged "-").
type versionJSON struct {
	workflow.Version
	Number string `json:"version"`
}

func toVersionJSON(v workflow.Version) versionJSON {
	return versionJSON{Version: v, Number: v.SemVer.String()}
}

func (a *app) versionCmd() *cobra.Command {
	acts := []struct {
		act   workflow.Action
		short string
	}{
		{workflow.ActSubmit, "Submit a version for review (提交审核)"},
		{workflow.ActWithdraw, "Take a version back from review (撤回审核)"},
		{workflow.ActApprove, "Approve a version in review (reviewer; 审核通过)"},
		{workflow.ActReturn, "Send a rejected version back to development (退回修改)"},
		{workflow.ActOnline, "Put an approved version online (上线)"},
		{workflow.ActOffline, "Take an online version offline (下线)"},
	}
	subs := []*cobra.Command{a.versionAddCmd()}
	for _, x := range acts {
		subs = append(subs, a.versionActCmd(x.act, x.short))
	}
	subs = append(subs, a.versionRejectCmd(), a.versionListCmd())
	return group(&cobra.Command{Use: "version", Short: "Manage plugin versions (版本管理)"}, subs...)
}

func (a *app) versionAddCmd() *cobra.Command {
	return a.onPluginVersion(&cobra.Command{
		Use:   "add PLUGIN X.Y.Z",
		Short: "Add a version in development (开发中); versions strictly increase",
	}, func(ctx context.Context, svc *workflow.Service, as, id, ver string) error {
		return then(a.printVersion)(svc.AddVersion(ctx, as, id, ver))
	})
}

func (a *app) versionActCmd(act workflow.Action, short string) *cobra.Command {
	return a.versionAct(&cobra.Command{
		Use:   string(act) + " PLUGIN X.Y.Z",
		Short: short,
	}, act, new(string))
}

func (a *app) versionRejectCmd() *cobra.Command {
	var reason string
	c := a.versionAct(&cobra.Command{
		Use:   "reject PLUGIN X.Y.Z --reason TEXT",
		Short: "Reject a version in review with a reason (reviewer; 审核驳回)",
	}, workflow.ActReject, &reason)
	requiredString(c, &reason, "reason", "", "why, for the developer (required)")
	return c
}

// versionAct sets c to take the version through act; reason is the
// --reason of reject, "" for the others.
func (a *app) versionAct(c *cobra.Command, act workflow.Action, reason *string) *cobra.Command {
	return a.onPluginVersion(c, func(ctx context.Context, svc *workflow.Service, as, id, ver string) error {
		return then(a.printVersion)(svc.VersionAct(ctx, as, id, ver, act, *reason, workflow.AnyRev))
	})
}

func (a *app) printVersion(v workflow.Version) error {
	return a.print(toVersionJSON(v), func(w io.Writer) error {
		line(w, "plugin %s version %s: %s", v.PluginID, v.SemVer, state(v.State))
		if v.Reason != "" {
			line(w, "reason: %s", v.Reason)
		}
		return nil
	})
}

func (a *app) versionListCmd() *cobra.Command {
	return a.pagedOnPlugin(&cobra.Command{
		Use:   "list PLUGIN",
		Short: "List a plugin's versions, newest first",
	}, func(ctx context.Context, svc *workflow.Service, as, id string, p workflow.Page) error {
		return then(func(vs []workflow.Version) error {
			out := make([]versionJSON, len(vs))
			for i, v := range vs {
				out[i] = toVersionJSON(v)
			}
			return printRows(a, out, newTable("VERSION", "STATE", "SUBMITTED BY", "UPDATED", "BY", "REASON").wrapLast(a.termWidth()), vs,
				func(v workflow.Version) []string {
					return []string{v.SemVer.String(), state(v.State), v.SubmittedBy, when(v.UpdatedAt), v.UpdatedBy, v.Reason}
				})
		})(svc.Versions(ctx, as, id, p))
	})
}

func pluginVersionArgs(args []string) (id, ver string, err error) {
	if id, err = pluginArg(args[0]); err != nil {
		return "", "", err
	}
	if ver, err = versionArg(args[1]); err != nil {
		return "", "", err
	}
	return id, ver, nil
}
