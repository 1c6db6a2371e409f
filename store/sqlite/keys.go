package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"plugpub/store"
	"plugpub/workflow"
)

// Keys bound to users (schema 7). Which key may be added, and what a refusal
// says, is workflow's: the store only answers in one transaction.

// PutKey binds k to k.User unless the key is bound already or the user
// holds max keys; owner and held say which, and nothing is written then.
func (s *Store) PutKey(ctx context.Context, k workflow.Key, max int) (owner string, held int, err error) {
	err = s.retry(ctx, func() error {
		owner, held = "", 0
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if owner, err = keyOwner(ctx, tx, k.Fingerprint); err != nil || owner != "" {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM user_keys WHERE user = ?", k.User).Scan(&held); err != nil {
			return err
		}
		if held >= max {
			return nil
		}
		if err := store.InsertKey(ctx, conn{tx}, k); err != nil {
			return err
		}
		return tx.Commit()
	})
	return owner, held, s.wrap("adding a key of user "+k.User, err)
}

// keyOwner is the user a key is bound to inside tx, "" when none.
func keyOwner(ctx context.Context, tx *sql.Tx, fingerprint string) (string, error) {
	var owner string
	err := tx.QueryRowContext(ctx, "SELECT user FROM user_keys WHERE fingerprint = ?", fingerprint).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return owner, err
}

// SignUp adds u and binds k to it in one transaction, unless the name is
// taken (by any user whose name differs only in case: a newcomer cannot be
// "Admin" beside "admin") or the key is bound already; nameTaken and owner
// say which, and nothing is written then.
func (s *Store) SignUp(ctx context.Context, u workflow.User, k workflow.Key) (nameTaken bool, owner string, err error) {
	err = s.retry(ctx, func() error {
		nameTaken, owner = false, ""
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if owner, err = keyOwner(ctx, tx, k.Fingerprint); err != nil || owner != "" {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE name = ? COLLATE NOCASE", u.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			nameTaken = true
			return nil
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO users (name, roles, buyer) VALUES (?, ?, ?)", u.Name, u.RoleList(), string(u.Buyer)); err != nil {
			return err
		}
		k.User = u.Name
		if err := store.InsertKey(ctx, conn{tx}, k); err != nil {
			return err
		}
		return tx.Commit()
	})
	return nameTaken, owner, s.wrap("signing up user "+u.Name, err)
}
