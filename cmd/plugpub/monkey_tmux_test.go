package main

import (
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMonkeyInTmux is the whole program under abuse: the real binary in a
// terminal, a burst of random keys, pastes and window resizes (down to one
// cell), then q, and the process must have exited by itself with code 0 (a
// panic exits non-zero). The in-process monkey (tui/monkey_test.go) covers
// every screen in depth; this checks what it cannot: the input parser, the
// renderer and the terminal.
func TestMonkeyInTmux(t *testing.T) {
	env := demoEnv(t)
	for _, as := range []string{"dev1", "reviewer1"} {
		t.Run(as, func(t *testing.T) {
			seed := int64(len(as)) * 7919
			c := newConsole(t, env, "--as", as)
			// The pane outlives the program, so its exit status can be read.
			c.run("set-option", "-t", c.name, "remain-on-exit", "on")
			c.waitFor("plugpub")
			rng := rand.New(rand.NewSource(seed))
			var trail []string // what was sent, for the failure message
			batches := 60
			if raceEnabled {
				batches = 20 // the race detector makes each key ten times dearer
			}
			for i := 0; i < batches; i++ {
				if rng.Intn(3) == 0 {
					w, h := 1+rng.Intn(200), 1+rng.Intn(60)
					if rng.Intn(4) == 0 {
						w, h = 1+rng.Intn(10), 1+rng.Intn(4)
					}
					c.run("resize-window", "-t", c.name, "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
					trail = append(trail, fmt.Sprintf("resize %dx%d", w, h))
				}
				trail = append(trail, c.sendRandom(rng)...)
				if dead, status := c.exited(); dead {
					t.Fatalf("seed %d: the program exited (status %s) before q, after batch %d; the last keys:\n  %s",
						seed, status, i, monkeyTail(trail))
				}
				time.Sleep(10 * time.Millisecond)
			}
			c.run("resize-window", "-t", c.name, "-x", "100", "-y", "30")
			// Leave any dialog, search box or wizard first: there q is text.
			// Each key waits for the screen to settle: escapes that queue up
			// behind a burst reach the program as one read, which it takes
			// for alt+esc (and "\x1bq" for alt+q), as with any terminal.
			// Edits that cannot be saved make leaving ask (keep editing
			// or discard); a user who wants out answers y, and so does this.
			for range 6 {
				c.settle(seed)
				if strings.Contains(c.screen(), "放弃未保存") {
					c.run("send-keys", "-t", c.name, "y")
					continue
				}
				c.run("send-keys", "-t", c.name, "Escape")
			}
			c.settle(seed)
			c.run("send-keys", "-t", c.name, "q")
			deadline := time.Now().Add(10 * time.Second)
			for {
				dead, status := c.exited()
				if dead {
					if status != "0" {
						t.Fatalf("seed %d: exit status %s; the last keys:\n  %s\nthe screen:\n%s", seed, status, monkeyTail(trail), c.screen())
					}
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("seed %d: q did not quit; the last keys:\n  %s\nthe screen:\n%s", seed, monkeyTail(trail), c.screen())
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
}

// monkeyTail is the end of what was sent, one event a line.
func monkeyTail(trail []string) string { return strings.Join(trail[max(0, len(trail)-30):], "\n  ") }

// settle waits until the program has worked through what was typed: its
// screen stays the same and it uses no CPU for a moment. (A screen alone
// can stand still while a slow key is being handled.)
func (c *console) settle(seed int64) {
	c.t.Helper()
	pid := strings.TrimSpace(c.run("display-message", "-p", "-t", c.name, "#{pane_pid}"))
	deadline := time.Now().Add(30 * time.Second)
	last, lastCPU := c.screen(), cpuTicks(pid)
	for {
		time.Sleep(250 * time.Millisecond)
		now, cpu := c.screen(), cpuTicks(pid)
		if now == last && cpu == lastCPU {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("seed %d: the program was still busy after 30s:\n%s", seed, now)
		}
		last, lastCPU = now, cpu
	}
}

// cpuTicks is the CPU time a process has used, in clock ticks ("" where
// /proc is missing, and then only the screen tells).
func cpuTicks(pid string) string {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return ""
	}
	// The fields after the command name, which may hold spaces, start
	// after its closing parenthesis; utime and stime are the 14th and 15th.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return ""
	}
	return f[11] + "+" + f[12]
}

// exited reports whether the program has exited, and its status: "0", a
// code, or "signal N".
func (c *console) exited() (bool, string) {
	c.t.Helper()
	f := strings.Split(strings.TrimSpace(c.run("display-message", "-p", "-t", c.name, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}")), "|")
	if len(f) != 3 || f[0] != "1" {
		return false, ""
	}
	switch {
	case f[2] != "":
		return true, "signal " + f[2]
	case f[1] == "":
		return true, "0" // tmux 3.3 leaves the status of a clean exit empty
	}
	return true, f[1]
}

// pasteMax is how many times a pasted text repeats at most; under the race
// detector the wizard takes a long paste at a few characters a millisecond.
var pasteMax = map[bool]int{false: 30, true: 4}[raceEnabled]

// tmuxKeys are key names tmux sends as the terminal would.
var tmuxKeys = strings.Fields("Enter Escape Tab BTab Up Down Left Right PPage NPage Home End BSpace DC Space " +
	"C-n C-p C-l C-r C-o C-s C-a C-e C-k C-u C-w C-d C-f C-b F1 F2 M-a M-Enter / ? 1 2 3 a e n p s x w l h o j k g G")

var tmuxText = []string{"车牌识别", "插件", "1.2.0", "👨‍👩‍👧‍👦❤️1️⃣", "e\u0301\u0301", "\u202e反转\u202c", "\u2066x\u2069",
	"\x1b[2J", "\x1b]0;pwned\x07", "\x1b[31m红", "\x9b6n", "\t", "https://example.com", "a@b.cn"}

// sendRandom types one batch: key names, text and now and then a paste,
// and says what it sent. Never q or ctrl+c, which would end the run early.
func (c *console) sendRandom(rng *rand.Rand) (sent []string) {
	c.t.Helper()
	var names []string
	flush := func() {
		if len(names) > 0 {
			c.run(append([]string{"send-keys", "-t", c.name}, names...)...)
			sent = append(sent, strings.Join(names, " "))
			names = names[:0]
		}
	}
	for range 5 + rng.Intn(10) {
		switch rng.Intn(10) {
		case 0, 1:
			flush()
			text := tmuxText[rng.Intn(len(tmuxText))]
			if rng.Intn(4) == 0 {
				text = strings.Repeat(text+" 车牌识别插件 ", 1+rng.Intn(pasteMax))
			}
			text = strings.NewReplacer("q", "", "\x03", "").Replace(text)
			c.run("send-keys", "-t", c.name, "-l", text)
			sent = append(sent, fmt.Sprintf("text %q", text))
		default:
			names = append(names, tmuxKeys[rng.Intn(len(tmuxKeys))])
		}
	}
	flush()
	return sent
}
