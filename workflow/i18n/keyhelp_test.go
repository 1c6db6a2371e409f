package i18n

import "testing"

// TestKeyHelpHasItsOwnWords: a Desc that is also one of workflow's words
// is said as key help, English stays as it is, and a Desc the table lacks
// is looked up as a message.
func TestKeyHelpHasItsOwnWords(t *testing.T) {
	zh, en := Printer(Chinese), Printer(English)
	for desc, want := range map[string]string{"no": "否", "submit": "提交", "add": "添加", "quit": "退出", "审核通过": "审核通过", "loading…": "加载中…"} {
		if got := KeyHelp(zh, desc); got != want {
			t.Errorf("KeyHelp(zh, %q) = %q; want %q", desc, got, want)
		}
		if got := KeyHelp(en, desc); got != desc {
			t.Errorf("KeyHelp(en, %q) = %q", desc, got)
		}
	}
	if got := Sprintf(zh, "no"); got != "无类型" {
		t.Errorf("the message no is %q; key help must not change it", got)
	}
	for en, zh := range keyHelpZh {
		if verbs(en) != verbs(zh) || zh == "" {
			t.Errorf("key help %q → %q", en, zh)
		}
	}
}
