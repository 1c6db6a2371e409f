package workflow

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"plugpub/workflow/i18n"
)

// Review that helps both sides (issue 16): notes a reviewer pins to fields
// of a submission with a 驳回, claims (认领) on the queue's rows, the base a
// review page diffs against, and the queue's statistics. The rules are here;
// service_review.go holds the Service's actions and reads.

const (
	ActClaim   Action = "claim"   // 认领: advice to other reviewers, never a lock
	ActUnclaim Action = "unclaim" // 取消认领
	ActNote    Action = "note"    // 字段批注: recorded with a 驳回, one event per note
)

// ClaimLapse is how long a claim lasts without action: claiming again
// renews it, and a decision ends it.
const ClaimLapse = 2 * time.Hour

// MaxNotes bounds the notes of one rejection, MaxNoteRunes one note's text.
const (
	MaxNotes     = 50
	MaxNoteRunes = 500
)

// Note is a reviewer's note pinned to one field of a rejected submission.
// It is written with the 驳回 and never changed or deleted: the store
// inserts notes and has no way to update one.
type Note struct {
	SubmissionID int64 `json:"submission"`
	// Seq orders the notes of one submission, from 1.
	Seq int `json:"seq"`
	// Path names the field as draft check does: "info.title",
	// "guide.components[2].props[0].type".
	Path   string    `json:"path"`
	Text   string    `json:"text"`
	Author string    `json:"author"`
	At     time.Time `json:"at"`
}

// NoteInput is a note as a reviewer writes it.
type NoteInput struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

// NoteStatus is a note as the developer reads it against their draft: it
// is resolved once the field differs from the rejected submission's.
type NoteStatus struct {
	Note
	Resolved bool `json:"resolved"`
}

// ---- paths

// fieldAt is one field of a draft's JSON form and its value there, as
// compact JSON.
type fieldAt struct {
	path string
	raw  []byte
}

// draftFields lists every field of d's JSON form in its order: each
// member of a struct and each entry of a list, whatever it holds ("info",
// "info.title", "guide.components", "guide.components[0]",
// "guide.components[0].props[1].type" …). These are the paths of
// Problem.Path, which draft check prints.
func draftFields(d Draft) []fieldAt {
	b, err := json.Marshal(d)
	if err != nil {
		return nil // a Draft always encodes
	}
	var out []fieldAt
	walkJSON(b, "", &out)
	return out
}

func walkJSON(raw []byte, path string, out *[]fieldAt) {
	raw = bytes.TrimSpace(raw)
	if path != "" {
		*out = append(*out, fieldAt{path, raw})
	}
	if len(raw) == 0 || (raw[0] != '{' && raw[0] != '[') {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return
	}
	for i := 0; dec.More(); i++ {
		p := path + "[" + strconv.Itoa(i) + "]"
		if raw[0] == '{' {
			t, err := dec.Token()
			if err != nil {
				return
			}
			k, _ := t.(string)
			p = joinPath(path, k)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return
		}
		walkJSON(v, p, out)
	}
}

// DraftPaths lists the paths a note may be pinned to in d, in the order
// of the draft: every field, entry and list.
func DraftPaths(d Draft) []string {
	fs := draftFields(d)
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.path
	}
	return out
}

// fieldValue is the value at path in d as compact JSON; ok is false when
// d has no such field.
func fieldValue(fs []fieldAt, path string) ([]byte, bool) {
	for _, f := range fs {
		if f.path == path {
			return f.raw, true
		}
	}
	return nil, false
}

// ValidNotePath checks the form of a path, whatever draft it is for:
// JSON names of lower-case letters, digits and _ joined by dots, each
// followed by any [index].
func ValidNotePath(path string) error {
	if path == "" {
		return invalidf("a note needs the path of a field, such as info.title")
	}
	if len(path) > 200 {
		return invalidf("a note's path has at most 200 characters")
	}
	if !pathSyntax(path) {
		return invalidf("%s is not a field path; a path looks like info.title or guide.components[2].props[0].type", quoteForMessage(path))
	}
	return nil
}

// pathSyntax: names of a-z, 0-9 and _ joined by dots, each followed by
// any number of [index] (no leading zeros).
func pathSyntax(path string) bool {
	for _, part := range strings.Split(path, ".") {
		name, rest := part, ""
		if i := strings.IndexByte(part, '['); i >= 0 {
			name, rest = part[:i], part[i:]
		}
		if name == "" {
			return false
		}
		for _, r := range name {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				return false
			}
		}
		for rest != "" {
			j := strings.IndexByte(rest, ']')
			if rest[0] != '[' || j < 2 || j > 7 || (j > 2 && rest[1] == '0') {
				return false
			}
			for _, r := range rest[1:j] {
				if r < '0' || r > '9' {
					return false
				}
			}
			rest = rest[j+1:]
		}
	}
	return true
}

// CheckNotePath checks that path names a field of snapshot d, the
// submission sub.
func CheckNotePath(d Draft, sub int64, path string) error {
	if err := ValidNotePath(path); err != nil {
		return err
	}
	if _, ok := fieldValue(draftFields(d), path); !ok {
		return invalidf("submission %d has no field %s (plugpub draft check names the fields)", sub, quoteForMessage(path))
	}
	return nil
}

// ParseNote reads a note as the CLI's --note takes it: PATH=TEXT.
func ParseNote(s string) (NoteInput, error) {
	path, text, ok := strings.Cut(s, "=")
	if !ok {
		return NoteInput{}, invalidf("a note is PATH=TEXT, such as info.title=标题太长; %s has no =", quoteForMessage(s))
	}
	n := NoteInput{Path: strings.TrimSpace(path), Text: strings.TrimSpace(text)}
	if err := ValidNotePath(n.Path); err != nil {
		return NoteInput{}, err
	}
	if err := validateNoteText(n); err != nil {
		return NoteInput{}, err
	}
	return n, nil
}

func validateNoteText(n NoteInput) error {
	t := strings.TrimSpace(n.Text)
	if t == "" {
		return invalidf("the note on %s has no text", n.Path)
	}
	if c := len([]rune(t)); c > MaxNoteRunes {
		return invalidf("the note on %s has %d characters; at most %d are allowed", n.Path, c, MaxNoteRunes)
	}
	return nil
}

// checkNotes checks the notes of a rejection of sub, whose snapshot is d:
// each on a field d has, with a text; every problem at once.
func checkNotes(d Draft, sub int64, notes []NoteInput) error {
	if len(notes) > MaxNotes {
		return invalidf("a rejection carries at most %d notes; this one has %d", MaxNotes, len(notes))
	}
	fs := draftFields(d)
	var probs []Problem
	for _, n := range notes {
		err := ValidNotePath(n.Path)
		if err == nil {
			if _, ok := fieldValue(fs, n.Path); !ok {
				err = invalidf("submission %d has no field %s (plugpub draft check names the fields)", sub, quoteForMessage(n.Path))
			}
		}
		if err == nil {
			err = validateNoteText(n)
		}
		if err != nil {
			probs = append(probs, Problem{Path: n.Path, Message: err.Error(), Text: textOf(err)})
		}
	}
	switch len(probs) {
	case 0:
		return nil
	case 1:
		e := newError(KindInvalid, "a note cannot be pinned: %s", probs[0].Text)
		return e
	}
	e := newError(KindInvalid, "%d notes cannot be pinned", len(probs))
	e.Problems = probs
	return e
}

// NoteStatuses says of each note of the rejected submission whether the
// current draft has changed its field since (a field that is gone has
// changed too).
func NoteStatuses(rejected Submission, current Draft) []NoteStatus {
	if len(rejected.Notes) == 0 {
		return nil
	}
	var was []fieldAt
	if rejected.Snapshot != nil {
		was = draftFields(*rejected.Snapshot)
	}
	now := draftFields(current)
	out := make([]NoteStatus, len(rejected.Notes))
	for i, n := range rejected.Notes {
		old, _ := fieldValue(was, n.Path)
		cur, ok := fieldValue(now, n.Path)
		out[i] = NoteStatus{Note: n, Resolved: !ok || !bytes.Equal(old, cur)}
	}
	return out
}

// Unresolved is the notes still open.
func Unresolved(ns []NoteStatus) []NoteStatus {
	var out []NoteStatus
	for _, n := range ns {
		if !n.Resolved {
			out = append(out, n)
		}
	}
	return out
}

// ---- claims

// Claim is who holds a live claim on s at now: a claim lapses ClaimLapse
// after it was made, and only a submission in review is claimed. A zero
// now knows no time, and sees no claim.
func (s Submission) Claim(now time.Time) (by string, live bool) {
	if s.ClaimedBy == "" || s.State != SubmissionInReview || now.IsZero() || !now.Before(s.ClaimLapsesAt()) {
		return "", false
	}
	return s.ClaimedBy, true
}

// ClaimLapsesAt is when the claim on s stops being live.
func (s Submission) ClaimLapsesAt() time.Time { return s.ClaimedAt.Add(ClaimLapse) }

// AsOf is s with a claim that is no longer live cleared, as reads show it.
func (s Submission) AsOf(now time.Time) Submission {
	if _, live := s.Claim(now); !live {
		s.ClaimedBy, s.ClaimedAt = "", time.Time{}
	}
	return s
}

// ClaimOffer answers for 认领 and 取消认领 on a row of the review queue at
// f.Now. Claiming a row another reviewer holds is allowed, after asking:
// a claim is advice. Only the holder may 取消认领 a live claim.
func ClaimOffer(u User, f PluginFacts, sub Submission) Offer {
	what := i18n.T("submission %s", id(sub.ID))
	by, live := sub.Claim(f.Now)
	claim := machineVerdict(SubmissionMachine, sub.State, ActClaim, u, f.Plugin, what, sub.SubmittedBy)
	if live && by != u.Name {
		claim = claim.asks("认领 submission %d? %s claimed it at %s; you take it over.", sub.ID, by, sub.ClaimedAt.In(ReviewZone).Format("15:04"))
		claim.ClaimedBy = by
	}
	unclaim := machineVerdict(SubmissionMachine, sub.State, ActUnclaim, u, f.Plugin, what, sub.SubmittedBy)
	if unclaim.Allowed {
		switch {
		case !live:
			unclaim = refuse(ActUnclaim, KindIllegal, "submission %d is not claimed (认领); nothing to release", sub.ID)
		case by != u.Name:
			unclaim = refuse(ActUnclaim, KindIllegal, "submission %d is claimed by %s; only they may 取消认领 it (a claim lapses after 2 hours)", sub.ID, by)
			unclaim.ClaimedBy = by
		}
	}
	return Offer{claim, unclaim}
}

// claimAdvice turns an allowed decision on a row another reviewer holds
// into one that asks first; deciding is never refused for a claim.
func claimAdvice(vd Verdict, u User, f PluginFacts, sub Submission) Verdict {
	by, live := sub.Claim(f.Now)
	if !vd.Allowed || !live || by == u.Name {
		return vd
	}
	vd = vd.asks("submission %d is claimed (认领) by %s since %s: %s it anyway?", sub.ID, by, sub.ClaimedAt.In(ReviewZone).Format("15:04"), actWord(vd.Action))
	vd.ClaimedBy = by
	return vd
}

// ---- the queue

// QueueFilter picks rows of the review queue: all, those the user holds a
// live claim on (Mine), those nobody holds (Unclaimed), the overdue ones;
// the picks combine.
type QueueFilter struct {
	Mine, Unclaimed, Overdue bool
}

// QueueQuery is a QueueFilter as the store runs it: ClaimedBy is the
// holder the rows must have a live claim of ("" for any), a claim is live
// when it was made after LiveAfter, and a row is overdue when due before Now.
type QueueQuery struct {
	ClaimedBy string
	Unclaimed bool
	Overdue   bool
	Now       time.Time
	LiveAfter time.Time
}

// Zero reports whether q picks every row.
func (q QueueQuery) Zero() bool { return q.ClaimedBy == "" && !q.Unclaimed && !q.Overdue }

func (qf QueueFilter) query(as string, now time.Time) QueueQuery {
	q := QueueQuery{Unclaimed: qf.Unclaimed, Overdue: qf.Overdue, Now: now, LiveAfter: now.Add(-ClaimLapse)}
	if qf.Mine {
		q.ClaimedBy = as
	}
	return q
}

// StatsDays is how many days of decisions the statistics count.
const StatsDays = 14

// FiguresQuery asks the store for the queue's figures: the queue at Now
// (a claim made after LiveAfter is live), and the decisions made at or
// after Since, counted per day of the zone ZoneOffset seconds east of UTC.
type FiguresQuery struct {
	Now, LiveAfter, Since time.Time
	ZoneOffset            int
}

// ReviewFigures is what the store counts for the statistics.
type ReviewFigures struct {
	InReview, Overdue, Unclaimed int
	// PerDay counts the decisions since by day: the key is the day's
	// number, (Unix milliseconds + ZoneOffset·1000) / 86,400,000.
	PerDay map[int64]int
	// Decided counts the decisions since, OnTime those made by their due
	// time, and Median is the middle time from submission to decision
	// (the upper one of an even count).
	Decided, OnTime int
	Median          time.Duration
}

// ReviewStats is the review queue at a glance: its header and review stats.
type ReviewStats struct {
	At        time.Time `json:"at"`
	InReview  int       `json:"in_review"`
	Overdue   int       `json:"overdue"`
	Unclaimed int       `json:"unclaimed"`
	// Days are the last StatsDays days in the review zone, oldest first,
	// today last.
	Days    []DayCount `json:"days"`
	Decided int        `json:"decided"`
	OnTime  int        `json:"on_time"`
	// Median is the median time from submission to decision over Days;
	// the promise is one working day (DueAt).
	Median        time.Duration `json:"-"`
	MedianSeconds int64         `json:"median_seconds"`
	Promise       string        `json:"promise"`
	// MedianKeepsPromise is WithinPromise, for --json.
	MedianKeepsPromise bool `json:"median_keeps_promise"`
}

// DayCount is one day's decisions (审核通过 and 驳回).
type DayCount struct {
	Day       string `json:"day"` // 2006-01-02 in the review zone
	Decisions int    `json:"decisions"`
}

// PromiseOneWorkingDay is the code of the review SLA, 预计一个工作日.
const PromiseOneWorkingDay = "one_working_day"

// statsWindow is the first instant of the days the statistics count: the
// start of today in the review zone, StatsDays-1 days back.
func statsWindow(now time.Time) (since time.Time, offset int) {
	t := now.In(ReviewZone)
	y, m, d := t.Date()
	_, offset = t.Zone()
	return time.Date(y, m, d-(StatsDays-1), 0, 0, 0, 0, ReviewZone), offset
}

// dayNumber is the key of ReviewFigures.PerDay for t.
func dayNumber(t time.Time, offset int) int64 {
	return (t.UnixMilli() + int64(offset)*1000) / 86_400_000
}

func statsOf(now time.Time, f ReviewFigures) ReviewStats {
	since, offset := statsWindow(now)
	st := ReviewStats{At: now, InReview: f.InReview, Overdue: f.Overdue, Unclaimed: f.Unclaimed,
		Decided: f.Decided, OnTime: f.OnTime, Median: f.Median, MedianSeconds: int64(f.Median / time.Second),
		Promise: PromiseOneWorkingDay, MedianKeepsPromise: f.Median <= promise}
	for i := range StatsDays {
		day := since.AddDate(0, 0, i)
		st.Days = append(st.Days, DayCount{Day: day.Format("2006-01-02"), Decisions: f.PerDay[dayNumber(day, offset)]})
	}
	return st
}

// MaxPerDay is the largest day's count, for a chart's scale.
func (st ReviewStats) MaxPerDay() int {
	m := 0
	for _, d := range st.Days {
		m = max(m, d.Decisions)
	}
	return m
}

// WithinPromise reports whether the median decision keeps the promise of
// one working day: a day of 24 hours, as DueAt counts it.
func (st ReviewStats) WithinPromise() bool { return st.Median <= promise }

// promise is one working day as DueAt counts it.
const promise = 24 * time.Hour

// DiffBases are what a review page can diff a submission against: the
// listed snapshot (with its listing), and the rejected submission it
// follows (with its notes), each nil when there is none. One key switches
// between them (Other); the rejected one is shown first (Default).
type DiffBases struct {
	Listed   *Submission `json:"listed,omitempty"`
	Listing  *Listing    `json:"listing,omitempty"`
	Rejected *Submission `json:"rejected,omitempty"`
}

// BaseRejected is DiffBases.Rejected, the submission a resubmission after
// 驳回 follows.
const BaseRejected BaseKind = "rejected"

// Default is the base shown first: after a 驳回, the rejected submission,
// else the listed one, else none.
func (b DiffBases) Default() BaseKind {
	switch {
	case b.Rejected != nil:
		return BaseRejected
	case b.Listed != nil:
		return BaseListed
	}
	return BaseNone
}

// Get is the base of kind, nil when there is none.
func (b DiffBases) Get(kind BaseKind) *Submission {
	switch kind {
	case BaseRejected:
		return b.Rejected
	case BaseListed:
		return b.Listed
	}
	return nil
}

// Other is the kind the switching key goes to, or kind itself when the
// other base does not exist.
func (b DiffBases) Other(kind BaseKind) BaseKind {
	if kind == BaseRejected && b.Listed != nil {
		return BaseListed
	}
	if kind == BaseListed && b.Rejected != nil {
		return BaseRejected
	}
	return kind
}

// DiffPath is a note's path as DiffDrafts names the same field in d:
// each entry of a list by its name where it has one
// ("guide.components[2].props[0].type" → "guide.components[plate-scanner].props[mode].type").
func DiffPath(d Draft, path string) string {
	fs := draftFields(d)
	out, ok := mapKeys(path, func(orig, _, k string) (string, bool) {
		var name string
		if raw, ok := fieldValue(fs, orig+"["+k+"].name"); ok && json.Unmarshal(raw, &name) == nil && name != "" {
			return name, true
		}
		return k, true
	})
	if !ok {
		return path
	}
	return out
}

// NotePath is the inverse of DiffPath: a field as DiffDrafts names it
// (entries by name) as a note names it in d (entries by index), so a
// reviewer can pin a note to a line of the diff; ok is false when d has
// no such field (a removed entry, say).
func NotePath(d Draft, diffPath string) (string, bool) {
	fs := draftFields(d)
	p, ok := mapKeys(diffPath, func(_, list, k string) (string, bool) {
		if _, err := strconv.Atoi(k); err == nil {
			return k, true
		}
		for i := 0; ; i++ {
			raw, ok := fieldValue(fs, list+"["+strconv.Itoa(i)+"].name")
			if !ok {
				return "", false
			}
			var name string
			if json.Unmarshal(raw, &name) == nil && name == k {
				return strconv.Itoa(i), true
			}
		}
	})
	if !ok {
		return "", false
	}
	if _, ok := fieldValue(fs, p); !ok {
		return "", false
	}
	return p, true
}

// mapKeys rewrites each [key] of path with key, which is told the list's
// path before and after the keys ahead of it were rewritten; false from
// key, or a [ left open, is false.
func mapKeys(path string, key func(orig, mapped, k string) (string, bool)) (string, bool) {
	var b strings.Builder
	for rest := path; rest != ""; {
		i := strings.IndexByte(rest, '[')
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := strings.IndexByte(rest[i:], ']')
		if j < 0 {
			return "", false
		}
		b.WriteString(rest[:i])
		k, ok := key(path[:len(path)-len(rest)+i], b.String(), rest[i+1:i+j])
		if !ok {
			return "", false
		}
		b.WriteString("[" + k + "]")
		rest = rest[i+j+1:]
	}
	return b.String(), true
}

// NotesAt is the notes of the base on path, for a diff to show beside it.
// A diff names entries by name where notes name them by index: NotesAt
// takes the note's own path.
func NotesAt(base *Submission, path string) []Note {
	if base == nil {
		return nil
	}
	var out []Note
	for _, n := range base.Notes {
		if n.Path == path {
			out = append(out, n)
		}
	}
	return out
}
