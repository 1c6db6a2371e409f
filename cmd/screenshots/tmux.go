package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// tmuxServer is a tmux server of our own: its own socket in our temporary
// folder (so removing the folder removes it too), its own config
// (no status line, so the pane is the whole window; panes stay when the
// console exits, so a crash can be read), nothing of the user's tmux.
type tmuxServer struct {
	socket string
	conf   string
}

const session = "shot"

func newTmuxServer(dir string) (*tmuxServer, error) {
	conf := filepath.Join(dir, "tmux.conf")
	err := os.WriteFile(conf, []byte(strings.Join([]string{
		"set -g status off",
		"set -g remain-on-exit on",
		"set -g default-terminal xterm-256color",
		"set -g history-limit 0",
		"",
	}, "\n")), 0o600)
	if err != nil {
		return nil, err
	}
	return &tmuxServer{socket: filepath.Join(dir, "tmux.sock"), conf: conf}, nil
}

func (t *tmuxServer) cmd(ctx context.Context, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, "tmux", append([]string{"-u", "-S", t.socket, "-f", t.conf}, args...)...)
	c.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	return c
}

func (t *tmuxServer) run(ctx context.Context, args ...string) (string, error) {
	out, err := t.cmd(ctx, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// start opens a session of width×height running argv with colours on.
func (t *tmuxServer) start(ctx context.Context, width, height int, argv ...string) error {
	args := []string{"new-session", "-d", "-s", session, "-x", fmt.Sprint(width), "-y", fmt.Sprint(height),
		"env", "TERM=xterm-256color", "COLORTERM=", "NO_COLOR=", "CLICOLOR_FORCE=1"}
	_, err := t.run(ctx, append(args, argv...)...)
	return err
}

// stopSession ends the session; the server goes with its last session.
func (t *tmuxServer) stopSession() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = t.run(ctx, "kill-session", "-t", session)
}

// kill ends the server, whatever is left in it.
func (t *tmuxServer) kill() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _ = t.run(ctx, "kill-server")
}

func (t *tmuxServer) sendKeys(ctx context.Context, s step) error {
	for _, k := range s.keys {
		if _, err := t.run(ctx, "send-keys", "-t", session, k); err != nil {
			return err
		}
	}
	if s.text != "" {
		if _, err := t.run(ctx, "send-keys", "-t", session, "-l", s.text); err != nil {
			return err
		}
	}
	return nil
}

// capture returns the screen: plain text, or with its colours (-e).
func (t *tmuxServer) capture(ctx context.Context, colours bool) (string, error) {
	args := []string{"capture-pane", "-p", "-t", session}
	if colours {
		args = append(args, "-e")
	}
	return t.run(ctx, args...)
}

func (t *tmuxServer) dead(ctx context.Context) bool {
	out, err := t.run(ctx, "display-message", "-p", "-t", session, "#{pane_dead}")
	return err == nil && strings.TrimSpace(out) == "1"
}

const pollEvery = 100 * time.Millisecond

// errTimeout marks a wait that ran out of time.
var errTimeout = errors.New("timed out")

// waitFor polls the screen until it shows every marker, for at most timeout.
// Its error names what is missing and shows the screen as it was.
func (t *tmuxServer) waitFor(ctx context.Context, markers []string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var screen string
	for {
		s, err := t.capture(ctx, false)
		if err != nil {
			return err
		}
		screen = s
		missing := missingMarkers(screen, markers)
		if len(missing) == 0 {
			return nil
		}
		if t.dead(ctx) {
			return fmt.Errorf("the console exited; its window shows:\n%s", indent(screen))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w after %s waiting for %q; the screen shows:\n%s", errTimeout, timeout, missing, indent(screen))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pollEvery):
		}
	}
}

// settle waits until two captures in a row are the same (the console has
// drawn what it loaded), for at most timeout, and returns the coloured one.
func (t *tmuxServer) settle(ctx context.Context, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	prev := ""
	for {
		s, err := t.capture(ctx, true)
		if err != nil {
			return "", err
		}
		if s == prev {
			return s, nil
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("%w after %s: the screen kept changing", errTimeout, timeout)
		}
		prev = s
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(3 * pollEvery):
		}
	}
}

func missingMarkers(screen string, markers []string) []string {
	var missing []string
	for _, m := range markers {
		if !strings.Contains(screen, m) {
			missing = append(missing, m)
		}
	}
	return missing
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    | " + l
	}
	return strings.Join(lines, "\n")
}
