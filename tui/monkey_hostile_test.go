package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"plugpub/tui/tuitest"
	"plugpub/workflow"
)

// What the monkey (monkey_test.go) guards against: a plugin whose every
// text came in hostile, and the check after every step that the view fits
// and lets no unsafe character through.

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
	// Notes as hostile as the rest, pinned to a field and to an entry: the
	// resubmission's review shows them beside their fields, and rev2's
	// claim on it is in the queue.
	notes := []workflow.NoteInput{{Path: "info.title", Text: "批注 " + hostile}, {Path: "guide.components[0]", Text: hostile}}
	if sub, err := s.Submit(ctx, "dev1", hostileID, ""); err == nil {
		w.Must(s.RejectWithNotes(ctx, "rev1", sub.ID, reason, notes, workflow.AnyRev))
		again, err := s.Submit(ctx, "dev1", hostileID, "")
		w.Must(err)
		w.Must(s.Claim(ctx, "rev2", again.ID, workflow.AnyRev))
	} else {
		w.T.Logf("the hostile draft cannot be submitted (%v): it stays a draft", err)
	}
	// 会员积分's modification was rejected with notes: its wizard marks
	// their fields and ③ lists them.
	sd, err = s.Draft(ctx, "dev1", tuitest.DemoPoints)
	w.Must(err)
	sd.Draft.Info.Intro += " 2"
	w.Must(s.SaveDraft(ctx, "dev1", tuitest.DemoPoints, sd.Draft, sd.Rev))
	if sub, err := s.Submit(ctx, "dev1", tuitest.DemoPoints, ""); err == nil {
		w.Must(s.RejectWithNotes(ctx, "rev1", sub.ID, reason, append(notes, workflow.NoteInput{Path: "guide.components[0].props[0].type", Text: hostile}), workflow.AnyRev))
	} else {
		w.T.Logf("会员积分 cannot be submitted (%v): no notes on its draft", err)
	}
	w.Must(s.AddVersion(ctx, "dev1", hostileID, "1.1.0"))
	w.Must(s.VersionAct(ctx, "dev1", hostileID, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	w.Must(s.VersionAct(ctx, "rev1", hostileID, "1.1.0", workflow.ActReject, reason, workflow.AnyRev))
	// A mini program with a hostile name, written past the service (which
	// refuses one), ordered for the plate plugin: 使用者管理, 我的订购, the
	// 订购页's app.json entry and 选择小程序 all draw it.
	w.Must(w.Store.PutApp(ctx, workflow.App{AppID: "2088000000000999", Name: hostile, Owner: "buyer1", CreatedAt: s.Now()}))
	w.Must(s.OrderFor(ctx, "buyer1", tuitest.DemoPlate, "2088000000000999"))
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
