package postgres

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// watcher holds one connection aside, LISTENing on Channel, which every
// commit NOTIFYs: version moves with each notification, from this host or
// any other, and once more after a reconnect, when notifications may have
// been missed, so a console reloads.
type watcher struct {
	s       *Store
	mu      sync.Mutex
	started bool
	version int64
	lost    error // set while the connection is down
	cancel  context.CancelFunc
	done    chan struct{}
}

func newWatcher(s *Store) *watcher { return &watcher{s: s, done: make(chan struct{})} }

// DataVersion returns a number that changes whenever anyone commits to the
// database. Screens poll it to show another host's changes; while the
// connection is lost it says so, and the number moves once it is back.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	w := s.watch
	w.mu.Lock()
	if !w.started {
		w.started = true
		lctx, cancel := context.WithCancel(context.Background())
		w.cancel = cancel
		ready := make(chan struct{})
		go w.run(lctx, ready)
		w.mu.Unlock()
		select {
		case <-ready:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
		w.mu.Lock()
	}
	defer w.mu.Unlock()
	if w.lost != nil {
		return w.version, w.lost
	}
	return w.version, nil
}

// run listens until ctx ends, reconnecting with a pause after a failure.
// ready is closed once the first LISTEN has run or failed.
func (w *watcher) run(ctx context.Context, ready chan struct{}) {
	defer close(w.done)
	first := true
	signal := func() {
		if first {
			first = false
			close(ready)
		}
	}
	defer signal()
	for ctx.Err() == nil {
		err := w.listen(ctx, signal)
		if ctx.Err() != nil {
			return
		}
		w.mu.Lock()
		w.lost = fmt.Errorf("lost the connection to the PostgreSQL server %s (%s); reconnecting", w.s.server, cause(err))
		w.mu.Unlock()
		signal()
		select {
		case <-ctx.Done():
			return
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (w *watcher) listen(ctx context.Context, listening func()) error {
	conn, err := w.s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer release(conn)
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	w.mu.Lock()
	if w.lost != nil {
		// Back after a loss: what was missed is reloaded.
		w.version++
	}
	w.lost = nil
	w.mu.Unlock()
	listening()
	for {
		if _, err := conn.Conn().WaitForNotification(ctx); err != nil {
			return err
		}
		w.mu.Lock()
		w.version++
		w.mu.Unlock()
	}
}

// release gives a listening connection back closed: it has a LISTEN on it.
func release(c *pgxpool.Conn) {
	c.Conn().Close(context.Background())
	c.Release()
}

func (w *watcher) close() {
	w.mu.Lock()
	started := w.started
	if w.cancel != nil {
		w.cancel()
	}
	w.mu.Unlock()
	if started {
		<-w.done
	}
}
