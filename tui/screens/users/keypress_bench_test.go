package users

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

// benchRows is the length of the list a key press is measured on: a
// popular plugin's orders.
const benchRows = 100_000

// benchOrders is a plugin's 100,000 orders across 50,000 mini programs,
// newest first as 使用者管理 lists them, in every state.
func benchOrders(now time.Time) []workflow.OrderRow {
	reasons := []string{"请先完成企业认证，再申请使用本插件", "小程序类目与插件用途不符"}
	names := []string{"停车小助手", "洗车预约", "企业车队管理", "社区团购", "加油卡充值"}
	out := make([]workflow.OrderRow, benchRows)
	for i := range out {
		at := now.Add(-time.Duration(i) * 7 * time.Minute)
		app := i % 50_000
		o := workflow.Order{ID: int64(benchRows - i), PluginID: pid, Consumer: fmt.Sprintf("buyer%05d", app%20_000),
			AppID: fmt.Sprintf("2088%012d", app), SubmissionID: 3, At: at, Rev: 1, UpdatedBy: "dev1", UpdatedAt: at.Add(time.Hour)}
		switch i % 5 {
		case 0:
			o.State = workflow.OrderPending
		case 1, 2:
			o.State = workflow.OrderApproved
		case 3:
			o.State, o.Reason = workflow.OrderRefused, reasons[i%2]
		default:
			o.State = workflow.OrderCancelled
		}
		out[i] = workflow.OrderRow{Order: o, AppName: names[i%len(names)], Title: "车牌识别", Version: "1.2.0"}
	}
	return out
}

// BenchmarkKeyPress is one key press, Update and View, on 使用者管理 with
// the cursor in the middle of 100,000 orders, beside the stock bubbles
// table holding the same 100,000 rows at the same size
// (tuitest.BenchKeyPress).
func BenchmarkKeyPress(b *testing.B) {
	ctx := tuitest.BenchContext(b, "dev1")
	const width, height = 120, 36 // a 120×40 terminal less the root's bars and the tab bar
	now := ctx.Now()
	orders := benchOrders(now)
	plugin := workflow.Plugin{ID: pid, Name: "车牌识别", Owner: "dev1", Rev: 9}
	page := workflow.MarketPage{Plugin: plugin, Listing: workflow.Listing{PluginID: pid, SubmissionID: 3, Visibility: workflow.VisibilityShown},
		Submission: workflow.Submission{ID: 3, PluginID: pid, Version: "1.2.0", Snapshot: &workflow.Draft{Info: workflow.Info{Buyers: workflow.BuyersAny}}}}

	m := New(ctx, pid)
	m.SetSize(width, height)
	off := benchRows/2 - vtable.WindowSize/2
	rows := make([]row, vtable.WindowSize)
	for i := range rows {
		o := orders[off+i]
		rows[i] = row{o: o, state: o.StateAt(now), offer: workflow.OrderRowOffer(ctx.User, page, o, now)}
	}
	counts := map[workflow.OrderState]int{}
	for _, o := range orders {
		counts[o.StateAt(now)]++
	}
	m.seq = 1
	m.Update(loadedMsg{id: m.id, seq: 1, plugin: plugin, counts: counts, win: vtable.Window[row]{Offset: off, Items: rows, Total: benchRows}})
	m.table.SetCursor(benchRows / 2)
	m.updateKeys()
	if r, ok := m.table.Selected(); !ok || r.o.ID != orders[benchRows/2].ID {
		b.Fatalf("the cursor is not on the middle row: %v %v", r.o.ID, ok)
	}

	var cols []table.Column
	for i, c := range allColumns() {
		cols = append(cols, table.Column{Title: c.Title, Width: vtable.Layout(allColumns(), width)[i]})
	}
	trows := make([]table.Row, benchRows)
	for i, o := range orders {
		trows[i] = table.Row{strconv.FormatInt(o.ID, 10), o.Consumer, o.AppName, o.AppID, o.Version,
			workflow.OrderLabel(o.StateAt(now)), common.Short(o.At, now), o.Reason}
	}
	tuitest.BenchKeyPress(b, m, width, height, cols, trows, benchRows/2)
	if r, _ := m.table.Selected(); r.o.ID != orders[benchRows/2].ID && r.o.ID != orders[benchRows/2+1].ID {
		b.Fatalf("the cursor left the two rows: %d", r.o.ID)
	}
}
