package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const flowPlugin = "2021004100000001"

// TestWholeFlow walks issue 2's flow through the real binary: a plugin goes
// from a version online to a market listing that is hidden, shown and
// ordered, with every refusal on the way exiting with its documented code.
func TestWholeFlow(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	P := flowPlugin

	mustContain(t, "user add", c.ok("user", "add", "dev1", "--role", "developer"), "added user dev1 (developer)")
	c.ok("user", "add", "rev1", "--role", "reviewer")
	c.ok("user", "add", "buyer1", "--role", "consumer", "--buyer", "personal")
	c.ok("user", "add", "ent1", "--role", "consumer", "--buyer", "enterprise")
	c.fails(exitConflict, "user", "add", "dev1", "--role", "developer") // exists already
	c.fails(exitInvalid, "user", "add", "x", "--role", "root")

	mustContain(t, "plugin create", c.ok("--as", "dev1", "plugin", "create", P, "--name", "车牌识别"), "created plugin "+P)
	c.fails(exitForbidden, "--as", "rev1", "plugin", "create", "2021004100000002", "--name", "x")

	// 版本管理: the version has to be online before anything can be published.
	c.fails(exitInvalid, "--as", "dev1", "version", "add", P, "1.2")
	c.ok("--as", "dev1", "version", "add", P, "1.0.0")
	c.ok("--as", "dev1", "version", "submit", P, "1.0.0")
	c.fails(exitForbidden, "--as", "dev1", "version", "approve", P, "1.0.0")
	c.ok("--as", "rev1", "version", "approve", P, "1.0.0")
	mustContain(t, "version online", c.ok("--as", "dev1", "version", "online", P, "1.0.0"), "已上线 online")
	var versions []struct{ Version, State string }
	c.json(&versions, "--as", "dev1", "version", "list", P)
	if len(versions) != 1 || versions[0].Version != "1.0.0" || versions[0].State != "online" {
		t.Errorf("version list --json = %+v, want 1.0.0 online", versions)
	}

	// An empty draft cannot be submitted, and check says why, field by field.
	errOut := c.fails(exitInvalid, "--as", "dev1", "draft", "check", P)
	mustContain(t, "draft check stderr", errOut, "problems")
	out, _, _ := run(t, c.env, "--as", "dev1", "draft", "check", P)
	mustContain(t, "draft check stdout", out, "info.title:", "info.contact:")
	c.fails(exitInvalid, "--as", "dev1", "submit", P)

	c.ok("--as", "dev1", "draft", "sample", P)
	mustContain(t, "draft check", c.ok("--as", "dev1", "draft", "check", P), "complete")

	// 提交申请, then 审核驳回 with a reason the developer sees in 发布管理.
	var sub struct {
		ID    int64
		State string
		Due   string `json:"due_at"`
	}
	c.json(&sub, "--as", "dev1", "submit", P)
	if sub.State != "in_review" || sub.ID == 0 || sub.Due == "" {
		t.Fatalf("submit --json = %+v, want an in_review submission with a due time", sub)
	}
	id := strconv.FormatInt(sub.ID, 10)
	c.fails(exitConflict, "--as", "dev1", "submit", P) // one in review at a time
	c.fails(exitConflict, "--as", "dev1", "draft", "sample", P)

	// Reject without --reason is a usage error (2): the flag is required,
	// so cobra refuses the command line before anything runs. A reason of
	// only spaces gets past cobra and is refused by workflow as invalid (3).
	c.fails(exitUsage, "--as", "rev1", "review", "reject", id)
	c.fails(exitInvalid, "--as", "rev1", "review", "reject", id, "--reason", "  ")
	c.fails(exitForbidden, "--as", "dev1", "review", "approve", id)
	c.fails(exitForbidden, "--as", "buyer1", "review", "list")
	mustContain(t, "review list", c.ok("--as", "rev1", "review", "list"), id, P)
	mustContain(t, "review reject", c.ok("--as", "rev1", "review", "reject", id, "--reason", "logo 不清晰"), "审核驳回 rejected")
	mustContain(t, "submissions", c.ok("--as", "dev1", "submissions", P), "logo 不清晰", "审核驳回 rejected", "rev1")

	// 修改信息: a new draft with a Chinese title and a logo, then resubmit.
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "logo.png"))
	draft := editDraft(t, c.ok("--as", "dev1", "draft", "show", P), func(info map[string]any) {
		info["title"] = "小程序OCR车牌号识别插件"
		info["logo"] = "logo.png" // relative to the draft file's folder
	})
	writeFile(t, dir, "draft.json", string(draft))
	_, errOut, code := run(t, c.env, "--as", "dev1", "draft", "set", P, "--file", filepath.Join(dir, "draft.json"))
	if code != 0 || errOut != "" {
		t.Fatalf("draft set: exit %d, stderr %q; want 0 and no warnings", code, errOut)
	}
	c.json(&sub, "--as", "dev1", "submit", P)
	id2 := strconv.FormatInt(sub.ID, 10)
	if id2 == id {
		t.Fatalf("resubmitting reused submission %s", id)
	}
	c.fails(exitConflict, "--as", "dev1", "release", P) // not approved yet
	c.ok("--as", "rev1", "review", "approve", id2)
	c.fails(exitConflict, "--as", "rev1", "review", "approve", id2) // already approved
	mustContain(t, "release", c.ok("--as", "dev1", "release", P), "已上架 listed", "展示 shown")

	// The market: found while shown, not found while hidden (隐藏).
	mustContain(t, "market search", c.ok("market", "search", "车牌"), P, "小程序OCR车牌号识别插件")
	var hits []struct{ Plugin, Title, Visibility string }
	c.json(&hits, "market", "search", "车牌")
	if len(hits) != 1 || hits[0].Plugin != P || hits[0].Visibility != "shown" {
		t.Errorf("market search --json = %+v, want %s shown", hits, P)
	}
	var listing struct{ Visibility string }
	c.json(&listing, "--as", "dev1", "hide", P)
	if listing.Visibility != "hidden" {
		t.Errorf("hide --json visibility = %q, want hidden", listing.Visibility)
	}
	c.fails(exitConflict, "--as", "dev1", "hide", P)
	if out := c.ok("--json", "market", "search", "车牌"); strings.TrimSpace(out) != "[]" {
		t.Errorf("market search while hidden = %s, want []", out)
	}
	mustContain(t, "market search while hidden", c.ok("market", "search", "车牌"), "no listing")
	c.ok("--as", "dev1", "show", P)
	mustContain(t, "market search after show", c.ok("market", "search", "OCR车牌"), P)

	// 订购页 and 订购.
	mustContain(t, "market view", c.ok("market", "view", P),
		"小程序OCR车牌号识别插件", "组件 plate-scanner", "属性", "默认值", "onRecognize", "页面 scan", "接口 recognizePlate", "入参", "出参", "接入说明与示例代码")
	mustContain(t, "market order", c.ok("--as", "buyer1", "market", "order", P), "buyer1 ordered plugin "+P)
	c.fails(exitConflict, "--as", "buyer1", "market", "order", P)
	c.fails(exitForbidden, "--as", "dev1", "market", "order", P)
	mustContain(t, "market orders", c.ok("--as", "buyer1", "market", "orders"), P)

	// The log has every step, with the reason.
	log := c.ok("--as", "dev1", "log", P)
	mustContain(t, "log", log, "创建插件 create", "审核驳回 reject", "logo 不清晰", "上架 release", "隐藏 hide", "展示 show", "订购 order")
	var events []struct{ Action, Actor, To string }
	c.json(&events, "--as", "rev1", "log", P)
	seen := map[string]bool{}
	for _, e := range events {
		if e.Actor == "" || e.Action == "" {
			t.Errorf("event without actor or action: %+v", e)
		}
		seen[e.Action] = true
	}
	for _, a := range []string{"create", "add", "submit", "approve", "online", "reject", "release", "hide", "show", "order"} {
		if !seen[a] {
			t.Errorf("log --json has no %q event; got %+v", a, events)
		}
	}

	// --json speaks English state codes, never the Chinese labels.
	var subs []struct{ State, Reason string }
	c.json(&subs, "--as", "dev1", "submissions", P)
	if len(subs) != 2 || subs[0].State != "listed" || subs[1].State != "rejected" || subs[1].Reason != "logo 不清晰" {
		t.Errorf("submissions --json = %+v, want listed then rejected with its reason", subs)
	}
	var plugins []struct {
		ID      string
		Latest  string
		Listing string
		Online  string
	}
	c.json(&plugins, "--as", "dev1", "plugin", "list")
	if len(plugins) != 1 || plugins[0].Latest != "listed" || plugins[0].Listing != "shown" || plugins[0].Online != "1.0.0" {
		t.Errorf("plugin list --json = %+v, want listed, shown, online 1.0.0", plugins)
	}

	// Not found, for each kind of thing.
	c.fails(exitNotFound, "--as", "dev1", "submissions", "2021004100000999")
	c.fails(exitNotFound, "--as", "rev1", "review", "approve", "999")
	c.fails(exitNotFound, "--as", "nobody", "plugin", "list")
	c.fails(exitNotFound, "market", "view", "2021004100000999")
	c.fails(exitNotFound, "--as", "dev1", "version", "online", P, "9.9.9")
}

// TestIdentityFromEnvironment: PLUGPUB_USER stands in for --as, and --as wins.
func TestIdentityFromEnvironment(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("user", "add", "dev1", "--role", "developer")
	c.ok("user", "add", "rev1", "--role", "reviewer")
	c.env = append(c.env, "PLUGPUB_USER=dev1")
	mustContain(t, "plugin create", c.ok("plugin", "create", flowPlugin, "--name", "x"), "owner dev1")
	c.ok("version", "add", flowPlugin, "1.0.0")
	c.ok("version", "submit", flowPlugin, "1.0.0")
	c.fails(exitForbidden, "version", "approve", flowPlugin, "1.0.0")
	c.ok("--as", "rev1", "version", "approve", flowPlugin, "1.0.0")
}

// TestDefaultDatabasePath: without --db or PLUGPUB_DB the database goes
// under XDG_DATA_HOME, in a folder only its owner can read.
func TestDefaultDatabasePath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "xdg")}
	if _, errOut, code := run(t, env, "user", "add", "dev1", "--role", "developer"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errOut)
	}
	fi, err := os.Stat(filepath.Join(dir, "xdg", "plugpub"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("database folder mode = %v, want 0700", fi.Mode().Perm())
	}
	if _, err := os.Stat(filepath.Join(dir, "xdg", "plugpub", "plugpub.db")); err != nil {
		t.Errorf("no database at the XDG default: %v", err)
	}

	env = []string{"HOME=" + dir}
	if _, errOut, code := run(t, env, "user", "list"); code != 0 {
		t.Fatalf("user list: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, ".local", "share", "plugpub", "plugpub.db")); err != nil {
		t.Errorf("no database at the home default: %v", err)
	}
}

// editDraft changes fields of the info form in draft JSON as draft show
// printed it, the way a person would edit the file.
func editDraft(t *testing.T, shown string, edit func(info map[string]any)) []byte {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal([]byte(shown), &d); err != nil {
		t.Fatalf("draft show is not JSON: %v\n%s", err, shown)
	}
	info, ok := d["info"].(map[string]any)
	if !ok {
		t.Fatalf("draft show has no info object:\n%s", shown)
	}
	edit(info)
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
