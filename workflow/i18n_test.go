package workflow

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"plugpub/workflow/i18n"
	"plugpub/workflow/i18n/i18ntest"
)

// messageArg is, for each function that takes a message of the catalog,
// the index of its format (or word) argument.
var messageArg = map[string]int{
	"Errorf": 0, "T": 0, "invalidf": 0, "illegalf": 0, "forbiddenf": 0, "notFoundf": 0,
	"NotFound": 0, "Illegal": 0, "newError": 1, "refuse": 2, "addf": 2, "asks": 0, "errAt": 2,
	"word": 0, "owned": 3, "count": 2, "params": 2, "validateText": 0, "validateLine": 0,
	"validateIdentifier": 0, "validateRequiredLine": 0, "entryContext": 0, "validateType": 2,
	"line": 1, "text": 1,
}

// TestEveryMessageIsInTheCatalog reads the package's source: every message
// it makes has a Chinese translation, and no error is made past the
// catalog (fmt.Errorf, errors.New), so a new message cannot stay English.
func TestEveryMessageIsInTheCatalog(t *testing.T) {
	calls, err := i18ntest.ScanDir(".", messageArg)
	if err != nil {
		t.Fatal(err)
	}
	keys := 0
	for _, c := range calls {
		if c.Pkg == "fmt" && c.Func == "Errorf" || c.Pkg == "errors" && c.Func == "New" {
			t.Errorf("%s: %s.%s makes a message past the catalog; use i18n.Errorf", c.Pos, c.Pkg, c.Func)
			continue
		}
		if c.Text == "" {
			continue
		}
		keys++
		if _, ok := i18n.Translation(c.Text); !ok {
			t.Errorf("%s: %q has no Chinese in the catalog (workflow/i18n/zh_workflow.go)", c.TextPos, c.Text)
		}
	}
	if keys < 150 {
		t.Fatalf("found only %d messages; is the scan still reading the calls?", keys)
	}
	// Words that reach messages through variables.
	var words []string
	for _, f := range fieldLimits {
		words = append(words, f.label)
	}
	for _, a := range []Action{ActCreate, ActAddVer, ActSubmit, ActWithdraw, ActApprove, ActReject, ActReturn,
		ActOnline, ActOffline, ActRelease, ActSupersede, ActHide, ActShow, ActOrder, ActModify, ActSaveDraft} {
		words = append(words, string(a))
	}
	for _, b := range []string{BuyersPersonal, BuyersEnterprise, BuyersAny} {
		words = append(words, buyersWord(b))
	}
	words = append(words, buyerWord(BuyerNone), pluginIDShape)
	for _, k := range []string{"param", "input", "output"} {
		words = append(words, k, k+"s")
	}
	for _, w := range words {
		if _, ok := i18n.Translation(w); !ok {
			t.Errorf("the word %q has no Chinese in the catalog", w)
		}
	}
}

// TestRefusalIsLocalizedWhenShown: a refused action is one error, whose
// Error() is the English it always was and whose Localize is the reader's
// language, with the domain words Chinese in both.
func TestRefusalIsLocalizedWhenShown(t *testing.T) {
	u := User{Name: "buyer1", Roles: []Role{RoleConsumer}, Buyer: BuyerPersonal}
	f := PluginFacts{Plugin: Plugin{ID: "2021004100000001", Owner: "dev1"}}
	v := ListingOffer(u, f).Get(ActHide)
	if v.Allowed {
		t.Fatal("a consumer may hide a listing")
	}
	en := "to hide the listing of 2021004100000001 needs the developer role; buyer1 is consumer"
	zh := "隐藏 2021004100000001 的上架需要开发者角色；buyer1 的角色是消费者"
	if v.Reason != en {
		t.Errorf("Reason = %q; want %q", v.Reason, en)
	}
	err := v.Err()
	if err.Error() != en {
		t.Errorf("Err().Error() = %q; want %q", err, en)
	}
	if got := i18n.Err(i18n.Printer(i18n.Chinese), err); got != zh {
		t.Errorf("in Chinese: %q; want %q", got, zh)
	}
	if got := i18n.Err(i18n.Printer(i18n.English), err); got != en {
		t.Errorf("in English: %q; want %q", got, en)
	}
	if got := v.ReasonIn(i18n.Printer(i18n.Chinese)); got != zh {
		t.Errorf("ReasonIn(zh) = %q; want %q", got, zh)
	}
	if !errors.Is(err, ErrForbidden) || KindOf(err) != KindForbidden {
		t.Errorf("kind lost: %v", KindOf(err))
	}
	// Wrapped, the localised part is replaced in place.
	wrapped := errors.Join(err)
	if got := i18n.Err(i18n.Printer(i18n.Chinese), wrapped); got != zh {
		t.Errorf("wrapped, in Chinese: %q; want %q", got, zh)
	}
}

// TestConfirmStaysChineseAndSpeaksEnglish: Confirm keeps the Chinese the
// console asked before; ConfirmIn(English) asks it in English with the
// domain words kept.
func TestConfirmStaysChineseAndSpeaksEnglish(t *testing.T) {
	u := User{Name: "dev1", Roles: []Role{RoleDeveloper}}
	f := PluginFacts{Plugin: Plugin{ID: "2021004100000001", Owner: "dev1"},
		Listing: &Listing{PluginID: "2021004100000001", Visibility: VisibilityShown}}
	v := ListingOffer(u, f).Get(ActHide)
	if !v.Allowed {
		t.Fatalf("owner may not hide: %s", v.Reason)
	}
	if want := "隐藏插件 2021004100000001？隐藏后不能被搜索到，已有的订购不受影响。"; v.Confirm != want {
		t.Errorf("Confirm = %q; want %q", v.Confirm, want)
	}
	if want := "隐藏 plugin 2021004100000001? Search no longer finds it; existing orders are untouched."; v.ConfirmIn(i18n.Printer(i18n.English)) != want {
		t.Errorf("ConfirmIn(en) = %q; want %q", v.ConfirmIn(i18n.Printer(i18n.English)), want)
	}
}

// TestProblemsSpeakChinese: a draft's problems keep their English Message
// (JSON, logs) and say themselves in Chinese, field labels too, numbers
// never grouped.
func TestProblemsSpeakChinese(t *testing.T) {
	d := Draft{}
	d.Info.Title = "x"
	d.Info.Intro = strings.Repeat("长", 51)
	ps := d.Problems()
	zh := i18n.Printer(i18n.Chinese)
	got := map[string]string{}
	for _, p := range ps {
		got[p.Path] = p.Say(zh)
	}
	for path, want := range map[string]string{
		"info.title": "服务标题太短：1 个字符；需要 2 到 20 个",
		"info.intro": "简单介绍有 51 个字符；最多 50 个",
	} {
		if got[path] != want {
			t.Errorf("%s: %q; want %q", path, got[path], want)
		}
	}
	err := invalid(ps)
	if s := i18n.Err(zh, err); !strings.HasPrefix(s, "草稿有 ") || !strings.Contains(s, "\n  info.title: 服务标题太短") {
		t.Errorf("the invalid draft in Chinese:\n%s", s)
	}
	if _, err := ParseSemVer("1.0.1000"); err == nil || i18n.Err(zh, err) != `版本号 "1.0.1000"："1000" 大于 999` {
		t.Errorf("semver in Chinese: %v", i18n.Err(zh, err))
	}
}

// TestChineseShowsNoCodes: a Chinese message names a state, a visibility or
// a role by its word (审核中, 已下线, 开发者), never by the JSON code
// (in_review, offline, developer), except where it says what to type:
// after --role, or as "developer（开发者）", the code and its word.
func TestChineseShowsNoCodes(t *testing.T) {
	codes := map[string]bool{}
	for c := range Labels {
		codes[c] = true
	}
	for _, r := range Roles {
		codes[string(r)] = true
	}
	word := regexp.MustCompile(`[A-Za-z0-9_-]+`)
	for en, zh := range i18n.Translations() {
		if strings.Contains(zh, "--role") {
			continue
		}
		for _, at := range word.FindAllStringIndex(zh, -1) {
			if w := zh[at[0]:at[1]]; codes[w] && !strings.HasPrefix(zh[at[1]:], "（") {
				t.Errorf("%q says the code %q in Chinese: %q", en, w, zh)
			}
		}
	}
	if !codes[string(SubmissionInReview)] || !codes[string(RoleConsumer)] {
		t.Fatal("the codes are not read")
	}
}

// TestRolesAreWordsInChinese: a refusal that names the user's roles says
// them in the reader's language: the codes in English, as --role takes
// them, the words in Chinese.
func TestRolesAreWordsInChinese(t *testing.T) {
	zh, en := i18n.Printer(i18n.Chinese), i18n.Printer(i18n.English)
	f := PluginFacts{Plugin: Plugin{ID: "2021004100000001", Owner: "dev1"}}
	for _, c := range []struct {
		u      User
		zh, en string
	}{
		{User{Name: "buyer1", Roles: []Role{RoleConsumer}, Buyer: BuyerPersonal}, "buyer1 的角色是消费者", "buyer1 is consumer"},
		{User{Name: "rev1", Roles: []Role{RoleReviewer, RoleAdmin}}, "rev1 的角色是审核员、管理员", "rev1 is reviewer,admin"},
	} {
		v := ListingOffer(c.u, f).Get(ActHide)
		if got := v.ReasonIn(zh); !strings.HasSuffix(got, c.zh) {
			t.Errorf("%s in Chinese: %q; want it to end %q", c.u.Name, got, c.zh)
		}
		if got := v.ReasonIn(en); !strings.HasSuffix(got, c.en) || v.Reason != got {
			t.Errorf("%s in English: %q (Reason %q); want it to end %q", c.u.Name, got, v.Reason, c.en)
		}
	}
	if _, err := NewUser("x", nil, BuyerNone); err == nil || !strings.Contains(i18n.Err(zh, err), "--role developer") {
		t.Errorf("a user without roles is told what --role takes: %v", i18n.Err(zh, err))
	}
}
