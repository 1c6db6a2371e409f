package workflow

import "testing"

func TestNextVersion(t *testing.T) {
	vs := func(ss ...string) []Version {
		var out []Version
		for _, s := range ss {
			sv, err := ParseSemVer(s)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, Version{SemVer: sv})
		}
		return out
	}
	cases := []struct {
		name string
		all  []Version
		want string
	}{
		{"no versions", nil, "1.0.0"},
		{"one", vs("1.0.0"), "1.0.1"},
		{"highest, not newest in the list", vs("1.2.0", "2.0.3", "1.9.9"), "2.0.4"},
		{"patch carries into minor", vs("1.2.999"), "1.3.0"},
		{"minor carries into major", vs("1.999.999"), "2.0.0"},
		{"nothing free", vs("999.999.999"), "999.999.999"},
		{"zero", vs("0.0.0"), "0.0.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := NextVersion(c.all).String(); got != c.want {
				t.Errorf("NextVersion = %s, want %s", got, c.want)
			}
		})
	}
}

// TestNextVersionIsAccepted ties the suggestion to the rule AddVersion
// enforces: it is newer than every version, so adding it succeeds.
func TestNextVersionIsAccepted(t *testing.T) {
	all := []Version{{SemVer: SemVer{1, 0, 0}}, {SemVer: SemVer{1, 4, 999}}, {SemVer: SemVer{1, 2, 3}}}
	next := NextVersion(all)
	for _, v := range all {
		if next.Compare(v.SemVer) <= 0 {
			t.Errorf("%s is not newer than %s", next, v.SemVer)
		}
	}
}
