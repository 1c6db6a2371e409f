package i18n

import "golang.org/x/text/message"

// KeyHelp is a key binding's help text (its Desc, such as "quit" or "no")
// in p's language. Descs are single words out of any sentence, and some
// are also words that workflow's messages take as arguments with another
// sense ("no" is 无类型 as a buyer kind, 否 as an answer), so they have
// their own table, keyHelpZh; a Desc it lacks is looked up as a message.
func KeyHelp(p *message.Printer, desc string) string {
	if isEnglish(p) {
		return desc
	}
	if zh, ok := keyHelpZh[desc]; ok {
		return zh
	}
	return Sprintf(p, desc)
}
