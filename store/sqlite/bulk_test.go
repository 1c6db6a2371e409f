package sqlite

import (
	"context"
	"testing"
	"time"

	"plugpub/workflow"
)

// TestBulkIsAllOrNothing: a bulk load is one transaction, and the schema
// checks its rows as it checks any: one bad row and nothing is written.
func TestBulkIsAllOrNothing(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	load := func(major int) error {
		return st.Bulk(ctx, func(b *Bulk) error {
			if err := b.User(workflow.User{Name: "dev9", Roles: []workflow.Role{workflow.RoleDeveloper}}); err != nil {
				return err
			}
			if err := b.Plugin(workflow.Plugin{ID: pid, Name: "车牌识别", Owner: "dev9", CreatedAt: at, Rev: 3, UpdatedBy: "dev9", UpdatedAt: at}); err != nil {
				return err
			}
			return b.Version(workflow.Version{PluginID: pid, SemVer: workflow.SemVer{Major: major}, State: workflow.VersionDev,
				CreatedAt: at, Rev: 1, UpdatedBy: "dev9", UpdatedAt: at})
		})
	}
	if err := load(1000); err == nil {
		t.Fatal("a version 1000.0.0 was written")
	}
	if _, err := st.Plugin(ctx, pid); workflow.KindOf(err) != workflow.KindNotFound {
		t.Fatalf("after the failed load the plugin is there: %v", err)
	}
	if err := load(1); err != nil {
		t.Fatal(err)
	}
	p, err := st.Plugin(ctx, pid)
	if err != nil || p.Rev != 3 || !p.CreatedAt.Equal(at) {
		t.Fatalf("plugin %+v, %v", p, err)
	}
}
