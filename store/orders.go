package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// Orders for a mini program (schema 8): the reads inside Update, the
// writer of order rows, and the lists of 使用者管理 and 我的订购.

func (t *txn) LiveOrder(consumer, appID string) (workflow.Order, bool, error) {
	q := "SELECT " + orderCols + " FROM orders WHERE plugin_id = ? AND app_id = ? AND state IN ('pending', 'approved') ORDER BY id DESC LIMIT 1"
	args := []any{t.plugin, appID}
	if appID == "" {
		q = "SELECT " + orderCols + " FROM orders WHERE plugin_id = ? AND consumer = ? AND app_id IS NULL AND state = 'approved' ORDER BY id DESC LIMIT 1"
		args = []any{t.plugin, consumer}
	}
	o, ok, err := one(t.ctx, t.q, scanOrder, q, args...)
	return o, ok, t.wrap(fmt.Sprintf("reading the live order of %s %s for plugin %s", consumer, appID, t.plugin), err)
}

func (t *txn) OrderByID(id int64) (workflow.Order, bool, error) {
	o, ok, err := one(t.ctx, t.q, scanOrder, "SELECT "+orderCols+" FROM orders WHERE id = ? AND plugin_id = ?", id, t.plugin)
	return o, ok, t.wrap(fmt.Sprintf("reading order %d", id), err)
}

func (t *txn) App(appID string) (workflow.App, bool, error) {
	a, ok, err := one(t.ctx, t.q, scanApp, "SELECT "+appCols+" FROM apps WHERE app_id = ?", appID)
	return a, ok, t.wrap("reading mini program "+appID, err)
}

const appCols = "app_id, name, owner, created_at"

func scanApp(sc scanner) (workflow.App, error) {
	var a workflow.App
	var at int64
	err := sc.Scan(&a.AppID, &a.Name, &a.Owner, &at)
	a.CreatedAt = fromMS(at)
	return a, err
}

// newOrderID is the id of the order a change inserts, for its event's key.
func newOrderID(orders []workflow.Order) (int64, error) {
	for i := len(orders) - 1; i >= 0; i-- {
		if orders[i].Rev == 0 && orders[i].ID != 0 {
			return orders[i].ID, nil
		}
	}
	return 0, errors.New("an event about a new order, but the change makes none")
}

func nullApp(appID string) any {
	if appID == "" {
		return nil
	}
	return appID
}

func (w *writer) order(o *workflow.Order) error {
	if o.PluginID == "" {
		o.PluginID = w.plugin
	}
	what := i18n.T("order %s", strconv.FormatInt(o.ID, 10))
	if err := w.own(what, o.PluginID); err != nil {
		return err
	}
	by, upd := w.stamp(o.UpdatedBy, o.UpdatedAt)
	if o.Rev != 0 {
		return w.cas(what, "UPDATE orders SET state = ?, reason = ?, updated_by = ?, updated_at = ?, rev = rev + 1 WHERE id = ? AND rev = ?",
			[]any{string(o.State), o.Reason, by, upd, o.ID, o.Rev}, "SELECT updated_by, updated_at FROM orders WHERE id = ?", o.ID)
	}
	at := o.At
	if at.IsZero() {
		at = w.at
	}
	// The order keeps the title of what was ordered, copied from the
	// listing of that submission, so that its list needs no snapshot.
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO orders (plugin_id, consumer, submission_id, at, title, app_id, state, reason, rev, updated_by, updated_at)
		SELECT ?, ?, ?, ?, title, ?, ?, ?, 1, ?, ? FROM listings WHERE plugin_id = ? AND submission_id = ? RETURNING id`,
		o.PluginID, o.Consumer, o.SubmissionID, ms(at), nullApp(o.AppID), string(o.State), o.Reason, by, upd,
		o.PluginID, o.SubmissionID).Scan(&o.ID)
	if isUnique(err) {
		if o.AppID == "" {
			return workflow.Illegal("%s already ordered plugin %s", o.Consumer, o.PluginID)
		}
		return workflow.Illegal("mini program %s already has a live order of plugin %s", o.AppID, o.PluginID)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.NotFound("plugin %s has no listing of submission %d to order", o.PluginID, o.SubmissionID)
	}
	if err != nil {
		return fmt.Errorf("writing the order of %s for plugin %s: %w", o.Consumer, o.PluginID, err)
	}
	return nil
}

// PutApp registers a mini program.
func (s *Store) PutApp(ctx context.Context, a workflow.App) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO apps (app_id, name, owner, created_at) VALUES (?, ?, ?, ?)",
		a.AppID, a.Name, a.Owner, ms(a.CreatedAt))
	if isUnique(err) {
		return workflow.Invalid("mini program %s is registered already", a.AppID)
	}
	return s.wrap("registering mini program "+a.AppID, err)
}

// Apps lists an owner's mini programs by appId.
func (s *Store) Apps(ctx context.Context, owner string) ([]workflow.App, error) {
	as, err := list(ctx, s.db, scanApp, "SELECT "+appCols+" FROM apps WHERE owner = ? ORDER BY app_id", owner)
	return as, s.wrap("listing the mini programs of "+owner, err)
}

// Order is one order by id.
func (s *Store) Order(ctx context.Context, id int64) (workflow.Order, error) {
	o, ok, err := one(ctx, s.db, scanOrder, "SELECT "+orderCols+" FROM orders WHERE id = ?", id)
	if err == nil && !ok {
		return o, workflow.NotFound("order %d does not exist", id)
	}
	return o, s.wrap(fmt.Sprintf("reading order %d", id), err)
}

// orderRowCols are an order with what 使用者管理 shows beside it.
const orderRowCols = "o.id, o.plugin_id, o.consumer, o.submission_id, o.at, coalesce(o.app_id, ''), o.state, o.reason, o.rev, o.updated_by, o.updated_at, " +
	"u.buyer, coalesce(a.name, ''), o.title, s.version"

const orderRowFrom = " FROM orders o JOIN users u ON u.name = o.consumer JOIN submissions s ON s.id = o.submission_id LEFT JOIN apps a ON a.app_id = o.app_id "

func scanOrderRow(sc scanner) (workflow.OrderRow, error) {
	var r workflow.OrderRow
	var at, upd int64
	var st, buyer string
	err := sc.Scan(&r.ID, &r.PluginID, &r.Consumer, &r.SubmissionID, &at, &r.AppID, &st, &r.Reason, &r.Rev, &r.UpdatedBy, &upd,
		&buyer, &r.AppName, &r.Title, &r.Version)
	r.At, r.UpdatedAt, r.State, r.BuyerKind = fromMS(at), fromMS(upd), workflow.OrderState(st), workflow.Buyer(buyer)
	return r, err
}

// orderStateCond is the WHERE clause of an order state at cutoff: a
// pending order made before cutoff is expired.
func orderStateCond(st workflow.OrderState, cutoff time.Time) (string, []any) {
	switch st {
	case "":
		return "", nil
	case workflow.OrderPending:
		return " AND o.state = 'pending' AND o.at > ?", []any{ms(cutoff)}
	case workflow.OrderExpired:
		return " AND (o.state = 'expired' OR (o.state = 'pending' AND o.at <= ?))", []any{ms(cutoff)}
	}
	return " AND o.state = ?", []any{string(st)}
}

// PluginOrders lists a plugin's orders matching q, newest first.
func (s *Store) PluginOrders(ctx context.Context, pluginID string, q workflow.OrderQuery, p workflow.Page) ([]workflow.OrderRow, error) {
	p = p.Clamp()
	cond, args := orderStateCond(q.State, q.Cutoff)
	rs, err := list(ctx, s.db, scanOrderRow, "SELECT "+orderRowCols+orderRowFrom+"WHERE o.plugin_id = ?"+cond+" ORDER BY o.id DESC LIMIT ? OFFSET ?",
		append(append([]any{pluginID}, args...), p.Limit, p.Offset)...)
	return rs, s.wrap("listing the orders of plugin "+pluginID, err)
}

// CountOrders counts a plugin's orders per state at cutoff.
func (s *Store) CountOrders(ctx context.Context, pluginID string, cutoff time.Time) (map[workflow.OrderState]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT CASE WHEN state = 'pending' AND at <= ? THEN 'expired' ELSE state END AS st,
		count(*) FROM orders WHERE plugin_id = ? GROUP BY st`, ms(cutoff), pluginID)
	if err != nil {
		return nil, s.wrap("counting the orders of plugin "+pluginID, err)
	}
	defer rows.Close()
	n := map[workflow.OrderState]int{}
	for rows.Next() {
		var st string
		var c int
		if err := rows.Scan(&st, &c); err != nil {
			return nil, s.wrap("counting the orders of plugin "+pluginID, err)
		}
		n[workflow.OrderState(st)] = c
	}
	return n, s.wrap("counting the orders of plugin "+pluginID, rows.Err())
}

// ConsumerOrders lists a consumer's orders, of one plugin or of every
// plugin when pluginID is "", newest first.
func (s *Store) ConsumerOrders(ctx context.Context, consumer, pluginID string, p workflow.Page) ([]workflow.OrderRow, error) {
	p = p.Clamp()
	q, args := "WHERE o.consumer = ?", []any{consumer}
	if pluginID != "" {
		q, args = q+" AND o.plugin_id = ?", append(args, pluginID)
	}
	rs, err := list(ctx, s.db, scanOrderRow, "SELECT "+orderRowCols+orderRowFrom+q+" ORDER BY o.id DESC LIMIT ? OFFSET ?",
		append(args, p.Limit, p.Offset)...)
	return rs, s.wrap("listing the orders of "+consumer, err)
}

// LiveOrderCounts counts the live orders of each plugin at cutoff.
func (s *Store) LiveOrderCounts(ctx context.Context, pluginIDs []string, cutoff time.Time) (map[string]int, error) {
	n := map[string]int{}
	for _, pid := range pluginIDs {
		var c int
		err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM orders WHERE plugin_id = ? AND state = 'approved')
			+ (SELECT count(*) FROM orders WHERE plugin_id = ? AND state = 'pending' AND at > ?)`, pid, pid, ms(cutoff)).Scan(&c)
		if err != nil {
			return nil, s.wrap("counting the live orders of plugin "+pid, err)
		}
		if c > 0 {
			n[pid] = c
		}
	}
	return n, nil
}

// AppsUsing counts the mini programs with an approved order of a plugin.
func (s *Store) AppsUsing(ctx context.Context, pluginID string) (int, error) {
	var c int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM orders WHERE plugin_id = ? AND state = 'approved' AND app_id IS NOT NULL", pluginID).Scan(&c)
	return c, s.wrap("counting the mini programs using plugin "+pluginID, err)
}
