package versions

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/tuitest"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

const pid = "2021004100000001"

func open(t *testing.T, w *tuitest.World, as string) *Model {
	t.Helper()
	return tuitest.Loaded(t, New(w.Context(as), pid))
}

func enabled(m *Model) []string { return tuitest.Offered(m, "tab", "/") }

func TestOffersOnlyLegalActions(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	cases := []struct {
		as     string
		cursor int // 0: 1.1.0 (审核中), 1: 1.0.0 (已上线)
		want   []string
	}{
		{"dev1", 0, []string{"撤回审核", "新建版本", "发布"}},
		{"dev1", 1, []string{"下线", "新建版本", "发布"}},
		{"rev1", 0, []string{"审核通过", "审核驳回"}},
		{"rev1", 1, nil},
		{"dev2", 0, nil},
	}
	for _, c := range cases {
		t.Run(c.as, func(t *testing.T) {
			m := open(t, w, c.as)
			tuitest.Drive(t, m, tuitest.Run(m.table.SetCursor(c.cursor))...)
			m.updateKeys()
			if got := enabled(m); !slices.Equal(got, c.want) {
				t.Errorf("offered %v, want %v", got, c.want)
			}
		})
	}
}

func TestRejectAsksForAReasonAndRefusesAnEmptyOne(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	m := open(t, w, "rev1")
	tuitest.Drive(t, m, tuitest.Key("x"))
	if !m.Capturing() {
		t.Fatal("x should open the reason prompt")
	}
	tuitest.Drive(t, m, tuitest.Key("ctrl+s"))
	if !m.Capturing() || !strings.Contains(m.View(), "needs a reason") {
		t.Fatalf("an empty reason must be refused in the prompt:\n%s", m.View())
	}
	tuitest.Drive(t, m, tuitest.Key("崩溃了"))
	msgs := tuitest.Drive(t, m, tuitest.Key("ctrl+s"))
	if m.Capturing() {
		t.Fatal("the prompt should close once a reason is given")
	}
	if info, ok := tuitest.Find[common.InfoMsg](msgs); !ok || !strings.Contains(info.Text, "审核驳回") {
		t.Fatalf("want a 审核驳回 note, got %v", msgs)
	}
	vs, _ := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].State != workflow.VersionRejected || vs[0].Reason != "崩溃了" {
		t.Fatalf("version 1.1.0 is %s %q", vs[0].State, vs[0].Reason)
	}
	if !strings.Contains(m.View(), "崩溃了") {
		t.Fatalf("the reason should show in the table:\n%s", m.View())
	}
}

func TestAddVersionAndGoOnlineWithConfirmation(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	tuitest.Drive(t, m, tuitest.Key("n"))
	tuitest.Drive(t, m, tuitest.Key("1.0.1"))
	tuitest.Drive(t, m, tuitest.Key("enter"))
	vs, _ := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if len(vs) != 2 || vs[0].SemVer.String() != "1.0.1" {
		t.Fatalf("versions after n 1.0.1 enter: %v", vs)
	}
	tuitest.Drive(t, m, tuitest.Key("s"))
	w.Must(w.Svc.VersionAct(w.Ctx, "rev1", pid, "1.0.1", workflow.ActApprove, "", workflow.AnyRev))
	tuitest.Drive(t, m, common.ReloadMsg{})
	tuitest.Drive(t, m, tuitest.Key("u"))
	if !m.Capturing() {
		t.Fatal("上线 is public: it must ask first")
	}
	tuitest.Drive(t, m, tuitest.Key("n"))
	vs, _ = w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].State != workflow.VersionApproved {
		t.Fatalf("saying no must change nothing; 1.0.1 is %s", vs[0].State)
	}
	tuitest.Drive(t, m, tuitest.Key("u"))
	tuitest.Drive(t, m, tuitest.Key("y"))
	vs, _ = w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].State != workflow.VersionOnline || vs[1].State != workflow.VersionOffline {
		t.Fatalf("after 上线: %s %s", vs[0].State, vs[1].State)
	}
}

// A version changed in another terminal since the screen loaded is a
// conflict naming who changed it, never an overwrite.
func TestStaleRowIsAConflict(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	m := open(t, w, "rev1")
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActWithdraw, "", workflow.AnyRev))
	// 审核通过 asks first (its verdict has a question); the answer is the conflict.
	tuitest.Drive(t, m, tuitest.Key("a"))
	msgs := tuitest.Drive(t, m, tuitest.Key("y"))
	e, ok := tuitest.Find[common.ErrMsg](msgs)
	if !ok || workflow.KindOf(e.Err) != workflow.KindConflict || !strings.Contains(e.Err.Error(), "dev1") {
		t.Fatalf("want a conflict naming dev1, got %v", msgs)
	}
}

func TestFitsAnySize(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	tuitest.FitsWithDialog(t, m, "n", [][2]int{{100, 27}, {80, 21}, {20, 2}, {1, 1}, {0, 0}})
}

// 新建版本 suggests the next free version: enter on the empty line takes it.
func TestAddVersionSuggestsTheNextFreeOne(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.2.999"))
	m := open(t, w, "dev1")
	tuitest.Drive(t, m, tuitest.Key("n"))
	if v := m.View(); !strings.Contains(v, "1.3.0") {
		t.Fatalf("the prompt should suggest 1.3.0:\n%s", v)
	}
	tuitest.Drive(t, m, tuitest.Key("enter"))
	if m.Capturing() {
		t.Fatalf("enter should take the suggestion:\n%s", m.View())
	}
	vs, _ := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].SemVer.String() != "1.3.0" {
		t.Fatalf("newest version is %s, want 1.3.0", vs[0].SemVer)
	}
}

// A version the service refuses keeps the prompt open with what was typed
// and its whole message, rather than a cut status line.
func TestAddVersionErrorStaysInTheDialog(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	m := open(t, w, "dev1")
	tuitest.Drive(t, m, tuitest.Key("n"))
	tuitest.Drive(t, m, tuitest.Key("1.0.0"))
	msgs := tuitest.Drive(t, m, tuitest.Key("enter"))
	if _, ok := tuitest.Find[common.ErrMsg](msgs); ok {
		t.Errorf("the error went to the status bar: %v", msgs)
	}
	if !m.Capturing() {
		t.Fatalf("the prompt closed on an error:\n%s", m.View())
	}
	v := m.View()
	tuitest.ContainsAll(t, "the prompt", v, "1.0.0", "must be newer than every existing", "1.0.0 already exists")
	// Fixing it in place works.
	tuitest.Drive(t, m, tuitest.Key("backspace"), tuitest.Key("2"), tuitest.Key("enter"))
	vs, _ := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if m.Capturing() || vs[0].SemVer.String() != "1.0.2" {
		t.Fatalf("after fixing: capturing %v, newest %s\n%s", m.Capturing(), vs[0].SemVer, m.View())
	}
}

// The detail pane shows the selected version's rejection reason in full,
// wrapped, with who rejected it and when; the table's column cuts it.
func TestRejectionReasonReadableInFull(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	words := []string{"启动时崩溃", "日志见附件", "请修复后重新提交", "并补充接入说明里的", "错误码表格", "结尾END"}
	reason := strings.Join(words, "，") + strings.Repeat("。", 20)
	w.Must(w.Svc.VersionAct(w.Ctx, "rev1", pid, "1.1.0", workflow.ActReject, reason, workflow.AnyRev))
	m := open(t, w, "dev1")
	m.SetSize(60, 20)
	v := m.View()
	tuitest.CheckFits(t, v, 60, 20)
	_, pane, ok := strings.Cut(v, "驳回原因  rev1 · 2026-11-23")
	if !ok {
		t.Fatalf("no 驳回原因 heading with who and when:\n%s", v)
	}
	var joined strings.Builder
	for _, l := range strings.Split(pane, "\n")[1:] {
		joined.WriteString(strings.TrimSpace(l))
	}
	if !strings.Contains(joined.String(), reason) {
		t.Errorf("the pane does not hold the whole reason:\n%s", v)
	}
}

// 发布 is not offered while a submission is 审核中 (the wizard would open
// and its 提交申请 fail), p does nothing, and the detail pane says why.
func TestPublishRefusedWhileASubmissionIsInReview(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	sub, err := w.Svc.Submit(w.Ctx, "dev1", pid, "")
	w.Must(err)
	m := open(t, w, "dev1")
	if got := enabled(m); slices.Contains(got, "发布") {
		t.Errorf("发布 offered while #%d is in review: %v", sub.ID, got)
	}
	v := strings.Join(strings.Fields(m.View()), " ")
	_, why, _ := strings.Cut(v, "不可用 · 发布: ")
	if !strings.Contains(why, fmt.Sprint(sub.ID)) || !strings.Contains(why, "审核中") {
		t.Errorf("the detail pane should say why 发布 is not offered:\n%s", m.View())
	}
	if msgs := tuitest.Drive(t, m, tuitest.Key("p")); len(msgs) != 1 || m.Capturing() {
		t.Errorf("a refused p did something: %v", msgs)
	}
}

// Confirmations come from workflow's verdicts: 审核通过 of a version asks,
// as 审核通过 of a submission does, and saying no changes nothing.
func TestApproveVersionAsks(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	m := open(t, w, "rev1")
	m.ctx.Printer = i18n.Printer(i18n.Chinese) // the session of the verdict's Confirm, which is Chinese
	f, err := w.Svc.Facts(w.Ctx, "rev1", pid)
	w.Must(err)
	sel, _ := m.table.Selected()
	want := workflow.VersionOffer(m.ctx.User, f, sel).Get(workflow.ActApprove).Confirm
	tuitest.Drive(t, m, tuitest.Key("a"))
	flat := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, "│", "")), "") }
	if want == "" || !m.Capturing() || !strings.Contains(flat(m.View()), flat(want)) {
		t.Fatalf("审核通过 should ask the verdict's question %q first:\n%s", want, m.View())
	}
	tuitest.Drive(t, m, tuitest.Key("n"))
	vs, _ := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].State != workflow.VersionAuditing {
		t.Fatalf("no must change nothing; 1.1.0 is %s", vs[0].State)
	}
	tuitest.Drive(t, m, tuitest.Key("a"), tuitest.Key("y"))
	vs, _ = w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].State != workflow.VersionApproved {
		t.Fatalf("after yes 1.1.0 is %s", vs[0].State)
	}
}

// 下线 of the version the live listing uses says what happens to the
// 订购页 (bug 13): the question is the verdict's.
func TestOfflineOfTheListedVersionSaysWhatHappens(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Listed("dev1", pid)
	m := open(t, w, "dev1")
	m.ctx.Printer = i18n.Printer(i18n.Chinese) // the session of the verdict's Confirm, which is Chinese
	m.SetSize(100, 27)
	tuitest.Drive(t, m, tuitest.Key("d"))
	f, err := w.Svc.Facts(w.Ctx, "dev1", pid)
	w.Must(err)
	sel, _ := m.table.Selected()
	want := workflow.VersionOffer(m.ctx.User, f, sel).Get(workflow.ActOffline).Confirm
	flat := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("│", "", "╭", "", "╮", "", "╰", "", "╯", "", "─", "").Replace(s)), "")
	}
	v := flat(m.View())
	if !m.Capturing() || !strings.Contains(want, "订购页") || !strings.Contains(v, flat(want)) {
		t.Fatalf("the 下线 dialog should ask the verdict's question %q, which names the 订购页:\n%s", want, m.View())
	}
}

// While a filter is typed its letters are text, not actions: s does not
// submit, and the screen captures keys so q and ? stay in the box.
func TestFilterTypingIsNotActions(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	m := open(t, w, "dev1")
	tuitest.Drive(t, m, tuitest.Key("/"), tuitest.Key("s"))
	if !m.Capturing() {
		t.Error("typing a filter must capture keys")
	}
	vs, _ := w.Svc.Versions(w.Ctx, "dev1", pid, workflow.Page{})
	if vs[0].State != workflow.VersionDev {
		t.Errorf("s in the filter submitted 1.1.0: %s", vs[0].State)
	}
}

// After 退回修改 the reason stays, but the last change is the developer's:
// the pane does not name them as the one who rejected it.
func TestReturnedVersionKeepsTheReasonNotTheReviewer(t *testing.T) {
	w := tuitest.OnlineWorld(t, "dev1", pid, "车牌")
	w.Must(w.Svc.AddVersion(w.Ctx, "dev1", pid, "1.1.0"))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActSubmit, "", workflow.AnyRev))
	w.Must(w.Svc.VersionAct(w.Ctx, "rev1", pid, "1.1.0", workflow.ActReject, "图标模糊", workflow.AnyRev))
	w.Must(w.Svc.VersionAct(w.Ctx, "dev1", pid, "1.1.0", workflow.ActReturn, "", workflow.AnyRev))
	m := open(t, w, "dev1")
	v := m.View()
	if !strings.Contains(v, "上次驳回原因") || !strings.Contains(v, "图标模糊") || strings.Contains(v, "驳回原因  dev1") {
		t.Errorf("after 退回修改:\n%s", v)
	}
}
