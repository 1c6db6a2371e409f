package sqlite

import (
	"context"
	"database/sql"

	"plugpub/store"
	"plugpub/workflow"
)

// Update runs decide in one write transaction on one plugin and applies the
// change it returns, with a compare-and-set on every row's Rev. The
// transaction starts with BEGIN IMMEDIATE, so it holds the write lock while
// decide reads: a busy database fails at the start, never halfway. It is
// then run again, decide included, until it gets through or busyPatience
// has passed.
func (s *Store) Update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	return s.retry(ctx, func() error { return s.update(ctx, pluginID, decide) })
}

func (s *Store) update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("starting a change of plugin "+pluginID, err)
	}
	defer tx.Rollback()
	t := &store.Txn{Ctx: ctx, Conn: conn{tx}, PluginID: pluginID, Wrap: s.wrap}
	c, err := decide(t)
	if err != nil {
		return err
	}
	if c.Empty() {
		return nil
	}
	w := store.Writer{Ctx: ctx, Tx: writeTx{conn{tx}, tx}, Plugin: pluginID, Actor: c.Actor, At: c.At, DraftRead: t.DraftRead}
	if err := w.Apply(&c); err != nil {
		if workflow.KindOf(err) != 0 {
			return err
		}
		return s.wrap("changing plugin "+pluginID, err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap("saving the change of plugin "+pluginID, err)
	}
	return nil
}

// writeTx is Update's transaction as the shared writer (store.Writer)
// uses it.
type writeTx struct {
	conn
	tx *sql.Tx
}

func (writeTx) IsUnique(err error) bool { return isUnique(err) }

func (t writeTx) Index(ctx context.Context, pluginID string, shown bool, m workflow.MarketText) error {
	return index(ctx, t.tx, pluginID, shown, m)
}
