package store

import (
	"fmt"
	"io/fs"
	"sort"
)

// Migration is one embedded schema step of an engine.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations reads an engine's embedded migrations/ folder, whose files
// are named NNNN_what.sql and must number 1, 2, 3 … without gaps, up to
// want (the engine's SchemaVersion).
func Migrations(fsys fs.FS, want int) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		var n int
		if _, err := fmt.Sscanf(e.Name(), "%04d_", &n); err != nil {
			return nil, fmt.Errorf("migration %s: the name must start with a 4-digit number", e.Name())
		}
		b, err := fs.ReadFile(fsys, "migrations/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: n, Name: e.Name(), SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.Name, i+1)
		}
	}
	if len(ms) != want {
		return nil, fmt.Errorf("there are %d migrations but SchemaVersion is %d", len(ms), want)
	}
	return ms, nil
}
