package workflow

import (
	"slices"

	"plugpub/workflow/i18n"
)

// The draft's tables themselves, field by field, in the members of
// draftmembers.go; draftfields.go walks them.

// fieldLimits is every text field's limit by its path with [] for every
// index: the validation rules (Problems), the size refusal (OverLimits)
// and the wizard (FieldLimit) all read it.
var fieldLimits map[string]fieldLimit

// draftTable is the table of the whole draft. It is built in init because
// its rules read fieldLimits, which is built from it.
var draftTable *node[Draft]

func init() {
	draftTable = newNode(
		&structField[Draft, Info]{name: "info", at: func(d *Draft) *Info { return &d.Info }, elem: infoTable()},
		&structField[Draft, Guide]{name: "guide", at: func(d *Draft) *Guide { return &d.Guide }, elem: guideTable()},
	)
	fieldLimits = map[string]fieldLimit{}
	draftTable.limits("", func(f fieldLimit) { fieldLimits[f.path] = f })
}

func infoTable() *node[Info] {
	ability := newNode(&textField[string]{
		kind: KindEnum, label: "ability type (功能类型)", max: MaxLineRunes, choices: Abilities,
		at: func(s *string) *string { return s }, check: only[string](validateAbility), names: true,
		unique: []uniqueRule{{ns: "abilities", record: true, msg: func(c clash) error {
			return i18n.Errorf("ability type %s is already chosen at info.abilities[%d]", c.q, c.j)
		}}},
	})
	return newNode(
		&textField[Info]{name: "title", kind: KindLine, label: "title (服务标题)", max: MaxTitleRunes, hard: MaxLineRunes,
			at: func(in *Info) *string { return &in.Title }, check: only[Info](ValidateTitle)},
		&textField[Info]{name: "intro", kind: KindLine, label: "intro (简单介绍)", max: MaxIntroRunes, hard: MaxLineRunes,
			at: func(in *Info) *string { return &in.Intro }, check: only[Info](ValidateIntro)},
		text("description", "description (服务描述)", func(in *Info) *string { return &in.Description }, ValidateDescription),
		line("logo", "logo", func(in *Info) *string { return &in.Logo }, ValidateLogo),
		&listField[Info, string]{name: "abilities", word: "ability types", max: len(Abilities), hard: MaxSubEntries,
			at: func(in *Info) *[]string { return &in.Abilities }, elem: ability,
			empty: func() error { return ValidateAbilities(nil) }, eqAll: slices.Equal[[]string]},
		&textField[Info]{name: "buyers", kind: KindEnum, label: "who may order (可订购人群)", max: MaxLineRunes, choices: Buyers,
			at: func(in *Info) *string { return &in.Buyers }, check: only[Info](ValidateBuyers)},
		&textField[Info]{name: "order_review", kind: KindEnum, label: "order review (订购审核)", max: MaxLineRunes, choices: OrderReviews,
			at: func(in *Info) *string { return &in.OrderReview }, check: only[Info](ValidateOrderReview)},
		&boolField[Info]{name: "show_after_release", at: func(in *Info) *bool { return &in.ShowAfterRelease }},
		text("usage", "how to use (接入玩法)", func(in *Info) *string { return &in.Usage }, ValidateUsage),
		text("cases", "case study (案例介绍)", func(in *Info) *string { return &in.Cases }, ValidateCases),
		line("pc_url", "PC URL (PC端url)", func(in *Info) *string { return &in.PCURL }, ValidatePCURL),
		line("contact", "support contact (客服联系方式)", func(in *Info) *string { return &in.Contact }, ValidateContact),
	)
}

// Tables of the guide's entries, shared with the editor through Entry.
var (
	propTable      *node[Prop]
	eventTable     *node[EventDecl]
	componentTable *node[Component]
	pageParamTable *node[Param]
	inputTable     *node[Param]
	outputTable    *node[Param]
	pageTable      *node[GuidePage]
	apiTable       *node[API]
)

// unique is the rule that a name is used once in its list; msg words the clash.
func unique(ns string, msg func(c clash) error) uniqueRule {
	return uniqueRule{ns: ns, record: true, msg: msg}
}

func guideTable() *node[Guide] {
	propTable = newNode(
		nameField("prop name", func(p *Prop) *string { return &p.Name }, ValidatePropName, unique("props", func(c clash) error {
			return i18n.Errorf("prop name %s is already used by %s.props[%d]", c.q, c.parent, c.j)
		})),
		&textField[Prop]{name: "type", kind: KindEnum, label: "type", max: MaxLineRunes, choices: PropTypes,
			at: func(p *Prop) *string { return &p.Type }, check: only[Prop](ValidatePropType)},
		&boolField[Prop]{name: "required", at: func(p *Prop) *bool { return &p.Required }},
		&textField[Prop]{name: "default", kind: KindLine, label: "default", max: MaxLineRunes,
			at: func(p *Prop) *string { return &p.Default }, check: func(p *Prop, s string) error { return ValidatePropDefault(p.Type, s) }},
		text("description", "description", func(p *Prop) *string { return &p.Description }, nil),
	)
	eventTable = newNode(
		nameField("event name", func(e *EventDecl) *string { return &e.Name }, ValidateEventName,
			unique("events", func(c clash) error {
				return i18n.Errorf("event name %s is already used by %s.events[%d]", c.q, c.parent, c.j)
			}),
			uniqueRule{ns: "props", msg: func(c clash) error {
				return i18n.Errorf("event %s has the same name as prop %s.props[%d]; a name is either a prop or an event", c.q, c.parent, c.j)
			}}),
		text("description", "description", func(e *EventDecl) *string { return &e.Description }, nil),
	)
	componentTable = newNode(
		nameField("component name", func(c *Component) *string { return &c.Name }, ValidateComponentName,
			unique("components", func(c clash) error {
				return i18n.Errorf("component name %s is already used by %s[%d]", c.q, c.base, c.j)
			}),
			// A name clashes with another written with the same tag.
			uniqueRule{ns: "tags", key: ComponentTag, record: true, msg: func(c clash) error {
				return i18n.Errorf("component name %s is written <%s> in a page, as %s[%d] %s is; rename one of them", c.q, ComponentTag(c.first), c.base, c.j, quoteForMessage(c.first))
			}}),
		text("description", "description", func(c *Component) *string { return &c.Description }, nil),
		flat(&listField[Component, Prop]{name: "props", kind: "prop", word: "props", max: MaxSubEntries, hard: MaxSubEntries,
			at: func(c *Component) *[]Prop { return &c.Props }, elem: propTable}),
		flat(&listField[Component, EventDecl]{name: "events", kind: "event", word: "events", max: MaxSubEntries, hard: MaxSubEntries,
			at: func(c *Component) *[]EventDecl { return &c.Events }, elem: eventTable}),
	)

	pageParamTable = paramTable("param", PageParamTypes, ValidatePageParamType)
	inputTable = paramTable("input", PropTypes, ValidatePropType)
	outputTable = paramTable("output", PropTypes, ValidatePropType)
	pageTable = newNode(
		nameField("page name", func(p *GuidePage) *string { return &p.Name }, ValidatePageName, unique("pages", func(c clash) error {
			return i18n.Errorf("page name %s is already used by %s[%d]", c.q, c.base, c.j)
		})),
		&textField[GuidePage]{name: "path", kind: KindLine, label: "page path", max: MaxLineRunes,
			at: func(p *GuidePage) *string { return &p.Path }, check: only[GuidePage](ValidatePagePath),
			unique: []uniqueRule{unique("paths", func(c clash) error {
				return i18n.Errorf("path %s is already used by %s[%d]", c.q, c.base, c.j)
			})}},
		text("description", "description", func(p *GuidePage) *string { return &p.Description }, nil),
		paramList("params", "param", func(p *GuidePage) *[]Param { return &p.Params }, pageParamTable),
	)
	apiTable = newNode(
		nameField("API name", func(a *API) *string { return &a.Name }, ValidateAPIName, unique("apis", func(c clash) error {
			return i18n.Errorf("API name %s is already used by %s[%d]", c.q, c.base, c.j)
		})),
		text("description", "description", func(a *API) *string { return &a.Description }, nil),
		paramList("inputs", "input", func(a *API) *[]Param { return &a.Inputs }, inputTable),
		paramList("outputs", "output", func(a *API) *[]Param { return &a.Outputs }, outputTable),
	)
	return newNode(
		&listField[Guide, Component]{name: "components", kind: "component", word: "components", max: MaxEntries, hard: MaxEntries,
			at: func(g *Guide) *[]Component { return &g.Components }, elem: componentTable},
		&listField[Guide, GuidePage]{name: "pages", kind: "page", word: "pages", max: MaxEntries, hard: MaxEntries,
			at: func(g *Guide) *[]GuidePage { return &g.Pages }, elem: pageTable},
		&listField[Guide, API]{name: "apis", kind: "API", word: "APIs", max: MaxEntries, hard: MaxEntries,
			at: func(g *Guide) *[]API { return &g.APIs }, elem: apiTable},
		&ruleMember[Guide]{check: func(g *Guide) error { return ValidateGuideHasEntries(*g) }},
		text("instructions", "instructions (接入说明与示例代码)", func(g *Guide) *string { return &g.Instructions }, ValidateInstructions),
	)
}

// nameField is the name of a guide entry: the field its messages and the
// editor's duplicates use, checked by check and then by rules.
func nameField[T any](label string, at func(*T) *string, check func(string) error, rules ...uniqueRule) *textField[T] {
	return &textField[T]{name: "name", kind: KindLine, label: label, max: MaxLineRunes,
		at: at, check: only[T](check), names: true, unique: rules}
}

// paramTable is the table of a page's params or an API's inputs or
// outputs: one struct, but each list has its own word and types.
func paramTable(kind string, types []string, validateType func(string) error) *node[Param] {
	name := nameField(kind+" name", func(p *Param) *string { return &p.Name },
		func(s string) error { return validateIdentifier(kind+" name", s) },
		// Each list its own names: an API's output may share an input's name.
		unique(kind+" names", func(c clash) error {
			return i18n.Errorf("%s name %s is already used by %s[%d]", word(kind), c.q, c.base, c.j)
		}))
	return newNode(
		name,
		&textField[Param]{name: "type", kind: KindEnum, label: "type", max: MaxLineRunes, choices: types,
			at: func(p *Param) *string { return &p.Type }, check: only[Param](validateType)},
		&boolField[Param]{name: "required", at: func(p *Param) *bool { return &p.Required }},
		text("description", "description", func(p *Param) *string { return &p.Description }, nil),
	)
}

func paramList[T any](name, kind string, at func(*T) *[]Param, elem *node[Param]) *listField[T, Param] {
	return flat(&listField[T, Param]{name: name, kind: kind, word: kind + "s", overWord: "entries",
		max: MaxSubEntries, hard: MaxSubEntries, at: at, elem: elem})
}

// ---- what the editor reads
