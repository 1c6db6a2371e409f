package store

import (
	"slices"
	"testing"

	"plugpub/workflow"
)

// TestSearchNeedsEveryWord follows issue 11: several words are all required,
// whichever index each goes to, and the order stays title, then intro, then
// description, each by plugin id.
func TestSearchNeedsEveryWord(t *testing.T) {
	f := newFlow(t)
	const d = "为小程序提供开箱即用的能力。"
	f.releaseText("2021004100000001", "北京天气预报插件", "七日预报与预警", d)            // both in the title
	f.releaseText("2021004100000002", "天气插件", "支持北京与上海的实时天气", d)           // 天气 in the title, 北京 in the intro
	f.releaseText("2021004100000003", "空气质量插件", "城市空气指数", d+"覆盖北京，附天气联动。") // both in the description only
	f.releaseText("2021004100000004", "北京公交插件", "实时公交到站", d)               // 北京 without 天气
	f.releaseText("2021004100000005", "天气预报插件", "上海七日预报", d)               // 天气 without 北京
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"北京 天气", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
		{"天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
		{"  北京   天气  ", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
		{"北京 天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
		// Three characters go to the trigram index, two to the gram index.
		{"天气预报 北京", []string{"2021004100000001"}},
		{"天气预报 七日", []string{"2021004100000001", "2021004100000005"}},
		{"天气预报 七日预报", []string{"2021004100000001", "2021004100000005"}},
		{"实时公交 北京", []string{"2021004100000004"}},
		{"北京 公交 天气", nil},
		{"北京 c#", nil},
		{"天气 上海", []string{"2021004100000002", "2021004100000005"}},
		// Both indexes at once, in every tier: 七日预报 is in 1's intro
		// and 5's, 北京 only in 1's title; 天气联动 is in 3's description.
		{"七日预报 北京", []string{"2021004100000001"}},
		{"预报插件 北京", []string{"2021004100000001"}},
		{"天气联动 北京", []string{"2021004100000003"}},
		{"预报插件 七日 上海", []string{"2021004100000005"}},
		{"实时天气 北京 上海", []string{"2021004100000002"}},
		{"开箱即用 天气", []string{"2021004100000001", "2021004100000002", "2021004100000003", "2021004100000005"}}, // all in the description tier
		{"开箱即用 小程序 天气 北京", []string{"2021004100000001", "2021004100000002", "2021004100000003"}},
	} {
		for _, limit := range []int{1, 2, 50} {
			if got := searchIDs(t, f.st, c.q, limit); !slices.Equal(got, c.want) {
				t.Errorf("Search(%q) by %d: %v, want %v", c.q, limit, got, c.want)
			}
		}
	}
}

// TestBrowseListsShownNewestFirst: the market before a query.
func TestBrowseListsShownNewestFirst(t *testing.T) {
	f := newFlow(t)
	ids := []string{"2021004100000003", "2021004100000001", "2021004100000002"}
	for _, id := range ids {
		f.online(id)
		f.release(id, "插件"+id[len(id)-1:])
	}
	_, err := f.svc.Hide(f.ctx, "dev1", "2021004100000001", workflow.AnyRev)
	f.must(err)
	var got []string
	for off := 0; ; off++ {
		es, err := f.st.Browse(f.ctx, workflow.Page{Offset: off, Limit: 1})
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
