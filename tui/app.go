package tui

import (
	"plugpub/tui/common"
	"plugpub/tui/components/tabs"
	"plugpub/tui/screens/market"
	"plugpub/tui/screens/orders"
	"plugpub/tui/screens/plugins"
	"plugpub/tui/screens/publish"
	"plugpub/tui/screens/review"
	"plugpub/tui/screens/users"
	"plugpub/tui/screens/versions"
	"plugpub/workflow"
)

// Home is the first screen for ctx.User: the sections their roles use, as
// tabs — 插件 for developers and reviewers, 审核队列 for reviewers, 服务市场
// for everyone, 我的订购 for consumers.
func Home(ctx *common.Context) common.Screen {
	var ts []tabs.Tab
	u := ctx.User
	if u.Has(workflow.RoleDeveloper) || u.Has(workflow.RoleReviewer) {
		ts = append(ts, tabs.Tab{Name: "插件", Screen: plugins.New(ctx, func(id string) common.Screen { return Plugin(ctx, id) })})
	}
	if u.Has(workflow.RoleReviewer) {
		ts = append(ts, tabs.Tab{Name: "审核队列", Screen: review.New(ctx)})
	}
	ts = append(ts, tabs.Tab{Name: "服务市场", Screen: market.New(ctx)})
	if u.Has(workflow.RoleConsumer) {
		ts = append(ts, tabs.Tab{Name: "我的订购", Screen: orders.New(ctx)})
	}
	return tabs.New(ctx, "", ts...)
}

// Plugin is one plugin's back office: 版本管理, 发布管理 and 使用者管理.
func Plugin(ctx *common.Context, id string) common.Screen {
	return tabs.New(ctx, id,
		tabs.Tab{Name: "版本管理", Screen: versions.New(ctx, id)},
		tabs.Tab{Name: "发布管理", Screen: publish.New(ctx, id)},
		tabs.Tab{Name: "使用者管理", Screen: users.New(ctx, id)},
	)
}
