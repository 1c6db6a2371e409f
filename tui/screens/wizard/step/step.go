// Package step is the contract between the publish wizard and its steps
// (① 插件信息, ② 接入指引, ③ 确认). The wizard owns the draft and saves it;
// a step edits the draft in place and says so with EditedMsg.
package step

import (
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// Step is one page of the wizard: a component (common.Component) the
// wizard drives. Keys reach its Update only when the wizard does not take
// them itself (see Capturing).
type Step interface {
	common.Component
	// Init starts the step (focus its first field, start any form).
	Init() tea.Cmd
	// Capturing is true only while a text field of the step has focus, or
	// a dialog that answers letters is open: every key, q and ? included,
	// is then the step's. Elsewhere (a list, a picker, ③) q quits and ?
	// opens the full help.
	Capturing() bool
	// Open is true while something inside the step is open (an entry
	// editor, a dialog, text being written): esc closes it, and only an
	// esc with nothing open leaves the wizard.
	Open() bool
	// Load makes the step show the draft again after the wizard replaced
	// it wholesale (resume, reload after a conflict, 填写样例 elsewhere).
	Load(d *workflow.Draft)
	// Focus moves to the field a problem path names, such as "info.title"
	// or "guide.components[2].props[0].type", and reports whether that path
	// is this step's.
	Focus(path string) bool
}

// EditedMsg tells the wizard the draft changed: it re-checks the draft and
// autosaves it shortly after the typing stops.
type EditedMsg struct{}

// Edited is a command for EditedMsg.
func Edited() tea.Msg { return EditedMsg{} }
