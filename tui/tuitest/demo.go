package tuitest

import (
	"time"

	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// The plugins Demo makes: one per stage of the publish flow, as `plugpub
// demo` makes them (that builder lives in package main, out of reach).
const (
	DemoPlate   = "2021004100000001" // dev1's, listed and shown; buyer1 ordered it
	DemoPoints  = "2021004100000002" // dev1's, listed and hidden
	DemoInvoice = "2021004100000003" // dev2's, in review for a week: overdue
	DemoFace    = "2021004100000004" // dev2's, rejected with a reason
	DemoCoupon  = "2021004100000005" // dev1's, 1.0.0 listed, a modification on 1.1.0 in review
)

// Advance moves the world's clock on by d, so what was submitted before
// can be overdue now.
func (w *World) Advance(d time.Duration) {
	w.clock.Advance(d)
}

// Demo fills the world the way `plugpub demo` fills a database, with the
// world's cast: rev1 and rev2 review, buyer1 and ent1 order.
func (w *World) Demo() {
	w.T.Helper()
	ctx, s := w.Ctx, w.Svc
	retitle := func(owner, id, title, intro string) {
		sd, err := s.Draft(ctx, owner, id)
		w.Must(err)
		sd.Draft.Info.Title, sd.Draft.Info.Intro = title, intro
		w.Must(s.SaveDraft(ctx, owner, id, sd.Draft, sd.Rev))
	}
	w.Online("dev1", DemoPlate, "车牌识别")
	retitle("dev1", DemoPlate, "小程序OCR车牌号识别插件", "拍照或选择图片，一秒识别车牌号码与颜色，支持新能源车牌")
	w.Online("dev1", DemoPoints, "会员积分")
	retitle("dev1", DemoPoints, "会员积分商城插件", "积分获取、兑换与积分商城页面一站式接入，提升会员复购")
	w.Online("dev1", DemoCoupon, "优惠券营销")
	retitle("dev1", DemoCoupon, "优惠券营销插件", "发券、领券、核销全流程组件，支持满减券与折扣券")
	w.Online("dev2", DemoInvoice, "电子发票")
	retitle("dev2", DemoInvoice, "电子发票开具插件", "扫码开票、抬头管理与发票推送，支持增值税普通发票")
	w.Online("dev2", DemoFace, "人脸核身")
	retitle("dev2", DemoFace, "人脸核身认证插件", "活体检测与实名比对，适用于开户、签约等高安全场景")
	for _, id := range []string{DemoPlate, DemoPoints, DemoCoupon} {
		w.Listed("dev1", id)
	}
	w.Must(s.Hide(ctx, "dev1", DemoPoints, workflow.AnyRev))

	w.Must(s.Submit(ctx, "dev2", DemoInvoice, ""))
	face, err := s.Submit(ctx, "dev2", DemoFace, "")
	w.Must(err)
	w.Must(s.Reject(ctx, "rev1", face.ID, "案例介绍与服务描述不符：请补充真实的接入案例，并说明人脸数据的留存期限", workflow.AnyRev))
	w.Advance(5 * 24 * time.Hour)

	w.Must(s.Order(ctx, "buyer1", DemoPlate))
	w.Must(s.Order(ctx, "ent1", DemoCoupon))
	w.Must(s.AddVersion(ctx, "dev1", DemoCoupon, "1.1.0"))
	w.Must(workflowtest.TakeOnline(ctx, s, "dev1", DemoCoupon, "1.1.0"))
	w.Advance(2 * 24 * time.Hour)
	retitle("dev1", DemoCoupon, "优惠券营销插件 2.0", "新增裂变分享券与券包页面，发券、领券、核销一站式")
	w.Must(s.Submit(ctx, "dev1", DemoCoupon, ""))
}
