package review

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// queueOf3 is a queue of three plugins in review: 车牌识别 and 电子发票 of
// dev1, 会员积分 of dev2.
func queueOf3(t *testing.T) (*tuitest.World, *common.Context) {
	t.Helper()
	w := tuitest.NewWorld(t)
	for _, p := range []struct{ owner, id, name string }{
		{"dev1", "2021004100000001", "车牌识别"}, {"dev1", "2021004100000002", "电子发票"}, {"dev2", "2021004100000003", "会员积分"},
	} {
		w.Online(p.owner, p.id, p.name)
		submit(t, w, p.owner, p.id)
	}
	return w, reviewer(t, w, "rev1")
}

func footer(view string) string {
	ls := lines(view)
	return ls[len(ls)-1]
}

// TestQueueFilterNarrowsAsTypedAndEscClears: / opens the queue's filter
// (the screen then captures every key), each key typed narrows the rows and
// the count, a filter that matches nothing says so, esc brings every row back.
func TestQueueFilterNarrowsAsTypedAndEscClears(t *testing.T) {
	_, ctx := queueOf3(t)
	m := openQueue(t, ctx)
	if foot := footer(m.View()); foot != "1/3" {
		t.Fatalf("footer %q, want 1/3", foot)
	}
	tuitest.Press(t, m, "/")
	if !m.Capturing() {
		t.Fatal("/ should focus the filter, and the screen capture keys")
	}
	tuitest.Press(t, m, "发")
	view := m.View()
	if !strings.Contains(view, "电子发票") || strings.Contains(view, "车牌识别") || strings.Contains(view, "会员积分") {
		t.Fatalf("filtered on 发 (typed, not yet entered):\n%s", view)
	}
	if foot := footer(view); !strings.HasSuffix(foot, "1/1") {
		t.Fatalf("footer %q, want the count of one match", foot)
	}
	tuitest.Press(t, m, "x")
	if view := m.View(); !strings.Contains(view, "no row matches “发x”") || strings.Contains(view, "Nothing to review") {
		t.Fatalf("an empty result should say what was filtered:\n%s", view)
	}
	tuitest.Press(t, m, "esc")
	if m.Capturing() || m.table.Filter() != "" || footer(m.View()) != "1/3" {
		t.Fatalf("esc should clear the filter:\n%s", m.View())
	}
	// By submitter, then enter keeps it and opens the row.
	tuitest.Press(t, m, "/", "d", "e", "v", "2", "enter")
	if m.Capturing() || !strings.Contains(m.View(), "会员积分") || m.table.Total() != 1 {
		t.Fatalf("filtered on dev2:\n%s", m.View())
	}
	push, ok := tuitest.Find[common.PushMsg](tuitest.Press(t, m, "enter"))
	if d, isDetail := push.Screen.(*Detail); !ok || !isDetail || d.subID != 3 {
		t.Fatalf("enter should open #3, got %v", push)
	}
}

// TestQueueIDsNeverCutAt80Columns: on a database whose submission ids have
// seven digits, the id `review approve` needs is drawn whole at 80×24 (it
// was 197… on the large demo), and so is the plugin id.
func TestQueueIDsNeverCutAt80Columns(t *testing.T) {
	w, ctx := queueOf3(t)
	// Push the next ids past 1,970,000 as a large database has them.
	db, err := sql.Open("sqlite", w.Store.Path())
	w.Must(err)
	w.Must(db.ExecContext(w.Ctx, "UPDATE sqlite_sequence SET seq = 1970000 WHERE name = 'submissions'"))
	w.Must(db.Close())
	w.Online("dev2", "2021004100000004", "停车缴费")
	late := submit(t, w, "dev2", "2021004100000004")
	m := openQueue(t, ctx)
	m.SetSize(80, 21) // 80×24 less the root's bars
	tuitest.Press(t, m, "G")
	view := m.View()
	tuitest.CheckFits(t, view, 80, 21)
	want := fmt.Sprint(late.ID)
	if len(want) != 7 || !strings.Contains(view, want+" 2021004100000004 ") {
		t.Fatalf("id %s or its plugin id is cut at 80 columns:\n%s", want, view)
	}
	if !strings.Contains(view, "停车缴费") || !strings.Contains(view, "4/4") {
		t.Fatalf("the name and the position should show too:\n%s", view)
	}
}

// TestQueueDatesShowTheYearOutsideThisOne: a reviewer in the next January
// reads last year's submissions with their year.
func TestQueueDatesShowTheYearOutsideThisOne(t *testing.T) {
	w, ctx := queueOf3(t)
	ctx.Svc = workflow.NewService(w.Store, func() time.Time { return time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC) })
	m := openQueue(t, ctx)
	if view := m.View(); !strings.Contains(view, "2026-11-23") || strings.Contains(view, "11-23 09:00") {
		t.Fatalf("a date of last year should carry its year:\n%s", view)
	}
}

// TestQueueClickSelectsRow: a click on a row (Y counted from the top of the
// screen's body, where the header is, then the table) selects it; a click
// on the header selects nothing.
func TestQueueClickSelectsRow(t *testing.T) {
	_, ctx := queueOf3(t)
	m := openQueue(t, ctx)
	if m.top == 0 {
		t.Fatal("at 100×27 the queue should have its header")
	}
	tuitest.Drive(t, m, tea.MouseMsg{X: 10, Y: m.top - 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if it, _ := m.table.Selected(); it.sub.ID != 1 {
		t.Fatalf("a click on the header moved the cursor to #%d", it.sub.ID)
	}
	tuitest.Drive(t, m, tea.MouseMsg{X: 10, Y: m.top + 3, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	it, ok := m.table.Selected()
	if !ok || it.sub.ID != 3 || footer(m.View()) != "3/3" {
		t.Fatalf("a click on the third row selected %v (%v):\n%s", it.sub.ID, ok, m.View())
	}
	push, ok := tuitest.Find[common.PushMsg](tuitest.Press(t, m, "enter"))
	if d, isDetail := push.Screen.(*Detail); !ok || !isDetail || d.subID != 3 {
		t.Fatalf("enter after the click should open #3, got %v", push)
	}
}
