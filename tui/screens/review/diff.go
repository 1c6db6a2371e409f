package review

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// maxTextLines caps how much of one long text's diff is shown; the
// preview below the diff has the whole new text.
const maxTextLines = 16

// diffLines draws changes for a reviewer: + added (Added style), - removed
// (Removed), ~ changed as old → new, or for long texts the lines that
// differ; starts is the first line of each change. Every value is
// untrusted and sanitised here.
func diffLines(ctx *common.Context, changes []workflow.DraftChange, w int) (out []string, starts []int) {
	st := &ctx.Styles
	add := func(style *lipgloss.Style, first, rest, text string) {
		lines := wrap(text, max(1, w-ansi.StringWidth(first)))
		for i, l := range lines {
			lead := first
			if i > 0 {
				lead = rest
			}
			out = append(out, style.Render(lead+l))
		}
	}
	for _, c := range changes {
		starts = append(starts, len(out))
		label := common.HumanPath(c.Path)
		old, cur := value(c.Path, c.Old), value(c.Path, c.New)
		switch c.Kind {
		case workflow.ChangeAdded:
			add(&st.Added, "  + ", "    ", joinNonEmpty(label, workflow.SanitizeLine(c.New)))
		case workflow.ChangeRemoved:
			add(&st.Removed, "  - ", "    ", joinNonEmpty(label, workflow.SanitizeLine(c.Old)))
		default:
			if oneLine(old) && oneLine(cur) {
				add(&st.Changed, "  ~ ", "    ", label+": "+workflow.SanitizeLine(old)+" → "+workflow.SanitizeLine(cur))
				continue
			}
			add(&st.Changed, "  ~ ", "    ", label)
			out = append(out, textDiff(ctx, old, cur, w)...)
		}
	}
	for i, l := range out {
		if ansi.StringWidth(l) > w {
			out[i] = ansi.Truncate(l, w, "")
		}
	}
	return out, starts
}

// value shows booleans the way the form asks them, and an empty value as
// a word, so "" → "x" does not read as a missing arrow.
func value(path, v string) string {
	if strings.HasSuffix(path, ".required") || path == "info.show_after_release" {
		switch v {
		case "true":
			return "是"
		case "false":
			return "否"
		}
	}
	if strings.TrimSpace(v) == "" {
		return "(空)"
	}
	return v
}

func oneLine(s string) bool { return !strings.Contains(s, "\n") && len([]rune(s)) <= 60 }

func wrap(s string, w int) []string {
	return strings.Split(common.Wrap(strings.ReplaceAll(s, "\t", "    "), w), "\n")
}

func joinNonEmpty(a, b string) string {
	if strings.TrimSpace(b) == "" {
		return a
	}
	return a + ": " + b
}

// textDiff shows how a long text changed line by line: removed lines under
// -, added under +, one unchanged line of context around each change and …
// for the runs skipped.
func textDiff(ctx *common.Context, old, cur string, w int) []string {
	st := &ctx.Styles
	ops := lineDiff(strings.Split(old, "\n"), strings.Split(cur, "\n"))
	near := make([]bool, len(ops))
	for i, o := range ops {
		if o.kind != ' ' {
			for j := max(0, i-1); j <= min(len(ops)-1, i+1); j++ {
				near[j] = true
			}
		}
	}
	var out []string
	skipped := false
	for i, o := range ops {
		if !near[i] {
			if !skipped {
				out = append(out, st.Muted.Render("      …"))
			}
			skipped = true
			continue
		}
		skipped = false
		mark, style := "      ", &st.Muted
		switch o.kind {
		case '-':
			mark, style = "    - ", &st.Removed
		case '+':
			mark, style = "    + ", &st.Added
		}
		for j, l := range wrap(o.line, max(1, w-6)) {
			if j > 0 {
				mark = "      "
			}
			out = append(out, style.Render(mark+l))
		}
	}
	if len(out) > maxTextLines {
		more := len(out) - maxTextLines
		out = append(out[:maxTextLines], st.Muted.Render(ctx.T("      … %d more lines", more)))
	}
	return out
}

type lineOp struct {
	kind byte // ' ' kept, '-' removed, '+' added
	line string
}

// maxDiffCells bounds the longest-common-subsequence table; texts too long
// for it are shown as all removed and all added.
const maxDiffCells = 1 << 20

// lineDiff is a longest-common-subsequence diff of two texts' lines.
func lineDiff(a, b []string) []lineOp {
	if (len(a)+1)*(len(b)+1) > maxDiffCells {
		var ops []lineOp
		for _, l := range a {
			ops = append(ops, lineOp{'-', l})
		}
		for _, l := range b {
			ops = append(ops, lineOp{'+', l})
		}
		return ops
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []lineOp
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			ops = append(ops, lineOp{' ', a[i]})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, lineOp{'-', a[i]})
			i++
		default:
			ops = append(ops, lineOp{'+', b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		ops = append(ops, lineOp{'-', a[i]})
	}
	for ; j < len(b); j++ {
		ops = append(ops, lineOp{'+', b[j]})
	}
	return ops
}
