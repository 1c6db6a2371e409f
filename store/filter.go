package store

import (
	"slices"
	"strconv"
	"strings"

	"plugpub/workflow"
)

// What the lists' filters share on both engines: how a filter matches a
// state, literal LIKE patterns, ASCII folding, WHERE clauses, placeholders.

// LikeEscaper makes a filter match literally inside LIKE … ESCAPE '\'.
var LikeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// FoldASCII folds what SQLite's LIKE folds: the ASCII letters, and nothing
// else (strings.ToLower would also fold É, which LIKE does not).
func FoldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// StatesMatching lists the state codes whose label (审核中, 已上架 …) or
// code contains filter.
func StatesMatching(filter string) []string {
	f := strings.ToLower(filter)
	var codes []string
	for code, label := range workflow.Labels {
		if strings.Contains(label, filter) || strings.Contains(code, f) {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return codes
}

// IDText is col as text for a filter that an integer's decimal form can
// contain (digits and a minus sign), and "" for any other, which no row
// id can match: testing each row for it would be work for nothing.
func IDText(col, filter string) string {
	if strings.Trim(strings.TrimSpace(filter), "0123456789-") != "" {
		return ""
	}
	return "CAST(" + col + " AS TEXT)"
}

// Where joins conditions with AND, skipping empty ones.
func Where(conds ...string) string {
	var cs []string
	for _, c := range conds {
		if c != "" {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(cs, " AND ")
}

// Placeholders is "?, ?, …", n of them.
func Placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Rebind turns the ? placeholders a query is written with into $1, $2 …
// for a driver that wants those; no query here has a ? inside a string
// literal.
func Rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
