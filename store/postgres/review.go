package postgres

import (
	"plugpub/store"
	"plugpub/workflow"
)

// The writes of review that helps both sides (store/review.go).

func (w *writer) claim(s *workflow.Submission) error { return store.WriteClaim(w.ctx, conn{w.tx}, s) }

func (w *writer) note(n *workflow.Note) error {
	by, at := w.stamp(n.Author, n.At)
	return store.InsertNote(w.ctx, conn{w.tx}, w.plugin, n, by, at, func(err error) bool { _, ok := isUnique(err); return ok })
}
