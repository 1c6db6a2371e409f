package market

import (
	"context"
	"fmt"
	"strings"
	"time"

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
	used int // how many mini programs use the plugin (an approved order)
	// problem says why there is no page to show: not listed, or the load failed.
	problem string

	ordersKnown bool // whether apps and live have been read for this user
	apps        []workflow.App
	live        []workflow.OrderRow // the user's live orders of this plugin
	ordering    bool                // an order is under way
	confirm     dialog.Modal        // the confirmation, the 选择小程序 list or the 添加小程序 form

	renderedWidth int // the width the viewport's content was rendered at; 0 when stale

	width, height int
}

type pageMsg struct {
	d    *Detail
	seq  int
	page workflow.MarketPage
	used int // the mini programs using the plugin
	err  error
}

type mineMsg struct {
	d    *Detail
	seq  int
	apps []workflow.App
	live []workflow.OrderRow
}

// appAddedMsg is the answer to 添加小程序: the app, then the order for it;
// an error the form shows (form set) reopens it.
type appAddedMsg struct {
	d    *Detail
	app  workflow.App
	form *dialog.Form
	err  error
}

// startOrderMsg marks the order under way, then runs it.
type startOrderMsg struct {
	d   *Detail
	run tea.Cmd
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
		if err != nil {
			return pageMsg{d: d, seq: seq, err: err}, nil
		}
		used, err := svc.MiniProgramsUsing(ctx, id)
		return pageMsg{d: d, seq: seq, page: mp, used: used, err: err}, nil
	})}
	if d.consumer() {
		user := d.ctx.User.Name
		cmds = append(cmds, common.Cmd(func(ctx context.Context) (tea.Msg, error) {
			apps, err := svc.Apps(ctx, user)
			if err != nil {
				return nil, err
			}
			live, err := liveOrders(ctx, svc, user, id)
			return mineMsg{d: d, seq: seq, apps: apps, live: live}, err
		}))
	}
	return tea.Batch(cmds...)
}

// liveOrders is the user's live orders of the plugin, one per mini
// program at most: few, so one page holds them.
func liveOrders(ctx context.Context, svc *workflow.Service, user, pluginID string) ([]workflow.OrderRow, error) {
	now := svc.Now()
	var out []workflow.OrderRow
	for off := 0; ; off += workflow.MaxPageSize {
		os, err := svc.MyOrders(ctx, user, pluginID, workflow.Page{Offset: off, Limit: workflow.MaxPageSize})
		if err != nil {
			return nil, err
		}
		for _, o := range os {
			if o.Live(now) {
				out = append(out, o)
			}
		}
		if len(os) < workflow.MaxPageSize {
			return out, nil
		}
	}
}

// liveFor is the user's live order of the plugin for one mini program.
func (d *Detail) liveFor(appID string) *workflow.OrderRow {
	for i := range d.live {
		if d.live[i].AppID == appID {
			return &d.live[i]
		}
	}
	return nil
}

func (d *Detail) consumer() bool { return d.ctx.User.Has(workflow.RoleConsumer) }

// Title is the breadcrumb.
func (d *Detail) Title() string { return "订购页 · " + d.id }

// Capturing is true while the order confirmation is open, so esc answers
// it rather than leaving the page.
func (d *Detail) Capturing() bool { return d.confirm != nil }

// Ordered reports whether the user has a live order of the plugin, as
// last read.
func (d *Detail) Ordered() bool { return len(d.live) > 0 }

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
// enforces the same verdict. It is asked for a mini program without a live
// order (one the buyer may still add): which of theirs have one is for the
// 选择小程序 list to say, each with the verdict for it (askFor). Until the page and the user's orders are read
// (or while an order is under way) nothing is offered and nothing is said.
func (d *Detail) orderVerdict() (workflow.Verdict, bool) {
	if d.page == nil || d.problem != "" || d.page.Submission.Snapshot == nil || d.ordering {
		return workflow.Verdict{Action: workflow.ActOrder}, false
	}
	if d.consumer() && !d.ordersKnown {
		return workflow.Verdict{Action: workflow.ActOrder}, false
	}
	return workflow.OrderOffer(d.ctx.User, *d.page, false).Get(workflow.ActOrder), true
}

// notice is the line under the header that says why 订购 is not offered;
// an order already taken is said by the header's 已订购 instead.
func (d *Detail) notice() string {
	v, known := d.orderVerdict()
	if !known || v.Allowed || v.Reason == "" {
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
	page := render.DetailOf(d.page.Plugin.ID, *d.page.Submission.Snapshot, &d.ctx.Styles, d.width)
	if u := d.usage(); u != "" {
		page = u + "\n\n" + page
	}
	d.vp.SetContent(page)
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
	case mineMsg:
		if msg.d == d && msg.seq == d.seq {
			d.apps, d.live, d.ordersKnown = msg.apps, msg.live, true
			d.renderedWidth = 0
			d.layout()
			d.refresh()
		}
		return d, nil
	case appAddedMsg:
		if msg.d != d {
			return d, nil
		}
		if msg.err != nil {
			if d.confirm == dialog.Modal(msg.form) && workflow.KindOf(msg.err) == workflow.KindInvalid {
				msg.form.Failed(msg.err) // the form is still open: it says why
				return d, nil
			}
			return d, tea.Batch(func() tea.Msg { return common.ErrMsg{Err: msg.err} }, d.load())
		}
		if d.confirm == dialog.Modal(msg.form) {
			d.confirm = nil
		}
		d.apps = append(d.apps, msg.app)
		return d, d.askFor(msg.app)
	case startOrderMsg:
		if msg.d != d {
			return d, nil
		}
		d.ordering = true
		return d, msg.run
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
		word := "已订购"
		if msg.order.State == workflow.OrderPending {
			word = "已提交订购申请"
		}
		return d, tea.Batch(common.Info(fmt.Sprintf("%s %s（%s）", word, d.id, d.title())), d.load())
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
	d.page, d.used, d.problem = &msg.page, msg.used, ""
	d.renderedWidth = 0
	d.layout()
	d.refresh()
	return nil
}

func (d *Detail) key(msg tea.KeyMsg) tea.Cmd {
	if d.confirm != nil {
		cmd, _ := dialog.Step(&d.confirm, msg)
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

// askOrder asks which mini program to order for (选择小程序), or, for a
// buyer with none, to add one. It does nothing unless workflow offers the
// order (the key is disabled then too).
func (d *Detail) askOrder() tea.Cmd {
	v, _ := d.orderVerdict()
	if !v.Allowed {
		return nil
	}
	if len(d.apps) == 0 {
		d.confirm = d.addForm()
		return nil
	}
	choices := make([]appChoice, 0, len(d.apps)+1)
	for i := range d.apps {
		choices = append(choices, appChoice{app: &d.apps[i], live: d.liveFor(d.apps[i].AppID)})
	}
	choices = append(choices, appChoice{})
	d.confirm = newAppPicker(d.ctx, "订购「"+d.title()+"」：选择小程序", choices, func(c appChoice) tea.Cmd {
		switch {
		case c.app == nil:
			d.confirm = d.addForm()
			return nil
		case c.live != nil:
			// workflow's word for a mini program that has it already
			return common.Info(d.ctx.Reason(workflow.OrderOffer(d.ctx.User, *d.page, true).Get(workflow.ActOrder)))
		}
		return d.askFor(*c.app)
	})
	return nil
}

// addForm is the 添加小程序 form; its app is ordered for once added.
func (d *Detail) addForm() *dialog.Form {
	svc, user := d.ctx.Svc, d.ctx.User.Name
	var f *dialog.Form
	f = newAppForm(d.ctx, func(appID, name string) tea.Cmd {
		return func() tea.Msg {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			a, err := svc.AddApp(ctx, user, appID, name)
			return appAddedMsg{d: d, app: a, form: f, err: err}
		}
	})
	return f
}

// askFor asks workflow's confirmation, since ordering acts on the user's
// behalf, then orders for app.
func (d *Detail) askFor(app workflow.App) tea.Cmd {
	if d.page == nil {
		return nil
	}
	v := workflow.OrderOffer(d.ctx.User, *d.page, d.liveFor(app.AppID) != nil).Get(workflow.ActOrder)
	if !v.Allowed {
		return common.Info(d.ctx.Reason(v))
	}
	run := d.order(app.AppID)
	question := d.ctx.Confirm(v)
	if question == "" {
		d.ordering = true
		return run
	}
	question += "\n\n小程序：" + workflow.SanitizeLine(app.Name) + " " + app.AppID
	d.confirm = dialog.NewConfirm(d.ctx, "订购「"+d.title()+"」？", question, func() tea.Msg {
		return startOrderMsg{d: d, run: run}
	})
	return nil
}

func (d *Detail) order(appID string) tea.Cmd {
	svc, user, id := d.ctx.Svc, d.ctx.User.Name, d.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		o, err := svc.OrderFor(ctx, user, id, appID)
		return orderDoneMsg{d: d, order: o, err: err}, nil
	})
}

// usage is the buyer's mini programs with a live order of the plugin and
// the app.json entry to use it with (render.Usage).
func (d *Detail) usage() string {
	if len(d.live) == 0 {
		return ""
	}
	now := d.ctx.Now()
	apps := make([]render.UsageApp, 0, len(d.live))
	for _, o := range d.live {
		st := o.StateAt(now)
		name := o.AppName
		if o.AppID == "" {
			name = "（订购于小程序之前）"
		}
		apps = append(apps, render.UsageApp{Name: name, AppID: o.AppID, State: workflow.OrderLabel(st), Ready: st != workflow.OrderPending})
	}
	return render.Usage(d.page.Plugin.ID, d.page.Submission.Version, apps, &d.ctx.Styles, d.width)
}

// orderedWord is the header's word for the user's live orders: 已订购 once
// one may be used, 订购申请中 while all wait for the owner.
func (d *Detail) orderedWord() string {
	now := d.ctx.Now()
	for _, o := range d.live {
		if o.StateAt(now) != workflow.OrderPending {
			return "已订购"
		}
	}
	return "订购申请中"
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
		return dialog.Over(d.header()+"\n"+d.vp.View(), d.confirm, w, h)
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
		if len(d.live) > 0 {
			parts = append(parts, st.Good.Render(d.orderedWord()))
		} else if d.ordering {
			parts = append(parts, st.Muted.Render("订购中…"))
		}
		if d.used > 0 {
			parts = append(parts, st.Muted.Render(fmt.Sprintf("%d 个小程序在用", d.used)))
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
