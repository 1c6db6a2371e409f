package info

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/screens/wizard/step"
	"plugpub/workflow"
)

// LogoDelay is how long the logo path must stay unchanged before it is
// checked without leaving the field: a pasted path is stored without a tab,
// and a path typed by hand is not read at every keystroke.
const LogoDelay = 400 * time.Millisecond

// logoState is the logo path field and what became of it. The path is not
// part of the draft: the draft holds the stored image's reference.
type logoState struct {
	path    string // bound to the input
	edit    int    // bumps with every change of path
	seq     int    // bumps with every check started
	pending string // the path being checked
	okPath  string // the path last stored, until the path changes
	err     string
}

// logoDescription says what became of the path, else what is stored.
func (s *Step) logoDescription() string {
	st := &s.ctx.Styles
	l := &s.logo
	ref := s.d.Info.Logo
	switch {
	case l.pending != "":
		return s.ctx.T("checking %s …", workflow.SanitizeLine(l.pending))
	case l.err != "":
		return st.Error.Render("✗ " + l.err)
	case l.okPath != "" && ref != "":
		return st.Good.Render(s.ctx.T("✓ stored · 已上传 %s", shortRef(ref)))
	case ref != "":
		if err := workflow.ValidateLogo(ref); err != nil {
			return st.Error.Render("✗ " + s.ctx.Err(err))
		}
		return st.Good.Render("已上传 "+shortRef(ref)) + s.ctx.T("; a path replaces it, an empty one keeps it")
	}
	return specs[fLogo].hint.Localize(s.ctx.Printer)
}

func shortRef(ref string) string {
	if len(ref) > len(workflow.LogoRefPrefix)+12 {
		return ref[:len(workflow.LogoRefPrefix)+12] + "…"
	}
	return ref
}

// checkLogo reads, checks and stores the file the logo path names, off the
// Update loop. An empty path keeps the current logo; a path already stored
// or being checked is not read again.
func (s *Step) checkLogo() tea.Cmd {
	l := &s.logo
	p := cleanPath(l.path)
	if p == "" {
		l.err = ""
		return nil
	}
	if p == l.pending || p == l.okPath {
		return nil
	}
	l.seq++
	l.pending, l.err = p, ""
	s.refreshDescriptions(false)
	owner, seq, svc := s, l.seq, s.ctx.Svc
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		ref, err := storeLogo(ctx, svc, p)
		return logoMsg{owner: owner, seq: seq, path: p, ref: ref, err: err}
	}
}

// logoDone takes a check's answer, unless a later check or an edit of the
// path made it stale.
func (s *Step) logoDone(msg logoMsg) tea.Cmd {
	l := &s.logo
	if msg.seq != l.seq {
		return nil
	}
	l.pending = ""
	defer s.refreshDescriptions(false)
	if msg.path != cleanPath(l.path) {
		return nil
	}
	if msg.err != nil {
		l.err = workflow.SanitizeLine(strings.TrimPrefix(s.ctx.Err(msg.err), "info.logo: "))
		return nil
	}
	l.okPath = msg.path
	s.touched[fLogo] = true
	if s.d.Info.Logo == msg.ref {
		return nil
	}
	s.d.Info.Logo = msg.ref
	return step.Edited
}

// cleanPath undoes what terminals add when a file is dropped on them or a
// path is pasted: surrounding quotes, a file:// prefix, escaped spaces.
func cleanPath(p string) string {
	p = strings.TrimSpace(p)
	if len(p) >= 2 && (p[0] == '\'' || p[0] == '"') && p[len(p)-1] == p[0] {
		p = p[1 : len(p)-1]
	}
	p = strings.TrimPrefix(p, "file://")
	return strings.ReplaceAll(p, `\ `, " ")
}

// storeLogo reads the file at path and stores it through the service,
// which checks it by its bytes.
func storeLogo(ctx context.Context, svc *workflow.Service, path string) (string, error) {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		path = filepath.Join(home, rest)
	}
	data, err := workflow.ReadLogoFile(path)
	if err != nil {
		return "", err
	}
	return svc.PutLogo(ctx, data)
}
