package market

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/render"
	"plugpub/workflow"
)

// DetailKeys are the 订购页's bindings.
type DetailKeys struct {
	Order key.Binding
	List  common.ListKeys
}

// Detail is the 订购页 of one plugin: its listed snapshot as the market
// shows it, with 订购 for a consumer.
type Detail struct {
	ctx  *common.Context
	id   string
	keys DetailKeys
	vp   viewport.Model

	seq  int // bumped per load; answers to an older load are dropped
	page *workflow.MarketPage
	// problem says why there is no page to show: not listed, or the load failed.
	problem string

	ordersKnown bool // whether ordered has been read for this user
	ordered     bool
	ordering    bool // an order is under way
	confirm     *dialog.Confirm

	renderedWidth int // the width the viewport's content was rendered at; 0 when stale

	width, height int
}

type pageMsg struct {
	d    *Detail
	seq  int
	page workflow.MarketPage
	err  error
}

type orderedMsg struct {
	d       *Detail
	seq     int
	ordered bool
}

type orderDoneMsg struct {
	d     *Detail
	order workflow.Order
	err   error
}

// NewDetail builds the 订购页 of pluginID; it loads on Init.
func NewDetail(ctx *common.Context, pluginID string) *Detail {
	return &Detail{
		ctx: ctx,
		id:  pluginID,
		keys: DetailKeys{
			Order: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "订购")),
			List:  common.NewListKeys(),
		},
		vp: viewport.New(0, 0),
	}
}

// Init loads the page and whether the user has ordered it.
func (d *Detail) Init() tea.Cmd { return d.load() }

func (d *Detail) load() tea.Cmd {
	d.seq++
	seq, id, svc := d.seq, d.id, d.ctx.Svc
	cmds := []tea.Cmd{common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		mp, err := svc.MarketPage(ctx, id)
		return pageMsg{d: d, seq: seq, page: mp, err: err}, nil
	})}
	if d.consumer() {
		user := d.ctx.User.Name
		cmds = append(cmds, common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			ok, err := hasOrdered(ctx, svc, user, id)
			return orderedMsg{d: d, seq: seq, ordered: ok}, err
		}))
	}
	return tea.Batch(cmds...)
}

// hasOrdered pages through the user's orders looking for the plugin; a
// buyer's orders are few, and the service offers no lookup by plugin.
func hasOrdered(ctx context.Context, svc *workflow.Service, user, pluginID string) (bool, error) {
	for off := 0; ; off += workflow.MaxPageSize {
		os, err := svc.Orders(ctx, user, workflow.Page{Offset: off, Limit: workflow.MaxPageSize})
		if err != nil {
			return false, err
		}
		for _, o := range os {
			if o.PluginID == pluginID {
				return true, nil
			}
		}
		if len(os) < workflow.MaxPageSize {
			return false, nil
		}
	}
}

func (d *Detail) consumer() bool { return d.ctx.User.Has(workflow.RoleConsumer) }

// Title is the breadcrumb.
func (d *Detail) Title() string { return "订购页 · " + d.id }

// Capturing is true while the order confirmation is open, so esc answers
// it rather than leaving the page.
func (d *Detail) Capturing() bool { return d.confirm != nil }

// Ordered reports whether the user has ordered the plugin, as last read.
func (d *Detail) Ordered() bool { return d.ordered }

// SetSize gives the page its box: a header line, a line saying why 订购
// is not possible when it is not, then the viewport.
func (d *Detail) SetSize(w, h int) {
	d.width, d.height = max(0, w), max(0, h)
	d.layout()
	d.refresh()
}

// layout sizes the viewport below the header and the notice.
func (d *Detail) layout() {
	top := 1 + len(d.noticeLines())
	d.vp.Width, d.vp.Height = d.width, max(0, d.height-top)
}

// orderVerdict is workflow's answer for 订购 on this page: the key, the
// reason line and the confirmation all come from it, and the Service
// enforces the same verdict. Until the page and the user's orders are read
// (or while an order is under way) nothing is offered and nothing is said.
func (d *Detail) orderVerdict() (workflow.Verdict, bool) {
	if d.page == nil || d.problem != "" || d.page.Submission.Snapshot == nil || d.ordering {
		return workflow.Verdict{Action: workflow.ActOrder}, false
	}
	if d.consumer() && !d.ordersKnown {
		return workflow.Verdict{Action: workflow.ActOrder}, false
	}
	return workflow.OrderOffer(d.ctx.User, *d.page, d.ordered).Get(workflow.ActOrder), true
}

// notice is the line under the header that says why 订购 is not offered;
// an order already taken is said by the header's 已订购 instead.
func (d *Detail) notice() string {
	v, known := d.orderVerdict()
	if !known || v.Allowed || d.ordered || v.Reason == "" {
		return ""
	}
	return "不可订购：" + workflow.SanitizeLine(d.ctx.Reason(v))
}

// noticeLines is the notice wrapped to the width, at most three lines and
// never more than half the box, so the page keeps room below it.
func (d *Detail) noticeLines() []string {
	n := d.notice()
	if n == "" || d.width <= 0 {
		return nil
	}
	lines := strings.Split(common.Wrap(n, d.width), "\n")
	if most := max(1, min(3, d.height/2)); len(lines) > most {
		lines = lines[:most]
		lines[most-1] = common.Fit(lines[most-1]+" …", d.width)
	}
	return lines
}

// noticeStyle makes the listed version's 已下线 stand out, a consumer's
// refusal a warning, and the note to other roles quiet.
func (d *Detail) noticeStyle() lipgloss.Style {
	st := &d.ctx.Styles
	switch {
	case d.page != nil && d.page.VersionOffline:
		return st.Bad
	case d.consumer():
		return st.Warn
	}
	return st.Muted
}

// refresh renders the snapshot again when the page or the width changed;
// rendering is the expensive part of a frame, so it is done only then.
func (d *Detail) refresh() {
	if d.page == nil || d.page.Submission.Snapshot == nil || d.width <= 0 || d.renderedWidth == d.width {
		return
	}
	d.vp.SetContent(render.DetailOf(d.page.Plugin.ID, *d.page.Submission.Snapshot, &d.ctx.Styles, d.width))
	d.renderedWidth = d.width
}

// Update handles keys, loads and the order.
func (d *Detail) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return d, d.key(msg)
	case pageMsg:
		if msg.d != d || msg.seq != d.seq {
			return d, nil
		}
		return d, d.loaded(msg)
	case orderedMsg:
		if msg.d == d && msg.seq == d.seq {
			d.ordered, d.ordersKnown = msg.ordered, true
			d.layout()
		}
		return d, nil
	case orderDoneMsg:
		if msg.d != d {
			return d, nil
		}
		d.ordering = false
		if msg.err != nil {
			// What was refused may rest on stale knowledge (already ordered
			// in another terminal): read it again.
			return d, tea.Batch(func() tea.Msg { return common.ErrMsg{Err: msg.err} }, d.load())
		}
		d.ordered, d.ordersKnown = true, true
		d.layout()
		return d, common.Info(fmt.Sprintf("已订购 %s（%s）", d.id, d.title()))
	case common.ReloadMsg:
		return d, d.load()
	}
	return d, nil
}

func (d *Detail) loaded(msg pageMsg) tea.Cmd {
	switch {
	case workflow.KindOf(msg.err) == workflow.KindNotFound:
		d.page, d.problem = nil, fmt.Sprintf("插件 %s 没有上架到服务市场，没有订购页。\n\n%s", d.id, msg.err)
		return nil
	case msg.err != nil:
		d.problem = "订购页加载失败：" + d.ctx.Err(msg.err)
		return func() tea.Msg { return common.ErrMsg{Err: msg.err} }
	case msg.page.Submission.Snapshot == nil:
		d.page, d.problem = nil, fmt.Sprintf("插件 %s 的上架版本没有内容快照（提交 %d）", d.id, msg.page.Submission.ID)
		return nil
	}
	d.page, d.problem = &msg.page, ""
	d.renderedWidth = 0
	d.layout()
	d.refresh()
	return nil
}

func (d *Detail) key(msg tea.KeyMsg) tea.Cmd {
	if d.confirm != nil {
		cmd, _ := dialog.Step(&d.confirm, msg)
		if d.confirm == nil {
			d.ordering = cmd != nil
		}
		return cmd
	}
	k := d.keymap()
	switch {
	case key.Matches(msg, k.Order):
		return d.askOrder()
	case key.Matches(msg, k.List.Up):
		d.vp.ScrollUp(1)
	case key.Matches(msg, k.List.Down):
		d.vp.ScrollDown(1)
	case key.Matches(msg, k.List.PageUp):
		d.vp.PageUp()
	case key.Matches(msg, k.List.PageDown):
		d.vp.PageDown()
	case key.Matches(msg, k.List.Top):
		d.vp.GotoTop()
	case key.Matches(msg, k.List.Bottom):
		d.vp.GotoBottom()
	}
	return nil
}

// askOrder asks workflow's confirmation first, since ordering acts on the
// user's behalf. It does nothing unless workflow offers the order (the key
// is disabled then too).
func (d *Detail) askOrder() tea.Cmd {
	v, _ := d.orderVerdict()
	if !v.Allowed {
		return nil
	}
	if v.Confirm == "" {
		d.ordering = true
		return d.order()
	}
	d.confirm = dialog.NewConfirm(d.ctx, "订购「"+d.title()+"」？", d.ctx.Confirm(v), d.order())
	return nil
}

func (d *Detail) order() tea.Cmd {
	svc, user, id := d.ctx.Svc, d.ctx.User.Name, d.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		o, err := svc.Order(ctx, user, id)
		return orderDoneMsg{d: d, order: o, err: err}, nil
	})
}

func (d *Detail) title() string {
	if d.page == nil || d.page.Submission.Snapshot == nil {
		return ""
	}
	return workflow.SanitizeLine(d.page.Submission.Snapshot.Info.Title)
}

// View draws the header and the page, or why there is none.
func (d *Detail) View() string {
	w, h := d.width, d.height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := &d.ctx.Styles
	var body string
	switch {
	case d.problem != "":
		body = st.Bad.Render(common.Wrap(d.problem, w))
	case d.page == nil:
		body = st.Muted.Render(common.Fit("加载中…", w))
	case d.confirm != nil:
		d.confirm.SetSize(w, max(0, h-1))
		body = lipgloss.Place(w, max(0, h-1), lipgloss.Center, lipgloss.Center, d.confirm.View())
	default:
		body = d.vp.View()
		if lines := d.noticeLines(); len(lines) > 0 {
			ns := d.noticeStyle()
			for i := len(lines) - 1; i >= 0; i-- {
				body = ns.Render(common.Cell(lines[i], w)) + "\n" + body
			}
		}
	}
	return common.Clip(d.header()+"\n"+body, w, h)
}

// header is one line: id, version, listing time and visibility, whether
// the user ordered it, and how far down the page is scrolled.
func (d *Detail) header() string {
	st := &d.ctx.Styles
	parts := []string{st.Bold.Render(d.id)}
	if p := d.page; p != nil {
		vis := p.Listing.Visibility
		ver := "版本 " + workflow.SanitizeLine(p.Submission.Version)
		if p.VersionOffline {
			ver += " " + st.Bad.Render(workflow.Label(string(workflow.VersionOffline)))
		}
		parts = append(parts,
			ver,
			"上架于 "+when(p.Listing.ListedAt),
			st.State(string(vis)).Render(workflow.Label(string(vis))))
		if d.ordered {
			parts = append(parts, st.Good.Render("已订购"))
		} else if d.ordering {
			parts = append(parts, st.Muted.Render("订购中…"))
		}
	}
	line := strings.Join(parts, " · ")
	if d.page != nil && d.problem == "" && d.vp.TotalLineCount() > d.vp.Height {
		pct := fmt.Sprintf("%3.f%%", d.vp.ScrollPercent()*100)
		if gap := d.width - ansi.StringWidth(line) - len(pct); gap >= 1 {
			line += strings.Repeat(" ", gap) + st.Muted.Render(pct)
		}
	}
	if ansi.StringWidth(line) > d.width {
		line = ansi.Truncate(line, d.width, "…")
	}
	return line
}

// ShortHelp lists what the keys do now.
func (d *Detail) ShortHelp() []key.Binding {
	if d.confirm != nil {
		return d.confirm.ShortHelp()
	}
	k := d.keymap()
	return []key.Binding{k.Order, k.List.Down, k.List.Up, k.List.PageDown}
}

// FullHelp groups every binding.
func (d *Detail) FullHelp() [][]key.Binding {
	k := d.keymap()
	return [][]key.Binding{{k.Order}, k.List.Bindings()}
}

// keymap enables what is legal now: 订购 for a consumer who has not ordered
// the listed plugin yet; scrolling when the page is longer than the box.
func (d *Detail) keymap() DetailKeys {
	k := d.keys
	v, _ := d.orderVerdict()
	k.Order = common.Enable(k.Order, v.Allowed)
	scroll := d.page != nil && d.problem == "" && d.vp.TotalLineCount() > d.vp.Height
	for _, b := range []*key.Binding{&k.List.Up, &k.List.Down, &k.List.PageUp, &k.List.PageDown, &k.List.Top, &k.List.Bottom} {
		*b = common.Enable(*b, scroll)
	}
	return k
}
