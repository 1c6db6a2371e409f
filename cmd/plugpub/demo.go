package main

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"plugpub/cmd/internal/largedemo"
	"plugpub/store/sqlite"
	"plugpub/workflow"
	"plugpub/workflow/i18n"
)

func (a *app) demoCmd() *cobra.Command {
	var force bool
	var scale string
	c := &cobra.Command{
		Use:   "demo [--force] [--scale small|large]",
		Short: "Create a demo database at --db to explore",
		Long: `Create a database a newcomer can explore: users for every role, and plugins
at every stage of the publish flow (listed and shown, listed and hidden, in
review and overdue, rejected, modified while listed), with their events.
Everything is done through the same actions the commands take.

--scale large makes a database the size of a busy plugin center instead, for
trying and measuring plugpub at scale: 10,000 plugins with their histories
(100,000 submissions, about 300,000 events, 10,000 listings shown or hidden),
written in one transaction that checks every row like the actions do. It
takes some seconds and shows its progress on stderr.

An existing non-empty database is refused unless --force, which deletes it.`,
		Args: argsNamed(),
	}
	c.RunE = a.run(func(cmd *cobra.Command, _ []string) error {
		if scale != "small" && scale != "large" {
			return usagef("--scale must be small or large, got %q", scale)
		}
		path, err := a.dbPath()
		if err != nil {
			return err
		}
		if err := clearForDemo(path, force); err != nil {
			return err
		}
		if scale == "large" {
			return a.demoLarge(cmd, path)
		}
		err = a.withStore(cmd, func(ctx context.Context, st database, path string) error {
			made, err := buildDemo(ctx, st, time.Now())
			if err != nil {
				return fmt.Errorf("building the demo: %w", err)
			}
			made.DB = path
			return a.print(made, func(w io.Writer) error { return made.render(w, a.prog) })
		})
		if err != nil {
			// Half a demo is worse than none: the next run should not need --force.
			removeDB(path)
		}
		return err
	})
	c.Flags().BoolVar(&force, "force", false, "replace an existing database (its data is lost)")
	c.Flags().StringVar(&scale, "scale", "small", "small: a few plugins at every stage; large: 10,000 plugins with their histories")
	return c
}

// clearForDemo refuses to overwrite data, or with force removes the database
// and its WAL files: a stale -wal next to a new file would be replayed into it.
func clearForDemo(path string, force bool) error {
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		case fi.IsDir():
			return workflow.Illegal("%s is a folder; --db must name a file", p)
		case fi.Size() > 0 && !force:
			return workflow.Illegal("%s already exists and is not empty; pass --force to replace it with the demo (its data is lost)", path)
		}
	}
	if force {
		return removeDB(path)
	}
	return nil
}

func removeDB(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// demoMade is what demo prints.
type demoMade struct {
	DB      string          `json:"db"`
	Users   []workflow.User `json:"users"`
	Plugins []demoPlugin    `json:"plugins"`
}

type demoPlugin struct {
	ID    string `json:"plugin"`
	Owner string `json:"owner"`
	Title string `json:"title"`
	Stage string `json:"stage"` // a stable code; Note says it for people
	Note  string `json:"note"`
}

// demoClock hands out times a few minutes apart, so the log reads like work
// done over days rather than in one millisecond.
type demoClock struct{ t time.Time }

func (c *demoClock) now() time.Time {
	c.t = c.t.Add(3 * time.Minute)
	return c.t
}

// demoSpec is one demo plugin: its draft varies the sample so that market
// search finds different plugins for different words.
type demoSpec struct {
	id, name, owner, reviewer string
	title, intro, description string
	abilities                 []string
	buyers                    string
	orderReview               string // 订购审核; "" is 自动通过
	logo                      color.RGBA
}

// demoSet is the demo's plugins; demoPlugins builds it afresh each time, so
// there is no package-level value for a caller to change.
type demoSet struct{ plate, points, invoice, face, coupon demoSpec }

func demoPlugins() demoSet {
	return demoSet{
		plate: demoSpec{
			id: "2021004100000001", name: "车牌识别", owner: "dev1", reviewer: "reviewer1",
			title: "小程序OCR车牌号识别插件", intro: "拍照或选择图片，一秒识别车牌号码与颜色，支持新能源车牌",
			abilities: []string{"基础", "安全"}, buyers: workflow.BuyersAny,
			logo: color.RGBA{0x1e, 0x88, 0xe5, 0xff},
		},
		points: demoSpec{
			id: "2021004100000002", name: "会员积分", owner: "dev1", reviewer: "reviewer2",
			title: "会员积分商城插件", intro: "积分获取、兑换与积分商城页面一站式接入，提升会员复购",
			description: "为会员体系提供积分发放、积分兑换和积分商城页面。\n\n- 支持按消费金额、签到、评价等规则发放积分；\n- 积分商城商品由商家后台配置，兑换记录可导出。",
			abilities:   []string{"会员", "营销"}, buyers: workflow.BuyersEnterprise,
			logo: color.RGBA{0xfb, 0x8c, 0x00, 0xff},
		},
		invoice: demoSpec{
			id: "2021004100000003", name: "电子发票", owner: "dev2", reviewer: "reviewer2",
			title: "电子发票开具插件", intro: "扫码开票、抬头管理与发票推送，支持增值税普通发票",
			description: "消费者在小程序内扫码即可申请开具电子发票。\n\n- 抬头自动带出，支持个人与企业抬头；\n- 开票结果通过消息推送，发票文件可下载。",
			abilities:   []string{"基础", "资金"}, buyers: workflow.BuyersEnterprise,
			logo: color.RGBA{0x43, 0xa0, 0x47, 0xff},
		},
		face: demoSpec{
			id: "2021004100000004", name: "人脸核身", owner: "dev2", reviewer: "reviewer1",
			title: "人脸核身认证插件", intro: "活体检测与实名比对，适用于开户、签约等高安全场景",
			description: "通过活体检测与公安实名比对确认操作者本人身份。\n\n- 支持动作活体与静默活体；\n- 比对结果与风险等级实时返回。",
			abilities:   []string{"安全", "信用"}, buyers: workflow.BuyersEnterprise,
			logo: color.RGBA{0x8e, 0x24, 0xaa, 0xff},
		},
		coupon: demoSpec{
			id: "2021004100000005", name: "优惠券营销", owner: "dev1", reviewer: "reviewer1",
			title: "优惠券营销插件", intro: "发券、领券、核销全流程组件，支持满减券与折扣券",
			description: "为门店和品牌小程序提供优惠券的发放、领取与核销。\n\n- 满减券、折扣券、兑换券三种券型；\n- 核销数据实时同步到商家后台。",
			abilities:   []string{"营销"}, buyers: workflow.BuyersAny, orderReview: workflow.OrderReviewManual,
			logo: color.RGBA{0xe5, 0x39, 0x35, 0xff},
		},
	}
}

const demoRejectReason = "案例介绍与服务描述不符：请补充真实的接入案例，并说明人脸数据的留存期限"

// buildDemo fills an empty database through the Service, so every row has
// its events and every rule was checked on the way in.
func buildDemo(ctx context.Context, st workflow.Store, now time.Time) (demoMade, error) {
	ps := demoPlugins()
	clk := &demoClock{t: now.Add(-10 * 24 * time.Hour)}
	svc := workflow.NewService(st, clk.now)
	b := demoBuilder{ctx: ctx, svc: svc}

	for _, u := range []struct {
		name  string
		role  workflow.Role
		buyer workflow.Buyer
	}{
		{"dev1", workflow.RoleDeveloper, ""},
		{"dev2", workflow.RoleDeveloper, ""},
		{"reviewer1", workflow.RoleReviewer, ""},
		{"reviewer2", workflow.RoleReviewer, ""},
		{"buyer1", workflow.RoleConsumer, workflow.BuyerPersonal},
		{"buyer2", workflow.RoleConsumer, workflow.BuyerEnterprise},
	} {
		u, err := svc.AddUser(ctx, u.name, []workflow.Role{u.role}, u.buyer)
		if err != nil {
			return demoMade{}, err
		}
		b.made.Users = append(b.made.Users, u)
	}

	// Ten days ago: every plugin gets a version online and a draft, and
	// three of them go all the way to the market.
	for _, s := range []demoSpec{ps.plate, ps.points, ps.coupon, ps.invoice, ps.face} {
		b.online(s, "1.0.0")
		b.draft(s)
	}
	for _, s := range []demoSpec{ps.plate, ps.points, ps.coupon} {
		b.list(s)
	}
	b.do(func() error { _, err := svc.Hide(ctx, ps.points.owner, ps.points.id, workflow.AnyRev); return err })

	// A week ago: one submission nobody has reviewed yet, one rejected.
	clk.t = now.Add(-7 * 24 * time.Hour)
	b.do(func() error { _, err := svc.Submit(ctx, ps.invoice.owner, ps.invoice.id, ""); return err })
	var rejected workflow.Submission
	b.do(func() (err error) { rejected, err = svc.Submit(ctx, ps.face.owner, ps.face.id, ""); return err })
	b.do(func() error {
		_, err := svc.Reject(ctx, ps.face.reviewer, rejected.ID, demoRejectReason, workflow.AnyRev)
		return err
	})

	// Two days ago: orders, and a new version of the coupon plugin.
	clk.t = now.Add(-2 * 24 * time.Hour)
	// Each buyer's mini programs; the coupon plugin asks 订购审核 (需审核):
	// one order waits for dev1, one was refused.
	for _, a := range []struct{ owner, id, name string }{
		{"buyer1", "2088000000000001", "车主服务"},
		{"buyer2", "2088000000000002", "门店会员"},
		{"buyer2", "2088000000000003", "品牌商城"},
	} {
		b.do(func() error { _, err := svc.AddApp(ctx, a.owner, a.id, a.name); return err })
	}
	b.do(func() error { _, err := svc.OrderFor(ctx, "buyer1", ps.plate.id, "2088000000000001"); return err })
	b.do(func() error { _, err := svc.OrderFor(ctx, "buyer2", ps.coupon.id, "2088000000000002"); return err })
	b.do(func() error {
		o, err := svc.OrderFor(ctx, "buyer2", ps.coupon.id, "2088000000000003")
		if err == nil {
			_, err = svc.RefuseOrder(ctx, ps.coupon.owner, o.ID, o.Rev, "请补充门店的经营资质后再申请")
		}
		return err
	})
	b.online(ps.coupon, "1.1.0")

	// Half an hour ago: the coupon plugin's modification went to review,
	// while its earlier listing stays on the market.
	clk.t = now.Add(-30 * time.Minute)
	mod := ps.coupon
	mod.title = "优惠券营销插件 2.0"
	mod.intro = "新增裂变分享券与券包页面，发券、领券、核销一站式"
	b.draft(mod)
	b.do(func() error { _, err := svc.Submit(ctx, mod.owner, mod.id, ""); return err })

	if b.err != nil {
		return demoMade{}, b.err
	}
	// The notes are short enough for the table to fit in 80 columns.
	b.made.Plugins = []demoPlugin{
		{ps.plate.id, ps.plate.owner, ps.plate.title, "listed_shown", "已上架 展示, buyer1 ordered it"},
		{ps.points.id, ps.points.owner, ps.points.title, "listed_hidden", "已上架 隐藏: not searchable"},
		{ps.invoice.id, ps.invoice.owner, ps.invoice.title, "in_review_overdue", "审核中 for a week: overdue"},
		{ps.face.id, ps.face.owner, ps.face.title, "rejected", "审核驳回 with a reason"},
		{ps.coupon.id, ps.coupon.owner, ps.coupon.title, "listed_modification_in_review", "已上架 1.0.0, 1.1.0 审核中"},
	}
	return b.made, nil
}

// demoBuilder keeps the first error, so the script reads as a list of steps.
type demoBuilder struct {
	ctx  context.Context
	svc  *workflow.Service
	made demoMade
	err  error
}

func (b *demoBuilder) do(step func() error) {
	if b.err == nil {
		b.err = step()
	}
}

// online creates the plugin if needed and takes a version through review to online.
func (b *demoBuilder) online(s demoSpec, ver string) {
	ctx, svc := b.ctx, b.svc
	if ver == "1.0.0" {
		b.do(func() error { _, err := svc.CreatePlugin(ctx, s.owner, s.id, s.name); return err })
	}
	b.do(func() error { _, err := svc.AddVersion(ctx, s.owner, s.id, ver); return err })
	for _, step := range []struct {
		who string
		act workflow.Action
	}{{s.owner, workflow.ActSubmit}, {s.reviewer, workflow.ActApprove}, {s.owner, workflow.ActOnline}} {
		b.do(func() error {
			_, err := svc.VersionAct(ctx, step.who, s.id, ver, step.act, "", workflow.AnyRev)
			return err
		})
	}
}

// draft saves the sample draft with this plugin's words and logo.
func (b *demoBuilder) draft(s demoSpec) {
	b.do(func() error {
		logo, err := b.svc.PutLogo(b.ctx, largedemo.Logo(s.logo))
		if err != nil {
			return err
		}
		d := workflow.SampleDraft()
		d.Info.Title, d.Info.Intro = s.title, s.intro
		if s.description != "" {
			d.Info.Description = s.description
		}
		d.Info.Abilities, d.Info.Buyers, d.Info.Logo, d.Info.OrderReview = s.abilities, s.buyers, logo, s.orderReview
		_, probs, err := b.svc.SaveDraft(b.ctx, s.owner, s.id, d, workflow.AnyRev)
		if err == nil && len(probs) > 0 {
			err = fmt.Errorf("the demo draft of %s has problems: %v", s.id, probs)
		}
		return err
	})
}

// list submits the draft, has it approved and lists it.
func (b *demoBuilder) list(s demoSpec) {
	ctx, svc := b.ctx, b.svc
	var sub workflow.Submission
	b.do(func() (err error) { sub, err = svc.Submit(ctx, s.owner, s.id, ""); return err })
	b.do(func() error { _, err := svc.Approve(ctx, s.reviewer, sub.ID, workflow.AnyRev); return err })
	b.do(func() error { _, err := svc.Release(ctx, s.owner, s.id, workflow.AnyRev); return err })
}

// render prints what was made and the commands to try next, each starting
// with prog, the name plugpub was run as.
func (m demoMade) render(w io.Writer, prog string) error {
	line(w, "created the demo database %s", m.DB)
	line(w, "")
	t := newTable("USER", "ROLES")
	for _, u := range m.Users {
		t.row(u.Name, describeUser(u))
	}
	if err := t.render(w); err != nil {
		return err
	}
	line(w, "")
	t = newTable("PLUGIN", "OWNER", "TITLE", "STAGE")
	t.max = 0 // the notes are the point here
	for _, p := range m.Plugins {
		t.row(p.ID, p.Owner, p.Title, p.Note)
	}
	if err := t.render(w); err != nil {
		return err
	}
	db := "--db " + shellQuote(m.DB)
	line(w, "")
	line(w, "try:")
	for _, c := range []string{
		"%[1]s %[2]s --as dev1 plugin list",
		"%[1]s %[2]s market search 车牌",
		"%[1]s %[2]s market view " + m.Plugins[0].ID,
		"%[1]s %[2]s --as reviewer1 review list",
		"%[1]s %[2]s --as dev2 submissions " + m.Plugins[3].ID,
		"%[1]s %[2]s --as dev1 log " + m.Plugins[4].ID,
		"%[1]s %[2]s --as dev1                  (the console)",
	} {
		line(w, "  "+c, prog, db)
	}
	return nil
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// shellQuote makes a path safe to paste into a POSIX shell.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// renderLarge prints what the large demo made and the commands to try
// next, each starting with prog, the name plugpub was run as.
func renderLarge(w io.Writer, m largedemo.Made, prog string) error {
	line(w, "created the large demo database %s in %.1fs", m.DB, float64(m.Millis)/1000)
	line(w, "  %d users, %d plugins, %d versions", m.Users, m.Plugins, m.Versions)
	line(w, "  %d submissions (%d 审核中), %d MiB of snapshots", m.Submissions, m.InReview, m.SnapshotMB)
	line(w, "  %d listings (%d 展示, %d 隐藏), %d orders, %d events", m.Listings, m.Shown, m.Hidden, m.Orders, m.Events)
	if m.Popular != "" {
		line(w, "  %d mini programs; plugin %s is the popular one (使用者管理: plugpub orders %s)", m.Apps, m.Popular, m.Popular)
	}
	db := "--db " + shellQuote(m.DB)
	line(w, "")
	line(w, "try:")
	for _, c := range []string{
		"%[1]s %[2]s --as reviewer1                 (全部插件, 审核队列)",
		"%[1]s %[2]s --as dev1                      (2021004100000001 has a long 发布管理)",
		"%[1]s %[2]s market search 车牌",
	} {
		line(w, "  "+c, prog, db)
	}
	return nil
}

// demoLarge makes the large demo at path, showing its progress on stderr.
func (a *app) demoLarge(cmd *cobra.Command, path string) error {
	tty := isTerminal(a.stderr)
	err := a.withStore(cmd, func(ctx context.Context, db database, path string) error {
		st, ok := db.(*sqlite.Store)
		if !ok {
			return workflow.Illegal("the large demo is built in an SQLite file; build it there and copy it with plugpub migrate --from FILE --to %s", path)
		}
		made, err := largedemo.Build(ctx, st, time.Now(), largedemo.Scale, largeProgress(a.stderr, a.p, tty))
		if tty {
			fmt.Fprint(a.stderr, "\r\x1b[K")
		}
		if err != nil {
			return fmt.Errorf("building the large demo: %w", err)
		}
		made.DB = path
		return a.print(made, func(w io.Writer) error { return renderLarge(w, made, a.prog) })
	})
	if err != nil {
		removeDB(path)
	}
	return err
}

// largeProgress says how far the large demo has got on w in p's language:
// one line rewritten in place on a terminal, a line per finished stage
// otherwise.
func largeProgress(w io.Writer, p *message.Printer, tty bool) largedemo.Progress {
	var last time.Time
	return func(stage string, done, total int) {
		say := i18n.T(stage).Localize(p)
		switch {
		case tty && (done == total || time.Since(last) > 100*time.Millisecond):
			last = time.Now()
			if total > 0 {
				fmt.Fprintf(w, "\r\x1b[K%s %d/%d", say, done, total)
			} else {
				fmt.Fprintf(w, "\r\x1b[K%s…", say)
			}
		case !tty && done == total && total > 0:
			fmt.Fprintf(w, "%s %d/%d\n", say, done, total)
		}
	}
}
