package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
goarch: amd64
pkg: plugpub/store/sqlite
cpu: AMD EPYC
BenchmarkSearch/车牌-2         	     300	  14508843 ns/op	  9.5 base-ms	  0.43 ms	  0.045 ratio
BenchmarkSearch/车牌-2         	     300	  14508843 ns/op	  9.9 base-ms	  0.45 ms	  0.046 ratio
BenchmarkSearch/车牌-2         	     300	  14508843 ns/op	  9.1 base-ms	  9.00 ms	  0.99 ratio
BenchmarkSearch/插件-2         	     300	   5175134 ns/op	  4.5 base-ms	  0.50 ms	  0.11 ratio
BenchmarkSubmit-2   	      40	  85795555 ns/op	  2.3 base-ms	  12.2 ms	  5.3 ratio
pkg: plugpub/tui/screens/publish
BenchmarkPage-2   	     156	  12475370 ns/op	  1.1 base-ms	  1.5 ms	  2.6 ratio
PASS
ok  	plugpub/store/sqlite	21.684s
pkg: plugpub/cmd/plugpub
--- FAIL: BenchmarkCLI/log
`

func TestRows(t *testing.T) {
	runs, cpu, failed, err := parse(strings.NewReader(sample))
	if err != nil || cpu != "AMD EPYC" || len(failed) != 1 || len(runs) != 4 {
		t.Fatalf("parse: %d runs, cpu %q, failed %v, %v", len(runs), cpu, failed, err)
	}
	got := map[string]row{}
	for _, r := range rows(runs) {
		got[r.cells[0]] = r
	}
	for label, want := range map[string]struct {
		value string
		ok    bool
	}{
		"market search 车牌": {"0.45 ms", true}, // the median of three runs, one of them slow
		"market search 插件": {"0.50 ms", false},
		// Over its 5 ms target on a loaded machine, but so was its baseline.
		"submit 200 components × 20 props": {"12.2 ms", true},
		// Under its 2 ms target, but 2.6 times its baseline.
		"发布管理 page of 50, mid-list":     {"1.50 ms", false},
		"key press, 发布管理, 100,000 rows": {"not measured", false},
	} {
		r, ok := got[label]
		if !ok {
			t.Errorf("no row %q in %v", label, got)
			continue
		}
		if r.cells[1] != want.value || r.ok != want.ok {
			t.Errorf("%s: %q ok=%v, want %q ok=%v", label, r.cells[1], r.ok, want.value, want.ok)
		}
	}
}

// TestEveryBudgetIsARatio holds each budget to a ratio: an absolute one
// measures the machine (issue 12.11), so it is only printed.
func TestEveryBudgetIsARatio(t *testing.T) {
	for _, b := range budgets {
		if b.maxRatio <= 0 || b.baseline == "" {
			t.Errorf("%s %s: no ratio budget (%g) or no baseline (%q)", b.pkg, b.name, b.maxRatio, b.baseline)
		}
	}
	rs := rows(nil)
	for _, r := range rs {
		if r.ok {
			t.Errorf("%s holds with nothing measured", r.cells[0])
		}
	}
}
