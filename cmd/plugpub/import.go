package main

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

	"plugpub/workflow"
	"plugpub/workflow/project"
)

// importJSON is what import prints in --json mode.
type importJSON struct {
	Plugin   string             `json:"plugin"`
	Dir      string             `json:"dir"`
	Dialect  string             `json:"dialect"`
	Root     string             `json:"root"`
	Files    []string           `json:"files"`
	DryRun   bool               `json:"dry_run"`
	Remove   bool               `json:"remove"`
	Written  bool               `json:"written"`
	Rev      int64              `json:"rev"`
	Counts   project.Counts     `json:"counts"`
	Plan     project.Plan       `json:"plan"`
	Partial  []string           `json:"partial"`
	Warnings []string           `json:"warnings"`
	Problems []workflow.Problem `json:"problems"` // the guide's, after the import
}

func (a *app) importCmd() *cobra.Command {
	var dryRun, remove bool
	c := a.acts(&cobra.Command{
		Use:   "import PLUGIN DIR|- [--dry-run] [--remove]",
		Short: "Fill the integration guide (接入指引) from the plugin project's code",
		Long: `Read the public components, pages and APIs that a plugin project declares
and merge them into the draft's integration guide (接入指引).

DIR is the plugin project (its mini.project.json or project.config.json
names the pluginRoot) or the plugin root itself (the folder of plugin.json).
DIR - reads a tar of that folder from stdin, as a server that cannot see
your files takes it: tar c -C DIR . | plugpub import PLUGIN - (links,
devices, absolute paths and .. are refused, and the archive is at most
32 MiB).
Both the Alipay dialect (publicComponents, publicPages, pages as a list,
main) and the WeChat one (publicComponents, pages as an object, main) are
read. Component props come from the defaults in Component({ props }) or
from Component({ properties }); function props named onXxx are events.
APIs are the names main exports.

What you wrote stays: descriptions, required flags, defaults, page params,
API inputs and outputs. Entries that only the draft has are listed and
kept; --remove deletes them. --dry-run prints the changes and writes
nothing. A broken project (invalid JSON, a missing file, JavaScript that
does not parse) is reported with its file and line, and nothing is written.`,
	}, func(cmd *cobra.Command, args []string) (actFunc, error) {
		id, err := pluginArg(args[0])
		if err != nil {
			return nil, err
		}
		dir := args[1]
		// The project is read before the database is opened: a broken one
		// is reported without touching anything.
		dec, err := readProject(cmd.InOrStdin(), dir)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context, svc *workflow.Service, as string) error {
			sd, err := svc.Draft(ctx, as, id)
			if err != nil {
				return err
			}
			plan := project.NewPlan(sd.Draft.Guide, dec)
			d := sd.Draft.Clone()
			d.Guide = plan.Apply(sd.Draft.Guide, remove)
			out := importJSON{
				Plugin: id, Dir: dir, Dialect: dec.Dialect, Root: dec.Root, Files: dec.Files,
				DryRun: dryRun, Remove: remove, Rev: sd.Rev, Counts: plan.Counts(remove), Plan: plan,
				Partial: dec.Partial, Warnings: dec.Warnings, Problems: importGuideProblems(d),
			}
			if !dryRun && !reflect.DeepEqual(d.Guide, sd.Draft.Guide) {
				// The rev read above is the compare-and-set base: a draft
				// changed meanwhile is a conflict, not overwritten.
				saved, _, err := svc.SaveDraft(ctx, as, id, d, sd.Rev)
				if err != nil {
					return err
				}
				out.Written, out.Rev = true, saved.Rev
				out.Problems = importGuideProblems(saved.Draft)
			}
			return a.print(out, func(w io.Writer) error {
				printImport(w, out, dec)
				return nil
			})
		}, nil
	})
	c.Flags().BoolVar(&dryRun, "dry-run", false, "print what would change and write nothing")
	c.Flags().BoolVar(&remove, "remove", false, "delete entries the code no longer declares (they are kept otherwise)")
	return c
}

// readProject reads the plugin project in dir, or the tar of it on stdin
// for "-".
func readProject(stdin io.Reader, dir string) (project.Declared, error) {
	if dir != "-" {
		return project.Read(dir)
	}
	fsys, err := project.ReadTar(stdin)
	if err != nil {
		return project.Declared{}, invalidf("stdin: %v", err)
	}
	dec, err := project.ReadFS(fsys)
	if err != nil {
		return project.Declared{}, invalidf("stdin: %v", err)
	}
	return dec, nil
}

// importGuideProblems are the draft's problems in the guide: what the import
// is about. The info form's are draft check's business.
func importGuideProblems(d workflow.Draft) []workflow.Problem {
	out := []workflow.Problem{}
	for _, p := range d.Problems() {
		if p.Path == "guide" || strings.HasPrefix(p.Path, "guide.") {
			out = append(out, p)
		}
	}
	return out
}

// printImport writes the preview: one line per entry added (+), changed
// (~) or only in the draft (-), list by list, then what was done.
func printImport(w io.Writer, out importJSON, dec project.Declared) {
	line(w, "plugin project %s: %s dialect, plugin root %s, %d files read", displayName(out.Dir), dec.Dialect, dec.Root, len(dec.Files))
	p := out.Plan
	if p.Empty() {
		line(w, "the draft of %s already has everything the code declares; nothing to import", out.Plugin)
		printImportNotes(w, p, dec)
		return
	}
	removeWord := "kept"
	if out.Remove {
		removeWord = "removed"
	}
	sections := []struct {
		title string
		d     project.Diff
		added func(name string) string
	}{
		{"组件 components", p.Components, func(n string) string { return importComponentSummary(dec, n) }},
		{"页面 pages", p.Pages, func(n string) string { return importPagePath(dec, n) }},
		{"接口 APIs", p.APIs, func(string) string { return "" }},
	}
	for _, s := range sections {
		if len(s.d.Added)+len(s.d.Changed)+len(s.d.Removed) == 0 {
			continue
		}
		line(w, "%s", s.title)
		for _, n := range s.d.Added {
			if extra := s.added(n); extra != "" {
				line(w, "  + %s  %s", n, extra)
			} else {
				line(w, "  + %s", n)
			}
		}
		for _, ch := range s.d.Changed {
			line(w, "  ~ %s: %s", ch.Name, importChange(ch, removeWord))
		}
		for _, n := range s.d.Removed {
			line(w, "  - %s  (not declared by the code; %s)", n, removeWord)
		}
	}
	printImportNotes(w, p, dec)
	c := out.Counts
	var did []string
	did = append(did, fmt.Sprintf("%d added", c.Added), fmt.Sprintf("%d changed", c.Changed))
	if c.Removed > 0 {
		did = append(did, fmt.Sprintf("%d removed", c.Removed))
	}
	summary := strings.Join(did, ", ")
	switch {
	case out.DryRun:
		line(w, "dry run: nothing was written; without --dry-run this would be %s", summary)
	case out.Written:
		line(w, "saved the draft of %s (rev %d): %s", out.Plugin, out.Rev, summary)
	default:
		line(w, "nothing to write: the draft of %s already has everything the code declares", out.Plugin)
	}
	if c.Kept > 0 {
		verb := "were"
		switch {
		case out.DryRun:
			verb = "would be"
		case c.Kept == 1:
			verb = "was"
		}
		line(w, "%s not declared by the code %s kept; --remove deletes them", importEntries(c.Kept), verb)
	}
	if n := len(out.Problems); n > 0 {
		line(w, "the guide has %s to fix before you submit (plugpub draft check %s)", countProblems(n), out.Plugin)
	}
}

func importEntries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

func printImportNotes(w io.Writer, p project.Plan, dec project.Declared) {
	for _, n := range p.Notes {
		line(w, "note: %s", n)
	}
	for _, n := range dec.Warnings {
		line(w, "warning: %s", n)
	}
}

// importChange says in one line what merging changes in an entry.
func importChange(ch project.Changed, removeWord string) string {
	var parts []string
	for _, f := range ch.Fields {
		parts = append(parts, importField(f))
	}
	for _, s := range []struct {
		noun string
		d    *project.Diff
	}{{"prop", ch.Props}, {"event", ch.Events}} {
		if s.d == nil {
			continue
		}
		for _, n := range s.d.Added {
			parts = append(parts, s.noun+" "+n+" added")
		}
		for _, c := range s.d.Changed {
			var fs []string
			for _, f := range c.Fields {
				fs = append(fs, importField(f))
			}
			parts = append(parts, s.noun+" "+c.Name+" "+strings.Join(fs, ", "))
		}
		for _, n := range s.d.Removed {
			parts = append(parts, s.noun+" "+n+" not declared by the code ("+removeWord+")")
		}
	}
	return strings.Join(parts, "; ")
}

func importField(f project.Field) string {
	if f.From == "" {
		return f.Field + " → " + f.To
	}
	return f.Field + " " + f.From + " → " + f.To
}

func importComponentSummary(dec project.Declared, name string) string {
	for _, c := range dec.Guide.Components {
		if c.Name == name {
			return fmt.Sprintf("(%s, %s)", importPlural(len(c.Props), "prop"), importPlural(len(c.Events), "event"))
		}
	}
	return ""
}

func importPagePath(dec project.Declared, name string) string {
	for _, p := range dec.Guide.Pages {
		if p.Name == name {
			return p.Path
		}
	}
	return ""
}

func importPlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
