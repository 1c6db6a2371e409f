package tuitest

import (
	"context"
	"testing"

	"plugpub/cmd/benchsum/figure"
	"plugpub/store/sqlite"
	"plugpub/tui/common"
	"plugpub/workflow"
)

// LargeContext is a screen's context as user on the large database the
// benchmarks read (figure.LargeDB: skipped without it), closed when the
// benchmark ends.
func LargeContext(b *testing.B, user string) *common.Context {
	path := figure.LargeDB(b)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	svc := workflow.NewService(st, nil)
	u, err := svc.User(ctx, user)
	if err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	return &common.Context{Svc: svc, User: u, DBPath: path, Styles: common.NewStyles(), Keys: common.NewGlobalKeys()}
}
