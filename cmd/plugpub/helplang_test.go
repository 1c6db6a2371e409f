package main

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"plugpub/workflow/i18n"
)

// TestHelpLanguage: --help speaks the session's language, Chinese by
// default: the headings, every command's Short and Long, every flag's
// usage; English under an en locale, as written. Names, Use lines and the
// flags themselves stay what one types.
func TestHelpLanguage(t *testing.T) {
	env := testEnv(t)
	zhEnv := append(append([]string{}, env...), "PLUGPUB_LANG=")
	enEnv := append(append([]string{}, env...), "PLUGPUB_LANG=", "LANG=en_US.UTF-8")
	for _, c := range []struct {
		env  []string
		args []string
		want []string
		not  []string
	}{
		{zhEnv, []string{"--help"}, []string{"用法：", "可用命令：", "选项：", "管理插件版本（版本管理）", "--db string", "显示 plugpub 的帮助", "显示任一命令的帮助", "运行 \"plugpub [command] --help\""},
			[]string{"Usage:", "Flags:", "Manage plugin versions", "help for", "Help about"}},
		{zhEnv, []string{"help", "version", "add"}, []string{"用法：", "plugpub version add PLUGIN X.Y.Z [flags]", "全局选项：", "新建一个开发中的版本"},
			[]string{"Usage:", "Global Flags:", "Add a version"}},
		{enEnv, []string{"--help"}, []string{"Usage:", "Available Commands:", "Manage plugin versions (版本管理)", "help for plugpub"},
			[]string{"用法", "管理插件版本"}},
	} {
		out, errOut, code := run(t, c.env, c.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v (%s): no %q in\n%s", c.args, envValue(c.env, "LANG"), w, out)
			}
		}
		for _, w := range c.not {
			if strings.Contains(out, w) {
				t.Errorf("%v (%s): %q in\n%s", c.args, envValue(c.env, "LANG"), w, out)
			}
		}
	}
}

// TestEveryHelpIsInTheCatalog: every command's Short and Long and every
// flag's usage has its Chinese, so a new command cannot stay English in a
// Chinese session. Cobra's completion scripts' notes are cobra's.
func TestEveryHelpIsInTheCatalog(t *testing.T) {
	t.Setenv("PLUGPUB_LANG", "en") // the tree as written: the catalog's keys
	root := newRootCmd(io.Discard, io.Discard)
	zh := i18n.Printer(i18n.Chinese)
	english := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		english[c.CommandPath()+" Short"] = c.Short == "" || helpText(zh, c.Short) == c.Short
		if c.Parent() == nil || c.Parent().Name() != "completion" {
			english[c.CommandPath()+" Long"] = c.Long != "" && helpText(zh, c.Long) == c.Long
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if !strings.HasPrefix(f.Usage, "help for ") {
				english[c.CommandPath()+" --"+f.Name] = helpText(zh, f.Usage) == f.Usage
			}
		})
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	walk(root)
	n := 0
	for what, en := range english {
		n++
		if en {
			t.Errorf("%s has no Chinese in workflow/i18n (zh_help.go)", what)
		}
	}
	if n < 100 {
		t.Fatalf("only %d help texts read", n)
	}
}
