package market_test

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// Goldens are compared in plain ASCII, with times in UTC; both are
// process-wide, so they are set once here.
func TestMain(m *testing.M) {
	tuitest.MainUTC(m)
}

// env is a real database with the users of the demo, written through the
// real Service on a clock that moves three minutes per action.
type env struct {
	t    *testing.T
	ctx  context.Context
	svc  *workflow.Service
	path string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := workflowtest.NewClockAt(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), 3*time.Minute)
	st, svc := workflowtest.Open(t, clock, []workflowtest.User{
		{Name: "dev1", Roles: []workflow.Role{workflow.RoleDeveloper}},
		{Name: "rev1", Roles: []workflow.Role{workflow.RoleReviewer}},
		{Name: "buyer1", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerPersonal},
		{Name: "buyer2", Roles: []workflow.Role{workflow.RoleConsumer}, Buyer: workflow.BuyerEnterprise},
	})
	return &env{t: t, ctx: context.Background(), svc: svc, path: st.Path()}
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// online creates a plugin and takes version 1.0.0 through review to
// online, as the demo does, and saves the sample draft with its own words.
func (e *env) online(id, title, intro, buyers string) {
	e.t.Helper()
	_, err := e.svc.CreatePlugin(e.ctx, "dev1", id, title)
	e.must(err)
	_, err = e.svc.AddVersion(e.ctx, "dev1", id, "1.0.0")
	e.must(err)
	e.must(workflowtest.TakeOnline(e.ctx, e.svc, "dev1", id, "1.0.0"))
	d := workflow.SampleDraft()
	// The sample's description is about plates; each plugin gets its own
	// words, since search looks in the description too.
	d.Info.Title, d.Info.Intro, d.Info.Description, d.Info.Buyers = title, intro, intro+"。", buyers
	_, probs, err := e.svc.SaveDraft(e.ctx, "dev1", id, d, workflow.AnyRev)
	e.must(err)
	if len(probs) > 0 {
		e.t.Fatalf("the draft of %s has problems: %v", id, probs)
	}
}

// approved submits the draft and has it approved, ready for 上架.
func (e *env) approved(id string) {
	e.t.Helper()
	sub, err := e.svc.Submit(e.ctx, "dev1", id, "")
	e.must(err)
	_, err = e.svc.Approve(e.ctx, "rev1", sub.ID, workflow.AnyRev)
	e.must(err)
}

// listed puts a plugin on the market, shown.
func (e *env) listed(id, title, intro, buyers string) {
	e.t.Helper()
	e.online(id, title, intro, buyers)
	_, err := workflowtest.List(e.ctx, e.svc, "dev1", id)
	e.must(err)
}

func (e *env) context(user string) *common.Context {
	e.t.Helper()
	u, err := e.svc.User(e.ctx, user)
	e.must(err)
	return &common.Context{Svc: e.svc, User: u, DBPath: e.path, Styles: common.NewStyles(), Keys: common.NewGlobalKeys()}
}

const (
	plateID  = "2021004100000001"
	pointsID = "2021004100000002"
	plate    = "小程序OCR车牌号识别插件"
	points   = "会员积分商城插件"
)

// twoListed lists the demo's plate plugin for anyone and the points plugin
// for enterprises only.
func twoListed(t *testing.T) *env {
	e := newEnv(t)
	e.listed(plateID, plate, "拍照或选择图片，一秒识别车牌号码与颜色", workflow.BuyersAny)
	e.listed(pointsID, points, "积分获取、兑换与积分商城页面一站式接入", workflow.BuyersEnterprise)
	return e
}

// run executes cmd and feeds every message it produces back into s until
// nothing is left, as the root would; the messages meant for the root
// (status, push, pop) are returned instead.
func run(t *testing.T, s common.Screen, cmd tea.Cmd) (common.Screen, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, msg := range tuitest.Drive(t, s, tuitest.Run(cmd)...) {
		switch msg.(type) {
		case common.ErrMsg, common.InfoMsg, common.PushMsg, common.PopMsg:
			out = append(out, msg)
		}
	}
	return s, out
}

// press sends one key, by its name as tuitest.Key spells it, and runs what
// follows.
func press(t *testing.T, s common.Screen, k string) (common.Screen, []tea.Msg) {
	t.Helper()
	s, cmd := s.Update(tuitest.Key(k))
	return run(t, s, cmd)
}

// typeText types s one character at a time.
func typeText(t *testing.T, s common.Screen, text string) common.Screen {
	t.Helper()
	for _, r := range text {
		s, _ = press(t, s, string(r))
	}
	return s
}

// open sizes and starts a screen and runs its first load.
func open(t *testing.T, s common.Screen, w, h int) (common.Screen, []tea.Msg) {
	t.Helper()
	s.SetSize(w, h)
	return run(t, s, s.Init())
}

// fits checks that a view stays inside w×h cells.
func fits(t *testing.T, what, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if view != "" && len(lines) > h {
		t.Errorf("%s at %dx%d: %d lines", what, w, h, len(lines))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("%s at %dx%d: line %d is %d cells wide: %q", what, w, h, i+1, n, l)
		}
	}
}

// fitsWideAndNarrow checks that s fits at 100×27 and, resized, at 30×6,
// and leaves it at 30×6.
func fitsWideAndNarrow(t *testing.T, what string, s common.Screen) {
	t.Helper()
	fits(t, what, s.View(), 100, 27)
	s.SetSize(30, 6)
	fits(t, what+", narrow", s.View(), 30, 6)
}

func errorsIn(msgs []tea.Msg) []error {
	var errs []error
	for _, m := range msgs {
		if e, ok := m.(common.ErrMsg); ok {
			errs = append(errs, e.Err)
		}
	}
	return errs
}
