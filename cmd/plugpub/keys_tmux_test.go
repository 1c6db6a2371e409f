package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The root's key mechanics on the real binary in a real terminal (issue
// 11): what tmux sends in one write is what a fast typist, a paste or a
// slow link sends.

// openWizard opens the publish wizard on the demo's listed plugin
// 2021004100000001 (修改信息) and waits for ① 插件信息.
func openWizard(c *console) {
	c.t.Helper()
	c.openPlugin("2021004100000001")
	c.keys("2")
	c.waitFor("修改信息")
	c.keys("e")
	c.waitFor("new review") // modifying a listed plugin says what it means first
	c.keys("y")
	c.waitFor("插件信息")
	c.waitFor("saved")
}

func demoDraft(t *testing.T, env []string) map[string]any {
	t.Helper()
	out, errOut, code := run(t, env, "--as", "dev1", "draft", "show", "2021004100000001")
	if code != 0 {
		t.Fatalf("draft show: %d %s", code, errOut)
	}
	var d struct {
		Info map[string]any `json:"info"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("draft show: %v\n%s", err, out)
	}
	return d.Info
}

// A bracketed paste of three lines into 服务描述 (a multi-line field) keeps
// its line breaks, which the terminal sends as carriage returns.
func TestPasteKeepsLineBreaksInTmux(t *testing.T) {
	env, c := demoConsole(t, "dev1")
	openWizard(c)
	c.keys("Tab", "Tab") // 服务标题 → 简单介绍 → 服务描述
	// huh moves the focus in a command after the key, and every field's hint
	// is on screen: wait for the focus bar on 服务描述 itself, or the paste
	// may land in 简单介绍 on a loaded machine.
	c.waitFor("┃ 服务描述")
	file := writeFile(t, t.TempDir(), "paste.txt", "PASTE-ONE\nPASTE-TWO\nPASTE-THREE")
	c.run("load-buffer", "-b", "p", file)
	c.run("paste-buffer", "-p", "-b", "p", "-t", c.name) // -p: bracketed, as a terminal pastes
	c.waitFor("PASTE-THREE")
	// The save delay and the save: waited for, bounded, since a loaded
	// machine (CI under -race) may take longer than a person notices.
	var desc string
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(250 * time.Millisecond) {
		desc, _ = demoDraft(t, env)["description"].(string)
		if strings.Contains(desc, "PASTE-THREE") || time.Now().After(deadline) {
			break
		}
	}
	if !strings.Contains(desc, "PASTE-ONE\nPASTE-TWO\nPASTE-THREE") {
		t.Fatalf("the pasted lines lost their breaks: %q", desc)
	}
	c.quit("C-c")
}

// "jj" in one write moves the cursor two rows of the plugin list.
func TestBatchedKeysMoveTwoRowsInTmux(t *testing.T) {
	_, c := demoConsole(t, "dev1")
	c.waitFor("2021004100000005")
	c.keys("jj") // one send-keys: one write, one read
	c.keys("Enter")
	s := c.waitFor("版本管理")
	if !strings.Contains(strings.SplitN(s, "\n", 2)[0], "2021004100000005") {
		t.Fatalf("jj should have moved to the third plugin (2021004100000005):\n%s", s)
	}
	c.quit("q")
}

// "abc" and esc in one write: the text reaches the draft before esc leaves.
func TestEscInTheSameReadKeepsTheEditInTmux(t *testing.T) {
	env, c := demoConsole(t, "dev1")
	openWizard(c)
	before, _ := demoDraft(t, env)["title"].(string)
	c.run("send-keys", "-t", c.name, "End", "abc", "Escape") // one write
	c.waitFor("发布管理")
	// The save that leaving started: waited for, bounded, since a loaded
	// machine (CI under -race) may take longer than a person notices.
	var after string
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(250 * time.Millisecond) {
		after, _ = demoDraft(t, env)["title"].(string)
		if after == before+"abc" || time.Now().After(deadline) {
			break
		}
	}
	if after != before+"abc" {
		t.Fatalf("title after abc+esc in one read: %q, want %q; the console shows:\n%s", after, before+"abc", c.screen())
	}
	c.quit("q")
}

// ctrl+c in the console exits 130, as the README promises.
func TestCtrlCExits130InTmux(t *testing.T) {
	env := demoEnv(t)
	c := newExitingConsole(t, env, "--as", "dev1")
	c.run("set-option", "-t", c.name, "remain-on-exit", "on")
	c.waitFor("2021004100000001")
	c.keys("C-c")
	if got := c.exitStatus(15 * time.Second); got != "130" {
		t.Fatalf("exit status after ctrl+c: %q, want 130:\n%s", got, c.screen())
	}
}
