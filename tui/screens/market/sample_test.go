package market_test

import (
	"strings"
	"testing"

	"plugpub/tui/screens/market"
)

// TestDetailShowsTheSampleCode: the 订购页 ends with the 功能清单, whose
// app.json declares this plugin by its id.
func TestDetailShowsTheSampleCode(t *testing.T) {
	e := twoListed(t)
	s, _ := open(t, market.NewDetail(e.context("buyer1"), plateID), 100, 400)
	v := s.View()
	for _, want := range []string{"功能清单（示例代码）", `"provider": "` + plateID + `"`,
		`"plate-scanner": "plugin://myPlugin/plate-scanner"`, "my.navigateTo({", "requirePlugin('myPlugin')"} {
		if !strings.Contains(v, want) {
			t.Errorf("the page lacks %q:\n%s", want, v)
		}
	}
	fits(t, "the whole page", v, 100, 400)
}
