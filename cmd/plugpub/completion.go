package main

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"plugpub/workflow"
)

// Shell completion (cobra's "completion" command writes the script; the
// shell calls the hidden "__complete" command). Arguments are completed by
// their name in the command's Use line, so a new command that takes PLUGIN
// completes plugin ids without a line of its own:
//
//	PLUGIN       the plugins --as works on (plugin list), with their names
//	X.Y.Z        that plugin's versions with their states (not for version add)
//	SUBMISSION   the review queue, with plugin and version
//	DIR          folders
//
// and the flags --as (user names), --format, --scale, --role, --buyer,
// --version (versions) and --submission (the plugin's submissions).
//
// A completion reads the database and never writes it: it opens only an
// existing file, gives up on a busy one after a moment, and asks for one
// bounded page. Whatever goes wrong, it offers nothing rather than an error.

// completeBudget bounds a whole completion, so a busy database never holds
// up the shell.
const completeBudget = 2 * time.Second

// completePage is the most a completion lists: one page of the largest size.
var completePage = workflow.Page{Limit: workflow.MaxPageSize}

const noFiles = cobra.ShellCompDirectiveNoFileComp

// addCompletions wires completion into every command of the tree under root.
func (a *app) addCompletions(root *cobra.Command) {
	_ = root.RegisterFlagCompletionFunc("as", a.completeUsers)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		a.completeArgsOf(c)
		// Cobra only applies its default distance of 2 in its own unknown
		// command path; noArgs and help ask SuggestionsFor directly.
		c.SuggestionsMinimumDistance = 2
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

// completeArgsOf sets c's argument and flag completion from its Use line.
func (a *app) completeArgsOf(c *cobra.Command) {
	names := argNames(c.Use)
	if c.ValidArgsFunction == nil && len(names) > 0 {
		c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) >= len(names) {
				return nil, noFiles
			}
			switch names[len(args)] {
			case "PLUGIN":
				return a.completePlugins(cmd, toComplete)
			case "X.Y.Z":
				if cmd.Name() == "add" { // a new version: nothing to offer
					return nil, noFiles
				}
				return a.completeVersions(cmd, args[0], toComplete)
			case "SUBMISSION":
				return a.completeQueue(cmd, toComplete)
			case "DIR":
				return nil, cobra.ShellCompDirectiveFilterDirs
			}
			return nil, noFiles
		}
	}
	fixed := map[string][]cobra.Completion{
		"format": {
			cobra.CompletionWithDesc("md", "the market detail page as Markdown, with sample code"),
			cobra.CompletionWithDesc("json", "the draft file, as draft show prints it"),
		},
		"scale": {
			cobra.CompletionWithDesc("small", "a few plugins at every stage"),
			cobra.CompletionWithDesc("large", "10,000 plugins with their histories"),
		},
		"buyer": {
			cobra.CompletionWithDesc("personal", "个人"),
			cobra.CompletionWithDesc("enterprise", "企业"),
		},
	}
	for name, values := range fixed {
		if c.LocalFlags().Lookup(name) != nil {
			_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, noFiles))
		}
	}
	if c.LocalFlags().Lookup("role") != nil {
		_ = c.RegisterFlagCompletionFunc("role", completeRoles)
	}
	if c.LocalFlags().Lookup("version") != nil && len(names) > 0 && names[0] == "PLUGIN" {
		_ = c.RegisterFlagCompletionFunc("version", func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return nil, noFiles
			}
			return a.completeVersions(cmd, args[0], toComplete)
		})
	}
	if c.LocalFlags().Lookup("submission") != nil {
		_ = c.RegisterFlagCompletionFunc("submission", func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return nil, noFiles
			}
			return a.completeSubmissions(cmd, args[0], toComplete)
		})
	}
}

// argNames are the positional arguments a Use line names: its upper-case
// words before the first flag, such as PLUGIN and X.Y.Z in
// "reject PLUGIN X.Y.Z --reason TEXT".
func argNames(use string) []string {
	var names []string
	for _, f := range strings.Fields(use)[1:] {
		if strings.HasPrefix(f, "-") || strings.HasPrefix(f, "[") {
			break
		}
		if f == strings.ToUpper(f) {
			names = append(names, f)
		}
	}
	return names
}

// completing runs fn on the database read-only in spirit: an existing
// file only, a short wait for a busy one, and nothing offered on any error.
func (a *app) completing(cmd *cobra.Command, fn func(ctx context.Context, svc *workflow.Service) []cobra.Completion) ([]cobra.Completion, cobra.ShellCompDirective) {
	path, err := a.dbPath()
	if err != nil {
		return nil, noFiles
	}
	if fi, err := os.Stat(path); !isPostgres(path) && (err != nil || !fi.Mode().IsRegular() || fi.Size() == 0) {
		return nil, noFiles // completing never creates a database
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), completeBudget)
	defer cancel()
	st, err := openDatabase(ctx, path, completeBudget/4)
	if err != nil {
		return nil, noFiles
	}
	defer st.Close()
	return fn(ctx, workflow.NewService(st, time.Now)), noFiles
}

// actingUser is --as (or its defaults) for a completion; "" if unknown.
func (a *app) actingUser() string {
	as, err := a.user()
	if err != nil {
		return ""
	}
	return as
}

func (a *app) completePlugins(cmd *cobra.Command, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return a.completing(cmd, func(ctx context.Context, svc *workflow.Service) []cobra.Completion {
		ps, err := svc.Plugins(ctx, a.actingUser(), toComplete, completePage)
		return matching(ps, err, toComplete, func(p workflow.PluginSummary) (string, string) { return p.ID, p.Name })
	})
}

func (a *app) completeVersions(cmd *cobra.Command, pluginID, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return a.completing(cmd, func(ctx context.Context, svc *workflow.Service) []cobra.Completion {
		vs, err := svc.Versions(ctx, a.actingUser(), pluginID, completePage)
		return matching(vs, err, toComplete, func(v workflow.Version) (string, string) {
			return v.SemVer.String(), workflow.Label(string(v.State))
		})
	})
}

func (a *app) completeQueue(cmd *cobra.Command, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return a.completing(cmd, func(ctx context.Context, svc *workflow.Service) []cobra.Completion {
		ss, err := svc.ReviewQueue(ctx, a.actingUser(), completePage)
		return matching(ss, err, toComplete, submissionCompletion)
	})
}

func (a *app) completeSubmissions(cmd *cobra.Command, pluginID, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return a.completing(cmd, func(ctx context.Context, svc *workflow.Service) []cobra.Completion {
		ss, err := svc.Submissions(ctx, a.actingUser(), pluginID, completePage)
		return matching(ss, err, toComplete, submissionCompletion)
	})
}

func submissionCompletion(s workflow.Submission) (string, string) {
	return strconv.FormatInt(s.ID, 10), s.PluginID + " " + s.Version + " " + workflow.Label(string(s.State))
}

func (a *app) completeUsers(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return a.completing(cmd, func(ctx context.Context, svc *workflow.Service) []cobra.Completion {
		us, err := svc.UsersAs(ctx, a.manager(), completePage)
		return matching(us, err, toComplete, func(u workflow.User) (string, string) { return u.Name, describeUser(u) })
	})
}

// matching is the completions of the items a listing read (none if it
// failed) whose value, as entry gives it with its description, starts with
// toComplete.
func matching[T any](items []T, err error, toComplete string, entry func(T) (value, desc string)) []cobra.Completion {
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, it := range items {
		if v, desc := entry(it); strings.HasPrefix(v, toComplete) {
			out = append(out, completion(v, desc))
		}
	}
	return out
}

// completeRoles completes the comma-separated --role list one role at a time.
func completeRoles(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	done, _ := cutLast(toComplete, ",")
	var out []cobra.Completion
	for _, r := range []string{"developer", "reviewer", "consumer"} {
		v := r
		if done != "" {
			if strings.Contains(","+done+",", ","+r+",") {
				continue
			}
			v = done + "," + r
		}
		if strings.HasPrefix(v, toComplete) {
			out = append(out, v)
		}
	}
	return out, noFiles
}

// cutLast splits s at its last sep: "a,b,c" → "a,b", "c"; no sep → "", s.
func cutLast(s, sep string) (before, after string) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):]
	}
	return "", s
}

// completion is one candidate with its description, sanitised: both reach
// the terminal through the shell, and a tab or newline would break the
// protocol between cobra and the shell script.
func completion(value, desc string) cobra.Completion {
	value = strings.ReplaceAll(workflow.SanitizeLine(value), "\t", " ")
	desc = strings.ReplaceAll(workflow.SanitizeLine(desc), "\t", " ")
	if desc == "" {
		return value
	}
	return cobra.CompletionWithDesc(value, desc)
}
