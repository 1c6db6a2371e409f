package common

import "github.com/charmbracelet/bubbles/key"

// GlobalKeys work on every screen unless a text input has focus.
type GlobalKeys struct {
	Quit   key.Binding
	Help   key.Binding
	Back   key.Binding
	Reload key.Binding
	// Messages opens the last status messages in full.
	Messages key.Binding
}

// NewGlobalKeys returns the bindings every screen shares.
func NewGlobalKeys() GlobalKeys {
	return GlobalKeys{
		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Reload: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		// ! is no screen's key: it is free everywhere outside a text field.
		Messages: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "messages")),
	}
}

// ListKeys move a cursor through a list; shared by every table.
type ListKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// NewListKeys returns arrows, hjkl-style and paging bindings.
func NewListKeys() ListKeys {
	return ListKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "ctrl+d", " "), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
	}
}

// Bindings lists them for help.
func (k ListKeys) Bindings() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// Enable sets a binding's enabled flag and returns it, so a keymap can be
// rebuilt from state in one expression and help never offers what is illegal.
func Enable(b key.Binding, on bool) key.Binding {
	b.SetEnabled(on)
	return b
}
