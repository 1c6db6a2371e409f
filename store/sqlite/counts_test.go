package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"plugpub/workflow"
)

// DataVersion must move when another connection, or another Store on the
// same file (another terminal), commits; and stay put otherwise.
func TestDataVersionSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "plugpub.db")
	a, b := openAt(t, path), openAt(t, path)
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
