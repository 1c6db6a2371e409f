package project_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"plugpub/workflow"
	"plugpub/workflow/project"
)

func prop(name, typ, def string) workflow.Prop {
	return workflow.Prop{Name: name, Type: typ, Default: def}
}

func events(names ...string) []workflow.EventDecl {
	out := []workflow.EventDecl{}
	for _, n := range names {
		out = append(out, workflow.EventDecl{Name: n})
	}
	return out
}

func page(name, path string) workflow.GuidePage {
	return workflow.GuidePage{Name: name, Path: path, Params: []workflow.Param{}}
}

func apis(names ...string) []workflow.API {
	out := []workflow.API{}
	for _, n := range names {
		out = append(out, workflow.API{Name: n, Inputs: []workflow.Param{}, Outputs: []workflow.Param{}})
	}
	return out
}

func TestReadTestdata(t *testing.T) {
	tests := []struct {
		dir  string
		want project.Declared
	}{
		{"alipay", project.Declared{
			Dialect: project.Alipay,
			Root:    "plugin",
			Files: []string{"mini.project.json", "plugin/plugin.json", "plugin/components/hello-card/hello-card.js",
				"plugin/components/pay-button/index.js", "plugin/index.js"},
			Guide: workflow.Guide{
				Components: []workflow.Component{
					{Name: "hello-card", Props: []workflow.Prop{
						prop("title", "String", "你好"),
						prop("count", "Number", "0"),
						prop("closable", "Boolean", "false"),
						prop("tags", "Array", `["new", "hot"]`),
					}, Events: events("onClose", "onTap")},
					// Component(...) takes props: defaultProps, a top-level const.
					{Name: "pay-button", Props: []workflow.Prop{
						prop("amount", "Number", "0.01"),
						prop("currency", "String", "CNY"),
						prop("options", "Object", `{"sandbox": true, "retries": 2}`),
					}, Events: events("onSuccess", "onFail")},
				},
				// publicPages only: pages/internal/index is in pages but not public.
				Pages: []workflow.GuidePage{page("home", "pages/home/index"), page("order-detail", "pages/order-detail/index")},
				APIs:  apis("getUser", "pay", "formatAmount", "sdkVersion"),
			},
			Partial:  []string{},
			Warnings: []string{},
		}},
		{"wechat", project.Declared{
			Dialect: project.WeChat,
			Root:    "plugin",
			Files:   []string{"project.config.json", "plugin/plugin.json", "plugin/components/hello-component.js", "plugin/index.js"},
			Guide: workflow.Guide{
				Components: []workflow.Component{
					{Name: "hello-component", Props: []workflow.Prop{
						prop("title", "String", ""),
						prop("size", "Number", "14"),
						prop("items", "Array", "[]"),
						prop("config", "Object", ""),
						prop("anything", "Any", ""),
						prop("color", "String", "#333"),
						prop("disabled", "Boolean", "false"), // no type: inferred from value
					}, Events: events("onChange", "onItemTap")}, // from this.triggerEvent; methods are not events
				},
				Pages: []workflow.GuidePage{page("hello-page", "pages/hello-page/hello-page")},
				APIs:  apis("sayHello", "answer", "getData"),
			},
			Partial:  []string{},
			Warnings: []string{},
		}},
		{"every-default", project.Declared{
			Dialect: project.Alipay,
			Root:    ".",
			Files:   []string{"plugin.json", "components/every-default.js"},
			Guide: workflow.Guide{
				Components: []workflow.Component{
					{Name: "every-default", Props: []workflow.Prop{
						prop("text", "String", "hello"),
						prop("chinese", "String", "你好"),
						prop("escaped", "String", `"say \"hi\"\n"`), // a line break: shown escaped, on one line
						prop("count", "Number", "10"),
						prop("hex", "Number", "31"),
						prop("negative", "Number", "-0.5"),
						prop("enabled", "Boolean", "true"),
						prop("list", "Array", `[1, "two", {"three": 3}]`),
						prop("style", "Object", `{"color": "red", "font-size": 12}`),
						prop("nothing", "Any", "null"),
						prop("missing", "Any", ""),
						prop("plain", "String", "plain text"),
						prop("greeting", "String", "`hi ${size}`"),
						prop("ref", "Any", "size"),
						prop("sum", "Any", "size + 1"),
						prop("formatter", "Any", ""), // a function not named onXxx is a prop
					}, Events: events("onChange", "onYyy")},
				},
				Pages: []workflow.GuidePage{},
				APIs:  []workflow.API{},
			},
			Partial:  []string{},
			Warnings: []string{},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			checkReadImportsCleanly(t, filepath.Join("testdata", tc.dir), tc.want, "guide.")
		})
	}
}

func TestReadBrokenTestdata(t *testing.T) {
	tests := []struct{ dir, want string }{
		{"broken-json", `testdata/broken-json/plugin.json:4:3: invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"missing-component", `testdata/missing-component/plugin.json:4:5: publicComponents "gone": "components/gone" does not exist (looked for components/gone.js and components/gone/index.js)`},
		{"syntax-error", `testdata/syntax-error/components/bad.js:4:5: invalid JavaScript: unexpected size in object literal`},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			checkBroken(t, filepath.Join("testdata", tc.dir), tc.want)
		})
	}
}

// checkReadImportsCleanly asserts that dir reads as want, and that what
// code declares is well-formed: importing it into an empty draft leaves no
// problem whose path starts with guidePrefix (the guide's descriptions are
// still to write, and nothing else).
func checkReadImportsCleanly(t *testing.T, dir string, want project.Declared, guidePrefix string) {
	t.Helper()
	got, err := project.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read:\n got %#v\nwant %#v", got, want)
	}
	d := workflow.NewDraft()
	d.Guide = project.NewPlan(d.Guide, got).Apply(d.Guide, false)
	for _, p := range d.Problems() {
		if strings.HasPrefix(p.Path, guidePrefix) {
			t.Errorf("imported guide has a problem: %v", p)
		}
	}
}

// checkBroken asserts the exact error, that it is a workflow invalid
// error (exit 3), and that no Declared value comes with it.
func checkBroken(t *testing.T, dir, want string) *project.Error {
	t.Helper()
	got, err := project.Read(dir)
	if err == nil {
		t.Fatalf("Read(%s) succeeded: %#v", dir, got)
	}
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}
	if workflow.KindOf(err) != workflow.KindInvalid || !errors.Is(err, workflow.ErrInvalid) {
		t.Errorf("error %v is not a workflow invalid error", err)
	}
	if !reflect.DeepEqual(got, project.Declared{}) {
		t.Errorf("an error came with a Declared value: %#v", got)
	}
	var pe *project.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %T is not a *project.Error", err)
	}
	return pe
}

// write makes a project from file name → content.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadErrors(t *testing.T) {
	const comp = "Component({ props: { a: 1 } })"
	tests := []struct {
		name  string
		files map[string]string
		want  string // with DIR for the temporary folder
	}{
		{"empty folder", map[string]string{},
			"DIR/plugin.json: not found; give the plugin project's folder (with mini.project.json or project.config.json naming its pluginRoot) or the folder that holds plugin.json"},
		{"pluginRoot without plugin.json", map[string]string{"mini.project.json": `{"pluginRoot": "plugin"}`},
			`DIR/mini.project.json:1:16: pluginRoot is "plugin", but plugin/plugin.json does not exist`},
		{"pluginRoot outside", map[string]string{"project.config.json": "{\n  \"pluginRoot\": \"../elsewhere\"\n}"},
			`DIR/project.config.json:2:17: pluginRoot "../elsewhere" must be a folder inside the project`},
		{"pluginRoot not a string", map[string]string{"mini.project.json": `{"pluginRoot": 3}`},
			`DIR/mini.project.json:1:16: pluginRoot must be a string, found a number`},
		{"config invalid JSON", map[string]string{"mini.project.json": "{\n  \"pluginRoot\" \"plugin\"\n}"},
			`DIR/mini.project.json:2:16: invalid JSON: invalid character '"' after object key`},
		{"empty plugin.json", map[string]string{"plugin.json": "  \n"},
			`DIR/plugin.json: is empty; it should be a JSON object { ... }`},
		{"plugin.json cut short", map[string]string{"plugin.json": "{\n  \"main\": \"index.js\"\n"},
			`DIR/plugin.json:3:1: invalid JSON: the file ends too early; is a closing bracket or brace missing?`},
		{"plugin.json a list", map[string]string{"plugin.json": "[]"},
			`DIR/plugin.json:1:1: must be a JSON object { ... }, found a list`},
		{"publicComponents a list", map[string]string{"plugin.json": `{"publicComponents": ["a"]}`},
			`DIR/plugin.json:1:22: publicComponents must be an object { "name": "path", ... }, found a list`},
		{"component path a number", map[string]string{"plugin.json": "{\"publicComponents\": {\n \"a\": 1}}"},
			`DIR/plugin.json:2:7: publicComponents.a must be a string, found a number`},
		{"component name twice", map[string]string{"plugin.json": "{\"publicComponents\": {\"a\": \"a\",\n \"a\": \"b\"}}"},
			`DIR/plugin.json:2:2: publicComponents has "a" twice`},
		{"component outside the root", map[string]string{"plugin.json": `{"publicComponents": {"a": "../a"}}`},
			`DIR/plugin.json:1:23: publicComponents "a": the path "../a" must name a file inside the plugin root`},
		{"pages a string", map[string]string{"plugin.json": `{"pages": "home"}`},
			`DIR/plugin.json:1:11: pages must be a list of paths (Alipay) or an object of name → path (WeChat), found a string`},
		{"main missing", map[string]string{"plugin.json": "{\n\"main\": \"api\"\n}"},
			`DIR/plugin.json:2:9: main: "api" does not exist (looked for api.js and api/index.js)`},
		{"main syntax error", map[string]string{"plugin.json": `{"main": "index.js"}`, "index.js": "export default {\n  a: 1,,\n}"},
			`DIR/index.js:2:8: invalid JavaScript: expected Identifier, String, Numeric, or [ instead of , in object literal`},
		{"not UTF-8", map[string]string{"plugin.json": `{"publicComponents": {"a": "a"}}`, "a.js": "// \xff\nComponent({})"},
			`DIR/a.js:1:4: not UTF-8 text; if it was saved as GBK, save it again as UTF-8`},
		{"component a folder without index.js", map[string]string{"plugin.json": `{"publicComponents": {"a": "a"}}`, "a/a.js": comp},
			`DIR/plugin.json:1:23: publicComponents "a": "a" does not exist (looked for a.js and a/index.js)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, tc.files)
			checkBroken(t, dir, strings.ReplaceAll(tc.want, "DIR", dir))
		})
	}
}

func TestReadBounds(t *testing.T) {
	t.Run("file too large", func(t *testing.T) {
		dir := write(t, map[string]string{"plugin.json": `{"main": "index.js"}`,
			"index.js": "// " + strings.Repeat("x", project.MaxFileBytes)})
		checkBroken(t, dir, filepath.Join(dir, "index.js")+": is larger than 1 MiB; that is not a plugin source file")
	})
	t.Run("too many components", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{"publicComponents": {`)
		for i := range workflow.MaxEntries + 1 {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"c` + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + itoa(i) + `": "c"`)
		}
		b.WriteString("}}")
		dir := write(t, map[string]string{"plugin.json": b.String()})
		checkBroken(t, dir, dir+"/plugin.json:1:22: publicComponents has 501 entries; at most 500 are allowed")
	})
	t.Run("a name too long", func(t *testing.T) {
		dir := write(t, map[string]string{"plugin.json": `{"publicComponents": {"` + strings.Repeat("名", 201) + `": "a"}}`})
		checkBroken(t, dir, dir+"/plugin.json:1:23: publicComponents has a name of 201 characters; at most 200 are allowed")
	})
	t.Run("a default too long is cut", func(t *testing.T) {
		dir := write(t, map[string]string{"plugin.json": `{"publicComponents": {"a": "a"}}`,
			"a.js": "Component({ props: { text: '" + strings.Repeat("长", 300) + "' } })"})
		d, err := project.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		def := d.Guide.Components[0].Props[0].Default
		if want := strings.Repeat("长", workflow.MaxLineRunes-1) + "…"; def != want {
			t.Errorf("default is %d characters, want %d ending in …", len([]rune(def)), workflow.MaxLineRunes)
		}
		if want := []string{"a.js: a default longer than 200 characters was cut"}; !reflect.DeepEqual(d.Warnings, want) {
			t.Errorf("warnings %q, want %q", d.Warnings, want)
		}
	})
	t.Run("deep nesting is refused, not a stack overflow", func(t *testing.T) {
		dir := write(t, map[string]string{"plugin.json": `{"main": "index.js"}`,
			"index.js": "export default " + strings.Repeat("[", 100_000)})
		if _, err := project.Read(dir); err == nil || workflow.KindOf(err) != workflow.KindInvalid {
			t.Errorf("Read of 100000 nested [ gave %v, want an invalid error", err)
		}
	})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func TestReadPartialAndWarnings(t *testing.T) {
	dir := write(t, map[string]string{
		"plugin.json": "{\n" +
			`"publicComponents": {"spread": "spread", "helper": "helper"},` + "\n" +
			`"publicPages": {"home": "pages/home", "extra": "pages/extra"},` + "\n" +
			`"pages": ["pages/home"],` + "\n" +
			`"main": "api/index"` + "\n}",
		"spread.js":    "const base = { size: 1 };\nComponent({ props: { ...base, text: 'a', [k]: 2 } })",
		"helper.js":    "createComponent({ props: { a: 1 } })",
		"api/index.js": "export * from './more';\nexport function ping() {}\nexport const a = 1, b = 2;\nexport { a as alias };\nexports.late = 1;",
	})
	d, err := project.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"spread", "helper"}; !reflect.DeepEqual(d.Partial, want) {
		t.Errorf("Partial = %q, want %q", d.Partial, want)
	}
	if !d.APIsPartial {
		t.Error("export * left APIsPartial false")
	}
	if got := d.Guide.Components[0].Props; !reflect.DeepEqual(got, []workflow.Prop{prop("text", "String", "a")}) {
		t.Errorf("spread props = %#v", got)
	}
	if got, want := d.Guide.APIs, apis("ping", "a", "b", "alias", "late"); !reflect.DeepEqual(got, want) {
		t.Errorf("APIs = %#v, want %#v", got, want)
	}
	want := []string{
		"spread.js: props has a ...spread or a computed name; those entries were not read",
		"helper.js: no Component({...}) call with an object found; its props and events were not read",
		`plugin.json:3: publicPages "extra": "pages/extra" is not listed in pages`,
		"api/index.js: export * from './more': its APIs were not read",
	}
	if !reflect.DeepEqual(d.Warnings, want) {
		t.Errorf("warnings:\n got %q\nwant %q", d.Warnings, want)
	}
}

func TestReadPluginRootItself(t *testing.T) {
	// The WeChat plugin root, given directly: pages as an object says WeChat.
	d, err := project.Read(filepath.Join("testdata", "wechat", "plugin"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Dialect != project.WeChat || d.Root != "." || len(d.Guide.Components) != 1 {
		t.Errorf("Read(wechat/plugin) = dialect %q root %q, %d components", d.Dialect, d.Root, len(d.Guide.Components))
	}
	if d.Files[0] != "plugin.json" {
		t.Errorf("files %q: names are relative to the folder given", d.Files)
	}
}

func TestReadNotAFolder(t *testing.T) {
	dir := t.TempDir()
	checkBroken(t, filepath.Join(dir, "nope"), filepath.Join(dir, "nope")+": no such folder")
	file := write(t, map[string]string{"plugin.json": "{}"})
	checkBroken(t, filepath.Join(file, "plugin.json"), filepath.Join(file, "plugin.json")+": is a file; give the plugin project's folder")
}

// TestReadRealProjects (bug 15): projects as they are published. Each
// imports into a draft whose guide has nothing to fix, and says what it
// could not read.
func TestReadRealProjects(t *testing.T) {
	tests := []struct {
		dir  string
		want project.Declared
	}{
		// WeChat plugins name public components in camelCase.
		{"camelcase-component", project.Declared{
			Dialect: project.WeChat,
			Root:    ".",
			Files:   []string{"plugin.json", "components/region-picker/index.js", "components/city-list/index.js", "index.js"},
			Guide: workflow.Guide{
				Components: []workflow.Component{
					{Name: "regionPicker", Props: []workflow.Prop{
						prop("level", "Number", "3"),
						prop("value", "Array", "[]"),
						prop("ratio", "Number", "0.5"), // .5 in the code: JSON writes 0.5
						prop("placeholder", "String", "请选择地区"),
					}, Events: events("onChange")},
					{Name: "cityList", Props: []workflow.Prop{
						prop("cities", "Array", ""),
						prop("hot", "Array", `["北京", "上海"]`),
						prop("formatter", "Object", ""), // a function inside: not read, and said so
					}, Events: events()},
				},
				Pages: []workflow.GuidePage{page("regionSearch", "pages/region-search/index")},
				APIs:  apis("getRegions"),
			},
			Partial: []string{},
			Warnings: []string{
				`components/city-list/index.js: an Object default "{format: (c) => { return c; }}" is not plain data (JSON); it was not read`,
			},
		}},
		// The IDE's layout without its project config: plugin/plugin.json.
		{"ide-layout", project.Declared{
			Dialect: project.WeChat,
			Root:    "plugin",
			Files:   []string{"plugin/plugin.json", "plugin/components/city-list/city-list.js", "plugin/index.js"},
			Guide: workflow.Guide{
				Components: []workflow.Component{{Name: "city-list", Props: []workflow.Prop{prop("title", "String", "城市")}, Events: events()}},
				Pages:      []workflow.GuidePage{page("index", "pages/index/index")},
				APIs:       apis("sayHello"),
			},
			Partial:  []string{},
			Warnings: []string{"no mini.project.json or project.config.json names a pluginRoot; read plugin/plugin.json, the plugin root of the IDE's layout"},
		}},
		// Exports built when main runs: the names written out are read, the
		// rest is said to be unreadable, and no API is proposed for removal.
		{"runtime-exports", project.Declared{
			Dialect:     project.Alipay,
			Root:        ".",
			Files:       []string{"plugin.json", "index.js"},
			Guide:       workflow.Guide{Components: []workflow.Component{}, Pages: []workflow.GuidePage{}, APIs: apis("version", "init")},
			APIsPartial: true,
			Partial:     []string{},
			Warnings: []string{
				"index.js: api[...] is set under a name computed at run time (a loop over modules?); those APIs could not be read",
				"index.js: Object.assign(api, ...) copies in an object that is made at run time; those APIs could not be read",
			},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			checkReadImportsCleanly(t, filepath.Join("testdata", tc.dir), tc.want, "guide")
		})
	}
}

// TestRuntimeExports (bug 15): every way a main builds its exports when
// it runs is reported, not silently read as no APIs.
func TestRuntimeExports(t *testing.T) {
	tests := []struct {
		name, main string
		apis       []string
		warning    string // "" means everything was read
	}{
		{"loop over modules", "const m = {a: 1};\nfor (const k in m) { exports[k] = m[k]; }", nil, "exports[...] is set under a name computed at run time"},
		{"forEach onto module.exports", "['a', 'b'].forEach((k) => { module.exports[k] = () => k; });", nil, "module.exports[...] is set under a name computed at run time"},
		{"Object.assign onto exports", "Object.assign(module.exports, require('./a'));", nil, "Object.assign(module.exports, ...) copies in an object that is made at run time"},
		{"Object.assign of literals", "Object.assign(exports, {a() {}}, {b: 1});", []string{"a", "b"}, ""},
		{"module.exports = Object.assign", "module.exports = Object.assign({}, require('./a'), {b() {}});", []string{"b"}, "Object.assign(module.exports, ...) copies in an object that is made at run time"},
		{"defineProperty by name", "Object.defineProperty(exports, 'a', {value: 1});", []string{"a"}, ""},
		{"defineProperty computed", "const n = 'a';\nObject.defineProperty(exports, n, {value: 1});", nil, "Object.defineProperty(exports, ...) defines an API under a name computed at run time"},
		{"defineProperties", "Object.defineProperties(exports, {a: {value: 1}});", nil, "Object.defineProperties(exports, ...) defines APIs at run time"},
		{"spread", "const a = require('./a');\nmodule.exports = {...a, b() {}};", []string{"b"}, "module.exports has a ...spread or a computed name"},
		{"computed key", "const n = 'a';\nmodule.exports = {[n]: 1};", nil, "module.exports has a ...spread or a computed name"},
		{"export default of a filled object", "const api = {};\napi.a = 1;\napi['b'] = 2;\nexport default api;", []string{"a", "b"}, ""},
		{"export default of a looped object", "const api = {};\nfor (const k of ['a']) api[k] = 1;\nexport default api;", nil, "api[...] is set under a name computed at run time"},
		{"exports.x inside a function", "function setup() { exports.ready = true; }\nsetup();", []string{"ready"}, ""},
		{"string index", "exports['a'] = 1;", []string{"a"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, map[string]string{"plugin.json": `{"main": "index.js"}`, "index.js": tc.main})
			got, err := project.Read(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range got.Guide.APIs {
				names = append(names, a.Name)
			}
			if !slices.Equal(names, tc.apis) {
				t.Errorf("APIs = %q, want %q", names, tc.apis)
			}
			said := false
			for _, w := range got.Warnings {
				said = said || tc.warning != "" && strings.Contains(w, tc.warning)
			}
			if tc.warning == "" && (len(got.Warnings) > 0 || got.APIsPartial) {
				t.Errorf("warnings %q, partial %v; want everything read", got.Warnings, got.APIsPartial)
			}
			if tc.warning != "" && (!said || !got.APIsPartial) {
				t.Errorf("warnings %q, partial %v; want one saying %q", got.Warnings, got.APIsPartial, tc.warning)
			}
		})
	}
}
