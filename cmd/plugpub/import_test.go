package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// projectDir is a plugin project of the importer's testdata.
func projectDir(name string) string {
	return filepath.Join("..", "..", "workflow", "project", "testdata", name)
}

type guideJSON struct {
	Components []struct {
		Name        string
		Description string
		Props       []struct{ Name, Type, Default, Description string }
		Events      []struct{ Name, Description string }
	}
	Pages []struct{ Name, Path, Description string }
	APIs  []struct{ Name, Description string }
}

func showGuide(t *testing.T, c *cli, as, plugin string) guideJSON {
	t.Helper()
	var d struct{ Guide guideJSON }
	if err := json.Unmarshal([]byte(c.ok("--as", as, "draft", "show", plugin)), &d); err != nil {
		t.Fatal(err)
	}
	return d.Guide
}

func names[T any](list []T, name func(T) string) string {
	var out []string
	for _, e := range list {
		out = append(out, name(e))
	}
	return strings.Join(out, " ")
}

// TestImportAlipay: --dry-run shows the plan and writes nothing; without
// it the additions are saved, the demo's own entries are kept and listed,
// and --remove deletes them.
func TestImportAlipay(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	P, dir := flowPlugin, projectDir("alipay")
	before := c.ok("--as", "dev1", "draft", "show", P)

	out := c.ok("--as", "dev1", "import", P, dir, "--dry-run")
	for _, want := range []string{
		"plugin project " + dir + ": alipay dialect, plugin root plugin, 5 files read\n",
		"组件 components\n  + hello-card  (4 props, 2 events)\n  + pay-button  (3 props, 2 events)\n  - plate-scanner  (not declared by the code; kept)\n",
		"页面 pages\n  + home  pages/home/index\n  + order-detail  pages/order-detail/index\n",
		"接口 APIs\n  + getUser\n  + pay\n  + formatAmount\n  + sdkVersion\n",
		"dry run: nothing was written; without --dry-run this would be 8 added, 0 changed\n",
		"6 entries not declared by the code would be kept; --remove deletes them\n",
	} {
		mustContain(t, "import --dry-run", out, want)
	}
	if after := c.ok("--as", "dev1", "draft", "show", P); after != before {
		t.Fatal("import --dry-run changed the draft")
	}

	out = c.ok("--as", "dev1", "import", P, dir)
	mustContain(t, "import", out, "saved the draft of "+P+" (rev 2): 8 added, 0 changed\n",
		"6 entries not declared by the code were kept; --remove deletes them\n")
	g := showGuide(t, c, "dev1", P)
	if got, want := names(g.Components, func(c struct {
		Name        string
		Description string
		Props       []struct{ Name, Type, Default, Description string }
		Events      []struct{ Name, Description string }
	}) string {
		return c.Name
	}), "plate-scanner plate-result hello-card pay-button"; got != want {
		t.Errorf("components after import: %s, want %s", got, want)
	}
	if g.Components[0].Description == "" {
		t.Error("the demo component's description was lost")
	}
	if got := names(g.APIs, func(a struct{ Name, Description string }) string { return a.Name }); got != "recognizePlate getQuota getUser pay formatAmount sdkVersion" {
		t.Errorf("APIs after import: %s", got)
	}

	var res struct {
		Written bool
		Rev     int64
		Counts  struct{ Added, Changed, Removed, Kept int }
	}
	c.json(&res, "--as", "dev1", "import", P, dir, "--remove")
	if !res.Written || res.Rev != 3 || res.Counts.Removed != 6 || res.Counts.Added != 0 {
		t.Errorf("import --remove: %+v", res)
	}
	g = showGuide(t, c, "dev1", P)
	if len(g.Components) != 2 || len(g.Pages) != 2 || len(g.APIs) != 4 {
		t.Errorf("after --remove: %d components, %d pages, %d APIs; want 2, 2, 4", len(g.Components), len(g.Pages), len(g.APIs))
	}
	out = c.ok("--as", "dev1", "import", P, dir)
	mustContain(t, "a second import", out, "already has everything the code declares; nothing to import")
}

// TestImportKeepsWhatWasWritten: a guide typed by hand keeps its texts;
// only empty defaults and types that say nothing are filled.
func TestImportKeepsWhatWasWritten(t *testing.T) {
	t.Parallel()
	c := newCLIWithPlugin(t, "导入")
	P := flowPlugin
	draft := writeFile(t, t.TempDir(), "draft.json", `{"guide": {
  "components": [{"name": "hello-component", "description": "问候", "props": [
    {"name": "size", "type": "Any", "required": true, "default": "", "description": "字号"},
    {"name": "color", "type": "String", "required": false, "default": "red", "description": "颜色"},
    {"name": "legacy", "type": "String", "required": false, "default": "", "description": "旧的"}],
    "events": [{"name": "onChange", "description": "变化时"}]}],
  "pages": [{"name": "旧名", "path": "pages/hello-page/hello-page", "description": "页面", "params": [
    {"name": "id", "type": "String", "required": true, "description": "编号"}]}],
  "apis": []}}`)
	c.ok("--as", "dev1", "draft", "set", P, "--file", draft)
	out := c.ok("--as", "dev1", "import", P, projectDir("wechat"))
	mustContain(t, "import", out,
		"plugin project "+projectDir("wechat")+": wechat dialect, plugin root plugin, 4 files read\n",
		"  ~ hello-component: prop title added; prop items added; prop config added; prop anything added; prop disabled added; prop size type Any → Number, default → 14; prop legacy not declared by the code (kept); event onItemTap added\n",
		"  ~ 旧名: name 旧名 → hello-page\n",
		"saved the draft of "+P+" (rev 2): 3 added, 2 changed\n",
		"1 entry not declared by the code was kept; --remove deletes them\n")
	var d struct {
		Guide struct {
			Components []struct {
				Description string
				Props       []struct {
					Name, Type, Default, Description string
					Required                         bool
				}
				Events []struct{ Name, Description string }
			}
			Pages []struct {
				Name, Path, Description string
				Params                  []struct{ Name string }
			}
		}
	}
	if err := json.Unmarshal([]byte(c.ok("--as", "dev1", "draft", "show", P)), &d); err != nil {
		t.Fatal(err)
	}
	comp := d.Guide.Components[0]
	size, color := comp.Props[0], comp.Props[1]
	if comp.Description != "问候" || size.Type != "Number" || size.Default != "14" || !size.Required || size.Description != "字号" ||
		color.Default != "red" || color.Description != "颜色" || comp.Events[0].Description != "变化时" {
		t.Errorf("merged component: %+v", comp)
	}
	pg := d.Guide.Pages[0]
	if pg.Name != "hello-page" || pg.Description != "页面" || len(pg.Params) != 1 {
		t.Errorf("merged page: %+v", pg)
	}
}

// TestImportBrokenProject: a broken project exits 3 naming the file and
// line, and leaves the draft byte for byte as it was.
func TestImportBrokenProject(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	P := flowPlugin
	before := c.ok("--as", "dev1", "draft", "show", P)
	for _, tc := range []struct{ dir, want string }{
		{"broken-json", "plugin.json:4:3: invalid JSON: invalid character '}' looking for beginning of object key string"},
		{"missing-component", `plugin.json:4:5: publicComponents "gone": "components/gone" does not exist (looked for components/gone.js and components/gone/index.js)`},
		{"syntax-error", "components/bad.js:4:5: invalid JavaScript: unexpected size in object literal"},
		{"no-such-project", ": no such folder"},
	} {
		dir := projectDir(tc.dir)
		errOut := c.fails(exitInvalid, "--as", "dev1", "import", P, dir)
		if want := "plugpub: " + filepath.Join(dir, tc.want) + "\n"; strings.HasPrefix(tc.want, ":") {
			want = "plugpub: " + dir + tc.want + "\n"
			if errOut != want {
				t.Errorf("%s: stderr %q, want %q", tc.dir, errOut, want)
			}
		} else if errOut != want {
			t.Errorf("%s: stderr %q, want %q", tc.dir, errOut, want)
		}
	}
	if after := c.ok("--as", "dev1", "draft", "show", P); after != before {
		t.Error("a broken project changed the draft")
	}
}

// TestImportRules: importing is editing the draft, with its rules.
func TestImportRules(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	dir := projectDir("alipay")
	c.fails(exitForbidden, "--as", "dev2", "import", flowPlugin, dir)
	// A reviewer may look but not write.
	c.ok("--as", "reviewer1", "import", flowPlugin, dir, "--dry-run")
	c.fails(exitForbidden, "--as", "reviewer1", "import", flowPlugin, dir)
	// 2021004100000005 is in review: the draft is frozen until withdrawn.
	before := c.ok("--as", "dev1", "draft", "show", "2021004100000005")
	mustContain(t, "import while in review", c.fails(exitConflict, "--as", "dev1", "import", "2021004100000005", dir), "审核中")
	if c.ok("--as", "dev1", "draft", "show", "2021004100000005") != before {
		t.Error("a refused import changed the draft")
	}
	c.fails(exitUsage, "--as", "dev1", "import", flowPlugin)
	c.fails(exitInvalid, "--as", "dev1", "import", "123", dir)
}
