package common

import (
	"github.com/charmbracelet/bubbles/key"

	"plugpub/workflow"
)

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
		Help:   HelpKey("help"),
		Back:   Esc("back"),
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
		PageUp:   PageUp("pgup", "ctrl+b", "ctrl+u"),
		PageDown: PageDown("pgdown", "ctrl+f", "ctrl+d", " "),
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

// The keys several screens bind, each to its own action. The key and the
// label help shows for it are the same everywhere and live here; a screen
// says only what the key does there (desc, its English help text, which
// the help translates when it draws) and, for a few, which other keys do
// the same (more).

// Enter is enter, shown as "enter".
func Enter(desc string, more ...string) key.Binding { return bind("enter", desc, more) }

// Esc is esc, shown as "esc".
func Esc(desc string, more ...string) key.Binding { return bind("esc", desc, more) }

// Tab is tab, shown as "tab".
func Tab(desc string, more ...string) key.Binding { return bind("tab", desc, more) }

// ShiftTab is shift+tab, shown as "shift+tab".
func ShiftTab(desc string, more ...string) key.Binding { return bind("shift+tab", desc, more) }

// HelpKey is ?, shown as "?": the global help, or a short help's "more".
func HelpKey(desc string) key.Binding { return bind("?", desc, nil) }

// No is a question's no: n or esc, shown as "n/esc".
func No(desc string) key.Binding {
	return key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", desc))
}

// ArrowKeys move a list's cursor from a text field, where letters and
// space are text: only the arrows and the paging keys.
type ArrowKeys struct{ Up, Down, PageUp, PageDown key.Binding }

// NewArrowKeys returns them.
func NewArrowKeys() ArrowKeys {
	return ArrowKeys{
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "up")),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "down")),
		PageUp:   PageUp("pgup"),
		PageDown: PageDown("pgdown"),
	}
}

// PageUp is the page-up binding on keys, shown as "pgup".
func PageUp(keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp("pgup", "page up"))
}

// PageDown is the page-down binding on keys, shown as "pgdn".
func PageDown(keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp("pgdn", "page down"))
}

// Publish is 发布, the wizard on the plugin's draft, with the same key on
// every screen that offers it (版本管理 and 发布管理). A screen enables it
// with CanPublish, so both offer it exactly when workflow does.
func Publish() key.Binding { return bind("p", "发布", nil) }

// CanPublish is workflow's verdict on 发布 for the plugin's offer: the
// wizard edits the draft, which is 修改信息 (ActModify).
func CanPublish(plugin workflow.Offer) workflow.Verdict { return plugin.Get(workflow.ActModify) }

func bind(k, desc string, more []string) key.Binding {
	return key.NewBinding(key.WithKeys(append([]string{k}, more...)...), key.WithHelp(k, desc))
}

// The review keys, the same on the queue and the review page.

// Claim is 认领: the reviewer takes a submission, for others to see.
func Claim() key.Binding { return bind("c", "认领", nil) }

// Unclaim is 取消认领: the reviewer lets a claimed submission go.
func Unclaim() key.Binding { return bind("u", "取消认领", nil) }

// Note is 批注: a note on the field under the cursor, sent with 驳回.
func Note() key.Binding { return bind("n", "批注", nil) }

// SwitchBase switches what a submission is compared with: the listed
// snapshot or the rejected submission before it.
func SwitchBase() key.Binding { return bind("b", "switch the diff base", nil) }
