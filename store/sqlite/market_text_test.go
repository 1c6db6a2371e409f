package sqlite

import (
	"testing"

	"plugpub/workflow"
)

// TestOrderKeepsTheOrderedTitle: an order lists the title of the snapshot
// it ordered, even after a newer snapshot is listed under another title.
func TestOrderKeepsTheOrderedTitle(t *testing.T) {
	f := newFlow(t)
	first := f.OnlineRelease(pid, "车牌识别一代")
	_, err := f.Svc.Order(f.Ctx, "buyer1", pid)
	f.must(err)
	f.Release(pid, "车牌识别二代")
	lines, err := f.Svc.OrderLines(f.Ctx, "buyer1", workflow.Page{})
	f.must(err)
	if len(lines) != 1 || lines[0].Title != "车牌识别一代" || lines[0].SubmissionID != first.ID || lines[0].Version != "1.0.0" {
		t.Fatalf("order lines %+v, want one of submission %d titled 车牌识别一代 at 1.0.0", lines, first.ID)
	}
	f.CheckLog()
}

// TestListingNeedsItsMarketText: the store copies what workflow gives it
// and reads no snapshot, so a listing change without the text is refused
// and writes nothing.
func TestListingNeedsItsMarketText(t *testing.T) {
	f := newFlow(t)
	f.OnlineRelease(pid, "车牌识别")
	before, err := f.st.Listing(f.Ctx, pid)
	f.must(err)
	err = f.st.Update(f.Ctx, pid, func(txn workflow.Txn) (workflow.Change, error) {
		l, _, err := txn.Listing()
		l.Visibility = workflow.VisibilityHidden
		return workflow.Change{Listing: &l}, err
	})
	if err == nil {
		t.Fatal("a listing change without its market text was written")
	}
	after, err := f.st.Listing(f.Ctx, pid)
	f.must(err)
	if after != before {
		t.Fatalf("the refused change moved the listing: %+v → %+v", before, after)
	}
	hits, err := f.st.Search(f.Ctx, "车牌", workflow.Page{})
	f.must(err)
	if len(hits) != 1 {
		t.Fatalf("search after the refused change: %v", hits)
	}
}

// TestUpgradeFillsOrderTitles: a schema 5 database, whose orders have no
// title, gets each order's title from its snapshot when it is opened.
func TestUpgradeFillsOrderTitles(t *testing.T) {
	f := newFlow(t)
	f.OnlineRelease(pid, "车牌识别一代")
	_, err := f.Svc.Order(f.Ctx, "buyer1", pid)
	f.must(err)
	f.Release(pid, "车牌识别二代")
	path := f.st.Path()
	for _, q := range []string{"ALTER TABLE orders DROP COLUMN title", "PRAGMA user_version = 5"} {
		_, err := f.st.db.ExecContext(f.Ctx, q)
		f.must(err)
	}
	f.must(f.st.Close())

	st := openAt(t, path)
	if st.SchemaVersion() != SchemaVersion {
		t.Fatalf("schema %d after the upgrade, want %d", st.SchemaVersion(), SchemaVersion)
	}
	lines, err := st.OrderLines(f.Ctx, "buyer1", workflow.Page{})
	f.must(err)
	if len(lines) != 1 || lines[0].Title != "车牌识别一代" {
		t.Fatalf("order lines after the upgrade: %+v", lines)
	}
	f.must(st.IntegrityCheck(f.Ctx))
}
