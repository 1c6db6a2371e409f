package common

import (
	"strings"

	"plugpub/workflow"
)

// Explained is whether a screen lists a refused verdict with its reason:
// refused by the row's state or a rule (illegal), not because the user may
// never do it (forbidden: another role, someone else's plugin), which
// would list every action of every other role.
func Explained(v workflow.Verdict) bool {
	return !v.Allowed && workflow.KindOf(v.Err()) == workflow.KindIllegal
}

// Moves reports whether the state machine m has a move act out of state
// from, for any role. A refused action that has one was stopped by a rule
// (one version in review at a time, a newer one online…) and is worth its
// reason; one without is simply not a move of this state, which the row's
// state column already says.
func Moves[S ~string](m []workflow.Transition[S], from S, act workflow.Action) bool {
	for _, t := range m {
		if t.From == from && t.Action == act {
			return true
		}
	}
	return false
}

// Refusal is a refused action's label and workflow's reason.
type Refusal struct{ Label, Reason string }

// RefusalLines draws refusals as a 不可用 list for a detail pane of width
// w: one bullet per reason (actions refused for the same reason share it,
// as "修改信息 · 发布: …"), sanitised and wrapped; nil when there are none.
func RefusalLines(st *Styles, rs []Refusal, w int) []string {
	if len(rs) == 0 {
		return nil
	}
	var order []string
	labels := map[string][]string{}
	for _, r := range rs {
		if _, ok := labels[r.Reason]; !ok {
			order = append(order, r.Reason)
		}
		labels[r.Reason] = append(labels[r.Reason], r.Label)
	}
	out := []string{st.Label.Render("不可用")}
	for _, reason := range order {
		text := workflow.SanitizeLine(strings.Join(labels[reason], " · ") + ": " + reason)
		for i, l := range strings.Split(Wrap(text, max(1, w-4)), "\n") {
			lead := "  · "
			if i > 0 {
				lead = "    "
			}
			out = append(out, lead+st.Muted.Render(l))
		}
	}
	return out
}
