package i18n

// reviewZh translates the messages of review that helps both sides
// (issue 16): notes pinned to fields, claims (认领) and the queue's
// statistics, in workflow and on the command line.
var reviewZh = map[string]string{
	// action codes as messages take them
	"claim":   "认领",
	"unclaim": "取消认领",
	"note":    "字段批注",

	// claims
	"认领 submission %d? %s claimed it at %s; you take it over.":                             "认领提交 %d？%s 已于 %s 认领，认领后由你接手。",
	"submission %d is not claimed (认领); nothing to release":                                "提交 %d 未被认领，无需取消认领",
	"submission %d is claimed by %s; only they may 取消认领 it (a claim lapses after 2 hours)": "提交 %d 由 %s 认领；只有认领人可以取消认领（认领 2 小时后自动失效）",
	"submission %d is claimed (认领) by %s since %s: %s it anyway?":                          "提交 %d 已由 %s 于 %s 认领：仍要%s吗？",

	// notes
	"a note needs the path of a field, such as info.title":                                      "字段批注需要字段路径，例如 info.title",
	"a note's path has at most 200 characters":                                                  "字段路径最多 200 个字符",
	"%s is not a field path; a path looks like info.title or guide.components[2].props[0].type": "%s 不是字段路径；路径形如 info.title 或 guide.components[2].props[0].type",
	"submission %d has no field %s (plugpub draft check names the fields)":                      "提交 %d 没有字段 %s（plugpub draft check 会列出字段路径）",
	"a note is PATH=TEXT, such as info.title=标题太长; %s has no =":                                 "字段批注的格式是 路径=内容，例如 info.title=标题太长；%s 中没有 =",
	"the note on %s has no text":                                                                "%s 的批注没有内容",
	"the note on %s has %d characters; at most %d are allowed":                                  "%s 的批注有 %d 个字符；最多 %d 个",
	"a rejection carries at most %d notes; this one has %d":                                     "一次驳回最多 %d 条字段批注；这次有 %d 条",
	"a note cannot be pinned: %s":                                                               "无法添加字段批注：%s",
	"%d notes cannot be pinned":                                                                 "%d 条字段批注无法添加",
	"notes go with a rejection (驳回) only":                                                       "字段批注只能随驳回一起提交",

	// the command line
	"CLAIMED BY":                "认领人",
	"took over the claim of %s": "已接手 %s 的认领",
	"claimed submission %d of plugin %s (version %s) until %s":            "已认领插件 %[2]s 的提交 %[1]d（版本 %[3]s），至 %[4]s",
	"gave up the claim on submission %d of plugin %s":                     "已取消对插件 %[2]s 的提交 %[1]d 的认领",
	"in review %d · overdue %d · unclaimed %d":                            "审核中 %d · 已超时 %d · 未认领 %d",
	"decisions in the last %d days: %d, %d of them by their due time":     "最近 %d 天审核 %d 件，其中 %d 件按时完成",
	"within the promise of one working day (预计一个工作日)":                     "在一个工作日的承诺之内（预计一个工作日）",
	"over the promise of one working day (预计一个工作日)":                       "超出一个工作日的承诺（预计一个工作日）",
	"median time to a decision: %s, %s":                                   "审核用时中位数：%s，%s",
	"%s  %4d %s":                                                          "%s  %4d %s",
	"  note on %s: %s (%s)":                                               "  %s 的批注：%s（%s）",
	"submission %d was claimed (认领) by %s; your decision ended the claim": "提交 %d 曾由 %s 认领；你的审核已结束该认领",
	"submission %d, notes pinned to fields:":                              "提交 %d 的字段批注：",
}
