package publish

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// refreshDetail renders the detail pane for the selected row; it runs when
// the row, its timeline or the size changes, never per frame.
func (m *Model) refreshDetail() {
	w := m.detail.Width()
	if w <= 0 {
		return
	}
	st := &m.ctx.Styles
	r, ok := m.table.Selected()
	if !ok {
		note := m.ctx.T("loading…")
		if m.loaded && m.table.Total() == 0 {
			note = m.ctx.T("Nothing submitted yet.")
			if m.keys.Publish.Enabled() {
				note += m.ctx.T(" %s 发布 fills the plugin info and the integration guide and submits them for review.", m.keys.Publish.Help().Key)
			}
		}
		m.detail.SetContent(st.Muted.Render(common.Wrap(note, w)))
		return
	}
	var tl *timeline
	if c, ok := m.timelines[r.sub.ID]; ok {
		tl = &c.tl
	}
	m.detail.SetContent(renderDetail(m.ctx, &m.keys, r, tl, m.unavailable(r), m.ctx.Now(), w))
}

// labelWidth fits the longest label, 预计完成, and two spaces.
const labelWidth = 10

// renderDetail draws one row's pane; unavailable is what workflow refuses
// on it, each with its reason.
func renderDetail(ctx *common.Context, keys *keyMap, r row, tl *timeline, unavailable []common.Refusal, now time.Time, w int) string {
	st := &ctx.Styles
	d := &doc{st: st, w: w}
	s := r.sub
	d.add(st.Bold.Render(fmt.Sprintf("提交 #%d · 版本 %s", s.ID, workflow.SanitizeLine(s.Version))) + "  " +
		st.State(string(s.State)).Render(workflow.Label(string(s.State))))
	d.field("提交人", safe(s.SubmittedBy))
	d.field("提交时间", longTime(s.SubmittedAt))
	if s.Overdue(now) {
		d.field("预计完成", longTime(s.DueAt), st.Bad.Render("⚠ 已超时"))
	} else {
		d.field("预计完成", longTime(s.DueAt))
	}
	d.field("审核人", safe(or(s.Reviewer, "-")))
	if !s.ReviewedAt.IsZero() {
		d.field("审核时间", longTime(s.ReviewedAt))
	}
	if l := r.listing; l != nil {
		note := ctx.T("market search finds it")
		if l.Visibility == workflow.VisibilityHidden {
			note = ctx.T("market search does not find it")
		}
		d.field("上架状态", st.State(string(l.Visibility)).Render(workflow.Label(string(l.Visibility))),
			"上架于 "+longTime(l.ListedAt), st.Muted.Render(note))
	}
	var ops []string
	for _, o := range r.ops {
		ops = append(ops, keys.forOp(o).Help().Key+" "+o.String())
	}
	d.field("操作", or(strings.Join(ops, " · "), "-"))
	for _, l := range common.RefusalLines(st, unavailable, w) {
		d.add(l)
	}
	if s.State == workflow.SubmissionRejected && strings.TrimSpace(s.Reason) != "" {
		d.blank()
		d.add(st.Bad.Bold(true).Render("驳回原因"))
		d.text(2, s.Reason, &st.Bad)
	}
	if len(s.Notes) > 0 {
		snap := s.Snapshot
		if snap == nil && tl != nil {
			snap = tl.snap
		}
		d.blank()
		d.add(st.Bad.Bold(true).Render(fmt.Sprintf("字段批注 (%d)", len(s.Notes))))
		for _, n := range s.Notes {
			mark := "✎ "
			if done, ok := r.resolved[n.Seq]; ok && done {
				mark = st.Good.Render("✓ 已修改") + " "
			} else if ok {
				mark = st.Bad.Render("○ 未修改") + " "
			}
			d.add("  " + mark + st.Label.Render(common.FieldLabel(snap, n.Path)))
			d.text(4, n.Text, nil)
		}
	}
	d.blank()
	d.add(st.Heading.Render("时间线"))
	switch {
	case tl == nil:
		d.text(2, ctx.T("loading…"), &st.Muted)
	case len(tl.events) == 0:
		d.text(2, ctx.T("no events"), &st.Muted)
	}
	if tl != nil {
		for _, e := range tl.events {
			d.event(e)
		}
		if tl.cut {
			d.text(2, ctx.T("… the plugin's log is long; plugpub log %s shows all of it", s.PluginID), &st.Muted)
		}
	}
	return strings.Join(d.lines, "\n")
}

// doc collects the detail pane's lines; every untrusted string goes
// through common's sanitising helpers on its way in.
type doc struct {
	st    *common.Styles
	w     int
	lines []string
}

func (d *doc) add(l string) { d.lines = append(d.lines, l) }

func (d *doc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.add("")
	}
}

// field is a label and its parts, safe or styled already, on one line;
// the line is cut to the pane, never wrapped.
func (d *doc) field(label string, parts ...string) {
	lw := min(labelWidth, d.w/3)
	line := d.st.Label.Render(common.Fit(label, lw)) + strings.Join(parts, "  ")
	if ansi.StringWidth(line) > d.w {
		line = ansi.Truncate(line, d.w, "…")
	}
	d.add(line)
}

// text wraps untrusted multi-line text at indent n.
func (d *doc) text(n int, s string, style *lipgloss.Style) {
	n = min(n, d.w/4)
	ind := strings.Repeat(" ", n)
	for _, l := range strings.Split(common.Wrap(expandTabs(s), max(1, d.w-n)), "\n") {
		if style != nil {
			l = style.Render(l)
		}
		d.add(ind + l)
	}
}

// event is one timeline row: when, who, what, from → to, and its reason
// wrapped beneath.
func (d *doc) event(e workflow.Event) {
	from := workflow.Label(e.From)
	if from == "" {
		from = "·"
	}
	what := workflow.ActionLabels[e.Action]
	if what == "" {
		what = string(e.Action)
	}
	line := "  " + longTime(e.At) + "  " + common.Cell(e.Actor, 10) + " " + common.Fit(what, 8) + "  " +
		from + " → " + d.st.State(e.To).Render(workflow.Label(e.To))
	if ansi.StringWidth(line) > d.w {
		line = ansi.Truncate(line, d.w, "…")
	}
	d.add(line)
	if strings.TrimSpace(e.Reason) != "" {
		st := &d.st.Muted
		if e.Action == workflow.ActReject {
			st = &d.st.Bad
		}
		d.text(20, e.Reason, st)
	}
}

// expandTabs turns tabs into spaces: the width helpers count a tab as
// nothing, while a terminal moves it up to eight cells.
func expandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// safe is untrusted text made fit for one line.
func safe(s string) string { return workflow.SanitizeLine(s) }

func or(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

func longTime(t time.Time) string { return common.Long(t) }
