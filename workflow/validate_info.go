package workflow

import (
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"plugpub/workflow/i18n"
)

// The rules of the plugin info form (插件信息), one per field; the draft
// table (drafttable.go) says which field each checks.

// ValidateTitle checks 服务标题: required, 2–20 characters after trimming spaces.
func ValidateTitle(s string) error {
	f := limitOf("info.title")
	t := strings.TrimSpace(s)
	if t == "" {
		return i18n.Errorf("%s is required, %d to %d characters", word(f.label), MinTitleRunes, f.max)
	}
	if n := utf8.RuneCountInString(t); n < MinTitleRunes {
		return i18n.Errorf("%s is too short: %d character; it needs %d to %d", word(f.label), n, MinTitleRunes, f.max)
	}
	return validateLine(f.label, t, f.max)
}

// ValidateIntro checks 简单介绍: required, one line of at most 50 characters.
func ValidateIntro(s string) error {
	f := limitOf("info.intro")
	return validateRequiredLine(f.label, strings.TrimSpace(s), f.max)
}

// ValidateDescription checks 服务描述: required long text.
func ValidateDescription(s string) error {
	return validateRequiredText(limitOf("info.description"), s)
}

// ValidateUsage checks 接入玩法: required long text.
func ValidateUsage(s string) error {
	return validateRequiredText(limitOf("info.usage"), s)
}

// ValidateCases checks 案例介绍: optional long text.
func ValidateCases(s string) error {
	return validateField(limitOf("info.cases"), s)
}

// ValidateLogo checks the stored form of the logo: none, or a LogoRef. A
// file path here means the image was never read in and stored.
func ValidateLogo(s string) error {
	if s == "" || IsLogoRef(s) {
		return nil
	}
	return i18n.Errorf("logo %s is not a stored image; set the logo from a PNG or JPEG file so it is stored as %s<64 hex digits>", quoteForMessage(s), LogoRefPrefix)
}

// ValidateAbilities checks 功能类型 as a whole: at least one, each known, none twice.
func ValidateAbilities(list []string) error {
	if len(list) == 0 {
		return i18n.Errorf("choose at least one ability type (功能类型): %s", strings.Join(Abilities, ", "))
	}
	for i, a := range list {
		if err := validateAbility(a); err != nil {
			return err
		}
		if slices.Contains(list[:i], a) {
			return i18n.Errorf("ability type %s is chosen twice", quoteForMessage(a))
		}
	}
	return nil
}

func validateAbility(a string) error {
	if !slices.Contains(Abilities, a) {
		return i18n.Errorf("ability type %s is not one of %s", quoteForMessage(a), strings.Join(Abilities, ", "))
	}
	return nil
}

// ValidateBuyers checks 可订购人群.
func ValidateBuyers(s string) error {
	if s == "" {
		return i18n.Errorf("choose who may order (可订购人群): %s", strings.Join(Buyers, ", "))
	}
	if !slices.Contains(Buyers, s) {
		return i18n.Errorf("who may order (可订购人群) %s is not one of %s", quoteForMessage(s), strings.Join(Buyers, ", "))
	}
	return nil
}

// ValidatePCURL checks PC端url: optional, an absolute https URL with a host.
func ValidatePCURL(s string) error {
	f := limitOf("info.pc_url")
	label := f.label
	if s == "" {
		return nil
	}
	if err := validateLine(label, s, f.max); err != nil {
		return err
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return i18n.Errorf("%s must not contain spaces", word(label))
	}
	u, err := url.Parse(s)
	if err != nil {
		return i18n.Errorf("%s %s is not a valid URL", word(label), quoteForMessage(s))
	}
	switch {
	case u.Scheme != "https":
		return i18n.Errorf("%s %s must start with https://", word(label), quoteForMessage(s))
	case u.Hostname() == "":
		return i18n.Errorf("%s %s has no host; write it like https://www.example.com/plugin", word(label), quoteForMessage(s))
	case u.User != nil:
		// https://trusted.com@evil.com reads as trusted.com to a person.
		return i18n.Errorf("%s must not contain a user name or password", word(label))
	}
	return nil
}

// ValidateContact checks 客服联系方式: required, a phone number or an e-mail address.
func ValidateContact(s string) error {
	f := limitOf("info.contact")
	label := f.label
	t := strings.TrimSpace(s)
	if t == "" {
		return i18n.Errorf("%s is required: a phone number or an e-mail address", word(label))
	}
	if err := validateLine(label, t, f.max); err != nil {
		return err
	}
	if strings.Contains(t, "@") {
		if !isEmailAddress(t) {
			return i18n.Errorf("%s %s is not a valid e-mail address; write it like support@example.com", word(label), quoteForMessage(t))
		}
		return nil
	}
	if !isPhoneNumber(t) {
		return i18n.Errorf("%s %s is neither a phone number (like 13800138000, 0571-88888888 or 400-123-4567) nor an e-mail address", word(label), quoteForMessage(t))
	}
	return nil
}

// isEmailAddress accepts a bare address only: a display name or comment
// would be shown to consumers as if it were the address.
func isEmailAddress(s string) bool {
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return false
	}
	domain := s[strings.LastIndexByte(s, '@')+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

var (
	draftMobileRE   = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	draftLandlineRE = regexp.MustCompile(`^0[1-9][0-9]{8,10}$`) // area code 0xx/0xxx + 7–8 digits
	draftHotlineRE  = regexp.MustCompile(`^[48]00[0-9]{7}$`)    // 400 / 800 numbers
	draftServiceRE  = regexp.MustCompile(`^95[0-9]{3,6}$`)      // 95xxx service numbers, like 95188
	draftPhoneRE    = regexp.MustCompile(`^[0-9][0-9 -]*[0-9]$`)
)

// isPhoneNumber accepts the ways Chinese numbers are commonly written:
// mobile, landline with area code, 400/800 and 95xxx, grouped by spaces or
// hyphens, with an optional +86 in front.
func isPhoneNumber(s string) bool {
	intl := false
	if rest, ok := strings.CutPrefix(s, "+86"); ok {
		s, intl = strings.TrimLeft(rest, " -"), true
	}
	if !draftPhoneRE.MatchString(s) {
		return false
	}
	digits := strings.NewReplacer(" ", "", "-", "").Replace(s)
	if intl {
		// From abroad the trunk 0 of the area code is dropped, and
		// hotlines cannot be dialled at all.
		return draftMobileRE.MatchString(digits) ||
			!draftHotlineRE.MatchString(digits) && draftLandlineRE.MatchString("0"+digits)
	}
	return draftMobileRE.MatchString(digits) || draftLandlineRE.MatchString(digits) ||
		draftHotlineRE.MatchString(digits) || draftServiceRE.MatchString(digits)
}
