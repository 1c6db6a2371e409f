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
	{name: "使用者管理", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"3"}, title: titleHas("· 使用者管理")},
	{name: "我的订购", user: "buyer1", then: []string{"2"}, title: titleIs("我的订购")},
	{name: "对话框选择小程序", user: "buyer1", path: func(mk *monkey) []common.Screen {
		return []common.Screen{market.NewDetail(mk.ctx, mk.pick(tuitest.DemoPlate, tuitest.DemoCoupon))}
	}, depth: 1, title: titleHas("订购页"), open: "o", opened: func(m Model) bool { return m.top().Capturing() }},
	{name: "发布①插件信息", user: "dev1", path: (*monkey).wizardPath, depth: 2, title: titleIs("发布 · 插件信息")},
	{name: "发布②接入指引", user: "dev1", path: (*monkey).wizardPath, depth: 2, then: []string{"ctrl+n"}, title: titleIs("发布 · 接入指引")},
	{name: "发布③确认", user: "dev1", path: (*monkey).wizardPath, depth: 2, then: []string{"ctrl+n", "ctrl+n"}, title: titleIs("发布 · 确认")},
	{name: "帮助", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"2"}, title: func(string) bool { return true },
		open: "?", opened: func(m Model) bool { return m.showHelp }},
	{name: "对话框新建版本", user: "dev1", path: (*monkey).plugin, depth: 1, then: []string{"1"}, title: titleHas("· 版本管理"),
		open: "n", opened: func(m Model) bool { return m.top().Capturing() }},
	{name: "对话框驳回原因", user: "rev1", path: (*monkey).submission, depth: 1, title: titleHas("审核 #"),
		open: "x", opened: func(m Model) bool { return m.top().Capturing() }},
	{name: "对话框批注", user: "rev1", path: (*monkey).submission, depth: 1, then: []string{"]"}, title: titleHas("审核 #"),
		open: "n", opened: func(m Model) bool { return m.top().Capturing() }},
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
