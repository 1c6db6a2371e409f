package guide

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/tui/components/scroll"
	"plugpub/tui/render"
	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// instructions is the 接入说明与示例代码 tab: a markdown textarea, written
// in after enter (so the tab keys work until then), with its own 填写样例
// and a preview drawn by the market's own renderer.
type instructions struct {
	s       *Step
	area    common.TextArea
	editing bool
	preview bool
	pane    scroll.Model

	// The preview is drawn again only when the text or the width changed.
	drawnText  string
	drawnWidth int
}

// sampleMsg is the yes of 填写样例's confirmation, for the step that asked.
type sampleMsg struct{ s *Step }

func newInstructions(s *Step) *instructions {
	in := &instructions{s: s, area: newArea(), pane: scroll.New(), drawnWidth: -1}
	in.area.Prompt = ""
	in.area.Placeholder = "用 markdown 写接入说明与示例代码：如何声明插件、使用组件、调用接口。按 s 填写样例。"
	return in
}

// load shows text from the draft, leaving the editing mode.
func (in *instructions) load(text string) {
	in.stop()
	text = workflow.Sanitize(text)
	in.area.CharLimit = step.CharLimit("guide.instructions", true, text)
	in.area.SetValue(text)
	toStart(&in.area.Model)
	in.drawnWidth = -1
}

func (in *instructions) start() {
	in.editing, in.preview = true, false
	in.area.Focus()
}

func (in *instructions) stop() {
	in.editing = false
	in.area.Blur()
}

// set replaces the text, as 填写样例 does.
func (in *instructions) set(text string) {
	in.s.d.Guide.Instructions = text
	text = workflow.Sanitize(text)
	in.area.CharLimit = step.CharLimit("guide.instructions", true, text)
	in.area.SetValue(text)
	toStart(&in.area.Model)
}

// toStart puts the cursor before the first character. SetValue leaves it
// after the last, and the textarea scrolls to it on the first key, so the
// text would jump to its end as soon as someone started writing.
func toStart(ta *textarea.Model) {
	for ta.Line() > 0 {
		ta.CursorUp()
	}
	ta.CursorStart()
}

// resize fits the text and the preview to the tab's body, under the
// status line.
func (in *instructions) resize(w, h int) {
	in.area.SetWidth(max(1, w))
	in.area.SetHeight(max(1, h-1))
	in.pane.SetSize(w, max(0, h-1))
}

// update reports whether the draft changed.
func (in *instructions) update(msg tea.Msg) (bool, tea.Cmd) {
	k, isKey := msg.(tea.KeyMsg)
	keys := &in.s.keys
	if in.editing {
		if isKey && key.Matches(k, keys.Done) {
			in.stop()
			return false, nil
		}
		before := in.area.Value()
		cmd := in.area.Update(msg)
		if after := in.area.Value(); after != before {
			in.s.d.Guide.Instructions = after
			return true, cmd
		}
		return false, cmd
	}
	if !isKey {
		return false, nil
	}
	switch {
	case key.Matches(k, keys.Write):
		in.start()
	case key.Matches(k, keys.Sample):
		cur := in.s.d.Guide.Instructions
		if strings.TrimSpace(cur) == "" {
			in.set(workflow.SampleInstructions())
			return true, nil
		}
		s := in.s
		in.s.confirm = dialog.NewConfirm(s.ctx, "填写样例",
			fmt.Sprintf("用样例替换接入说明与示例代码？现有的 %d 个字符会被覆盖。", utf8.RuneCountInString(cur)),
			func() tea.Msg { return sampleMsg{s: s} })
	case key.Matches(k, keys.Preview):
		in.preview = !in.preview
	case in.preview:
		in.pane.Update(k)
	}
	return false, nil
}

func (in *instructions) help(k Keys) []key.Binding {
	if in.editing {
		return []key.Binding{k.Done}
	}
	preview := k.Preview
	if in.preview {
		preview.SetHelp("p", "back to text") // said by the root, as every Desc
	}
	return []key.Binding{k.Write, k.Sample, preview, k.PrevTab, k.NextTab}
}

// view draws a status line (what the tab is, its error if any) over the
// text or its preview.
func (in *instructions) view(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	st := &in.s.ctx.Styles
	text := in.s.d.Guide.Instructions
	var status string
	switch {
	case in.editing:
		status = st.Muted.Render(common.Fit(fmt.Sprintf("markdown · %d 字 · esc 完成", utf8.RuneCountInString(text)), w))
	case in.preview:
		status = st.Muted.Render(common.Fit("预览：服务市场详情页将这样显示 · p 返回", w))
	default:
		status = st.Muted.Render(common.Fit(fmt.Sprintf("markdown · %d 字 · enter 编辑 · s 填写样例 · p 预览", utf8.RuneCountInString(text)), w))
	}
	if err := workflow.ValidateInstructions(text); err != nil {
		status = st.Error.Render(common.Cell("✗ "+in.s.ctx.Err(err), w))
	}
	bodyH := h - 1
	if bodyH <= 0 {
		return status
	}
	var body string
	if in.preview {
		if text != in.drawnText || w != in.drawnWidth {
			in.pane.SetContent(render.Instructions(text, st, w))
			in.drawnText, in.drawnWidth = text, w
		}
		body = in.pane.View()
	} else {
		body = in.area.View()
	}
	return common.Clip(status+"\n"+body, w, h)
}
