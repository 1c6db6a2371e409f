package common

import (
	"time"

	"plugpub/workflow/textfmt"
)

// The screens call common.Short and common.Long; the formats themselves
// live in workflow/textfmt so the CLI prints times the same way.

// Short is textfmt.Short: "12-02 15:04" this year, "2025-12-02" otherwise.
func Short(t, now time.Time) string { return textfmt.Short(t, now) }

// Long is textfmt.Long: "2025-12-02 15:04".
func Long(t time.Time) string { return textfmt.Long(t) }

// ShortWidth is the widest Short: a column of times needs no more.
const ShortWidth = textfmt.ShortWidth
