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
		if err := insertKey(ctx, tx, k); err != nil {
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

func insertKey(ctx context.Context, tx *sql.Tx, k workflow.Key) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO user_keys (fingerprint, user, type, comment, public_key, added_by, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, k.Fingerprint, k.User, k.Type, k.Comment, k.Public, k.AddedBy, store.MS(k.AddedAt))
	return err
}

const keyCols = "fingerprint, user, type, comment, public_key, added_by, added_at"

// Keys lists a user's keys, oldest first.
func (s *Store) Keys(ctx context.Context, user string) ([]workflow.Key, error) {
	ks, err := list(ctx, s.db, store.ScanKey, "SELECT "+keyCols+" FROM user_keys WHERE user = ? ORDER BY added_at, fingerprint", user)
	return ks, s.wrap("listing the keys of user "+user, err)
}

// DeleteKey unbinds a key from user.
func (s *Store) DeleteKey(ctx context.Context, user, fingerprint string) (bool, error) {
	var n int64
	err := s.retry(ctx, func() error {
		r, err := s.db.ExecContext(ctx, "DELETE FROM user_keys WHERE user = ? AND fingerprint = ?", user, fingerprint)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return n > 0, s.wrap("removing a key of user "+user, err)
}

// KeyUser is the user a key is bound to.
func (s *Store) KeyUser(ctx context.Context, fingerprint string) (string, bool, error) {
	var u string
	err := s.db.QueryRowContext(ctx, "SELECT user FROM user_keys WHERE fingerprint = ?", fingerprint).Scan(&u)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return u, err == nil, s.wrap("finding the user of a key", err)
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
		if err := insertKey(ctx, tx, k); err != nil {
			return err
		}
		return tx.Commit()
	})
	return nameTaken, owner, s.wrap("signing up user "+u.Name, err)
}
