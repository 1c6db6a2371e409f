package store

import (
	"context"
	"path/filepath"
	"testing"

	"plugpub/workflow"
)

func TestCountsMatchTheLists(t *testing.T) {
	f := newFlow(t)
	ctx := f.ctx
	for _, id := range []string{"2021004100000001", "2021004100000002", "2021004100000003"} {
		if _, err := f.svc.CreatePlugin(ctx, "dev1", id, "车牌"+id[15:]); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		owner, filter string
		want          int
	}{{"", "", 3}, {"dev1", "", 3}, {"rev1", "", 0}, {"", "车牌2", 1}, {"", "0000000", 3}, {"", "%", 0}}
	for _, c := range cases {
		n, err := f.st.CountPlugins(ctx, c.owner, c.filter)
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.st.Plugins(ctx, c.owner, c.filter, workflow.Page{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if n != c.want || len(list) != c.want {
			t.Errorf("owner %q filter %q: count %d, list %d, want %d", c.owner, c.filter, n, len(list), c.want)
		}
	}
	if n, err := f.st.CountEvents(ctx, "2021004100000001"); err != nil || n != 1 {
		t.Errorf("events of a new plugin: %d, %v; want 1", n, err)
	}
	if n, err := f.st.CountReviewQueue(ctx, ""); err != nil || n != 0 {
		t.Errorf("review queue: %d, %v; want 0", n, err)
	}
}

// DataVersion must move when another connection, or another Store on the
// same file (another terminal), commits; and stay put otherwise.
func TestDataVersionSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plugpub.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v1, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := a.DataVersion(ctx); v != v1 {
		t.Fatalf("nothing was written, yet the version moved %d → %d", v1, v)
	}
	if _, err := workflow.NewService(b, nil).AddUser(ctx, "dev9", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	v2, _ := a.DataVersion(ctx)
	if v2 == v1 {
		t.Fatal("another store committed, but the version did not move")
	}
	if _, err := workflow.NewService(a, nil).AddUser(ctx, "dev8", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	if v3, _ := a.DataVersion(ctx); v3 == v2 {
		t.Fatal("this store's own pool committed, but the version did not move")
	}
}
