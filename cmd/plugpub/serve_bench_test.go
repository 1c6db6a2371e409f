package main

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"plugpub/cmd/benchsum/figure"
	"plugpub/cmd/internal/sshserve"
	"plugpub/cmd/internal/sshserve/sshtest"
	"plugpub/store/sqlite"
)

// BenchmarkServePluginList is plugpub plugin list --json over SSH from an
// in-process x/crypto client (connect, authenticate, run, read), against
// the server in-process on the small demo database. The baseline is the
// same command run by the local binary as a person would.
func BenchmarkServePluginList(b *testing.B) {
	db := benchSmall(b)
	key := sshtest.Key(b)
	ctx := context.Background()
	var errb bytes.Buffer
	if code := execute(ctx, []string{"--db", db, "user", "key", "add", "dev1", sshtest.AuthorizedKey(key)}, nil, io.Discard, &errb); code != 0 {
		b.Fatalf("user key add: %d %s", code, errb.String())
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	pem, err := sshserve.HostKey(filepath.Join(b.TempDir(), "hk"))
	if err != nil {
		b.Fatal(err)
	}
	a, _ := newRoot("plugpub", io.Discard, io.Discard)
	srv, err := sshserve.New(sshserve.Options{Listen: "127.0.0.1:0", HostKey: pem, Keys: st, Exec: a.sshExec(st, db, nil)})
	if err != nil {
		b.Fatal(err)
	}
	addr, _ := sshtest.Start(b, srv)
	overSSH := func(int) {
		c := sshtest.Dial(b, addr, "dev1", key)
		defer c.Close()
		if r := sshtest.Run(b, c, "", "plugin list --json"); r.Code != 0 || !strings.Contains(r.Stdout, `"2021004100000001"`) {
			b.Fatalf("over ssh: %+v", r)
		}
	}
	local := func(int) {
		out, err := exec.Command(binPath, "--db", db, "--as", "dev1", "--json", "plugin", "list").Output()
		if err != nil || !strings.Contains(string(out), `"2021004100000001"`) {
			b.Fatalf("local: %v %s", err, out)
		}
	}
	o, t := figure.Interleave(b, overSSH, local)
	figure.Times(b, o, t)
}
