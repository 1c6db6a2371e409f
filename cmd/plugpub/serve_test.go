package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"plugpub/cmd/internal/sshserve"
	"plugpub/cmd/internal/sshserve/sshtest"
	"plugpub/store/sqlite"
	"plugpub/workflow"
)

// serveWorld is plugpub serve in-process on 127.0.0.1:0, on a database the
// local command line set up: admin1 (admin), dev1 (developer), reviewer1
// (reviewer), each with a key, and a key nobody registered.
type serveWorld struct {
	t    *testing.T
	cli  *cli
	addr string
	keys map[string]gossh.Signer // by user; "" is unregistered
	lang string                  // what the client sends as PLUGPUB_LANG; en unless set
}

func newServeWorld(t *testing.T) *serveWorld {
	t.Helper()
	c := newCLI(t)
	w := &serveWorld{t: t, cli: c, keys: map[string]gossh.Signer{}}
	for _, u := range [][2]string{{"admin1", "admin"}, {"dev1", "developer"}, {"reviewer1", "reviewer"}, {"buyer1", "consumer"}, {"", ""}} {
		s := sshtest.Key(t)
		w.keys[u[0]] = s
		if u[0] == "" {
			continue
		}
		args := []string{"user", "add", u[0], "--role", u[1], "--key", sshtest.AuthorizedKey(s)}
		if u[1] == "consumer" {
			args = append(args, "--buyer", "personal")
		}
		c.ok(args...)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, c.db())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	pem, err := sshserve.HostKey(filepath.Join(filepath.Dir(c.db()), hostKeyName))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := newRoot("plugpub", io.Discard, io.Discard)
	srv, err := sshserve.New(sshserve.Options{
		Listen: "127.0.0.1:0", HostKey: pem, Keys: st,
		Exec: a.sshExec(st, c.db(), workflow.NewSignupLimiter(nil, workflow.SignupsPerMinute, workflow.SignupsPerHour)), Console: a.sshConsole(st, c.db()),
	})
	if err != nil {
		t.Fatal(err)
	}
	w.addr, _ = sshtest.Start(t, srv)
	return w
}

// ssh runs one command line as user's key, in w.lang (English unless
// set), with stdin.
func (w *serveWorld) ssh(user, stdin, cmdLine string) (stdout, stderr string, code int) {
	w.t.Helper()
	lang := w.lang
	if lang == "" {
		lang = "en"
	}
	return w.sshEnv([]string{"PLUGPUB_LANG=" + lang}, user, stdin, cmdLine)
}

// sshEnv is ssh with the client sending env (KEY=VALUE) first.
func (w *serveWorld) sshEnv(env []string, user, stdin, cmdLine string) (stdout, stderr string, code int) {
	w.t.Helper()
	c := sshtest.Dial(w.t, w.addr, "root", w.keys[user])
	defer c.Close()
	r := sshtest.Run(w.t, c, stdin, cmdLine, env...)
	return r.Stdout, r.Stderr, r.Code
}

func TestServeRunsTheSameCommandsAsLocal(t *testing.T) {
	t.Parallel()
	w := newServeWorld(t)
	c := w.cli
	c.ok("--as", "dev1", "plugin", "create", flowPlugin, "--name", "车牌识别")
	for _, args := range []string{"plugin list --json", "plugin list", "version list " + flowPlugin, "draft show " + flowPlugin + " --json"} {
		local := c.ok(append([]string{"--as", "dev1"}, strings.Fields(args)...)...)
		out, errOut, code := w.ssh("dev1", "", args)
		if code != 0 || out != local {
			t.Fatalf("ssh %s: exit %d, stderr %q\nstdout:\n%s\nlocal:\n%s", args, code, errOut, out, local)
		}
	}
	// The same exit codes: not found, invalid, usage.
	for _, tc := range []struct {
		args string
		code int
	}{
		{"version list 2021004199999999", exitNotFound},
		{"plugin create 12 --name x", exitInvalid},
		{"plugin bogus", exitUsage},
		{"no-such-command", exitUsage},
	} {
		_, _, local := run(t, c.env, append([]string{"--as", "dev1"}, strings.Fields(tc.args)...)...)
		_, errOut, code := w.ssh("dev1", "", tc.args)
		if code != tc.code || local != tc.code || !strings.HasPrefix(errOut, "plugpub: ") {
			t.Errorf("ssh %s: exit %d (local %d), want %d; stderr %q", tc.args, code, local, tc.code, errOut)
		}
	}
}

func TestServeTheKeyDecidesWhoYouAre(t *testing.T) {
	t.Parallel()
	w := newServeWorld(t)
	logFile := filepath.Join(t.TempDir(), "l.log")
	for _, tc := range []struct{ args, says string }{
		{"--as reviewer1 plugin list", "the key you connect with decides who you are"},
		{"plugin list --as=admin1", "the key you connect with decides who you are"},
		{"--db /tmp/other.db plugin list", "the key you connect with decides who you are"},
		{"--log " + logFile + " plugin list", "--log is refused over SSH"},
		{"demo --force", "refused over SSH"},
		{"serve", "refused over SSH"},
		// migrate would read a file of the server and reach any database.
		{"migrate --from /etc/passwd --to postgres://x@127.0.0.1:1/x", "refused over SSH"},
		{"draft set " + flowPlugin + " --file /etc/passwd", "--file must be -"},
		{"import " + flowPlugin + " /etc", "reads the project from stdin"},
	} {
		out, errOut, code := w.ssh("admin1", "", tc.args)
		if code != exitUsage || !strings.Contains(errOut, tc.says) || out != "" {
			t.Errorf("ssh %s: exit %d, stdout %q, stderr %q; want exit 2 saying %q", tc.args, code, out, errOut, tc.says)
		}
	}
	w.lang = "zh"
	if _, errOut, _ := w.ssh("admin1", "", "--as reviewer1 plugin list"); !strings.Contains(errOut, "你连接所用的密钥决定你是谁") {
		t.Errorf("the refusal in the client's language: %q", errOut)
	}
	w.lang = ""
	if _, err := os.Stat(logFile); err == nil {
		t.Fatal("--log over SSH wrote a file on the server")
	}
	// Every action is the key's user's, enforced by workflow.
	if _, errOut, code := w.ssh("dev1", "", "user list"); code != exitForbidden {
		t.Fatalf("dev1 listing the users: exit %d (%s), want 4", code, errOut)
	}
	if out, errOut, code := w.ssh("admin1", "", "user list"); code != 0 || !strings.Contains(out, "dev1") {
		t.Fatalf("admin1 listing the users: exit %d (%s) %q", code, errOut, out)
	}
	if _, errOut, code := w.ssh("dev1", "", "user add mallory --role admin"); code != exitForbidden {
		t.Fatalf("dev1 adding an admin: exit %d (%s), want 4", code, errOut)
	}
	if out, errOut, code := w.ssh("admin1", "", "user add dev2 --role developer --json"); code != 0 || !strings.Contains(out, `"dev2"`) {
		t.Fatalf("admin1 adding dev2: exit %d, %s %s", code, out, errOut)
	}
	// A KEY argument over SSH is a key line, never a path on the server.
	if _, errOut, code := w.ssh("admin1", "", "user key add dev2 /etc/ssh/ssh_host_ed25519_key.pub"); code != exitInvalid {
		t.Fatalf("a key path over SSH: exit %d (%s), want 3 (not a key line)", code, errOut)
	}
	if _, errOut, code := w.ssh("dev1", "", "plugin create "+flowPlugin+" --name 车牌识别"); code != 0 {
		t.Fatalf("dev1 creating a plugin: exit %d (%s)", code, errOut)
	}
	var events []struct {
		Actor string `json:"actor"`
	}
	w.cli.json(&events, "--as", "dev1", "log", flowPlugin)
	if len(events) == 0 || events[0].Actor != "dev1" {
		t.Fatalf("events %+v, want the first by dev1", events)
	}
	// A draft sent on stdin, and one naming an image on the server refused.
	w.cli.ok("--as", "dev1", "draft", "sample", flowPlugin)
	draft := w.cli.ok("--as", "dev1", "draft", "show", flowPlugin, "--json")
	if !strings.Contains(draft, `"logo": ""`) {
		t.Fatalf("draft show --json has no empty logo:\n%s", draft)
	}
	if _, errOut, code := w.ssh("dev1", draft, "draft set "+flowPlugin+" --file -"); code != 0 {
		t.Fatalf("draft set --file - over SSH: exit %d (%s)", code, errOut)
	}
	withLogo := strings.Replace(draft, `"logo": ""`, `"logo": "/etc/hostname"`, 1)
	if _, errOut, code := w.ssh("dev1", withLogo, "draft set "+flowPlugin+" --file -"); code != exitInvalid || !strings.Contains(errOut, "info.logo") {
		t.Fatalf("a draft naming a server file as logo: exit %d (%s), want 3", code, errOut)
	}
}

// TestServeHelpOffersWhatSSHAllows: over SSH, help lists neither the
// commands refused there nor the flags that choose the user or database.
func TestServeHelpOffersWhatSSHAllows(t *testing.T) {
	t.Parallel()
	w := newServeWorld(t)
	out, errOut, code := w.ssh("dev1", "", "help")
	if code != 0 || !strings.Contains(out, "submissions") {
		t.Fatalf("ssh help: exit %d, %q %q", code, out, errOut)
	}
	for _, refused := range []string{"  demo ", "  serve ", "  migrate ", "--db ", "--as ", "--log "} {
		if strings.Contains(out, refused) {
			t.Errorf("ssh help offers %q, which SSH refuses:\n%s", refused, out)
		}
	}
}

func TestServeUnregisteredKey(t *testing.T) {
	t.Parallel()
	w := newServeWorld(t)
	fp := gossh.FingerprintSHA256(w.keys[""].PublicKey())
	line := strings.TrimSpace(sshtest.AuthorizedKey(w.keys[""]))
	for _, args := range []string{"plugin list", "user add me --role admin", "--as admin1 plugin list", ""} {
		out, errOut, code := w.ssh("", "", args)
		if code != exitForbidden || out != "" || !strings.Contains(errOut, fp) || !strings.Contains(errOut, "plugpub user key add NAME '"+line+"'") {
			t.Errorf("ssh %q with an unregistered key: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

// TestServeSpeaksTheClientsLanguage: what an SSH client reads is in the
// language its locale names (LANG, LC_ALL… it sends), Chinese when it
// sends none, whatever the server's own environment says (English in
// these tests): the unregistered key's lines, a refusal, help and signup.
func TestServeSpeaksTheClientsLanguage(t *testing.T) {
	t.Parallel()
	w := newServeWorld(t)
	fp := gossh.FingerprintSHA256(w.keys[""].PublicKey())
	key := "'" + strings.TrimSpace(string(gossh.MarshalAuthorizedKey(w.keys[""].PublicKey()))) + "'"
	zhUnregistered := "plugpub: 密钥 " + fp + " 未在此服务器上登记\n管理员可以这样登记它：plugpub user key add NAME " + key + "\n或注册为消费者：ssh … signup NAME\n"
	enUnregistered := "plugpub: the key " + fp + " is not registered on this server\nan admin registers it with: plugpub user key add NAME " + key + "\nor sign up as a consumer: ssh … signup NAME\n"
	zhAs := "plugpub: 通过 SSH 时不接受 --as：你连接所用的密钥决定你是谁，数据库由服务器决定\n"
	for _, c := range []struct {
		env        []string
		user, args string
		code       int
		exact      string // the whole of stderr, or
		has        string // a part of stdout or stderr
	}{
		{nil, "", "plugin list", exitForbidden, zhUnregistered, ""},
		{[]string{"LANG=zh_CN.UTF-8"}, "", "plugin list", exitForbidden, zhUnregistered, ""},
		{[]string{"LANG=C"}, "", "plugin list", exitForbidden, zhUnregistered, ""},
		{[]string{"LANG=en_US.UTF-8"}, "", "plugin list", exitForbidden, enUnregistered, ""},
		{[]string{"LANG=en_US.UTF-8", "PLUGPUB_LANG=zh"}, "", "", exitForbidden, zhUnregistered, ""},
		{nil, "admin1", "--as dev1 plugin list", exitUsage, "", zhAs},
		{[]string{"LANG=zh_CN.UTF-8"}, "admin1", "serve", exitUsage, "", "plugpub: 通过 SSH 时不接受 plugpub serve：请在服务器所在的机器上运行\n"},
		{[]string{"LANG=en_US.UTF-8"}, "admin1", "--as dev1 plugin list", exitUsage, "", "plugpub: --as is refused over SSH: the key you connect with decides who you are, and the server its database\n"},
		{nil, "", "signup --help", 0, "", "在 plugpub 服务器上把自己注册为消费者（服务市场上的买家）"},
		{[]string{"LANG=en_US.UTF-8"}, "", "signup --help", 0, "", "Register yourself on a plugpub server as a consumer"},
		{nil, "", "signup newbie", 0, "", "已注册 newbie（"},
		{nil, "", "signup other", exitConflict, "plugpub: 密钥 " + fp + " 已注册：用它连接即可使用其账号\n", ""},
	} {
		out, errOut, code := w.sshEnv(c.env, c.user, "", c.args)
		if code != c.code || c.exact != "" && errOut != c.exact || c.has != "" && !strings.Contains(out+errOut, c.has) {
			t.Errorf("ssh %q sending %v: exit %d (want %d)\nstdout %q\nstderr %q\nwant %q%q", c.args, c.env, code, c.code, out, errOut, c.exact, c.has)
		}
	}
}

func TestServeHostileTextNeverReachesAnotherSession(t *testing.T) {
	t.Parallel()
	w := newServeWorld(t)
	if _, errOut, code := w.ssh("dev1", "", "plugin create "+flowPlugin+" --name '车牌"+hostile+"'"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, args := range []string{"plugin list", "plugin list --json", "log " + flowPlugin, "draft show " + flowPlugin} {
		out, errOut, code := w.ssh("reviewer1", "", args)
		if code != 0 {
			t.Fatalf("ssh %s: exit %d (%s)", args, code, errOut)
		}
		if bad := terminalUnsafeIn(out + errOut); bad != "" {
			t.Errorf("ssh %s printed %s", args, bad)
		}
		if strings.HasPrefix(args, "plugin") && !strings.Contains(out, "车牌") {
			t.Errorf("ssh %s lost the readable part:\n%s", args, out)
		}
	}
}
