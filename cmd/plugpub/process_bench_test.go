package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"plugpub/cmd/benchsum/figure"
)

// These benchmarks run the real binary, as a person would, on the large
// database (make bench-data) beside the small demo database (the
// baselines), so they measure what the data costs on top of starting a
// process.

var (
	smallOnce sync.Once
	smallPath string
	smallErr  error
)

// benchSmall is the small demo database, made once per run beside the
// binary, whose folder TestMain removes.
func benchSmall(b *testing.B) string {
	smallOnce.Do(func() {
		smallPath = filepath.Join(filepath.Dir(binPath), "bench-small.db")
		out, err := exec.Command(binPath, "--db", smallPath, "demo").CombinedOutput()
		if err != nil {
			smallErr = fmt.Errorf("plugpub demo: %v\n%s", err, out)
		}
	})
	if smallErr != nil {
		b.Fatal(smallErr)
	}
	return smallPath
}

// BenchmarkStartup is the console's start on a terminal that never answers
// (a pty that writes nothing back): from exec to the first frame that shows
// the user's plugins, on the large database. The baseline is the same
// command with stdout a pipe, where plugpub only says it needs a terminal:
// the cost of starting the process at all.
func BenchmarkStartup(b *testing.B) {
	large := figure.LargeDB(b)
	env := []string{"PLUGPUB_DB=" + large}
	first := func(int) time.Duration {
		s := startSilent(b, env, nil, "--as", "dev1")
		took, ok := s.waitFor("2021004100000001", 10*time.Second)
		if !ok {
			b.Fatalf("no first frame within 10s: %q", s.output())
		}
		s.typeKeys("q")
		if _, ok := s.wait(10 * time.Second); !ok {
			b.Fatal("q did not quit")
		}
		return took
	}
	piped := func(int) time.Duration {
		var out bytes.Buffer
		s := startSilent(b, env, func(cmd *exec.Cmd) { cmd.Stdout = &out }, "--as", "dev1")
		took, ok := s.wait(10 * time.Second)
		if !ok || !strings.Contains(out.String(), "needs a terminal") {
			b.Fatalf("with stdout a pipe: %v %q", ok, out.String())
		}
		return took
	}
	ours, base := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
	for i := range b.N {
		ours, base = append(ours, first(i)), append(base, piped(i))
	}
	figure.Times(b, ours, base)
}

// BenchmarkScrollMemory is the console's peak memory (VmHWM, the most
// resident memory the kernel saw it use) after a reviewer pages through
// 全部插件 from the first row to the last: 10,000 rows on the large
// database, 5 on the small one (the baseline).
func BenchmarkScrollMemory(b *testing.B) {
	large, small := figure.LargeDB(b), benchSmall(b)
	var ours, base float64
	for range b.N {
		ours = max(ours, scrollPeak(b, large, "2021004100010000"))
		base = max(base, scrollPeak(b, small, "2021004100000005"))
	}
	figure.Memory(b, ours, base)
}

// scrollPeak opens the console on db as reviewer1, holds pgdn until last is
// on the screen, and returns the process's peak resident memory in MiB.
func scrollPeak(b *testing.B, db, last string) float64 {
	s := startSilent(b, []string{"PLUGPUB_DB=" + db}, nil, "--as", "reviewer1")
	if _, ok := s.waitFor("2021004100000001", 10*time.Second); !ok {
		b.Fatalf("no first frame: %q", s.output())
	}
	// One pgdn per 30 ms or so, as a held key repeats.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, ok := s.waitFor(last, 30*time.Millisecond); ok {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("the last row %s never showed", last)
		}
		s.typeKeys("\x1b[6~") // pgdn
	}
	peak := vmHWM(b, s.cmd.Process.Pid)
	s.typeKeys("q")
	if _, ok := s.wait(10 * time.Second); !ok {
		b.Fatal("q did not quit")
	}
	return peak
}

// vmHWM reads a process's peak resident set size, in MiB.
func vmHWM(b *testing.B, pid int) float64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Skipf("no /proc to read memory from: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmHWM in /proc/status")
	return 0
}

// BenchmarkCLI is each command a script runs, as a whole process, on the
// large database, beside the same command on the small demo database.
func BenchmarkCLI(b *testing.B) {
	large, small := figure.LargeDB(b), benchSmall(b)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"plugin-list", []string{"--as", "reviewer1", "plugin", "list"}},
		{"plugin-list-last", []string{"--as", "reviewer1", "plugin", "list", "--offset", "9990"}},
		{"review-list", []string{"--as", "reviewer1", "review", "list"}},
		{"submissions", []string{"--as", "dev1", "submissions", "2021004100000001"}},
		{"log", []string{"--as", "dev1", "log", "2021004100000001"}},
		{"draft-show", []string{"--as", "dev1", "draft", "show", "2021004100000001"}},
		{"market-search", []string{"market", "search", "车牌"}},
		{"market-view", []string{"market", "view", "2021004100000001"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			run := func(db string) func(int) {
				return func(int) {
					cmd := exec.Command(binPath, append([]string{"--db", db, "--json"}, c.args...)...)
					cmd.Env = cleanEnviron()
					if out, err := cmd.CombinedOutput(); err != nil {
						b.Fatalf("plugpub %s: %v\n%s", strings.Join(c.args, " "), err, out)
					}
				}
			}
			ours, base := figure.Interleave(b, run(large), run(small))
			figure.Times(b, ours, base)
		})
	}
}
