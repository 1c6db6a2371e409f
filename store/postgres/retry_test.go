package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestRetryIsBounded: a serialization failure or deadlock runs the
// transaction again, at most maxTries times, and the last refusal is said
// in words, not as the server's error.
func TestRetryIsBounded(t *testing.T) {
	s := &Store{server: "db.example:5432/plugpub"}
	ctx := context.Background()
	for _, code := range []string{"40001", "40P01"} {
		tries := 0
		err := s.retry(ctx, func() error { tries++; return &pgconn.PgError{Code: code, Message: "could not serialize"} })
		if tries != maxTries || err == nil || !strings.Contains(err.Error(), "db.example:5432/plugpub is too busy") ||
			strings.Contains(err.Error(), "serialize") {
			t.Errorf("%s: %d tries, %v", code, tries, err)
		}
		tries = 0
		err = s.retry(ctx, func() error {
			if tries++; tries < 3 {
				return &pgconn.PgError{Code: code}
			}
			return nil
		})
		if err != nil || tries != 3 {
			t.Errorf("%s: a transaction that gets through on the third try: %d tries, %v", code, tries, err)
		}
	}
	// Anything else is not run again.
	tries := 0
	refusal := errors.New("no")
	if err := s.retry(ctx, func() error { tries++; return refusal }); err != refusal || tries != 1 {
		t.Errorf("another error: %d tries, %v", tries, err)
	}
	unique := &pgconn.PgError{Code: "23505", ConstraintName: "versions_one_online"}
	if err := s.wrap("changing plugin 1", unique); err.Error() != "changing plugin 1: the database refused a duplicate (versions_one_online)" ||
		!errors.Is(err, unique) {
		t.Errorf("a unique violation says %q", err)
	}
}
