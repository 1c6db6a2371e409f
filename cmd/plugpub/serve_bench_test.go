package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/benchsum/figure"
	"plugpub/cmd/internal/sshserve"
	"plugpub/store"
)

// BenchmarkServePluginList is plugpub plugin list --json over SSH from an
// in-process x/crypto client (connect, authenticate, run, read), against
// the server in-process on the small demo database. The baseline is the
// same command run by the local binary as a person would.
func BenchmarkServePluginList(b *testing.B) {
	db := benchSmall(b)
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	key, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var errb bytes.Buffer
	if code := execute(ctx, []string{"--db", db, "user", "key", "add", "dev1", string(gossh.MarshalAuthorizedKey(key.PublicKey()))}, nil, io.Discard, &errb); code != 0 {
		b.Fatalf("user key add: %d %s", code, errb.String())
	}
	st, err := store.Open(ctx, db)
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
	ln, err := srv.Listen()
	if err != nil {
		b.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Shutdown(ctx)
	cfg := &gossh.ClientConfig{User: "dev1", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
	overSSH := func(int) {
		c, err := gossh.Dial("tcp", ln.Addr().String(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		out, err := s.Output("plugin list --json")
		if err != nil || !strings.Contains(string(out), `"2021004100000001"`) {
			b.Fatalf("over ssh: %v %s", err, out)
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
