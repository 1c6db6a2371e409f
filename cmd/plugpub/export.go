package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"plugpub/workflow"
	"plugpub/workflow/guidedoc"
)

func (a *app) exportCmd() *cobra.Command {
	var format string
	var submission int64
	c := a.acts(&cobra.Command{
		Use:   "export PLUGIN [--format md|json] [--submission ID]",
		Short: "Print the publication as a Markdown document or as draft JSON",
		Long: `Print a plugin's publication: the draft, or with --submission a submitted
snapshot (its owner and reviewers may export any; anyone the listed one).

--format md (the default) is the market detail page as a document: the
plugin info, the integration guide with a table per component, page and
API, the instructions, and the sample code generated from the guide
(功能清单), which declares the plugin in app.json under the alias ` + guidedoc.Alias + `.

--format json is the draft file exactly as "draft show" prints it, so
"draft set --file" of an export gives back the same draft.`,
		Example: `  plugpub export 2021004100000001 > 车牌识别.md
  plugpub export 2021004100000001 --submission 3 --format json > draft.json`,
	}, func(cmd *cobra.Command, args []string) (actFunc, error) {
		id, err := pluginArg(args[0])
		if err != nil {
			return nil, err
		}
		if a.json && !cmd.Flags().Changed("format") {
			format = "json"
		}
		switch {
		case format != "md" && format != "json":
			return nil, usagef("--format must be md or json, got %q", format)
		case a.json && format == "md":
			return nil, usagef("--json asks for JSON but --format is md; pass one of them")
		case cmd.Flags().Changed("submission") && submission <= 0:
			return nil, usagef("--submission must be a submission id (a positive number), got %d", submission)
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			p, d, source, err := exportSource(ctx, svc, as, id, submission)
			if err != nil {
				return err
			}
			var out []byte
			if format == "json" {
				if out, err = workflow.MarshalDraft(d); err != nil {
					return err
				}
				out = escapeTerminalUnsafe(out)
			} else {
				meta := guidedoc.Meta{PluginID: p.ID, PluginName: p.Name, Source: source}
				out = guidedoc.Markdown(meta, d, guidedoc.SampleCode(p.ID, d.Guide))
			}
			_, err = a.stdout.Write(out)
			return err
		}, nil
	})
	c.Flags().StringVar(&format, "format", "md", "md: the market detail page as Markdown; json: the draft file")
	c.Flags().Int64Var(&submission, "submission", 0, "export this submission's snapshot instead of the draft")
	return c
}

// exportSource reads what to export: the draft, or one submission's
// snapshot, with a line saying which for the document.
func exportSource(ctx context.Context, svc *workflow.Service, as, id string, submission int64) (workflow.Plugin, workflow.Draft, string, error) {
	if submission > 0 {
		p, sub, err := svc.SubmissionSnapshot(ctx, as, id, submission)
		if err != nil {
			return workflow.Plugin{}, workflow.Draft{}, "", err
		}
		source := fmt.Sprintf("提交 %d · 版本 %s · %s", sub.ID, sub.Version, workflow.Label(string(sub.State)))
		return p, *sub.Snapshot, source, nil
	}
	sd, err := svc.Draft(ctx, as, id)
	if err != nil {
		return workflow.Plugin{}, workflow.Draft{}, "", err
	}
	p, err := svc.Plugin(ctx, as, id)
	if err != nil {
		return workflow.Plugin{}, workflow.Draft{}, "", err
	}
	return p, sd.Draft, "草稿", nil
}
