package sshserve

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"plugpub/cmd/benchsum/figure"
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
	c := newConsoleBench(b)
	ours := func(int) { c.overSSH(b).close() }
	local := func(int) { c.local(b).close() }
	o, t := figure.Interleave(b, ours, local)
	figure.Times(b, o, t)
}
