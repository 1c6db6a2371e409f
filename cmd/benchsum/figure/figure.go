// Package figure is how a benchmark reports a figure that has a budget, for
// benchsum (make bench) to compare: the figure, a baseline measured in the
// same process, and their ratio, as custom benchmark metrics. Measuring the
// baseline beside the figure, by turns, lets the ratio hold on a busy
// machine where absolute times wander.
package figure

import (
	"os"
	"slices"
	"testing"
	"time"
)

// The units benchsum reads.
const (
	Millis     = "ms"
	BaseMillis = "base-ms"
	MiB        = "MiB"
	BaseMiB    = "base-MiB"
	Ratio      = "ratio"
)

// Interleave calls ours and base by turns, b.N times each, timing every
// call on its own; i counts the calls.
func Interleave(b *testing.B, ours, base func(i int)) (o, t []time.Duration) {
	o, t = make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		ours(i)
		t1 := time.Now()
		base(i)
		t2 := time.Now()
		o, t = append(o, t1.Sub(t0)), append(t, t2.Sub(t1))
	}
	b.StopTimer()
	return o, t
}

// Times reports the medians of ours and base in milliseconds, and their ratio.
func Times(b *testing.B, ours, base []time.Duration) {
	mo, mb := Median(ours), Median(base)
	b.ReportMetric(Ms(mo), Millis)
	if len(base) > 0 {
		b.ReportMetric(Ms(mb), BaseMillis)
		if mb > 0 {
			b.ReportMetric(float64(mo)/float64(mb), Ratio)
		}
	}
}

// Memory reports a figure and its baseline in MiB, and their ratio.
func Memory(b *testing.B, ours, base float64) {
	b.ReportMetric(ours, MiB)
	b.ReportMetric(base, BaseMiB)
	if base > 0 {
		b.ReportMetric(ours/base, Ratio)
	}
}

// Median is the middle duration (the upper one of an even count).
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// Ms is d in milliseconds.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// LargeDB is the path of the large database the benchmarks read: make
// bench-data makes it, and make bench passes its path. Without it the
// benchmark is skipped.
func LargeDB(b *testing.B) string {
	p := os.Getenv("PLUGPUB_BENCH_DB")
	if p == "" {
		b.Skip("PLUGPUB_BENCH_DB is not set: make bench makes the large database and sets it")
	}
	return p
}
