package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/scroll"
	"plugpub/tui/render"
	"plugpub/workflow"
)

// loadedMsg brings the submission under review with its snapshot, and
// what it is compared with: the listed submission it would replace, else
// the plugin's previous submission, else nothing.
type loadedMsg struct {
	id     string
	sub    workflow.Submission
	plugin workflow.Plugin
	facts  workflow.PluginFacts
	bases  workflow.DiffBases
	// base is the plugin's previous submission when neither base of
	// bases exists (one approved but never listed), else unset.
	base workflow.DiffBase
}

// openRejectMsg opens the 驳回 prompt once a question about another
// reviewer's claim was answered yes.
type openRejectMsg struct{ id string }

type doneMsg struct {
	id   string
	text string
}

type detailKeys struct {
	list      common.ListKeys
	Approve   key.Binding
	Reject    key.Binding
	Next      key.Binding
	Prev      key.Binding
	NextField key.Binding
	PrevField key.Binding
	Note      key.Binding
	Unnote    key.Binding
	Base      key.Binding
}

// Detail reviews one submission; it is a common.Screen.
type Detail struct {
	ctx   *common.Context
	subID int64
	id    string
	keys  detailKeys
	body  scroll.Model

	data     *loadedMsg
	changes  []workflow.DraftChange
	sections []int // first line of each section, for tab

	lines   []string // the page as rendered, before the cursor and notes
	anchors []anchor // the fields on it, by line
	shown   []int    // each anchor's line as drawn, notes included
	field   int      // the anchor under the field cursor; -1 for none
	notes   []pinned // the notes to send with 驳回, in the order written
	kind    workflow.BaseKind
	earlier map[string][]workflow.Note // the rejected base's notes, by the path of this snapshot's field
	// earlierAt is earlier by the fields of the page they are drawn under.
	earlierAt map[string][]workflow.Note

	modal  dialog.Modal // an open confirmation or reason prompt
	width  int
	height int
}

// NewDetail builds the review of submission subID; it loads on Init.
func NewDetail(ctx *common.Context, subID int64) *Detail {
	d := &Detail{ctx: ctx, subID: subID, body: scroll.New(), keys: detailKeys{
		list:      common.NewListKeys(),
		Approve:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "审核通过")),
		Reject:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "审核驳回")),
		Next:      common.Tab("next section"),
		Prev:      common.ShiftTab("previous section"),
		NextField: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next field")),
		PrevField: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous field")),
		Note:      common.Note(),
		Unnote:    key.NewBinding(key.WithKeys("delete"), key.WithHelp("del", "drop the note")),
		Base:      common.SwitchBase(),
	}, field: -1}
	d.id = fmt.Sprintf("review-detail:%d:%p", subID, d)
	d.updateKeys()
	return d
}

func (d *Detail) load() tea.Cmd {
	svc, as, id, subID := d.ctx.Svc, d.ctx.User.Name, d.id, d.subID
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		sub, err := svc.Submission(ctx, as, subID)
		if err != nil {
			return nil, err
		}
		f, err := svc.Facts(ctx, as, sub.PluginID)
		if err != nil {
			return nil, err
		}
		bases, err := svc.DiffBases(ctx, as, sub)
		if err != nil {
			return nil, err
		}
		var base workflow.DiffBase
		if bases.Default() == workflow.BaseNone {
			if base, err = svc.DiffBase(ctx, as, sub); err != nil {
				return nil, err
			}
		}
		return loadedMsg{id: id, sub: sub, plugin: f.Plugin, facts: f, bases: bases, base: base}, nil
	})
}

// Init loads the submission.
func (d *Detail) Init() tea.Cmd { return d.load() }

// Title names the screen.
func (d *Detail) Title() string { return fmt.Sprintf("审核 #%d", d.subID) }

// Capturing is true while a dialog is open.
func (d *Detail) Capturing() bool { return d.modal != nil }

// SetSize re-renders for the new width.
func (d *Detail) SetSize(w, h int) {
	resized := w != d.width
	d.width, d.height = max(0, w), max(0, h)
	d.body.SetSize(d.width, d.height)
	if resized {
		d.render()
	}
}

// Update handles the load, dialogs and keys.
func (d *Detail) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != d.id {
			return d, nil
		}
		kept := d.data != nil && msg.bases.Get(d.kind) != nil
		d.data = &msg
		if !kept {
			d.kind = msg.bases.Default()
		}
		d.compare()
		return d, nil
	case openRejectMsg:
		if msg.id == d.id && d.keys.Reject.Enabled() {
			d.openReject()
		}
		return d, nil
	case doneMsg:
		if msg.id != d.id {
			return d, nil
		}
		// The decision is made: back to the queue, which reloads on the way.
		return d, tea.Batch(common.Info(msg.text), common.Pop)
	case common.ReloadMsg:
		return d, d.load()
	case tea.KeyMsg:
		if cmd, ok := dialog.Step(&d.modal, msg); ok {
			return d, cmd
		}
		return d, d.key(msg)
	}
	return d, nil
}

func (d *Detail) key(msg tea.KeyMsg) tea.Cmd {
	k := &d.keys
	switch {
	case key.Matches(msg, k.Approve) && k.Approve.Enabled():
		sub := d.data.sub
		run := d.act(fmt.Sprintf("审核通过: #%d", sub.ID), func(ctx context.Context, svc *workflow.Service, as string) error {
			_, err := svc.Approve(ctx, as, sub.ID, sub.Rev)
			return err
		})
		return dialog.Ask(&d.modal, d.ctx, fmt.Sprintf("审核通过 #%d (%s)", sub.ID, sub.Version), d.ctx.Confirm(d.offer().Get(workflow.ActApprove)), run)
	case key.Matches(msg, k.Reject) && k.Reject.Enabled():
		// Another reviewer's claim is asked about first; it never blocks.
		id := d.id
		open := func() tea.Msg { return openRejectMsg{id: id} }
		if q := d.ctx.Confirm(d.offer().Get(workflow.ActReject)); q != "" {
			return dialog.Ask(&d.modal, d.ctx, fmt.Sprintf("审核驳回 #%d", d.data.sub.ID), q, open)
		}
		d.openReject()
	case key.Matches(msg, k.Base) && k.Base.Enabled():
		d.kind = d.data.bases.Other(d.kind)
		d.compare()
		d.body.SetTop(d.sections[1])
	case key.Matches(msg, k.NextField):
		d.moveField(+1)
	case key.Matches(msg, k.PrevField):
		d.moveField(-1)
	case key.Matches(msg, k.Note) && k.Note.Enabled():
		return d.writeNote()
	case key.Matches(msg, k.Unnote) && k.Unnote.Enabled():
		d.setNote(d.anchors[d.field].path, "")
	case key.Matches(msg, k.Next):
		for _, s := range d.sections {
			if s > d.body.Top() {
				d.body.SetTop(s)
				break
			}
		}
	case key.Matches(msg, k.Prev):
		top := 0
		for _, s := range d.sections {
			if s < d.body.Top() {
				top = s
			}
		}
		d.body.SetTop(top)
	default:
		d.body.Update(msg)
	}
	return nil
}

// act runs a decision off the Update loop, with the Rev the screen showed.
func (d *Detail) act(done string, fn func(ctx context.Context, svc *workflow.Service, as string) error) tea.Cmd {
	return common.Act(d.ctx, doneMsg{id: d.id, text: done}, fn)
}

// offer is workflow's answer for this user and the submission: approve
// and reject, or why not (one's own submission, no longer in review).
func (d *Detail) offer() workflow.Offer {
	if d.data == nil {
		return nil
	}
	return workflow.SubmissionOffer(d.ctx.User, d.data.facts, d.data.sub)
}

func (d *Detail) updateKeys() {
	o := d.offer()
	d.keys.Approve.SetEnabled(o.Can(workflow.ActApprove))
	d.keys.Reject.SetEnabled(o.Can(workflow.ActReject))
	onField := d.field >= 0 && d.field < len(d.anchors)
	d.keys.NextField.SetEnabled(len(d.anchors) > 0)
	d.keys.PrevField.SetEnabled(len(d.anchors) > 0)
	// A note goes with a rejection: where 驳回 is not offered, neither is it.
	d.keys.Note.SetEnabled(onField && o.Can(workflow.ActReject))
	d.keys.Unnote.SetEnabled(onField && d.noteAt(d.anchors[d.field].path) >= 0)
	d.keys.Base.SetEnabled(d.data != nil && d.data.bases.Other(d.kind) != d.kind)
}

// render lays the page out for the current width: the submission, the
// differences from the listing, then the market page preview.
func (d *Detail) render() {
	w := d.width
	if w <= 0 {
		return
	}
	st := &d.ctx.Styles
	if d.data == nil {
		d.body.SetContent(st.Muted.Render(d.ctx.T("loading…")))
		return
	}
	s, p := d.data.sub, d.data.plugin
	var lines []string
	var anchors []anchor
	add := func(l string) {
		if ansi.StringWidth(l) > w {
			l = ansi.Truncate(l, w, "…")
		}
		lines = append(lines, l)
	}
	field := func(label string, parts ...string) {
		add(st.Label.Render(common.Fit(label, min(10, w/3))) + strings.Join(parts, "  "))
	}
	d.sections = []int{0}
	add(st.Bold.Render(fmt.Sprintf("#%d · %s · 版本 %s", s.ID, workflow.SanitizeLine(p.Name), workflow.SanitizeLine(s.Version))) +
		"  " + st.State(string(s.State)).Render(workflow.Label(string(s.State))))
	field("插件", p.ID, d.ctx.T("owner %s", workflow.SanitizeLine(p.Owner)))
	field("提交人", workflow.SanitizeLine(s.SubmittedBy))
	field("提交时间", longTime(s.SubmittedAt))
	if s.Overdue(d.ctx.Now()) {
		field("预计完成", longTime(s.DueAt), st.Bad.Render("⚠ 已超时"))
	} else {
		field("预计完成", longTime(s.DueAt))
	}
	if s.Reviewer != "" {
		field("审核人", workflow.SanitizeLine(s.Reviewer), longTime(s.ReviewedAt))
	}
	if by, live := s.Claim(d.ctx.Now()); live {
		field("认领", workflow.SanitizeLine(by), d.ctx.T("lapses at %s", longTime(s.ClaimLapsesAt())))
	}
	var ops []string
	for _, b := range []key.Binding{d.keys.Approve, d.keys.Reject} {
		if b.Enabled() {
			ops = append(ops, b.Help().Key+" "+d.ctx.Key(b.Help().Desc))
		}
	}
	// Why approve and reject are not offered, in workflow's words (the
	// reviewer's own submission, a role this user lacks…).
	var refused []common.Refusal
	for _, act := range []workflow.Action{workflow.ActApprove, workflow.ActReject} {
		if v := d.offer().Get(act); !v.Allowed && s.State == workflow.SubmissionInReview {
			refused = append(refused, common.Refusal{Label: workflow.ActionLabels[act], Reason: d.ctx.Reason(v)})
		}
	}
	switch {
	case len(ops) > 0:
		field("操作", strings.Join(ops, " · "))
	case s.State != workflow.SubmissionInReview:
		field("操作", st.Muted.Render(d.ctx.T("no longer in review")))
	case len(refused) == 0:
		field("操作", st.Muted.Render("-"))
	}
	lines = append(lines, common.RefusalLines(st, refused, w)...)

	add("")
	d.sections = append(d.sections, len(lines))
	base := d.current()
	switch base.Kind {
	case workflow.BaseNone:
		add(st.Heading.Render("与已上架版本的差异"))
		for _, l := range strings.Split(common.Wrap(d.ctx.T("首次上架: nothing of this plugin is listed or was submitted before, so everything in the preview below is new."), max(1, w-2)), "\n") {
			add("  " + st.Muted.Render(l))
		}
	default:
		b := base.Submission
		heading, same := fmt.Sprintf("与已上架版本的差异 (#%d, 上架于 %s)", b.ID, longTime(listedAt(base))), d.ctx.T("the listed one")
		switch base.Kind {
		case workflow.BasePrevious:
			when := b.ReviewedAt
			if when.IsZero() {
				when = b.UpdatedAt
			}
			heading = d.ctx.T("与上次提交的差异 (#%d, %s 于 %s; nothing is listed yet)", b.ID, workflow.Label(string(b.State)), longTime(when))
			same = d.ctx.T("the previous submission")
		case workflow.BaseRejected:
			heading = d.ctx.T("与被驳回的提交的差异 (#%d, 驳回于 %s)", b.ID, longTime(b.ReviewedAt))
			same = d.ctx.T("the rejected submission")
		}
		if d.keys.Base.Enabled() {
			heading += st.Muted.Render("  " + d.ctx.T("b: compare with %s", d.ctx.T(baseWord(d.data.bases.Other(d.kind)))))
		}
		add(st.Heading.Render(heading))
		if base.Kind != workflow.BaseListed && strings.TrimSpace(b.Reason) != "" {
			// What the developer was asked to fix, to check the changes against.
			text := "上次驳回原因 (" + workflow.SanitizeLine(b.Reviewer) + "): " + workflow.Sanitize(b.Reason)
			for _, l := range strings.Split(common.Wrap(strings.ReplaceAll(text, "\t", "    "), max(1, w-2)), "\n") {
				add("  " + st.Bad.Render(l))
			}
		}
		if base.Kind == workflow.BaseRejected {
			for _, n := range b.Notes {
				text := "✎ " + common.FieldLabel(b.Snapshot, n.Path) + ": " + workflow.Sanitize(n.Text)
				for _, l := range wrap(text, max(1, w-4)) {
					add("    " + st.Bad.Render(l))
				}
			}
		}
		if len(d.changes) == 0 {
			add("  " + st.Muted.Render(d.ctx.T("no differences: the snapshot is the same as %s", same)))
		}
		ls, starts := diffLines(d.ctx, d.changes, w)
		first := len(lines)
		for _, l := range ls {
			add(l)
		}
		for i, c := range d.changes {
			if p, ok := common.IndexPath(s.Snapshot, c.Path); ok && s.Snapshot != nil {
				end := first + len(ls)
				if i+1 < len(starts) {
					end = first + starts[i+1]
				}
				anchors = append(anchors, anchor{line: first + starts[i], end: end, path: p})
			}
		}
	}

	add("")
	d.sections = append(d.sections, len(lines))
	add(st.Heading.Render("市场详情页预览"))
	add(st.Muted.Render(strings.Repeat("─", w)))
	if s.Snapshot != nil {
		first := len(lines)
		preview := strings.Split(render.DetailOf(s.PluginID, *s.Snapshot, st, w), "\n")
		for _, l := range preview {
			add(l)
		}
		anchors = append(anchors, previewAnchors(s.Snapshot, preview, first)...)
	}
	d.lines, d.anchors = lines, anchors
	d.pinEarlier()
	if d.field >= len(anchors) {
		d.field = len(anchors) - 1
	}
	d.updateKeys()
	d.compose()
}

func listedAt(b workflow.DiffBase) time.Time {
	if b.Listing == nil {
		return time.Time{}
	}
	return b.Listing.ListedAt
}

// View draws the page and any dialog over it.
func (d *Detail) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	view := d.body.View()
	switch {
	case d.modal != nil:
		return dialog.Over(view, d.modal, d.width, d.height)
	}
	return view
}

// ShortHelp lists what works now.
func (d *Detail) ShortHelp() []key.Binding {
	switch {
	case d.modal != nil:
		return d.modal.ShortHelp()
	}
	k := d.keys
	return []key.Binding{k.Approve, k.Reject, k.NextField, k.Note, k.Next, k.list.Down}
}

// FullHelp groups every key.
func (d *Detail) FullHelp() [][]key.Binding {
	if d.Capturing() {
		return [][]key.Binding{d.ShortHelp()}
	}
	k := d.keys
	return [][]key.Binding{{k.Approve, k.Reject, k.Note, k.Unnote, k.Base}, {k.NextField, k.PrevField, k.Next, k.Prev}, k.list.Bindings()}
}
