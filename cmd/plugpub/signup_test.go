package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"plugpub/cmd/internal/sshserve/sshtest"
	"plugpub/workflow"
)

// asCaller runs the command tree as plugpub serve builds it for an SSH
// session whose key is keyLine, sharing lim with the other sessions.
func asCaller(t *testing.T, db, keyLine string, lim *workflow.SignupLimiter, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	a, root := newRoot("plugpub", &out, &errb)
	a.callerKey, a.signups = keyLine, lim
	root.SetIn(strings.NewReader(""))
	root.SetArgs(append([]string{"--db", db}, args...))
	_, err := root.ExecuteContextC(context.Background())
	if err != nil {
		errb.WriteString("plugpub: " + err.Error() + "\n")
	}
	return out.String(), errb.String(), exitCode(err)
}

func keyLine(t *testing.T) (line, fingerprint string) {
	t.Helper()
	k := sshtest.Key(t)
	return strings.TrimSpace(sshtest.AuthorizedKey(k)), ssh.FingerprintSHA256(k.PublicKey())
}

// TestSignupCommand: locally signup exits 2 saying it is done over SSH;
// with a caller's key it registers a consumer bound to that key, once,
// within the server's limit, and the new user is who that key is.
func TestSignupCommand(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("user", "add", "dev1", "--role", "developer")
	errOut := c.fails(exitUsage, "signup", "newbie")
	mustContain(t, "local signup", errOut, "signup is done over SSH with the key that will be yours: ssh -p PORT HOST signup newbie")

	lim := workflow.NewSignupLimiter(nil, 2, 10)
	line, fp := keyLine(t)
	out, errOut, code := asCaller(t, c.db(), line, lim, "--json", "signup", "newbie", "--buyer", "enterprise")
	if code != exitOK {
		t.Fatalf("signup: exit %d\n%s", code, errOut)
	}
	var got struct {
		Name, Buyer, Fingerprint string
		Roles                    []string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Name != "newbie" || got.Buyer != "enterprise" || got.Fingerprint != fp || strings.Join(got.Roles, ",") != "consumer" {
		t.Fatalf("signup --json = %+v", got)
	}
	mustContain(t, "key list", c.ok("user", "key", "list", "newbie"), fp)

	// The same key again, a taken name, a bad buyer, a weak key.
	_, errOut, code = asCaller(t, c.db(), line, lim, "signup", "second")
	if code != exitConflict || !strings.Contains(errOut, "is registered already") || strings.Contains(errOut, "newbie") {
		t.Errorf("the same key again: exit %d\n%s", code, errOut)
	}
	other, _ := keyLine(t)
	_, errOut, code = asCaller(t, c.db(), other, lim, "signup", "dev1")
	if code != exitConflict || !strings.Contains(errOut, "the user name dev1 is taken") {
		t.Errorf("a taken name: exit %d\n%s", code, errOut)
	}
	_, errOut, code = asCaller(t, c.db(), other, lim, "signup", "x", "--buyer", "company")
	if code != exitInvalid {
		t.Errorf("--buyer company: exit %d\n%s", code, errOut)
	}
	// Two signups a minute: the third attempt that reached the limiter
	// (the taken name was the second) is refused, and writes nothing.
	out, errOut, code = asCaller(t, c.db(), other, lim, "signup", "third")
	if code != exitConflict || !strings.Contains(errOut, "too many signups on this server just now") {
		t.Errorf("past the limit: exit %d\n%s%s", code, out, errOut)
	}
	c.fails(exitNotFound, "user", "key", "list", "third")

	// A server with no limiter takes no signups at all.
	_, _, code = asCaller(t, c.db(), other, nil, "signup", "fourth")
	if code == exitOK {
		t.Error("signup without the server's limiter succeeded")
	}
}
