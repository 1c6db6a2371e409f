package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	// The goldens here are .md files named by plugin, not golden's
	// testdata/<test>.golden, but they refresh with the same -update flag,
	// which this import registers.
	_ "github.com/charmbracelet/x/exp/golden"

	"plugpub/workflow"
)

var demoIDs = []string{"2021004100000001", "2021004100000002", "2021004100000003", "2021004100000004", "2021004100000005"}

// TestExportMarkdownGolden keeps the md export of every demo plugin's draft
// in testdata/export/<id>.md, where it can be read as the document it is.
// Refresh with: go test ./cmd/plugpub -run TestExportMarkdownGolden -update
func TestExportMarkdownGolden(t *testing.T) {
	c := newDemoCLI(t)
	for _, id := range demoIDs {
		t.Run(id, func(t *testing.T) {
			out := c.ok("--as", "reviewer1", "export", id)
			if md := c.ok("--as", "reviewer1", "export", id, "--format", "md"); md != out {
				t.Errorf("--format md differs from the default format")
			}
			checkDocument(t, out)
			requireFile(t, filepath.Join("testdata", "export", id+".md"), out)
		})
	}
}

func requireFile(t *testing.T, path, got string) {
	t.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the export; if the change is meant, run with -update and read the diff\n--- got:\n%s", path, got)
	}
}

// checkDocument checks what every exported document must be: safe to cat
// (newlines and tabs are its only controls), with the sections of the
// market page and the sample code.
func checkDocument(t *testing.T, md string) {
	t.Helper()
	for _, r := range md {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069') {
			t.Fatalf("control or bidi character %U in the document", r)
		}
	}
	mustContain(t, "the document", md,
		"## 服务描述", "## 接入指引", "### 组件列表", "| 属性 | 类型 | 必填 | 默认值 | 描述 |",
		"| 事件 | 描述 |", "### 页面列表", "| 参数 | 类型 | 必填 | 描述 |", "### 接口列表", "| 入参 |", "| 出参 |",
		"### 接入说明与示例代码", "### 功能清单（示例代码）", `"plugins": {`, `"usingComponents": {`,
		"plugin://myPlugin/", "my.navigateTo({", "requirePlugin('myPlugin')")
	if n := strings.Count(md, "```"); n%2 != 0 {
		t.Errorf("the document has %d ``` fences: one is left open", n)
	}
}

// TestExportJSONRoundTrip: export json → draft set → export json gives
// back the same bytes, for the demo drafts and for one full of characters
// that must be escaped on the way out and restored on the way in.
func TestExportJSONRoundTrip(t *testing.T) {
	c := newDemoCLI(t)
	owner := map[string]string{demoIDs[0]: "dev1", demoIDs[1]: "dev1", demoIDs[3]: "dev2"}
	roundTrip := func(id, as, in string) string {
		t.Helper()
		out, errOut, code := runWith(t, runOpts{stdin: in}, c.env, "--as", as, "draft", "set", id, "--file", "-")
		if code != 0 {
			t.Fatalf("draft set %s of its export: exit %d\n%s%s", id, code, out, errOut)
		}
		return c.ok("--as", as, "export", id, "--format", "json")
	}
	// The plugins whose draft may be edited: the others are in review.
	for _, id := range []string{demoIDs[0], demoIDs[1], demoIDs[3]} {
		as := owner[id]
		first := c.ok("--as", as, "export", id, "--format", "json")
		if show := c.ok("--as", as, "draft", "show", id); show != first {
			t.Errorf("%s: export json differs from draft show:\n%s\n%s", id, first, show)
		}
		if again := roundTrip(id, as, first); again != first {
			t.Errorf("%s: export → draft set → export changed the draft:\n%s\n---\n%s", id, first, again)
		}
	}

	id := demoIDs[0]
	d, err := workflow.ParseDraft([]byte(c.ok("--as", "dev1", "export", id, "--format", "json")))
	if err != nil {
		t.Fatal(err)
	}
	d.Info.Title = "车牌\u202e识别\u0085 \x1b[31m红\x7f"
	d.Guide.Components[0].Props[1].Default = "a\"b\\c`d|e\n<f>&g"
	d.Guide.Instructions = "~~~\nunclosed\t\u2028fence"
	b, err := workflow.MarshalDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	first := roundTrip(id, "dev1", string(b))
	if strings.ContainsAny(first, "\u202e\u0085\x1b\x7f") {
		t.Errorf("export json put a terminal control on stdout:\n%s", first)
	}
	if again := roundTrip(id, "dev1", first); again != first {
		t.Errorf("the escaped export did not round-trip:\n%s\n---\n%s", first, again)
	}
	checkDocument(t, c.ok("--as", "dev1", "export", id))
}

// TestExportSubmission exports a snapshot rather than the draft, and
// checks who may and what is refused.
func TestExportSubmission(t *testing.T) {
	c := newDemoCLI(t)
	coupon, invoice := demoIDs[4], demoIDs[2]
	subs := func(as, id string) []workflow.Submission {
		var s []workflow.Submission
		c.json(&s, "--as", as, "submissions", id)
		return s
	}
	var listed, inReview int64
	for _, s := range subs("dev1", coupon) {
		switch s.State {
		case workflow.SubmissionListed:
			listed = s.ID
		case workflow.SubmissionInReview:
			inReview = s.ID
		}
	}
	invoiceSubs := subs("dev2", invoice)
	if listed == 0 || inReview == 0 || len(invoiceSubs) == 0 {
		t.Fatalf("the demo changed: coupon listed %d in review %d, invoice %v", listed, inReview, invoiceSubs)
	}
	ls := strconv.FormatInt(listed, 10)

	// The listed snapshot is the market's: the title before the modification.
	md := c.ok("--as", "dev1", "export", coupon, "--submission", ls)
	checkDocument(t, md)
	mustContain(t, "the listed submission's export", md, "# 优惠券营销插件\n", "提交 "+ls+" · 版本 1.0.0 · 已上架")
	if draft := c.ok("--as", "dev1", "export", coupon); !strings.Contains(draft, "# 优惠券营销插件 2.0\n") || !strings.Contains(draft, "来源：草稿") {
		t.Errorf("the draft export should be the modification:\n%s", draft[:min(len(draft), 300)])
	}
	// JSON of a submission is its snapshot as a draft file.
	var page workflow.MarketPage
	c.json(&page, "market", "view", coupon)
	want, err := workflow.MarshalDraft(*page.Submission.Snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.ok("--as", "buyer2", "export", coupon, "--submission", ls, "--format", "json"); got != string(want) {
		t.Errorf("a buyer's json export of the listed submission:\n%s\nwant the market's snapshot:\n%s", got, want)
	}
	if got := c.ok("--as", "dev1", "--json", "export", coupon, "--submission", ls); !bytes.Equal([]byte(got), want) {
		t.Errorf("--json should select --format json")
	}
	mustContain(t, "the owner's export of the one in review", c.ok("--as", "dev1", "export", coupon, "--submission", strconv.FormatInt(inReview, 10)),
		"# 优惠券营销插件 2.0\n", "· 审核中")

	for _, tc := range []struct {
		name string
		code int
		args []string
		msg  string
	}{
		{"no such submission", exitNotFound, []string{"--as", "dev1", "export", coupon, "--submission", "9999"}, "has no submission 9999"},
		{"another plugin's submission", exitNotFound, []string{"--as", "reviewer1", "export", coupon, "--submission", strconv.FormatInt(invoiceSubs[0].ID, 10)}, "has no submission"},
		{"another developer's plugin", exitForbidden, []string{"--as", "dev1", "export", invoice, "--submission", strconv.FormatInt(invoiceSubs[0].ID, 10)}, "belongs to dev2"},
		{"another developer's draft", exitForbidden, []string{"--as", "dev1", "export", invoice}, "belongs to dev2"},
		{"a buyer and the one in review", exitForbidden, []string{"--as", "buyer2", "export", coupon, "--submission", strconv.FormatInt(inReview, 10)}, "the listed one"},
		{"no such plugin", exitNotFound, []string{"--as", "dev1", "export", "2021004100000099"}, "2021004100000099"},
		{"a bad plugin id", exitInvalid, []string{"--as", "dev1", "export", "12"}, "plugin"},
		{"an unknown format", exitUsage, []string{"--as", "dev1", "export", coupon, "--format", "pdf"}, "--format must be md or json"},
		{"--json with --format md", exitUsage, []string{"--as", "dev1", "--json", "export", coupon, "--format", "md"}, "--json"},
		{"a submission id of 0", exitUsage, []string{"--as", "dev1", "export", coupon, "--submission", "0"}, "--submission"},
		{"a submission id that is no number", exitUsage, []string{"--as", "dev1", "export", coupon, "--submission", "three"}, "submission"},
		{"no plugin", exitUsage, []string{"--as", "dev1", "export"}, "missing PLUGIN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mustContain(t, "stderr", c.fails(tc.code, tc.args...), tc.msg)
		})
	}
}
