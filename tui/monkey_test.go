package tui

// The monkey: on every screen of the demo database, thousands of random
// keys mixed with random resizes. Whatever is typed, the console must not
// panic, hang, draw past the terminal or let a control character through,
// and must still quit on q.
//
// Reproduce a failure with the seed it prints:
//
//	go test ./tui -run 'TestMonkey/<screen>' -monkey.seed=N [-monkey.keys=N]

import (
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"plugpub/tui/common"
	"plugpub/tui/screens/market"
	"plugpub/tui/screens/review"
	"plugpub/tui/screens/wizard"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

var (
	monkeySeed = flag.Int64("monkey.seed", 0, "the monkey's seed (0: one fixed seed per screen)")
	monkeyKeys = flag.Int("monkey.keys", 0, "keys per screen (0: 10,000, or fewer under -race)")
)

// monkeyTarget is one screen the monkey plays on, and how to get back to
// it when the keys took the console elsewhere.
type monkeyTarget struct {
	name string
	user string
	// path builds the depth screens opened over Home, bottom first.
	path  func(mk *monkey) []common.Screen
	depth int
	// then are the keys that finish the way there: a tab, a wizard step.
	then []string
	// title tells whether the top screen's breadcrumb is the target's.
	title func(string) bool
	// open is the key that opens the part of the screen the target is
	// about (help, a dialog); opened tells whether it is open.
	open   string
	opened func(Model) bool
}

func titleIs(want string) func(string) bool { return func(s string) bool { return s == want } }
func titleHas(part string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, part) }
}

// plugin opens one of dev1's plugins.
func (mk *monkey) plugin() []common.Screen {
	return []common.Screen{Plugin(mk.ctx, mk.pick(tuitest.DemoPlate, tuitest.DemoPoints, tuitest.DemoCoupon, hostileID))}
}

// wizardPath opens the publish wizard on one of dev1's plugins, over its
// plugin screen as 发布管理's 修改信息 would.
func (mk *monkey) wizardPath() []common.Screen {
	id := mk.pick(tuitest.DemoPlate, tuitest.DemoPoints, tuitest.DemoCoupon, hostileID)
	return []common.Screen{Plugin(mk.ctx, id), mk.ctx.OpenWizard(id)}
}

// submission opens the review of a submission in the queue, or of any.
// When the monkey has decided them all, dev2 submits again from "another
// terminal", so there is something left to review.
func (mk *monkey) submission() []common.Screen {
	w := mk.world
	subs, err := w.Svc.ReviewQueue(w.Ctx, mk.ctx.User.Name, workflow.Page{Limit: 20})
	if err != nil {
		mk.fail("reading the review queue: %v", err)
	}
	if len(subs) == 0 {
		for _, id := range []string{tuitest.DemoInvoice, tuitest.DemoFace} {
			if sub, err := w.Svc.Submit(w.Ctx, "dev2", id, ""); err == nil {
				subs = append(subs, sub)
			}
		}
	}
	id := int64(mk.rng.Intn(6) + 1)
	if len(subs) > 0 {
		id = subs[mk.rng.Intn(len(subs))].ID
	}
	return []common.Screen{review.NewDetail(mk.ctx, id)}
}

var monkeyTargets = []monkeyTarget{
	{name: "插件", user: "dev1", then: []string{"1"}, title: titleIs("我的插件")},
	{name: "版本管理", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"1"}, title: titleHas("· 版本管理")},
	{name: "发布管理", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"2", "tab"}, title: titleHas("· 发布管理")},
	{name: "审核队列", user: "rev1", then: []string{"2"}, title: titleIs("审核队列")},
	{name: "审核详情", user: "rev1", path: (*monkey).submission, depth: 1, title: titleHas("审核 #")},
	{name: "服务市场", user: "buyer1", then: []string{"1", "/", "插件", "enter"}, title: titleIs("服务市场")},
	{name: "订购页", user: "buyer1", path: func(mk *monkey) []common.Screen {
		id := mk.pick(tuitest.DemoPlate, tuitest.DemoPoints, tuitest.DemoInvoice, tuitest.DemoCoupon, hostileID)
		return []common.Screen{market.NewDetail(mk.ctx, id)}
	}, depth: 1, title: titleHas("订购页")},
	{name: "发布①插件信息", user: "dev1", path: (*monkey).wizardPath, depth: 2, title: titleIs("发布 · 插件信息")},
	{name: "发布②接入指引", user: "dev1", path: (*monkey).wizardPath, depth: 2, then: []string{"ctrl+n"}, title: titleIs("发布 · 接入指引")},
	{name: "发布③确认", user: "dev1", path: (*monkey).wizardPath, depth: 2, then: []string{"ctrl+n", "ctrl+n"}, title: titleIs("发布 · 确认")},
	{name: "帮助", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"2"}, title: func(string) bool { return true },
		open: "?", opened: func(m Model) bool { return m.showHelp }},
	{name: "对话框新建版本", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"1"}, title: titleHas("· 版本管理"),
		open: "n", opened: func(m Model) bool { return m.top().Capturing() }},
	{name: "对话框驳回原因", user: "rev1", path: (*monkey).submission, depth: 1, title: titleHas("审核 #"),
		open: "x", opened: func(m Model) bool { return m.top().Capturing() }},
}

func TestMonkey(t *testing.T) {
	// Colours on: clipping and truncating must cope with escape sequences.
	lipgloss.SetColorProfile(termenv.ANSI)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	keys := *monkeyKeys
	switch {
	case keys > 0:
	case testing.Short():
		keys = monkeyDefaultKeys / 10
	default:
		keys = monkeyDefaultKeys
	}
	for _, tg := range monkeyTargets {
		t.Run(tg.name, func(t *testing.T) {
			t.Parallel()
			seed := *monkeySeed
			if seed == 0 {
				h := fnv.New64a()
				h.Write([]byte(tg.name))
				seed = int64(h.Sum64() & 0xffffffff)
			}
			mk := newMonkey(t, tg, seed)
			mk.play(keys)
		})
	}
}

// monkey is one run: a world, the root model on it, and what was sent.
type monkey struct {
	t     *testing.T
	tg    monkeyTarget
	seed  int64
	rng   *rand.Rand
	world *tuitest.World
	ctx   *common.Context
	m     Model
	w, h  int

	mu    sync.Mutex // guards trail and timers, which timer goroutines and the watchdog touch
	trail []string   // the last events, for the failure message
	// Timers (ticks) run on the wall clock as in the program; what they
	// answered is delivered at the flushes the seed picks.
	timers    map[int]tea.Msg
	timerSeq  int
	lastTimer time.Time

	pending []tea.Msg // steering still to send
	away    int       // steps since the target was left
	tries   int       // steering messages sent since
	patient int       // steps to wait before steering back
	quit    bool      // a tea.Quit came back
	ending  bool      // the final q was sent
	// replaying is a regression test's fixed keys rather than the seed's
	replaying bool
	names     map[uintptr]string

	steps, onTarget, resizes, flushes, checks int
}

func newMonkey(t *testing.T, tg monkeyTarget, seed int64) *monkey {
	w := tuitest.NewWorld(t)
	w.Demo()
	seedHostile(w)
	ctx := w.Context(tg.user)
	ctx.OpenWizard = func(id string) common.Screen { return wizard.New(ctx, id) }
	mk := &monkey{t: t, tg: tg, seed: seed, rng: rand.New(rand.NewSource(seed)), world: w, ctx: ctx,
		timers: map[int]tea.Msg{}, names: map[uintptr]string{}, w: ctx.Width, h: ctx.Height}
	mk.m = New(ctx, Home(ctx))
	mk.deliver(mk.run(mk.m.Init())...)
	mk.send(tea.WindowSizeMsg{Width: mk.w, Height: mk.h})
	return mk
}

// hostileID is a plugin of dev1 whose every text came in hostile, as `draft
// set` or another tool may store it: what the console draws from the
// database must be sanitised as much as what is typed.
const hostileID = "2021004100000009"

// hostile is text a terminal would act on: colours, a screen clear, a title
// change, a bidi override, control characters, a tab, an 8-bit CSI.
const hostile = "\x1b[31m红\u202e车牌\t识别\x1b]0;pwned\x07\r\x08\x1b[2J\u2066x\u2069 \x9b6n"

// seedHostile adds hostileID with a hostile name and draft, a version
// rejected for a hostile reason, and a submission rejected likewise and
// then sent to review again.
func seedHostile(w *tuitest.World) {
	ctx, s := w.Ctx, w.Svc
	w.Online("dev1", hostileID, hostile)
	sd, err := s.Draft(ctx, "dev1", hostileID)
	w.Must(err)
	d := sd.Draft
	in := &d.Info
	in.Title, in.Intro = "车牌\u202e识别\x1b[2J", "拍照识别\x1b]0;x\x07车牌号码\u2066与颜色"
	for _, p := range []*string{&in.Description, &in.Usage, &in.Cases} {
		*p = hostile + "\n" + *p + "\n" + hostile
	}
	for i := range d.Guide.Components {
		c := &d.Guide.Components[i]
		c.Description = hostile
		for j := range c.Props {
			c.Props[j].Description = hostile
		}
	}
	for i := range d.Guide.APIs {
		d.Guide.APIs[i].Description = hostile
	}
	for i := range d.Guide.Pages {
		d.Guide.Pages[i].Description = hostile
	}
	d.Guide.Instructions = hostile + "\n```js\n" + hostile + "\n```\n" + d.Guide.Instructions
	w.Must(s.SaveDraft(ctx, "dev1", hostileID, d, sd.Rev))
	reason := "驳回原因 " + hostile
	if sub, err := s.Submit(ctx, "dev1", hostileID, ""); err == nil {
		w.Must(s.Reject(ctx, "rev1", sub.ID, reason, workflow.AnyRev))
		w.Must(s.Submit(ctx, "dev1", hostileID, ""))
	} else {
		w.T.Logf("the hostile draft cannot be submitted (%v): it stays a draft", err)
	}
	w.Must(s.AddVersion(ctx, "dev1", hostileID, "1.1.0"))
	w.Must(s.VersionAct(ctx, "dev1", hostileID, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	w.Must(s.VersionAct(ctx, "rev1", hostileID, "1.1.0", workflow.ActReject, reason, workflow.AnyRev))
}

func (mk *monkey) pick(ids ...string) string { return ids[mk.rng.Intn(len(ids))] }

// play sends n random keys, with resizes, steering and timer answers in
// between, then leaves any dialog and quits.
func (mk *monkey) play(n int) {
	start := time.Now()
	watchdog := mk.watchdog()
	defer watchdog.Stop()
	keys := 0
	for keys < n {
		mk.steps++
		switch {
		case mk.on():
			mk.onTarget++
			mk.away, mk.patient, mk.tries = 0, mk.patience(), 0
		case mk.tries >= 10:
			// The way back is shut for now (say, the submission left the
			// queue, so there is nothing to reject): play on and try later.
			mk.away, mk.patient, mk.tries = 0, mk.patience(), 0
		default:
			mk.away++
		}
		watchdog.Reset(monkeyHang)
		switch r := mk.rng.Intn(100000); {
		case len(mk.pending) > 0:
			msg := mk.pending[0]
			mk.pending = mk.pending[1:]
			mk.note("steer %s", describe(msg))
			mk.send(msg)
		case !mk.on() && mk.away > mk.patient && mk.tries < 10:
			mk.tries++
			mk.steer()
		case r < 5000:
			mk.resize()
		case r < 6000:
			mk.flush(false)
		case r < 6000+monkeyPauses:
			mk.flush(true)
		default:
			k := mk.key()
			mk.note("key %s", describe(k))
			mk.send(k)
			keys++
		}
	}
	watchdog.Reset(monkeyHang)
	mk.end()
	el := time.Since(start)
	mk.t.Logf("seed %d: %d keys, %d resizes, %d timer flushes in %s (%.0f keys/s), on the target %d%% of %d steps",
		mk.seed, keys, mk.resizes, mk.flushes, el.Round(time.Millisecond), float64(keys)/el.Seconds(), 100*mk.onTarget/max(1, mk.steps), mk.steps)
}

// watchdog makes a hang fail loudly: nothing can stop a stuck Update, so
// it ends the test binary with the seed and the last events unless it is
// reset within monkeyHang.
func (mk *monkey) watchdog() *time.Timer {
	return time.AfterFunc(monkeyHang, func() {
		debug.SetTraceback("all") // the stuck goroutine is the one to see
		panic(fmt.Sprintf("monkey %s: no answer for %s (seed %d); the last events:\n%s", mk.tg.name, monkeyHang, mk.seed, mk.tail()))
	})
}

// patience is how long the monkey plays elsewhere before it steers back:
// long enough to wander, but short for help and dialogs, which most keys
// close.
func (mk *monkey) patience() int {
	if mk.tg.open != "" {
		return mk.rng.Intn(4)
	}
	return mk.rng.Intn(60)
}

// end closes what is open with esc, then q must quit. It waits for what
// the keys asked for (an esc settling behind its burst, a save) as a
// person does, and answers the wizard's leave question (edits that cannot
// be saved) with y, as a person who wants out would.
func (mk *monkey) end() {
	// The question, or in a window too small for it, its keys in the footer.
	asked := func() bool {
		v := ansi.Strip(mk.m.View())
		return strings.Contains(v, "放弃未保存") || strings.Contains(v, "y/enter yes")
	}
	// A person leaving looks at the screen: in a 4×1 window no question
	// can be read, so the end happens at a size where it can.
	mk.w, mk.h = 100, 30
	mk.send(tea.WindowSizeMsg{Width: mk.w, Height: mk.h})
	for i := 0; i < 30; i++ {
		mk.flush(true)
		if asked() {
			mk.note("end: y")
			mk.send(tuitestKey("y"))
			continue
		}
		if mk.m.showHelp || !mk.m.top().Capturing() {
			break
		}
		mk.note("end: esc")
		mk.send(namedKey("esc"))
	}
	mk.flush(true)
	mk.note("end: q")
	mk.ending = true
	mk.send(namedKey("q"))
	for i := 0; i < 5 && !mk.quit; i++ {
		mk.flush(true)
		if asked() {
			mk.send(tuitestKey("y"))
		}
	}
	if !mk.quit {
		mk.fail("q did not quit; the screen is %q (capturing %v):\n%s", mk.m.top().Title(), mk.m.top().Capturing(), mk.m.View())
	}
}

func tuitestKey(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// on reports whether the console shows the target.
func (mk *monkey) on() bool {
	m, tg := mk.m, mk.tg
	if !tg.title(m.top().Title()) || len(m.stack) != mk.depth() {
		return false
	}
	if tg.opened != nil {
		return tg.opened(m)
	}
	return !m.showHelp
}

// depth is the stack depth of the target: Home and the screens of its path.
func (mk *monkey) depth() int { return 1 + mk.tg.depth }

// steer sends one message towards the target: back out of what was
// opened, then the way in, as a person (or a screen) would.
func (mk *monkey) steer() {
	m, tg := mk.m, mk.tg
	depth := mk.depth()
	var msg tea.Msg
	switch {
	case m.showHelp && tg.opened == nil:
		msg = namedKey("esc")
	case len(m.stack) > 1 && (len(m.stack) != depth || !tg.title(m.top().Title())):
		msg = common.PopMsg{}
	case len(m.stack) < depth:
		path := tg.path(mk)
		msg = common.PushMsg{Screen: path[0]}
		for _, s := range path[1:] {
			mk.pending = append(mk.pending, common.PushMsg{Screen: s})
		}
		for _, k := range tg.then {
			mk.pending = append(mk.pending, namedKey(k))
		}
	case m.top().Capturing():
		msg = namedKey("esc")
	case !tg.title(m.top().Title()):
		for _, k := range tg.then {
			mk.pending = append(mk.pending, namedKey(k))
		}
		return
	case tg.opened != nil && !tg.opened(m):
		msg = namedKey(tg.open)
	default:
		return
	}
	mk.note("steer %s", describe(msg))
	mk.send(msg)
}

// resize sends a random terminal size, small ones more often.
func (mk *monkey) resize() {
	if mk.rng.Intn(3) == 0 {
		mk.w, mk.h = 1+mk.rng.Intn(40), 1+mk.rng.Intn(15)
	} else {
		mk.w, mk.h = 1+mk.rng.Intn(300), 1+mk.rng.Intn(100)
	}
	mk.resizes++
	mk.note("resize %dx%d", mk.w, mk.h)
	mk.send(tea.WindowSizeMsg{Width: mk.w, Height: mk.h})
}

// flush delivers what the timers have answered by now, in the order they
// were started; a pause first waits out the latest autosave delay, as a
// person who stops typing does.
func (mk *monkey) flush(pause bool) {
	if pause {
		mk.mu.Lock()
		wait := time.Until(mk.lastTimer.Add(wizard.SaveDelay + 50*time.Millisecond))
		mk.mu.Unlock()
		if wait > 0 {
			time.Sleep(wait)
		}
	}
	mk.mu.Lock()
	seqs := make([]int, 0, len(mk.timers))
	for s := range mk.timers {
		seqs = append(seqs, s)
	}
	slices.Sort(seqs)
	msgs := make([]tea.Msg, len(seqs))
	for i, s := range seqs {
		msgs[i] = mk.timers[s]
		delete(mk.timers, s)
	}
	mk.mu.Unlock()
	if len(msgs) == 0 {
		return
	}
	mk.flushes++
	for _, msg := range msgs {
		mk.note("timer %s", describe(msg))
	}
	mk.deliver(msgs...)
}

// send delivers one message and everything its commands answer.
func (mk *monkey) send(msg tea.Msg) { mk.deliver(msg) }

// deliver runs the queue the way the program loop would: each message to
// Update, the view checked, the commands' answers queued behind.
func (mk *monkey) deliver(queue ...tea.Msg) {
	for n := 0; len(queue) > 0; n++ {
		if n > 5000 {
			mk.fail("the program kept producing messages")
		}
		msg := queue[0]
		queue = queue[1:]
		if msg == nil {
			continue
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			if !mk.ending {
				mk.fail("the program quit by itself")
			}
			mk.quit = true
			continue
		}
		var cmd tea.Cmd
		mk.guard("Update("+typeName(msg)+")", func() {
			next, c := mk.m.Update(msg)
			mk.m, cmd = next.(Model), c
		})
		mk.check()
		queue = append(queue, mk.run(cmd)...)
	}
}

// guard runs fn and turns a panic into a failure with the seed and trail.
func (mk *monkey) guard(what string, fn func()) {
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 16<<10)
			buf = buf[:runtime.Stack(buf, false)]
			mk.fail("%s panicked: %v\n%s", what, r, buf)
		}
	}()
	fn()
}

// check draws the console: no panic, nothing past the terminal, and no
// control character or escape sequence but colours.
func (mk *monkey) check() {
	var view string
	mk.guard("View", func() { view = mk.m.View() })
	if mk.checks++; mk.checks%3 == 0 && !mk.m.showHelp {
		// The root clips whatever a screen draws; the screen must not need
		// it (common.Screen.SetSize), or what it drew last is cut off.
		// Every third view: drawing the screen twice is most of the cost.
		bw, bh := mk.m.bodySize()
		var body string
		mk.guard("screen View", func() { body = mk.m.top().View() })
		if ls := strings.Split(body, "\n"); body != "" && len(ls) > bh {
			mk.fail("the screen drew %d lines in its %dx%d box", len(ls), bw, bh)
		}
		for i, l := range strings.Split(body, "\n") {
			if w := ansi.StringWidth(l); w > bw {
				mk.fail("the screen drew line %d %d cells wide in its %dx%d box: %q", i, w, bw, bh, l)
			}
		}
	}
	lines := strings.Split(view, "\n")
	if len(lines) > mk.h {
		mk.fail("the view has %d lines in a %dx%d terminal", len(lines), mk.w, mk.h)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > mk.w {
			mk.fail("line %d is %d cells wide in a %dx%d terminal: %q", i, w, mk.w, mk.h, l)
		}
		if bad := unsafeRune(l); bad != "" {
			mk.fail("line %d holds %s: %q", i, bad, l)
		}
	}
}

// unsafeRune names the first thing in a drawn line a terminal would act on
// rather than print: a control character, a bidi override, or an escape
// sequence other than SGR (colours and attributes).
func unsafeRune(l string) string {
	for i := 0; i < len(l); i++ {
		if l[i] != 0x1b {
			continue
		}
		j := i + 1
		if j >= len(l) || l[j] != '[' {
			return fmt.Sprintf("an escape sequence %q", l[i:min(len(l), i+8)])
		}
		for j++; j < len(l) && (l[j] >= '0' && l[j] <= '9' || l[j] == ';' || l[j] == ':'); j++ {
		}
		if j >= len(l) || l[j] != 'm' {
			return fmt.Sprintf("an escape sequence %q", l[i:min(len(l), j+1)])
		}
		i = j
	}
	for _, r := range ansi.Strip(l) {
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			return fmt.Sprintf("the control character %U", r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return fmt.Sprintf("the bidi control %U", r)
		}
	}
	return ""
}

// run executes a command as the program would, flattening batches and
// sequences. Storage runs synchronously and must answer in time; timers
// run on the wall clock and answer at a flush.
func (mk *monkey) run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	name := mk.funcName(cmd)
	if isTimer(name) {
		mk.startTimer(cmd)
		return nil
	}
	done := make(chan tea.Msg, 1)
	failed := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				buf := make([]byte, 16<<10)
				failed <- fmt.Sprintf("the command %s panicked: %v\n%s", name, r, buf[:runtime.Stack(buf, false)])
			}
		}()
		done <- cmd()
	}()
	var msg tea.Msg
	select {
	case msg = <-done:
	case f := <-failed:
		mk.fail("%s", f)
	case <-time.After(monkeyCmdTimeout):
		mk.fail("the command %s did not answer in %s", name, monkeyCmdTimeout)
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, mk.run(c)...)
		}
		return out
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg // tea.Sequence: in order
		for i := range v.Len() {
			out = append(out, mk.run(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	if typeName(msg) == "tea.windowSizeMsg" {
		// tea.WindowSize asks the program for the size it has.
		return []tea.Msg{msg, tea.WindowSizeMsg{Width: mk.w, Height: mk.h}}
	}
	return []tea.Msg{msg}
}

func (mk *monkey) funcName(cmd tea.Cmd) string {
	pc := reflect.ValueOf(cmd).Pointer()
	if n, ok := mk.names[pc]; ok {
		return n
	}
	n := "?"
	if f := runtime.FuncForPC(pc); f != nil {
		n = f.Name()
	}
	mk.names[pc] = n
	return n
}

// isTimer tells the commands that wait on the clock.
func isTimer(name string) bool {
	return strings.HasPrefix(name, "github.com/charmbracelet/bubbletea.Tick.") ||
		strings.HasPrefix(name, "github.com/charmbracelet/bubbletea.Every.") ||
		strings.HasPrefix(name, "github.com/charmbracelet/bubbles/cursor.(*Model).BlinkCmd.")
}

func (mk *monkey) startTimer(cmd tea.Cmd) {
	mk.mu.Lock()
	mk.timerSeq++
	seq := mk.timerSeq
	mk.lastTimer = time.Now()
	mk.mu.Unlock()
	go func() {
		msg := cmd()
		mk.mu.Lock()
		defer mk.mu.Unlock()
		if msg != nil {
			mk.timers[seq] = msg
		}
	}()
}

func (mk *monkey) note(format string, args ...any) {
	mk.mu.Lock()
	defer mk.mu.Unlock()
	if len(mk.trail) >= 40 {
		mk.trail = mk.trail[1:]
	}
	mk.trail = append(mk.trail, fmt.Sprintf(format, args...))
}

func (mk *monkey) tail() string {
	mk.mu.Lock()
	defer mk.mu.Unlock()
	return "  " + strings.Join(mk.trail, "\n  ")
}

func (mk *monkey) fail(format string, args ...any) {
	mk.t.Helper()
	again := fmt.Sprintf("seed %d (go test ./tui -run 'TestMonkey/%s' -monkey.seed=%d)", mk.seed, mk.tg.name, mk.seed)
	if mk.replaying {
		again = "replayed"
	}
	mk.t.Fatalf("%s\nscreen %q, terminal %dx%d, %s; the last events:\n%s",
		fmt.Sprintf(format, args...), mk.m.top().Title(), mk.w, mk.h, again, mk.tail())
}

// describe is a message as the trail shows it: keys quoted, pastes cut.
func describe(msg tea.Msg) string {
	switch m := msg.(type) {
	case tea.KeyMsg:
		if m.Type == tea.KeyRunes {
			s := string(m.Runes)
			p := ""
			if m.Paste {
				p = "paste "
			}
			if m.Alt {
				p += "alt "
			}
			if len(m.Runes) > 40 {
				return fmt.Sprintf("%s%q… (%d runes)", p, string(m.Runes[:40]), len(m.Runes))
			}
			return fmt.Sprintf("%s%q", p, s)
		}
		return m.String()
	case common.PushMsg:
		return "push " + m.Screen.Title()
	}
	return typeName(msg)
}

func typeName(msg tea.Msg) string { return reflect.TypeOf(msg).String() }

// The keys the monkey types.
var (
	// monkeyBindings are the keys the console binds somewhere.
	monkeyBindings = []string{"enter", "esc", "tab", "shift+tab", "up", "down", "left", "right",
		"pgup", "pgdown", "home", "end", "backspace", "delete", " ", "ctrl+n", "ctrl+p", "ctrl+l",
		"ctrl+r", "ctrl+o", "ctrl+s", "/", "?", "f2", "ctrl+j", "alt+enter"}
	// monkeyKeyTypes are every key bubbletea can report, ctrl+c aside.
	monkeyKeyTypes = func() []tea.KeyType {
		var ks []tea.KeyType
		for k := tea.KeyType(-200); k < 200; k++ {
			if k.String() != "" && k != tea.KeyCtrlC && k != tea.KeyRunes {
				ks = append(ks, k)
			}
		}
		return ks
	}()
	monkeyPrintable = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?.,;:'\"!@#$%^&*()-_=+[]{}<>|\\`~ ")
	monkeyEmoji     = []string{"😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "❤️", "1️⃣", "🏳️‍🌈", "🧑🏿‍💻", "🫠", "☺", "⌚"}
	monkeyEscapes   = []string{"\x1b[31m", "\x1b[2J", "\x1b[H", "\x1b]0;pwned\x07", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
		"\x1b[?1049l", "\x1bP+q\x1b\\", "\x1b[6n", "\x1bc", "\x1b[999C", "\x9b31m", "\x1b", "\x1b["}
	monkeyWords = []string{"车牌识别", "插件", "会员积分", "1.2.0", "https://example.com", "13800138000", "a@b.cn",
		"发票", "优惠券", "..", "../../etc/passwd", "/tmp", "0.0.0", "99999999999999999999.1.1", "v1"}
)

// key draws one key from the weighted alphabet; keys that would quit are
// drawn again, so the run stays on its screen until the end.
func (mk *monkey) key() tea.KeyMsg {
	for {
		k := mk.randomKey()
		// Keys held behind a settling esc are handled after it, when the
		// text field that has focus now may have been left.
		mayQuit := mk.m.showHelp || mk.m.showLog || len(mk.m.held) > 0 || !mk.m.top().Capturing()
		switch {
		case k.String() == "ctrl+c":
			continue
		case k.String() == "q" && mayQuit:
			continue
		case !k.Paste && len(k.Runes) > 1 && strings.ContainsRune(string(k.Runes), 'q') && mayQuit:
			// Runes in one read outside a text field are that many key
			// presses (issue 11), q among them.
			continue
		}
		return k
	}
}

func (mk *monkey) randomKey() tea.KeyMsg {
	r := mk.rng
	switch n := r.Intn(100); {
	case n < 35:
		return namedKey(monkeyBindings[r.Intn(len(monkeyBindings))])
	case n < 65:
		return runes(monkeyPrintable[r.Intn(len(monkeyPrintable))])
	case n < 72:
		return tea.KeyMsg{Type: monkeyKeyTypes[r.Intn(len(monkeyKeyTypes))], Alt: r.Intn(8) == 0}
	case n < 75:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{monkeyPrintable[r.Intn(len(monkeyPrintable))]}, Alt: true}
	case n < 88:
		return runes([]rune(mk.exotic())...)
	case n < 93: // an input method commits a few characters at once
		var b strings.Builder
		for range 2 + r.Intn(6) {
			b.WriteString(mk.exotic())
		}
		return runes([]rune(b.String())...)
	case n < 96:
		return runes([]rune(monkeyWords[r.Intn(len(monkeyWords))])...)
	case n < 98:
		k := runes([]rune(monkeyEscapes[r.Intn(len(monkeyEscapes))])...)
		k.Paste = r.Intn(2) == 0
		return k
	}
	k := runes([]rune(mk.paste())...)
	k.Paste = true
	return k
}

// namedKey is the key bubbletea reports for a name such as "ctrl+n",
// "alt+enter" or " "; anything else is typed as runes.
func namedKey(name string) tea.KeyMsg {
	alt := strings.HasPrefix(name, "alt+")
	if alt {
		name = strings.TrimPrefix(name, "alt+")
	}
	if name == " " {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}, Alt: alt}
	}
	for _, k := range monkeyKeyTypes {
		if k.String() == name {
			return tea.KeyMsg{Type: k, Alt: alt}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name), Alt: alt}
}

func runes(rs ...rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: rs} }

// exotic is one hostile or wide character (or cluster).
func (mk *monkey) exotic() string {
	r := mk.rng
	switch r.Intn(10) {
	case 0, 1, 2:
		return string(rune(0x4e00 + r.Intn(0x5200))) // CJK
	case 3:
		return monkeyEmoji[r.Intn(len(monkeyEmoji))]
	case 4:
		return string([]rune{rune('a' + r.Intn(26)), rune(0x300 + r.Intn(0x70)), rune(0x300 + r.Intn(0x70))}) // combining
	case 5:
		return string(rune(0x300 + r.Intn(0x70))) // a lone combining mark
	case 6:
		cs := []rune{0, 7, 8, 9, 10, 11, 12, 13, 27, 127, 0x85, 0x9b, 0x9c}
		return string(cs[r.Intn(len(cs))]) // control characters
	case 7:
		bs := []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c}
		return string(bs[r.Intn(len(bs))]) // bidi
	case 8:
		zs := []rune{0x200b, 0x200c, 0x200d, 0xfeff, 0x2060, 0xfe0f, 0xad, 0x3000, 0xff21, 0xac00, 0x1100, 0xfffd, 0xe000}
		return string(zs[r.Intn(len(zs))]) // zero-width, fullwidth, Hangul, private use
	}
	return string(rune(0x20 + r.Intn(0x2fff))) // anything in the lower planes
}

// paste is a pasted text: sentences, lines, hostile bits; sometimes long.
func (mk *monkey) paste() string {
	r := mk.rng
	n := 5 + r.Intn(60)
	if r.Intn(15) == 0 {
		n = 500 + r.Intn(1500)
	}
	var b strings.Builder
	for range n {
		switch r.Intn(6) {
		case 0:
			b.WriteString(monkeyWords[r.Intn(len(monkeyWords))])
		case 1:
			b.WriteString(mk.exotic())
		case 2:
			b.WriteString("\n")
		case 3:
			b.WriteString(monkeyEscapes[r.Intn(len(monkeyEscapes))])
		default:
			b.WriteString("车牌识别插件 plate recognition ")
		}
	}
	return b.String()
}

// The monkey found these; each replays what it typed.

// Typed and pasted text reached the inputs raw: a bidi override typed into
// the plugin filter (or any prompt, search box or form) was drawn as it
// came, and a pasted escape sequence left its tail behind.
func TestTypedTextIsSanitised(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", tuitest.DemoPlate, "车牌识别")
	ctx := w.Context("dev1")
	m, _ := tuitest.DriveModel(t, New(ctx, Home(ctx)), tea.WindowSizeMsg{Width: 80, Height: 12})
	m, _ = tuitest.DriveModel(t, m, namedKey("/"), runes([]rune("w͓̑\u2068")...), runes('\u202e'),
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("车\x1b]0;pwned\x07牌\x1b[2J"), Paste: true})
	view := m.View()
	for i, l := range strings.Split(view, "\n") {
		if bad := unsafeRune(l); bad != "" {
			t.Errorf("line %d holds %s: %q", i, bad, l)
		}
	}
	if !strings.Contains(view, "w͓̑车牌") || strings.Contains(view, "pwned") || strings.Contains(view, "[2J") {
		t.Errorf("the filter should read w͓̑车牌:\n%s", view)
	}
}

// ansi.Truncate counts "5\ufe0f" (a digit and the emoji selector) as one
// cell where ansi.StringWidth counts two, so the root's clip left the
// filter line a cell wider than a 21-column terminal.
func TestEmojiTypedIntoANarrowTerminalFits(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", tuitest.DemoPlate, "车牌识别")
	ctx := w.Context("dev1")
	m, _ := tuitest.DriveModel(t, New(ctx, Home(ctx)), tea.WindowSizeMsg{Width: 21, Height: 13}, namedKey("/"))
	for _, r := range []string{"佡", "🫠", "馍", "\ue000", "ᄀ", "Ａ", "氹", "胧", "1️⃣", "夋", "_", "5\ufe0f", "1", "."} {
		m, _ = tuitest.DriveModel(t, m, runes([]rune(r)...))
	}
	tuitest.CheckFits(t, m.View(), 21, 13)
}

// replay opens the target the way the monkey steers to it and sends msgs,
// with the monkey's checks on every message: a regression test of the
// exact keys the monkey found something with.
func replay(t *testing.T, tg monkeyTarget, msgs ...tea.Msg) *monkey {
	t.Helper()
	mk := newMonkey(t, tg, 1)
	mk.replaying = true
	watchdog := mk.watchdog()
	defer watchdog.Stop()
	if tg.path != nil {
		for _, s := range tg.path(mk) {
			mk.send(common.PushMsg{Screen: s})
		}
	}
	for _, k := range tg.then {
		mk.send(namedKey(k))
	}
	for _, msg := range msgs {
		mk.note("%s", describe(msg))
		mk.send(msg)
	}
	return mk
}

func target(name string) monkeyTarget {
	for _, tg := range monkeyTargets {
		if tg.name == name {
			return tg
		}
	}
	panic("no monkey target " + name)
}

// alt+b or alt+left with only blanks before the cursor sent bubbles'
// textarea into an endless loop (wordLeft never finds a word): the console
// froze for good. The monkey found it in the rejection prompt (seed 20);
// every textarea of the console had it.
func TestWordLeftOverBlanksAnswers(t *testing.T) {
	home, space := namedKey("ctrl+home"), namedKey(" ")
	altB, altLeft := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'b'}, Alt: true}, tea.KeyMsg{Type: tea.KeyLeft, Alt: true}
	for _, c := range []struct {
		name, target string
		way          []string
	}{
		{"驳回原因 prompt", "对话框驳回原因", []string{"x"}},
		{"新建版本 prompt", "对话框新建版本", []string{"n"}},
		{"服务描述 (huh text)", "发布①插件信息", []string{"tab", "tab"}},
		{"接入说明 (instructions)", "发布②接入指引", []string{"left", "e"}},
		{"组件描述 (entry editor)", "发布②接入指引", []string{"enter", "tab"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var msgs []tea.Msg
			for _, k := range c.way {
				msgs = append(msgs, namedKey(k))
			}
			msgs = append(msgs, altB, altLeft, space, space, altB, home, space, altLeft, altB, runes('Z'))
			mk := replay(t, target(c.target), msgs...)
			if !strings.Contains(mk.m.View(), "Z") {
				t.Errorf("the text typed after the word-left moves is missing:\n%s", mk.m.View())
			}
		})
	}
}

// alt+delete or alt+d with the cursor on the last character of a one-line
// input made bubbles' textinput read past its text: a panic that ended the
// program. The monkey found it in the plugin filter (seed 32); every
// one-line input of the console had it.
func TestDeleteWordForwardAtTheLastCharacter(t *testing.T) {
	altDel, altD := tea.KeyMsg{Type: tea.KeyDelete, Alt: true}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'d'}, Alt: true}
	for _, c := range []struct {
		name, target string
		way          []string
	}{
		{"plugin filter", "插件", []string{"/", "/", "left"}}, // the monkey's own keys
		{"market search", "服务市场", []string{"/", "车牌", "left"}},
		{"服务标题 (huh input)", "发布①插件信息", []string{"end", "left"}},
		{"组件名称 (entry editor)", "发布②接入指引", []string{"enter", "end", "left"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var msgs []tea.Msg
			for _, k := range c.way {
				msgs = append(msgs, namedKey(k))
			}
			msgs = append(msgs, altDel, namedKey("left"), altD, runes('Z'))
			mk := replay(t, target(c.target), msgs...)
			if !strings.Contains(mk.m.View(), "Z") {
				t.Errorf("the text typed after the deletes is missing:\n%s", mk.m.View())
			}
		})
	}
}
