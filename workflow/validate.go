package workflow

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/message"

	"plugpub/workflow/i18n"
)

// Limits on a draft. The small ones come from the platform's form; the large
// ones exist so that hostile or runaway input is refused with a message
// instead of filling the database and the screen.
const (
	MinTitleRunes = 2  // 服务标题, after trimming spaces
	MaxTitleRunes = 20 // 服务标题, after trimming spaces
	MaxIntroRunes = 50 // 简单介绍, shown in lists and search results

	MaxLineRunes = 200    // any other single-line field: names, types, paths, defaults, URL, contact
	MaxTextRunes = 20_000 // any long text: descriptions, 接入玩法, 案例介绍, instructions

	MaxEntries    = 500 // components, pages and APIs, each
	MaxSubEntries = 200 // props, events, params, inputs and outputs, per entry

	// MaxProblems caps the list Problems returns; the rest are counted in a
	// last problem, so a hostile draft cannot flood the review screen.
	MaxProblems = 200
)

// Problem is one reason a draft cannot be submitted.
type Problem struct {
	// Path locates the field in the draft's JSON form, such as
	// "guide.components[2].props[0].type"; "" means the draft as a whole.
	Path    string `json:"path"`
	Message string `json:"message"` // in English, as JSON and logs have it
	// Text is the message as it was made, for Localize; zero for a
	// Problem made with Message alone.
	Text i18n.Text `json:"-"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Say is the message in p's language (the path stays as it is: it names
// a JSON field).
func (p Problem) Say(pr *message.Printer) string {
	if p.Text.IsZero() {
		return p.Message
	}
	return p.Text.Localize(pr)
}

// Localize is String in p's language.
func (p Problem) Localize(pr *message.Printer) string {
	if p.Path == "" {
		return p.Say(pr)
	}
	return p.Path + ": " + p.Say(pr)
}

// Problems returns every problem of the draft at once, in the order the
// fields appear in the draft, or nil when it may be submitted. The rules
// are the draft table's (draftfields.go).
func (d Draft) Problems() []Problem {
	var v validator
	draftTable.problems(&v, &d, &place{})
	if !d.fitsWithoutMarshal() {
		if _, err := MarshalDraft(d); err != nil {
			v.add("", i18n.Text{}, err)
		}
	}
	return v.result()
}

// fieldLimit is the character limit of one field of the draft. Max is
// what the form allows and what every message tells the user; Hard is
// how much a saved draft may hold at all (at least Max), so an incomplete
// draft with a title a little too long can still be autosaved while a
// pasted 100,000-character one is refused, both saying "at most Max".
type fieldLimit struct {
	path  string // the field's path with [] for every index, as FieldLimit takes it
	label string // what messages call the field
	max   int
	hard  int
}

// limitOf is the limit of a field by its table path; every path asked for
// is in the table (TestEveryFieldHasALimit).
func limitOf(path string) fieldLimit {
	f, ok := fieldLimits[path]
	if !ok {
		panic("workflow: no character limit for " + path)
	}
	return f
}

// FieldLimit returns the most characters the form allows in the draft
// field at path, in the form Problem.Path uses ("info.title",
// "guide.components[2].props[0].default"; indices may also be written []).
// It is the number every message about the field states. ok is false for
// a path that is not a text field of the draft.
func FieldLimit(path string) (max int, ok bool) {
	f, ok := fieldLimits[indexless(path)]
	return f.max, ok
}

// indexless replaces every [n] of a path with [].
func indexless(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		b.WriteByte(c)
		if c != '[' {
			continue
		}
		j := i + 1
		for j < len(path) && '0' <= path[j] && path[j] <= '9' {
			j++
		}
		if j < len(path) && path[j] == ']' {
			i = j - 1
		}
	}
	return b.String()
}

// OverLimits returns only the problems that make a draft too big to keep at
// all: each field's hard limit (see fieldLimit), MaxEntries, MaxSubEntries
// and MaxDraftBytes, not the form's own rules. An incomplete draft may be
// saved; an oversized one may not. A field refused here states the same
// limit as its validation rule: a 100,000-character title is told "at most
// 20", whether it is saved or submitted.
func (d Draft) OverLimits() []Problem {
	var v validator
	draftTable.over(&v, &d, "")
	if len(v.list) == 0 {
		if _, err := MarshalDraft(d); err != nil {
			v.add("", i18n.Text{}, err)
		}
	}
	return v.result()
}

// overLimit refuses s when it is over the field's hard limit, stating the
// field's limit: the number the validation rule states too.
func overLimit(s string, f fieldLimit) error {
	if n := utf8.RuneCountInString(s); n > f.hard {
		return i18n.Errorf("has %d characters; at most %d are allowed", n, f.max)
	}
	return nil
}

type validator struct {
	list    []Problem
	dropped int
}

// add records err, if any, at path; ctx names the entry the field belongs
// to, because "prop name is required" alone does not say which component.
func (v *validator) add(path string, ctx i18n.Text, err error) {
	if err == nil {
		return
	}
	if len(v.list) >= MaxProblems {
		v.dropped++
		return
	}
	t := textOf(err)
	if !ctx.IsZero() {
		t = i18n.T("%s: %s", ctx, t)
	}
	v.list = append(v.list, Problem{Path: path, Message: t.String(), Text: t})
}

// textOf is the message of err to localise later.
func textOf(err error) i18n.Text {
	var e *i18n.Error
	if errors.As(err, &e) && e.Error() == err.Error() {
		return e.Text
	}
	var we *Error
	if errors.As(err, &we) && we.Format != "" && we.Error() == err.Error() {
		return i18n.T(we.Format, we.Args...)
	}
	return i18n.T("%s", err.Error())
}

func (v *validator) addf(path string, ctx i18n.Text, format string, args ...any) {
	v.add(path, ctx, i18n.Errorf(format, args...))
}

func (v *validator) result() []Problem {
	if v.dropped > 0 {
		t := i18n.T("%d more problems are not shown; fix the ones above first", v.dropped)
		v.list = append(v.list, Problem{Message: t.String(), Text: t})
	}
	return v.list
}

func (v *validator) count(path string, ctx i18n.Text, what string, n, limit int) {
	if n > limit {
		v.addf(path, ctx, "there are %d %s; at most %d are allowed", n, word(what), limit)
	}
}

// entryContext names an entry in a message, by its name when it has one.
func entryContext(kind, name string) i18n.Text {
	if strings.TrimSpace(name) == "" {
		return i18n.T("unnamed %s", word(kind))
	}
	return i18n.T("%s %s", word(kind), quoteForMessage(name))
}

// within is the context of a field of an entry of an entry: "component
// "x", prop "y"".
func within(outer, inner i18n.Text) i18n.Text { return i18n.T("%s, %s", outer, inner) }

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

// ValidateGuideHasEntries checks that the guide declares something to
// integrate: at least one component, page or API. A plugin with nothing
// to integrate cannot be reviewed.
func ValidateGuideHasEntries(g Guide) error {
	if len(g.Components) == 0 && len(g.Pages) == 0 && len(g.APIs) == 0 {
		return i18n.Errorf("the integration guide (接入指引) declares no component, page or API; a plugin with nothing to integrate cannot be reviewed: add at least one, or import them from the plugin project")
	}
	return nil
}

// ValidateInstructions checks 接入说明与示例代码: optional markdown.
func ValidateInstructions(s string) error {
	return validateField(limitOf("guide.instructions"), s)
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

var (
	draftEventNameRE   = regexp.MustCompile(`^on[A-Z][A-Za-z0-9]*$`)
	draftPathSegmentRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// ValidateComponentName checks a component name as plugin.json's
// publicComponents accepts it: a letter, then letters, digits, - or _,
// like my-button or regionPicker. The tag a page writes is derived from
// it by ComponentTag.
func ValidateComponentName(s string) error {
	if err := validateRequiredLine("component name", s, limitOf("guide.components[].name").max); err != nil {
		return err
	}
	if !isComponentName(s) {
		return i18n.Errorf("component name %s must start with a letter, then letters, digits, - or _, as plugin.json's publicComponents writes it, like my-button or regionPicker", quoteForMessage(s))
	}
	return nil
}

func isComponentName(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '-' || c == '_'):
		default:
			return false
		}
	}
	return s != ""
}

// ComponentTag is the tag a mini-program page writes for the component
// named name, and its usingComponents key: tags are lower case, so a
// camelCase name becomes kebab-case (regionPicker → region-picker,
// XMLView → xml-view); a kebab-case name is its own tag. It is "" for a
// name ValidateComponentName refuses.
func ComponentTag(name string) string {
	if !isComponentName(name) {
		return ""
	}
	var b strings.Builder
	b.Grow(len(name) + 4)
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLowerOrDigit := func(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isUpper(c) {
			b.WriteByte(c)
			continue
		}
		if i > 0 {
			prev := name[i-1]
			// A word starts at a capital after a small letter or digit
			// (region|Picker), or at the last capital of a run followed
			// by a small letter (XML|View).
			if isLowerOrDigit(prev) || isUpper(prev) && i+1 < len(name) && 'a' <= name[i+1] && name[i+1] <= 'z' {
				b.WriteByte('-')
			}
		}
		b.WriteByte(c + 'a' - 'A')
	}
	return b.String()
}

// ValidatePropName checks a component prop name: a JavaScript identifier.
func ValidatePropName(s string) error { return validateIdentifier("prop name", s) }

// ValidateParamName checks a page param or API input/output name.
func ValidateParamName(s string) error { return validateIdentifier("param name", s) }

// ValidateAPIName checks an API name: a JavaScript identifier, since it is
// called as plugin.name(...).
func ValidateAPIName(s string) error { return validateIdentifier("API name", s) }

func validateIdentifier(label, s string) error {
	if err := validateRequiredLine(label, s, MaxLineRunes); err != nil {
		return err
	}
	if !isIdentifier(s) {
		return i18n.Errorf("%s %s must be an identifier: letters, digits, _ or $, not starting with a digit, like maxCount", word(label), quoteForMessage(s))
	}
	return nil
}

// isIdentifier reports whether s matches ^[A-Za-z_$][A-Za-z0-9_$]*$. It is
// a loop rather than a regexp because a big guide has thousands of prop
// names and the regexp was a third of checking them (BenchmarkSubmit).
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_', c == '$':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// ValidateEventName checks a component event name, which is onXxx.
func ValidateEventName(s string) error {
	if err := validateRequiredLine("event name", s, MaxLineRunes); err != nil {
		return err
	}
	if !draftEventNameRE.MatchString(s) {
		return i18n.Errorf("event name %s must be \"on\" followed by a capital letter, then letters and digits, like onChange", quoteForMessage(s))
	}
	return nil
}

// ValidatePageName checks a page name: required, one line.
func ValidatePageName(s string) error {
	return validateRequiredLine("page name", s, MaxLineRunes)
}

// ValidatePagePath checks a page path, which is relative to the plugin root
// and has no file extension, like pages/home/index.
func ValidatePagePath(s string) error {
	if err := validateRequiredLine("page path", s, MaxLineRunes); err != nil {
		return err
	}
	q := quoteForMessage(s)
	if strings.HasPrefix(s, "/") {
		return i18n.Errorf("page path %s must be relative, without a leading /, like pages/home/index", q)
	}
	for seg := range strings.SplitSeq(s, "/") {
		switch {
		case seg == "":
			return i18n.Errorf("page path %s has an empty part (// or a trailing /)", q)
		case seg == "." || seg == "..":
			return i18n.Errorf("page path %s must not contain . or .. parts", q)
		case !draftPathSegmentRE.MatchString(seg):
			return i18n.Errorf("page path %s: part %s may only use letters, digits, _ and - (no file extension), like pages/home/index", q, quoteForMessage(seg))
		}
	}
	return nil
}

// ValidatePropType checks the type of a component prop or an API input/output.
func ValidatePropType(s string) error { return validateType(s, PropTypes, "") }

// ValidatePageParamType checks the type of a page param.
func ValidatePageParamType(s string) error {
	return validateType(s, PageParamTypes, "a page param is passed in the page URL, so it can only be")
}

func validateType(s string, allowed []string, why string) error {
	list := strings.Join(allowed, ", ")
	if s == "" {
		return i18n.Errorf("type is required; choose one of %s", list)
	}
	if slices.Contains(allowed, s) {
		return nil
	}
	if why != "" && slices.Contains(PropTypes, s) {
		return i18n.Errorf("type %s is not allowed: %s %s", quoteForMessage(s), word(why), list)
	}
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return i18n.Errorf("type %s is not one of %s; did you mean %s?", quoteForMessage(s), list, a)
		}
	}
	return i18n.Errorf("type %s is not one of %s", quoteForMessage(s), list)
}

// ValidatePropDefault checks a prop's default value against its type; ""
// means no default. The text is what a developer writes in the draft and
// what the sample code puts in the page, so it must read as a value of the
// type there:
//   - Number: a finite number as JSON writes it (10, -0.5, 1e3); not NaN,
//     Infinity, 1e999 (which is Infinity), hex (0x1F) or +1, .5, 007;
//   - Boolean: true or false;
//   - Array and Object: a JSON array or object, complete ([1, 2], {"a": 1});
//   - String and Any: any text on one line, written as it is (no quotes
//     needed).
func ValidatePropDefault(typ, def string) error {
	if def == "" {
		return nil
	}
	if err := validateLine("default", def, limitOf("guide.components[].props[].default").max); err != nil {
		return err
	}
	q := quoteForMessage(def)
	switch typ {
	case "Number":
		return validateNumberDefault(def, q)
	case "Boolean":
		if def != "true" && def != "false" {
			if t := strings.ToLower(strings.TrimSpace(def)); t == "true" || t == "false" {
				return i18n.Errorf("default %s must be true or false, since the type is Boolean; did you mean %s?", q, t)
			}
			return i18n.Errorf("default %s must be true or false, since the type is Boolean", q)
		}
	case "Array", "Object":
		open, what, noun, like := "[", "an array", "array", `[1, 2] or ["a", "b"]`
		if typ == "Object" {
			open, what, noun, like = "{", "an object", "object", `{"key": "value"}`
		}
		t := strings.TrimSpace(def)
		if !strings.HasPrefix(t, open) {
			return i18n.Errorf("default %s is not %s, but the type is %s; write it in JSON, like %s", q, word(what), typ, word(like))
		}
		if !json.Valid([]byte(t)) {
			return i18n.Errorf("default %s is not complete JSON %s: check its brackets, quotes and commas; write it like %s", q, word(noun), word(like))
		}
	}
	return nil
}

// validateNumberDefault checks a Number default; q is def quoted.
func validateNumberDefault(def, q string) error {
	if isJSONNumber(def) {
		if f, err := strconv.ParseFloat(def, 64); err != nil || math.IsInf(f, 0) {
			return i18n.Errorf("default %s is too large for a number (it would be Infinity)", q)
		}
		return nil
	}
	t := strings.TrimSpace(def)
	lower := strings.ToLower(strings.TrimLeft(t, "+-"))
	switch {
	case lower == "nan" || strings.HasPrefix(lower, "inf"):
		return i18n.Errorf("default %s is not a finite number, but the type is Number; write a number like 10 or -0.5", q)
	case strings.HasPrefix(lower, "0x") || strings.HasPrefix(lower, "0o") || strings.HasPrefix(lower, "0b"):
		if n, ok := new(big.Int).SetString(strings.ReplaceAll(t, "_", ""), 0); ok && len(n.String()) <= 20 {
			return i18n.Errorf("default %s is not written in decimal; write it as %s", q, n.String())
		}
		return i18n.Errorf("default %s is not written in decimal; write a decimal number like 31", q)
	}
	if f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return i18n.Errorf("default %s is not a number as JSON writes it; write it as %s", q, strconv.FormatFloat(f, 'g', -1, 64))
	}
	return i18n.Errorf("default %s is not a number, but the type is Number; write a number like 10, -0.5 or 1e3", q)
}

// isJSONNumber reports whether s is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, nothing around it.
func isJSONNumber(s string) bool {
	i := 0
	digits := func() bool {
		start := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > start
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

func validateRequiredLine(label, s string, maxRunes int) error {
	if strings.TrimSpace(s) == "" {
		return i18n.Errorf("%s is required", word(label))
	}
	return validateLine(label, s, maxRunes)
}

func validateLine(label, s string, maxRunes int) error {
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return i18n.Errorf("%s has %d characters; at most %d are allowed", word(label), n, maxRunes)
	}
	if strings.ContainsAny(s, "\r\n") {
		return i18n.Errorf("%s must be a single line", word(label))
	}
	return nil
}

func validateRequiredText(f fieldLimit, s string) error {
	if strings.TrimSpace(s) == "" {
		return i18n.Errorf("%s is required", word(f.label))
	}
	return validateField(f, s)
}

// validateField checks the length of a long text field against its limit.
func validateField(f fieldLimit, s string) error {
	if n := utf8.RuneCountInString(s); n > f.max {
		return i18n.Errorf("%s has %d characters; at most %d are allowed", word(f.label), n, f.max)
	}
	return nil
}

func validateText(label, s string) error {
	if n := utf8.RuneCountInString(s); n > MaxTextRunes {
		return i18n.Errorf("%s has %d characters; at most %d are allowed", word(label), n, MaxTextRunes)
	}
	return nil
}

// quoteForMessage quotes untrusted text for an error message: Go quoting
// escapes control and bidi characters, and long text is cut so one bad
// field cannot flood the screen.
func quoteForMessage(s string) string {
	const maxRunes = 40
	n := 0
	for i := range s {
		if n == maxRunes {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
