package common

import "plugpub/workflow"

// AppName is the mini program of an order as a cell: its name, or "—"
// for an order made before orders were for a mini program.
func AppName(o workflow.OrderRow) string {
	if o.AppID == "" {
		return "—"
	}
	return o.AppName
}

// AppText is the mini program of an order in a sentence: its name and
// appId (unsanitised, as every string of the row).
func AppText(o workflow.OrderRow) string {
	switch {
	case o.AppID == "":
		return "—"
	case o.AppName == "":
		return o.AppID
	}
	return o.AppName + " " + o.AppID
}
