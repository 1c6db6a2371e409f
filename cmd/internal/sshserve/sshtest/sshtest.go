// Package sshtest is what the tests of the SSH server share: keys, a
// server started on 127.0.0.1:0 and stopped when the test ends, a client
// dialled to it, a command run and a terminal opened on it. It does not
// import sshserve, so that package's own tests can use it too.
package sshtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Key is a new ed25519 key to sign with.
func Key(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// AuthorizedKey is k's public key as an authorized_keys line (with its
// newline), as user add --key and user key add take it.
func AuthorizedKey(k gossh.Signer) string {
	return string(gossh.MarshalAuthorizedKey(k.PublicKey()))
}

// Server is what Start needs of a server (sshserve.Server).
type Server interface {
	Listen() (net.Listener, error)
	Serve(net.Listener) error
	Shutdown(context.Context) error
}

// Start listens, serves in the background, and shuts srv down (5s at the
// most) when t ends. It returns the address and what Serve returns.
func Start(t testing.TB, srv Server) (addr string, served <-chan error) {
	t.Helper()
	ln, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return ln.Addr().String(), done
}

// Config authenticates as user with auth and takes any host key: the
// server is the test's own.
func Config(user string, auth ...gossh.AuthMethod) *gossh.ClientConfig {
	return &gossh.ClientConfig{User: user, Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
}

// Dial connects to addr as user with key; the caller closes the client
// (a benchmark dials once an iteration).
func Dial(t testing.TB, addr, user string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, Config(user, gossh.PublicKeys(key)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Result is what a command run over SSH printed and its exit status.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Run runs cmd on a new session of c with stdin, sending the environment
// variables env (k=v) first.
func Run(t testing.TB, c *gossh.Client, stdin, cmd string, env ...string) Result {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		_ = s.Setenv(k, v) // a server may refuse one; the test says what it expects
	}
	var out, errb bytes.Buffer
	s.Stdout, s.Stderr, s.Stdin = &out, &errb, strings.NewReader(stdin)
	err = s.Run(cmd)
	r := Result{Stdout: out.String(), Stderr: errb.String()}
	var exit *gossh.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.Code = exit.ExitStatus()
	default:
		t.Fatalf("running %q: %v (stderr %q)", cmd, err, r.Stderr)
	}
	return r
}

// Shell opens a session of c with a terminal of rows×cols (xterm-256color)
// and a shell whose output goes to out; keys go in through the writer.
// Nothing else is written to stdin: a client that never answers a
// terminal query. The caller closes the session.
func Shell(t testing.TB, c *gossh.Client, rows, cols int, out io.Writer) (*gossh.Session, io.WriteCloser) {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	s.Stdout, s.Stderr = out, out
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	return s, in
}

// Buffer is a log the server's goroutines write while the test reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
