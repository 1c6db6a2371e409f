package i18n

// cliZh translates the messages of cli.
var cliZh = map[string]string{}
