package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"plugpub/cmd/internal/largedemo"
	"plugpub/workflow/i18n"
)

// TestDemo: demo never overwrites data without --force, and the database it
// makes has every stage a newcomer should see.
func TestDemo(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	precious := []byte("not a database, but somebody's file")
	if err := os.WriteFile(c.db(), precious, 0o600); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "demo refusal", c.fails(exitConflict, "demo"), "--force")
	if b, _ := os.ReadFile(c.db()); string(b) != string(precious) {
		t.Fatalf("demo without --force changed the file")
	}

	var made struct {
		DB      string
		Plugins []struct{ Plugin, Stage string }
	}
	c.json(&made, "demo", "--force")
	if made.DB != c.db() || len(made.Plugins) < 4 {
		t.Fatalf("demo --json = %+v", made)
	}
	c.fails(exitConflict, "demo") // it is not empty now

	// The stages, as the plugin list tells them.
	var plugins []struct {
		ID      string
		Owner   string
		Online  string
		Latest  string
		Listing string
	}
	c.json(&plugins, "--as", "reviewer1", "plugin", "list")
	stage := map[string]string{}
	for _, p := range plugins {
		if p.Online == "" {
			t.Errorf("demo plugin %s has no online version", p.ID)
		}
		stage[p.ID] = p.Latest + "/" + p.Listing
	}
	for id, want := range map[string]string{
		"2021004100000001": "listed/shown",
		"2021004100000002": "listed/hidden",
		"2021004100000003": "in_review/",
		"2021004100000004": "rejected/",
		"2021004100000005": "in_review/shown", // a modification in review while listed
	} {
		if stage[id] != want {
			t.Errorf("demo plugin %s is %q, want %q", id, stage[id], want)
		}
	}

	// The in-review one is overdue; the modification is not.
	var queue []struct {
		Plugin  string
		Overdue bool
	}
	c.json(&queue, "--as", "reviewer1", "review", "list")
	overdue := map[string]bool{}
	for _, q := range queue {
		overdue[q.Plugin] = q.Overdue
	}
	if len(queue) != 2 || !overdue["2021004100000003"] || overdue["2021004100000005"] {
		t.Errorf("review queue = %+v, want 2021004100000003 overdue and 2021004100000005 not", queue)
	}
	mustContain(t, "review list", c.ok("--as", "reviewer1", "review", "list"), "OVERDUE")

	var subs []struct{ State, Reason string }
	c.json(&subs, "--as", "dev2", "submissions", "2021004100000004")
	if len(subs) != 1 || subs[0].State != "rejected" || subs[0].Reason == "" {
		t.Errorf("the rejected demo plugin's submissions = %+v, want one rejected with a reason", subs)
	}

	// The market: search finds the shown plate plugin, not the hidden one.
	mustContain(t, "market search", c.ok("market", "search", "车牌"), "2021004100000001", "小程序OCR车牌号识别插件")
	if out := c.ok("market", "search", "会员积分"); strings.Contains(out, "2021004100000002") {
		t.Errorf("market search found the hidden listing:\n%s", out)
	}
	// The modification in review does not change what the market shows.
	mustContain(t, "market view of the modified plugin", c.ok("market", "view", "2021004100000005"), "优惠券营销插件", "1.0.0")
	var orders []struct{ Plugin string }
	c.json(&orders, "--as", "buyer1", "market", "orders")
	if len(orders) != 1 || orders[0].Plugin != "2021004100000001" {
		t.Errorf("buyer1's orders = %+v, want the plate plugin", orders)
	}
}

// TestDemoSuggestsTheNameItWasRunAs: the commands demo prints start with the
// name plugpub was run as (os.Args[0] as typed), so run as ./bin/plugpub
// they can be pasted as they are.
func TestDemoSuggestsTheNameItWasRunAs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "bin"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(binPath, filepath.Join(dir, "bin", "plugpub")); err != nil {
		t.Fatal(err)
	}
	for _, prog := range []string{"./bin/plugpub", "bin/plugpub", filepath.Join(dir, "bin", "plugpub")} {
		cmd := exec.Command(prog, "--db", "demo.db", "demo", "--force")
		cmd.Dir = dir
		cmd.Env = cleanEnviron()
		if filepath.IsAbs(prog) {
			cmd.Path = prog
		} else {
			cmd.Path = filepath.Join(dir, prog) // what a shell finds; Args[0] stays as typed
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s demo: %v\n%s", prog, err, out)
		}
		mustContain(t, prog+" demo", string(out), "\n  "+prog+" --db demo.db --as dev1 plugin list\n", "\n  "+prog+" --db demo.db market search 车牌\n")
		if strings.Contains(string(out), "  plugpub --db") {
			t.Errorf("%s demo still suggests plain plugpub:\n%s", prog, out)
		}
	}
}

// TestDemoScaleIsSmallOrLarge: a mistyped scale is a usage error, and
// nothing is created.
func TestDemoScaleIsSmallOrLarge(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	mustContain(t, "demo --scale huge", c.fails(exitUsage, "demo", "--scale", "huge"), "--scale must be small or large")
	if _, err := os.Stat(c.db()); !os.IsNotExist(err) {
		t.Errorf("demo --scale huge left %s behind: %v", c.db(), err)
	}
}

// TestLargeProgressSpeaksTheReadersLanguage: the large demo's progress on
// stderr is a line per finished stage off a terminal, in Chinese by
// default and in English for an English reader; unfinished stages and the
// commit, which has no count, print nothing there.
func TestLargeProgressSpeaksTheReadersLanguage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.Chinese, "模拟插件 80/80\n写入事件 9/9\n"},
		{i18n.English, "simulating plugins 80/80\nwriting events 9/9\n"},
	} {
		var buf bytes.Buffer
		progress := largeProgress(&buf, i18n.Printer(c.lang), false)
		progress(largedemo.StageSimulate, 40, 80)
		progress(largedemo.StageSimulate, 80, 80)
		progress(largedemo.StageEvents, 9, 9)
		progress(largedemo.StageCommit, 0, 0)
		if buf.String() != c.want {
			t.Errorf("progress in %v:\n%q\nwant\n%q", c.lang, buf.String(), c.want)
		}
	}
}
