package workflow

import (
	"slices"
	"testing"
)

// The machines are data; these tests pin the rows DESIGN.md names so an
// edit to a table is a deliberate one.
func TestVersionMachine(t *testing.T) {
	checkMachine(t, VersionMachine, []machineCase[VersionState]{
		{VersionDev, ActSubmit, RoleDeveloper, VersionAuditing, true},
		{VersionDev, ActSubmit, RoleReviewer, "", false},
		{VersionAuditing, ActWithdraw, RoleDeveloper, VersionDev, true},
		{VersionAuditing, ActApprove, RoleReviewer, VersionApproved, true},
		{VersionAuditing, ActApprove, RoleDeveloper, "", false},
		{VersionAuditing, ActReject, RoleReviewer, VersionRejected, true},
		{VersionRejected, ActReturn, RoleDeveloper, VersionDev, true},
		{VersionApproved, ActOnline, RoleDeveloper, VersionOnline, true},
		{VersionOnline, ActOffline, RoleDeveloper, VersionOffline, true},
		{VersionOffline, ActOnline, RoleDeveloper, "", false},
		{VersionDev, ActOnline, RoleDeveloper, "", false},
		{VersionApproved, ActApprove, RoleReviewer, "", false},
	})
}

func TestSubmissionMachine(t *testing.T) {
	checkMachine(t, SubmissionMachine, []machineCase[SubmissionState]{
		{SubmissionInReview, ActWithdraw, RoleDeveloper, SubmissionWithdrawn, true},
		{SubmissionInReview, ActApprove, RoleReviewer, SubmissionApproved, true},
		{SubmissionInReview, ActReject, RoleReviewer, SubmissionRejected, true},
		{SubmissionInReview, ActRelease, RoleDeveloper, "", false},
		{SubmissionApproved, ActRelease, RoleDeveloper, SubmissionListed, true},
		{SubmissionApproved, ActWithdraw, RoleDeveloper, "", false},
		{SubmissionRejected, ActApprove, RoleReviewer, "", false},
		{SubmissionWithdrawn, ActRelease, RoleDeveloper, "", false},
		{SubmissionListed, ActRelease, RoleDeveloper, "", false},
		{SubmissionListed, ActSupersede, RoleSystem, SubmissionSuperseded, true},
	})
}

// machineCase is one move asked of a machine: from, by role, act goes to
// to when ok, and is refused otherwise.
type machineCase[S ~string] struct {
	from S
	act  Action
	role Role
	to   S
	ok   bool
}

func checkMachine[S ~string](t *testing.T, machine []Transition[S], cases []machineCase[S]) {
	t.Helper()
	for _, c := range cases {
		to, ok := Next(machine, c.from, c.act, c.role)
		if ok != c.ok || to != c.to {
			t.Errorf("%s --%s/%s--> %q,%v; want %q,%v", c.from, c.act, c.role, to, ok, c.to, c.ok)
		}
	}
}

// TestSubmissionOfferAllowsOnlyLegalOnes: what SubmissionOffer allows on a
// row of 发布管理 is exactly the listed actions. inReview puts another
// submission of the plugin in review; the plugin has an online version, so
// 修改信息 turns on the submissions alone.
func TestSubmissionOfferAllowsOnlyLegalOnes(t *testing.T) {
	dev := User{Name: "dev1", Roles: []Role{RoleDeveloper}}
	other := User{Name: "dev2", Roles: []Role{RoleDeveloper}}
	rev := User{Name: "rev1", Roles: []Role{RoleReviewer}}
	both := User{Name: "dev1", Roles: []Role{RoleDeveloper, RoleReviewer}}
	p := Plugin{ID: "2021004100000001", Owner: "dev1"}
	online := Version{SemVer: SemVer{Major: 1}, State: VersionOnline}
	sub := func(s SubmissionState) Submission {
		return Submission{ID: 1, State: s, SubmittedBy: "dev1", Version: "1.0.0"}
	}
	cases := []struct {
		name     string
		u        User
		s        Submission
		inReview bool
		want     []Action
	}{
		{"owner, in review", dev, sub(SubmissionInReview), true, []Action{ActWithdraw}},
		{"reviewer, in review", rev, sub(SubmissionInReview), true, []Action{ActApprove, ActReject}},
		{"submitter who also reviews cannot review", both, sub(SubmissionInReview), true, []Action{ActWithdraw}},
		{"owner, approved", dev, sub(SubmissionApproved), false, []Action{ActRelease, ActModify}},
		{"owner, listed", dev, sub(SubmissionListed), false, []Action{ActModify}},
		{"owner, listed while another is in review", dev, sub(SubmissionListed), true, nil},
		{"not the owner", other, sub(SubmissionApproved), false, nil},
		{"reviewer, approved", rev, sub(SubmissionApproved), false, nil},
		{"owner, superseded", dev, sub(SubmissionSuperseded), false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := PluginFacts{Plugin: p, Versions: []Version{online}}
			switch {
			case c.s.State == SubmissionInReview:
				f.Open = []Submission{c.s}
			case c.inReview:
				f.Open = []Submission{c.s, {ID: 2, State: SubmissionInReview, SubmittedBy: "dev1", Version: "1.0.0"}}
			case c.s.State != SubmissionSuperseded:
				f.Open = []Submission{c.s}
			}
			if got := SubmissionOffer(c.u, f, c.s).Allowed(); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestVersionOfferAllowsOnlyWhatTheServiceAllows: what VersionOffer allows
// on a row of 版本管理, given all the plugin's versions, is exactly the
// listed actions.
func TestVersionOfferAllowsOnlyWhatTheServiceAllows(t *testing.T) {
	dev := User{Name: "dev1", Roles: []Role{RoleDeveloper}}
	rev := User{Name: "rev1", Roles: []Role{RoleReviewer}}
	both := User{Name: "dev1", Roles: []Role{RoleDeveloper, RoleReviewer}}
	p := Plugin{ID: "2021004100000001", Owner: "dev1"}
	v := func(s string, st VersionState) Version {
		sv, _ := ParseSemVer(s)
		return Version{SemVer: sv, State: st, SubmittedBy: "dev1"}
	}
	cases := []struct {
		name string
		u    User
		v    Version
		all  []Version
		want []Action
	}{
		{"dev version", dev, v("1.1.0", VersionDev), nil, []Action{ActSubmit}},
		{"dev version while another is in review", dev, v("1.2.0", VersionDev), []Version{v("1.1.0", VersionAuditing)}, nil},
		{"auditing, owner", dev, v("1.1.0", VersionAuditing), nil, []Action{ActWithdraw}},
		{"auditing, reviewer", rev, v("1.1.0", VersionAuditing), nil, []Action{ActApprove, ActReject}},
		{"auditing, own submission", both, v("1.1.0", VersionAuditing), nil, []Action{ActWithdraw}},
		{"approved below the online one", dev, v("1.1.0", VersionApproved), []Version{v("1.2.0", VersionOnline)}, nil},
		{"approved", dev, v("1.1.0", VersionApproved), []Version{v("1.0.0", VersionOnline)}, []Action{ActOnline}},
		{"rejected", dev, v("1.1.0", VersionRejected), nil, []Action{ActReturn}},
		{"online", dev, v("1.1.0", VersionOnline), nil, []Action{ActOffline}},
		{"offline", dev, v("1.0.0", VersionOffline), nil, nil},
		{"someone else's plugin", User{Name: "dev2", Roles: []Role{RoleDeveloper}}, v("1.1.0", VersionDev), nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := VersionOffer(c.u, PluginFacts{Plugin: p, Versions: c.all}, c.v).Allowed(); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}
