package largedemo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"plugpub/workflow"
)

// The words of the large demo: plugins of a few dozen kinds, each kind with
// its Chinese terms and the English stems its components and APIs are named
// after, so that market search finds a realistic share of plugins for a word
// such as 车牌 or 发票, and most of the text is Chinese.

// largeTheme is one kind of plugin.
type largeTheme struct {
	core     string   // the words every title of this kind carries, such as 车牌识别
	stem     string   // English, for component, page and API names
	features []string // what such a plugin does, for descriptions and intros
	scene    string   // where it is used, for case studies
}

var largeThemes = []largeTheme{
	{"车牌识别", "plate", []string{"拍照识别车牌号码与颜色", "支持新能源车牌与港澳车牌", "弱光与倾斜场景稳定识别"}, "停车场自助缴费"},
	{"停车缴费", "parking", []string{"扫码查询停车费用并在线支付", "支持无感支付与电子发票", "月卡续费与车位预约"}, "商场停车场"},
	{"会员积分", "points", []string{"积分发放、兑换与积分商城", "按消费金额与签到规则发放积分", "积分过期提醒与流水查询"}, "连锁零售门店"},
	{"电子发票", "invoice", []string{"扫码开票与抬头管理", "增值税普通发票与专用发票", "开票结果推送与发票下载"}, "餐饮连锁品牌"},
	{"人脸核身", "face", []string{"活体检测与实名比对", "动作活体与静默活体两种模式", "比对结果与风险等级实时返回"}, "互联网金融开户"},
	{"优惠券", "coupon", []string{"发券、领券与核销全流程", "满减券、折扣券与兑换券", "核销数据实时同步商家后台"}, "品牌零售小程序"},
	{"外卖点餐", "order", []string{"在线点餐与购物车", "堂食、自提与外卖配送", "订单状态实时推送"}, "社区餐厅"},
	{"预约挂号", "booking", []string{"科室排班与号源查询", "在线预约与取消预约", "就诊提醒与排队叫号"}, "三甲医院"},
	{"物流查询", "express", []string{"快递单号识别与轨迹查询", "支持百余家快递公司", "签收提醒与异常件预警"}, "电商卖家"},
	{"电子签章", "esign", []string{"合同在线签署与存证", "个人与企业签章", "签署流程可配置"}, "房屋租赁平台"},
	{"充电桩", "charging", []string{"附近充电桩查询与导航", "扫码充电与实时电量", "充电账单与发票"}, "新能源车主服务"},
	{"门票预订", "ticket", []string{"景区门票与演出票预订", "分时段预约与实名入园", "电子票二维码核验"}, "5A 级景区"},
	{"酒店入住", "hotel", []string{"在线选房与自助入住", "电子房卡与续住", "退房结算与开票"}, "连锁酒店"},
	{"保险理赔", "claim", []string{"在线报案与材料上传", "理赔进度实时查询", "赔款到账通知"}, "车险服务"},
	{"生活缴费", "utility", []string{"水费、电费与燃气费缴纳", "账单提醒与自动缴费", "缴费记录与电子凭证"}, "城市公共服务"},
	{"话费充值", "recharge", []string{"话费与流量充值", "充值到账提醒", "常用号码管理"}, "运营商营业厅"},
	{"信用免押", "deposit", []string{"信用评估与免押金租借", "逾期提醒与自动扣款", "押金退还进度查询"}, "共享充电宝"},
	{"分期付款", "installment", []string{"商品分期与免息活动", "分期账单与提前还款", "额度实时评估"}, "数码产品商城"},
	{"拼团秒杀", "groupbuy", []string{"拼团活动与秒杀倒计时", "库存实时扣减", "成团提醒与退款"}, "生鲜电商"},
	{"在线客服", "service", []string{"智能客服与人工转接", "常见问题自助查询", "会话记录与满意度评价"}, "家电品牌售后"},
	{"问卷调查", "survey", []string{"问卷创建与分发", "答题逻辑跳转", "统计报表导出"}, "市场调研机构"},
	{"地址管理", "address", []string{"收货地址新增与编辑", "地址智能识别与补全", "默认地址与地址簿"}, "综合电商平台"},
	{"身份认证", "identity", []string{"证件识别与实名认证", "银行卡四要素校验", "认证结果回调"}, "政务服务大厅"},
	{"健身打卡", "fitness", []string{"课程预约与签到打卡", "运动数据统计", "会员卡与私教课管理"}, "连锁健身房"},
	{"教育培训", "course", []string{"课程报名与在线试听", "课表提醒与作业提交", "学习进度与证书"}, "职业培训学校"},
	{"电影选座", "cinema", []string{"影片排期与在线选座", "会员价与优惠券抵扣", "取票码与退改签"}, "院线影城"},
	{"排队取号", "queue", []string{"远程取号与排队进度", "叫号提醒", "过号重排与预估等待时间"}, "网红餐厅"},
	{"洗衣服务", "laundry", []string{"上门取送与在线下单", "衣物清洗进度追踪", "会员充值与洗衣卡"}, "社区洗衣店"},
	{"宠物医疗", "pet", []string{"宠物档案与疫苗提醒", "在线问诊与预约", "宠物保险"}, "宠物医院"},
	{"二手回收", "recycle", []string{"旧物估价与上门回收", "回收进度查询", "环保积分奖励"}, "数码回收平台"},
	{"公交乘车码", "bus", []string{"扫码乘车与行程记录", "实时公交与到站提醒", "乘车优惠与月票"}, "城市公交集团"},
	{"医保支付", "medical", []string{"医保电子凭证与在线结算", "自费与医保分账", "处方流转与购药"}, "定点药店"},
	{"租房看房", "rental", []string{"房源查询与预约看房", "在线签约与租金代扣", "报修与退租"}, "长租公寓"},
	{"红包营销", "redpacket", []string{"红包雨与分享裂变", "红包核销与资金结算", "防刷与风控"}, "节日营销活动"},
	{"直播带货", "live", []string{"直播间商品橱窗", "边看边买与优惠券", "直播回放与预约提醒"}, "美妆品牌"},
	{"会员储值", "wallet", []string{"储值卡充值与余额支付", "充值赠送与等级权益", "余额明细与退款"}, "咖啡连锁"},
	{"OCR文字识别", "ocr", []string{"通用文字识别与表格识别", "身份证、营业执照等证照识别", "识别结果可编辑导出"}, "企业财务报销"},
	{"地图导航", "map", []string{"门店定位与路线规划", "附近门店查询", "到店导航与距离排序"}, "全国连锁门店"},
}

var (
	largeBrands = []string{"星云", "蓝鲸", "千帆", "蜂鸟", "青橙", "云雀", "极光", "松果", "麦田", "北斗", "飞鱼", "小象",
		"橙子", "白鹭", "知了", "海豚", "竹林", "山海", "木棉", "灵犀", "晨曦", "远航", "和风", "锦鲤"}
	largeModifiers = []string{"", "", "", "智能", "极速", "轻量", "专业版", "企业版", "安心", "一站式", "易用"}
	largeSuffixes  = []string{"插件", "插件", "组件", "服务", "助手", "工具"}
	largeBenefits  = []string{"三行代码即可接入", "提升转化率", "降低人工成本", "体验流畅稳定", "开箱即用",
		"支持高并发场景", "数据安全合规", "覆盖主流机型", "接入周期缩短一半"}
	largeGeneric = []string{
		"插件由专业团队持续维护，平均每月发布一次更新。",
		"所有接口均通过 HTTPS 传输，敏感数据加密存储，符合个人信息保护相关要求。",
		"提供完善的接入文档与示例代码，常见问题可在开发者社区检索。",
		"支持灰度发布与多环境配置，便于在正式上线前充分验证。",
		"服务可用性承诺 99.9%，故障时提供 7×24 小时技术支持。",
		"界面样式可通过属性定制，适配品牌主题色与深色模式。",
		"接入后可在商家后台查看调用量、成功率与耗时等运营数据。",
	}
	largeCaseResults = []string{"平均办理时长缩短 60%", "用户满意度提升到 96%", "人工客服咨询量下降 40%",
		"转化率提升 25%", "日均服务用户超过 2 万人", "差错率降低到千分之一以下"}
	largeRejectReasons = []string{
		"案例介绍与服务描述不符：请补充真实的接入案例",
		"logo 不清晰，请上传 200×200 以上的图片",
		"服务描述中含有夸大宣传用语（“最”、“第一”），请修改",
		"接入指引缺少接口返回值说明，请补充 outputs",
		"客服联系方式无法接通，请核实后重新提交",
		"功能类型与实际能力不符，请重新选择",
		"示例代码无法运行：组件名与组件列表不一致",
		"PC端url 无法访问，请检查地址",
	}
)

type largeProp struct{ name, typ, def, desc string }

var largeProps = []largeProp{
	{"bizId", "String", "", "业务单号，用于对账和排查问题"},
	{"userId", "String", "", "当前用户在商家系统中的编号"},
	{"mode", "String", "default", "展示模式：default 标准，compact 紧凑"},
	{"theme", "String", "light", "主题：light 浅色，dark 深色"},
	{"size", "String", "medium", "尺寸：small、medium、large"},
	{"title", "String", "", "标题文字，为空时使用默认标题"},
	{"placeholder", "String", "请输入", "输入框占位文字"},
	{"maxCount", "Number", "10", "最多展示的条数"},
	{"pageSize", "Number", "20", "每页加载的条数"},
	{"timeout", "Number", "3000", "请求超时时间，单位毫秒"},
	{"amount", "Number", "0", "金额，单位元，保留两位小数"},
	{"interval", "Number", "5", "自动刷新间隔，单位秒"},
	{"showTitle", "Boolean", "true", "是否显示标题栏"},
	{"disabled", "Boolean", "false", "是否禁用，禁用时不响应点击"},
	{"autoStart", "Boolean", "true", "进入页面后是否自动开始"},
	{"showTips", "Boolean", "true", "是否显示操作提示"},
	{"editable", "Boolean", "false", "是否允许用户修改结果"},
	{"items", "Array", "[]", "列表数据，每项为 { id, name }"},
	{"tags", "Array", "[]", "标签列表，最多 5 个"},
	{"extra", "Object", "{}", "透传给服务端的扩展参数"},
	{"style", "Object", "{}", "自定义样式，如 { color: '#1677ff' }"},
	{"payload", "Any", "", "任意附加数据，原样回传"},
	{"currency", "String", "CNY", "币种代码"},
	{"city", "String", "", "城市编码，为空时自动定位"},
	{"startTime", "String", "", "开始时间，ISO 8601 格式"},
	{"endTime", "String", "", "结束时间，ISO 8601 格式"},
	{"storeId", "String", "", "门店编号"},
	{"count", "Number", "1", "数量"},
	{"radius", "Number", "3000", "搜索半径，单位米"},
	{"showBadge", "Boolean", "false", "是否显示角标"},
	{"columns", "Number", "2", "每行显示的列数"},
	{"emptyText", "String", "暂无数据", "列表为空时的提示文字"},
}

var largeEvents = []workflow.EventDecl{
	{Name: "onChange", Description: "值变化时触发，event.detail 为 { value }"},
	{Name: "onConfirm", Description: "用户点击确认时触发"},
	{Name: "onCancel", Description: "用户取消操作时触发"},
	{Name: "onSuccess", Description: "操作成功时触发，event.detail 为服务端返回的结果"},
	{Name: "onError", Description: "失败时触发，event.detail 为 { code, message }"},
	{Name: "onLoad", Description: "数据加载完成时触发"},
	{Name: "onTap", Description: "点击时触发"},
	{Name: "onSelect", Description: "选中某一项时触发，event.detail 为 { index, item }"},
	{Name: "onRefresh", Description: "下拉刷新时触发"},
	{Name: "onExpire", Description: "倒计时结束或凭证过期时触发"},
}

var (
	largeComponentKinds = []string{"panel", "button", "card", "list", "picker", "form", "scanner", "viewer", "badge", "dialog", "entry", "status"}
	largeComponentNames = map[string]string{"panel": "面板", "button": "按钮", "card": "卡片", "list": "列表", "picker": "选择器",
		"form": "表单", "scanner": "扫描", "viewer": "预览", "badge": "角标", "dialog": "弹窗", "entry": "入口", "status": "状态条"}
	largePages   = []string{"home", "detail", "list", "result", "history", "settings", "pay", "help"}
	largeAPIVerb = []string{"query", "create", "cancel", "get", "list", "update", "check", "submit", "refresh", "verify"}
	largeParams  = []workflow.Param{
		{Name: "id", Type: "String", Description: "记录编号"},
		{Name: "bizId", Type: "String", Description: "业务单号"},
		{Name: "page", Type: "Number", Description: "页码，从 1 开始"},
		{Name: "pageSize", Type: "Number", Description: "每页条数"},
		{Name: "keyword", Type: "String", Description: "搜索关键词"},
		{Name: "status", Type: "String", Description: "状态筛选"},
		{Name: "amount", Type: "Number", Description: "金额，单位元"},
		{Name: "success", Type: "Boolean", Description: "是否成功"},
		{Name: "total", Type: "Number", Description: "总条数"},
		{Name: "requestId", Type: "String", Description: "本次请求编号，反馈问题时请提供"},
		{Name: "expireAt", Type: "String", Description: "过期时间，ISO 8601 格式"},
		{Name: "autoStart", Type: "Boolean", Description: "是否自动开始"},
	}
	largeAPIParams = []workflow.Param{
		{Name: "records", Type: "Array", Description: "结果列表"},
		{Name: "options", Type: "Object", Description: "其他选项"},
		{Name: "data", Type: "Any", Description: "服务端返回的原始数据"},
		{Name: "detail", Type: "Object", Description: "详情对象"},
	}
)

// pick returns one element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// between returns an int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// sample returns n distinct elements of xs in a random order.
func sample[T any](r *rand.Rand, xs []T, n int) []T {
	n = min(n, len(xs))
	idx := r.Perm(len(xs))[:n]
	out := make([]T, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// largeDraft is the publication of one generated plugin: its info form and
// a guide whose size follows the plugin's class (most guides are small, a
// few are large).
func largeDraft(r *rand.Rand, th largeTheme, logo string) workflow.Draft {
	brand := pick(r, largeBrands)
	title := brand + pick(r, largeModifiers) + th.core + pick(r, largeSuffixes)
	if n := len([]rune(title)); n > workflow.MaxTitleRunes {
		title = brand + th.core
	}
	feat := sample(r, th.features, 3)
	intro := feat[0] + "，" + pick(r, largeBenefits)
	if len([]rune(intro)) > workflow.MaxIntroRunes {
		intro = feat[0]
	}
	var desc strings.Builder
	fmt.Fprintf(&desc, "%s为%s等场景的小程序提供%s能力。\n\n", title, th.scene, th.core)
	for _, f := range feat {
		fmt.Fprintf(&desc, "- %s；\n", f)
	}
	for _, g := range sample(r, largeGeneric, between(r, 1, 3)) {
		desc.WriteString("\n" + g)
	}
	d := workflow.Draft{Info: workflow.Info{
		Title:            title,
		Intro:            intro,
		Description:      desc.String(),
		Logo:             logo,
		Abilities:        sample(r, workflow.Abilities, between(r, 1, 3)),
		Buyers:           pick(r, workflow.Buyers),
		ShowAfterRelease: r.IntN(100) < 90,
		Usage: strings.Join([]string{
			"1. 在服务市场订购本插件，获得插件使用权限；",
			"2. 在小程序 app.json 的 plugins 中声明插件（见接入说明与示例代码）；",
			fmt.Sprintf("3. 在页面中使用 %s-panel 组件，或调用接口完成%s；", th.stem, th.core),
			"4. 在组件事件或接口返回值中取得结果，完成下单、登记等业务。",
		}, "\n"),
		Cases: fmt.Sprintf("某%s在小程序中接入%s后，%s，%s。", th.scene, title, pick(r, feat), pick(r, largeCaseResults)),
	}}
	if r.IntN(3) > 0 {
		d.Info.PCURL = fmt.Sprintf("https://www.example.com/%s/%d", th.stem, r.IntN(10000))
	}
	if r.IntN(2) == 0 {
		d.Info.Contact = fmt.Sprintf("%s-support@example.com", th.stem)
	} else {
		d.Info.Contact = fmt.Sprintf("400-%03d-%04d", r.IntN(1000), r.IntN(10000))
	}

	// Guide size classes: 72% small, 25% medium, 3% large, which makes
	// snapshots of about 4 KB on average (the 填写样例 is 9 KB).
	comps, props, pages, apis := [2]int{1, 1}, [2]int{2, 4}, [2]int{0, 1}, [2]int{1, 2}
	switch c := r.IntN(100); {
	case c >= 97:
		comps, props, pages, apis = [2]int{4, 8}, [2]int{5, 10}, [2]int{2, 4}, [2]int{3, 6}
	case c >= 72:
		comps, props, pages, apis = [2]int{2, 3}, [2]int{3, 6}, [2]int{1, 2}, [2]int{2, 3}
	}
	g := &d.Guide
	for _, kind := range sample(r, largeComponentKinds, between(r, comps[0], comps[1])) {
		c := workflow.Component{Name: th.stem + "-" + kind,
			Description: fmt.Sprintf("%s%s组件：%s。", th.core, largeComponentNames[kind], pick(r, th.features))}
		for _, p := range sample(r, largeProps, between(r, props[0], props[1])) {
			c.Props = append(c.Props, workflow.Prop{Name: p.name, Type: p.typ, Default: p.def, Description: p.desc,
				Required: p.def == "" && r.IntN(2) == 0})
		}
		c.Events = sample(r, largeEvents, between(r, 0, 2))
		g.Components = append(g.Components, c)
	}
	for _, name := range sample(r, largePages, between(r, pages[0], pages[1])) {
		p := workflow.GuidePage{Name: name, Path: fmt.Sprintf("pages/%s-%s/index", th.stem, name),
			Description: fmt.Sprintf("%s页面：%s。", th.core, pick(r, th.features))}
		for _, prm := range sample(r, largeParams, between(r, 0, 2)) {
			prm.Required = r.IntN(3) == 0
			p.Params = append(p.Params, prm)
		}
		g.Pages = append(g.Pages, p)
	}
	all := append(append([]workflow.Param{}, largeParams...), largeAPIParams...)
	for _, verb := range sample(r, largeAPIVerb, between(r, apis[0], apis[1])) {
		a := workflow.API{Name: verb + upperFirst(th.stem), Description: fmt.Sprintf("%s：%s，返回 Promise。", th.core, pick(r, th.features))}
		a.Inputs = sample(r, all, between(r, 1, 3))
		a.Outputs = sample(r, all, between(r, 1, 3))
		g.APIs = append(g.APIs, a)
	}
	g.Instructions = largeInstructions(r, th, d)
	d.Normalize()
	return d
}

// largeInstructions is a short 接入说明与示例代码 naming the guide's own
// components and APIs, as a real one does.
func largeInstructions(r *rand.Rand, th largeTheme, d workflow.Draft) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## 接入%s\n\n在 app.json 中声明插件：\n\n~~~json\n{\n  \"plugins\": {\n    \"%s\": {\n      \"version\": \"*\",\n      \"provider\": \"2021004100000001\"\n    }\n  }\n}\n~~~\n",
		th.core, th.stem)
	if cs := d.Guide.Components; len(cs) > 0 {
		fmt.Fprintf(&b, "\n在页面的 json 中引用组件，再在 axml 中使用：\n\n~~~xml\n<%s bizId=\"{{bizId}}\" onChange=\"handleChange\" />\n~~~\n", cs[0].Name)
	}
	if as := d.Guide.APIs; len(as) > 0 {
		fmt.Fprintf(&b, "\n调用接口：\n\n~~~js\nconst plugin = requirePlugin('%s');\nconst res = await plugin.%s({ bizId: 'demo-%d' });\n~~~\n",
			th.stem, as[0].Name, r.IntN(1000))
	}
	b.WriteString("\n" + pick(r, largeGeneric) + "\n")
	return b.String()
}

// varyDraft is the next revision of a plugin's publication: a developer
// resubmitting fixes a text or two and sometimes adds a prop.
func varyDraft(r *rand.Rand, th largeTheme, d workflow.Draft, n int) workflow.Draft {
	v := d.Clone()
	v.Info.Description += "\n\n" + fmt.Sprintf("第 %d 版更新：%s。", n+1, pick(r, th.features))
	v.Info.Cases = fmt.Sprintf("某%s在小程序中接入后，%s。", th.scene, pick(r, largeCaseResults))
	if cs := v.Guide.Components; len(cs) > 0 && r.IntN(2) == 0 {
		c := &cs[r.IntN(len(cs))]
		for _, p := range largeProps {
			if !hasProp(c.Props, p.name) {
				c.Props = append(c.Props, workflow.Prop{Name: p.name, Type: p.typ, Default: p.def, Description: p.desc})
				break
			}
		}
	}
	return v
}

func hasProp(ps []workflow.Prop, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}
