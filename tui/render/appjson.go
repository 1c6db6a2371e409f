package render

import (
	"encoding/json"

	"plugpub/tui/common"
)

// PluginAlias is the name a buyer's app.json gives the plugin in the
// sample entry, as the 接入说明 sample does.
const PluginAlias = "myPlugin"

// AppJSON is the app.json entry that declares a plugin in a mini program:
// the plugins object with its provider (the plugin id) and version.
func AppJSON(pluginID, version string) string {
	entry := map[string]any{"plugins": map[string]any{PluginAlias: map[string]string{"provider": pluginID, "version": version}}}
	b, err := json.MarshalIndent(entry, "", "  ")
	if err != nil {
		return ""
	}
	return string(b)
}

// UsageApp is one of the buyer's mini programs with a live order of the
// plugin: Ready when the order lets it use the plugin (not pending).
type UsageApp struct {
	Name, AppID, State string
	Ready              bool
}

// Usage is the block a buyer with live orders of a plugin sees at the top
// of its 订购页: each of their mini programs with its order's state and,
// once one may use the plugin, the app.json entry with the plugin id and
// the listed version.
func Usage(pluginID, version string, apps []UsageApp, st *common.Styles, width int) string {
	if width <= 0 || len(apps) == 0 {
		return ""
	}
	doc := &doc{st: st, width: width}
	doc.line(0, "在你的小程序中使用", &st.Heading)
	ready := false
	for _, a := range apps {
		text := a.Name + " " + a.AppID + " · " + a.State
		if !a.Ready {
			text += "：插件方通过后即可使用"
		}
		ready = ready || a.Ready
		doc.line(2, text, nil)
	}
	if ready {
		doc.text(2, "在小程序的 app.json 中声明插件（provider 为插件 ID，version 为上架版本）：", &st.Muted)
		doc.code(4, AppJSON(pluginID, version))
	}
	return doc.String()
}
