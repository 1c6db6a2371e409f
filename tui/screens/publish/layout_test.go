package publish

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// At 80×24 (78 columns inside the panes) the table keeps 预计完成 and the
// reviewer's whole name; 操作 gives way first, as the detail pane and the
// help line list the operations anyway.
func TestTableAt80x24KeepsDueAndReviewer(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	w.Must(w.Svc.AddUser(w.Ctx, "reviewer1", []workflow.Role{workflow.RoleReviewer}, ""))
	sub := submit(t, w)
	w.Must(w.Svc.Approve(w.Ctx, "reviewer1", sub.ID, workflow.AnyRev))
	m := open(t, w, "dev1")
	m.SetSize(80, 21) // a 80×24 terminal less the root's bars
	lines := strings.Split(m.View(), "\n")
	header, first := lines[1], lines[2]
	for _, want := range []string{"预计完成", "审核人", "审核状态", "上架状态"} {
		if !strings.Contains(header, want) {
			t.Errorf("the header lacks %s: %q", want, header)
		}
	}
	for _, want := range []string{"reviewer1", common.Short(sub.DueAt, m.ctx.Now()), common.Short(sub.SubmittedAt, m.ctx.Now())} {
		if !strings.Contains(first, want) {
			t.Errorf("the row lacks %q: %q", want, first)
		}
	}
	// At 100 columns the operations are back.
	m.SetSize(100, 27)
	if header := strings.Split(m.View(), "\n")[1]; !strings.Contains(header, "操作") || !strings.Contains(header, "预计完成") {
		t.Errorf("at 100 columns: %q", header)
	}
}

func TestColumnsGiveWayInOrder(t *testing.T) {
	titles := func(width int) string {
		var out []string
		for _, c := range columnsOf(pickColumns(width)) {
			out = append(out, c.Title)
		}
		return strings.Join(out, " ")
	}
	cases := []struct {
		width int
		want  string
	}{
		{98, "ID 版本 提交时间 预计完成 审核人 审核状态 上架状态 操作"},
		{78, "ID 版本 提交时间 预计完成 审核人 审核状态 上架状态"},
		{60, "ID 版本 预计完成 审核人 审核状态 上架状态"},
		{50, "ID 版本 预计完成 审核人 审核状态"},
		{40, "ID 版本 审核人 审核状态"},
		{20, "ID 审核人 审核状态"},
	}
	for _, c := range cases {
		if got := titles(c.width); got != c.want {
			t.Errorf("at %d: %s, want %s", c.width, got, c.want)
		}
	}
}

// Ids are never cut: the column grows to the widest id loaded (the large
// demo has six-digit ones), because the id is what the CLI takes.
func TestLongIDsAreNotCut(t *testing.T) {
	w := setup(t, "rejected")
	m := open(t, w, "dev1")
	m.SetSize(80, 21)
	r, _ := m.table.Selected()
	r.sub.ID = 1234567
	m.Update(loadedMsg{id: m.id, seq: m.seq, state: m.state, win: vtable.Window[row]{Items: []row{r}, Total: 1}})
	if v := m.View(); !strings.Contains(v, "1234567 ") {
		t.Errorf("the id is cut:\n%s", v)
	}
}

// 发布 while a submission is 审核中 is not offered, and the detail pane
// says why in workflow's words (bug 4: the wizard used to open and its
// 提交申请 fail).
func TestDetailSaysWhyPublishIsNotOffered(t *testing.T) {
	w := setup(t, "in review")
	m := open(t, w, "dev1")
	if m.keys.Publish.Enabled() {
		t.Fatal("发布 offered while a submission is in review")
	}
	v := strings.Join(strings.Fields(strings.ReplaceAll(m.View(), "│", " ")), " ")
	_, why, ok := strings.Cut(v, "不可用 · 发布: ")
	if !ok || !strings.Contains(why, "审核中") {
		t.Errorf("the detail pane should say why 发布 is not offered:\n%s", m.View())
	}
}

// A long rejection reason is readable in full in the detail pane at 80×24:
// wrapped, and scrolled to with tab and the list keys (bug 6).
func TestLongRejectionReasonScrollsIntoView(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌识别")
	var parts []string
	for i := 0; i < 30; i++ {
		parts = append(parts, fmt.Sprintf("第%d条问题需要修改", i))
	}
	reason := strings.Join(parts, "，") + "。END"
	w.Must(w.Svc.Reject(w.Ctx, "rev1", submit(t, w).ID, reason, workflow.AnyRev))
	m := open(t, w, "dev1")
	m.SetSize(80, 21)
	tuitest.Press(t, m, "tab")
	// The detail pane's lines, read by scrolling one line at a time: the
	// pane's first line at each step, then the rest of the last view.
	inner := func() []string {
		var out []string
		for _, l := range strings.Split(m.View(), "\n")[m.tableH+1:] {
			if l = strings.Trim(l, "│"); !strings.HasPrefix(l, "└") {
				out = append(out, strings.TrimSpace(l))
			}
		}
		return out
	}
	var content []string
	for i := 0; i < 60; i++ {
		content = append(content, inner()[0])
		tuitest.Press(t, m, "down")
	}
	content = append(content, inner()[1:]...)
	var text strings.Builder
	for i, l := range content {
		if l == "驳回原因" {
			for _, r := range content[i+1:] {
				if r == "" {
					break
				}
				text.WriteString(r)
			}
			break
		}
	}
	if got := text.String(); !strings.Contains(got, reason) {
		t.Errorf("the reason read by scrolling is\n%s\nwant\n%s", got, reason)
	}
}

// While a filter is typed its letters are text: w does not ask to withdraw.
func TestFilterTypingIsNotOperations(t *testing.T) {
	w := setup(t, "in review")
	m := open(t, w, "dev1")
	tuitest.Press(t, m, "/", "w")
	if m.confirm != nil {
		t.Fatalf("w in the filter opened a dialog:\n%s", m.View())
	}
	if !m.Capturing() {
		t.Error("typing a filter must capture keys")
	}
}
