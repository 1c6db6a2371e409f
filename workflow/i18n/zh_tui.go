package i18n

// tuiZh translates the messages of tui.
var tuiZh = map[string]string{}
