package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"plugpub/internal/testfs"
)

// sshKeygen makes an ed25519 key pair with the real ssh-keygen and returns
// the .pub path and the fingerprint ssh-keygen prints for it.
func sshKeygen(t *testing.T, comment string) (pub, fingerprint string) {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen is not installed (.ci/run installs openssh-client)")
	}
	path := filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	out, err := exec.Command("ssh-keygen", "-l", "-f", path+".pub").Output()
	if err != nil {
		t.Fatal(err)
	}
	return path + ".pub", strings.Fields(string(out))[1]
}

// TestUserKeys: the local command line (the superuser) adds a user with a
// key, adds, lists and removes keys by the fingerprint ssh-keygen prints,
// from a .pub file or an authorized_keys line; a key is one user's; a pipe
// as KEY is refused at once; a bad fingerprint or key says what is wrong.
func TestUserKeys(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	pub, fp := sshKeygen(t, "root@laptop")
	out := c.ok("user", "add", "root1", "--role", "admin", "--key", pub)
	mustContain(t, "user add --key", out, "added user root1 (admin)", "added key "+fp+" (ssh-ed25519) to user root1")

	pub2, fp2 := sshKeygen(t, "dev1@laptop")
	line, err := os.ReadFile(pub2)
	if err != nil {
		t.Fatal(err)
	}
	c.ok("user", "add", "dev1", "--role", "developer")
	mustContain(t, "key add, a line", c.ok("user", "key", "add", "dev1", strings.TrimSpace(string(line))), fp2)
	var keys []struct{ Fingerprint, User, Type, Comment string }
	c.json(&keys, "user", "key", "list", "dev1")
	if len(keys) != 1 || keys[0].Fingerprint != fp2 || keys[0].Comment != "dev1@laptop" || keys[0].User != "dev1" {
		t.Errorf("key list: %+v", keys)
	}
	mustContain(t, "a key twice", c.fails(exitConflict, "user", "key", "add", "root1", pub2), "is user dev1's already")
	// A user added with a key that is refused is not added at all.
	mustContain(t, "user add with a taken key", c.fails(exitConflict, "user", "add", "rev9", "--role", "reviewer", "--key", pub2), "is user dev1's already")
	if out := c.ok("user", "list"); strings.Contains(out, "rev9") {
		t.Errorf("user add --key with a refused key added the user:\n%s", out)
	}
	mustContain(t, "no such user", c.fails(exitNotFound, "user", "key", "add", "nobody", pub2), "nobody")
	mustContain(t, "bad fingerprint", c.fails(exitInvalid, "user", "key", "remove", "dev1", "SHA256:abc"), "43 characters")
	mustContain(t, "not a key", c.fails(exitInvalid, "user", "key", "add", "dev1", "ssh-ed25519 AAAAjunk"), "not a public key")
	mustContain(t, "a role", c.fails(exitInvalid, "user", "add", "x", "--role", "root"), "admin")

	fifo := filepath.Join(t.TempDir(), "fifo")
	testfs.Fifo(t, fifo)
	mustContain(t, "a pipe", c.fails(1, "user", "key", "add", "dev1", fifo), "named pipe")

	mustContain(t, "remove", c.ok("user", "key", "remove", "dev1", fp2), "removed key "+fp2+" from user dev1")
	mustContain(t, "remove again", c.fails(exitNotFound, "user", "key", "remove", "dev1", fp2), "has no key")
	if out := c.ok("user", "key", "list", "dev1"); strings.Contains(out, fp2) {
		t.Errorf("a removed key is listed:\n%s", out)
	}
}
