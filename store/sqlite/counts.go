package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// Counts let a screen size its scrollbar and jump to the last of 100,000
// rows without loading them; each is one indexed COUNT.

// CountPlugins counts what Plugins would list. Filtering all the plugins,
// it counts the plugins whose owner matches, by their owners, and adds
// those whose id or name does, from the plugin filter index, that the
// first count left out; when no owner matches, that is the index's count.
func (s *Store) CountPlugins(ctx context.Context, owner, filter string) (int, error) {
	match, arg, indexed := pluginMatches(filter)
	if owner != "" || !indexed {
		where, args := pluginFilter(owner, filter)
		return s.count(ctx, "counting plugins", "SELECT count(*) FROM plugins p"+where, args...)
	}
	users, pat := ownersMatching(filter)
	return s.count(ctx, "counting plugins", `SELECT
		(SELECT count(*) FROM plugins INDEXED BY plugins_owner WHERE owner IN (`+users+`)) +
		CASE WHEN EXISTS (`+users+`)
			THEN (SELECT count(*) FROM (`+match+`) m JOIN plugins p ON p.id = m.id WHERE p.owner NOT IN (`+users+`))
			ELSE (SELECT count(*) FROM (`+match+`))
		END`, pat, pat, arg, pat, arg)
}

func (s *Store) count(ctx context.Context, op, query string, args ...any) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, s.wrap(op, err)
}

// watcher holds one connection aside for PRAGMA data_version, which moves
// whenever another connection (in this process or any other) commits; a
// pooled connection would not do, as each has its own counter.
type watcher struct {
	mu   sync.Mutex
	conn *sql.Conn
}

// DataVersion returns a number that changes whenever anyone commits to the
// database. Screens poll it to show another terminal's changes.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.watch.mu.Lock()
	defer s.watch.mu.Unlock()
	if s.watch.conn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, s.wrap("watching for changes", err)
		}
		s.watch.conn = c
	}
	var v int64
	err := s.watch.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
	return v, s.wrap("watching for changes", err)
}
