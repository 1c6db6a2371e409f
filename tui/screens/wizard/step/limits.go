package step

import (
	"unicode/utf8"

	"plugpub/workflow"
)

// CharLimit is the most characters an input of the wizard lets the field
// at path (a draft path such as "info.title" or
// "guide.components[0].props[1].name") hold. It is the one place where the
// wizard reads a field's limit: every huh field, textinput and textarea of
// ① and ② takes its CharLimit from here, so typing or pasting cannot make
// a draft the store refuses.
//
// The limit is the store's hard limit (workflow.MaxLineRunes or
// MaxTextRunes, by multiline) until workflow.FieldLimit(path), which names
// each field's one limit, is on main; then it is FieldLimit's. A limit
// never cuts what the field already holds (a draft written by the CLI, an
// import): current's length is the least it returns, and workflow's
// validation says what is too long.
func CharLimit(path string, multiline bool, current string) int {
	limit := workflow.MaxLineRunes
	if multiline {
		limit = workflow.MaxTextRunes
	}
	return max(limit, utf8.RuneCountInString(current))
}
