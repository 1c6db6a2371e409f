package sqlite

import (
	"context"

	"plugpub/store"
)

// keyTx is store.Reads.KeyTx: one write transaction (BEGIN IMMEDIATE, so
// it holds the write lock from its first read), for adding keys and
// signing up.
func (s *Store) keyTx(ctx context.Context, fn func(tx store.Conn) (bool, error)) error {
	return s.retry(ctx, func() error {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if commit, err := fn(conn{tx}); err != nil || !commit {
			return err
		}
		return tx.Commit()
	})
}
