package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"plugpub/workflow"
)

// Orders for a mini program (SQLite schema 8, PostgreSQL schema 2): the
// reads both engines answer with the same SQL, and the pieces of their
// writers and transactions that are the same.

// AppCols are the columns ScanApp reads.
const AppCols = "app_id, name, owner, created_at"

// ScanApp reads AppCols.
func ScanApp(sc Scanner) (workflow.App, error) {
	var a workflow.App
	var at int64
	err := sc.Scan(&a.AppID, &a.Name, &a.Owner, &at)
	a.CreatedAt = FromMS(at)
	return a, err
}

// AppQuery reads one mini program by appId, inside Update.
const AppQuery = "SELECT " + AppCols + " FROM apps WHERE app_id = ?"

// OrderByIDQuery reads one order of a plugin by id, inside Update.
const OrderByIDQuery = "SELECT " + OrderCols + " FROM orders WHERE id = ? AND plugin_id = ?"

// LiveOrderQuery reads the newest pending or approved order of plugin for
// appID, or for consumer's order with no mini program when appID is "".
func LiveOrderQuery(plugin, consumer, appID string) (string, []any) {
	if appID == "" {
		return "SELECT " + OrderCols + " FROM orders WHERE plugin_id = ? AND consumer = ? AND app_id IS NULL AND state = 'approved' ORDER BY id DESC LIMIT 1",
			[]any{plugin, consumer}
	}
	return "SELECT " + OrderCols + " FROM orders WHERE plugin_id = ? AND app_id = ? AND state IN ('pending', 'approved') ORDER BY id DESC LIMIT 1",
		[]any{plugin, appID}
}

// NewOrderID is the id of the order a change inserts, for its event's key.
func NewOrderID(orders []workflow.Order) (int64, error) {
	for i := len(orders) - 1; i >= 0; i-- {
		if orders[i].Rev == 0 && orders[i].ID != 0 {
			return orders[i].ID, nil
		}
	}
	return 0, errors.New("an event about a new order, but the change makes none")
}

// NullApp is an order's app_id column: NULL for an order made before mini
// programs.
func NullApp(appID string) any {
	if appID == "" {
		return nil
	}
	return appID
}

// UpdateOrder is the compare-and-set of an order row; OrderLookup names who
// changed it last.
const (
	UpdateOrder = "UPDATE orders SET state = ?, reason = ?, updated_by = ?, updated_at = ?, rev = rev + 1 WHERE id = ? AND rev = ?"
	OrderLookup = "SELECT updated_by, updated_at FROM orders WHERE id = ?"
)

// InsertOrder inserts an order with the title of the listing of its
// submission (so that its list needs no snapshot), or nothing when a live
// order of the same app (or buyer) holds the place; it returns the id.
const InsertOrder = `INSERT INTO orders (plugin_id, consumer, submission_id, at, title, app_id, state, reason, rev, updated_by, updated_at, pos)
	SELECT ?, ?, ?, ?, title, ?, ?, ?, 1, ?, ?, ` + NextOrderPos + ` FROM listings WHERE plugin_id = ? AND submission_id = ?
	ON CONFLICT DO NOTHING RETURNING id`

// NextOrderPos is the pos of a plugin's next order (its one argument):
// one past its last. The writes of a plugin are one at a time (SQLite's
// one writer; PostgreSQL's Update holds the plugin's lock), so no two
// orders take the same.
const NextOrderPos = "(SELECT coalesce(max(pos), 0) + 1 FROM orders WHERE plugin_id = ?)"

// InsertOrderArgs are InsertOrder's arguments for o, stamped by and upd.
func InsertOrderArgs(o *workflow.Order, at int64, by string, upd int64) []any {
	return []any{o.PluginID, o.Consumer, o.SubmissionID, at, NullApp(o.AppID), string(o.State), o.Reason, by, upd, o.PluginID,
		o.PluginID, o.SubmissionID}
}

// OrderRefused says why InsertOrder inserted nothing: the listing of the
// submission is gone (listed false), or the place is taken.
func OrderRefused(o *workflow.Order, listed bool) error {
	switch {
	case !listed:
		return workflow.NotFound("plugin %s has no listing of submission %d to order", o.PluginID, o.SubmissionID)
	case o.AppID == "":
		return workflow.Illegal("%s already ordered plugin %s", o.Consumer, o.PluginID)
	}
	return workflow.Illegal("mini program %s already has a live order of plugin %s", o.AppID, o.PluginID)
}

// PutApp registers a mini program.
func (r Reads) PutApp(ctx context.Context, a workflow.App) error {
	return r.Retry(ctx, func() error {
		n, err := r.Conn.Exec(ctx, "INSERT INTO apps (app_id, name, owner, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (app_id) DO NOTHING",
			a.AppID, a.Name, a.Owner, MS(a.CreatedAt))
		if err == nil && n == 0 {
			return workflow.Invalid("mini program %s is registered already", a.AppID)
		}
		return r.Wrap("registering mini program "+a.AppID, err)
	})
}

// Apps lists an owner's mini programs by appId.
func (r Reads) Apps(ctx context.Context, owner string) ([]workflow.App, error) {
	as, err := List(ctx, r.Conn, ScanApp, "SELECT "+AppCols+" FROM apps WHERE owner = ? ORDER BY app_id", owner)
	return as, r.Wrap("listing the mini programs of "+owner, err)
}

// Order is one order by id.
func (r Reads) Order(ctx context.Context, id int64) (workflow.Order, error) {
	o, ok, err := One(ctx, r.Conn, ScanOrder, "SELECT "+OrderCols+" FROM orders WHERE id = ?", id)
	return found(r, o, ok, err, fmt.Sprintf("reading order %d", id), workflow.NotFound("order %d does not exist", id))
}

// Orders lists a consumer's orders, newest first.
func (r Reads) Orders(ctx context.Context, consumer string, p workflow.Page) ([]workflow.Order, error) {
	p = p.Clamp()
	orders, err := List(ctx, r.Conn, ScanOrder, "SELECT "+OrderCols+` FROM orders WHERE consumer = ?
		ORDER BY id DESC LIMIT ? OFFSET ?`, consumer, p.Limit, p.Offset)
	return orders, r.Wrap("listing the orders of "+consumer, err)
}

// OrderLines lists a consumer's orders, newest first, each with the title
// and version of the submission ordered.
func (r Reads) OrderLines(ctx context.Context, consumer string, p workflow.Page) ([]workflow.OrderLine, error) {
	p = p.Clamp()
	ls, err := List(ctx, r.Conn, func(sc Scanner) (workflow.OrderLine, error) {
		var o workflow.OrderLine
		var at int64
		if err := sc.Scan(&o.ID, &o.PluginID, &o.Consumer, &o.SubmissionID, &at, &o.Version, &o.Title); err != nil {
			return o, err
		}
		o.At = FromMS(at)
		return o, nil
	}, `SELECT o.id, o.plugin_id, o.consumer, o.submission_id, o.at, s.version, o.title
		FROM orders o JOIN submissions s ON s.id = o.submission_id
		WHERE o.consumer = ? ORDER BY o.id DESC LIMIT ? OFFSET ?`, consumer, p.Limit, p.Offset)
	return ls, r.Wrap("listing the orders of "+consumer, err)
}

// orderRowCols are an order with what 使用者管理 shows beside it.
const orderRowCols = "o.id, o.plugin_id, o.consumer, o.submission_id, o.at, coalesce(o.app_id, ''), o.state, o.reason, o.rev, o.updated_by, o.updated_at, " +
	"u.buyer, coalesce(a.name, ''), o.title, s.version"

const orderRowFrom = " FROM orders o JOIN users u ON u.name = o.consumer JOIN submissions s ON s.id = o.submission_id LEFT JOIN apps a ON a.app_id = o.app_id "

func scanOrderRow(sc Scanner) (workflow.OrderRow, error) {
	var r workflow.OrderRow
	var at, upd int64
	var st, buyer string
	err := sc.Scan(&r.ID, &r.PluginID, &r.Consumer, &r.SubmissionID, &at, &r.AppID, &st, &r.Reason, &r.Rev, &r.UpdatedBy, &upd,
		&buyer, &r.AppName, &r.Title, &r.Version)
	r.At, r.UpdatedAt, r.State, r.BuyerKind = FromMS(at), FromMS(upd), workflow.OrderState(st), workflow.Buyer(buyer)
	return r, err
}

// orderStateCond is the WHERE clause of an order state at cutoff: a
// pending order made before cutoff is expired.
func orderStateCond(st workflow.OrderState, cutoff time.Time) (string, []any) {
	switch st {
	case "":
		return "", nil
	case workflow.OrderPending:
		return " AND o.state = 'pending' AND o.at > ?", []any{MS(cutoff)}
	}
	return " AND o.state = ?", []any{string(st)}
}

// PluginOrders lists a plugin's orders matching q, newest first.
func (r Reads) PluginOrders(ctx context.Context, pluginID string, q workflow.OrderQuery, p workflow.Page) ([]workflow.OrderRow, error) {
	p = p.Clamp()
	// The page's ids first, from an index alone, then their rows: a deep
	// page skips index entries, not joined rows.
	ids, args, order := "", []any(nil), "o.id DESC"
	switch q.State {
	case "":
		// Every order: a seek to the page's places (pos counts the
		// plugin's orders, newest last), however deep.
		ids = `SELECT id FROM orders WHERE plugin_id = ? AND pos <= (SELECT coalesce(max(pos), 0) FROM orders WHERE plugin_id = ?) - ?
			ORDER BY pos DESC LIMIT ?`
		args = []any{pluginID, pluginID, p.Offset, p.Limit}
	case workflow.OrderExpired:
		// 已超时 is one range of orders_plugin_open, newest first by when
		// made (which is id order but for a clock set back): the pending
		// and expired orders made before the cutoff — an order marked
		// expired was made before an earlier one.
		ids = `SELECT o.id FROM orders o WHERE o.plugin_id = ? AND o.state IN ('pending', 'expired') AND o.at <= ?
			ORDER BY o.at DESC, o.id DESC LIMIT ? OFFSET ?`
		args, order = []any{pluginID, MS(q.Cutoff), p.Limit, p.Offset}, "o.at DESC, o.id DESC"
	default:
		cond, more := orderStateCond(q.State, q.Cutoff)
		ids = "SELECT o.id FROM orders o WHERE o.plugin_id = ?" + cond + " ORDER BY id DESC LIMIT ? OFFSET ?"
		args = append(append([]any{pluginID}, more...), p.Limit, p.Offset)
	}
	rs, err := List(ctx, r.Conn, scanOrderRow, "SELECT "+orderRowCols+orderRowFrom+
		"WHERE o.id IN (SELECT id FROM ("+ids+") page) ORDER BY "+order, args...)
	return rs, r.Wrap("listing the orders of plugin "+pluginID, err)
}

// CountOrders counts a plugin's orders per state at cutoff.
func (r Reads) CountOrders(ctx context.Context, pluginID string, cutoff time.Time) (map[workflow.OrderState]int, error) {
	n := map[workflow.OrderState]int{}
	err := r.Conn.Each(ctx, `SELECT CASE WHEN state = 'pending' AND at <= ? THEN 'expired' ELSE state END AS st, count(*)
		FROM orders WHERE plugin_id = ? GROUP BY 1`, []any{MS(cutoff), pluginID}, func(sc Scanner) error {
		var st string
		var c int
		err := sc.Scan(&st, &c)
		n[workflow.OrderState(st)] += c
		return err
	})
	return n, r.Wrap("counting the orders of plugin "+pluginID, err)
}

// ConsumerOrders lists a consumer's orders, of one plugin or of every
// plugin when pluginID is "", newest first.
func (r Reads) ConsumerOrders(ctx context.Context, consumer, pluginID string, p workflow.Page) ([]workflow.OrderRow, error) {
	p = p.Clamp()
	q, args := "WHERE o.consumer = ?", []any{consumer}
	if pluginID != "" {
		q, args = q+" AND o.plugin_id = ?", append(args, pluginID)
	}
	rs, err := List(ctx, r.Conn, scanOrderRow, "SELECT "+orderRowCols+orderRowFrom+q+" ORDER BY o.id DESC LIMIT ? OFFSET ?",
		append(args, p.Limit, p.Offset)...)
	return rs, r.Wrap("listing the orders of "+consumer, err)
}

// LiveOrderCounts counts the live orders of each plugin at cutoff: approved
// ones and pending ones made after it.
func (r Reads) LiveOrderCounts(ctx context.Context, pluginIDs []string, cutoff time.Time) (map[string]int, error) {
	n := map[string]int{}
	for _, pid := range pluginIDs {
		c, err := Count(ctx, r.Conn, `SELECT (SELECT count(*) FROM orders WHERE plugin_id = ? AND state = 'approved')
			+ (SELECT count(*) FROM orders WHERE plugin_id = ? AND state = 'pending' AND at > ?)`, pid, pid, MS(cutoff))
		if err != nil {
			return nil, r.Wrap("counting the live orders of plugin "+pid, err)
		}
		if c > 0 {
			n[pid] = c
		}
	}
	return n, nil
}

// AppsUsing counts the mini programs with an approved order of a plugin.
func (r Reads) AppsUsing(ctx context.Context, pluginID string) (int, error) {
	c, err := Count(ctx, r.Conn, "SELECT count(*) FROM orders WHERE plugin_id = ? AND state = 'approved' AND app_id IS NOT NULL", pluginID)
	return c, r.Wrap("counting the mini programs using plugin "+pluginID, err)
}

// FillEventKey gives an event about the new submission or a new order
// (Key "") the id the database assigned it.
func FillEventKey(e *workflow.Event, newSub *workflow.Submission, orders []workflow.Order) error {
	if e.Key != "" {
		return nil
	}
	switch e.Entity {
	case workflow.EntitySubmission:
		if newSub == nil {
			return errors.New("an event about a new submission, but the change makes none")
		}
		e.Key = strconv.FormatInt(newSub.ID, 10)
	case workflow.EntityOrder:
		id, err := NewOrderID(orders)
		if err != nil {
			return err
		}
		e.Key = strconv.FormatInt(id, 10)
	}
	return nil
}
