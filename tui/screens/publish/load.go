package publish

import (
	"context"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"plugpub/tui/common"
	"plugpub/tui/components/vtable"
	"plugpub/workflow"
)

// pluginState is what the actions of every row depend on besides the row:
// the facts workflow's offers are asked with.
type pluginState struct {
	facts   workflow.PluginFacts
	listing *workflow.Listing // facts.Listing: nil until the plugin is 上架
	// notes are the notes of the 驳回 the draft answers, each resolved
	// once the draft changed its field.
	notes []workflow.NoteStatus
}

// row is one submission with what this user may do to it, decided when it
// was loaded so that drawing a row asks nothing.
type row struct {
	sub     workflow.Submission
	ops     []op
	listing *workflow.Listing // set on the row the market shows
	// resolved says of each of the row's notes (by Seq) whether the draft
	// has changed its field since; nil for a row the draft does not answer.
	resolved map[int]bool
}

// loadedMsg is one window of rows with the plugin state it was computed
// from; seq orders answers that overtook each other.
type loadedMsg struct {
	id    string
	seq   int
	state pluginState
	win   vtable.Window[row]
}

// timelineMsg is the events of one submission.
type timelineMsg struct {
	id    string
	subID int64
	gen   int
	tl    timeline
}

type timeline struct {
	events []workflow.Event
	// cut is true when the scan stopped before the end of the log.
	cut bool
	// snap is the submission's snapshot when it carries notes, so they
	// name their fields as the forms do (the list reads none).
	snap *workflow.Draft
}

// doneMsg reports a finished action.
type doneMsg struct {
	id   string
	text string
}

// fetch loads one window of submissions (of those matching the table's
// filter) and the plugin state.
func (m *Model) fetch(q vtable.Query) tea.Cmd {
	m.seq++
	svc, u, pid, id, seq := m.ctx.Svc, m.ctx.User, m.pluginID, m.id, m.seq
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		st, err := loadState(ctx, svc, u.Name, pid)
		if err != nil {
			return nil, err
		}
		subs, err := svc.Submissions(ctx, u.Name, pid, q.Page())
		if err != nil {
			return nil, err
		}
		total, err := svc.CountSubmissions(ctx, u.Name, pid, q.Filter)
		if err != nil {
			return nil, err
		}
		rows := make([]row, len(subs))
		for i, s := range subs {
			rows[i] = row{sub: s, ops: opsFor(u, st, s)}
			if st.listing != nil && st.listing.SubmissionID == s.ID {
				rows[i].listing = st.listing
			}
			for _, n := range st.notes {
				if n.SubmissionID == s.ID {
					if rows[i].resolved == nil {
						rows[i].resolved = map[int]bool{}
					}
					rows[i].resolved[n.Seq] = n.Resolved
				}
			}
		}
		return loadedMsg{id: id, seq: seq, state: st, win: vtable.Window[row]{Offset: q.Offset, Items: rows, Total: total, Filter: q.Filter}}, nil
	})
}

func loadState(ctx context.Context, svc *workflow.Service, as, pid string) (pluginState, error) {
	f, err := svc.Facts(ctx, as, pid)
	if err != nil {
		return pluginState{}, err
	}
	notes, err := svc.DraftNotes(ctx, as, pid)
	if err != nil {
		return pluginState{}, err
	}
	return pluginState{facts: f, listing: f.Listing, notes: notes}, nil
}

// A timeline reads the log scanPage events at a time and at most maxScan
// of them: orders are events too, so a popular plugin's log can be long.
// Variables so that a test can cross pages without writing thousands of rows.
var (
	scanPage = workflow.MaxPageSize
	maxScan  = 20 * workflow.MaxPageSize
)

// clockSlack allows for terminals whose clocks disagree a little: the log
// is in commit order, and its times only roughly so.
const clockSlack = time.Minute

// loadTimeline finds the events of one submission in the plugin's log:
// the log is in time order and nothing happens to a submission before it
// is submitted, so a binary search skips to its submission and the scan
// reads forward from there.
func (m *Model) loadTimeline(sub workflow.Submission) tea.Cmd {
	svc, as, pid, id, gen := m.ctx.Svc, m.ctx.User.Name, m.pluginID, m.id, m.gen
	return common.Cmd(func(ctx context.Context) (tea.Msg, error) {
		tl, err := submissionTimeline(ctx, svc, as, pid, sub)
		if err != nil {
			return nil, err
		}
		if len(sub.Notes) > 0 {
			full, err := svc.Submission(ctx, as, sub.ID)
			if err != nil {
				return nil, err
			}
			tl.snap = full.Snapshot
		}
		return timelineMsg{id: id, subID: sub.ID, gen: gen, tl: tl}, nil
	})
}

func submissionTimeline(ctx context.Context, svc *workflow.Service, as, pid string, sub workflow.Submission) (timeline, error) {
	total, err := svc.CountLog(ctx, as, pid)
	if err != nil {
		return timeline{}, err
	}
	lo, hi := 0, total
	for lo < hi {
		mid := (lo + hi) / 2
		evs, err := svc.Log(ctx, as, pid, workflow.Page{Offset: mid, Limit: 1})
		if err != nil {
			return timeline{}, err
		}
		if len(evs) == 0 {
			hi = mid
			continue
		}
		if evs[0].At.Before(sub.SubmittedAt.Add(-clockSlack)) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	key := strconv.FormatInt(sub.ID, 10)
	var tl timeline
	for off := lo; off < total; off += scanPage {
		if off-lo >= maxScan {
			tl.cut = true
			break
		}
		evs, err := svc.Log(ctx, as, pid, workflow.Page{Offset: off, Limit: scanPage})
		if err != nil {
			return timeline{}, err
		}
		for _, e := range evs {
			if (e.Entity == workflow.EntitySubmission || e.Entity == workflow.EntityListing) && e.Key == key {
				tl.events = append(tl.events, e)
			}
		}
		if len(evs) < scanPage {
			break
		}
	}
	return tl, nil
}

// act runs one service call off the Update loop.
func (m *Model) act(done string, fn func(ctx context.Context, svc *workflow.Service, as string) error) tea.Cmd {
	return common.Act(m.ctx, doneMsg{id: m.id, text: done}, fn)
}
