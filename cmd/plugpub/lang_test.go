package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLanguageOfRefusals: the same refusal, and the same human output, in
// Chinese by default (no locale, C, zh_CN) and in English under an en
// locale or PLUGPUB_LANG=en; --json is the same in every language.
func TestLanguageOfRefusals(t *testing.T) {
	env := demoEnv(t)
	const P = "2021004100000001"
	zh := "plugpub: 隐藏 2021004100000001 的上架需要开发者角色；buyer1 的角色是消费者\n"
	en := "plugpub: to hide the listing of 2021004100000001 needs the developer role; buyer1 is consumer\n"
	for _, c := range []struct {
		name   string
		locale []string
		want   string
	}{
		{"no locale", nil, zh},
		{"C", []string{"LANG=C"}, zh},
		{"zh_CN", []string{"LANG=zh_CN.UTF-8"}, zh},
		{"en_US", []string{"LANG=en_US.UTF-8"}, en},
		{"LC_ALL over LANG", []string{"LANG=zh_CN.UTF-8", "LC_ALL=en_US.UTF-8"}, en},
		{"PLUGPUB_LANG over LANG", []string{"LANG=en_US.UTF-8", "PLUGPUB_LANG=zh"}, zh},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := append(append(append([]string{}, env...), "PLUGPUB_LANG="), c.locale...)
			_, errOut, code := run(t, e, "--as", "buyer1", "hide", P)
			if code != exitForbidden {
				t.Errorf("exit %d; want %d", code, exitForbidden)
			}
			if errOut != c.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, c.want)
			}
		})
	}

	zhEnv := append(append([]string{}, env...), "PLUGPUB_LANG=")
	enEnv := append(append([]string{}, env...), "PLUGPUB_LANG=", "LANG=en_US.UTF-8")

	// A user is described by role and buyer words, not codes.
	if out, _, code := run(t, zhEnv, "user", "add", "zz1", "--role", "consumer,developer"); code != 0 || out != "已添加用户 zz1（开发者、消费者，个人买家）\n" {
		t.Errorf("user add in Chinese: exit %d %q", code, out)
	}
	if out, _, code := run(t, enEnv, "user", "add", "zz2", "--role", "consumer", "--buyer", "enterprise"); code != 0 || out != "added user zz2 (consumer, enterprise buyer)\n" {
		t.Errorf("user add in English: exit %d %q", code, out)
	}

	// A usage error and its hint.
	_, errOut, code := run(t, zhEnv, "verson")
	if code != exitUsage || errOut != "plugpub: \"plugpub\" 没有命令 \"verson\"；是不是 \"version\"？\n运行 'plugpub --help' 查看用法。\n" {
		t.Errorf("usage in Chinese: exit %d\n%s", code, errOut)
	}
	// A table's column names and a draft's problems.
	out, _, _ := run(t, zhEnv, "--as", "dev1", "version", "list", P)
	if !strings.HasPrefix(out, "版本   状态           提交人  更新时间") {
		t.Errorf("version list in Chinese:\n%s", out)
	}
	out, _, _ = run(t, enEnv, "--as", "dev1", "version", "list", P)
	if !strings.HasPrefix(out, "VERSION  STATE          SUBMITTED BY") {
		t.Errorf("version list in English:\n%s", out)
	}
	_, errOut, code = runWith(t, runOpts{stdin: `{"info": {"title": "x"}}`}, zhEnv, "--as", "dev1", "draft", "set", P, "--file", "-")
	if code != 0 || !strings.Contains(errOut, "\n  info.title: 服务标题太短：1 个字符；需要 2 到 20 个\n") {
		t.Errorf("draft set in Chinese: exit %d\n%s", code, errOut)
	}

	// --json is the same whatever the language.
	for _, args := range [][]string{
		{"--json", "--as", "dev1", "version", "list", P},
		{"--json", "--as", "dev1", "draft", "check", P},
		{"--json", "market", "search", "车牌"},
	} {
		zhOut, _, _ := run(t, zhEnv, args...)
		enOut, _, _ := run(t, enEnv, args...)
		if zhOut != enOut || !json.Valid([]byte(zhOut)) {
			t.Errorf("%v: the JSON differs by language:\n%s\n%s", args, zhOut, enOut)
		}
	}
}
