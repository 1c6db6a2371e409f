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
// terminal changed it; a change shows within twice this.
const PollInterval = time.Second

// Model is the root: it frames the active screen between a title bar and a
// status bar, routes keys to exactly one owner, and polls for changes.
type Model struct {
	ctx   *common.Context
	stack []common.Screen
	help  help.Model

	showHelp  bool
	status    string
	statusErr bool
	version   int64 // last seen change counter
}

type pollMsg struct{}
type changedMsg struct{ version int64 }

// New builds the root on its first screen.
func New(ctx *common.Context, first common.Screen) Model {
	h := help.New()
	h.Styles = ctx.Styles.Help
	return Model{ctx: ctx, stack: []common.Screen{first}, help: h, version: -1}
}

// Init starts the first screen and the change poll.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.top().Init(), m.poll())
}

func (m Model) top() common.Screen { return m.stack[len(m.stack)-1] }

func (m Model) poll() tea.Cmd {
	if m.ctx.Changes == nil {
		return nil
	}
	return tea.Tick(PollInterval, func(time.Time) tea.Msg { return pollMsg{} })
}

func (m Model) checkChanges() tea.Cmd {
	changes := m.ctx.Changes
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		v, err := changes(ctx)
		if err != nil {
			return common.ErrMsg{Err: err}
		}
		return changedMsg{version: v}
	}
}

// Update routes one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.Width, m.ctx.Height = msg.Width, msg.Height
		m.help.Width = msg.Width
		w, h := m.bodySize()
		for _, s := range m.stack {
			s.SetSize(w, h)
		}
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case common.ErrMsg:
		m.status, m.statusErr = errorLine(m.ctx.Err(msg.Err)), true
		if workflow.KindOf(msg.Err) == workflow.KindConflict {
			// What the user saw is stale: show them what is true now.
			return m.toTop(common.ReloadMsg{})
		}
		return m, nil
	case common.InfoMsg:
		m.status, m.statusErr = msg.Text, false
		return m, nil
	case common.PushMsg:
		m.stack = append(m.stack, msg.Screen)
		msg.Screen.SetSize(m.bodySize())
		m.status = ""
		return m, msg.Screen.Init()
	case common.PopMsg:
		return m.pop()
	case pollMsg:
		return m, tea.Batch(m.checkChanges(), m.poll())
	case changedMsg:
		if msg.version == m.version {
			return m, nil
		}
		// The first reading reloads too: a commit may have landed between
		// the screen's first query and this baseline.
		m.version = msg.version
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

// key gives a key to exactly one owner: a capturing screen first, then the
// global bindings, then the active screen.
func (m Model) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.ctx.Keys
	if msg.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if msg.Type == tea.KeyRunes {
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
	if m.top().Capturing() {
		return m.toTop(msg)
	}
	if m.showHelp {
		// Any key closes the full help; q still quits.
		m.showHelp = false
		if key.Matches(msg, k.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Back):
		if len(m.stack) > 1 {
			return m.pop()
		}
		m.status = ""
		return m, nil
	case key.Matches(msg, k.Reload):
		m.status, m.statusErr = "reloaded", false
		return m.toTop(common.ReloadMsg{})
	}
	return m.toTop(msg)
}

func (m Model) toTop(msg tea.Msg) (tea.Model, tea.Cmd) {
	i := len(m.stack) - 1
	var cmd tea.Cmd
	m.stack[i], cmd = m.stack[i].Update(msg)
	return m, cmd
}

func (m Model) pop() (tea.Model, tea.Cmd) {
	if len(m.stack) == 1 {
		return m, nil
	}
	m.stack = m.stack[:len(m.stack)-1]
	// The screen below may be stale: what happened above usually changed it.
	return m.toTop(common.ReloadMsg{})
}

// bodySize is the space between the title bar and the status lines.
func (m Model) bodySize() (int, int) {
	return max(0, m.ctx.Width), max(0, m.ctx.Height-3)
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
	if m.showHelp {
		body = m.fullHelp()
	} else {
		body = m.top().View()
	}
	_, bh := m.bodySize()
	body = common.Clip(body, w, bh)
	if pad := bh - lipgloss.Height(body); pad > 0 && body != "" {
		body += strings.Repeat("\n", pad)
	} else if body == "" && bh > 0 {
		body = strings.Repeat("\n", bh-1)
	}
	status := m.statusLine(w)
	keys := st.Status.Render(common.Fit(m.help.ShortHelpView(m.shortHelp()), w))
	return common.Clip(strings.Join([]string{title, body, status, keys}, "\n"), w, h)
}

func (m Model) titleBar(w int) string {
	crumbs := make([]string, len(m.stack))
	for i, s := range m.stack {
		crumbs[i] = s.Title()
	}
	line := " plugpub  " + strings.Join(crumbs, " › ")
	return m.ctx.Styles.Title.UnsetPadding().Render(common.Fit(line, w))
}

func (m Model) statusLine(w int) string {
	st := m.ctx.Styles
	who := st.StatusUser.Render(common.Cell(m.ctx.User.Name+" · "+m.ctx.User.RoleList(), min(w, 32)))
	rest := w - lipgloss.Width(who) - 1
	msg := common.Cell(m.status, max(0, rest))
	if m.statusErr {
		msg = st.Error.Render(msg)
	} else {
		msg = st.Info.Render(msg)
	}
	return common.Clip(who+" "+msg, w, 1)
}

func (m Model) shortHelp() []key.Binding {
	k := m.ctx.Keys
	if m.top().Capturing() {
		return m.top().ShortHelp()
	}
	back := common.Enable(k.Back, len(m.stack) > 1)
	return append(m.top().ShortHelp(), back, k.Help, k.Quit)
}

func (m Model) fullHelp() string {
	k := m.ctx.Keys
	groups := append(m.top().FullHelp(), []key.Binding{k.Back, k.Reload, k.Help, k.Quit})
	return m.help.FullHelpView(groups)
}

// errorLine turns an error into one readable status-bar line.
func errorLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	return s
}

// Run starts the program on the terminal and blocks until it quits.
func Run(ctx *common.Context, first common.Screen, opts ...tea.ProgramOption) error {
	opts = append([]tea.ProgramOption{tea.WithAltScreen()}, opts...)
	_, err := tea.NewProgram(New(ctx, first), opts...).Run()
	return err
}
