package main

// A shot is one picture: the console opened as a user on a fresh demo
// database, driven by steps to one screen, then captured.
type shot struct {
	name  string // the file: testdata/screenshots/<name>.png
	title string // what the picture shows, for the README and for errors
	as    string // the demo user the console opens as
	steps []step
}

// A step sends keys, then waits until the screen shows every one of its
// markers (plain text, as capture-pane -p prints it).
type step struct {
	keys []string // tmux key names (Enter, Down, C-n, G …), each sent on its own
	text string   // literal text typed after keys (send-keys -l), such as Chinese
	wait []string // what the screen shows once this step has landed
}

// shots is every picture in the README, in its order. Markers are what the
// screen says once its rows have loaded, so a capture never shows a screen
// half drawn: ids and titles from the demo, and the screen's own heading.
var shots = []shot{
	{
		name:  "plugins",
		title: "插件: a developer's plugins",
		as:    "dev1",
		steps: []step{
			{wait: []string{"我的插件", "2021004100000001", "2021004100000005", "优惠券营销"}},
		},
	},
	{
		name:  "publish",
		title: "发布管理: a plugin's submissions, the listed one and a modification in review",
		as:    "dev1",
		steps: []step{
			{wait: []string{"我的插件", "2021004100000005"}},
			{keys: []string{"G", "Enter"}, wait: []string{"2021004100000005 · 版本管理"}},
			{keys: []string{"2"}, wait: []string{"2021004100000005 · 发布管理", "提交 #6", "时间线"}},
		},
	},
	{
		name:  "wizard-guide",
		title: "the publish wizard's ② 接入指引: the components the plugin offers",
		as:    "dev1",
		steps: []step{
			{wait: []string{"我的插件", "2021004100000001"}},
			{keys: []string{"Enter"}, wait: []string{"2021004100000001 · 版本管理", "已上线"}},
			{keys: []string{"p"}, wait: []string{"插件信息", "服务标题"}},
			{keys: []string{"C-n"}, wait: []string{"接入指引", "plate-scanner", "plate-result"}},
		},
	},
	{
		name:  "review-diff",
		title: "审核: a reviewer sees what a modification changes against the listed version",
		as:    "reviewer1",
		steps: []step{
			{wait: []string{"审核队列"}},
			{keys: []string{"2"}, wait: []string{"2021004100000003", "2021004100000005"}},
			{keys: []string{"G", "Enter"}, wait: []string{"审核 #6", "与已上架版本的差异", "市场详情页预览"}},
		},
	},
	{
		name:  "order-page",
		title: "订购页: a consumer finds a plugin in the market and may order it",
		as:    "buyer2",
		steps: []step{
			{wait: []string{"服务市场"}},
			{keys: []string{"/"}, text: "车牌", wait: []string{"车牌"}},
			{keys: []string{"Enter"}, wait: []string{"2021004100000001", "小程序OCR"}},
			{keys: []string{"Enter"}, wait: []string{"订购页 · 2021004100000001", "服务描述", "订购"}},
		},
	},
}
