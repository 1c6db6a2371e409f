package workflow

import (
	"context"
	"crypto/rsa"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/ssh"

	"plugpub/workflow/i18n"
)

// Key is an SSH public key bound to a user: over `plugpub serve`, the key a
// person connects with is who they are. A key belongs to one user at most.
type Key struct {
	Fingerprint string    `json:"fingerprint"` // SHA256:…, as ssh-keygen -l prints it
	User        string    `json:"user"`
	Type        string    `json:"type"`              // ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa …
	Comment     string    `json:"comment,omitempty"` // what followed the key on its line
	Public      string    `json:"public_key"`        // "type base64", as authorized_keys holds it
	AddedBy     string    `json:"added_by"`
	AddedAt     time.Time `json:"added_at"`
}

// Limits of keys: a line longer than any real public key is refused before
// it is parsed, and a user holds a bounded number of keys.
const (
	MaxKeyLineBytes = 16 << 10
	MaxKeysPerUser  = 32
	minRSABits      = 2048
)

// Superuser is who acts from the local command line on the database file:
// whoever can write the file is trusted, as before keys existed, and may
// manage users and keys without being one. It is no user's name (a name
// has at least one character).
const Superuser = ""

// ParseKey reads one authorized_keys line ("ssh-ed25519 AAAA… comment",
// options in front allowed and ignored) and checks that the key is strong
// enough to be someone's identity.
func ParseKey(line string) (Key, error) {
	line = strings.TrimSpace(line)
	if len(line) > MaxKeyLineBytes {
		return Key{}, invalidf("a public key line is at most %d bytes; this one has %d", MaxKeyLineBytes, len(line))
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return Key{}, invalidf("no public key given: pass an authorized_keys line (ssh-ed25519 AAAA… name) or the path of a .pub file")
	}
	if strings.Contains(line, "PRIVATE KEY") {
		return Key{}, invalidf("that is a private key; give its public half (the .pub file), and keep the private key to yourself")
	}
	if slices.Contains(strings.Fields(line), ssh.KeyAlgoDSA) { // x/crypto reads them no more
		return Key{}, dsaRefused()
	}
	pk, comment, _, rest, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return Key{}, invalidf("not a public key: %s is not an authorized_keys line (ssh-ed25519 AAAA… name)", quoteForMessage(line))
	}
	if strings.TrimSpace(string(rest)) != "" {
		return Key{}, invalidf("one public key at a time: the line holds more than one")
	}
	k, err := KeyOf(pk)
	if err != nil {
		return Key{}, err
	}
	if utf8.ValidString(comment) {
		k.Comment = SanitizeLine(comment)
	}
	return k, nil
}

// KeyOf is the Key of a public key the server was shown, after the same
// strength check ParseKey makes: DSA, RSA under 2048 bits and certificates
// are refused.
func KeyOf(pk ssh.PublicKey) (Key, error) {
	if err := checkKeyStrength(pk); err != nil {
		return Key{}, err
	}
	return Key{
		Fingerprint: ssh.FingerprintSHA256(pk),
		Type:        pk.Type(),
		Public:      strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk))),
	}, nil
}

func checkKeyStrength(pk ssh.PublicKey) error {
	switch pk.Type() {
	case ssh.KeyAlgoDSA:
		return dsaRefused()
	case ssh.KeyAlgoRSA:
		cpk, ok := pk.(ssh.CryptoPublicKey)
		if !ok {
			return invalidf("cannot read the RSA key's size")
		}
		rk, ok := cpk.CryptoPublicKey().(*rsa.PublicKey)
		if !ok {
			return invalidf("cannot read the RSA key's size")
		}
		if bits := rk.N.BitLen(); bits < minRSABits {
			return invalidf("RSA keys under %d bits are refused; this one has %d: make one with ssh-keygen -t ed25519", minRSABits, bits)
		}
	}
	if _, ok := pk.(*ssh.Certificate); ok {
		return invalidf("SSH certificates are not supported: give the plain public key")
	}
	return nil
}

func dsaRefused() error {
	return invalidf("DSA keys are refused: they are weak and OpenSSH no longer accepts them; make one with ssh-keygen -t ed25519")
}

// ValidFingerprint checks the form of a fingerprint as OpenSSH prints it.
func ValidFingerprint(fp string) error {
	b64, ok := strings.CutPrefix(fp, "SHA256:")
	if !ok || len(b64) != 43 || strings.Trim(b64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") != "" {
		return invalidf("fingerprint %s must be SHA256: and 43 characters, as ssh-keygen -lf KEY.pub prints it", quoteForMessage(fp))
	}
	return nil
}

// mayManageUsers is the one rule of user and key management: the local
// superuser or an admin.
func mayManageUsers(u User, superuser bool) error {
	if superuser || u.Has(RoleAdmin) {
		return nil
	}
	return forbiddenf("managing users and keys needs the admin role; %s is %s", u.Name, u.roles())
}

// manager is who manages users: the superuser, or an existing admin.
func (s *Service) manager(ctx context.Context, as string) error {
	if as == Superuser {
		return nil
	}
	u, err := s.User(ctx, as)
	if err != nil {
		return err
	}
	return mayManageUsers(u, false)
}

// AddUserAs is AddUser by as: over SSH that is the key's user, who must be
// an admin; locally the Superuser.
func (s *Service) AddUserAs(ctx context.Context, as, name string, roles []Role, buyer Buyer) (User, error) {
	if err := s.manager(ctx, as); err != nil {
		return User{}, err
	}
	return s.AddUser(ctx, name, roles, buyer)
}

// UsersAs lists users by name for a manager (an admin over SSH, the
// superuser locally): who is on the server is not every user's to read.
func (s *Service) UsersAs(ctx context.Context, as string, p Page) ([]User, error) {
	if err := s.manager(ctx, as); err != nil {
		return nil, err
	}
	return s.Users(ctx, p)
}

// AddUserWithKey is AddUserAs and AddKey in one transaction: a key that
// is refused (someone's already) adds no user either.
func (s *Service) AddUserWithKey(ctx context.Context, as, name string, roles []Role, buyer Buyer, line string) (User, Key, error) {
	if err := s.manager(ctx, as); err != nil {
		return User{}, Key{}, err
	}
	u, err := NewUser(name, roles, buyer)
	if err != nil {
		return User{}, Key{}, err
	}
	k, err := s.newKey(line, name, as)
	if err != nil {
		return User{}, Key{}, err
	}
	taken, owner, err := s.store.SignUp(ctx, u, k)
	switch {
	case err != nil:
		return User{}, Key{}, err
	case owner != "":
		return User{}, Key{}, illegalf("key %s is user %s's already; a key is one person's identity", k.Fingerprint, owner)
	case taken:
		return User{}, Key{}, illegalf("user %s already exists", name)
	}
	return u, k, nil
}

// newKey parses an authorized_keys line as user name's key, added by as
// now ("(local)" for the superuser of a local command).
func (s *Service) newKey(line, name, as string) (Key, error) {
	k, err := ParseKey(line)
	if err != nil {
		return Key{}, err
	}
	k.User, k.AddedBy, k.AddedAt = name, as, s.clock()
	if k.AddedBy == Superuser {
		k.AddedBy = "(local)"
	}
	return k, nil
}

// AddKey binds a public key (an authorized_keys line) to a user.
func (s *Service) AddKey(ctx context.Context, as, name, line string) (Key, error) {
	if err := s.manager(ctx, as); err != nil {
		return Key{}, err
	}
	k, err := s.newKey(line, name, as)
	if err != nil {
		return Key{}, err
	}
	if _, err := s.User(ctx, name); err != nil {
		return Key{}, err
	}
	owner, held, err := s.store.PutKey(ctx, k, MaxKeysPerUser)
	switch {
	case err != nil:
		return Key{}, err
	case owner == name:
		return Key{}, illegalf("user %s has key %s already", name, k.Fingerprint)
	case owner != "":
		return Key{}, illegalf("key %s is user %s's already; a key is one person's identity", k.Fingerprint, owner)
	case held >= MaxKeysPerUser:
		return Key{}, illegalf("user %s holds %d keys, the most one may; remove one first (plugpub user key remove)", name, held)
	}
	return k, nil
}

// Keys lists a user's keys, oldest first: for a manager, or the user.
func (s *Service) Keys(ctx context.Context, as, name string) ([]Key, error) {
	if as != name {
		if err := s.manager(ctx, as); err != nil {
			return nil, err
		}
	}
	if _, err := s.User(ctx, name); err != nil {
		return nil, err
	}
	return s.store.Keys(ctx, name)
}

// RemoveKey unbinds a key from a user.
func (s *Service) RemoveKey(ctx context.Context, as, name, fingerprint string) error {
	if err := s.manager(ctx, as); err != nil {
		return err
	}
	if err := ValidFingerprint(fingerprint); err != nil {
		return err
	}
	if _, err := s.User(ctx, name); err != nil {
		return err
	}
	ok, err := s.store.DeleteKey(ctx, name, fingerprint)
	if err != nil {
		return err
	}
	if !ok {
		return notFoundf("user %s has no key %s; plugpub user key list %s shows theirs", name, fingerprint, name)
	}
	return nil
}

// UserByKey is whose key this is: the one identity a server session has.
// ok is false for a key nobody registered.
func (s *Service) UserByKey(ctx context.Context, fingerprint string) (u User, ok bool, err error) {
	name, ok, err := s.store.KeyUser(ctx, fingerprint)
	if err != nil || !ok {
		return User{}, false, err
	}
	u, err = s.User(ctx, name)
	return u, err == nil, err
}

// ReadKeyArg is the public key a command was given: an authorized_keys line
// as it is, or else the path of a .pub file, read as the logo is (a regular
// file only, its size checked first) so a path naming a pipe cannot hang.
func ReadKeyArg(arg string) (string, error) {
	if looksLikeKeyLine(arg) {
		return arg, nil
	}
	b, err := readRegularFile(arg, MaxKeyLineBytes, func(size int64) error {
		return i18n.Errorf("%s is %s; a public key file is at most %s", arg, humanBytes64(size), humanBytes(MaxKeyLineBytes))
	}, func() error {
		return i18n.Errorf("%s grew while it was read; a public key file is at most %s", arg, humanBytes(MaxKeyLineBytes))
	})
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// looksLikeKeyLine: a key line has a space between its type and its data;
// a path to a .pub file rarely does, and one that does is still read as a
// file when it exists.
func looksLikeKeyLine(arg string) bool {
	if !strings.ContainsAny(strings.TrimSpace(arg), " \t") {
		return false
	}
	_, err := os.Stat(arg)
	return err != nil
}
