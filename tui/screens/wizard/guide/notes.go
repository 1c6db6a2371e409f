package guide

import (
	"strings"

	"plugpub/workflow"
)

// noteIndex is the reviewer's unresolved notes on the guide, for the
// lists and editors to mark their fields with: at an exact path, and
// under each entry that holds one (its first note's text).
type noteIndex struct {
	at    map[string]string
	under map[string]string
}

// SetNotes marks the fields the reviewer's notes are on until they are
// resolved (their field changed).
func (s *Step) SetNotes(ns []workflow.NoteStatus) {
	x := noteIndex{at: map[string]string{}, under: map[string]string{}}
	for _, n := range workflow.Unresolved(ns) {
		if !strings.HasPrefix(n.Path, "guide.") {
			continue
		}
		text := workflow.SanitizeLine(n.Text)
		if _, ok := x.at[n.Path]; !ok {
			x.at[n.Path] = text
		}
		for k := range len(n.Path) {
			if n.Path[k] == ']' {
				if _, ok := x.under[n.Path[:k+1]]; !ok {
					x.under[n.Path[:k+1]] = text
				}
			}
		}
	}
	s.notes = x
}
