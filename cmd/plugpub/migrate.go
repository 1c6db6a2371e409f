package main

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"plugpub/store/postgres"
	"plugpub/store/sqlite"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

// migrated is what migrate prints.
type migrated struct {
	From   string           `json:"from"`
	To     string           `json:"to"`
	Tables map[string]int64 `json:"tables"`
	Market int64            `json:"market"`
	Events int              `json:"events"`
}

func (a *app) migrateCmd() *cobra.Command {
	var from, to string
	c := &cobra.Command{
		Use:   "migrate --from FILE.db --to postgres://USER@HOST:PORT/DB",
		Short: "Copy an SQLite database into an empty PostgreSQL database",
		Long: `Copy every row of an SQLite plugpub database into an empty PostgreSQL
database, in one transaction: ids, revs and times are kept, so every command
prints the same on both afterwards. Then the row counts are compared and the
event log is replayed against the copied tables. A PostgreSQL database that
holds plugpub data already is refused (exit 5), as demo refuses an existing
file. Progress goes to stderr.`,
		Example: `  plugpub migrate --from ~/.local/share/plugpub/plugpub.db --to postgres://plugpub@db.example.com/plugpub`,
		Args:    argsNamed(),
	}
	c.Flags().StringVar(&from, "from", "", "the SQLite database file to copy")
	c.Flags().StringVar(&to, "to", "", "the PostgreSQL database to copy into (postgres://…)")
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		switch {
		case from == "" || to == "":
			return usagef("migrate needs --from FILE.db and --to postgres://…")
		case !isPostgres(to):
			return usagef("--to must be a PostgreSQL address (postgres://…), got %q", dbName(to))
		case isPostgres(from):
			return usagef("--from must be an SQLite database file, got an address")
		}
		if fi, err := os.Stat(from); err != nil || !fi.Mode().IsRegular() {
			if err == nil || errors.Is(err, fs.ErrNotExist) {
				return workflow.NotFound("there is no database file %s to copy", from)
			}
			return err
		}
		ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
		defer stop()
		m, err := migrate(ctx, from, to, a.errOut())
		if err != nil {
			return err
		}
		return a.print(m, func(w io.Writer) error {
			line(w, "copied %s into %s: %d events replay to the tables", from, m.To, m.Events)
			return nil
		})
	})
	return c
}

// migrate copies from into to and checks the copy; its progress lines go
// to progress, in its language (a speaker's).
func migrate(ctx context.Context, from, to string, progress io.Writer) (migrated, error) {
	m := migrated{From: from, To: dbName(to)}
	// Open brings an older file to the current schema first, as every
	// command does.
	src, err := sqlite.Open(ctx, from)
	if err != nil {
		return m, err
	}
	defer src.Close()
	abs, err := filepath.Abs(from)
	if err != nil {
		return m, err
	}
	raw, err := sql.Open("sqlite", "file:"+(&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return m, err
	}
	defer raw.Close()
	dst, err := postgres.Open(ctx, to)
	if err != nil {
		return m, err
	}
	defer dst.Close()
	start := time.Now()
	// One read transaction, so the copy, and the counts it is checked
	// against, are of one moment of the file.
	read, err := raw.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return m, err
	}
	defer read.Rollback()
	err = dst.CopyIn(ctx, read, func(table string, n int64) {
		line(progress, "plugpub: copied %-11s %8d rows (%s)", table, n, time.Since(start).Round(time.Millisecond))
		if table == "market" {
			m.Market = n
		}
	})
	if errors.Is(err, postgres.ErrNotEmpty) {
		return m, workflow.Illegal("%s holds plugpub data already; migrate copies into an empty database only", m.To)
	}
	if err != nil {
		return m, err
	}
	// Verify: the same number of rows in every table, and the copied log
	// replays to the copied tables, which equal the file's.
	if m.Tables, err = dst.Counts(ctx); err != nil {
		return m, err
	}
	for _, t := range postgres.Tables() {
		var n int64
		if err := read.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return m, err
		}
		if n != m.Tables[t] {
			return m, i18n.Errorf("the copy of %s has %d rows where %s has %d", t, m.Tables[t], from, n)
		}
	}
	evs, err := dst.AllEvents(ctx, 0, 1<<30)
	if err != nil {
		return m, err
	}
	m.Events = len(evs)
	replayed, err := workflow.Replay(evs)
	if err != nil {
		return m, i18n.Errorf("the copied event log does not replay: %w", err)
	}
	copied, err := dst.Facts(ctx)
	if err != nil {
		return m, err
	}
	if d := replayed.DiffText(copied); d != "" {
		return m, i18n.Errorf("the copied event log does not replay to the copied tables: %s", d)
	}
	orig, err := src.Facts(ctx)
	if err != nil {
		return m, err
	}
	if d := orig.DiffText(copied); d != "" {
		return m, i18n.Errorf("the copied tables differ from %s: %s", from, d)
	}
	line(progress, "plugpub: verified: row counts equal, %d events replay to the tables (%s)", m.Events, time.Since(start).Round(time.Millisecond))
	return m, nil
}
