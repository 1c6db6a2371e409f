package workflow_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"plugpub/workflow"
)

// authorizedLine is the authorized_keys line of a public key, with comment.
func authorizedLine(t testing.TB, pub any, comment string) string {
	t.Helper()
	pk, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk))) + " " + comment
}

func ed25519Line(t testing.TB, comment string) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return authorizedLine(t, pub, comment)
}

// TestParseKey: an authorized_keys line is read with its fingerprint as
// ssh-keygen prints it; weak keys, private keys, junk and two keys on one
// line are refused with a message naming what is wrong.
func TestParseKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	spk, _ := ssh.NewPublicKey(pub)
	line := authorizedLine(t, pub, "dev1@laptop")
	k, err := workflow.ParseKey(`no-pty,command="x" ` + line)
	if err != nil {
		t.Fatal(err)
	}
	if k.Fingerprint != ssh.FingerprintSHA256(spk) || k.Type != "ssh-ed25519" || k.Comment != "dev1@laptop" {
		t.Errorf("parsed %+v", k)
	}
	if err := workflow.ValidFingerprint(k.Fingerprint); err != nil {
		t.Errorf("its own fingerprint: %v", err)
	}

	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	// x/crypto no longer reads DSA keys, nor makes them: one ssh-keygen made.
	dsaKey, err := os.ReadFile("testdata/keys/dsa.pub")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ line, want string }{
		{authorizedLine(t, &weak.PublicKey, "old"), "RSA keys under 2048 bits are refused; this one has 1024"},
		{string(dsaKey), "DSA keys are refused"},
		{"", "no public key given"},
		{"# a comment", "no public key given"},
		{"-----BEGIN OPENSSH PRIVATE KEY-----", "that is a private key"},
		{"ssh-ed25519 AAAAnotbase64", "not a public key"},
		{line + "\n" + ed25519Line(t, "b"), "one public key at a time"},
		{strings.Repeat("a", workflow.MaxKeyLineBytes+1), "at most 16384 bytes"},
	} {
		_, err := workflow.ParseKey(c.line)
		if err == nil || !strings.Contains(err.Error(), c.want) || workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("ParseKey(%.30q) = %v, want invalid %q", c.line, err, c.want)
		}
	}
	strong, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := workflow.ParseKey(authorizedLine(t, &strong.PublicKey, "ok")); err != nil {
		t.Errorf("RSA 2048: %v", err)
	}
	for _, fp := range []string{"", "MD5:aa", "SHA256:short", "SHA256:" + strings.Repeat("!", 43)} {
		if workflow.ValidFingerprint(fp) == nil {
			t.Errorf("fingerprint %q accepted", fp)
		}
	}
}

// TestKeysAreManagedByAnAdminOrTheSuperuser: only the local superuser and
// admins add and remove keys; a key is one user's; a user reads their own
// keys; UserByKey finds who a key is.
func TestKeysAreManagedByAnAdminOrTheSuperuser(t *testing.T) {
	f := newFixture(t)
	line := ed25519Line(t, "dev1@laptop")
	for _, as := range []string{"dev1", "rev1", "buyer1"} {
		_, err := f.svc.AddKey(f.ctx, as, "dev1", line)
		if workflow.KindOf(err) != workflow.KindForbidden || !strings.Contains(err.Error(), "needs the admin role") {
			t.Errorf("%s added a key: %v", as, err)
		}
		if _, err := f.svc.AddUserAs(f.ctx, as, "mallory", []workflow.Role{workflow.RoleAdmin}, ""); workflow.KindOf(err) != workflow.KindForbidden {
			t.Errorf("%s added a user: %v", as, err)
		}
	}
	if _, err := f.svc.AddUserAs(f.ctx, workflow.Superuser, "root1", []workflow.Role{workflow.RoleAdmin}, ""); err != nil {
		t.Fatalf("the superuser cannot add an admin: %v", err)
	}
	k, err := f.svc.AddKey(f.ctx, "root1", "dev1", line)
	if err != nil {
		t.Fatal(err)
	}
	if k.User != "dev1" || k.AddedBy != "root1" {
		t.Errorf("added %+v", k)
	}
	if u, ok, err := f.svc.UserByKey(f.ctx, k.Fingerprint); err != nil || !ok || u.Name != "dev1" {
		t.Errorf("UserByKey = %+v %v %v", u, ok, err)
	}
	if _, ok, err := f.svc.UserByKey(f.ctx, "SHA256:"+strings.Repeat("A", 43)); err != nil || ok {
		t.Errorf("an unknown key found a user: %v %v", ok, err)
	}
	for as, want := range map[string]string{"root1": "has key", workflow.Superuser: "has key"} {
		if _, err := f.svc.AddKey(f.ctx, as, "dev1", line); workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), want) {
			t.Errorf("the same key again by %q: %v", as, err)
		}
	}
	if _, err := f.svc.AddKey(f.ctx, "root1", "dev2", line); err == nil || !strings.Contains(err.Error(), "is user dev1's already") {
		t.Errorf("dev1's key given to dev2: %v", err)
	}
	if _, err := f.svc.AddKey(f.ctx, "root1", "nobody", ed25519Line(t, "x")); workflow.KindOf(err) != workflow.KindNotFound {
		t.Errorf("a key for nobody: %v", err)
	}

	if ks, err := f.svc.Keys(f.ctx, "dev1", "dev1"); err != nil || len(ks) != 1 || ks[0].Fingerprint != k.Fingerprint {
		t.Errorf("dev1's own keys: %+v %v", ks, err)
	}
	if _, err := f.svc.Keys(f.ctx, "dev2", "dev1"); workflow.KindOf(err) != workflow.KindForbidden {
		t.Errorf("dev2 read dev1's keys: %v", err)
	}
	if err := f.svc.RemoveKey(f.ctx, "dev1", "dev1", k.Fingerprint); workflow.KindOf(err) != workflow.KindForbidden {
		t.Errorf("dev1 removed a key: %v", err)
	}
	if err := f.svc.RemoveKey(f.ctx, "root1", "dev2", k.Fingerprint); workflow.KindOf(err) != workflow.KindNotFound {
		t.Errorf("removed dev1's key from dev2: %v", err)
	}
	if err := f.svc.RemoveKey(f.ctx, "root1", "dev1", k.Fingerprint); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := f.svc.UserByKey(f.ctx, k.Fingerprint); ok {
		t.Error("a removed key still names its user")
	}
}

// TestKeysPerUserAreBounded: the 33rd key of one user is refused.
func TestKeysPerUserAreBounded(t *testing.T) {
	f := newFixture(t)
	for i := range workflow.MaxKeysPerUser {
		if _, err := f.svc.AddKey(f.ctx, workflow.Superuser, "dev1", ed25519Line(t, fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.svc.AddKey(f.ctx, workflow.Superuser, "dev1", ed25519Line(t, "one more"))
	if workflow.KindOf(err) != workflow.KindIllegal || !strings.Contains(err.Error(), "holds 32 keys") {
		t.Errorf("key 33: %v", err)
	}
}
