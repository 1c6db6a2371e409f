package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

func (a *app) draftCmd() *cobra.Command {
	return group(&cobra.Command{
		Use:   "draft",
		Short: "Edit the plugin info and integration guide (插件信息 + 接入指引)",
		Long: `The draft is the editable working copy of what will be published: the
plugin info form and the integration guide. It is saved even when incomplete;
submit freezes it into a submission for review.

The draft file is JSON; "draft show" prints it, "draft set" reads it back.
In the file "logo" is a path to a PNG or JPEG (relative to the file's folder)
or a stored image "sha256:<hex>" as "draft show" prints it.`,
	}, a.draftShowCmd(), a.draftSetCmd(), a.draftLogoCmd(), a.draftSampleCmd(), a.draftCheckCmd())
}

// onDraft is onPlugin for a command that reads the plugin's draft.
func (a *app) onDraft(c *cobra.Command, act func(id string, sd workflow.StoredDraft) error) *cobra.Command {
	return a.onPlugin(c, func(ctx context.Context, svc *workflow.Service, as, id string) error {
		sd, err := svc.Draft(ctx, as, id)
		if err != nil {
			return err
		}
		return act(id, sd)
	})
}

func (a *app) draftShowCmd() *cobra.Command {
	return a.onDraft(&cobra.Command{
		Use:   "show PLUGIN",
		Short: "Print the draft as JSON (the file format of draft set)",
	}, func(_ string, sd workflow.StoredDraft) error {
		b, err := workflow.MarshalDraft(sd.Draft)
		if err != nil {
			return err
		}
		// The draft is JSON in both modes, so what show prints set reads.
		_, err = a.stdout.Write(escapeTerminalUnsafe(b))
		return err
	})
}

// draftSaved is what set and sample print in --json mode.
type draftSaved struct {
	Plugin    string             `json:"plugin"`
	Rev       int64              `json:"rev"`
	UpdatedBy string             `json:"updated_by"`
	UpdatedAt time.Time          `json:"updated_at"`
	Problems  []workflow.Problem `json:"problems"`
}

func (a *app) draftSetCmd() *cobra.Command {
	var file string
	c := a.readsOnPlugin(&cobra.Command{
		Use:   "set PLUGIN --file F|-",
		Short: "Save the draft from a JSON file (- for stdin); problems are warnings",
	}, func(cmd *cobra.Command, id string) (actFunc, error) {
		d, logoDir, err := readDraft(cmd.InOrStdin(), file)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			if d.Info.Logo != "" && !workflow.IsLogoRef(d.Info.Logo) {
				if a.remote != nil { // the path would be the server's
					return invalidf("info.logo: over SSH a draft cannot name an image file; leave info.logo empty and send the image on its own")
				}
				ref, err := storeLogo(ctx, svc, logoDir, d.Info.Logo)
				if err != nil {
					return err
				}
				d.Info.Logo = ref
			}
			sd, probs, err := svc.SaveDraft(ctx, as, id, d, workflow.AnyRev)
			if err != nil {
				return err
			}
			return a.printSaved(sd, probs, "saved the draft of %s (rev %d)")
		}, nil
	})
	requiredString(c, &file, "file", "f", "the draft JSON file, or - for stdin")
	return c
}

func (a *app) draftLogoCmd() *cobra.Command {
	var file string
	c := a.readsOnPlugin(&cobra.Command{
		Use:   "logo PLUGIN --file F|-",
		Short: "Set the draft's logo from a PNG or JPEG file (- for stdin), keeping the rest",
	}, func(cmd *cobra.Command, id string) (actFunc, error) {
		// The image is read and checked before the database is opened.
		var b []byte
		var err error
		if file == "-" {
			b, err = workflow.ReadLogo(cmd.InOrStdin(), "stdin")
		} else {
			b, err = workflow.ReadLogoFile(file)
		}
		if err != nil {
			return nil, invalidf("info.logo: %v", err)
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			sd, probs, err := svc.SetDraftLogo(ctx, as, id, b)
			if err != nil {
				return err
			}
			return a.printSaved(sd, probs, "set the logo of the draft of %s (rev %d)")
		}, nil
	})
	requiredString(c, &file, "file", "f", "the PNG or JPEG file, or - for stdin")
	return c
}

// readDraft reads and parses the draft file. logoDir is where a relative
// logo path is found: next to the file, or the working folder for stdin.
func readDraft(stdin io.Reader, file string) (workflow.Draft, string, error) {
	var r io.Reader
	logoDir := "."
	if file == "-" {
		r = stdin
	} else {
		f, err := os.Open(file)
		if err != nil {
			return workflow.Draft{}, "", fmt.Errorf("reading the draft: %w", err)
		}
		defer f.Close()
		r = f
		logoDir = filepath.Dir(file)
	}
	// One byte past the limit is enough for ParseDraft to say it is too big,
	// without reading a runaway file into memory.
	b, err := io.ReadAll(io.LimitReader(r, workflow.MaxDraftBytes+1))
	if err != nil {
		return workflow.Draft{}, "", fmt.Errorf("reading the draft: %w", err)
	}
	d, err := workflow.ParseDraft(b)
	if err != nil {
		return workflow.Draft{}, "", invalidf("%s: %v", displayName(file), err)
	}
	return d, logoDir, nil
}

func displayName(file string) string {
	if file == "-" {
		return "stdin"
	}
	return file
}

// storeLogo reads the image a draft file names and stores it by content.
// workflow.ReadLogoFile reads only a regular file of at most 2 MiB, so a
// path naming a pipe or a device cannot hang the command.
func storeLogo(ctx context.Context, svc *workflow.Service, dir, path string) (string, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	b, err := workflow.ReadLogoFile(path)
	if err != nil {
		return "", invalidf("info.logo: %v", err)
	}
	return svc.PutLogo(ctx, b)
}

func (a *app) printSaved(sd workflow.StoredDraft, probs []workflow.Problem, format string) error {
	if len(probs) > 0 {
		line(a.errOut(), "plugpub: warning: the draft was saved but has %s to fix before you submit:", countProblems(len(probs)))
		printProblems(a.errOut(), probs)
	}
	out := draftSaved{Plugin: sd.PluginID, Rev: sd.Rev, UpdatedBy: sd.UpdatedBy, UpdatedAt: sd.UpdatedAt, Problems: nonNil(probs)}
	return a.print(out, func(w io.Writer) error {
		line(w, format, sd.PluginID, sd.Rev)
		return nil
	})
}

func countProblems(n int) i18n.Text {
	if n == 1 {
		return i18n.T("1 problem")
	}
	return i18n.T("%d problems", n)
}

func printProblems(w io.Writer, probs []workflow.Problem) {
	pr := printerOf(w)
	for _, p := range probs {
		line(w, "  %s", p.Localize(pr))
	}
}

func (a *app) draftSampleCmd() *cobra.Command {
	return a.onPlugin(&cobra.Command{
		Use:   "sample PLUGIN",
		Short: "Fill the draft with a realistic sample (填写样例), keeping the logo",
	}, func(ctx context.Context, svc *workflow.Service, as, id string) error {
		return then(func(sd workflow.StoredDraft) error {
			return a.printSaved(sd, sd.Draft.Problems(), "filled the draft of %s with 填写样例 (rev %d)")
		})(svc.SampleDraft(ctx, as, id))
	})
}

// draftChecked is what check prints in --json mode.
type draftChecked struct {
	Plugin   string             `json:"plugin"`
	Rev      int64              `json:"rev"`
	Problems []workflow.Problem `json:"problems"`
}

func (a *app) draftCheckCmd() *cobra.Command {
	return a.onDraft(&cobra.Command{
		Use:   "check PLUGIN",
		Short: "List what stops the draft from being submitted (exit 3 if anything)",
	}, func(id string, sd workflow.StoredDraft) error {
		probs := sd.Draft.Problems()
		err := a.print(draftChecked{Plugin: id, Rev: sd.Rev, Problems: nonNil(probs)}, func(w io.Writer) error {
			if len(probs) == 0 {
				line(w, "the draft of %s is complete: %s submit %s", id, a.prog, id)
			}
			printProblems(w, probs)
			return nil
		})
		if err != nil || len(probs) == 0 {
			return err
		}
		// The problems are the output; the error only sets the exit code.
		return invalidf("the draft of %s has %s", id, countProblems(len(probs)))
	})
}
