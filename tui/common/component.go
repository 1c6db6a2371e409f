package common

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Component is the contract of the parts screens are built of: a dialog, a
// table, a scrolling pane, a wizard step. As in soft-serve's ui/common, it
// is a model that is told its size and says its keys for help; unlike a
// tea.Model it is held by pointer and updated in place, so Update returns
// only its command and no owner has to assign a copy back (or forget to).
// Whether a key did anything is for the owner to ask the component's own
// state (a dialog's Done, a pane's Top), not for Update to say.
//
// Screens (Screen) keep the root's shape, Update returning the screen,
// because the root's stack holds them as values; a container of screens
// (tabs) is a Screen for that reason.
type Component interface {
	Update(tea.Msg) tea.Cmd
	View() string
	// SetSize gives the component its box; View draws nothing wider or
	// taller.
	SetSize(width, height int)
	help.KeyMap
}
