package guidedoc

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"plugpub/workflow"
)

// Alias is the name the generated code gives the plugin in app.json. Any
// name works as long as app.json and the code agree; myPlugin is the one
// the Alipay documentation and the 填写样例 use.
const Alias = "myPlugin"

// NoPluginID stands in for the provider when the plugin id is not known.
const NoPluginID = "<插件ID>"

// Sample is the 功能清单 of the integration guide: how to use each of its
// components, pages and APIs from a mini program.
type Sample struct {
	Alias      string
	AppJSON    string // app.json declaring the plugin under Alias
	Components []ComponentSample
	Pages      []PageSample
	APIs       []APISample
}

// ComponentSample shows one component on a page of the mini program.
type ComponentSample struct {
	Name     string // the component's name, sanitised to one line
	PageJSON string // the page's .json: its usingComponents entry
	AXML     string // the tag with every prop and event
	JS       string // Page({...}) with the data the tag binds and its handlers; "" when there is none
}

// PageSample shows how to open one page of the plugin.
type PageSample struct {
	Name string
	JS   string // my.navigateTo with the page's params
}

// APISample shows one call of an exported API.
type APISample struct {
	Name string
	JS   string // requirePlugin and the call with its inputs
}

// SampleCode generates the sample code of guide g for the plugin pluginID
// ("" when unknown: the provider is then NoPluginID). Every string of g is
// sanitised first, so the code holds no control or bidi characters, and
// every value is escaped for where it is written: the JSON parts are valid
// JSON, the rest valid AXML and JavaScript, whatever the guide holds.
func SampleCode(pluginID string, g workflow.Guide) Sample {
	provider := workflow.SanitizeLine(strings.TrimSpace(pluginID))
	if provider == "" {
		provider = NoPluginID
	}
	s := Sample{Alias: Alias, AppJSON: appJSON(provider)}
	for i, c := range g.Components {
		s.Components = append(s.Components, componentSample(i, c))
	}
	for _, p := range g.Pages {
		s.Pages = append(s.Pages, pageSample(p))
	}
	for _, a := range g.APIs {
		s.APIs = append(s.APIs, apiSample(a))
	}
	return s
}

type pluginDecl struct {
	Version  string `json:"version"`
	Provider string `json:"provider"`
}

func appJSON(provider string) string {
	return marshal(struct {
		Plugins map[string]pluginDecl `json:"plugins"`
	}{map[string]pluginDecl{Alias: {Version: "*", Provider: provider}}})
}

func usingComponents(tag, name string) string {
	return marshal(struct {
		UsingComponents map[string]string `json:"usingComponents"`
	}{map[string]string{tag: "plugin://" + Alias + "/" + name}})
}

// line is one-line untrusted text made safe.
func line(s string) string { return workflow.SanitizeLine(s) }

func componentSample(i int, c workflow.Component) ComponentSample {
	name := line(c.Name)
	// The usingComponents key is the tag the page writes: the name as a
	// tag (regionPicker → region-picker, since tags are lower case), or a
	// stand-in for a name that cannot be one.
	tag := workflow.ComponentTag(name)
	if tag == "" {
		tag = fmt.Sprintf("component-%d", i+1)
	}
	out := ComponentSample{Name: name, PageJSON: usingComponents(tag, name)}

	var attrs, data, handlers []string
	names := map[string]bool{} // attribute names used, so a repeated prop is written once
	keys := map[string]bool{}  // data keys and handler names used
	for j, p := range c.Props {
		pname := line(p.Name)
		if !attrNameRE.MatchString(pname) || names[pname] {
			continue // not writable as an attribute; the property table still lists it
		}
		names[pname] = true
		if attr, ok := inlineValue(p); ok {
			attrs = append(attrs, fmt.Sprintf(`%s="%s"`, pname, attr))
			continue
		}
		key := pname
		if !isVar(key) {
			key = fmt.Sprintf("prop%d", j+1)
		}
		key = unique(keys, key)
		attrs = append(attrs, fmt.Sprintf(`%s="{{%s}}"`, pname, key))
		data = append(data, fmt.Sprintf("    %s: %s,", key, dataValue(p)))
	}
	for j, e := range c.Events {
		ename := line(e.Name)
		if !attrNameRE.MatchString(ename) || names[ename] {
			continue
		}
		names[ename] = true
		h := unique(keys, handlerName(ename, j))
		attrs = append(attrs, fmt.Sprintf(`%s="%s"`, ename, h))
		var b strings.Builder
		if d := strings.TrimSpace(line(e.Description)); d != "" {
			fmt.Fprintf(&b, "  // %s\n", d)
		}
		fmt.Fprintf(&b, "  %s(e) {\n    console.log(%s, e.detail);\n  },", h, jsString(ename))
		handlers = append(handlers, b.String())
	}

	if len(attrs) == 0 {
		out.AXML = "<" + tag + " />"
	} else {
		out.AXML = "<" + tag + "\n  " + strings.Join(attrs, "\n  ") + "\n/>"
	}
	if len(data) > 0 || len(handlers) > 0 {
		var b strings.Builder
		b.WriteString("Page({\n")
		if len(data) > 0 {
			b.WriteString("  data: {\n" + strings.Join(data, "\n") + "\n  },\n")
		}
		for _, h := range handlers {
			b.WriteString(h + "\n")
		}
		b.WriteString("});")
		out.JS = b.String()
	}
	return out
}

// propType is the prop's type, or Any for one outside the allowed set.
func propType(t string) string {
	t = strings.TrimSpace(t)
	if slices.Contains(workflow.PropTypes, t) {
		return t
	}
	return "Any"
}

// inlineValue is the attribute value that shows a prop's default in the
// tag itself: the text of a String, {{n}} of a Number, {{true}} of a
// Boolean. Anything else is bound to the page's data instead.
func inlineValue(p workflow.Prop) (string, bool) {
	def := line(p.Default)
	switch propType(p.Type) {
	case "String":
		// {{ has no escape in AXML: such a default goes through data.
		if def != "" && !strings.Contains(def, "{{") && !strings.Contains(def, "}}") {
			return axmlAttr(def), true
		}
	case "Number":
		if n := number(def); n != "" {
			return "{{" + n + "}}", true
		}
	case "Boolean":
		if b := strings.TrimSpace(def); b == "true" || b == "false" {
			return "{{" + b + "}}", true
		}
	}
	return "", false
}

// dataValue is the JavaScript value of a prop bound to the page's data:
// its default when that fits the type, else a placeholder of the type.
func dataValue(p workflow.Prop) string {
	def := line(p.Default)
	switch t := propType(p.Type); t {
	case "String":
		if def != "" {
			return jsString(def)
		}
	case "Array":
		if v := compactJSON(def, "["); v != "" {
			return v
		}
	case "Object":
		if v := compactJSON(def, "{"); v != "" {
			return v
		}
	case "Any":
		if v := compactJSON(def, `[{"-0123456789tfn`); v != "" {
			return v
		}
		if def != "" {
			return jsString(def)
		}
	}
	return placeholder(propType(p.Type))
}

// placeholder is a value of type t for a reader to replace.
func placeholder(t string) string {
	switch t {
	case "String":
		return "'xxx'"
	case "Number":
		return "0"
	case "Boolean":
		return "false"
	case "Array":
		return "[]"
	case "Object":
		return "{}"
	}
	return "null"
}

// number returns s trimmed if it is a JSON number, which is also a
// JavaScript number literal, else "".
func number(s string) string {
	return compactJSON(s, "-0123456789")
}

// handlerName is the page method an event calls: onRecognize → handleRecognize.
func handlerName(event string, i int) string {
	if eventRE.MatchString(event) {
		return "handle" + event[2:]
	}
	var b strings.Builder
	b.WriteString("handle")
	for _, w := range wordRE.FindAllString(strings.TrimPrefix(event, "on"), -1) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if b.Len() == len("handle") {
		fmt.Fprintf(&b, "Event%d", i+1)
	}
	return b.String()
}

// unique returns name, or name with a number when it is already used.
func unique(used map[string]bool, name string) string {
	n := name
	for i := 2; used[n]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	used[n] = true
	return n
}

func pageSample(p workflow.GuidePage) PageSample {
	name := line(p.Name)
	var q []string
	for _, prm := range p.Params {
		pn := strings.TrimSpace(line(prm.Name))
		if pn == "" {
			continue
		}
		q = append(q, url.QueryEscape(pn)+"="+url.QueryEscape(queryValue(prm.Type)))
	}
	u := "plugin://" + Alias + "/" + url.PathEscape(name)
	if len(q) > 0 {
		u += "?" + strings.Join(q, "&")
	}
	return PageSample{Name: name, JS: "my.navigateTo({\n  url: " + jsString(u) + ",\n});"}
}

// queryValue is a placeholder for a page param, as it appears in a URL.
func queryValue(t string) string {
	switch strings.TrimSpace(t) {
	case "Number":
		return "0"
	case "Boolean":
		return "false"
	}
	return "xxx"
}

func apiSample(a workflow.API) APISample {
	name := line(a.Name)
	var b strings.Builder
	fmt.Fprintf(&b, "const %s = requirePlugin(%s);\n\n", Alias, jsString(Alias))
	call := jsMember(Alias, name)
	if len(a.Inputs) == 0 {
		b.WriteString(call + "();")
	} else {
		b.WriteString(call + "({\n")
		for _, in := range a.Inputs {
			fmt.Fprintf(&b, "  %s: %s,\n", jsKey(line(in.Name)), placeholder(propType(in.Type)))
		}
		b.WriteString("});")
	}
	if len(a.Outputs) > 0 {
		outs := make([]string, len(a.Outputs))
		for i, o := range a.Outputs {
			outs[i] = line(o.Name)
		}
		b.WriteString("\n// 出参：" + strings.Join(outs, "、"))
	}
	return APISample{Name: name, JS: b.String()}
}
