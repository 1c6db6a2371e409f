package publish

import (
	"strings"
	"testing"

	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// At 80×24 (78 columns inside the panes) the table keeps 预计完成 and the
// reviewer's whole name; 操作 gives way first, as the detail pane and the
// help line list the operations anyway.
func TestTableAt80x24KeepsDueAndReviewer(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Online("dev1", pid, "车牌识别")
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
	for _, want := range []string{"reviewer1", shortTime(sub.DueAt), shortTime(sub.SubmittedAt)} {
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
		for _, c := range columnsOf(pickColumns(width, 4), 4) {
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
