package store

import (
	"context"
	"fmt"

	"plugpub/workflow"
)

// Txn reads one plugin's rows inside an engine's Update transaction (or
// on its pool, for View): workflow.Txn, with the same SQL on every engine.
type Txn struct {
	Ctx      context.Context
	Conn     Conn // the write transaction, or the pool for View
	PluginID string
	// Wrap turns a driver error into the engine's (naming the database).
	Wrap func(op string, err error) error
	// DraftRead is the stored draft as Draft last read it in this
	// transaction, so a snapshot equal to it can be copied row to row.
	DraftRead *workflow.Draft
}

var _ workflow.Txn = (*Txn)(nil)

func (t *Txn) Plugin() (workflow.Plugin, bool, error) {
	p, ok, err := One(t.Ctx, t.Conn, ScanBarePlugin, "SELECT "+PluginCols+" FROM plugins WHERE id = ?", t.PluginID)
	return p, ok, t.Wrap("reading plugin "+t.PluginID, err)
}

func (t *Txn) Versions() ([]workflow.Version, error) {
	vs, err := List(t.Ctx, t.Conn, ScanVersion,
		"SELECT "+VersionCols+" FROM versions WHERE plugin_id = ? ORDER BY major, minor, patch", t.PluginID)
	return vs, t.Wrap("reading the versions of plugin "+t.PluginID, err)
}

func (t *Txn) Open() ([]workflow.Submission, error) {
	subs, err := List(t.Ctx, t.Conn, ScanBareSubmission,
		"SELECT "+SubmissionCols+" FROM submissions WHERE plugin_id = ? AND state IN ('in_review', 'approved', 'listed') ORDER BY id",
		t.PluginID)
	return subs, t.Wrap("reading the open submissions of plugin "+t.PluginID, err)
}

func (t *Txn) Submission(id int64) (workflow.Submission, bool, error) {
	sub, ok, err := One(t.Ctx, t.Conn, ScanFullSubmission,
		"SELECT "+SubmissionCols+", snapshot FROM submissions WHERE id = ? AND plugin_id = ?", id, t.PluginID)
	return sub, ok, t.Wrap(fmt.Sprintf("reading submission %d", id), err)
}

func (t *Txn) Listing() (workflow.Listing, bool, error) {
	l, ok, err := One(t.Ctx, t.Conn, ScanListing, "SELECT "+ListingCols+" FROM listings WHERE plugin_id = ?", t.PluginID)
	return l, ok, t.Wrap("reading the listing of plugin "+t.PluginID, err)
}

// Draft returns the stored draft, or an empty one with Rev 0 and ok=false.
func (t *Txn) Draft() (workflow.StoredDraft, bool, error) {
	d, ok, err := One(t.Ctx, t.Conn, ScanDraft, "SELECT "+DraftCols+" FROM drafts WHERE plugin_id = ?", t.PluginID)
	if err == nil && ok {
		t.DraftRead = new(d.Draft.Clone())
	}
	if err == nil && !ok {
		d = workflow.StoredDraft{PluginID: t.PluginID, Draft: workflow.NewDraft()}
	}
	return d, ok, t.Wrap("reading the draft of plugin "+t.PluginID, err)
}

func (t *Txn) LiveOrder(consumer, appID string) (workflow.Order, bool, error) {
	q, args := LiveOrderQuery(t.PluginID, consumer, appID)
	o, ok, err := One(t.Ctx, t.Conn, ScanOrder, q, args...)
	return o, ok, t.Wrap(fmt.Sprintf("reading the live order of %s %s for plugin %s", consumer, appID, t.PluginID), err)
}

func (t *Txn) OrderByID(id int64) (workflow.Order, bool, error) {
	o, ok, err := One(t.Ctx, t.Conn, ScanOrder, OrderByIDQuery, id, t.PluginID)
	return o, ok, t.Wrap(fmt.Sprintf("reading order %d", id), err)
}

func (t *Txn) App(appID string) (workflow.App, bool, error) {
	a, ok, err := One(t.Ctx, t.Conn, ScanApp, AppQuery, appID)
	return a, ok, t.Wrap("reading mini program "+appID, err)
}

func (t *Txn) User(name string) (workflow.User, bool, error) {
	u, ok, err := One(t.Ctx, t.Conn, ScanUser, "SELECT "+UserCols+" FROM users WHERE name = ?", name)
	return u, ok, t.Wrap("reading user "+name, err)
}
