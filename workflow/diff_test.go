package workflow

import (
	"slices"
	"testing"
)

func TestDiffDrafts(t *testing.T) {
	base := SampleDraft
	cases := []struct {
		name string
		edit func(d *Draft)
		want []DraftChange
	}{
		{"identical snapshots", func(d *Draft) {}, nil},
		{"an info field", func(d *Draft) { d.Info.Title = "车牌识别插件 Pro" }, []DraftChange{
			{Path: "info.title", Kind: ChangeChanged, Old: "车牌识别插件", New: "车牌识别插件 Pro"},
		}},
		{"abilities reordered are the same set", func(d *Draft) { d.Info.Abilities = []string{"安全", "基础"} }, nil},
		{"abilities changed", func(d *Draft) { d.Info.Abilities = []string{"安全", "支付", "基础"} }, []DraftChange{
			{Path: "info.abilities", Kind: ChangeChanged, Old: "基础, 安全", New: "支付, 基础, 安全"},
		}},
		{"booleans and several info fields in form order", func(d *Draft) {
			d.Info.Contact = "400-800-8888"
			d.Info.ShowAfterRelease = false
			d.Info.Buyers = BuyersEnterprise
		}, []DraftChange{
			{Path: "info.buyers", Kind: ChangeChanged, Old: "不限", New: "企业"},
			{Path: "info.show_after_release", Kind: ChangeChanged, Old: "true", New: "false"},
			{Path: "info.contact", Kind: ChangeChanged, Old: "plate-support@example.com", New: "400-800-8888"},
		}},
		{"a component added", func(d *Draft) {
			d.Guide.Components = append(d.Guide.Components, Component{Name: "plate-keyboard", Description: "车牌键盘",
				Props: []Prop{{Name: "value", Type: "String"}}})
		}, []DraftChange{
			{Path: "guide.components[plate-keyboard]", Kind: ChangeAdded, New: "车牌键盘 · 1 prop"},
		}},
		{"a component removed", func(d *Draft) { d.Guide.Components = d.Guide.Components[:1] }, []DraftChange{
			{Path: "guide.components[plate-result]", Kind: ChangeRemoved, Old: "识别结果卡片：展示车牌号码与颜色，可让用户手动修正后确认。 · 3 props · 1 event"},
		}},
		{"components reordered are not a change", func(d *Draft) {
			c := d.Guide.Components
			c[0], c[1] = c[1], c[0]
		}, nil},
		{"a component renamed is one removed and one added", func(d *Draft) {
			d.Guide.Components[1].Name = "plate-card"
		}, []DraftChange{
			{Path: "guide.components[plate-card]", Kind: ChangeAdded, New: "识别结果卡片：展示车牌号码与颜色，可让用户手动修正后确认。 · 3 props · 1 event"},
			{Path: "guide.components[plate-result]", Kind: ChangeRemoved, Old: "识别结果卡片：展示车牌号码与颜色，可让用户手动修正后确认。 · 3 props · 1 event"},
		}},
		{"props inside a component: changed, added, removed", func(d *Draft) {
			p := &d.Guide.Components[0].Props
			(*p)[1].Default = "album"
			(*p)[1].Required = true
			*p = slices.Delete(*p, 3, 4) // showTips
			*p = append(*p, Prop{Name: "timeout", Type: "Number", Default: "30", Description: "超时秒数"})
		}, []DraftChange{
			{Path: "guide.components[plate-scanner].props[mode].required", Kind: ChangeChanged, Old: "false", New: "true"},
			{Path: "guide.components[plate-scanner].props[mode].default", Kind: ChangeChanged, Old: "camera", New: "album"},
			{Path: "guide.components[plate-scanner].props[timeout]", Kind: ChangeAdded, New: "Number · optional · default 30 · 超时秒数"},
			{Path: "guide.components[plate-scanner].props[showTips]", Kind: ChangeRemoved, Old: "Boolean · optional · default true · 是否在取景框下方显示拍摄提示"},
		}},
		{"an event's description", func(d *Draft) {
			d.Guide.Components[1].Events[0].Description = "确认时触发"
		}, []DraftChange{
			{Path: "guide.components[plate-result].events[onConfirm].description", Kind: ChangeChanged,
				Old: "用户点击确认时触发，event.detail 为 { plate, color }", New: "确认时触发"},
		}},
		{"an event removed", func(d *Draft) { d.Guide.Components[0].Events = d.Guide.Components[0].Events[:1] }, []DraftChange{
			{Path: "guide.components[plate-scanner].events[onError]", Kind: ChangeRemoved, Old: "识别失败或用户拒绝相机授权时触发，event.detail 为 { code, message }"},
		}},
		{"a page's path and a param's type", func(d *Draft) {
			d.Guide.Pages[0].Path = "pages/scan/main"
			d.Guide.Pages[0].Params[2].Type = "String"
		}, []DraftChange{
			{Path: "guide.pages[scan].path", Kind: ChangeChanged, Old: "pages/scan/index", New: "pages/scan/main"},
			{Path: "guide.pages[scan].params[maxCount].type", Kind: ChangeChanged, Old: "Number", New: "String"},
		}},
		{"a page added", func(d *Draft) {
			d.Guide.Pages = append(d.Guide.Pages, GuidePage{Name: "help", Path: "pages/help/index", Description: "帮助\n说明"})
		}, []DraftChange{
			{Path: "guide.pages[help]", Kind: ChangeAdded, New: "pages/help/index · 帮助 说明"},
		}},
		{"an API's inputs and outputs", func(d *Draft) {
			a := &d.Guide.APIs[0]
			a.Inputs = append(a.Inputs, Param{Name: "region", Type: "String", Required: true, Description: "地区"})
			a.Outputs = a.Outputs[1:]
		}, []DraftChange{
			{Path: "guide.apis[recognizePlate].inputs[region]", Kind: ChangeAdded, New: "String · required · 地区"},
			{Path: "guide.apis[recognizePlate].outputs[plates]", Kind: ChangeRemoved, Old: "Array · required · 识别出的车牌列表，每项为 { number, color, confidence }"},
		}},
		{"an API removed", func(d *Draft) { d.Guide.APIs = d.Guide.APIs[:1] }, []DraftChange{
			{Path: "guide.apis[getQuota]", Kind: ChangeRemoved, Old: "查询当前小程序本月剩余的识别次数。 · 2 outputs"},
		}},
		{"instructions are one field", func(d *Draft) { d.Guide.Instructions += "\n更多示例见文档。" }, []DraftChange{
			{Path: "guide.instructions", Kind: ChangeChanged, Old: SampleDraft().Guide.Instructions, New: SampleDraft().Guide.Instructions + "\n更多示例见文档。"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, cur := base(), base()
			c.edit(&cur)
			got := DiffDrafts(old, cur)
			if !slices.Equal(got, c.want) {
				t.Errorf("DiffDrafts:\n got %q\nwant %q", got, c.want)
			}
			if back := DiffDrafts(cur, old); len(back) != len(c.want) {
				t.Errorf("the reverse diff has %d changes, want %d: %q", len(back), len(c.want), back)
			}
		})
	}
}

// A listed plugin's first submission is compared with nothing: everything
// the reviewer sees is new.
func TestDiffDraftsFromEmpty(t *testing.T) {
	got := DiffDrafts(NewDraft(), SampleDraft())
	kinds := map[string]int{}
	for _, c := range got {
		kinds[c.Kind]++
	}
	s := SampleDraft().Guide
	if want := len(s.Components) + len(s.Pages) + len(s.APIs); kinds[ChangeAdded] != want {
		t.Errorf("%d entries added, want %d: %q", kinds[ChangeAdded], want, got)
	}
	if kinds[ChangeRemoved] != 0 {
		t.Errorf("nothing can be removed from an empty draft: %q", got)
	}
}

// Only an invalid draft repeats a name; its repeats still pair up one to
// one, and no two changes share a path.
func TestDiffDraftsRepeatedNames(t *testing.T) {
	old, cur := SampleDraft(), SampleDraft()
	dup := cur.Guide.Components[0]
	dup.Description = "第二个"
	cur.Guide.Components = append(cur.Guide.Components, dup)
	got := DiffDrafts(old, cur)
	want := []DraftChange{{Path: "guide.components[plate-scanner#2]", Kind: ChangeAdded, New: "第二个 · 5 props · 2 events"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
