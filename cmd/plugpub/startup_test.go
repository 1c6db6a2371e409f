package main

import (
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"early.invalid/termbg"
	"github.com/creack/pty"
)

// oscBackgroundQuery is what termenv writes to ask a terminal for its
// background colour, then waits up to 5 s for the answer.
const oscBackgroundQuery = "\x1b]11;?"

// silentTerm runs the real binary on a pseudo-terminal that never answers
// anything: it records what the program writes, with when it arrived, and
// writes back only the keys a test types.
type silentTerm struct {
	tb    testing.TB
	cmd   *exec.Cmd
	pty   *os.File
	start time.Time
	exit  chan error

	mu     sync.Mutex
	out    []byte
	chunks []chunk // where each read ended, and when it arrived
	eof    bool
	more   *sync.Cond
}

type chunk struct {
	end int
	at  time.Duration
}

// terminalEnv is a test environment for a real terminal: a TERM termenv
// would query, and none of the variables that make it skip the query (CI
// set, COLORFGBG, a screen or tmux TERM).
func terminalEnv(env []string) []string {
	out := slices.DeleteFunc(append(cleanEnviron(), env...), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		return k == "CI" || k == "COLORFGBG" || k == "TERM" || k == "TERM_PROGRAM" || k == "TMUX"
	})
	return append(out, "TERM=xterm-256color")
}

// startSilent starts plugpub args on a 100×30 silent terminal; stdout is the
// terminal unless the caller set cmd.Stdout first through prep.
func startSilent(tb testing.TB, env []string, prep func(*exec.Cmd), args ...string) *silentTerm {
	tb.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = terminalEnv(env)
	if prep != nil {
		prep(cmd)
	}
	s := &silentTerm{tb: tb, cmd: cmd, exit: make(chan error, 1)}
	s.more = sync.NewCond(&s.mu)
	s.start = time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	if err != nil {
		tb.Fatalf("starting plugpub on a pty: %v", err)
	}
	s.pty = f
	go s.read()
	go func() { s.exit <- cmd.Wait() }()
	tb.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
		f.Close()
	})
	return s
}

func (s *silentTerm) read() {
	buf := make([]byte, 64<<10)
	for {
		n, err := s.pty.Read(buf)
		at := time.Since(s.start)
		s.mu.Lock()
		if n > 0 {
			s.out = append(s.out, buf[:n]...)
			s.chunks = append(s.chunks, chunk{end: len(s.out), at: at})
		}
		if err != nil {
			s.eof = true
		}
		s.more.Broadcast()
		s.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// waitFor returns how long after the start marker was first written, or
// false if it was not within timeout.
func (s *silentTerm) waitFor(marker string, timeout time.Duration) (time.Duration, bool) {
	deadline := time.Now().Add(timeout)
	wake := time.AfterFunc(timeout, func() {
		s.mu.Lock()
		s.more.Broadcast()
		s.mu.Unlock()
	})
	defer wake.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		if i := bytes.Index(s.out, []byte(marker)); i >= 0 {
			end := i + len(marker)
			k, _ := slices.BinarySearchFunc(s.chunks, end, func(c chunk, e int) int { return c.end - e })
			return s.chunks[k].at, true
		}
		if s.eof || !time.Now().Before(deadline) {
			return 0, false
		}
		s.more.Wait()
	}
}

// output is everything written so far.
func (s *silentTerm) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.out)
}

func (s *silentTerm) typeKeys(k string) {
	if _, err := s.pty.Write([]byte(k)); err != nil {
		s.tb.Fatalf("typing %q: %v", k, err)
	}
}

// wait returns how long after the start the program exited, or false if it
// had not within timeout.
func (s *silentTerm) wait(timeout time.Duration) (time.Duration, bool) {
	select {
	case <-s.exit:
		took := time.Since(s.start)
		// The process may exit before the reader has drained what it
		// wrote: wait for the end of its output (a marker never written
		// returns at EOF), so output() has it all.
		s.waitFor("\x00", 5*time.Second)
		return took, true
	case <-time.After(timeout):
		return 0, false
	}
}

// patience is far more than startup takes and far less than the 5 s
// termenv waits for a terminal that does not answer.
const patience = 2 * time.Second

// TestStartupNeverWaitsOnTheTerminal runs the real binary on a terminal that
// never answers. Without tui/termbg, bubbletea's init asks it for its
// background colour and every command, --help included, waits 5 s.
func TestStartupNeverWaitsOnTheTerminal(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)

	noQuery := func(t *testing.T, s *silentTerm) {
		t.Helper()
		if out := s.output(); strings.Contains(out, oscBackgroundQuery) {
			t.Errorf("plugpub asked the terminal for its background colour (OSC 11):\n%q", out)
		}
	}
	t.Run("help", func(t *testing.T) {
		s := startSilent(t, c.env, nil, "--help")
		if took, ok := s.wait(patience); !ok {
			t.Fatalf("plugpub --help did not finish within %v on a silent terminal; it wrote:\n%q", patience, s.output())
		} else {
			t.Logf("plugpub --help took %v", took)
		}
		noQuery(t, s)
	})
	t.Run("command", func(t *testing.T) {
		s := startSilent(t, c.env, nil, "--as", "dev1", "plugin", "list")
		if _, ok := s.wait(patience); !ok {
			t.Fatalf("plugpub plugin list did not finish within %v on a silent terminal; it wrote:\n%q", patience, s.output())
		}
		mustContain(t, "plugin list", s.output(), "2021004100000001")
		noQuery(t, s)
	})
	t.Run("console", func(t *testing.T) {
		s := startSilent(t, c.env, nil, "--as", "dev1")
		took, ok := s.waitFor("2021004100000001", patience)
		if !ok {
			t.Fatalf("the console showed no plugins within %v on a silent terminal; it wrote:\n%q", patience, s.output())
		}
		t.Logf("first frame with data after %v", took)
		noQuery(t, s)
		s.typeKeys("q")
		if _, ok := s.wait(patience); !ok {
			t.Fatalf("q did not quit the console")
		}
	})
	t.Run("stdout is a pipe", func(t *testing.T) {
		var out bytes.Buffer
		s := startSilent(t, c.env, func(cmd *exec.Cmd) { cmd.Stdout = &out }, "--as", "dev1")
		if _, ok := s.wait(patience); !ok {
			t.Fatalf("plugpub with stdout a pipe did not finish within %v", patience)
		}
		mustContain(t, "stdout", out.String(), "needs a terminal")
		noQuery(t, s)
	})
}

// TestStartupInitOrder guards what tui/termbg relies on: its init runs
// before bubbletea's. Should a Go release or a dependency change the order,
// this says why the silent-terminal test fails.
func TestStartupInitOrder(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(binPath, "--help")
	cmd.Env = append(cleanEnviron(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("plugpub --help: %v\n%s", err, stderr.String())
	}
	var order []string
	for l := range strings.Lines(stderr.String()) {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "init" {
			order = append(order, f[1])
		}
	}
	termbg := slices.Index(order, "early.invalid/termbg")
	tea := slices.Index(order, "github.com/charmbracelet/bubbletea")
	if termbg < 0 || tea < 0 || termbg > tea {
		t.Fatalf("early.invalid/termbg must be initialised before github.com/charmbracelet/bubbletea (at %d and %d of %d inits): %v",
			termbg, tea, len(order), order)
	}
}

// TestTermbgDark: COLORFGBG says the background when a terminal sets it;
// without it the background is taken to be dark.
func TestTermbgDark(t *testing.T) {
	for v, want := range map[string]bool{"": true, "15;0": true, "0;15": false, "15;default;0": true, "0;default;7": false,
		"12;8": false, "7;6": true, "junk": true, "15;x": true} {
		if got := termbg.Dark(v); got != want {
			t.Errorf("Dark(%q) = %v, want %v", v, got, want)
		}
	}
}
