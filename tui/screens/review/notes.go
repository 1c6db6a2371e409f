package review

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/workflow"
)

// pinned is a note the reviewer wrote on a field, sent with 驳回.
type pinned struct {
	path string
	text string
}

// noteAt is the index of the note pinned to path, or -1.
func (d *Detail) noteAt(path string) int {
	for i, n := range d.notes {
		if n.path == path {
			return i
		}
	}
	return -1
}

// setNote pins text to path, replacing its note; "" drops it.
func (d *Detail) setNote(path, text string) {
	i := d.noteAt(path)
	switch {
	case text == "" && i >= 0:
		d.notes = append(d.notes[:i], d.notes[i+1:]...)
	case text == "":
	case i >= 0:
		d.notes[i].text = text
	default:
		d.notes = append(d.notes, pinned{path: path, text: text})
	}
	d.updateKeys()
	d.compose()
}

// writeNote opens the note of the field under the cursor, with what was
// written there before.
func (d *Detail) writeNote() tea.Cmd {
	path := d.anchors[d.field].path
	title := d.ctx.T("批注 %s: what the developer should change here (empty drops it)", common.FieldLabel(d.data.sub.Snapshot, path))
	p := dialog.NewPrompt(d.ctx, title, "批注", d.ctx.Checked(func(s string) error {
		if s == "" {
			return nil
		}
		// The note as workflow will check it with the 驳回 (its length).
		_, err := workflow.ParseNote(path + "=" + s)
		return err
	}), func(text string) tea.Cmd {
		d.setNote(path, text)
		return nil
	})
	if i := d.noteAt(path); i >= 0 {
		p.SetValue(d.notes[i].text)
	}
	d.modal = p
	return nil
}

// moveField moves the field cursor by step, from the first field on the
// screen when there is none yet, and scrolls it into view.
func (d *Detail) moveField(step int) {
	if len(d.anchors) == 0 {
		return
	}
	switch {
	case d.field < 0:
		d.field = 0
		for i, l := range d.shown {
			if l >= d.body.Top() {
				d.field = i
				break
			}
		}
	default:
		d.field = (d.field + step + len(d.anchors)) % len(d.anchors)
	}
	d.updateKeys()
	d.compose()
	if l := d.shown[d.field]; l < d.body.Top() || l >= d.body.Top()+d.height-1 {
		d.body.SetTop(max(0, l-2))
	}
}

// compose draws the page: the rendered lines with the field under the
// cursor marked and each note under its field's last line.
func (d *Detail) compose() {
	st, w := &d.ctx.Styles, d.width
	out := make([]string, 0, len(d.lines)+len(d.notes))
	d.shown = make([]int, len(d.anchors))
	ending := map[int][]int{} // line → the anchors whose fields end there
	for a, an := range d.anchors {
		ending[an.last()] = append(ending[an.last()], a)
	}
	next := 0
	for i, l := range d.lines {
		here := next
		for next < len(d.anchors) && d.anchors[next].line == i {
			d.shown[next] = len(out)
			next++
		}
		if d.field >= here && d.field < next {
			l = st.Selected.Render(common.Fit("▸"+strings.TrimPrefix(stripped(l), " "), w))
		}
		out = append(out, l)
		for _, a := range ending[i] {
			for _, n := range d.earlierAt[d.anchors[a].path] {
				for _, nl := range wrap("✎ 上次批注: "+workflow.Sanitize(n.Text), max(1, w-4)) {
					out = append(out, "    "+st.Bad.Render(nl))
				}
			}
			if n := d.noteAt(d.anchors[a].path); n >= 0 {
				for _, nl := range wrap("✎ 批注: "+workflow.Sanitize(d.notes[n].text), max(1, w-4)) {
					out = append(out, "    "+st.Warn.Render(nl))
				}
			}
		}
	}
	d.body.SetContent(strings.Join(out, "\n"))
}
