package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"plugpub/store"
	"plugpub/workflow"
)

// Update runs decide in one transaction on one plugin and applies the
// change it returns, with a compare-and-set on every row's Rev. The
// transaction first takes the plugin's advisory lock, so the changes of
// one plugin run one at a time from every host, as SQLite's one writer
// runs them, and decide reads what the last of them committed. A
// serialization failure or deadlock runs it all again, decide included,
// a bounded number of times. A commit NOTIFYs Channel.
func (s *Store) Update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	return s.retry(ctx, func() error { return s.update(ctx, pluginID, decide) })
}

func (s *Store) update(ctx context.Context, pluginID string, decide func(txn workflow.Txn) (workflow.Change, error)) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("starting a change of plugin "+pluginID, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "plugpub/plugin/"+pluginID); err != nil {
		return s.wrap("starting a change of plugin "+pluginID, err)
	}
	if written, err := store.Change(ctx, writeTx{conn{tx}, tx}, pluginID, s.wrap, decide); err != nil || !written {
		return err
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", Channel, pluginID); err != nil {
		return s.wrap("changing plugin "+pluginID, err)
	}
	return s.wrap("saving the change of plugin "+pluginID, tx.Commit(ctx))
}

// View runs read with Update's reads on the pool, outside any transaction.
func (s *Store) View(ctx context.Context, pluginID string, read func(txn workflow.Txn) error) error {
	return s.retry(ctx, func() error {
		return read(&store.Txn{Ctx: ctx, Conn: conn{s.pool}, PluginID: pluginID, Wrap: s.wrap})
	})
}

// writeTx is Update's transaction as the shared writer (store.Writer)
// uses it.
type writeTx struct {
	conn
	tx pgx.Tx
}

func (writeTx) IsUnique(err error) bool {
	_, ok := isUnique(err)
	return ok
}

func (t writeTx) Index(ctx context.Context, pluginID string, shown bool, m workflow.MarketText) error {
	return index(ctx, t.tx, pluginID, shown, m)
}
