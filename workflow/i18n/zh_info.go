package i18n

// infoZh translates ① 插件信息 of the publish wizard
// (tui/screens/wizard/info): the fields' hints, its footer and notes.
var infoZh = map[string]string{
	// the fields' hints, shown under each field while it has no problem
	"required, %d–%d characters": "必填，%d–%d 个字",
	"required, one line of at most %d characters; shown in lists and search results": "必填，一行，最多 %d 个字；显示在列表和搜索结果中",
	"required; enter starts a new line, tab goes on":                                 "必填；enter 换行，tab 到下一项",
	"optional: the path of a PNG or JPEG file of at most %s":                         "可选：PNG 或 JPEG 文件的路径，最大 %s",
	"at least one; space or x picks":                                                 "至少一项；空格或 x 选择",
	"who may order the plugin":                                                       "谁可以订购这个插件",
	"whether the market shows the listing once it is listed":                         "上架后服务市场是否展示",
	"required; how a mini program starts using the plugin":                           "必填；小程序如何开始使用这个插件",
	"optional; who uses the plugin and what it changed for them":                     "可选；谁在用这个插件，给他们带来了什么",
	"optional, an https:// address":                                                  "可选，https:// 地址",
	"required: a phone number or an e-mail address":                                  "必填：电话号码或电子邮箱",

	// the logo field
	"checking %s …":                               "正在检查 %s …",
	"✓ stored · 已上传 %s":                           "✓ 已保存 · 已上传 %s",
	"; a path replaces it, an empty one keeps it": "；填写路径会替换它，留空则保留",
	"logo: %s": "logo：%s",

	// the footer, notes and the 填写样例 question
	"tab / shift+tab: next / previous field · ctrl+l: 填写样例": "tab / shift+tab：下一项 / 上一项 · ctrl+l：填写样例",
	"✗ %s (+%d more)": "✗ %s（还有 %d 个）",
	"插件信息: ctrl+n goes on to ② 接入指引":                                       "插件信息：ctrl+n 进入 ② 接入指引",
	"Replace what the 插件信息 fields hold with the sample? The logo is kept.": "用样例替换 插件信息 中已填写的内容？Logo 保留。",
}
