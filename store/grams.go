package store

import (
	"slices"
	"strings"
	"unicode"
)

// What both engines' market search shares: the case folding of texts and
// queries, the words of a query, the grams that answer a short word, and
// the tier a listing's text puts it in.

// Fold is the one case folding of the market's texts and of a query.
func Fold(s string) string { return strings.ToLower(s) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// Grams lists, once each, every rune and every pair of adjacent runes
// within the runs of letters and digits of s: 小程序OCR gives 小 小程 程 程序
// 序 序o o oc c cr r. A one- or two-character word is one of them, found
// by one lookup in the gram index.
func Grams(s string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(g string) {
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	var prev rune
	inRun := false
	for _, r := range s {
		if !isWordRune(r) {
			inRun = false
			continue
		}
		add(string(r))
		if inRun {
			add(string([]rune{prev, r}))
		}
		prev, inRun = r, true
	}
	return out
}

// SearchWords is q folded and split at spaces, each word once, in order.
func SearchWords(q string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(strings.ReplaceAll(q, "\x00", ""))) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// TierOf is the tier of a listing for words: the fewest of its title,
// intro and description (text, folded or not, one per line) that hold
// every word, less one; 3 when they do not. Search lists tier 0 first,
// then 1, then 2, each in plugin id order.
func TierOf(text string, words []string) int {
	parts := strings.SplitN(Fold(text), "\n", 3)
	for k := range parts {
		within := strings.Join(parts[:k+1], "\n")
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(within, w) }) {
			return k
		}
	}
	return 3
}
