// Package textfmt holds the few formats people read the same way in every
// front end: the console's screens and the CLI's text output both import it,
// so a time cannot read one way in a table and another on the command line.
package textfmt

import "time"

// Short is how a list shows a time: "12-02 15:04" in now's year, and
// "2025-12-02" in any other, so a row from last December is not read as
// this one. Both in local time; the zero time is "-".
func Short(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	t = t.Local()
	if t.Year() == now.Local().Year() {
		return t.Format("01-02 15:04")
	}
	return t.Format("2006-01-02")
}

// Long is the absolute stamp, for a detail pane, a message or a CLI table:
// "2025-12-02 15:04", local, to the minute; the zero time is "-".
func Long(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// ShortWidth is the widest Short: a column of times needs no more.
const ShortWidth = 11
