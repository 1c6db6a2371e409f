package sshserve

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/benchsum/figure"
	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

const benchPlugin = "2021004100000001"

// watcher is an output that says when it has shown want.
type watcher struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
	once sync.Once
}

func newWatcher(want string) *watcher {
	return &watcher{want: []byte(want), seen: make(chan struct{})}
}

func (w *watcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *watcher) wait(b *testing.B) {
	select {
	case <-w.seen:
	case <-time.After(10 * time.Second):
		w.mu.Lock()
		defer w.mu.Unlock()
		b.Fatalf("no first frame within 10s: %q", w.buf.String())
	}
}

// BenchmarkConsoleConnect is an SSH console's start as a client sees it:
// connect, authenticate, ask for a terminal and a shell, and read up to
// the first frame that shows the user's plugin. The baseline is the same
// console started locally on a pipe: the same first frame without SSH.
func BenchmarkConsoleConnect(b *testing.B) {
	w := tuitest.OnlineWorld(b, "dev1", benchPlugin, "车牌识别")
	key := newSigner(b)
	w.Must(w.Svc.AddKey(w.Ctx, workflow.Superuser, "dev1", string(gossh.MarshalAuthorizedKey(key.PublicKey()))))
	pem, err := HostKey(filepath.Join(b.TempDir(), "hk"))
	if err != nil {
		b.Fatal(err)
	}
	console := func(s *Session) (tea.Model, []tea.ProgramOption, error) {
		u, err := w.Svc.User(s.Context(), s.As)
		if err != nil {
			return nil, nil, err
		}
		c := &common.Context{Svc: w.Svc, User: u, DBPath: w.Store.Path(), Styles: common.NewStylesFor(s.Renderer),
			Keys: common.NewGlobalKeys(), Changes: w.Store.DataVersion}
		return tui.New(c, tui.Home(c)), []tea.ProgramOption{tea.WithAltScreen()}, nil
	}
	srv, err := New(Options{Listen: "127.0.0.1:0", HostKey: pem, Keys: w.Store, Log: slog.New(slog.DiscardHandler),
		Exec: func(context.Context, *Session) int { return 0 }, Console: console})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := srv.Listen()
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Shutdown(context.Background())
	cfg := &gossh.ClientConfig{User: "dev1", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}

	ours := func(int) {
		c, err := gossh.Dial("tcp", ln.Addr().String(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		out := newWatcher(benchPlugin)
		s.Stdout = out
		if _, err := s.StdinPipe(); err != nil {
			b.Fatal(err)
		}
		if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
			b.Fatal(err)
		}
		if err := s.Shell(); err != nil {
			b.Fatal(err)
		}
		out.wait(b)
	}
	local := func(int) {
		u, err := w.Svc.User(w.Ctx, "dev1")
		if err != nil {
			b.Fatal(err)
		}
		c := &common.Context{Svc: w.Svc, User: u, DBPath: w.Store.Path(), Styles: common.NewStyles(),
			Keys: common.NewGlobalKeys(), Changes: w.Store.DataVersion}
		in, _ := io.Pipe()
		out := newWatcher(benchPlugin)
		p := tea.NewProgram(tui.New(c, tui.Home(c)), tea.WithInput(in), tea.WithOutput(out), tea.WithAltScreen())
		done := make(chan struct{})
		go func() { p.Run(); close(done) }()
		p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
		out.wait(b)
		p.Kill()
		<-done
	}
	o, t := figure.Interleave(b, ours, local)
	figure.Times(b, o, t)
}
