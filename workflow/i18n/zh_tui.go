package i18n

// tuiZh translates the messages of tui: empty states, notes, hints, dialog
// texts and status messages. Domain words (审核中, 上架, 订购页…) are
// Chinese in the English too.
var tuiZh = map[string]string{
	// the root: status bar, message log, help
	"reloaded":                         "已刷新",
	"messages":                         "消息",
	"  (newest first; any key closes)": "  （最新在前，按任意键关闭）",
	"no messages yet":                  "还没有消息",
	"guest":                            "访客",
	"to order, sign up: %s":            "要订购，请先注册：%s",
	"… ! all":                          "… ! 查看全部",
	"more":                             "更多",
	"loading…":                         "加载中…",
	"nothing here yet":                 "暂无内容",
	"no row matches “%s” — %s":         "没有与“%s”匹配的行 — %s",
	"/ then esc clears it":             "按 / 再按 esc 清除筛选",
	"esc clears it":                    "esc 清除筛选",
	"filter: %s":                       "筛选：%s",
	"window too small for this dialog": "窗口太小，放不下此对话框",
	"esc: cancel":                      "esc：取消",
	"n / esc: no":                      "n / esc：否",
	"n / esc: keep them":               "n / esc：保留它们",
	"y / enter: yes    n / esc: no":    "y / enter：是    n / esc：否",
	"ctrl+s: submit    esc: cancel":    "ctrl+s：提交    esc：取消",
	"enter: submit    esc: cancel":     "enter：提交    esc：取消",
	"tab: next field    enter: 创建    esc: cancel": "tab：下一项    enter：创建    esc：取消",
	"creating…": "创建中…",

	// 版本管理
	"新建版本 x.y.z (enter: %s)": "新建版本 x.y.z（enter：%s）",
	"审核驳回 版本 %s: reason":     "审核驳回 版本 %s：原因",
	"the 发布 wizard is not in this build yet: fill the draft with plugpub draft sample|set %s, then plugpub submit %s": "此版本没有发布向导：请用 plugpub draft sample|set %s 填写草稿，再用 plugpub submit %s 提交",

	// 发布管理
	"Nothing submitted yet.": "还没有提交。",
	" %s 发布 fills the plugin info and the integration guide and submits them for review.": "按 %s 发布：填写插件信息与接入指引并提交审核。",
	"market search finds it":         "服务市场可搜到",
	"market search does not find it": "服务市场搜不到",
	"no events":                      "没有事件",
	"… the plugin's log is long; plugpub log %s shows all of it": "… 日志很长；plugpub log %s 可查看全部",
	"上架: #%d is on the market":                                   "上架：#%d 已在服务市场",
	"展示: market search finds the plugin again":                   "展示：服务市场可再次搜到该插件",
	"隐藏: market search no longer finds the plugin":               "隐藏：服务市场不再能搜到该插件",
	"The change will need a new review (审核) and a new 上架. Until then the market keeps showing the listed submission #%d.": "修改后需要重新审核、重新上架；在此之前，服务市场仍展示已上架的提交 #%d。",
	"the 发布 wizard is not in this build yet: edit the draft with plugpub draft sample|set %s, then plugpub submit %s":     "此版本没有发布向导：请用 plugpub draft sample|set %s 编辑草稿，再用 plugpub submit %s 提交",

	// 审核
	"Nothing to review: no submission is 审核中.":     "没有要审核的提交：没有审核中的提交。",
	"审核驳回 #%d: the reason the developer will read": "审核驳回 #%d：驳回原因（开发者可见）",
	"owner %s":            "负责人 %s",
	"no longer in review": "已不在审核中",
	"首次上架: nothing of this plugin is listed or was submitted before, so everything in the preview below is new.": "首次上架：该插件此前没有上架或提交过，下方预览的内容都是新的。",
	"与上次提交的差异 (#%d, %s 于 %s; nothing is listed yet)":                                                             "与上次提交的差异（#%d，%s 于 %s；尚未上架）",
	"the listed one":                                 "已上架的版本",
	"the previous submission":                        "上次提交",
	"no differences: the snapshot is the same as %s": "没有差异：快照与%s相同",
	"      … %d more lines":                          "      … 还有 %d 行",
	// 审核: notes at fields, claims, the queue's header (issue 16)
	"审核驳回 #%d, %d 条批注: the reason the developer will read":          "审核驳回 #%d，%d 条批注：驳回原因（开发者可见）",
	"批注 %s: what the developer should change here (empty drops it)": "批注 %s：请开发者修改什么（留空则删除）",
	"no decision yet":                                    "尚无审核决定",
	"median to a decision %s":                            "审核用时中位数 %s",
	" (promised: 一个工作日)":                                 "（承诺：一个工作日）",
	"decisions per day, last %d days: most %d, today %d": "近 %d 天每日审核决定：最多 %d，今天 %d",
	"showing %s":                                         "只看%s",
	"lapses at %s":                                       "有效至 %s",
	"与被驳回的提交的差异 (#%d, 驳回于 %s)":                           "与被驳回的提交的差异（#%d，驳回于 %s）",
	"the rejected submission":                            "被驳回的提交",
	"b: compare with %s":                                 "b：改为对比%s",
	"%d of the reviewer's notes are still unresolved (their fields are unchanged): %s.":        "审核批注中还有 %d 条未解决（字段未修改）：%s。",
	"✎ %d notes of the reviewer, all resolved — enter 跳到该字段":                                   "✎ %d 条审核批注，均已解决 — enter 跳到该字段",
	"✎ %d notes of the reviewer, %d unresolved — enter 跳到该字段; change their fields before 提交申请": "✎ %d 条审核批注，%d 条未解决 — enter 跳到该字段；提交申请前请修改这些字段",

	// the wizard
	"ctrl+n / ctrl+p: next / previous step · esc: leave (the draft is saved as you type)": "ctrl+n / ctrl+p：下一步 / 上一步 · esc：离开（草稿随输入自动保存）",
	"ctrl+r reload theirs · ctrl+o keep mine — %s":                                        "ctrl+r 载入对方的 · ctrl+o 保留我的 — %s",
	"not saved: %s":          "未保存：%s",
	"loading the draft…":     "正在加载草稿…",
	"saving before leaving…": "离开前保存中…",
	"saving…":                "保存中…",
	"unsaved":                "未保存",
	"saved %s":               "已保存 %s",
	"saved":                  "已保存",
	"The last edits cannot be saved: %s. y discards them; n keeps editing.":                                                            "最近的修改无法保存：%s。y 放弃修改，n 继续编辑。",
	"The draft goes to the plugin center for review (预计一个工作日). While it is in review the draft cannot be changed; 撤回审核 takes it back.": "草稿将提交插件中心审核（预计一个工作日）。审核中不能修改草稿，撤回审核可取回。",
	"%d more": "还有 %d 个",
	"自动通过: an order is usable at once; 需审核: you approve each in 使用者管理": "自动通过：订购后即可使用；需审核：在使用者管理中逐个通过",

	// the root, when the database is away (a PostgreSQL server restarting)
	"database connection lost; reconnecting…": "与数据库的连接已断开，正在重连…",
	"database reconnected; reloaded":          "已重新连接数据库并刷新",
	// 订购页: 选择小程序 and 添加小程序
	"enter: choose    n: add    esc: cancel":          "enter：选择    n：添加    esc：取消",
	"tab: next field    enter: submit    esc: cancel": "tab：下一项    enter：提交    esc：取消",
}

// keyHelpZh translates the help of key bindings (their Desc), as the
// footer and the full help (?) draw them; see KeyHelp.
var keyHelpZh = map[string]string{
	"quit": "退出", "help": "帮助", "back": "返回", "reload": "刷新", "messages": "消息", "more": "更多",
	"up": "上移", "down": "下移", "page up": "上一页", "page down": "下一页", "top": "顶部", "bottom": "底部",
	"open": "打开", "filter": "筛选", "keep filter": "保留筛选", "clear filter": "清除筛选",
	"yes": "是", "no": "否", "submit": "提交", "cancel": "取消", "done": "完成",
	"next": "下一项", "new line": "换行", "next field": "下一项", "previous field": "上一项",
	"prev field": "上一项", "next step": "下一步", "previous step": "上一步",
	"next section": "下一节", "previous section": "上一节", "table/detail": "表格/详情",
	"leave (saved)": "离开（已保存）", "reload theirs": "载入对方的", "keep mine": "保留我的",
	"go to the field": "跳到该字段", "review": "审核", "search": "搜索", "leave box": "离开搜索框",
	"prev tab": "上一页签", "next tab": "下一页签", "add": "添加", "edit": "编辑", "duplicate": "复制",
	"delete": "删除", "undo delete": "撤销删除", "move up": "上移", "move down": "下移",
	"next type": "下一类型", "prev type": "上一类型", "toggle required": "切换必填", "close": "关闭",
	"write": "编写", "preview": "预览", "back to text": "返回文本",
	"import": "导入", "delete them": "删除它们", "keep them": "保留它们",
	"drop the note": "删除批注", "switch the diff base": "切换对比基准", "mine/unclaimed/overdue": "我的/未认领/已超时",
	"choose": "选择",
}
