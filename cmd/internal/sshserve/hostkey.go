package sshserve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"

	gossh "golang.org/x/crypto/ssh"

	"plugpub/workflow/i18n"
)

// HostKey reads the server's ed25519 host key at path, creating it (mode
// 0600, in a folder of its own mode) when there is none, so that clients
// see the same key after a restart. It returns the key as PEM.
func HostKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if _, err := gossh.ParsePrivateKey(b); err != nil {
			return nil, i18n.Errorf("host key %s: %w", path, err)
		}
		return b, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, i18n.Errorf("host key: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, i18n.Errorf("making a host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "plugpub host key")
	if err != nil {
		return nil, i18n.Errorf("making a host key: %w", err)
	}
	b = pem.EncodeToMemory(block)
	// O_EXCL: two servers started at once must not each write their own.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return HostKey(path)
	}
	if err != nil {
		return nil, i18n.Errorf("host key: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return nil, i18n.Errorf("writing the host key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, i18n.Errorf("writing the host key %s: %w", path, err)
	}
	return b, nil
}
