// Package tui is plugpub's terminal UI: a root that routes and frames, and
// one sub-model per screen (package tui/screens/...).
package tui

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"plugpub/tui/common"
	"plugpub/workflow"
)

// PollInterval is how often the root asks the database whether another
// terminal changed it; a change shows within this and a reload. Asking is
// cheap on both engines (SQLite's data_version, PostgreSQL's counter of
// notifications), and a commit on another host must show within a second.
const PollInterval = 500 * time.Millisecond

// SettleDelay is how long an esc that arrived right behind other keys (in
// the same read, as "abc" + esc does) waits before it is handled, so the
// messages those keys asked for (an edit notice that makes the wizard
// save) are handled first and leaving never loses them.
const SettleDelay = 30 * time.Millisecond

// settleWindow: an esc this soon after a key that asked for a command is
// taken for part of the same burst. A person takes longer.
const settleWindow = 25 * time.Millisecond

// statusLog is how many status messages ! shows.
const statusLog = 30

// maxStatusLines is how far a long status message may grow the status area
// before it is cut (and ! shows it whole).
const maxStatusLines = 3

// titleHeight is the title bar's height: a screen's body starts this many
// lines below the top of the window.
const titleHeight = 1

// ErrInterrupted is what Run returns when the user quit with ctrl+c. It is
// a context.Canceled, which the command line exits 130 on, as it does for
// ctrl+c in any other command.
var ErrInterrupted error = interrupted{}

type interrupted struct{}

func (interrupted) Error() string        { return "interrupted (ctrl+c)" }
func (interrupted) Is(target error) bool { return target == context.Canceled }

// Model is the root: it frames the active screen between a title bar and a
// status bar, routes keys to exactly one owner, and polls for changes.
type Model struct {
	ctx   *common.Context
	stack []common.Screen
	help  help.Model

	showHelp bool
	showLog  bool // the last status messages, opened with !

	status     string
	statusErr  bool
	notice     string // what the status line says when it says nothing else (NewGuest)
	statusSeq  int    // counts status changes, so late answers know theirs
	errVersion int64  // the change counter when an error was shown; -1 unknown
	log        []statusEntry

	version int64 // last seen change counter
	lost    bool  // the change counter could not be read: the database is away

	lastKey    time.Time // when the last key was handled
	lastKeyCmd bool      // and whether it asked for a command
	held       []tea.KeyMsg
	now        func() time.Time

	interrupted bool // quit by ctrl+c
}

type statusEntry struct {
	at   time.Time
	text string
	err  bool
}

type pollMsg struct{}

// CommitMsg tells the root that someone committed to the database (plugpub
// serve sends it to every console when a session commits): it reads the
// change counter now instead of at the next poll, and reloads if it moved.
type CommitMsg struct{}
type changedMsg struct{ version int64 }

// lostMsg: the change counter could not be read; the database is away
// (a PostgreSQL server restarting). The poll goes on, and the first
// reading after it reloads.
type lostMsg struct{ err error }

// errBaselineMsg is the change counter read just after an error was shown:
// a later change is another terminal's, and makes the error stale.
type errBaselineMsg struct {
	version int64
	seq     int
}

// releaseMsg hands on the keys held behind a settling esc.
type releaseMsg struct{}

// New builds the root on its first screen.
func New(ctx *common.Context, first common.Screen) Model {
	h := help.New()
	h.Styles = ctx.Styles.Help
	return Model{ctx: ctx, stack: []common.Screen{first}, help: h, version: -1, errVersion: -1, now: time.Now}
}

// NewGuest is the console of a key nobody registered (plugpub serve): the
// market only, as the Guest, whom every offer refuses, so it is searched and
// read and nothing more; the status line says how to sign up with signup,
// the command to type (ssh -p PORT HOST signup NAME).
func NewGuest(ctx *common.Context, signup string) Model {
	ctx.User = workflow.Guest()
	m := New(ctx, Home(ctx))
	m.notice = ctx.T("to order, sign up: %s", signup)
	return m
}

// Init starts the first screen and the change poll.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.top().Init(), m.poll())
}

// Interrupted reports whether the user quit with ctrl+c.
func (m Model) Interrupted() bool { return m.interrupted }

func (m Model) top() common.Screen { return m.stack[len(m.stack)-1] }

func (m Model) poll() tea.Cmd {
	if m.ctx.Changes == nil {
		return nil
	}
	return tea.Tick(PollInterval, func(time.Time) tea.Msg { return pollMsg{} })
}

func (m Model) readChanges(wrap func(int64) tea.Msg) tea.Cmd {
	changes := m.ctx.Changes
	if changes == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		v, err := changes(ctx)
		if err != nil {
			return lostMsg{err: err}
		}
		return wrap(v)
	}
}

func (m Model) checkChanges() tea.Cmd {
	return m.readChanges(func(v int64) tea.Msg { return changedMsg{version: v} })
}

// Update routes one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.Width, m.ctx.Height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	case releaseMsg:
		keys := m.held
		m.held = nil
		var cmds []tea.Cmd
		for _, k := range keys {
			var cmd tea.Cmd
			m, cmd = m.dispatch(k)
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	case common.ErrMsg:
		m.ctx.Logger().Error("console error", "screen", m.top().Title(), "error", msg.Err.Error())
		if m.lost {
			// The database is away, and the status says so: the screen's
			// failure goes to the messages (!), and the reload when the
			// database is back answers it.
			m.remember(m.ctx.Err(msg.Err), true)
			return m, nil
		}
		// The whole message: it wraps, and ! shows what does not fit.
		m.setStatus(m.ctx.Err(msg.Err), true)
		seq := m.statusSeq
		baseline := m.readChanges(func(v int64) tea.Msg { return errBaselineMsg{version: v, seq: seq} })
		if workflow.KindOf(msg.Err) == workflow.KindConflict {
			// What the user saw is stale: show them what is true now.
			m2, cmd := m.toTop(common.ReloadMsg{})
			return m2, tea.Batch(cmd, baseline)
		}
		return m, baseline
	case errBaselineMsg:
		if msg.seq == m.statusSeq && m.statusErr {
			m.errVersion = msg.version
		}
		return m, nil
	case common.InfoMsg:
		m.setStatus(msg.Text, false)
		return m, nil
	case common.PushMsg:
		m.ctx.Logger().Debug("screen open", "screen", msg.Screen.Title(), "depth", len(m.stack)+1)
		m.stack = append(m.stack, msg.Screen)
		if !m.lost { // while the database is away, the status keeps saying so
			m.setStatus("", false)
		}
		msg.Screen.SetSize(m.bodySize())
		return m, msg.Screen.Init()
	case common.PopMsg:
		return m.pop()
	case pollMsg:
		return m, tea.Batch(m.checkChanges(), m.poll())
	case CommitMsg:
		return m, m.checkChanges()
	case lostMsg:
		if !m.lost {
			m.lost = true
			m.ctx.Logger().Warn("console lost the database", "error", msg.err.Error())
			m.setStatus(m.ctx.T("database connection lost; reconnecting…"), true)
		}
		return m, nil
	case changedMsg:
		if m.lost {
			// Back: what was missed while away is reloaded.
			m.lost = false
			m.version = msg.version
			m.setStatus(m.ctx.T("database reconnected; reloaded"), false)
			return m.toTop(common.ReloadMsg{})
		}
		if msg.version == m.version {
			return m, nil
		}
		// The first reading reloads too: a commit may have landed between
		// the screen's first query and this baseline.
		m.version = msg.version
		if m.statusErr && m.errVersion >= 0 && msg.version != m.errVersion {
			// Another terminal changed the data since the error: what it
			// said is about a state that is gone (! still has it).
			m.setStatus("", false)
		}
		return m.toTop(common.ReloadMsg{})
	}
	// Data messages go to every screen: each takes only what it asked for,
	// so an answer that arrives after a dialog opened still finds its owner.
	var cmds []tea.Cmd
	for i, s := range m.stack {
		var cmd tea.Cmd
		m.stack[i], cmd = s.Update(msg)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// setStatus shows text in the status area and keeps it for !; the body
// gives up a line for each extra line a long message needs.
func (m *Model) setStatus(text string, isErr bool) {
	before := m.statusHeight()
	m.status, m.statusErr = text, isErr
	m.statusSeq++
	m.errVersion = -1
	if text != "" {
		m.remember(text, isErr)
	}
	if m.statusHeight() != before {
		m.resize()
	}
}

// remember keeps a message for ! (the last statusLog of them).
func (m *Model) remember(text string, isErr bool) {
	m.log = append(m.log, statusEntry{at: m.now(), text: text, err: isErr})
	if len(m.log) > statusLog {
		m.log = m.log[len(m.log)-statusLog:]
	}
}

func (m *Model) resize() {
	m.help.Width = m.ctx.Width
	w, h := m.bodySize()
	for _, s := range m.stack {
		s.SetSize(w, h)
	}
}

// key gives a key to exactly one owner: a capturing screen first, then the
// global bindings, then the active screen.
func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.String() == "ctrl+c" {
		m.interrupted = true
		return m, tea.Quit
	}
	if msg.Type == tea.KeyRunes {
		// Terminals end each pasted line with a carriage return; the
		// inputs take \n (a single-line one makes it a space, see
		// common.OneLine), and the sanitiser would drop a bare \r.
		if r := common.Newlines(msg.Runes); r != nil {
			msg.Runes = r
		}
		// Typed and pasted text is user-supplied like any other: without
		// this, every input below would keep and draw the escape sequences,
		// control characters and bidi overrides it came with.
		if typed, clean := string(msg.Runes), workflow.Sanitize(string(msg.Runes)); clean != typed {
			if clean == "" {
				return m, nil
			}
			msg.Runes = []rune(clean)
		}
	}
	if len(m.held) > 0 {
		m.held = append(m.held, msg) // behind a settling esc, in order
		return m, nil
	}
	if msg.Type == tea.KeyEsc && m.lastKeyCmd && m.now().Sub(m.lastKey) < settleWindow {
		// esc came in the same burst as the keys before it, ahead of the
		// messages they asked for: let those land first.
		m.held = []tea.KeyMsg{msg}
		return m, tea.Tick(SettleDelay, func(time.Time) tea.Msg { return releaseMsg{} })
	}
	return m.dispatch(msg)
}

// dispatch routes one key that is ready to be handled. Several runes that
// arrived in one read and are not a paste are that many key presses, unless
// a text field has focus: "jj" moves two rows, and "/ab" opens the filter
// and types "ab" into it.
func (m Model) dispatch(msg tea.KeyMsg) (Model, tea.Cmd) {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !msg.Alt && !m.top().Capturing() {
		var cmds []tea.Cmd
		for i, r := range msg.Runes {
			if m.top().Capturing() {
				rest := msg
				rest.Runes = msg.Runes[i:]
				var cmd tea.Cmd
				m, cmd = m.dispatch(rest)
				cmds = append(cmds, cmd)
				break
			}
			var cmd tea.Cmd
			m, cmd = m.dispatch(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	}
	m, cmd := m.route(msg)
	m.lastKey, m.lastKeyCmd = m.now(), cmd != nil
	return m, cmd
}

func (m Model) route(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.ctx.Keys
	if m.top().Capturing() {
		return m.toTop(msg)
	}
	if m.showHelp || m.showLog {
		// Any key closes the full help or the messages; q still quits.
		m.showHelp, m.showLog = false, false
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Messages):
		m.showLog = true
		return m, nil
	case key.Matches(msg, k.Back):
		if l, ok := m.top().(common.Leaver); ok {
			return m, l.Leave(false)
		}
		if len(m.stack) > 1 {
			return m.pop()
		}
		m.setStatus("", false)
		return m, nil
	case key.Matches(msg, k.Reload):
		if !m.lost {
			m.setStatus(m.ctx.T("reloaded"), false)
		}
		return m.toTop(common.ReloadMsg{})
	}
	return m.toTop(msg)
}

// quit ends the program, letting a screen that must finish first (the
// wizard saves its draft, or asks) do so: it quits once done.
func (m Model) quit() (Model, tea.Cmd) {
	if l, ok := m.top().(common.Leaver); ok {
		return m, l.Leave(true)
	}
	return m, tea.Quit
}

// mouse turns the wheel into the list keys of the top screen (so every
// list and pane scrolls as its arrows do) and hands other mouse events to
// it with Y counted from the top of its body (see common.Screen).
func (m Model) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.showHelp || m.showLog {
		return m, nil
	}
	if msg.Action == tea.MouseActionPress && !m.top().Capturing() && len(m.held) == 0 {
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			return m.dispatch(tea.KeyMsg{Type: tea.KeyUp})
		case tea.MouseButtonWheelDown:
			return m.dispatch(tea.KeyMsg{Type: tea.KeyDown})
		}
	}
	_, bh := m.bodySize()
	msg.Y -= titleHeight
	if msg.Y < 0 || msg.Y >= bh {
		return m, nil // the title or the status bar: nothing to click there
	}
	return m.toTop(msg)
}

func (m Model) toTop(msg tea.Msg) (Model, tea.Cmd) {
	i := len(m.stack) - 1
	var cmd tea.Cmd
	m.stack[i], cmd = m.stack[i].Update(msg)
	return m, cmd
}

func (m Model) pop() (Model, tea.Cmd) {
	if len(m.stack) == 1 {
		return m, nil
	}
	m.ctx.Logger().Debug("screen close", "screen", m.top().Title(), "back to", m.stack[len(m.stack)-2].Title())
	m.stack = m.stack[:len(m.stack)-1]
	// The screen below may be stale: what happened above usually changed it.
	return m.toTop(common.ReloadMsg{})
}

// bodySize is the space between the title bar and the status lines.
func (m Model) bodySize() (int, int) {
	return max(0, m.ctx.Width), max(0, m.ctx.Height-titleHeight-m.statusHeight()-1)
}

// View frames the active screen.
func (m Model) View() string {
	w, h := m.ctx.Width, m.ctx.Height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := m.ctx.Styles
	title := m.titleBar(w)
	var body string
	switch {
	case m.showHelp:
		body = m.fullHelp()
	case m.showLog:
		body = m.logView(w)
	default:
		body = m.top().View()
	}
	_, bh := m.bodySize()
	body = common.Clip(body, w, bh)
	if pad := bh - lipgloss.Height(body); pad > 0 && body != "" {
		body += strings.Repeat("\n", pad)
	} else if body == "" && bh > 0 {
		body = strings.Repeat("\n", bh-1)
	}
	status := m.statusLines(w)
	keys := st.Status.Render(common.Fit(m.shortHelpView(w), w))
	parts := []string{title}
	if bh > 0 {
		parts = append(parts, body)
	}
	parts = append(parts, status, keys)
	return common.Clip(strings.Join(parts, "\n"), w, h)
}

func (m Model) titleBar(w int) string {
	crumbs := make([]string, len(m.stack))
	for i, s := range m.stack {
		crumbs[i] = s.Title()
	}
	line := " plugpub  " + strings.Join(crumbs, " › ")
	return m.ctx.Styles.Title.UnsetPadding().Render(common.Fit(line, w))
}

// badge names the user and their roles, the roles in the session's
// language.
func (m Model) badge() string {
	if m.ctx.User.IsGuest() {
		return m.ctx.T("guest")
	}
	roles := make([]string, len(m.ctx.User.Roles))
	for i, r := range m.ctx.User.Roles {
		roles[i] = m.ctx.T(string(r))
	}
	return m.ctx.User.Name + " · " + strings.Join(roles, ",")
}

// badgeWidth is the badge's cell: 32 columns, the guest's only its word,
// so the line on how to sign up has the room.
func (m Model) badgeWidth(w int) int {
	if m.ctx.User.IsGuest() {
		return min(w, lipgloss.Width(m.badge()))
	}
	return min(w, 32)
}

// whoWidth is the width of the user badge that starts the status area.
func (m Model) whoWidth(w int) int {
	return lipgloss.Width(m.ctx.Styles.StatusUser.Render(common.Cell(m.badge(), m.badgeWidth(w))))
}

// statusText is the status message on lines: the first beside the user
// badge, the rest the whole width; at most maxStatusLines lines, the last
// cut with a pointer to !.
func (m Model) statusText(w int) []string {
	rest := w - m.whoWidth(w) - 1
	if m.status == "" && m.notice != "" && rest > 0 {
		return []string{workflow.SanitizeLine(m.notice)} // one line, cut to fit
	}
	if m.status == "" || rest <= 0 {
		return []string{""}
	}
	text := workflow.SanitizeLine(m.status)
	first := strings.SplitN(common.Wrap(text, rest), "\n", 2)[0]
	lines := []string{first}
	head := strings.TrimRight(first, " ")
	if strings.HasPrefix(text, head) {
		if more := strings.TrimLeft(text[len(head):], " "); more != "" {
			lines = append(lines, strings.Split(common.Wrap(more, w), "\n")...)
		}
	} else {
		lines = strings.Split(common.Wrap(text, rest), "\n")
	}
	// A window this short keeps a one-line status: the body comes first.
	limit := maxStatusLines
	if m.ctx.Height < 12 {
		limit = 1
	}
	if len(lines) > limit {
		lines = lines[:limit]
		room := rest
		if limit > 1 {
			room = w
		}
		more := m.ctx.T("… ! all")
		last := common.Clip(lines[limit-1], max(0, room-lipgloss.Width(more)), 1)
		lines[limit-1] = strings.TrimRight(last, " ") + more
	}
	return lines
}

func (m Model) statusHeight() int {
	if m.ctx.Width <= 0 {
		return 1
	}
	return len(m.statusText(m.ctx.Width))
}

func (m Model) statusLines(w int) string {
	st := m.ctx.Styles
	who := st.StatusUser.Render(common.Cell(m.badge(), m.badgeWidth(w)))
	style := st.Info
	switch {
	case m.statusErr:
		style = st.Error
	case m.status == "" && m.notice != "":
		style = st.Muted
	}
	text := m.statusText(w)
	rest := max(0, w-lipgloss.Width(who)-1)
	out := make([]string, len(text))
	out[0] = common.Clip(who+" "+style.Render(common.Fit(text[0], rest)), w, 1)
	for i, l := range text[1:] {
		out[i+1] = style.Render(common.Fit(l, w))
	}
	return strings.Join(out, "\n")
}

// logView lists the last status messages, newest first, each in full.
func (m Model) logView(w int) string {
	st := m.ctx.Styles
	lines := []string{st.Heading.Render(m.ctx.T("messages")) + st.Muted.Render(m.ctx.T("  (newest first; any key closes)"))}
	if len(m.log) == 0 {
		lines = append(lines, st.Muted.Render(m.ctx.T("no messages yet")))
	}
	for i := len(m.log) - 1; i >= 0; i-- {
		e := m.log[i]
		style := st.Info
		if e.err {
			style = st.Error
		}
		at := e.at.Local().Format("15:04:05") + "  "
		text := common.Wrap(workflow.SanitizeLine(e.text), max(1, w-len(at)))
		for j, l := range strings.Split(text, "\n") {
			prefix := strings.Repeat(" ", len(at))
			if j == 0 {
				prefix = st.Muted.Render(at)
			}
			lines = append(lines, prefix+style.Render(l))
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) shortHelp() []key.Binding {
	k := m.ctx.Keys
	if m.top().Capturing() {
		return m.top().ShortHelp()
	}
	back := common.Enable(k.Back, len(m.stack) > 1)
	return append(m.top().ShortHelp(), back, k.Help, k.Quit)
}

// shortHelpView is the short help cut to what fits w, ending with "? more"
// when something did not fit: the full help (?) has every key.
func (m Model) shortHelpView(w int) string {
	h := m.help
	h.Width = 0 // measured here, not cut with a bare …
	all := m.said(m.shortHelp())
	var shown []key.Binding
	for _, b := range all {
		if b.Enabled() {
			shown = append(shown, b)
		}
	}
	if v := h.ShortHelpView(shown); lipgloss.Width(v) <= w {
		return v
	}
	more := common.HelpKey(m.ctx.T("more"))
	help := m.ctx.Keys.Help.Help().Key
	var fit []key.Binding
	for _, b := range shown {
		if b.Help().Key == help {
			continue // "? more" stands for it
		}
		if lipgloss.Width(h.ShortHelpView(append(append(fit[:len(fit):len(fit)], b), more))) > w {
			break
		}
		fit = append(fit, b)
	}
	return h.ShortHelpView(append(fit, more))
}

func (m Model) fullHelp() string {
	k := m.ctx.Keys
	groups := append(m.top().FullHelp(), []key.Binding{k.Back, k.Reload, k.Messages, k.Help, k.Quit})
	for i, g := range groups {
		groups[i] = m.said(g)
	}
	return m.help.FullHelpView(groups)
}

// said is bs with each help text in the session's language. Bindings keep
// their English Desc (screens and keymaps say them once, in the catalog's
// source); the help is translated here, where it is drawn.
func (m Model) said(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, len(bs))
	for i, b := range bs {
		h := b.Help()
		b.SetHelp(h.Key, m.ctx.Key(h.Desc))
		out[i] = b
	}
	return out
}

// Run starts the program on the terminal and blocks until it quits; it
// returns ErrInterrupted when the user quit with ctrl+c.
func Run(ctx *common.Context, first common.Screen, opts ...tea.ProgramOption) error {
	opts = append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion()}, opts...)
	final, err := tea.NewProgram(New(ctx, first), opts...).Run()
	if err != nil {
		return err
	}
	if m, ok := final.(Model); ok && m.interrupted {
		return ErrInterrupted
	}
	return nil
}
