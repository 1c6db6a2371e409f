package workflow_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"plugpub/workflow"
)

// factsDiff names the first few differences between two Facts.
func factsDiff(a, b workflow.Facts) string {
	var out []string
	out = append(out, mapDiff("plugin", a.Plugins, b.Plugins)...)
	out = append(out, mapDiff("version", a.Versions, b.Versions)...)
	out = append(out, mapDiff("submission", a.Submissions, b.Submissions)...)
	out = append(out, mapDiff("listing", a.Listings, b.Listings)...)
	out = append(out, mapDiff("order", a.Orders, b.Orders)...)
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("… and %d more", len(out)-5))
	}
	return strings.Join(out, "; ")
}

func mapDiff[K comparable, V comparable](what string, a, b map[K]V) []string {
	var out []string
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		va, oka := a[k]
		vb, okb := b[k]
		if oka != okb || va != vb {
			out = append(out, fmt.Sprintf("%s %v: log says %v (%v), tables say %v (%v)", what, k, va, oka, vb, okb))
		}
	}
	slices.Sort(out)
	return out
}
