package review

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/dialog"
	"plugpub/workflow"
)

// scope is which rows the queue lists; f goes round them.
type scope int

const (
	scopeAll scope = iota
	scopeMine
	scopeUnclaimed
	scopeOverdue
	scopes
)

// filter is the scope as workflow picks rows.
func (s scope) filter() workflow.QueueFilter {
	return workflow.QueueFilter{Mine: s == scopeMine, Unclaimed: s == scopeUnclaimed, Overdue: s == scopeOverdue}
}

// label is the scope as the header names it; "" for every row.
func (s scope) label() string {
	return [...]string{"", "我认领的", "未认领", "已超时"}[s]
}

type glanceMsg struct {
	id string
	g  workflow.ReviewStats
}

type claimedMsg struct {
	id   string
	text string
}

// loadGlance reads the header's figures.
func (m *Model) loadGlance() tea.Cmd {
	svc, as, id := m.ctx.Svc, m.ctx.User.Name, m.id
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		g, err := svc.ReviewStats(ctx, as)
		if err != nil {
			return nil, err
		}
		return glanceMsg{id: id, g: g}, nil
	})
}

// claimOffer is workflow's answer on 认领 and 取消认领 for the row: the
// user's role, the row's state, whose claim it is.
func (m *Model) claimOffer(it item, ok bool) workflow.Offer {
	if !ok {
		return nil
	}
	return workflow.ClaimOffer(m.ctx.User, workflow.PluginFacts{Plugin: it.plugin, Now: m.ctx.Now()}, it.sub)
}

// key handles the queue's own keys; false passes the key to the table.
func (m *Model) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	k := &m.keys
	it, ok := m.table.Selected()
	switch {
	case key.Matches(msg, k.Open):
		if ok {
			return common.Push(NewDetail(m.ctx, it.sub.ID)), true
		}
		return nil, true
	case key.Matches(msg, k.Claim) && k.Claim.Enabled():
		sub := it.sub
		run := m.claim(fmt.Sprintf("认领: #%d", sub.ID), func(ctx context.Context, svc *workflow.Service, as string) error {
			_, err := svc.Claim(ctx, as, sub.ID, sub.Rev)
			return err
		})
		v := m.claimOffer(it, ok).Get(workflow.ActClaim)
		return dialog.Ask(&m.modal, m.ctx, fmt.Sprintf("认领 #%d", sub.ID), m.ctx.Confirm(v), run), true
	case key.Matches(msg, k.Unclaim) && k.Unclaim.Enabled():
		sub := it.sub
		return m.claim(fmt.Sprintf("取消认领: #%d", sub.ID), func(ctx context.Context, svc *workflow.Service, as string) error {
			_, err := svc.Unclaim(ctx, as, sub.ID, sub.Rev)
			return err
		}), true
	case key.Matches(msg, k.Scope):
		m.scope = (m.scope + 1) % scopes
		m.table.SetCursor(0)
		return m.table.Reload(), true
	}
	return nil, false
}

// claim runs a claim's change off the Update loop.
func (m *Model) claim(done string, fn func(ctx context.Context, svc *workflow.Service, as string) error) tea.Cmd {
	return common.Act(m.ctx, claimedMsg{id: m.id, text: done}, fn)
}
