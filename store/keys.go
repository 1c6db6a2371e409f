package store

import (
	"context"

	"plugpub/workflow"
)

// Keys bound to users (SQLite schema 7). Which key may be added, and what
// a refusal says, is workflow's: the store only answers, in one
// transaction (Reads.KeyTx).

// KeyCols are a key row's columns, as ScanKey reads them ("user" quoted:
// PostgreSQL reserves the word).
const KeyCols = `fingerprint, "user", type, comment, public_key, added_by, added_at`

// Keys lists a user's keys, oldest first.
func (r Reads) Keys(ctx context.Context, user string) ([]workflow.Key, error) {
	ks, err := List(ctx, r.Conn, ScanKey, "SELECT "+KeyCols+` FROM user_keys WHERE "user" = ? ORDER BY added_at, fingerprint`+r.Binary, user)
	return ks, r.Wrap("listing the keys of user "+user, err)
}

// DeleteKey unbinds a key from user.
func (r Reads) DeleteKey(ctx context.Context, user, fingerprint string) (bool, error) {
	var n int64
	err := r.Retry(ctx, func() error {
		var err error
		n, err = r.Conn.Exec(ctx, `DELETE FROM user_keys WHERE "user" = ? AND fingerprint = ?`, user, fingerprint)
		return err
	})
	return n > 0, r.Wrap("removing a key of user "+user, err)
}

// KeyUser is the user a key is bound to.
func (r Reads) KeyUser(ctx context.Context, fingerprint string) (string, bool, error) {
	var u string
	ok, err := r.Conn.Row(ctx, `SELECT "user" FROM user_keys WHERE fingerprint = ?`, []any{fingerprint},
		func(sc Scanner) error { return sc.Scan(&u) })
	return u, ok, r.Wrap("finding the user of a key", err)
}

// insertKey binds k to k.User, inside tx.
func insertKey(ctx context.Context, tx Conn, k workflow.Key) error {
	_, err := tx.Exec(ctx, "INSERT INTO user_keys ("+KeyCols+") VALUES (?, ?, ?, ?, ?, ?, ?)",
		k.Fingerprint, k.User, k.Type, k.Comment, k.Public, k.AddedBy, MS(k.AddedAt))
	return err
}

// keyOwner is the user a key is bound to inside tx, "" when none.
func keyOwner(ctx context.Context, tx Conn, fingerprint string) (string, error) {
	var owner string
	_, err := tx.Row(ctx, `SELECT "user" FROM user_keys WHERE fingerprint = ?`, []any{fingerprint},
		func(sc Scanner) error { return sc.Scan(&owner) })
	return owner, err
}

// PutKey binds k to k.User unless the key is bound already or the user
// holds max keys; owner and held say which, and nothing is written then.
func (r Reads) PutKey(ctx context.Context, k workflow.Key, max int) (owner string, held int, err error) {
	err = r.KeyTx(ctx, func(tx Conn) (bool, error) {
		owner, held = "", 0
		var err error
		if owner, err = keyOwner(ctx, tx, k.Fingerprint); err != nil || owner != "" {
			return false, err
		}
		if held, err = Count(ctx, tx, `SELECT count(*) FROM user_keys WHERE "user" = ?`, k.User); err != nil || held >= max {
			return false, err
		}
		return true, insertKey(ctx, tx, k)
	})
	return owner, held, r.Wrap("adding a key of user "+k.User, err)
}

// SignUp adds u and binds k to it in one transaction, unless the name is
// taken (by any user whose name differs only in case: a newcomer cannot be
// "Admin" beside "admin"; names are ASCII, which lower folds alike on both
// engines) or the key is bound already; nameTaken and owner say which, and
// nothing is written then. The keys are locked as for PutKey, so a signup
// and a key add cannot both bind one key.
func (r Reads) SignUp(ctx context.Context, u workflow.User, k workflow.Key) (nameTaken bool, owner string, err error) {
	err = r.KeyTx(ctx, func(tx Conn) (bool, error) {
		nameTaken, owner = false, ""
		var err error
		if owner, err = keyOwner(ctx, tx, k.Fingerprint); err != nil || owner != "" {
			return false, err
		}
		n, err := Count(ctx, tx, "SELECT count(*) FROM users WHERE lower(name) = lower(?)", u.Name)
		if err != nil || n > 0 {
			nameTaken = n > 0
			return false, err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO users (name, roles, buyer) VALUES (?, ?, ?)", u.Name, u.RoleList(), string(u.Buyer)); err != nil {
			return false, err
		}
		k.User = u.Name
		return true, insertKey(ctx, tx, k)
	})
	return nameTaken, owner, r.Wrap("signing up user "+u.Name, err)
}
