package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestReviewNotesClaimsAndStats is issue 16 on the command line: a claim
// shows in review list --json and picks --mine, a decision on another
// reviewer's claim goes through and says so, --note pins notes that
// submissions shows, a bad path exits 2 naming it, review stats counts.
func TestReviewNotesClaimsAndStats(t *testing.T) {
	t.Parallel()
	c := newDemoCLI(t)
	type row struct {
		ID        int64
		Plugin    string
		ClaimedBy *string `json:"claimed_by"`
		Notes     []struct{ Path, Text, Author string }
	}
	var queue []row
	c.json(&queue, "--as", "reviewer1", "review", "list")
	if len(queue) < 2 || queue[0].ClaimedBy == nil || *queue[0].ClaimedBy != "" {
		t.Fatalf("queue %+v: want two rows with claimed_by \"\"", queue)
	}
	first, second := fmt.Sprint(queue[0].ID), fmt.Sprint(queue[1].ID)
	mustContain(t, "review claim", c.ok("--as", "reviewer2", "review", "claim", first), "claimed submission "+first)
	var mine, unclaimed []row
	c.json(&mine, "--as", "reviewer2", "review", "list", "--mine")
	c.json(&unclaimed, "--as", "reviewer1", "review", "list", "--unclaimed")
	if len(mine) != 1 || mine[0].ID != queue[0].ID || *mine[0].ClaimedBy != "reviewer2" || len(unclaimed) != len(queue)-1 {
		t.Fatalf("--mine %+v, --unclaimed %+v", mine, unclaimed)
	}
	errOut := c.fails(exitConflict, "--as", "reviewer1", "review", "unclaim", first)
	mustContain(t, "unclaiming another's claim", errOut, "reviewer2")

	// reviewer1 decides anyway: a claim is advice, and stderr says whose it was.
	_, stderr, code := run(t, c.env, "--as", "reviewer1", "review", "approve", first)
	if code != 0 || !strings.Contains(stderr, "reviewer2") {
		t.Fatalf("approving over a claim: exit %d, stderr %q", code, stderr)
	}

	errOut = c.fails(exitUsage, "--as", "reviewer1", "review", "reject", second, "--reason", "请修改", "--note", "guide.components[99].name=没有")
	mustContain(t, "a note on a missing field", errOut, "guide.components[99].name")
	errOut = c.fails(exitUsage, "--as", "reviewer1", "review", "reject", second, "--reason", "请修改", "--note", "info.title")
	mustContain(t, "a note without =", errOut, "info.title")
	c.ok("--as", "reviewer1", "review", "reject", second, "--reason", "请修改", "--note", "info.title=标题太泛", "--note", "guide.components[0].props[0].type=应为 String")
	var subs []row
	c.json(&subs, "--as", "reviewer1", "submissions", queue[1].Plugin)
	if len(subs) == 0 || len(subs[0].Notes) != 2 || subs[0].Notes[1].Path != "guide.components[0].props[0].type" || subs[0].Notes[0].Author != "reviewer1" {
		t.Fatalf("submissions --json %+v", subs)
	}
	mustContain(t, "submissions", c.ok("--as", "reviewer1", "submissions", queue[1].Plugin), "标题太泛")

	var st struct {
		InReview, Overdue, Unclaimed, Decided int
		Days                                  []struct{ Day string }
	}
	c.json(&st, "--as", "reviewer1", "review", "stats")
	if st.InReview != len(queue)-2 || len(st.Days) != 14 || st.Decided < 2 {
		t.Fatalf("review stats %+v", st)
	}
	c.fails(exitForbidden, "--as", "dev1", "review", "stats")
}
