package workflow

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Diff names every row on which f, the facts of the event log (Replay),
// and tables, those the tables hold, disagree: nil when the log explains
// the tables exactly. Each kind of row is sorted, so the same disagreement
// reads the same each time. The tests of every package that writes (the
// store, the bulk demo, the Service) prove their writes by it.
func (f Facts) Diff(tables Facts) []string {
	var out []string
	out = append(out, mapDiff("plugin", f.Plugins, tables.Plugins)...)
	out = append(out, mapDiff("version", f.Versions, tables.Versions)...)
	out = append(out, mapDiff("submission", f.Submissions, tables.Submissions)...)
	out = append(out, mapDiff("listing", f.Listings, tables.Listings)...)
	out = append(out, mapDiff("order", f.Orders, tables.Orders)...)
	out = append(out, mapDiff("order state", f.OrderStates, tables.OrderStates)...)
	return out
}

// DiffText is Diff in one line that names the first few differences, ""
// when there are none.
func (f Facts) DiffText(tables Facts) string {
	out := f.Diff(tables)
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("… and %d more", len(out)-5))
	}
	return strings.Join(out, "; ")
}

func mapDiff[K comparable, V comparable](what string, log, tables map[K]V) []string {
	var out []string
	keys := slices.Collect(maps.Keys(log))
	for k := range tables {
		if _, ok := log[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		vl, okl := log[k]
		vt, okt := tables[k]
		if okl != okt || vl != vt {
			out = append(out, fmt.Sprintf("%s %v: log says %v (%v), tables say %v (%v)", what, k, vl, okl, vt, okt))
		}
	}
	slices.Sort(out)
	return out
}
