package workflow

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/message"

	"plugpub/workflow/i18n"
)

// Role is what a user may do. One person may hold several roles; the rule
// that nobody reviews their own submission is what keeps that honest.
type Role string

const (
	RoleDeveloper Role = "developer" // owns plugins, fills drafts, submits, lists
	RoleReviewer  Role = "reviewer"  // the plugin center: approves and rejects
	RoleConsumer  Role = "consumer"  // a buyer on the market
	RoleAdmin     Role = "admin"     // manages users, their roles and their keys
)

// Roles lists every role in a stable order.
var Roles = []Role{RoleDeveloper, RoleReviewer, RoleConsumer, RoleAdmin}

// Buyer says which kind of consumer a user is; 可订购人群 filters on it.
type Buyer string

const (
	BuyerNone       Buyer = ""
	BuyerPersonal   Buyer = "personal"
	BuyerEnterprise Buyer = "enterprise"
)

// User is an identity. On the local command line it is advisory: whoever
// can write the database file can act as anyone (see README). Over
// plugpub serve it is the user whose key the session authenticated with.
type User struct {
	Name  string `json:"name"`
	Roles []Role `json:"roles"`
	Buyer Buyer  `json:"buyer,omitempty"`
}

// Guest is who a key nobody registered is, on plugpub serve's console: no
// name and no role. Every offer refuses a guest (saying how to sign up), so
// the market is theirs to search and read, and nothing else.
func Guest() User { return User{} }

// IsGuest reports whether u is the Guest: no user of the database.
func (u User) IsGuest() bool { return u.Name == "" && len(u.Roles) == 0 }

// Has reports whether u holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

var userName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$`)

// ParseRole accepts a role code.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", invalidf("role %q is not one of developer, reviewer, consumer, admin", s)
}

// ParseBuyer accepts a buyer kind code.
func ParseBuyer(s string) (Buyer, error) {
	switch Buyer(s) {
	case BuyerPersonal, BuyerEnterprise:
		return Buyer(s), nil
	}
	return "", invalidf("buyer %q is not one of personal, enterprise", s)
}

// NewUser checks a user before it is stored: a valid name, at least one role,
// and a buyer kind exactly when the user is a consumer (personal by default).
func NewUser(name string, roles []Role, buyer Buyer) (User, error) {
	if !userName.MatchString(name) {
		return User{}, invalidf("user name %s must be 1–64 letters, digits or _ . @ -, not starting with . @ or -", quoteForMessage(name))
	}
	if len(roles) == 0 {
		return User{}, invalidf("user %s needs at least one role (developer, reviewer, consumer, admin)", name)
	}
	var rs []Role
	for _, r := range Roles {
		if slices.Contains(roles, r) {
			rs = append(rs, r)
		}
	}
	u := User{Name: name, Roles: rs, Buyer: buyer}
	switch {
	case u.Has(RoleConsumer) && buyer == BuyerNone:
		u.Buyer = BuyerPersonal
	case !u.Has(RoleConsumer) && buyer != BuyerNone:
		return User{}, invalidf("--buyer applies to consumers only; %s is %s", name, u.roles())
	}
	return u, nil
}

// RoleList is the roles as "developer,reviewer".
func (u User) RoleList() string {
	s := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// roleWords are a user's roles as a message names them: their codes in
// English, as RoleList writes them ("developer,reviewer", what --role
// takes), and their words in Chinese (开发者、审核员).
type roleWords []Role

// roles is u's roles for a message.
func (u User) roles() roleWords { return roleWords(u.Roles) }

// Description is the user's roles and buyer kind in the reader's
// language: "consumer, personal buyer", "消费者，个人买家".
func (u User) Description() i18n.Text {
	if u.Buyer == BuyerNone {
		return i18n.T("%s", u.roles())
	}
	return i18n.T("%s, %s buyer", u.roles(), i18n.T(string(u.Buyer)))
}

func (r roleWords) Localize(p *message.Printer) string {
	sep := "、"
	if i18n.LangOf(p) == i18n.English {
		sep = ","
	}
	s := make([]string, len(r))
	for i, role := range r {
		s[i] = i18n.Sprintf(p, string(role))
	}
	if len(s) == 0 && sep != "," {
		return i18n.Sprintf(p, "no role")
	}
	return strings.Join(s, sep)
}

// MayOrder reports whether a buyer kind falls within 可订购人群.
func MayOrder(buyers string, b Buyer) bool {
	switch buyers {
	case BuyersAny:
		return b == BuyerPersonal || b == BuyerEnterprise
	case BuyersPersonal:
		return b == BuyerPersonal
	case BuyersEnterprise:
		return b == BuyerEnterprise
	}
	return false
}

// MaxReasonRunes bounds a rejection reason.
const MaxReasonRunes = 500

// ValidateReason is the rule for a 驳回 reason: required, at most
// MaxReasonRunes characters. Screens ask it before they send a rejection.
func ValidateReason(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return invalidf("rejecting needs a reason")
	}
	if n := len([]rune(s)); n > MaxReasonRunes {
		return invalidf("the reason has %d characters; at most %d are allowed", n, MaxReasonRunes)
	}
	return nil
}
