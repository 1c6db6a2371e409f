package sqlite

import (
	"context"

	"plugpub/workflow"
)

// View runs read with Update's reads on the pool, outside any transaction:
// it takes no write lock, so a screen asking what a user may do never waits
// for a writer. Each read sees a committed state; the action itself decides
// again inside its own transaction.
func (s *Store) View(ctx context.Context, pluginID string, read func(txn workflow.Txn) error) error {
	return s.retry(ctx, func() error {
		return read(&txn{ctx: ctx, q: s.db, plugin: pluginID, path: s.path})
	})
}
