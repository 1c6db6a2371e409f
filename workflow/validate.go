package workflow

import (
	"encoding/json"
	"errors"
	"fmt"
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
// fields appear in the draft, or nil when it may be submitted.
func (d Draft) Problems() []Problem {
	var v validator
	v.info(d.Info)
	v.components(d.Guide.Components)
	v.pages(d.Guide.Pages)
	v.apis(d.Guide.APIs)
	v.add("guide", i18n.Text{}, ValidateGuideHasEntries(d.Guide))
	v.add("guide.instructions", i18n.Text{}, ValidateInstructions(d.Guide.Instructions))
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

// fieldLimits is the one source of every field's character limit: the
// validation rules (Problems), the size refusal (OverLimits) and the
// wizard (FieldLimit) all read it.
var fieldLimits = func() map[string]fieldLimit {
	line := func(path, label string) fieldLimit { return fieldLimit{path, label, MaxLineRunes, MaxLineRunes} }
	text := func(path, label string) fieldLimit { return fieldLimit{path, label, MaxTextRunes, MaxTextRunes} }
	list := []fieldLimit{
		{"info.title", "title (服务标题)", MaxTitleRunes, MaxLineRunes},
		{"info.intro", "intro (简单介绍)", MaxIntroRunes, MaxLineRunes},
		text("info.description", "description (服务描述)"),
		line("info.logo", "logo"),
		line("info.abilities[]", "ability type (功能类型)"),
		line("info.buyers", "who may order (可订购人群)"),
		text("info.usage", "how to use (接入玩法)"),
		text("info.cases", "case study (案例介绍)"),
		line("info.pc_url", "PC URL (PC端url)"),
		line("info.contact", "support contact (客服联系方式)"),
		line("guide.components[].name", "component name"),
		text("guide.components[].description", "description"),
		line("guide.components[].props[].name", "prop name"),
		line("guide.components[].props[].type", "type"),
		line("guide.components[].props[].default", "default"),
		text("guide.components[].props[].description", "description"),
		line("guide.components[].events[].name", "event name"),
		text("guide.components[].events[].description", "description"),
		line("guide.pages[].name", "page name"),
		line("guide.pages[].path", "page path"),
		text("guide.pages[].description", "description"),
		text("guide.apis[].description", "description"),
		line("guide.apis[].name", "API name"),
		text("guide.instructions", "instructions (接入说明与示例代码)"),
	}
	for _, p := range []struct{ base, kind string }{
		{"guide.pages[].params[]", "param"},
		{"guide.apis[].inputs[]", "input"},
		{"guide.apis[].outputs[]", "output"},
	} {
		list = append(list,
			line(p.base+".name", p.kind+" name"),
			line(p.base+".type", "type"),
			text(p.base+".description", "description"))
	}
	m := make(map[string]fieldLimit, len(list))
	for _, f := range list {
		m[f.path] = f
	}
	return m
}()

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
// all: each field's hard limit (see fieldLimits), MaxEntries, MaxSubEntries
// and MaxDraftBytes, not the form's own rules. An incomplete draft may be
// saved; an oversized one may not. A field refused here states the same
// limit as its validation rule: a 100,000-character title is told "at most
// 20", whether it is saved or submitted.
func (d Draft) OverLimits() []Problem {
	var v validator
	check := func(path string, f fieldLimit, s string) { v.add(path, i18n.Text{}, overLimit(s, f)) }
	field := func(path, s string) { check(path, limitOf(path), s) }
	var (
		abilityLim = limitOf("info.abilities[]")
		compName   = limitOf("guide.components[].name")
		compDesc   = limitOf("guide.components[].description")
		propName   = limitOf("guide.components[].props[].name")
		propType   = limitOf("guide.components[].props[].type")
		propDef    = limitOf("guide.components[].props[].default")
		propDesc   = limitOf("guide.components[].props[].description")
		eventName  = limitOf("guide.components[].events[].name")
		eventDesc  = limitOf("guide.components[].events[].description")
		pageName   = limitOf("guide.pages[].name")
		pagePath   = limitOf("guide.pages[].path")
		pageDesc   = limitOf("guide.pages[].description")
		apiName    = limitOf("guide.apis[].name")
		apiDesc    = limitOf("guide.apis[].description")
	)
	params := func(base, table string, list []Param) {
		v.count(base, i18n.Text{}, "entries", len(list), MaxSubEntries)
		name, typ, desc := limitOf(table+".name"), limitOf(table+".type"), limitOf(table+".description")
		for i, p := range list {
			path := fmt.Sprintf("%s[%d]", base, i)
			check(path+".name", name, p.Name)
			check(path+".type", typ, p.Type)
			check(path+".description", desc, p.Description)
		}
	}
	in := d.Info
	field("info.title", in.Title)
	field("info.intro", in.Intro)
	field("info.description", in.Description)
	field("info.logo", in.Logo)
	v.count("info.abilities", i18n.Text{}, "ability types", len(in.Abilities), MaxSubEntries)
	for i, a := range in.Abilities {
		check(fmt.Sprintf("info.abilities[%d]", i), abilityLim, a)
	}
	field("info.buyers", in.Buyers)
	field("info.usage", in.Usage)
	field("info.cases", in.Cases)
	field("info.pc_url", in.PCURL)
	field("info.contact", in.Contact)

	g := d.Guide
	v.count("guide.components", i18n.Text{}, "components", len(g.Components), MaxEntries)
	for i, c := range g.Components {
		path := fmt.Sprintf("guide.components[%d]", i)
		check(path+".name", compName, c.Name)
		check(path+".description", compDesc, c.Description)
		v.count(path+".props", i18n.Text{}, "props", len(c.Props), MaxSubEntries)
		for k, p := range c.Props {
			pp := fmt.Sprintf("%s.props[%d]", path, k)
			check(pp+".name", propName, p.Name)
			check(pp+".type", propType, p.Type)
			check(pp+".default", propDef, p.Default)
			check(pp+".description", propDesc, p.Description)
		}
		v.count(path+".events", i18n.Text{}, "events", len(c.Events), MaxSubEntries)
		for k, e := range c.Events {
			ep := fmt.Sprintf("%s.events[%d]", path, k)
			check(ep+".name", eventName, e.Name)
			check(ep+".description", eventDesc, e.Description)
		}
	}
	v.count("guide.pages", i18n.Text{}, "pages", len(g.Pages), MaxEntries)
	for i, p := range g.Pages {
		path := fmt.Sprintf("guide.pages[%d]", i)
		check(path+".name", pageName, p.Name)
		check(path+".path", pagePath, p.Path)
		check(path+".description", pageDesc, p.Description)
		params(path+".params", "guide.pages[].params[]", p.Params)
	}
	v.count("guide.apis", i18n.Text{}, "APIs", len(g.APIs), MaxEntries)
	for i, a := range g.APIs {
		path := fmt.Sprintf("guide.apis[%d]", i)
		check(path+".name", apiName, a.Name)
		check(path+".description", apiDesc, a.Description)
		params(path+".inputs", "guide.apis[].inputs[]", a.Inputs)
		params(path+".outputs", "guide.apis[].outputs[]", a.Outputs)
	}
	field("guide.instructions", g.Instructions)
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

func (v *validator) info(in Info) {
	v.add("info.title", i18n.Text{}, ValidateTitle(in.Title))
	v.add("info.intro", i18n.Text{}, ValidateIntro(in.Intro))
	v.add("info.description", i18n.Text{}, ValidateDescription(in.Description))
	v.add("info.logo", i18n.Text{}, ValidateLogo(in.Logo))
	v.abilities(in.Abilities)
	v.add("info.buyers", i18n.Text{}, ValidateBuyers(in.Buyers))
	v.add("info.usage", i18n.Text{}, ValidateUsage(in.Usage))
	v.add("info.cases", i18n.Text{}, ValidateCases(in.Cases))
	v.add("info.pc_url", i18n.Text{}, ValidatePCURL(in.PCURL))
	v.add("info.contact", i18n.Text{}, ValidateContact(in.Contact))
}

func (v *validator) abilities(list []string) {
	if len(list) == 0 {
		v.add("info.abilities", i18n.Text{}, ValidateAbilities(list))
		return
	}
	v.count("info.abilities", i18n.Text{}, "ability types", len(list), len(Abilities))
	first := make(map[string]int, len(list))
	for i, a := range list {
		path := fmt.Sprintf("info.abilities[%d]", i)
		if err := validateAbility(a); err != nil {
			v.add(path, i18n.Text{}, err)
		} else if j, dup := first[a]; dup {
			v.addf(path, i18n.Text{}, "ability type %s is already chosen at info.abilities[%d]", quoteForMessage(a), j)
		} else {
			first[a] = i
		}
	}
}

func (v *validator) components(list []Component) {
	const base = "guide.components"
	v.count(base, i18n.Text{}, "components", len(list), MaxEntries)
	first := make(map[string]int, len(list))
	tags := make(map[string]int, len(list))
	for i, c := range list {
		path := fmt.Sprintf("%s[%d]", base, i)
		ctx := entryContext("component", c.Name)
		if err := ValidateComponentName(c.Name); err != nil {
			v.add(path+".name", i18n.Text{}, err)
		} else if j, dup := first[c.Name]; dup {
			v.addf(path+".name", i18n.Text{}, "component name %s is already used by %s[%d]", quoteForMessage(c.Name), base, j)
		} else if tag := ComponentTag(c.Name); tags[tag] > 0 {
			j := tags[tag] - 1
			v.addf(path+".name", i18n.Text{}, "component name %s is written <%s> in a page, as %s[%d] %s is; rename one of them", quoteForMessage(c.Name), tag, base, j, quoteForMessage(list[j].Name))
		} else {
			first[c.Name] = i
			tags[tag] = i + 1
		}
		v.add(path+".description", ctx, validateText("description", c.Description))

		v.count(path+".props", ctx, "props", len(c.Props), MaxSubEntries)
		props := make(map[string]int, len(c.Props))
		for k, p := range c.Props {
			nameErr := ValidatePropName(p.Name)
			if nameErr == nil {
				if j, dup := props[p.Name]; dup {
					nameErr = i18n.Errorf("prop name %s is already used by %s.props[%d]", quoteForMessage(p.Name), path, j)
				} else {
					props[p.Name] = k
				}
			}
			typeErr := ValidatePropType(p.Type)
			var defaultErr error
			if typeErr == nil {
				defaultErr = ValidatePropDefault(p.Type, p.Default)
			} else {
				defaultErr = validateLine("default", p.Default, MaxLineRunes)
			}
			descErr := validateText("description", p.Description)
			if nameErr == nil && typeErr == nil && defaultErr == nil && descErr == nil {
				// Most props are fine: their path and context strings, a
				// third of checking a big guide, are built only when needed.
				continue
			}
			pp := fmt.Sprintf("%s.props[%d]", path, k)
			pctx := within(ctx, entryContext("prop", p.Name))
			v.add(pp+".name", ctx, nameErr)
			v.add(pp+".type", pctx, typeErr)
			v.add(pp+".default", pctx, defaultErr)
			v.add(pp+".description", pctx, descErr)
		}

		v.count(path+".events", ctx, "events", len(c.Events), MaxSubEntries)
		events := make(map[string]int, len(c.Events))
		for k, e := range c.Events {
			ep := fmt.Sprintf("%s.events[%d]", path, k)
			if err := ValidateEventName(e.Name); err != nil {
				v.add(ep+".name", ctx, err)
			} else if j, dup := events[e.Name]; dup {
				v.addf(ep+".name", ctx, "event name %s is already used by %s.events[%d]", quoteForMessage(e.Name), path, j)
			} else if j, clash := props[e.Name]; clash {
				v.addf(ep+".name", ctx, "event %s has the same name as prop %s.props[%d]; a name is either a prop or an event", quoteForMessage(e.Name), path, j)
			} else {
				events[e.Name] = k
			}
			v.add(ep+".description", within(ctx, entryContext("event", e.Name)), validateText("description", e.Description))
		}
	}
}

func (v *validator) pages(list []GuidePage) {
	const base = "guide.pages"
	v.count(base, i18n.Text{}, "pages", len(list), MaxEntries)
	names := make(map[string]int, len(list))
	paths := make(map[string]int, len(list))
	for i, p := range list {
		path := fmt.Sprintf("%s[%d]", base, i)
		ctx := entryContext("page", p.Name)
		if err := ValidatePageName(p.Name); err != nil {
			v.add(path+".name", i18n.Text{}, err)
		} else if j, dup := names[p.Name]; dup {
			v.addf(path+".name", i18n.Text{}, "page name %s is already used by %s[%d]", quoteForMessage(p.Name), base, j)
		} else {
			names[p.Name] = i
		}
		if err := ValidatePagePath(p.Path); err != nil {
			v.add(path+".path", ctx, err)
		} else if j, dup := paths[p.Path]; dup {
			v.addf(path+".path", ctx, "path %s is already used by %s[%d]", quoteForMessage(p.Path), base, j)
		} else {
			paths[p.Path] = i
		}
		v.add(path+".description", ctx, validateText("description", p.Description))
		v.params(path+".params", ctx, "param", p.Params, ValidatePageParamType)
	}
}

func (v *validator) apis(list []API) {
	const base = "guide.apis"
	v.count(base, i18n.Text{}, "APIs", len(list), MaxEntries)
	first := make(map[string]int, len(list))
	for i, a := range list {
		path := fmt.Sprintf("%s[%d]", base, i)
		ctx := entryContext("API", a.Name)
		if err := ValidateAPIName(a.Name); err != nil {
			v.add(path+".name", i18n.Text{}, err)
		} else if j, dup := first[a.Name]; dup {
			v.addf(path+".name", i18n.Text{}, "API name %s is already used by %s[%d]", quoteForMessage(a.Name), base, j)
		} else {
			first[a.Name] = i
		}
		v.add(path+".description", ctx, validateText("description", a.Description))
		v.params(path+".inputs", ctx, "input", a.Inputs, ValidatePropType)
		v.params(path+".outputs", ctx, "output", a.Outputs, ValidatePropType)
	}
}

// params checks a page's params or an API's inputs or outputs; kind is what
// one entry is called in messages.
func (v *validator) params(base string, ctx i18n.Text, kind string, list []Param, validateType func(string) error) {
	v.count(base, ctx, kind+"s", len(list), MaxSubEntries)
	first := make(map[string]int, len(list))
	for i, p := range list {
		path := fmt.Sprintf("%s[%d]", base, i)
		if err := validateIdentifier(kind+" name", p.Name); err != nil {
			v.add(path+".name", ctx, err)
		} else if j, dup := first[p.Name]; dup {
			v.addf(path+".name", ctx, "%s name %s is already used by %s[%d]", word(kind), quoteForMessage(p.Name), base, j)
		} else {
			first[p.Name] = i
		}
		pctx := within(ctx, entryContext(kind, p.Name))
		v.add(path+".type", pctx, validateType(p.Type))
		v.add(path+".description", pctx, validateText("description", p.Description))
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
