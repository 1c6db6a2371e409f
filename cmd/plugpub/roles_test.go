package main

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"plugpub/internal/testfs"
	"plugpub/workflow/workflowtest"
)

// The demo's plugins, and one more owned by a user who is both developer
// and reviewer (so reviewing one's own submission can be tried).
const (
	rolesPlate   = "2021004100000001" // dev1, listed and shown, 1.1.0 审核中 (added below)
	rolesPoints  = "2021004100000002" // dev1, listed and hidden, enterprise buyers only
	rolesInvoice = "2021004100000003" // dev2, in review
	rolesCoupon  = "2021004100000005" // dev1, listed, its modification approved (below)
	rolesSelf    = "2021004100000006" // both, in review, 1.1.0 审核中, submitted by both
)

// TestEveryCommandForEveryRole runs each command that acts or reads as a
// user, as each kind of user: the owning developer, another developer, a
// reviewer, a consumer, and a reviewer who submitted it. Refusals exit 4
// and name the rule; nothing refused changes a byte of the database; the
// permitted cells succeed (each on its own copy of the database).
func TestEveryCommandForEveryRole(t *testing.T) {
	t.Parallel()
	base := newCLI(t)
	base.ok("demo")
	base.ok("user", "add", "both", "--role", "developer,reviewer")
	as := func(user string, args ...string) []string { return append([]string{"--as", user}, args...) }
	for _, args := range [][]string{
		as("dev1", "version", "add", rolesPlate, "1.1.0"),
		as("dev1", "version", "submit", rolesPlate, "1.1.0"),
		as("both", "plugin", "create", rolesSelf, "--name", "自审插件"),
		as("both", "version", "add", rolesSelf, "1.0.0"),
		as("both", "version", "submit", rolesSelf, "1.0.0"),
		as("reviewer1", "version", "approve", rolesSelf, "1.0.0"),
		as("both", "version", "online", rolesSelf, "1.0.0"),
		as("both", "version", "add", rolesSelf, "1.1.0"),
		as("both", "version", "submit", rolesSelf, "1.1.0"),
		as("both", "draft", "sample", rolesSelf),
		as("both", "submit", rolesSelf),
	} {
		base.ok(args...)
	}
	base.ok(as("reviewer1", "review", "approve", latestSubmission(t, base, rolesCoupon))...)
	invoiceSub := latestSubmission(t, base, rolesInvoice)
	selfSub := latestSubmission(t, base, rolesSelf)
	// reviewer1 holds a claim on dev2's submission, which reviewer1 may
	// give up (a claim lapses after 2 hours, far longer than this test).
	base.ok(as("reviewer1", "review", "claim", invoiceSub)...)
	draftFile := writeFile(t, t.TempDir(), "draft.json", base.ok(as("dev1", "draft", "show", rolesPlate)...))

	const (
		owner    = "owner"
		otherDev = "other developer"
		reviewer = "reviewer"
		buyer    = "consumer"
		self     = "reviewer who submitted it"
	)
	// Who plays each part for a plugin of dev1 / of dev2 / of both.
	users := map[string]map[string]string{
		"dev1": {owner: "dev1", otherDev: "dev2", reviewer: "reviewer1", buyer: "buyer1"},
		"dev2": {owner: "dev2", otherDev: "dev1", reviewer: "reviewer1", buyer: "buyer1"},
		"both": {owner: "both", otherDev: "dev1", reviewer: "reviewer1", buyer: "buyer1", self: "both"},
	}
	rule := workflowtest.Rules // what a refusal must name
	type cell struct {
		rule string // "" when the part may do it
	}
	ok := cell{}
	no := func(rule string) cell { return cell{rule: rule} }
	cases := []struct {
		name  string
		owner string // whose plugin
		args  []string
		cells map[string]cell
	}{
		{"plugin create", "dev1", []string{"plugin", "create", "2021004100000099", "--name", "新插件"},
			map[string]cell{owner: ok, otherDev: ok, reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"plugin list", "dev1", []string{"plugin", "list"},
			map[string]cell{owner: ok, reviewer: ok, buyer: no(rule.List)}},
		{"version add", "dev1", []string{"version", "add", rolesPlate, "2.0.0"},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"version list", "dev1", []string{"version", "list", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Read), reviewer: ok, buyer: no(rule.Read)}},
		{"version withdraw", "dev1", []string{"version", "withdraw", rolesPlate, "1.1.0"},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"version approve", "dev1", []string{"version", "approve", rolesPlate, "1.1.0"},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"version reject", "dev1", []string{"version", "reject", rolesPlate, "1.1.0", "--reason", "崩溃"},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"version approve of one's own", "both", []string{"version", "approve", rolesSelf, "1.1.0"},
			map[string]cell{self: no(rule.Self), reviewer: ok}},
		{"version offline", "dev1", []string{"version", "offline", rolesPlate, "1.0.0"},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"draft show", "dev1", []string{"draft", "show", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Read), reviewer: ok, buyer: no(rule.Read)}},
		{"draft set", "dev1", []string{"draft", "set", rolesPlate, "--file", draftFile},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"draft sample", "dev1", []string{"draft", "sample", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Read), reviewer: no(rule.Developer), buyer: no(rule.Read)}},
		{"submit", "dev1", []string{"submit", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"withdraw", "dev2", []string{"withdraw", rolesInvoice},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"submissions", "dev1", []string{"submissions", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Read), reviewer: ok, buyer: no(rule.Read)}},
		{"review list", "dev1", []string{"review", "list"},
			map[string]cell{owner: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review approve", "dev2", []string{"review", "approve", invoiceSub},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review reject", "dev2", []string{"review", "reject", invoiceSub, "--reason", "描述不完整"},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review reject with notes", "dev2", []string{"review", "reject", invoiceSub, "--reason", "描述不完整", "--note", "info.title=标题太泛"},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review claim", "dev2", []string{"review", "claim", invoiceSub},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review unclaim", "dev2", []string{"review", "unclaim", invoiceSub},
			map[string]cell{owner: no(rule.Reviewer), otherDev: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review claim of one's own", "both", []string{"review", "claim", selfSub},
			map[string]cell{self: no(rule.Self), reviewer: ok}},
		{"review list --mine", "dev1", []string{"review", "list", "--mine", "--unclaimed", "--overdue"},
			map[string]cell{owner: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review stats", "dev1", []string{"review", "stats"},
			map[string]cell{owner: no(rule.Reviewer), reviewer: ok, buyer: no(rule.Reviewer)}},
		{"review approve of one's own", "both", []string{"review", "approve", selfSub},
			map[string]cell{self: no(rule.Self), otherDev: no(rule.Reviewer), reviewer: ok}},
		{"review reject of one's own", "both", []string{"review", "reject", selfSub, "--reason", "自己驳回"},
			map[string]cell{self: no(rule.Self), reviewer: ok}},
		{"release", "dev1", []string{"release", rolesCoupon},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"hide", "dev1", []string{"hide", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"show", "dev1", []string{"show", rolesPoints},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"market order", "dev1", []string{"market", "order", rolesCoupon},
			map[string]cell{owner: no(rule.Consumer), otherDev: no(rule.Consumer), reviewer: no(rule.Consumer), buyer: ok}},
		{"market order of an enterprise-only plugin", "dev1", []string{"market", "order", rolesPoints},
			map[string]cell{buyer: no(rule.BuyerKind)}},
		// Orders (issue 15): the demo's order 1 is buyer1's of the plate
		// plugin (已通过), order 2 buyer2's of the coupon plugin (申请中).
		{"orders", "dev1", []string{"orders", rolesCoupon, "--state", "pending"},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: ok, buyer: no(rule.Owner)}},
		{"order approve", "dev1", []string{"order", "approve", "2"},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"order refuse", "dev1", []string{"order", "refuse", "2", "--reason", "资质不全"},
			map[string]cell{owner: ok, otherDev: no(rule.Owner), reviewer: no(rule.Developer), buyer: no(rule.Developer)}},
		{"order cancel", "dev1", []string{"order", "cancel", "1"},
			map[string]cell{owner: no("only the buyer of order"), otherDev: no("only the buyer of order"), reviewer: no("only the buyer of order"), buyer: ok}},
		{"app add", "dev1", []string{"app", "add", "2088000000000042", "--name", "新小程序"},
			map[string]cell{owner: no("registering a mini program needs the consumer role"), reviewer: no("registering a mini program needs the consumer role"), buyer: ok}},
		{"app list", "dev1", []string{"app", "list"},
			map[string]cell{owner: ok, reviewer: ok, buyer: ok}},
		{"market orders", "dev1", []string{"market", "orders"},
			map[string]cell{owner: ok, reviewer: ok, buyer: ok}},
		{"log", "dev1", []string{"log", rolesPlate},
			map[string]cell{owner: ok, otherDev: no(rule.Read), reviewer: ok, buyer: no(rule.Read)}},
	}

	// Refusals share the base database, which none of them may change; they
	// run side by side, as refusals from several terminals would.
	before := testfs.State(t, base.db())
	t.Run("refused", func(t *testing.T) {
		for _, c := range cases {
			for part, want := range c.cells {
				if want.rule == "" {
					continue
				}
				user := users[c.owner][part]
				t.Run(c.name+"/"+part, func(t *testing.T) {
					t.Parallel()
					errOut := (&cli{t: t, env: base.env}).fails(exitForbidden, as(user, c.args...)...)
					mustContain(t, c.name+" as the "+part+" ("+user+")", errOut, want.rule)
					if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
						t.Errorf("%s as %s: want one line, got:\n%s", c.name, user, errOut)
					}
				})
			}
		}
		// Nobody unknown does anything either (workflow's TestRoleMatrix
		// tries every action; here one of each kind of command).
		for _, c := range cases {
			switch c.name {
			case "plugin list", "draft set", "review approve", "hide", "market order":
			default:
				continue
			}
			t.Run(c.name+"/unknown user", func(t *testing.T) {
				t.Parallel()
				errOut := (&cli{t: t, env: base.env}).fails(exitNotFound, as("ghost", c.args...)...)
				mustContain(t, c.name+" as an unknown user", errOut, `user "ghost" does not exist`)
			})
		}
	})
	if testfs.State(t, base.db()) != before {
		t.Error("a refused command changed the database")
	}

	// What is permitted works, each on a copy of the base database.
	for _, c := range cases {
		for part, want := range c.cells {
			if want.rule != "" {
				continue
			}
			user := users[c.owner][part]
			t.Run(c.name+"/"+part, func(t *testing.T) {
				t.Parallel()
				cp := &cli{t: t, env: testEnv(t)}
				copyFile(t, base.db(), cp.db())
				cp.ok(as(user, c.args...)...)
			})
		}
	}
}

// latestSubmission is the id of a plugin's newest submission.
func latestSubmission(t *testing.T, c *cli, plugin string) string {
	t.Helper()
	var subs []struct{ ID int64 }
	c.json(&subs, "--as", "reviewer1", "submissions", plugin)
	if len(subs) == 0 {
		t.Fatalf("plugin %s has no submission", plugin)
	}
	return strconv.FormatInt(subs[0].ID, 10)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	if _, err := os.Stat(from + "-wal"); err == nil {
		t.Fatalf("%s has a -wal file; copying the main file alone would lose data", from)
	}
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
