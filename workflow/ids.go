package workflow

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// PluginIDDigits is the length of a plugin id such as 2021004100000001.
const PluginIDDigits = 16

const pluginIDShape = "16 digits not starting with 0, like 2021004100000001"

// ParsePluginID checks a plugin id typed or pasted by a person and returns
// it without surrounding spaces. Ids stay plain strings: 16 digits do not fit
// every consumer's integer type, and leading-zero bugs vanish with them.
func ParsePluginID(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", invalidf("plugin id is required: %s", word(pluginIDShape))
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return "", invalidf("plugin id %s contains %s, which is not a digit; it must be %s", quoteForMessage(t), quoteForMessage(string(r)), word(pluginIDShape))
		}
	}
	if len(t) != PluginIDDigits {
		return "", invalidf("plugin id %s has %d digits; it must be %s", quoteForMessage(t), len(t), word(pluginIDShape))
	}
	if t[0] == '0' {
		return "", invalidf("plugin id %s starts with 0; it must be %s", quoteForMessage(t), word(pluginIDShape))
	}
	return t, nil
}

// MaxSemVerPart is the largest major, minor or patch number the platform accepts.
const MaxSemVerPart = 999

// SemVer is a plugin version number x.y.z, each part 0..999.
type SemVer struct{ Major, Minor, Patch int }

// ParseSemVer reads "x.y.z" exactly: no "v" prefix, spaces, signs or
// leading zeros, so each version has one spelling and the store can
// compare spellings for uniqueness.
func ParseSemVer(s string) (SemVer, error) {
	const shape = "three numbers from 0 to 999 joined by dots, like 1.0.0"
	if s == "" {
		return SemVer{}, invalidf("version is required: %s", word(shape))
	}
	q := quoteForMessage(s)
	parts := strings.SplitN(s, ".", 4)
	if len(parts) != 3 {
		return SemVer{}, invalidf("version %s must be %s", q, word(shape))
	}
	var n [3]int
	for i, p := range parts {
		switch {
		case p == "":
			return SemVer{}, invalidf("version %s has an empty part; it must be %s", q, word(shape))
		case strings.Trim(p, "0123456789") != "":
			return SemVer{}, invalidf("version %s: %s is not a number (digits only, no spaces or signs); it must be %s", q, quoteForMessage(p), word(shape))
		case len(p) > 1 && p[0] == '0':
			return SemVer{}, invalidf("version %s: %s has a leading zero; it must be %s", q, quoteForMessage(p), word(shape))
		case len(p) > 3:
			return SemVer{}, invalidf("version %s: %s is larger than %d", q, quoteForMessage(p), MaxSemVerPart)
		}
		n[i], _ = strconv.Atoi(p) // at most three digits, so it cannot fail
	}
	return SemVer{Major: n[0], Minor: n[1], Patch: n[2]}, nil
}

func (v SemVer) String() string {
	return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
}

// Compare returns -1, 0 or +1 as v is older than, the same as, or newer than o.
func (v SemVer) Compare(o SemVer) int {
	if c := cmp.Compare(v.Major, o.Major); c != 0 {
		return c
	}
	if c := cmp.Compare(v.Minor, o.Minor); c != 0 {
		return c
	}
	return cmp.Compare(v.Patch, o.Patch)
}

// Less reports whether v is older than o.
func (v SemVer) Less(o SemVer) bool { return v.Compare(o) < 0 }

// MarshalText writes the x.y.z form, so a SemVer is a string in JSON.
func (v SemVer) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads the x.y.z form with ParseSemVer's rules.
func (v *SemVer) UnmarshalText(b []byte) error {
	p, err := ParseSemVer(string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}
