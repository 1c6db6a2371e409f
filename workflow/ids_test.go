package workflow_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"plugpub/workflow"
)

func TestParsePluginID(t *testing.T) {
	checkParse(t, "ParsePluginID", workflow.ParsePluginID, []parseCase[string]{
		{in: "2021004100000001", want: "2021004100000001"},
		{in: " 2021004100000001\n", want: "2021004100000001"},
		{in: "9999999999999999", want: "9999999999999999"},
		{in: "", err: "required"},
		{in: "202100410000000", err: "has 15 digits"},
		{in: "20210041000000012", err: "has 17 digits"},
		{in: "0021004100000001", err: "starts with 0"},
		{in: "2021-0041-0000-0001", err: `contains "-"`},
		{in: "2021004100000001x", err: `contains "x"`},
		{in: "２０２１００４１００００００01", err: "not a digit"}, // full-width digits
		{in: "-021004100000001", err: "not a digit"},
	}, "like 2021004100000001")
}

func TestParseSemVer(t *testing.T) {
	checkParse(t, "ParseSemVer", workflow.ParseSemVer, []parseCase[workflow.SemVer]{
		{in: "0.0.0", want: workflow.SemVer{}},
		{in: "1.2.3", want: workflow.SemVer{Major: 1, Minor: 2, Patch: 3}},
		{in: "999.999.999", want: workflow.SemVer{Major: 999, Minor: 999, Patch: 999}},
		{in: "10.0.1", want: workflow.SemVer{Major: 10, Patch: 1}},
		{in: "", err: "required"},
		{in: "1.2", err: "three numbers"},
		{in: "1.2.3.4", err: "three numbers"},
		{in: "1..3", err: "empty part"},
		{in: "v1.2.3", err: `"v1" is not a number`},
		{in: "1.2.3 ", err: "not a number"},
		{in: " 1.2.3", err: "not a number"},
		{in: "1.+2.3", err: "not a number"},
		{in: "1.-2.3", err: "not a number"},
		{in: "1.02.3", err: "leading zero"},
		{in: "00.1.1", err: "leading zero"},
		{in: "1.2.1000", err: "larger than 999"},
		{in: "1.2.3-beta", err: "not a number"},
		{in: "１.2.3", err: "not a number"},
	})
}

// parseCase is one input of a parser and what it must give: want, or an
// error containing err when err is not "".
type parseCase[T comparable] struct {
	in   string
	want T
	err  string
}

// checkParse runs parse, called name in messages, on every case; every
// error must also contain each of always.
func checkParse[T comparable](t *testing.T, name string, parse func(string) (T, error), tests []parseCase[T], always ...string) {
	t.Helper()
	for _, tt := range tests {
		got, err := parse(tt.in)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s(%q): %v", name, tt.in, err)
		case tt.err == "" && got != tt.want:
			t.Errorf("%s(%q) = %v, want %v", name, tt.in, got, tt.want)
		case tt.err != "" && err == nil:
			t.Errorf("%s(%q) = %v, want an error", name, tt.in, got)
		case tt.err != "" && !strings.Contains(err.Error(), tt.err):
			t.Errorf("%s(%q) error %q does not contain %q", name, tt.in, err, tt.err)
		}
		for _, a := range always {
			if err != nil && !strings.Contains(err.Error(), a) {
				t.Errorf("%s(%q) error %q does not contain %q", name, tt.in, err, a)
			}
		}
	}
}

func TestSemVerOrdersNumericallyNotAsText(t *testing.T) {
	var vs []workflow.SemVer
	for _, s := range []string{"1.10.0", "0.9.9", "1.2.0", "10.0.0", "1.2.10", "1.2.9", "2.0.0"} {
		v, err := workflow.ParseSemVer(s)
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, v)
	}
	slices.SortFunc(vs, workflow.SemVer.Compare)
	var got []string
	for _, v := range vs {
		got = append(got, v.String())
	}
	want := []string{"0.9.9", "1.2.0", "1.2.9", "1.2.10", "1.10.0", "2.0.0", "10.0.0"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
	a, b := workflow.SemVer{Major: 1, Minor: 2, Patch: 3}, workflow.SemVer{Major: 1, Minor: 3}
	if !a.Less(b) || b.Less(a) || a.Less(a) || a.Compare(a) != 0 || b.Compare(a) != 1 {
		t.Errorf("Less/Compare disagree for %v and %v", a, b)
	}
}

func TestSemVerIsAStringInJSON(t *testing.T) {
	b, err := json.Marshal(struct{ V workflow.SemVer }{workflow.SemVer{Major: 1, Minor: 0, Patch: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"V":"1.0.2"}` {
		t.Errorf("marshalled = %s", b)
	}
	var back struct{ V workflow.SemVer }
	if err := json.Unmarshal([]byte(`{"V":"1.02.0"}`), &back); err == nil {
		t.Errorf("unmarshalling 1.02.0 succeeded, want the leading-zero error")
	}
}

func FuzzParseSemVer(f *testing.F) {
	for _, s := range []string{"0.0.0", "1.2.3", "999.999.999", "1.2", "01.2.3", "1.2.3.", "1000.0.0", "+1.2.3", "1.2.٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := workflow.ParseSemVer(s)
		if err != nil {
			return
		}
		if v.String() != s {
			t.Fatalf("ParseSemVer(%q).String() = %q; a version has one spelling", s, v.String())
		}
		for _, n := range []int{v.Major, v.Minor, v.Patch} {
			if n < 0 || n > workflow.MaxSemVerPart {
				t.Fatalf("ParseSemVer(%q) = %v, part out of range", s, v)
			}
		}
		again, err := workflow.ParseSemVer(v.String())
		if err != nil || again != v {
			t.Fatalf("round trip of %q: %v, %v", s, again, err)
		}
	})
}

func FuzzParsePluginID(f *testing.F) {
	for _, s := range []string{"2021004100000001", "0021004100000001", " 2021004100000001 ", "202100410000000١", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := workflow.ParsePluginID(s)
		if err != nil {
			if id != "" {
				t.Fatalf("ParsePluginID(%q) returned %q with an error", s, id)
			}
			return
		}
		if len(id) != workflow.PluginIDDigits || id[0] == '0' || strings.Trim(id, "0123456789") != "" {
			t.Fatalf("ParsePluginID(%q) accepted %q", s, id)
		}
		if again, err := workflow.ParsePluginID(id); err != nil || again != id {
			t.Fatalf("ParsePluginID is not idempotent on %q", id)
		}
	})
}
