package sshserve

import (
	"context"
	"sync"

	"plugpub/workflow"
)

// Notifying is st with notify called after every write that committed, so
// the server knows at once when a session changed the database.
func Notifying(st workflow.Store, notify func()) workflow.Store {
	if notify == nil {
		return st
	}
	return notifying{st, notify}
}

type notifying struct {
	workflow.Store
	notify func()
}

func (n notifying) after(err error) error {
	if err == nil {
		n.notify()
	}
	return err
}

func (n notifying) Update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	return n.after(n.Store.Update(ctx, pluginID, decide))
}

func (n notifying) PutUser(ctx context.Context, u workflow.User) error {
	return n.after(n.Store.PutUser(ctx, u))
}

func (n notifying) PutKey(ctx context.Context, k workflow.Key, max int) (string, int, error) {
	owner, held, err := n.Store.PutKey(ctx, k, max)
	return owner, held, n.after(err)
}

func (n notifying) DeleteKey(ctx context.Context, user, fingerprint string) (bool, error) {
	ok, err := n.Store.DeleteKey(ctx, user, fingerprint)
	return ok, n.after(err)
}

func (n notifying) SignUp(ctx context.Context, u workflow.User, k workflow.Key) (bool, string, error) {
	taken, owner, err := n.Store.SignUp(ctx, u, k)
	return taken, owner, n.after(err)
}

func (n notifying) PutLogo(ctx context.Context, ref, mime string, data []byte) error {
	return n.after(n.Store.PutLogo(ctx, ref, mime, data))
}

func (n notifying) PutApp(ctx context.Context, a workflow.App) error {
	return n.after(n.Store.PutApp(ctx, a))
}

// hub is the list of open consoles, each told when anyone commits.
type hub struct {
	mu   sync.Mutex
	next int
	subs map[int]func()
}

// subscribe adds fn, called (on a goroutine of its own) after each commit;
// the returned func removes it.
func (h *hub) subscribe(fn func()) func() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[int]func(){}
	}
	id := h.next
	h.next++
	h.subs[id] = fn
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.subs, id)
	}
}

func (h *hub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, fn := range h.subs {
		go fn() // a console that is slow to read its messages stalls only itself
	}
}

func (h *hub) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
