package storetest

import (
	"slices"
	"testing"

	"plugpub/workflow"
)

// SearchIDs pages through every result of q, limit at a time.
func SearchIDs(t testing.TB, st workflow.Store, q string, limit int) []string {
	t.Helper()
	var out []string
	for off := 0; ; off += limit {
		es, err := st.Search(t.Context(), q, workflow.Page{Offset: off, Limit: limit})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		out = append(out, ids(es, func(e workflow.MarketEntry) string { return e.PluginID })...)
		if len(es) < limit {
			return out
		}
	}
}

func found(t testing.TB, st workflow.Store, q, id string) bool {
	t.Helper()
	return slices.Contains(SearchIDs(t, st, q, 50), id)
}

func searchFindsShortChinese(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	sub := f.OnlineRelease(PID, "小程序OCR车牌号识别插件")
	other := "2021004100000002"
	f.OnlineRelease(other, "会员积分插件")

	queries := []string{"车牌", "车", "OCR车牌号", "ocr", "Ocr", "小程序ocr车牌号识别插件", "oc", "号识", "新能源", "31", "一秒识别"}
	for _, q := range queries {
		if !found(t, f.St, q, PID) {
			t.Errorf("Search(%q) does not find %s", q, PID)
		}
	}
	for _, q := range []string{"OCR车牌号", "ocr"} {
		if found(t, f.St, q, other) {
			t.Errorf("Search(%q) finds %s, whose text does not hold it", q, other)
		}
	}
	for _, q := range []string{"车x", "ocrx", "牌车", "识别插件吗"} {
		if found(t, f.St, q, PID) {
			t.Errorf("Search(%q) finds %s, which does not contain it", q, PID)
		}
	}
	es, err := f.St.Search(f.Ctx, "OCR", workflow.Page{})
	f.must(err)
	if len(es) != 1 || es[0] != (workflow.MarketEntry{PluginID: PID, SubmissionID: sub.ID, Title: "小程序OCR车牌号识别插件",
		Intro: workflow.SampleDraft().Info.Intro, Buyers: workflow.BuyersAny, Visibility: workflow.VisibilityShown, ListedAt: es[0].ListedAt}) {
		t.Errorf("entry %+v", es)
	}
	_, err = f.Svc.Hide(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	for _, q := range queries {
		if found(t, f.St, q, PID) {
			t.Errorf("Search(%q) finds the hidden %s", q, PID)
		}
	}
	if !found(t, f.St, "会员", other) {
		t.Error("hiding one plugin hid another")
	}
	_, err = f.Svc.Show(f.Ctx, "dev1", PID, workflow.AnyRev)
	f.must(err)
	for _, q := range queries {
		if !found(t, f.St, q, PID) {
			t.Errorf("Search(%q) does not find %s once shown again", q, PID)
		}
	}
	f.Release(PID, "停车缴费插件")
	if found(t, f.St, "OCR", PID) || !found(t, f.St, "停车缴费", PID) || !found(t, f.St, "缴", PID) {
		t.Error("search still has the old listing's title")
	}
	f.CheckLog()
}

// OrderCase lists five plugins with 快递柜 or C# in different fields.
func OrderCase(f *Flow) {
	const d = "为小程序提供开箱即用的能力。"
	f.ReleaseText("2021004100000001", "取件通知插件", "到件提醒与取件码", d+"支持快递柜取件，C# SDK 另附。")
	f.ReleaseText("2021004100000002", "取件码插件", "快递柜取件码一键生成", d)
	f.ReleaseText("2021004100000003", "快递柜 C# 插件", "柜机对接", d)
	f.ReleaseText("2021004100000004", "智能快递柜插件", "格口管理", d)
	f.ReleaseText("2021004100000005", "会员积分插件", "积分兑换", d)
}

func searchOrder(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	OrderCase(f)
	want := []string{"2021004100000003", "2021004100000004", "2021004100000002", "2021004100000001"}
	for _, q := range []string{"快递柜", "快递", "递", "快递柜取", "c#", "C#"} {
		w := want
		switch q {
		case "快递柜取":
			w = []string{"2021004100000002", "2021004100000001"}
		case "c#", "C#":
			w = []string{"2021004100000003", "2021004100000001"}
		}
		for _, limit := range []int{1, 2, 3, 50} {
			if got := SearchIDs(t, f.St, q, limit); !slices.Equal(got, w) {
				t.Errorf("Search(%q) by %d: %v, want %v", q, limit, got, w)
			}
		}
	}
	_, err := f.Svc.Hide(f.Ctx, "dev1", "2021004100000003", workflow.AnyRev)
	f.must(err)
	if got := SearchIDs(t, f.St, "快递", 2); !slices.Equal(got, want[1:]) {
		t.Errorf("after hiding 3: %v, want %v", got, want[1:])
	}
}

// WordsCase lists five plugins for the several-word queries of WordQueries.
func WordsCase(f *Flow) {
	const d = "为小程序提供开箱即用的能力。"
	f.ReleaseText("2021004100000001", "北京天气预报插件", "七日预报与预警", d)
	f.ReleaseText("2021004100000002", "天气插件", "支持北京与上海的实时天气", d)
	f.ReleaseText("2021004100000003", "空气质量插件", "城市空气指数", d+"覆盖北京，附天气联动。")
	f.ReleaseText("2021004100000004", "北京公交插件", "实时公交到站", d)
	f.ReleaseText("2021004100000005", "天气预报插件", "上海七日预报", d)
}

// WordQueries are the queries of WordsCase and what each finds, in order.
var WordQueries = []struct {
	Q    string
	Want []string
}{
	{"北京 天气", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"  北京   天气  ", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"北京 天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	{"天气预报 北京", []string{"2021004100000001"}},
	{"天气预报 七日", []string{"2021004100000001", "2021004100000005"}},
	{"天气预报 七日预报", []string{"2021004100000001", "2021004100000005"}},
	{"实时公交 北京", []string{"2021004100000004"}},
	{"北京 公交 天气", nil},
	{"北京 c#", nil},
	{"天气 上海", []string{"2021004100000002", "2021004100000005"}},
	{"七日预报 北京", []string{"2021004100000001"}},
	{"预报插件 北京", []string{"2021004100000001"}},
	{"天气联动 北京", []string{"2021004100000003"}},
	{"预报插件 七日 上海", []string{"2021004100000005"}},
	{"实时天气 北京 上海", []string{"2021004100000002"}},
	{"开箱即用 天气", []string{"2021004100000001", "2021004100000002", "2021004100000003", "2021004100000005"}},
	{"开箱即用 小程序 天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
}

func searchNeedsEveryWord(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	WordsCase(f)
	for _, c := range WordQueries {
		for _, limit := range []int{1, 2, 50} {
			if got := SearchIDs(t, f.St, c.Q, limit); !slices.Equal(got, c.Want) {
				t.Errorf("Search(%q) by %d: %v, want %v", c.Q, limit, got, c.Want)
			}
		}
	}
}

// HostileQueries are queries of query syntax, quotes and control
// characters: text to find, never an error.
var HostileQueries = []string{
	`"`, `""`, `"""`, `*`, `**`, `***`, `(`, `)`, `(((`, `AND`, `OR`, `NOT`, `NEAR`, `NEAR(a b)`, `NEAR/2`,
	`-`, `--`, `:`, `title:`, `title:车牌`, `grams:车`, `{title}: x`, `^车`, `车*`, `a AND b`, `a OR`, `"车牌`,
	`车牌"`, `'`, `';--`, `\`, `%`, `_`, `\x00`, "\x00车牌", `+`, `.`, `*"(AND)`, `"识别"`, `车牌"识`,
	"车\u202e牌", "ＯＣＲ", "é", "e\u0301", `(x`, `a"`, `%车`, `_牌`, `\%`, "+++ #",
}

func hostileQueries(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	f.OnlineRelease(PID, `车牌"识别"*(AND)`)
	for _, q := range HostileQueries {
		if _, err := f.St.Search(f.Ctx, q, workflow.Page{}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	for _, q := range []string{`"识别"`, `*(AND)`, `牌"识`, `"识`, `(a`} {
		if !found(t, f.St, q, PID) {
			t.Errorf("Search(%q) does not find the title that contains it", q)
		}
	}
	for _, q := range []string{`(x`, `a"`, `%车`, `_牌`, `"`, `(`, `*`} {
		if found(t, f.St, q, PID) {
			t.Errorf("Search(%q) finds a title that does not hold it, or holds only punctuation", q)
		}
	}
}

func browseNewestFirst(t *testing.T, e Engine) {
	f := NewFlow(t, e)
	for _, id := range []string{"2021004100000003", "2021004100000001", "2021004100000002"} {
		f.OnlineRelease(id, "插件"+id[len(id)-1:])
	}
	_, err := f.Svc.Hide(f.Ctx, "dev1", "2021004100000001", workflow.AnyRev)
	f.must(err)
	var got []string
	for off := 0; ; off++ {
		es, err := f.St.Browse(f.Ctx, workflow.Page{Offset: off, Limit: 1})
		f.must(err)
		if len(es) == 0 {
			break
		}
		got = append(got, es[0].PluginID)
	}
	if want := []string{"2021004100000002", "2021004100000003"}; !slices.Equal(got, want) {
		t.Errorf("Browse: %v, want %v (newest first, the hidden one left out)", got, want)
	}
}
