// Command benchsum reads the output of go test -bench and prints plugpub's
// performance budgets as a table: each figure, the baseline measured beside
// it, their ratio, the budget and whether it holds. make bench runs it.
//
// Benchmarks report their figures through package figure (units ms or MiB,
// base-ms or base-MiB, ratio); with -count N the median of the N runs is
// shown. A budget is judged by the ratio alone; the absolute target is
// printed beside it for the record. It exits 1 when a budget is missed, was not measured, or a
// benchmark failed.
//
//	go test -run '^$' -bench . -count 3 ./... > bench.txt
//	go run ./cmd/benchsum bench.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"plugpub/cmd/benchsum/figure"
)

// budget is one line of the performance budget (issue 6). name is a
// benchmark, or a prefix ending in / that matches each of its sub-benchmarks.
//
// Every budget is judged by the ratio of its figure to a baseline the
// benchmark measures in the same run, doing the same physical work without
// what the figure is about (issue 12.11): on a loaded machine both slow
// down together, where an absolute budget measured the machine. target is
// the absolute figure, printed beside the value for the record and
// not judged. The ratio limits are the figures measured on the 2-core
// development machine with about twice their headroom.
type budget struct {
	pkg, name string
	label     string
	unit      string  // figure.Millis or figure.MiB
	target    float64 // the absolute target, for the record; 0 for none
	maxRatio  float64 // the budget on figure ÷ baseline
	baseline  string  // what the baseline is
}

var budgets = []budget{
	{"plugpub/tui/screens/publish", "BenchmarkKeyPress", "key press, 发布管理, 100,000 rows", figure.Millis, 1, 0.5, "bubbles table"},
	{"plugpub/tui/screens/review", "BenchmarkKeyPress", "key press, 审核队列, 100,000 rows", figure.Millis, 1, 0.5, "bubbles table"},
	{"plugpub/tui/screens/users", "BenchmarkKeyPress", "key press, 使用者管理, 100,000 orders", figure.Millis, 1, 0.5, "bubbles table"},
	{"plugpub/tui", "BenchmarkFirstFrame/", "first frame, large db", figure.Millis, 50, 5, "small db"},
	{"plugpub/store/sqlite", "BenchmarkSearch/", "market search", figure.Millis, 3, 0.1, "LIKE scan"},
	{"plugpub/store/sqlite", "BenchmarkSearchWords/", "market search, several words", figure.Millis, 3, 0.1, "LIKE scan, every word"},
	{"plugpub/store/sqlite", "BenchmarkSubmit", "submit 200 components × 20 props", figure.Millis, 5, 12, "raw SQLite write"},
	{"plugpub/tui/screens/publish", "BenchmarkPage", "发布管理 page of 50, mid-list", figure.Millis, 2, 2, "first page"},
	{"plugpub/store/sqlite", "BenchmarkOrdersPage/", "使用者管理 page of 50, 1,000 in, by state:", figure.Millis, 2, 2, "发布管理 page"},
	{"plugpub/tui/screens/users", "BenchmarkPage", "使用者管理 page of 50, mid-list", figure.Millis, 2, 2, "first page"},
	{"plugpub/store/sqlite", "BenchmarkReviewStats", "review stats (审核队列 header, review stats)", figure.Millis, 5, 3, "queue page + count"},
	{"plugpub/tui/screens/review", "BenchmarkHeader", "审核队列 header: figures + drawing", figure.Millis, 5, 5, "key press"},
	{"plugpub/cmd/plugpub", "BenchmarkScrollMemory", "peak memory, 10,000 rows paged", figure.MiB, 64, 3.5, "small db"},
	{"plugpub/cmd/plugpub", "BenchmarkStartup", "first frame, silent terminal", figure.Millis, 50, 7, "stdout a pipe"},
	{"plugpub/cmd/plugpub", "BenchmarkCLI/", "process:", figure.Millis, 50, 2.5, "small db"},
	{"plugpub/cmd/internal/sshserve", "BenchmarkConsoleConnect", "ssh console: connect, auth, first frame", figure.Millis, 100, 1.5, "local console on a pipe"},
	{"plugpub/cmd/plugpub", "BenchmarkServePluginList", "ssh plugin list --json, x/crypto client", figure.Millis, 20, 0.6, "local binary"},
	{"plugpub/cmd/internal/sshserve", "BenchmarkConsoleKeys100", "key to frame p99, 100 ssh consoles", figure.Millis, 15, 1.5, "100 local consoles"},
	{"plugpub/cmd/internal/sshserve", "BenchmarkConsoleMemory100", "memory per ssh console", figure.MiB, 3, 3, "bare ssh session + local console"},
}

// engines are the benchmarks that run one operation on PostgreSQL and on
// SQLite by turns, on the same data: the figure is PostgreSQL's, the
// baseline SQLite's. They are printed side by side after the budgets, with
// the ratio, and not judged: the budgets above hold the default engine, and
// this table says what moving to a shared server costs.
var engines = []struct{ pkg, name string }{
	{"plugpub/store/postgres", "BenchmarkLargeEngines/"},
}

// run is what one benchmark reported, each metric once per -count run.
type run struct {
	pkg, name string
	metrics   map[string][]float64
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// parse reads go test -bench output: the runs in order of first
// appearance, the cpu line, and the lines that say something failed.
func parse(r io.Reader) (runs []*run, cpu string, failed []string, err error) {
	byKey := map[string]*run{}
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimPrefix(line, "pkg: ")
		case strings.HasPrefix(line, "cpu: "):
			cpu = strings.TrimPrefix(line, "cpu: ")
		case strings.HasPrefix(line, "--- FAIL"), strings.HasPrefix(line, "FAIL"), strings.HasPrefix(line, "panic:"):
			failed = append(failed, line)
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		key := pkg + " " + m[1]
		rn := byKey[key]
		if rn == nil {
			rn = &run{pkg: pkg, name: m[1], metrics: map[string][]float64{}}
			byKey[key] = rn
			runs = append(runs, rn)
		}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				rn.metrics[f[i+1]] = append(rn.metrics[f[i+1]], v)
			}
		}
	}
	return runs, cpu, failed, sc.Err()
}

func median(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	return s[len(s)/2]
}

// row is one line of the table.
type row struct {
	cells []string
	ok    bool
}

func (b budget) matches(r *run) bool {
	if r.pkg != b.pkg {
		return false
	}
	if strings.HasSuffix(b.name, "/") {
		return strings.HasPrefix(r.name, b.name)
	}
	return r.name == b.name
}

func (b budget) label1(r *run) string {
	if !strings.HasSuffix(b.name, "/") {
		return b.label
	}
	return b.label + " " + strings.TrimPrefix(r.name, b.name)
}

func (b budget) limit() string { return fmt.Sprintf("≤ %g×", b.maxRatio) }

// record is the absolute target, printed and not judged.
func (b budget) record() string {
	if b.target == 0 {
		return ""
	}
	return fmt.Sprintf("≤ %g %s", b.target, b.unit)
}

func number(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// rows checks every budget against the runs.
func rows(runs []*run) []row {
	var out []row
	for _, b := range budgets {
		found := false
		for _, r := range runs {
			if !b.matches(r) {
				continue
			}
			found = true
			v := median(r.metrics[b.unit])
			base := median(r.metrics["base-"+b.unit])
			ratio := median(r.metrics[figure.Ratio])
			ok := len(r.metrics[b.unit]) > 0 && len(r.metrics[figure.Ratio]) > 0 && ratio <= b.maxRatio
			res := "ok"
			if !ok {
				res = "MISS"
			}
			out = append(out, row{ok: ok, cells: []string{b.label1(r), number(v) + " " + b.unit,
				number(base) + " " + b.unit + " " + b.baseline, number(ratio) + "×", b.limit(), b.record(), res}})
		}
		if !found {
			out = append(out, row{cells: []string{b.label, "not measured", "", "", b.limit(), b.record(), "MISS"}})
		}
	}
	return out
}

// sideBySide is the engines table: each operation's PostgreSQL and SQLite
// medians and their ratio; nothing when none ran (no $PLUGPUB_BENCH_DB, or
// no PostgreSQL binaries).
func sideBySide(runs []*run) [][]string {
	var out [][]string
	for _, e := range engines {
		for _, r := range runs {
			if r.pkg != e.pkg || !strings.HasPrefix(r.name, e.name) || len(r.metrics[figure.Millis]) == 0 {
				continue
			}
			out = append(out, []string{strings.TrimPrefix(r.name, e.name),
				number(median(r.metrics[figure.Millis])) + " ms", number(median(r.metrics[figure.BaseMillis])) + " ms",
				number(median(r.metrics[figure.Ratio])) + "×"})
		}
	}
	return out
}

// table lines cells up in columns by their width on a terminal (Chinese is
// two cells wide).
func table(w io.Writer, head []string, rs []row) {
	all := [][]string{head}
	for _, r := range rs {
		all = append(all, r.cells)
	}
	widths := make([]int, len(head))
	for _, cells := range all {
		for i, c := range cells {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	for _, cells := range all {
		var b strings.Builder
		for i, c := range cells {
			b.WriteString(c)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func main() {
	in := io.Reader(os.Stdin)
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchsum:", err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	}
	runs, cpu, failed, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchsum:", err)
		os.Exit(2)
	}
	rs := rows(runs)
	fmt.Printf("\nplugpub performance budgets — %s, %d cores, %s (medians of each benchmark's runs)\n\n",
		strings.TrimSpace(cpu), runtime.NumCPU(), runtime.Version())
	table(os.Stdout, []string{"figure", "value", "baseline", "ratio", "budget", "target (for the record)", ""}, rs)
	if sbs := sideBySide(runs); len(sbs) > 0 {
		fmt.Printf("\nPostgreSQL beside SQLite, on the large db (not judged)\n\n")
		var engineRows []row
		for _, cells := range sbs {
			engineRows = append(engineRows, row{cells: cells})
		}
		table(os.Stdout, []string{"operation", "PostgreSQL", "SQLite", "ratio"}, engineRows)
	}
	missed := 0
	for _, r := range rs {
		if !r.ok {
			missed++
		}
	}
	for _, l := range failed {
		fmt.Println("failed:", l)
	}
	if missed > 0 || len(failed) > 0 {
		fmt.Printf("\n%d of %d budgets missed or not measured\n", missed, len(rs))
		os.Exit(1)
	}
	fmt.Printf("\nall %d budgets hold\n", len(rs))
}
