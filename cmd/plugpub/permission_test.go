package main

import (
	"strings"
	"testing"
)

// TestReleaseNeedsTheOwnerWhateverTheState: 上架 by someone who is not the
// plugin's owner (another developer, a consumer, a reviewer) is forbidden
// (exit 4) in every state of the plugin: permission is checked before the
// state, so the answer never depends on, or tells, what the state is.
func TestReleaseNeedsTheOwnerWhateverTheState(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	check := func(stage string) {
		t.Helper()
		for plugin, owner := range map[string]string{
			"2021004100000001": "dev1", // listed and shown, nothing approved
			"2021004100000002": "dev1", // listed and hidden
			"2021004100000003": "dev2", // in review
			"2021004100000004": "dev2", // rejected
			"2021004100000005": "dev1", // listed, a modification in review or approved
		} {
			other := map[string]string{"dev1": "dev2", "dev2": "dev1"}[owner]
			for _, as := range []string{other, "buyer1", "reviewer1"} {
				out, errOut, code := run(t, c.env, "--as", as, "release", plugin)
				if code != exitForbidden {
					t.Errorf("%s: --as %s release %s (owner %s): exit %d, want %d\n%s%s", stage, as, plugin, owner, code, exitForbidden, out, errOut)
				}
			}
		}
	}
	check("the demo")
	// Approved: the one state in which the owner may release.
	c.ok("--as", "reviewer1", "review", "approve", latestSubmission(t, c, "2021004100000005"))
	c.ok("--as", "reviewer2", "review", "approve", latestSubmission(t, c, "2021004100000003"))
	check("approved")
}

// TestMarketViewSaysTheVersionIsOffline: once the listed version is taken
// offline (下线), the 订购页 says so, and ordering it is refused.
func TestMarketViewSaysTheVersionIsOffline(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	const plate = "2021004100000001"
	if strings.Contains(c.ok("market", "view", plate), "已下线") {
		t.Fatalf("market view says 已下线 while the version is online")
	}
	c.ok("--as", "dev1", "version", "offline", plate, "1.0.0")
	mustContain(t, "market view", c.ok("market", "view", plate), "版本 1.0.0 已下线 offline: ordering is refused until a newer version is listed")
	mustContain(t, "market order", c.fails(exitConflict, "--as", "buyer2", "market", "order", plate), "已下线")
}
