package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"plugpub/store/storetest"
	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// listings are market texts of every kind search meets: Chinese, mixed
// case, digits, punctuation, words split across fields.
var listings = [][3]string{
	{"小程序OCR车牌号识别插件", "一秒识别新能源车牌", "支持蓝牌、黄牌与新能源车牌，识别率 99%。"},
	{"会员积分插件", "积分兑换与等级", "为小程序提供开箱即用的会员能力。"},
	{"快递柜 C# 插件", "柜机对接", "C# SDK 与 Java SDK，另附 _示例_。"},
	{"取件码插件", "快递柜取件码一键生成", "到件提醒，支持短信通知。"},
	{"北京天气预报插件", "七日预报与预警", "数据来自气象局。"},
	{"天气插件", "支持北京与上海的实时天气", "为小程序提供开箱即用的能力。"},
	{"停车缴费插件", "无感支付", "车牌自动识别，离场自动扣费。"},
	{"Map Navigator", "Turn-by-turn navigation", "Works offline; supports 100% of OSM data."},
	{"map tools", "MAP SDK wrapper", "Navigator-compatible (v2.0) API."},
	{"电子发票插件", "开票、红冲与查验", "支持增值税专用发票和普通发票。"},
	{"预约挂号插件", "医院挂号与候诊提醒", "支持医保卡支付，覆盖北京、上海、广州。"},
	{"智能客服插件", "7×24 在线客服", "AI 客服，自动回答常见问题 FAQ。"},
	{"Ｆｕｌｌ-width 插件", "ＯＣＲ 全角字母", "Ｃ＃ and \"quotes\" and 'apostrophes'"},
	{"外卖点餐插件", "扫码点餐", "堂食、外卖、自提三合一；支持会员积分抵扣。"},
	{"ÉCOLE École", "écoles et élèves", "Straße STRASSE ǅ"},
	{"旅游攻略插件", "景点门票与酒店预订", "北京故宫、上海外滩、杭州西湖。"},
	{"健身打卡插件", "运动记录", "跑步、骑行、游泳；每日打卡领积分。"},
	{"问卷调查插件", "表单与投票", "题型：单选、多选、填空、评分 (1-5)。"},
	{"OCR 身份证识别", "证件识别", "身份证、驾驶证、行驶证、车牌。"},
	{"二手交易插件", "闲置物品买卖", "担保交易，支持快递柜寄件。"},
}

// loadBoth lists the same texts in a fresh SQLite store and a fresh
// PostgreSQL one, under the same plugin ids.
func loadBoth(t testing.TB) (lite, pg workflow.Store) {
	t.Helper()
	sq := storetest.NewFlow(t, storetest.Engine{Open: func(t testing.TB) storetest.Store {
		return workflowtest.OpenSQLite(t)
	}})
	p := storetest.NewFlow(t, Engine())
	for i, l := range listings {
		id := fmt.Sprintf("20210041%08d", i+1)
		sq.ReleaseText(id, l[0], l[1], l[2])
		p.ReleaseText(id, l[0], l[1], l[2])
	}
	// One listing hidden, to leave every tier.
	for _, f := range []*storetest.Flow{sq, p} {
		if _, err := f.Svc.Hide(f.Ctx, "dev1", "2021004100000011", workflow.AnyRev); err != nil {
			t.Fatal(err)
		}
	}
	return sq.St, p.St
}

// queries are every 1- to 4-character piece of every text, the texts'
// words, the suite's queries, and random pairs of pieces.
func queries() []string {
	seen := map[string]bool{}
	var qs []string
	add := func(q string) {
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	var pieces []string
	for _, l := range listings {
		for _, text := range l {
			r := []rune(text)
			for n := 1; n <= 4; n++ {
				for i := 0; i+n <= len(r); i += n {
					pieces = append(pieces, string(r[i:i+n]))
				}
			}
			for _, w := range strings.Fields(text) {
				add(w)
			}
		}
	}
	for _, p := range pieces {
		add(p)
		add(strings.ToUpper(p))
	}
	for _, c := range storetest.WordQueries {
		add(c.Q)
	}
	for _, q := range storetest.HostileQueries {
		add(q)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		add(pieces[rng.IntN(len(pieces))] + " " + pieces[rng.IntN(len(pieces))])
	}
	for range 100 {
		add(pieces[rng.IntN(len(pieces))] + " " + pieces[rng.IntN(len(pieces))] + " " + pieces[rng.IntN(len(pieces))])
	}
	return qs
}

// TestSearchIsTheSameOnBothEngines loads the same listings into both
// engines and compares every query's results, whole and in pages.
func TestSearchIsTheSameOnBothEngines(t *testing.T) {
	sq, pg := loadBoth(t)
	qs := queries()
	differ, nonEmpty := 0, 0
	for _, q := range qs {
		for _, limit := range []int{50, 3} {
			a, b := storetest.SearchIDs(t, sq, q, limit), storetest.SearchIDs(t, pg, q, limit)
			if len(a) > 0 && limit == 50 {
				nonEmpty++
			}
			if !slices.Equal(a, b) {
				differ++
				if differ <= 20 {
					t.Errorf("Search(%q) by %d: SQLite %v, PostgreSQL %v", q, limit, a, b)
				}
			}
		}
	}
	// Whole entries too, for one query per listing.
	for _, l := range listings {
		q := string([]rune(l[0])[:2])
		a, _ := sq.Search(t.Context(), q, workflow.Page{})
		b, _ := pg.Search(t.Context(), q, workflow.Page{})
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("Search(%q): SQLite %+v, PostgreSQL %+v", q, a, b)
		}
	}
	t.Logf("%d queries, %d finding something, %d differing", len(qs), nonEmpty, differ)
	if nonEmpty < len(qs)/4 {
		t.Errorf("only %d of %d queries find anything: the comparison proves little", nonEmpty, len(qs))
	}
}
