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
	if written, err := store.Change(ctx, writeTx{conn{tx}, tx}, pluginID, s.wrap, decide); err != nil || !written {
		return err
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
