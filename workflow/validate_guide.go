package workflow

import (
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"plugpub/workflow/i18n"
)

// The rules of the integration guide (接入指引), one per field; the draft
// table (drafttable.go) says which field each checks, and holds the
// rules about a list's entries together (unique names).

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
