package i18n

// ordersZh is the Chinese of the messages about orders for a mini program
// (issue 15): 使用者管理, 我的订购 and 订购审核.
var ordersZh = map[string]string{
	"order review (订购审核)":     "订购审核",
	"order %s":                "订购 %s",
	"order %d does not exist": "订购 %d 不存在",
	"order state %q is not one of pending, approved, refused, expired, cancelled": "订购状态 %q 不是 申请中、已通过、已拒绝、已超时、已取消 之一",
	"appId %s is not 16 digits":                                                   "appId %s 不是 16 位数字",
	"order review (订购审核) %s is not one of %s":                                     "订购审核 %s 不是 %s 之一",
	"plugin %s is 隐藏 (hidden): it cannot be newly ordered; existing orders stand": "插件 %s 已隐藏：不能新订购；已有的订购不受影响",
	"拒绝 order %s? The buyer %s sees your reason.":                                 "拒绝订购 %s？买家 %s 会看到你的理由。",
	"only the buyer of order %s may cancel it":                                    "只有订购 %s 的买家可以取消",
	"取消 order %s?": "取消订购 %s？",
	"退订 order %s? Your mini program can no longer use plugin %s.":                                                        "退订 %s？你的小程序将不能再使用插件 %s。",
	"the listed version %s of plugin %s is 已下线 (offline); order %s can be approved once a newer version is listed":       "插件 %[2]s 已上架的版本 %[1]s 已下线；上架更新的版本后才能通过订购 %[3]s",
	"registering a mini program needs the consumer role; %s is %s":                                                       "登记小程序需要消费者角色；%s 的角色是%s",
	"a mini program's name is one line of 1 to %d characters":                                                            "小程序名称是一行 1 到 %d 个字符",
	"%s has %d mini programs: choose one with --app":                                                                     "%s 有 %d 个小程序：请用 --app 选择一个",
	"%s has no mini program %s; add it with: plugpub app add %s --name NAME":                                             "%s 没有小程序 %s；请先登记：plugpub app add %s --name 名称",
	"plugin %s asks 订购审核 (需审核): order it for one of your mini programs; add one with: plugpub app add APPID --name NAME": "插件 %s 需要订购审核：请为你的一个小程序订购；登记小程序：plugpub app add APPID --name 名称",
	"refusing an order needs a reason (--reason)":                                                                        "拒绝订购需要填写理由（--reason）",
	"the reason is one line of at most %d characters":                                                                    "理由是一行，最多 %d 个字符",
	"only the owner of plugin %s (%s) or a reviewer may read its orders":                                                 "只有插件 %s 的所有者（%s）或审核员可以查看它的订购",
	"mini program %s is registered already":                                                                              "小程序 %s 已经登记过了",
	"mini program %s already has a live order of plugin %s":                                                              "小程序 %s 已有插件 %s 的有效订购",
	"refuse": "拒绝",
	"expire": "已超时",
}
