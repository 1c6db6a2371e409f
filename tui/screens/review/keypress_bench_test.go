package review

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/table"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// BenchmarkKeyPress is one key press, Update and View, on the review queue
// with the cursor in the middle of 100,000 submissions in review, under
// its header of figures and chart, beside
// the stock bubbles table holding the same 100,000 rows at the same size
// (tuitest.BenchKeyPress).
func BenchmarkKeyPress(b *testing.B) {
	const total, width, height = 100_000, 120, 37 // a 120×40 terminal less the root's bars
	ctx := tuitest.BenchContext(b, "rev1")
	now := ctx.Now()
	names := []string{"车牌识别插件", "会员积分商城", "电子发票开具插件", "人脸核身认证插件", "优惠券营销插件", "停车缴费助手"}
	items := make([]item, total)
	for i := range items {
		// Earliest due first, as the queue lists them; the first third overdue.
		at := now.Add(-48*time.Hour + time.Duration(i)*time.Minute)
		items[i] = item{name: names[i%len(names)], sub: workflow.Submission{ID: int64(i + 1),
			PluginID: strconv.FormatInt(2021004100000001+int64(i), 10), Version: fmt.Sprintf("1.%d.0", i%30),
			State: workflow.SubmissionInReview, SubmittedBy: fmt.Sprintf("dev%03d", i%200), SubmittedAt: at,
			DueAt: workflow.DueAt(at).UTC(), Rev: 1, UpdatedBy: "dev1", UpdatedAt: at}}
	}

	m := New(ctx)
	// The header drawn above the table, as a loaded queue has it.
	g := &workflow.ReviewStats{InReview: total, Overdue: total / 3, Unclaimed: total / 2, Decided: 900, Median: 5 * time.Hour}
	for i := range workflow.StatsDays {
		g.Days = append(g.Days, workflow.DayCount{Day: now.AddDate(0, 0, i-workflow.StatsDays+1).Format("2006-01-02"), Decisions: 40 + i*7%23})
	}
	m.Update(glanceMsg{id: m.id, g: *g})
	m.SetSize(width, height)
	off := total/2 - vtable.WindowSize/2
	m.seq = 1
	m.Update(queueMsg{id: m.id, seq: 1, win: vtable.Window[item]{Offset: off, Items: items[off : off+vtable.WindowSize], Total: total}})
	m.table.SetCursor(total / 2)
	if it, ok := m.table.Selected(); !ok || it.sub.ID != items[total/2].sub.ID {
		b.Fatalf("the cursor is not on the middle row")
	}

	// The stock table: the queue's columns (as New lays them out), the same
	// cells, the same size.
	queueCols := []vtable.Column{{Title: "ID", Width: 4}, {Title: "插件", Width: 16}, {Title: "名称", Flex: 2}, {Title: "版本", Width: 7},
		{Title: "提交人", Flex: 1}, {Title: "提交时间", Width: 11}, {Title: "预计完成", Width: 11}, {Title: "认领", Flex: 1}, {Title: "状态", Width: 10}}
	var cols []table.Column
	for i, wd := range vtable.Layout(queueCols, width) {
		cols = append(cols, table.Column{Title: queueCols[i].Title, Width: wd})
	}
	rows := make([]table.Row, total)
	for i, it := range items {
		s := it.sub
		state := workflow.Label(string(s.State))
		if s.Overdue(now) {
			state = "⚠ 已超时"
		}
		rows[i] = table.Row{strconv.FormatInt(s.ID, 10), s.PluginID, it.name, s.Version, s.SubmittedBy,
			common.Short(s.SubmittedAt, now), common.Short(s.DueAt, now), "-", state}
	}
	tuitest.BenchKeyPress(b, m, width, height, cols, rows, total/2)
}
