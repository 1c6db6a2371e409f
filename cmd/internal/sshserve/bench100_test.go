package sshserve

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/benchsum/figure"
	"plugpub/cmd/internal/sshserve/sshtest"
	"plugpub/tui"
	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// A terminal of the 100-session benchmarks: keys go in, and frames tell
// when they come out.
type term struct {
	in     io.Writer
	frames chan struct{} // a signal per write of output
	close  func()
}

type frameSignal struct{ c chan struct{} }

func (f frameSignal) Write(p []byte) (int, error) {
	select {
	case f.c <- struct{}{}:
	default:
	}
	return len(p), nil
}

// consoleBench is the world of the console benchmarks: dev1's plugin,
// a key for dev1, and a server whose consoles are the real tui.
type consoleBench struct {
	w    *tuitest.World
	key  gossh.Signer
	addr string
}

func newConsoleBench(b *testing.B) *consoleBench {
	w := tuitest.OnlineWorld(b, "dev1", benchPlugin, "车牌识别")
	key := sshtest.Key(b)
	w.Must(w.Svc.AddKey(w.Ctx, workflow.Superuser, "dev1", sshtest.AuthorizedKey(key)))
	pem, err := HostKey(filepath.Join(b.TempDir(), "hk"))
	if err != nil {
		b.Fatal(err)
	}
	c := &consoleBench{w: w, key: key}
	srv, err := New(Options{Listen: "127.0.0.1:0", HostKey: pem, Keys: w.Store, Log: slog.New(slog.DiscardHandler), MaxSessions: 1000,
		// A command holds its session open until the client closes it:
		// the bare SSH session of the memory benchmark's baseline.
		Exec: func(_ context.Context, s *Session) int {
			io.WriteString(s, "ready\n")
			<-s.Context().Done()
			return 0
		},
		Console: func(s *Session) (tea.Model, []tea.ProgramOption, error) {
			m := c.model(s.As, common.NewStylesFor(s.Renderer))
			return m, []tea.ProgramOption{tea.WithAltScreen()}, nil
		}})
	if err != nil {
		b.Fatal(err)
	}
	c.addr, _ = sshtest.Start(b, srv)
	return c
}

func (c *consoleBench) model(user string, styles common.Styles) tea.Model {
	u, err := c.w.Svc.User(c.w.Ctx, user)
	if err != nil {
		panic(err)
	}
	ctx := &common.Context{Svc: c.w.Svc, User: u, DBPath: c.w.Store.Path(), Styles: styles,
		Keys: common.NewGlobalKeys(), Changes: c.w.Store.DataVersion}
	return tui.New(ctx, tui.Home(ctx))
}

// dial connects as dev1.
func (c *consoleBench) dial(b *testing.B) *gossh.Client {
	cfg := sshtest.Config("dev1", gossh.PublicKeys(c.key))
	cfg.Timeout = 30 * time.Second // a hundred handshakes at once
	cl, err := gossh.Dial("tcp", c.addr, cfg)
	if err != nil {
		b.Fatal(err)
	}
	return cl
}

// overSSH opens a console over SSH and waits for its first frame.
func (c *consoleBench) overSSH(b *testing.B) *term {
	cl := c.dial(b)
	first := newWatcher(benchPlugin)
	frames := make(chan struct{}, 1)
	s, in := sshtest.Shell(b, cl, 40, 120, io.MultiWriter(first, frameSignal{frames}))
	first.wait(b)
	return &term{in: in, frames: frames, close: func() { s.Close(); cl.Close() }}
}

// bare opens an SSH session with a terminal as overSSH does, running a
// command that only holds it open: what SSH alone costs, with no console.
func (c *consoleBench) bare(b *testing.B) *term {
	cl := c.dial(b)
	s, err := cl.NewSession()
	if err != nil {
		b.Fatal(err)
	}
	ready := newWatcher("ready")
	s.Stdout = ready
	in, err := s.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		b.Fatal(err)
	}
	if err := s.Start("hold"); err != nil {
		b.Fatal(err)
	}
	ready.wait(b)
	return &term{in: in, close: func() { s.Close(); cl.Close() }}
}

// local opens the same console on a pipe in this process, drawing in the
// colours an SSH client with TERM=xterm-256color gets: without them a
// frame is plain text, and the baseline would skip the styling (and the
// measuring of styled lines) that every SSH frame does.
func (c *consoleBench) local(b *testing.B) *term {
	pr, pw := io.Pipe()
	first := newWatcher(benchPlugin)
	frames := make(chan struct{}, 1)
	styles := common.NewStylesFor(lipgloss.NewRenderer(io.Discard, termenv.WithProfile(termenv.ANSI256)))
	p := tea.NewProgram(c.model("dev1", styles), tea.WithInput(pr), tea.WithOutput(io.MultiWriter(first, frameSignal{frames})), tea.WithAltScreen())
	done := make(chan struct{})
	go func() { p.Run(); close(done) }()
	p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	first.wait(b)
	return &term{in: pw, frames: frames, close: func() { p.Kill(); <-done; pw.Close() }}
}

func openAll(b *testing.B, n int, open func(*testing.B) *term) []*term {
	ts := make([]*term, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8) // connect a few at a time, as people would
	for i := range ts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ts[i] = open(b)
		}()
	}
	wg.Wait()
	return ts
}

func closeAll(ts []*term) {
	for _, t := range ts {
		t.close()
	}
}

// press makes every terminal press a key every 50 ms for d (1 and 2 by
// turns, which switch tabs, so each makes a new frame) and returns each
// key's time to the next frame.
func press(ts []*term, d time.Duration) []time.Duration {
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	for i, t := range ts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 50 * time.Millisecond / time.Duration(len(ts))) // spread the keys
			var mine []time.Duration
			end := time.Now().Add(d)
			for k := 0; time.Now().Before(end); k++ {
				select { // drop what an earlier frame left
				case <-t.frames:
				default:
				}
				start := time.Now()
				if _, err := t.in.Write([]byte{"21"[k%2]}); err != nil {
					return
				}
				select {
				case <-t.frames:
					mine = append(mine, time.Since(start))
				case <-time.After(2 * time.Second):
					mine = append(mine, 2*time.Second)
				}
				time.Sleep(time.Until(start.Add(50 * time.Millisecond)))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all
}

func pct(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

// benchSeconds is how long the 100 sessions press keys:
// $PLUGPUB_BENCH_SECONDS (the 10), else 3.
func benchSeconds() time.Duration {
	if n, err := strconv.Atoi(os.Getenv("PLUGPUB_BENCH_SECONDS")); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return 3 * time.Second
}

// BenchmarkConsoleKeys100 is 100 SSH consoles at once, each pressing a
// key every 50 ms: the time from a key to its frame, p50 and p99. The
// baseline is 100 local consoles on pipes pressing the same keys.
func BenchmarkConsoleKeys100(b *testing.B) {
	c := newConsoleBench(b)
	const n = 100
	for range b.N {
		remote := openAll(b, n, c.overSSH)
		ours := press(remote, benchSeconds())
		closeAll(remote)
		locals := openAll(b, n, c.local)
		base := press(locals, benchSeconds())
		closeAll(locals)
		b.ReportMetric(figure.Ms(pct(ours, 0.5)), "p50-ms")
		b.ReportMetric(figure.Ms(pct(base, 0.5)), "base-p50-ms")
		b.ReportMetric(figure.Ms(pct(base, 0.99)), "base-ms")
		b.ReportMetric(figure.Ms(pct(ours, 0.99)), figure.Millis)
		if mb := pct(base, 0.99); mb > 0 {
			b.ReportMetric(float64(pct(ours, 0.99))/float64(mb), figure.Ratio)
		}
	}
}

func heapMiB() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse+m.StackInuse) / (1 << 20)
}

// BenchmarkConsoleMemory100 is the memory an open SSH console costs: heap
// and stacks in use with 100 open, less before, ÷ 100. The client side is
// in this process too (x/crypto), so this is an upper bound on the
// server's share. The baseline is the same physical work in two parts,
// each measured the same way: 100 bare SSH sessions with a terminal (the
// transport, both ends) plus 100 local consoles (the console). A local
// console alone is a few tens of KiB, too small a baseline to divide by.
func BenchmarkConsoleMemory100(b *testing.B) {
	c := newConsoleBench(b)
	const n = 100
	per := func(open func(*testing.B) *term) float64 {
		before := heapMiB()
		ts := openAll(b, n, open)
		mib := (heapMiB() - before) / n
		closeAll(ts)
		time.Sleep(100 * time.Millisecond)
		return mib
	}
	for range b.N {
		ours := per(c.overSSH)
		figure.Memory(b, ours, per(c.bare)+per(c.local))
	}
}
