// Package common holds what every screen shares: the program context, the
// theme, the global keys, the messages screens exchange with the root, and
// the small contract every screen implements.
package common

import (
	"context"
	"log/slog"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/message"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// Context is built once in cmd and handed to every screen by pointer; the
// root updates Width and Height on resize. Nothing in the TUI reaches for
// globals instead.
type Context struct {
	Svc    *workflow.Service
	User   workflow.User
	DBPath string
	Styles Styles
	Keys   GlobalKeys
	// Changes reports a number that moves whenever anyone commits to the
	// database; the root polls it to reload screens without a key press.
	Changes func(context.Context) (int64, error)
	// OpenWizard builds the publish wizard (发布 / 修改信息) on a plugin's
	// draft; nil until the wizard exists, and screens then say how to edit
	// the draft from the command line instead.
	OpenWizard func(pluginID string) Screen
	// Printer says messages in the session's language (i18n.Printer of
	// the client's locale, set in cmd); nil is English, the catalog's
	// source. It is per Context, so each session has its own.
	Printer *message.Printer
	// Log is the debug log (plugpub --log); nil writes nothing. Use it
	// through Logger, from Update or from a tea.Cmd's goroutine alike.
	Log *slog.Logger

	Width, Height int
}

// Logger is the debug log, a no-op one when there is none.
func (c *Context) Logger() *slog.Logger {
	if c == nil || c.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Log
}

// T says a message of the catalog (workflow/i18n) in the session's
// language: ctx.T("nothing here yet"), ctx.T("%d rows", n).
func (c *Context) T(format string, args ...any) string {
	return i18n.Sprintf(c.Printer, format, args...)
}

// Err says an error in the session's language: a workflow error or
// anything else that localises itself is translated, any other error kept.
func (c *Context) Err(err error) string { return i18n.Err(c.Printer, err) }

// Reason is why v is refused, in the session's language.
func (c *Context) Reason(v workflow.Verdict) string { return v.ReasonIn(c.Printer) }

// Confirm is the question v asks first, in the session's language.
func (c *Context) Confirm(v workflow.Verdict) string { return v.ConfirmIn(c.Printer) }

// Now is the service's clock.
func (c *Context) Now() time.Time { return c.Svc.Now() }

// Screen is the contract of every screen: a model that owns its keys, its
// help and its size, and nothing else's.
//
// Mouse: the root turns the wheel into the up/down keys of the top screen
// (unless it is Capturing), so whatever moves with the arrows moves with the
// wheel. Every other mouse event (a click, a release, motion while a button
// is held) reaches the top screen as a tea.MouseMsg whose Y is counted from
// the screen's own first line, not the window's: 0 is the first line of the
// body the root gave it. A container passes it on the same way, counted
// from its child's first line (tabs subtracts its tab bar). Events on the
// title or the status bar are the root's and go nowhere.
//
// Keys: several runes that arrive in one read ("jj" over a slow link) reach
// a screen that is not Capturing as that many one-rune key presses; a
// Capturing screen gets them as one KeyRunes. Pasted text (Paste set) is
// never split, and its line breaks arrive as \n (see Newlines).
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	// SetSize gives the screen the space between the title bar and the
	// status bar; it must draw nothing wider or taller.
	SetSize(width, height int)
	// Title is the screen's breadcrumb, such as "发布管理 · 2021004100000001".
	Title() string
	// Capturing is true while a text input has focus, so the root passes
	// every key (q, ?, esc included) to the screen.
	Capturing() bool
	help.KeyMap
}

// Leaver is a screen that must finish something before it is closed or the
// program ends: the wizard saves its draft first, and asks when the edits
// cannot be saved. On esc (quit false) and q (quit true), when it is on top
// and not Capturing, the root calls Leave instead of popping or quitting;
// Leave returns the command that pops or quits once done (Pop / tea.Quit),
// or one that does neither (esc closed something inside, or it asks).
type Leaver interface {
	Leave(quit bool) tea.Cmd
}

// ErrMsg carries any failure back to the status bar.
type ErrMsg struct{ Err error }

// InfoMsg is a short success note for the status bar.
type InfoMsg struct{ Text string }

// PushMsg opens a screen on top of the current one.
type PushMsg struct{ Screen Screen }

// PopMsg closes the current screen (esc).
type PopMsg struct{}

// ReloadMsg asks the active screen to fetch its data again, keeping its
// cursor; the root sends it on r and when another terminal changed the data.
type ReloadMsg struct{}

// Cmd runs fn off the Update loop with a bounded context and turns its
// result into a message: fn's own message, or ErrMsg.
func Cmd(fn func(ctx context.Context) (tea.Msg, error)) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		msg, err := fn(ctx)
		if err != nil {
			return ErrMsg{Err: err}
		}
		return msg
	}
}

// Act is Cmd for one service call as c's user: fn with the Service and
// the user's name, then done once it succeeds.
func Act(c *Context, done tea.Msg, fn func(ctx context.Context, svc *workflow.Service, as string) error) tea.Cmd {
	svc, as := c.Svc, c.User.Name
	return Cmd(func(ctx context.Context) (tea.Msg, error) {
		if err := fn(ctx, svc, as); err != nil {
			return nil, err
		}
		return done, nil
	})
}

// Push and Pop are commands for PushMsg and PopMsg.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// Pop closes the current screen.
func Pop() tea.Msg { return PopMsg{} }

// Info returns a command that shows text in the status bar.
func Info(text string) tea.Cmd { return func() tea.Msg { return InfoMsg{Text: text} } }

// Checked is validate with its errors said in the session's language, for
// a dialog that shows a validator's error as it is (dialog.NewPrompt).
func (c *Context) Checked(validate func(string) error) func(string) error {
	if validate == nil {
		return nil
	}
	return func(s string) error {
		if err := validate(s); err != nil {
			return said{err: err, text: c.Err(err)}
		}
		return nil
	}
}

// said is an error as the session reads it; it still unwraps to the
// original, so errors.Is and errors.As see workflow's error.
type said struct {
	err  error
	text string
}

func (e said) Error() string { return e.text }
func (e said) Unwrap() error { return e.err }

// Key is a key binding's help text (its Desc) in the session's language,
// for what draws key help: the root's footer and full help.
func (c *Context) Key(desc string) string { return i18n.KeyHelp(c.Printer, desc) }
