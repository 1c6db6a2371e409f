package workflow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"plugpub/workflow/i18n"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Draft is the editable working copy of a plugin's publication: info form + integration guide.
//
// Its JSON form (MarshalDraft / ParseDraft) is what the store keeps and what a
// person edits by hand, so the field names below are part of the file format.
type Draft struct {
	Info  Info  `json:"info"`
	Guide Guide `json:"guide"`
}

// Info is the plugin info form (插件信息).
type Info struct {
	Title       string `json:"title"`       // 服务标题
	Intro       string `json:"intro"`       // 简单介绍
	Description string `json:"description"` // 服务描述
	// Logo is "" or a LogoRef ("sha256:<64 hex>") once the image is stored.
	// Only the input to `draft set` may carry a file path here.
	Logo             string   `json:"logo"`
	Abilities        []string `json:"abilities"`              // 功能类型, a subset of Abilities
	Buyers           string   `json:"buyers"`                 // 可订购人群: BuyersPersonal, BuyersEnterprise or BuyersAny
	OrderReview      string   `json:"order_review,omitempty"` // 订购审核: OrderReviewAuto ("" too) or OrderReviewManual
	ShowAfterRelease bool     `json:"show_after_release"`     // 发布后是否展示
	Usage            string   `json:"usage"`                  // 接入玩法
	Cases            string   `json:"cases"`                  // 案例介绍
	PCURL            string   `json:"pc_url"`                 // PC端url
	Contact          string   `json:"contact"`                // 客服联系方式
}

// Guide is the integration guide (接入指引) shown on the market detail page.
type Guide struct {
	Components   []Component `json:"components"`
	Pages        []GuidePage `json:"pages"`
	APIs         []API       `json:"apis"`
	Instructions string      `json:"instructions"` // markdown 接入说明与示例代码
}

// Component is one public component (组件).
type Component struct {
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Props       []Prop      `json:"props"`
	Events      []EventDecl `json:"events"`
}

// Prop is a component property (组件属性).
//
// Default is kept as the text the developer wrote (a JSON string in the
// draft file, whatever the prop's Type), because it is only ever shown to
// people; Problems checks that Number and Boolean defaults read as such.
type Prop struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Required    bool   `json:"required"`
	Default     string `json:"default"`
	Description string `json:"description"`
}

// EventDecl is a component event (组件事件), named onXxx.
type EventDecl struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// GuidePage is one public page (页面).
type GuidePage struct {
	Name        string  `json:"name"`
	Path        string  `json:"path"`
	Description string  `json:"description"`
	Params      []Param `json:"params"`
}

// Param is a page parameter or an API input/output.
type Param struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Required    bool   `json:"required"`
	Description string `json:"description"`
}

// API is one exported function (接口).
type API struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Inputs      []Param `json:"inputs"`
	Outputs     []Param `json:"outputs"`
}

// Who may order a listed plugin (可订购人群).
const (
	BuyersPersonal   = "个人"
	BuyersEnterprise = "企业"
	BuyersAny        = "不限"
)

// Buyers lists the allowed values of Info.Buyers in the order the form shows them.
var Buyers = []string{BuyersPersonal, BuyersEnterprise, BuyersAny}

// Abilities are the ability types (功能类型) a plugin may declare.
var Abilities = []string{"支付", "会员", "基础", "资金", "信用", "口碑", "安全", "营销"}

// PropTypes are the types of component props and API inputs/outputs.
var PropTypes = []string{"String", "Number", "Boolean", "Array", "Object", "Any"}

// PageParamTypes are the types a page parameter may have: a page is opened
// by a URL query string, which cannot carry arrays or objects.
var PageParamTypes = []string{"String", "Number", "Boolean"}

// MaxDraftBytes bounds a draft's JSON form. ParseDraft refuses more, and
// MarshalDraft refuses to produce more, so whatever is saved can be read back.
const MaxDraftBytes = 4 << 20

// NewDraft returns an empty draft with the form's defaults: shown after
// release, orderable by anyone.
func NewDraft() Draft {
	d := Draft{Info: Info{Buyers: BuyersAny, ShowAfterRelease: true}}
	d.Normalize()
	return d
}

// Normalize replaces every nil slice, at any depth, with an empty one, so the
// JSON form always says [] and readers never have to tell null from empty.
func (d *Draft) Normalize() { draftTable.normalize(d) }

// Clone returns a deep copy that shares no memory with d, so a submission
// snapshot cannot change when the draft it came from is edited. The copy is
// normalized: its slices are never nil.
func (d Draft) Clone() Draft {
	draftTable.deepen(&d)
	return d
}

// Equal reports whether d and o say the same thing: their MarshalDraft
// forms are equal (an empty list equals a nil one). It compares field by
// field, which for a guide of thousands of props is far cheaper than
// reflect.DeepEqual or marshalling both.
func (d Draft) Equal(o Draft) bool { return draftTable.equal(&d, &o) }

// MarshalDraft returns the draft's canonical JSON: two-space indent, a
// trailing newline, [] for empty lists, and Chinese, <, > and & written as
// themselves so the file stays readable and diffs stay small.
func MarshalDraft(d Draft) ([]byte, error) {
	c := d.Clone()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		return nil, i18n.Errorf("encoding draft: %w", err)
	}
	if buf.Len() > MaxDraftBytes {
		return nil, errDraftTooLarge(buf.Len())
	}
	return buf.Bytes(), nil
}

func errDraftTooLarge(n int) error {
	return i18n.Errorf("the draft is %s, more than the %s limit; shorten the longest texts", humanBytes(n), humanBytes(MaxDraftBytes))
}

// ParseDraft reads a draft written by MarshalDraft or by hand. It is strict,
// because a misspelt key would otherwise be dropped silently and the person
// would wonder where their text went: unknown or repeated keys, values of the
// wrong JSON type, and anything after the closing brace are errors that name
// the field and its line and column. Keys missing from the input keep the
// defaults of NewDraft; null is accepted for lists only.
func ParseDraft(b []byte) (Draft, error) {
	if len(b) > MaxDraftBytes {
		return Draft{}, errDraftTooLarge(len(b))
	}
	if !utf8.Valid(b) {
		off := InvalidUTF8Offset(b)
		line, col := LineCol(b, off)
		return Draft{}, i18n.Errorf("draft line %d, column %d: the file is not UTF-8 text; if it was saved as GBK, save it again as UTF-8", line, col)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return Draft{}, i18n.Errorf("the draft is empty; it should be a JSON object like {\"info\": {...}, \"guide\": {...}}")
	}
	if err := checkJSONSyntax(b); err != nil {
		return Draft{}, err
	}
	// The schema walk finds every mistake with a path and a position; only
	// then does encoding/json fill the struct, which it can no longer get wrong.
	w := draftWalker{src: b, dec: json.NewDecoder(bytes.NewReader(b))}
	if err := w.value(reflect.TypeFor[Draft](), ""); err != nil {
		return Draft{}, err
	}
	start := w.offset()
	if _, err := w.dec.Token(); err != io.EOF {
		return Draft{}, w.errAt(start, "", "unexpected data after the end of the draft")
	}
	d := NewDraft()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Draft{}, i18n.Errorf("reading draft: %w", err)
	}
	d.Normalize()
	return d, nil
}

// checkJSONSyntax reports the first syntax error with its position. It runs
// before the schema walk because the streaming decoder's offsets point
// sometimes at the bad character and sometimes before it; Unmarshal's are
// always just past it.
func checkJSONSyntax(b []byte) error {
	if json.Valid(b) {
		return nil
	}
	err := json.Unmarshal(b, new(json.RawMessage))
	se, ok := errors.AsType[*json.SyntaxError](err)
	if !ok {
		return i18n.Errorf("invalid JSON: %w", err)
	}
	if int(se.Offset) >= len(bytes.TrimRight(b, " \t\r\n")) {
		line, col := LineCol(b, len(b))
		return i18n.Errorf("draft line %d, column %d: the draft ends too early; is a closing bracket or brace missing?", line, col)
	}
	line, col := LineCol(b, int(se.Offset)-1)
	msg := strings.TrimPrefix(se.Error(), "json: ")
	if strings.Contains(msg, "after top-level value") {
		msg = "unexpected data after the end of the draft"
	}
	return i18n.Errorf("draft line %d, column %d: invalid JSON: %s", line, col, msg)
}

// draftWalker checks a JSON document token by token against the shape of a
// Go type, so errors can carry the field path, which encoding/json's don't.
type draftWalker struct {
	src []byte
	dec *json.Decoder
}

// offset is where the next token starts: the decoder reports the end of the
// previous one, so skip the whitespace and separators in between.
func (w *draftWalker) offset() int {
	off := int(w.dec.InputOffset())
	for off < len(w.src) && strings.IndexByte(" \t\r\n,:", w.src[off]) >= 0 {
		off++
	}
	return off
}

func (w *draftWalker) errAt(off int, path, format string, args ...any) error {
	line, col := LineCol(w.src, off)
	if path != "" {
		return i18n.Errorf("draft line %d, column %d: %s: %s", line, col, path, i18n.T(format, args...))
	}
	return i18n.Errorf("draft line %d, column %d: %s", line, col, i18n.T(format, args...))
}

func (w *draftWalker) token(path string) (json.Token, int, error) {
	off := w.offset()
	tok, err := w.dec.Token()
	if err != nil {
		// checkJSONSyntax has already passed, so this is not expected.
		return nil, off, w.errAt(off, path, "invalid JSON: %v", err)
	}
	return tok, off, nil
}

func (w *draftWalker) value(t reflect.Type, path string) error {
	tok, off, err := w.token(path)
	if err != nil {
		return err
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return w.errAt(off, path, "expected a string in double quotes, found %s", describeToken(tok))
		}
		return nil
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return w.errAt(off, path, "expected true or false, found %s", describeToken(tok))
		}
		return nil
	case reflect.Slice:
		if tok == nil {
			return nil
		}
		if tok != json.Delim('[') {
			return w.errAt(off, path, "expected a list in [ ], found %s", describeToken(tok))
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, _, err := w.token(path)
		return err
	case reflect.Struct:
		if tok != json.Delim('{') {
			return w.errAt(off, path, "expected an object in { }, found %s", describeToken(tok))
		}
		fields := jsonFields(t)
		seen := make(map[string]bool, len(fields))
		for w.dec.More() {
			keyTok, keyOff, err := w.token(path)
			if err != nil {
				return err
			}
			key := keyTok.(string) // the decoder guarantees object keys are strings
			keyPath := joinPath(path, key)
			f, ok := fields[key]
			if !ok {
				return w.errAt(keyOff, path, "unknown field %s; the fields here are %s", quoteForMessage(key), strings.Join(jsonFieldNames(t), ", "))
			}
			if seen[key] {
				return w.errAt(keyOff, keyPath, "field %q appears twice", key)
			}
			seen[key] = true
			if err := w.value(f, keyPath); err != nil {
				return err
			}
		}
		_, _, err := w.token(path)
		return err
	}
	panic("draft walker: unsupported kind " + t.Kind().String())
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps each JSON key of struct t to its field type. Matching is
// exact, unlike encoding/json's case-insensitive fallback, so "Title" is an
// unknown field rather than a silent alias.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	m := make(map[string]reflect.Type, t.NumField())
	for f := range t.Fields() {
		if name := jsonName(f); name != "" {
			m[name] = f.Type
		}
	}
	return m
}

func jsonFieldNames(t reflect.Type) []string {
	var names []string
	for f := range t.Fields() {
		if name := jsonName(f); name != "" {
			names = append(names, name)
		}
	}
	return names
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

func describeToken(tok json.Token) any {
	switch v := tok.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("%t", v)
	case float64, json.Number:
		return i18n.T("the number %v", v)
	case string:
		return i18n.T("the string %s", quoteForMessage(v))
	case json.Delim:
		switch v {
		case '[':
			return word("a list")
		case '{':
			return word("an object")
		}
		return fmt.Sprintf("%q", string(v))
	}
	return fmt.Sprintf("%v", tok)
}

// LineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters, which is what editors show for Chinese text.
// Every message about a place in a file people edit uses it.
func LineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// InvalidUTF8Offset is the offset of the first byte of b that is not UTF-8,
// or len(b).
func InvalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// HumanBytes is n bytes as workflow's messages say a size ("2 MiB"), for
// a screen that states a limit such as MaxLogoBytes.
func HumanBytes(n int) i18n.Text { return humanBytes(n) }

func humanBytes(n int) i18n.Text {
	const mib = 1 << 20
	if n%mib == 0 {
		return i18n.T("%d MiB", n/mib)
	}
	if n >= mib/10 {
		return i18n.T("%.1f MiB (%d bytes)", float64(n)/mib, n)
	}
	return i18n.T("%d bytes", n)
}
