package common

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Styles is the one theme; every style is derived here once. Colours are the
// 16 ANSI ones, which every terminal maps to its own readable palette on a
// dark or a light background, so nothing needs to ask the terminal which it
// has (that query can stall startup for seconds where nothing answers).
type Styles struct {
	Title      lipgloss.Style // the top bar
	Crumb      lipgloss.Style
	Status     lipgloss.Style // the bottom bar
	StatusUser lipgloss.Style
	Error      lipgloss.Style
	Info       lipgloss.Style

	Header   lipgloss.Style // table header
	Selected lipgloss.Style // the cursor row
	Muted    lipgloss.Style
	Bold     lipgloss.Style
	Label    lipgloss.Style // a field name in a detail pane
	Heading  lipgloss.Style // a section heading in a detail pane
	Pane     lipgloss.Style // a bordered pane
	Focused  lipgloss.Style // a bordered pane with focus
	Dialog   lipgloss.Style

	Good    lipgloss.Style // approved, listed, shown
	Bad     lipgloss.Style // rejected, overdue
	Warn    lipgloss.Style // in review
	Neutral lipgloss.Style // dev, withdrawn, superseded, hidden
	Added   lipgloss.Style // diff
	Removed lipgloss.Style
	Changed lipgloss.Style

	Help help.Styles
}

// NewStyles builds the theme.
func NewStyles() Styles { return NewStylesFor(lipgloss.DefaultRenderer()) }

// NewStylesFor is NewStyles on a renderer of its own: plugpub serve gives
// each SSH session one, with that client's colour profile.
func NewStylesFor(r *lipgloss.Renderer) Styles {
	c := func(n string) lipgloss.Color { return lipgloss.Color(n) }
	s := r.NewStyle
	st := Styles{
		Title:      s().Bold(true).Foreground(c("15")).Background(c("4")).Padding(0, 1),
		Crumb:      s().Foreground(c("15")).Background(c("4")),
		Status:     s().Foreground(c("7")),
		StatusUser: s().Bold(true).Foreground(c("0")).Background(c("6")).Padding(0, 1),
		Error:      s().Bold(true).Foreground(c("9")),
		Info:       s().Foreground(c("10")),
		Header:     s().Bold(true).Foreground(c("6")),
		Selected:   s().Reverse(true),
		Muted:      s().Foreground(c("8")),
		Bold:       s().Bold(true),
		Label:      s().Foreground(c("6")),
		Heading:    s().Bold(true).Foreground(c("5")),
		Pane:       s().Border(lipgloss.NormalBorder()).BorderForeground(c("8")),
		Focused:    s().Border(lipgloss.NormalBorder()).BorderForeground(c("6")),
		Dialog:     s().Border(lipgloss.RoundedBorder()).BorderForeground(c("3")).Padding(0, 1),
		Good:       s().Foreground(c("2")),
		Bad:        s().Foreground(c("1")),
		Warn:       s().Foreground(c("3")),
		Neutral:    s().Foreground(c("8")),
		Added:      s().Foreground(c("2")),
		Removed:    s().Foreground(c("1")),
		Changed:    s().Foreground(c("3")),
	}
	st.Help = help.Styles{
		Ellipsis:       s().Foreground(c("8")),
		ShortKey:       s().Foreground(c("6")),
		ShortDesc:      s().Foreground(c("7")),
		ShortSeparator: s().Foreground(c("8")),
		FullKey:        s().Foreground(c("6")),
		FullDesc:       s().Foreground(c("7")),
		FullSeparator:  s().Foreground(c("8")),
	}
	return st
}

// State picks the style of a state code (version, submission, visibility
// or order).
func (s Styles) State(code string) lipgloss.Style {
	switch code {
	case "approved", "listed", "shown", "online", "ordered":
		return s.Good
	case "rejected", "refused":
		return s.Bad
	case "in_review", "auditing", "pending":
		return s.Warn
	}
	return s.Neutral
}
