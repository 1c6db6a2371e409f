package tuitest

import "plugpub/workflow"

// TypeGuide types into the 接入指引 step, on its 组件 tab with nothing in
// it, the guide TypedGuide returns, the keys a person presses: press sends
// key names, typ types text. It ends with every editor closed.
func TypeGuide(press func(keys ...string), typ func(text string)) {
	// 组件: my-button, two props and an event.
	press("a")
	typ("my-button")
	press("tab")
	typ("一个按钮")
	press("tab", "a") // 属性
	typ("text")
	press("tab", "tab", " ", "esc") // 类型 String stays; required on
	press("a")
	typ("size")
	press("tab", " ") // String → Number
	press("tab", "tab")
	typ("1")
	press("esc", "tab", "a") // 事件
	typ("onTap")
	press("esc", "esc")
	// 页面: home with one param.
	press("l", "a")
	typ("home")
	press("tab")
	typ("pages/home/index")
	press("tab", "tab", "a") // past 描述 to 参数
	typ("id")
	press("esc", "esc")
	// 接口: getUser with one input and one output.
	press("l", "a")
	typ("getUser")
	press("tab", "tab", "a") // 入参
	typ("uid")
	press("esc", "tab", "a") // 出参
	typ("name")
	press("esc", "esc")
}

// TypedGuide is the guide TypeGuide types.
func TypedGuide() workflow.Guide {
	return workflow.Guide{
		Components: []workflow.Component{{
			Name:        "my-button",
			Description: "一个按钮",
			Props: []workflow.Prop{
				{Name: "text", Type: "String", Required: true},
				{Name: "size", Type: "Number", Default: "1"},
			},
			Events: []workflow.EventDecl{{Name: "onTap"}},
		}},
		Pages: []workflow.GuidePage{{
			Name: "home", Path: "pages/home/index",
			Params: []workflow.Param{{Name: "id", Type: "String"}},
		}},
		APIs: []workflow.API{{
			Name:    "getUser",
			Inputs:  []workflow.Param{{Name: "uid", Type: "String"}},
			Outputs: []workflow.Param{{Name: "name", Type: "String"}},
		}},
	}
}
