// Package project reads the integration guide (接入指引) that a mini-program
// plugin's own code declares, and plans how to merge it into a draft.
//
// Two dialects are read. Alipay: plugin.json with publicComponents (name →
// path), publicPages (name → path), pages (every page, a list) and main;
// mini.project.json with pluginRoot. WeChat: plugin.json with
// publicComponents, pages (the public pages, name → path) and main;
// project.config.json with pluginRoot. Components' JavaScript is parsed with
// a real parser (tdewolff/parse), never matched with regular expressions.
//
// Read touches only files; Plan and Apply are pure. Nothing here writes: the
// caller saves the merged guide through workflow.Service.SaveDraft, so every
// rule about who may edit which draft applies unchanged.
package project

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"

	"plugpub/workflow"
)

// Dialects of plugin project.
const (
	Alipay = "alipay"
	WeChat = "wechat"
)

// Limits on what Read takes in, so a hostile or runaway project is refused
// with a message instead of hanging the importer or filling memory.
const (
	MaxFileBytes  = 1 << 20  // any one file
	MaxTotalBytes = 16 << 20 // all files of one import together
)

// Declared is what a plugin project's code declares.
type Declared struct {
	Dialect string `json:"dialect"` // Alipay or WeChat
	// Root is the plugin root (the folder holding plugin.json) relative to
	// the folder Read was given, "." when it is that folder.
	Root string `json:"root"`
	// Files are the files read, relative to the folder Read was given.
	Files []string `json:"files"`
	// Guide has names, paths, prop types and defaults, and events: what
	// code can say. Descriptions, required flags and params are empty.
	Guide workflow.Guide `json:"guide"`
	// Partial names the components whose props and events could not all
	// be read (a ...spread, no Component({...}) call): Plan then proposes
	// no removal of their props or events.
	Partial []string `json:"partial"`
	// APIsPartial is true when main's exports could not all be read; Plan
	// then proposes no removal of APIs.
	APIsPartial bool `json:"apis_partial"`
	// Warnings are what was skipped or cut, each naming its file.
	Warnings []string `json:"warnings"`
}

// Error is a broken project: the file and, where there is one, the 1-based line and column (counted in
// characters). It is a workflow invalid error, so the CLI exits 3.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	switch {
	case e.File == "":
		return e.Msg
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Unwrap makes errors.Is(err, workflow.ErrInvalid) and workflow.KindOf see
// a broken project as invalid input.
func (e *Error) Unwrap() error { return workflow.ErrInvalid }

// reader reads one project's files within the byte budget and remembers
// which it read.
type reader struct {
	fsys     fs.FS // the folder Read was given, or an archive's files
	files    []string
	total    int
	warnings []string
	dropped  int
	// rootNote says where plugin.json was found when no project config
	// said so; it is the last warning.
	rootNote string
}

// Read reads the plugin project in dir: either a project folder whose
// mini.project.json or project.config.json names the pluginRoot, or the
// plugin root itself. On any error it returns the zero Declared.
//
// An error is a *Error whose File is the path of the file at fault as a
// person can open it: dir joined with the file's name in the project.
func Read(dir string) (Declared, error) {
	d, err := read(dir)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.File != "" {
			e.File = filepath.Join(dir, filepath.FromSlash(e.File))
		}
		return Declared{}, err
	}
	return d, nil
}

func read(dir string) (Declared, error) {
	if fi, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Declared{}, &Error{Msg: dir + ": no such folder"}
		}
		return Declared{}, &Error{Msg: fmt.Sprintf("%s: cannot read the folder: %v", dir, unwrapPath(err))}
	} else if !fi.IsDir() {
		return Declared{}, &Error{Msg: dir + ": is a file; give the plugin project's folder"}
	}
	return ReadFS(os.DirFS(dir))
}

// ReadFS is Read for a project held in fsys (an archive's files, see
// ReadTar): the same rules and limits, and an error's File is the name
// within fsys. On any error it returns the zero Declared.
func ReadFS(fsys fs.FS) (Declared, error) {
	r := &reader{fsys: fsys}
	root, dialect, err := r.findRoot()
	if err != nil {
		return Declared{}, err
	}
	pjName := path.Join(root, "plugin.json")
	b, err := r.read(pjName)
	if err != nil {
		return Declared{}, err
	}
	pj, err := parsePluginJSON(pjName, b)
	if err != nil {
		return Declared{}, err
	}
	if dialect == "" {
		dialect = pj.dialect()
	}
	d := Declared{Dialect: dialect, Root: root}
	if err := r.components(&d, root, pj); err != nil {
		return Declared{}, err
	}
	r.pages(&d, pj)
	if err := r.apis(&d, root, pj); err != nil {
		return Declared{}, err
	}
	d.Files = r.files
	d.Guide = normalized(d.Guide)
	d.Partial = nonNil(d.Partial)
	d.Warnings = r.allWarnings()
	return d, nil
}

// ideRoot is where the Alipay and WeChat IDEs put the plugin root of a
// new plugin project.
const ideRoot = "plugin"

// findRoot finds the folder holding plugin.json. A project config that
// names a pluginRoot is believed first; otherwise dir is the root, or its
// plugin/ folder is, as the IDEs lay a project out.
func (r *reader) findRoot() (root, dialect string, err error) {
	for _, c := range []struct{ file, dialect string }{
		{"mini.project.json", Alipay},
		{"project.config.json", WeChat},
	} {
		if !r.exists(c.file) {
			continue
		}
		b, err := r.read(c.file)
		if err != nil {
			return "", "", err
		}
		pr, err := parsePluginRoot(c.file, b)
		if err != nil {
			return "", "", err
		}
		if pr == nil {
			continue // a mini-program project that is not a plugin project
		}
		root, ok := localPath(pr.value)
		if !ok {
			return "", "", pr.errorf("pluginRoot %s must be a folder inside the project", quote(pr.value))
		}
		if !r.exists(path.Join(root, "plugin.json")) {
			return "", "", pr.errorf("pluginRoot is %s, but %s does not exist", quote(pr.value), path.Join(root, "plugin.json"))
		}
		return root, c.dialect, nil
	}
	if r.exists("plugin.json") {
		return ".", "", nil
	}
	// The IDEs make a plugin project with its plugin root in plugin/; a
	// copy without its project config (a repository that does not commit
	// it) still has that folder.
	if r.exists(ideRoot + "/plugin.json") {
		r.rootNote = fmt.Sprintf("no mini.project.json or project.config.json names a pluginRoot; read %s/plugin.json, the plugin root of the IDE's layout", ideRoot)
		return ideRoot, "", nil
	}
	return "", "", &Error{File: "plugin.json", Msg: "not found; give the plugin project's folder (with mini.project.json or project.config.json naming its pluginRoot) or the folder that holds plugin.json"}
}

// exists reports whether name (relative to dir) is there and not a
// folder; read then says if it is not a regular file.
func (r *reader) exists(name string) bool {
	fi, err := fs.Stat(r.fsys, name)
	return err == nil && !fi.IsDir()
}

// read returns the bytes of name (relative to dir, slash-separated) as
// UTF-8 text without a byte order mark, within the size limits. Only
// regular files are opened: a named pipe would block the read forever.
func (r *reader) read(name string) ([]byte, error) {
	fi, err := fs.Stat(r.fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: name, Msg: "no such file"}
		}
		return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read it: %v", unwrapPath(err))}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: name, Msg: "is not a regular file"}
	}
	f, err := r.fsys.Open(name)
	if err != nil {
		return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read it: %v", unwrapPath(err))}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read it: %v", unwrapPath(err))}
	}
	if len(b) > MaxFileBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("is larger than %d MiB; that is not a plugin source file", MaxFileBytes>>20)}
	}
	r.total += len(b)
	if r.total > MaxTotalBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("the project's files add up to more than %d MiB; import stopped here", MaxTotalBytes>>20)}
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line, col := workflow.LineCol(b, workflow.InvalidUTF8Offset(b))
		return nil, &Error{File: name, Line: line, Col: col, Msg: "not UTF-8 text; if it was saved as GBK, save it again as UTF-8"}
	}
	r.files = append(r.files, name)
	return b, nil
}

// unwrapPath drops the *PathError's own copy of the path: the message
// already names the file, relative to the project.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// localPath cleans a path written in a project file ("/components/a",
// "./a", "a/") into a slash path inside its base, or reports that it
// leaves it.
func localPath(p string) (string, bool) {
	p = strings.TrimLeft(strings.ReplaceAll(p, "\\", "/"), "/")
	if p == "" {
		return ".", true
	}
	c := path.Clean(p)
	if !filepath.IsLocal(filepath.FromSlash(c)) {
		return "", false
	}
	return c, true
}

// quote quotes untrusted text for a message: Go quoting escapes control
// and bidi characters, and long text is cut.
func quote(s string) string {
	const maxRunes = 60
	if utf8.RuneCountInString(s) > maxRunes {
		rs := []rune(s)
		return fmt.Sprintf("%q…", string(rs[:maxRunes]))
	}
	return fmt.Sprintf("%q", s)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// normalized is g with no nil slices, as workflow.Draft.Normalize leaves a
// draft, so a Declared compares equal to what a draft round trip gives.
func normalized(g workflow.Guide) workflow.Guide {
	d := workflow.Draft{Guide: g}
	d.Normalize()
	return d.Guide
}

// resolveJS finds the JavaScript file a plugin.json path names: the path
// itself when it ends in .js, else path.js, else path/index.js. All are
// relative to the plugin root and must stay inside it.
func (r *reader) resolveJS(pj *pluginJSON, root string, e entry, what string) (string, error) {
	p, ok := localPath(e.path)
	if !ok || p == "." {
		return "", pj.doc.errAt(e.off, "%s: the path %s must name a file inside the plugin root", what, quote(e.path))
	}
	var tried []string
	cands := []string{p + ".js", path.Join(p, "index.js")}
	if strings.HasSuffix(p, ".js") {
		cands = []string{p}
	}
	for _, c := range cands {
		name := path.Join(root, c)
		if r.exists(name) {
			return name, nil
		}
		tried = append(tried, name)
	}
	return "", pj.doc.errAt(e.off, "%s: %s does not exist (looked for %s)", what, quote(e.path), strings.Join(tried, " and "))
}

func (r *reader) parse(name string) (*js.AST, error) {
	b, err := r.read(name)
	if err != nil {
		return nil, err
	}
	return parseJS(name, b)
}

// maxWarnings bounds Declared.Warnings; a generated file could otherwise
// yield one per prop of every component.
const maxWarnings = 50

// warner collects warnings, each prefixed with the file it is about.
func (r *reader) warner(file string) func(string, ...any) {
	return func(format string, args ...any) {
		r.warn(file + ": " + fmt.Sprintf(format, args...))
	}
}

func (r *reader) warn(s string) {
	if slices.Contains(r.warnings, s) {
		return // one line per cause and file is enough
	}
	if len(r.warnings) < maxWarnings {
		r.warnings = append(r.warnings, s)
	} else {
		r.dropped++
	}
}

func (r *reader) allWarnings() []string {
	w := r.warnings
	if r.dropped > 0 {
		w = append(w, fmt.Sprintf("%d more warnings are not shown", r.dropped))
	}
	if r.rootNote != "" {
		w = append(w, r.rootNote)
	}
	return nonNil(w)
}

func (r *reader) components(d *Declared, root string, pj *pluginJSON) error {
	for _, e := range pj.components {
		what := quoteAt("publicComponents", e.name)
		file, err := r.resolveJS(pj, root, e, what)
		if err != nil {
			return err
		}
		ast, err := r.parse(file)
		if err != nil {
			return err
		}
		code := newModule(file, ast, r.warner(file)).component()
		if n := len(code.props) + len(code.events); n > workflow.MaxSubEntries {
			return &Error{File: file, Msg: fmt.Sprintf("declares %d props and events; at most %d are allowed", n, workflow.MaxSubEntries)}
		}
		for _, p := range code.props {
			if utf8.RuneCountInString(p.Name) > workflow.MaxLineRunes {
				return &Error{File: file, Msg: fmt.Sprintf("a prop name has more than %d characters", workflow.MaxLineRunes)}
			}
		}
		d.Guide.Components = append(d.Guide.Components, workflow.Component{Name: e.name, Props: code.props, Events: code.events})
		if code.partial {
			d.Partial = append(d.Partial, e.name)
		}
	}
	return nil
}

// pages takes the public pages: Alipay's publicPages, WeChat's pages
// object. A page path is kept relative to the plugin root, without a
// leading slash, as the guide writes it.
func (r *reader) pages(d *Declared, pj *pluginJSON) {
	listed := map[string]bool{}
	for _, e := range pj.pageList {
		if p, ok := localPath(e.path); ok {
			listed[p] = true
		}
	}
	seen := map[string]bool{}
	for _, e := range append(append([]entry(nil), pj.publicPages...), pj.pageMap...) {
		if seen[e.name] {
			continue
		}
		seen[e.name] = true
		p, ok := localPath(e.path)
		if !ok {
			p = e.path // the guide's own check will say what is wrong
		}
		if len(pj.pageList) > 0 && pj.hasPublicPages && !listed[p] {
			line, _ := workflow.LineCol(pj.doc.src, e.off)
			r.warn(fmt.Sprintf("%s:%d: publicPages %s: %s is not listed in pages", pj.doc.file, line, quote(e.name), quote(e.path)))
		}
		d.Guide.Pages = append(d.Guide.Pages, workflow.GuidePage{Name: e.name, Path: p})
	}
}

func (r *reader) apis(d *Declared, root string, pj *pluginJSON) error {
	if pj.main == nil {
		return nil
	}
	file, err := r.resolveJS(pj, root, *pj.main, "main")
	if err != nil {
		return err
	}
	ast, err := r.parse(file)
	if err != nil {
		return err
	}
	names, partial := newModule(file, ast, r.warner(file)).exports()
	if len(names) > workflow.MaxEntries {
		return &Error{File: file, Msg: fmt.Sprintf("exports %d names; at most %d APIs are allowed", len(names), workflow.MaxEntries)}
	}
	for _, n := range names {
		if utf8.RuneCountInString(n) > workflow.MaxLineRunes {
			return &Error{File: file, Msg: fmt.Sprintf("an exported name has more than %d characters", workflow.MaxLineRunes)}
		}
		d.Guide.APIs = append(d.Guide.APIs, workflow.API{Name: n})
	}
	d.APIsPartial = partial
	return nil
}
