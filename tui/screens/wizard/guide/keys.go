package guide

import (
	"github.com/charmbracelet/bubbles/key"

	"plugpub/tui/common"
)

// Keys are the step's bindings. Which are enabled follows the state (see
// Step.bindings), so help lists only what a key would do now.
type Keys struct {
	PrevTab key.Binding
	NextTab key.Binding

	// A list: the top-level ones and those nested in an entry editor.
	Add       key.Binding
	Edit      key.Binding
	Duplicate key.Binding
	Delete    key.Binding
	Undo      key.Binding
	MoveUp    key.Binding
	MoveDown  key.Binding

	// An entry editor.
	NextField key.Binding
	PrevField key.Binding
	TypeNext  key.Binding
	TypePrev  key.Binding
	Toggle    key.Binding
	Close     key.Binding

	// 接入说明与示例代码.
	Write   key.Binding
	Sample  key.Binding
	Preview key.Binding
	Done    key.Binding

	List common.ListKeys
}

// NewKeys returns the step's bindings.
func NewKeys() Keys {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return Keys{
		PrevTab: b([]string{"left", "h", "["}, "←/h", "prev tab"),
		NextTab: b([]string{"right", "l", "]"}, "→/l", "next tab"),

		Add:       b([]string{"a"}, "a", "add"),
		Edit:      b([]string{"enter", "e"}, "enter/e", "edit"),
		Duplicate: b([]string{"c"}, "c", "duplicate"),
		Delete:    b([]string{"d"}, "d", "delete"),
		Undo:      b([]string{"u"}, "u", "undo delete"),
		MoveUp:    b([]string{"K"}, "K", "move up"),
		MoveDown:  b([]string{"J"}, "J", "move down"),

		NextField: common.Tab("next field"),
		PrevField: common.ShiftTab("prev field"),
		TypeNext:  b([]string{" ", "right"}, "space/→", "next type"),
		TypePrev:  b([]string{"left"}, "←", "prev type"),
		Toggle:    b([]string{" "}, "space", "toggle required"),
		Close:     common.Esc("close"),

		Write:   b([]string{"enter", "e"}, "enter/e", "write"),
		Sample:  b([]string{"s"}, "s", "填写样例"),
		Preview: b([]string{"p"}, "p", "preview"),
		Done:    common.Esc("done"),

		List: common.NewListKeys(),
	}
}
