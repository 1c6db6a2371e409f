package review

import (
	"context"
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/workflow"
)

// current is the base the page compares with now: the listed snapshot or
// the rejected submission (b switches), else the previous submission or
// nothing.
func (d *Detail) current() workflow.DiffBase {
	b := d.data.bases
	switch sub := b.Get(d.kind); {
	case sub == nil:
		return d.data.base
	case d.kind == workflow.BaseListed:
		return workflow.DiffBase{Kind: workflow.BaseListed, Submission: *sub, Listing: b.Listing}
	default:
		return workflow.DiffBase{Kind: d.kind, Submission: *sub}
	}
}

// baseWord names a base in the switch's hint.
func baseWord(k workflow.BaseKind) string {
	if k == workflow.BaseRejected {
		return "the rejected submission"
	}
	return "the listed one"
}

// compare diffs the snapshot with the current base and finds, for the
// rejected base, the fields of this snapshot its notes were about: a note
// names its field in the rejected snapshot, which is the field of the
// same name here.
func (d *Detail) compare() {
	msg, base := d.data, d.current()
	d.changes, d.earlier = nil, nil
	if b := base.Submission.Snapshot; base.Kind != workflow.BaseNone && b != nil && msg.sub.Snapshot != nil {
		d.changes = workflow.DiffDrafts(*b, *msg.sub.Snapshot)
	}
	if base.Kind == workflow.BaseRejected && base.Submission.Snapshot != nil && msg.sub.Snapshot != nil {
		d.earlier = map[string][]workflow.Note{}
		for _, n := range base.Submission.Notes {
			if name, ok := common.NamePath(base.Submission.Snapshot, n.Path); ok {
				if here, ok := common.IndexPath(msg.sub.Snapshot, name); ok {
					d.earlier[here] = append(d.earlier[here], n)
				}
			}
		}
	}
	d.updateKeys()
	d.render()
}

// pinEarlier puts each earlier note under the fields of the page it was
// about: the field itself and the lines about fields inside it (a note on
// a prop goes under its row and under each change of the prop), else the
// nearest line that holds it (a note on a prop's default goes under the
// prop's row when the page has no line of the default alone).
func (d *Detail) pinEarlier() {
	d.earlierAt = nil
	if len(d.earlier) == 0 {
		return
	}
	d.earlierAt = map[string][]workflow.Note{}
	// In the order they were written, whatever the map's.
	paths := make([]string, 0, len(d.earlier))
	for p := range d.earlier {
		paths = append(paths, p)
	}
	sort.Slice(paths, func(i, j int) bool { return d.earlier[paths[i]][0].Seq < d.earlier[paths[j]][0].Seq })
	for _, path := range paths {
		notes := d.earlier[path]
		var at []string
		holder := ""
		for _, a := range d.anchors {
			switch {
			case a.path == path || holds(path, a.path):
				at = append(at, a.path)
			case holds(a.path, path) && len(a.path) > len(holder):
				holder = a.path
			}
		}
		if len(at) == 0 && holder != "" {
			at = []string{holder}
		}
		seen := map[string]bool{}
		for _, p := range at {
			if !seen[p] {
				seen[p] = true
				d.earlierAt[p] = append(d.earlierAt[p], notes...)
			}
		}
	}
}

// holds reports whether field outer contains field inner.
func holds(outer, inner string) bool {
	rest, ok := strings.CutPrefix(inner, outer)
	return ok && rest != "" && (rest[0] == '.' || rest[0] == '[')
}

// openReject asks for the reason of the 驳回, which carries the notes.
func (d *Detail) openReject() {
	sub := d.data.sub
	title := d.ctx.T("审核驳回 #%d: the reason the developer will read", sub.ID)
	if len(d.notes) > 0 {
		title = d.ctx.T("审核驳回 #%d, %d 条批注: the reason the developer will read", sub.ID, len(d.notes))
	}
	notes := make([]workflow.NoteInput, len(d.notes))
	for i, n := range d.notes {
		notes[i] = workflow.NoteInput{Path: n.path, Text: n.text}
	}
	d.modal = dialog.NewPrompt(d.ctx, title, "驳回原因", d.ctx.Checked(workflow.ValidateReason), func(reason string) tea.Cmd {
		return d.act(fmt.Sprintf("审核驳回: #%d", sub.ID), func(ctx context.Context, svc *workflow.Service, as string) error {
			_, err := svc.RejectWithNotes(ctx, as, sub.ID, reason, notes, sub.Rev)
			return err
		})
	})
}
