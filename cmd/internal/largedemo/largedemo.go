// Package largedemo generates the large demo database (plugpub demo
// --scale large): thousands of plugins with their whole histories, written
// in one transaction through sqlite.Bulk, every row agreeing with the event
// log as if each action had been taken through the Service. Its test proves
// that by workflow.Replay, which refuses an illegal move.
package largedemo

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"plugpub/store/sqlite"
	"plugpub/workflow"
)

// Spec sizes a generated database. --scale large is Scale; the
// test of the generator runs a small one.
type Spec struct {
	Plugins     int
	Submissions int
	Developers  int
	Reviewers   int
	Consumers   int
	// Heavy is the submissions of the first plugin (dev1's
	// 2021004100000001): one plugin with a long history, so that 发布管理
	// has a deep list to scroll.
	Heavy int
	// PopularOrders orders across PopularApps mini programs go to one
	// plugin (choosePopular), as a popular plugin has them (使用者管理).
	PopularOrders, PopularApps int
	Seed                       uint64
}

var Scale = Spec{Plugins: 10_000, Submissions: 100_000, Developers: 200, Reviewers: 12, Consumers: 600, Heavy: 2_000,
	PopularOrders: 100_000, PopularApps: 50_000, Seed: 1}

// Made is what demo --scale large prints.
type Made struct {
	DB          string `json:"db"`
	Users       int    `json:"users"`
	Plugins     int    `json:"plugins"`
	Versions    int    `json:"versions"`
	Submissions int    `json:"submissions"`
	InReview    int    `json:"in_review"`
	Listings    int    `json:"listings"`
	Shown       int    `json:"shown"`
	Hidden      int    `json:"hidden"`
	Orders      int    `json:"orders"`
	Apps        int    `json:"apps"`
	// Popular is the plugin with PopularOrders orders, "" if none.
	Popular    string `json:"popular,omitempty"`
	Events     int    `json:"events"`
	SnapshotMB int    `json:"snapshot_mib"` // the submissions' JSON, before SQLite's own overhead
	Millis     int64  `json:"millis"`
}

// Progress is told how far each stage has got.
type Progress func(stage string, done, total int)

// The stages Build reports, in order. Each is a message of the i18n
// catalog (workflow/i18n/zh_cli.go), so that the command shows its
// progress in the reader's language.
const (
	StageSimulate    = "simulating plugins"
	StageSubmissions = "writing submissions"
	StageListings    = "listing and indexing"
	StageEvents      = "writing events"
	StageCommit      = "committing"
)

// Stages lists every stage Build reports.
var Stages = []string{StageSimulate, StageSubmissions, StageListings, StageEvents, StageCommit}

// largeLogos makes a few dozen logos in different colours.
func largeLogos() (refs []string, images [][]byte) {
	for i := range 36 {
		h := float64(i) / 36
		c := color.RGBA{uint8(128 + 127*math.Sin(2*math.Pi*h)), uint8(128 + 127*math.Sin(2*math.Pi*(h+1.0/3))),
			uint8(128 + 127*math.Sin(2*math.Pi*(h+2.0/3))), 0xff}
		b := Logo(c)
		refs, images = append(refs, workflow.LogoRef(b)), append(images, b)
	}
	return refs, images
}

// largeCounts spreads total submissions over n plugins: the first gets
// heavy, the others between 1 and a few dozen, most around the mean.
func largeCounts(r *rand.Rand, n, total, heavy int) []int {
	counts := make([]int, n)
	if n == 0 {
		return counts
	}
	heavy = min(heavy, total-(n-1))
	counts[0] = max(1, heavy)
	rest := total - counts[0]
	w := make([]float64, n)
	sum := 0.0
	for i := 1; i < n; i++ {
		w[i] = 0.2 + r.ExpFloat64()
		sum += w[i]
	}
	left := rest
	for i := 1; i < n; i++ {
		counts[i] = max(1, int(float64(rest)*w[i]/sum))
		left -= counts[i]
	}
	for left != 0 { // the rounding, a submission at a time
		i := 1 + r.IntN(max(1, n-1))
		if n == 1 {
			i = 0
		}
		if left > 0 {
			counts[i]++
			left--
		} else if counts[i] > 1 {
			counts[i]--
			left++
		}
	}
	return counts
}

func largeUserSet(spec Spec) (*largeUsers, []workflow.User) {
	u := &largeUsers{}
	var all []workflow.User
	add := func(name string, role workflow.Role, buyer workflow.Buyer) {
		all = append(all, workflow.User{Name: name, Roles: []workflow.Role{role}, Buyer: buyer})
		switch role {
		case workflow.RoleDeveloper:
			u.devs = append(u.devs, name)
		case workflow.RoleReviewer:
			u.reviewers = append(u.reviewers, name)
		default:
			u.consumers = append(u.consumers, all[len(all)-1])
		}
	}
	// The small demo's names first, so its commands work here too.
	add("dev1", workflow.RoleDeveloper, "")
	add("dev2", workflow.RoleDeveloper, "")
	add("reviewer1", workflow.RoleReviewer, "")
	add("reviewer2", workflow.RoleReviewer, "")
	add("buyer1", workflow.RoleConsumer, workflow.BuyerPersonal)
	add("buyer2", workflow.RoleConsumer, workflow.BuyerEnterprise)
	for i := 3; i <= spec.Developers; i++ {
		add(fmt.Sprintf("dev%03d", i), workflow.RoleDeveloper, "")
	}
	for i := 3; i <= spec.Reviewers; i++ {
		add(fmt.Sprintf("reviewer%02d", i), workflow.RoleReviewer, "")
	}
	for i := 3; i <= spec.Consumers; i++ {
		b := workflow.BuyerPersonal
		if i%3 == 0 {
			b = workflow.BuyerEnterprise
		}
		add(fmt.Sprintf("buyer%03d", i), workflow.RoleConsumer, b)
	}
	return u, all
}

// Build fills an empty database with spec's plugins and their whole
// histories, written in one transaction through sqlite.Bulk. Every row
// agrees with its events, as if each action had been taken through the
// service (TestLargeDemoReplays checks it); only the per-action
// transactions are skipped, which is what makes it fast.
func Build(ctx context.Context, st *sqlite.Store, now time.Time, spec Spec, progress Progress) (Made, error) {
	began := time.Now()
	if progress == nil {
		progress = func(string, int, int) {}
	}
	now = now.UTC().Truncate(time.Millisecond)
	users, all := largeUserSet(spec)
	logoRefs, logos := largeLogos()
	counts := largeCounts(rand.New(rand.NewPCG(spec.Seed, 0)), spec.Plugins, spec.Submissions, spec.Heavy)

	// Simulate every plugin, on every core: each has its own seeded random
	// source, so the result does not depend on the scheduling.
	sims := make([]*simPlugin, spec.Plugins)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				sp := &simPlugin{idx: i, r: rand.New(rand.NewPCG(spec.Seed, uint64(i)+1)), spec: &spec, users: users,
					p: workflow.Plugin{ID: PluginID(i), Owner: users.devs[i%len(users.devs)]}}
				sp.simulate(now, counts[i], logoRefs)
				sims[i] = sp
				mu.Lock()
				done++
				if done%500 == 0 || done == spec.Plugins {
					progress(StageSimulate, done, spec.Plugins)
				}
				mu.Unlock()
			}
		})
	}
	for i := range spec.Plugins {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Made{}, err
	}

	var apps []workflow.App
	var popular string
	if spec.PopularApps > 0 {
		sp := choosePopular(sims, now)
		if sp == nil {
			return Made{}, fmt.Errorf("large demo: no listed plugin for the popular orders")
		}
		var err error
		if apps, err = sp.popular(now, spec.PopularApps, spec.PopularOrders); err != nil {
			return Made{}, err
		}
		popular = sp.p.ID
	}

	// Ids in time order across plugins, as the database would have given them.
	type subRef struct{ plugin, local int32 }
	var subs []subRef
	var events []*simEvent
	for _, sp := range sims {
		for i := range sp.subs {
			subs = append(subs, subRef{int32(sp.idx), int32(i)})
		}
		for i := range sp.events {
			events = append(events, &sp.events[i])
		}
	}
	slices.SortFunc(subs, func(a, b subRef) int {
		sa, sb := &sims[a.plugin].subs[a.local].s, &sims[b.plugin].subs[b.local].s
		return cmp.Or(sa.SubmittedAt.Compare(sb.SubmittedAt), cmp.Compare(a.plugin, b.plugin), cmp.Compare(a.local, b.local))
	})
	for i, ref := range subs {
		sims[ref.plugin].subs[ref.local].s.ID = int64(i + 1)
	}
	slices.SortFunc(events, func(a, b *simEvent) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.plugin, b.plugin), cmp.Compare(a.seq, b.seq))
	})
	id := func(sp *simPlugin, local int32) int64 { return sp.subs[local].s.ID }

	made := Made{Users: len(all), Plugins: spec.Plugins, Submissions: len(subs), Events: len(events), Apps: len(apps), Popular: popular}
	var snapshotBytes int64
	err := st.Bulk(ctx, func(b *sqlite.Bulk) error {
		for _, u := range all {
			if err := b.User(u); err != nil {
				return err
			}
		}
		for _, a := range apps {
			if err := b.App(a); err != nil {
				return err
			}
		}
		for i, ref := range logoRefs {
			if err := b.Logo(ref, "image/png", logos[i]); err != nil {
				return err
			}
		}
		for _, sp := range sims {
			if err := b.Plugin(sp.p); err != nil {
				return err
			}
			for _, v := range sp.versions {
				if err := b.Version(v); err != nil {
					return err
				}
				made.Versions++
			}
		}
		for i, ref := range subs {
			sp := sims[ref.plugin]
			s := sp.subs[ref.local]
			snap := sp.variants[s.variant]
			snapshotBytes += int64(len(snap))
			if err := b.Submission(s.s, snap); err != nil {
				return err
			}
			if s.s.State == workflow.SubmissionInReview {
				made.InReview++
			}
			if (i+1)%10_000 == 0 || i+1 == len(subs) {
				progress(StageSubmissions, i+1, len(subs))
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		var orders []*simOrder
		for n, sp := range sims {
			if l := sp.listing; l != nil {
				w := *l
				w.SubmissionID = id(sp, int32(l.SubmissionID))
				if err := b.Listing(w, sp.meta[sp.subs[l.SubmissionID].variant].text); err != nil {
					return err
				}
				made.Listings++
				if w.Visibility == workflow.VisibilityShown {
					made.Shown++
				} else {
					made.Hidden++
				}
			}
			for i := range sp.orders {
				o := &sp.orders[i]
				o.o.SubmissionID = id(sp, o.sub)
				o.title = sp.meta[sp.subs[o.sub].variant].text.Title
				orders = append(orders, o)
			}
			sp.draft.Rev = max(1, sp.draft.Rev)
			if err := b.Draft(sp.draft); err != nil {
				return err
			}
			if (n+1)%1000 == 0 || n+1 == len(sims) {
				progress(StageListings, n+1, len(sims))
			}
		}
		slices.SortStableFunc(orders, func(a, b *simOrder) int { return a.o.At.Compare(b.o.At) })
		for i, o := range orders {
			o.o.ID = int64(i + 1)
			if err := b.Order(o.o, o.title); err != nil {
				return err
			}
		}
		made.Orders = len(orders)
		for i, e := range events {
			sp := sims[e.plugin]
			w := workflow.Event{At: e.at, Actor: e.actor, PluginID: sp.p.ID, Entity: e.entity, Action: e.action,
				From: e.from, To: e.to, Key: e.key, Reason: e.reason}
			if e.sub > 0 {
				w.Key = strconv.FormatInt(id(sp, e.sub-1), 10)
			}
			if e.order > 0 {
				w.Key = strconv.FormatInt(sp.orders[e.order-1].o.ID, 10)
			}
			if e.reasonSub > 0 {
				w.Reason = fmt.Sprintf(e.reason, id(sp, e.reasonSub-1))
			}
			if err := b.Event(w); err != nil {
				return err
			}
			if (i+1)%50_000 == 0 || i+1 == len(events) {
				progress(StageEvents, i+1, len(events))
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		progress(StageCommit, 0, 0)
		return nil
	})
	if err != nil {
		return Made{}, err
	}
	made.SnapshotMB = int(snapshotBytes >> 20)
	made.Millis = time.Since(began).Milliseconds()
	return made, nil
}

// PluginID is the id of the i-th generated plugin: 2021004100000001 on.
func PluginID(i int) string { return strconv.FormatInt(2021004100000001+int64(i), 10) }

// Logo draws a small square logo in one colour with a lighter border.
func Logo(c color.RGBA) []byte {
	const side = 64
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	light := color.RGBA{c.R/2 + 0x80, c.G/2 + 0x80, c.B/2 + 0x80, 0xff}
	for y := range side {
		for x := range side {
			px := c
			if x < 4 || y < 4 || x >= side-4 || y >= side-4 {
				px = light
			}
			img.SetRGBA(x, y, px)
		}
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // encoding to memory cannot fail
	return buf.Bytes()
}
