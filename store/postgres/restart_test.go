package postgres_test

import (
	"context"
	"testing"
	"time"

	"plugpub/store/pgtest"
	"plugpub/workflow"
)

// TestServerRestart: the server restarts under an open store. Changes
// after it go through, the watcher reports the loss or reconnects and
// moves DataVersion so a console reloads, and commits from another store
// keep moving it.
func TestServerRestart(t *testing.T) {
	c := pgtest.Own(t)
	addr := c.NewDB(t)
	ctx := context.Background()
	st := openAt(t, addr)
	svc := workflow.NewService(st, time.Now)
	if _, err := svc.AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	v0, err := st.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Restart(); err != nil {
		t.Fatal(err)
	}
	// Reported done only if it committed: it must be there after.
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := svc.CreatePlugin(ctx, "dev1", "2021004100000001", "车牌识别")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no change went through after the restart: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := st.Plugin(ctx, "2021004100000001"); err != nil {
		t.Fatalf("a change reported done is not there: %v", err)
	}
	moved := func(from int64) int64 {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			v, err := st.DataVersion(ctx)
			if err == nil && v != from {
				return v
			}
			if time.Now().After(deadline) {
				t.Fatalf("DataVersion stayed at %d (last error %v)", from, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	v1 := moved(v0)
	if _, err := workflow.NewService(openAt(t, addr), time.Now).CreatePlugin(ctx, "dev1", "2021004100000002", "会员积分"); err != nil {
		t.Fatal(err)
	}
	moved(v1)
}
