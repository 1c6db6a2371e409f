package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/message"

	"plugpub/workflow/i18n"
)

// localizeHelp says the help of the tree under root in p's language, from
// the one catalog (workflow/i18n): every command's Short and Long, every
// flag's usage, cobra's own help flag, help and completion commands, and
// the headings of the usage template. The English strings in the commands
// are the catalog's keys, so an English session reads them as written.
// Command and flag names, the Use lines ("plugpub version add PLUGIN
// X.Y.Z [flags]") and cobra's completion scripts' installation notes stay
// as they are: they are what one types, or cobra's own text.
func localizeHelp(root *cobra.Command, p *message.Printer) {
	if i18n.LangOf(p) == i18n.English {
		return
	}
	// Cobra adds these while it executes; made now, they are translated too.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	root.SetUsageTemplate(usageTemplate(root.UsageTemplate(), p))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.Short = helpText(p, c.Short)
		c.Long = helpText(p, c.Long)
		name := c.DisplayName()
		fix := func(f *pflag.Flag) {
			switch f.Usage {
			case "help for " + name:
				f.Usage = i18n.Sprintf(p, "help for %s", name)
			case "version for " + name:
				f.Usage = i18n.Sprintf(p, "version for %s", name)
			default:
				f.Usage = helpText(p, f.Usage)
			}
		}
		c.LocalFlags().VisitAll(fix)
		c.PersistentFlags().VisitAll(fix)
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
}

// helpText is s in p's language when the catalog has it; otherwise s as it
// is (already translated, or cobra's). Help is looked up, never formatted:
// it may hold a % of its own.
func helpText(p *message.Printer, s string) string {
	if s == "" {
		return s
	}
	if zh, ok := i18n.Translation(s); ok {
		return zh
	}
	if shell, ok := strings.CutPrefix(s, "Generate the autocompletion script for "); ok && !strings.Contains(shell, " ") {
		return i18n.Sprintf(p, "Generate the autocompletion script for %s", shell)
	}
	return s
}

// usageTemplate is cobra's usage template with its headings, each at the
// start of a line, in p's language.
func usageTemplate(tmpl string, p *message.Printer) string {
	const more = `Use "{{.CommandPath}} [command] --help" for more information about a command.`
	tmpl = strings.Replace(tmpl, more, i18n.Sprintf(p, `Use "%s [command] --help" for more information about a command.`, "{{.CommandPath}}"), 1)
	tmpl = "\n" + tmpl
	for _, h := range []string{"Usage:", "Aliases:", "Examples:", "Available Commands:", "Additional Commands:",
		"Flags:", "Global Flags:", "Additional help topics:"} {
		tmpl = strings.ReplaceAll(tmpl, "\n"+h, "\n"+i18n.Sprintf(p, h))
	}
	return tmpl[1:]
}
