package tui_test

import (
	"slices"
	"testing"

	"plugpub/tui/common"
	"plugpub/tui/screens/publish"
	"plugpub/tui/screens/versions"
	"plugpub/tui/tuitest"
)

// TestOneKeyForPublish: 版本管理 and 发布管理 offer 发布 on the same key,
// and both offer it exactly when workflow does: on a plugin with an online
// version and nothing in review, not while a submission is 审核中.
func TestOneKeyForPublish(t *testing.T) {
	w := tuitest.NewWorld(t)
	w.Demo()
	for _, c := range []struct {
		plugin string
		offers bool
	}{{tuitest.DemoPoints, true}, {tuitest.DemoCoupon, false}} { // 积分: listed; 优惠券: 审核中
		ctx := w.Context("dev1")
		screens := map[string]common.Screen{"版本管理": versions.New(ctx, c.plugin), "发布管理": publish.New(ctx, c.plugin)}
		for name, s := range screens {
			tuitest.Load(t, s, 100, 30)
			var keys []string
			for _, row := range s.FullHelp() {
				for _, b := range row {
					if b.Help().Desc == "发布" && b.Enabled() {
						keys = append(keys, b.Keys()...)
					}
				}
			}
			if want := common.Publish().Keys(); c.offers && !slices.Equal(keys, want) {
				t.Errorf("%s of %s: 发布 is on %q, want %q as on every screen", name, c.plugin, keys, want)
			}
			if c.offers != (len(keys) > 0) {
				t.Errorf("%s of %s: 发布 offered %v, want %v", name, c.plugin, len(keys) > 0, c.offers)
			}
			if msgs := tuitest.Drive(t, s, tuitest.Key("p")); c.offers != (len(msgs) > 1) {
				t.Errorf("%s of %s: p answered %v; want it to open the wizard: %v", name, c.plugin, msgs, c.offers)
			}
		}
	}
}
