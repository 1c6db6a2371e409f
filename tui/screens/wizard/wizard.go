// Package wizard is the publish wizard (发布 / 修改信息): ① 插件信息, ② 接入指引,
// ③ 确认 and 提交申请, over a draft that saves itself as you type.
package wizard

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/screens/wizard/guide"
	"plugpub/tui/screens/wizard/info"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// SaveDelay is how long the wizard waits after the last edit before it
// saves: typing is not interrupted, and at most this much (plus one save)
// is lost if the process dies.
const SaveDelay = 400 * time.Millisecond

type loadedMsg struct {
	id string
	sd workflow.StoredDraft
	// rejected is the rejected submission the draft answers, with the
	// notes its reviewer pinned to fields; nil when there is none.
	rejected *workflow.Submission
}

// noteTaker is a step that marks the fields the reviewer's notes are on.
type noteTaker interface {
	SetNotes([]workflow.NoteStatus)
}

type tickMsg struct {
	id  string
	seq int
}

type savedMsg struct {
	id  string
	seq int
	sd  workflow.StoredDraft
}

type saveFailedMsg struct {
	id  string
	seq int
	err error
}

type submittedMsg struct {
	id  string
	sub workflow.Submission
}

// jumpMsg asks the wizard to show the field a problem names.
type jumpMsg struct{ path string }

// submitMsg asks the wizard to save and submit (提交申请).
type submitMsg struct{}

// submitOffer is whether 提交申请 is offered to this user on this plugin
// now (workflow decides) and, if not, why; ask is the question to ask
// first. known is false until the answer came.
type submitOffer struct {
	known, allowed bool
	reason, ask    string
}

type offerMsg struct {
	id    string
	offer submitOffer
}

// submitVerdict asks workflow whether u may submit the plugin's draft now:
// the one place the wizard reads that rule. The reason is said as say
// says verdicts (the session's language).
func submitVerdict(ctx context.Context, svc *workflow.Service, u workflow.User, pluginID string, say *common.Context) (submitOffer, error) {
	f, err := svc.Facts(ctx, u.Name, pluginID)
	if err != nil {
		return submitOffer{}, err
	}
	v := workflow.PluginOffer(u, f).Get(workflow.ActSubmit)
	return submitOffer{known: true, allowed: v.Allowed, reason: say.Reason(v), ask: say.Confirm(v)}, nil
}

// discardMsg is the yes of the question asked when leaving with edits
// that could not be saved: leave (or quit) without them.
type discardMsg struct {
	id   string
	quit bool
}

var _ common.Leaver = (*Model)(nil)

type keyMap struct {
	Next      key.Binding
	Prev      key.Binding
	Leave     key.Binding
	Reload    key.Binding
	Overwrite key.Binding
}

// Model is the wizard screen.
type Model struct {
	ctx      *common.Context
	pluginID string
	id       string
	keys     keyMap

	draft    workflow.Draft
	rev      int64
	loaded   bool
	problems []workflow.Problem
	rejected *workflow.Submission  // the 驳回 the draft answers, if it has notes
	notes    []workflow.NoteStatus // its notes, resolved once their field changed

	steps   []step.Step
	confirm *confirm
	names   []string
	active  int

	seq      int // bumps with every edit
	savedSeq int // the edit the last good save covered
	// basis is the draft as last loaded or handed to a save, at basisSeq.
	// The steps write into the draft at once but say so with a message
	// (step.EditedMsg), which an esc in the same read can overtake: before
	// deciding there is nothing to save, the wizard compares (catchUp).
	basis    workflow.Draft
	basisSeq int
	saving   bool
	savedAt  time.Time
	conflict error  // the draft changed in another terminal
	failure  string // the last save's other error
	// leaving is set while a leave (esc) or a quit (q) waits for the last
	// save: done, it closes; refused, it asks.
	leaving *bool
	ask     *dialog.Confirm // keep editing / discard, when edits cannot be saved
	offer   submitOffer     // 提交申请, as workflow offers it
	width   int
	height  int
}

// New opens the wizard on a plugin's draft.
func New(ctx *common.Context, pluginID string) *Model {
	m := &Model{ctx: ctx, pluginID: pluginID, keys: keyMap{
		Next:      key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next step")),
		Prev:      key.NewBinding(key.WithKeys("ctrl+p"), key.WithHelp("ctrl+p", "previous step")),
		Leave:     common.Esc("leave (saved)"),
		Reload:    key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload theirs")),
		Overwrite: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "keep mine")),
	}}
	// Messages carry the wizard's identity, so a late answer for a wizard
	// that was closed and opened again is not taken by the new one.
	m.id = fmt.Sprintf("wizard:%p", m)
	m.draft = workflow.NewDraft()
	m.confirm = newConfirm(ctx, pluginID, &m.draft, &m.problems, &m.offer)
	m.confirm.notes = &m.notes
	m.steps = []step.Step{info.New(ctx, pluginID, &m.draft), guide.New(ctx, &m.draft), m.confirm}
	m.names = []string{"① 插件信息", "② 接入指引", "③ 确认"}
	return m
}

// Init loads the draft.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	svc, as, pid, id := m.ctx.Svc, m.ctx.User.Name, m.pluginID, m.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		sd, err := svc.Draft(ctx, as, pid)
		if err != nil {
			return nil, err
		}
		notes, err := svc.DraftNotes(ctx, as, pid)
		if err != nil || len(notes) == 0 {
			return loadedMsg{id: id, sd: sd}, err
		}
		// The rejected submission itself, so that the notes are marked
		// resolved as the draft is edited, not only when it is saved.
		rej, err := svc.Submission(ctx, as, notes[0].SubmissionID)
		if err != nil {
			return nil, err
		}
		return loadedMsg{id: id, sd: sd, rejected: &rej}, nil
	})
}

// Title names the screen.
func (m *Model) Title() string {
	return "发布 · " + []string{"插件信息", "接入指引", "确认"}[m.active]
}

// Capturing is true while a text field of the step has focus or a
// question is open: q and ? are then text. On ② lists and ③ they quit
// (after the draft is saved, see Leave) and open the full help.
func (m *Model) Capturing() bool {
	return m.ask != nil || m.loaded && m.steps[m.active].Capturing()
}

// SetSize gives the steps the space under the step bar and the banner.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	for _, s := range m.steps {
		s.SetSize(w, max(0, h-2))
	}
}

// Update routes one message.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.draft, m.rev, m.loaded, m.conflict, m.failure = msg.sd.Draft, msg.sd.Rev, true, nil, ""
		m.draft.Normalize()
		m.savedSeq = m.seq
		m.basis, m.basisSeq = m.draft.Clone(), m.seq
		m.problems = m.draft.Problems()
		m.rejected = msg.rejected
		for _, s := range m.steps {
			s.Load(&m.draft)
		}
		m.recheckNotes()
		return m, tea.Batch(m.steps[m.active].Init(), m.checkOffer())
	case offerMsg:
		if msg.id == m.id {
			m.offer = msg.offer
		}
		return m, nil
	case step.EditedMsg:
		// Re-checking a large draft takes milliseconds: it waits for the
		// pause in typing, like the save, so every key stays instant.
		m.seq++
		m.confirm.invalidate()
		seq, id := m.seq, m.id
		return m, tea.Tick(SaveDelay, func(time.Time) tea.Msg { return tickMsg{id: id, seq: seq} })
	case tickMsg:
		if msg.id != m.id || msg.seq != m.seq {
			return m, nil // a newer edit will tick again
		}
		m.problems = m.draft.Problems()
		m.recheckNotes()
		if m.saving || m.conflict != nil {
			return m, nil // a save under way saves again when it is done
		}
		return m, m.save(m.rev)
	case savedMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.saving, m.rev, m.savedSeq, m.savedAt, m.failure = false, msg.sd.Rev, msg.seq, m.ctx.Now(), ""
		m.catchUp()
		if m.seq > m.savedSeq {
			return m, m.save(m.rev)
		}
		if m.leaving != nil {
			return m, m.close(*m.leaving)
		}
		return m, nil
	case saveFailedMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.saving = false
		if workflow.KindOf(msg.err) == workflow.KindConflict {
			m.conflict = msg.err
		} else {
			m.failure = m.ctx.Err(msg.err)
		}
		if m.leaving != nil {
			quit := *m.leaving
			m.leaving = nil
			m.askDiscard(quit)
		}
		return m, nil
	case discardMsg:
		if msg.id != m.id {
			return m, nil
		}
		return m, m.close(msg.quit)
	case jumpMsg:
		for i, s := range m.steps {
			if s.Focus(msg.path) {
				m.active = i
				return m, nil
			}
		}
		return m, nil
	case submitMsg:
		return m, m.submit()
	case submittedMsg:
		if msg.id != m.id {
			return m, nil
		}
		sub := msg.sub
		note := fmt.Sprintf("提交申请: #%d 审核中, 预计 %s 前完成审核 (预计一个工作日)", sub.ID, common.Long(sub.DueAt))
		return m, tea.Batch(common.Info(note), common.Pop)
	case common.ReloadMsg:
		// Another terminal changed something; the draft itself is guarded by
		// its rev, and a save will say so if it was the draft. Whether it
		// may be submitted may have changed (a submission went 审核中).
		return m, m.checkOffer()
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	// Other messages go to every step: an answer (a checked logo, say) may
	// arrive after the user moved on to another step. Each takes its own.
	cmds := make([]tea.Cmd, len(m.steps))
	for i, s := range m.steps {
		cmds[i] = s.Update(msg)
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.ask != nil {
		cmd, _ := dialog.Step(&m.ask, msg)
		return cmd
	}
	if m.conflict != nil {
		switch {
		case key.Matches(msg, k.Reload):
			return m.load()
		case key.Matches(msg, k.Overwrite):
			return m.overwrite()
		}
	}
	switch {
	case key.Matches(msg, k.Next):
		return m.show(min(len(m.steps)-1, m.active+1))
	case key.Matches(msg, k.Prev):
		return m.show(max(0, m.active-1))
	case key.Matches(msg, k.Leave) && (!m.loaded || !m.steps[m.active].Open()):
		return m.leave(false)
	}
	if !m.loaded {
		return nil
	}
	return m.steps[m.active].Update(msg)
}

// Leave is esc or q from the root (see Leaver): esc first closes what is
// open inside the step; leaving saves what the last tick has not yet.
func (m *Model) Leave(quit bool) tea.Cmd {
	if m.ask != nil {
		return nil
	}
	if !quit && m.loaded && m.steps[m.active].Open() {
		return m.steps[m.active].Update(tea.KeyMsg{Type: tea.KeyEsc})
	}
	return m.leave(quit)
}

// leave closes the wizard (or quits) once the draft is saved. Edits that
// cannot be saved (the draft is 审核中, a field is over its hard limit,
// another terminal changed it) are not dropped silently: it asks.
func (m *Model) leave(quit bool) tea.Cmd {
	m.catchUp()
	switch {
	case !m.loaded || m.seq <= m.savedSeq && !m.saving:
		return m.close(quit)
	case m.conflict != nil:
		m.askDiscard(quit)
		return nil
	}
	m.leaving = &quit
	if m.saving {
		return nil // the save under way saves again, then closes
	}
	return m.save(m.rev)
}

// close leaves the wizard, or ends the program.
func (m *Model) close(quit bool) tea.Cmd {
	m.leaving = nil
	if quit {
		return tea.Quit
	}
	return common.Pop
}

func (m *Model) askDiscard(quit bool) {
	why := m.failure
	if m.conflict != nil {
		why = m.ctx.Err(m.conflict)
	}
	id := m.id
	title := "放弃未保存的修改并离开?"
	if quit {
		title = "放弃未保存的修改并退出?"
	}
	m.ask = dialog.NewConfirm(m.ctx, title,
		m.ctx.T("The last edits cannot be saved: %s. y discards them; n keeps editing.", workflow.SanitizeLine(why)),
		func() tea.Msg { return discardMsg{id: id, quit: quit} })
}

// recheckNotes marks each note resolved or not against the draft as it
// is now (workflow decides), and tells the steps that mark fields.
func (m *Model) recheckNotes() {
	m.notes = nil
	if m.rejected != nil {
		m.notes = workflow.NoteStatuses(*m.rejected, m.draft)
	}
	for _, s := range m.steps {
		if n, ok := s.(noteTaker); ok {
			n.SetNotes(m.notes)
		}
	}
}

func (m *Model) show(i int) tea.Cmd {
	if i == m.active {
		return nil
	}
	m.active = i
	if m.steps[i] == step.Step(m.confirm) {
		m.problems = m.draft.Problems() // ③ lists what is true now
		m.recheckNotes()
		return tea.Batch(m.steps[i].Init(), m.checkOffer())
	}
	return m.steps[i].Init()
}

// checkOffer asks workflow, off the loop, whether 提交申请 is offered.
func (m *Model) checkOffer() tea.Cmd {
	svc, u, pid, id, say := m.ctx.Svc, m.ctx.User, m.pluginID, m.id, m.ctx
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		o, err := submitVerdict(ctx, svc, u, pid, say)
		if err != nil {
			return nil, err
		}
		return offerMsg{id: id, offer: o}, nil
	})
}

// catchUp counts an edit the draft holds whose step.EditedMsg has not
// arrived yet, so leaving, submitting or a finished save never takes the
// draft for saved when it is not.
func (m *Model) catchUp() {
	if m.loaded && m.seq == m.basisSeq && !m.draft.Equal(m.basis) {
		m.seq++
	}
}

// sending notes what a save hands on: the basis catchUp compares with.
func (m *Model) sending() (workflow.Draft, int) {
	m.basis, m.basisSeq = m.draft.Clone(), m.seq
	return m.basis.Clone(), m.seq
}

// save writes the draft as it is now, comparing against rev.
func (m *Model) save(rev int64) tea.Cmd {
	m.saving = true
	return m.saveAgainst(func(context.Context) (int64, error) { return rev, nil })
}

// overwrite keeps this terminal's draft after a conflict: it saves over
// whatever the other terminal stored.
func (m *Model) overwrite() tea.Cmd {
	m.conflict, m.saving = nil, true
	svc, as, pid := m.ctx.Svc, m.ctx.User.Name, m.pluginID
	return m.saveAgainst(func(ctx context.Context) (int64, error) {
		cur, err := svc.Draft(ctx, as, pid)
		return cur.Rev, err
	})
}

// saveAgainst sends the draft as it is now and saves it against the
// revision rev reads, off the update loop; save and overwrite differ only
// in that revision.
func (m *Model) saveAgainst(rev func(context.Context) (int64, error)) tea.Cmd {
	d, seq := m.sending()
	id := m.id
	svc, as, pid := m.ctx.Svc, m.ctx.User.Name, m.pluginID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r, err := rev(ctx)
		if err == nil {
			var sd workflow.StoredDraft
			if sd, _, err = svc.SaveDraft(ctx, as, pid, d, r); err == nil {
				return savedMsg{id: id, seq: seq, sd: sd}
			}
		}
		return saveFailedMsg{id: id, seq: seq, err: err}
	}
}

// submit saves what is unsaved, then submits; the engine decides whether
// the draft may be submitted and says why not.
func (m *Model) submit() tea.Cmd {
	if m.conflict != nil {
		return func() tea.Msg { return common.ErrMsg{Err: m.conflict} }
	}
	m.catchUp()
	d, rev, dirty, id := m.draft.Clone(), m.rev, m.seq > m.savedSeq, m.id
	svc, as, pid := m.ctx.Svc, m.ctx.User.Name, m.pluginID
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		if dirty {
			if _, _, err := svc.SaveDraft(ctx, as, pid, d, rev); err != nil {
				return nil, err
			}
		}
		sub, err := svc.Submit(ctx, as, pid, "")
		if err != nil {
			return nil, err
		}
		return submittedMsg{id: id, sub: sub}, nil
	})
}

// View draws the step bar, the active step and a banner when something
// needs the user.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := m.ctx.Styles
	var bar strings.Builder
	for i, n := range m.names {
		label := " " + n + " "
		if i == 2 && len(m.problems) > 0 {
			label = fmt.Sprintf(" %s ✗%d ", n, len(m.problems))
		}
		if open := len(workflow.Unresolved(m.notes)); i == 2 && open > 0 {
			label += fmt.Sprintf("✎%d ", open)
		}
		if i == m.active {
			bar.WriteString(st.Selected.Render(label))
		} else {
			bar.WriteString(st.Muted.Render(label))
		}
	}
	bar.WriteString("  " + m.saveState())
	banner := ""
	switch {
	case m.conflict != nil:
		banner = st.Error.Render(common.Cell(m.ctx.T("ctrl+r reload theirs · ctrl+o keep mine — %s", m.ctx.Err(m.conflict)), m.width))
	case m.failure != "":
		banner = st.Error.Render(common.Cell(m.ctx.T("not saved: %s", m.failure), m.width))
	default:
		banner = st.Muted.Render(common.Cell(m.ctx.T("ctrl+n / ctrl+p: next / previous step · esc: leave (the draft is saved as you type)"), m.width))
	}
	body := m.ctx.T("loading the draft…")
	if m.loaded {
		body = m.steps[m.active].View()
	}
	view := common.Clip(common.Fit(bar.String(), m.width)+"\n"+banner+"\n"+body, m.width, m.height)
	if m.ask != nil {
		view = dialog.Over(view, m.ask, m.width, m.height)
	}
	return view
}

func (m *Model) saveState() string {
	st := m.ctx.Styles
	switch {
	case !m.loaded:
		return ""
	case m.leaving != nil:
		return st.Muted.Render(m.ctx.T("saving before leaving…"))
	case m.saving:
		return st.Muted.Render(m.ctx.T("saving…"))
	case m.seq > m.savedSeq:
		return st.Warn.Render(m.ctx.T("unsaved"))
	case !m.savedAt.IsZero():
		return st.Good.Render(m.ctx.T("saved %s", m.savedAt.Local().Format("15:04:05")))
	}
	return st.Good.Render(m.ctx.T("saved"))
}

// ShortHelp is the step's keys and the wizard's.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.ask != nil {
		return m.ask.ShortHelp()
	}
	if m.conflict != nil {
		return []key.Binding{k.Reload, k.Overwrite}
	}
	keys := append(m.steps[m.active].ShortHelp(), k.Next, k.Prev)
	if m.Capturing() && !m.steps[m.active].Open() {
		// Where the root does not add its own esc, the wizard's leaves.
		keys = append(keys, k.Leave)
	}
	return keys
}

// FullHelp groups every key; the root adds esc, ? and q.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return append(m.steps[m.active].FullHelp(), []key.Binding{k.Next, k.Prev,
		common.Enable(k.Reload, m.conflict != nil), common.Enable(k.Overwrite, m.conflict != nil)})
}
