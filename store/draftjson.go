// Package store holds what plugpub's storage engines share beside them
// (store/sqlite, store/postgres): the JSON a draft is kept as, and the
// helpers both engines use to read and write their rows. An engine is one
// package under store/ that implements workflow.Store; store/storetest
// holds every engine to the same behaviour.
package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"sync"
	"unicode/utf8"

	"plugpub/workflow"
)

// DecodeDraft reads a draft or snapshot the store wrote itself with
// EncodeDraft (or, before, workflow.MarshalDraft). workflow.ParseDraft is made for files people write
// by hand: it walks the JSON first to point at every mistake by line and
// column, which costs four times a plain decode (32 ms against 8 for a
// draft of 200 components of 20 props; BenchmarkSubmit). A stored row needs
// no such help, but is still read strictly: valid UTF-8, no unknown key,
// every value of its field's type, nothing after the object. Anything else
// goes to ParseDraft, whose error says what and where.
func DecodeDraft(b []byte) (workflow.Draft, error) {
	if d, ok := decoded.get(b); ok {
		return d, nil
	}
	d := workflow.NewDraft()
	if utf8.Valid(b) && len(b) <= workflow.MaxDraftBytes {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err == nil {
			if _, err := dec.Token(); err == io.EOF {
				d.Normalize()
				decoded.put(b, d.Clone())
				return d, nil
			}
		}
	}
	return workflow.ParseDraft(b)
}

// EncodeDraft is the JSON the store keeps of a draft or snapshot: the
// normalized draft (lists [] rather than null) as compact JSON, with
// Chinese, <, > and & as themselves. workflow.MarshalDraft indents for
// people who edit the file; in the database the indentation was 40% of
// every snapshot, and most of the time writing one (BenchmarkSubmit).
func EncodeDraft(d workflow.Draft) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	c := d.Clone()
	if err := enc.Encode(c); err != nil {
		return nil, fmt.Errorf("encoding draft: %w", err)
	}
	if buf.Len() > workflow.MaxDraftBytes {
		return nil, fmt.Errorf("the draft is %d bytes, more than the %d a draft may have", buf.Len(), workflow.MaxDraftBytes)
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	// What was just written is what the next read gets: a submit right
	// after the wizard's autosave finds the draft already decoded.
	decoded.put(b, c)
	return b, nil
}

// decoded remembers the last few large drafts and snapshots decoded or
// encoded by this process, keyed by their exact bytes. Decoding a draft of
// 200 components × 20 props is 6 ms of encoding/json, and the same body is
// read again and again: each submit, each review of that submission, each
// market page. A hit is checked byte for byte, so another terminal's write
// can never be answered from here: different bytes are a different key.
var decoded = &draftMemo{seed: maphash.MakeSeed()}

const (
	memoMinBytes   = 16 << 10 // smaller drafts decode in well under a millisecond
	memoTotalBytes = 16 << 20 // the bodies kept, so memory stays bounded
)

type draftMemo struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries []memoEntry // oldest first
	bytes   int
}

type memoEntry struct {
	hash  uint64
	body  string
	draft workflow.Draft
}

func (m *draftMemo) get(b []byte) (workflow.Draft, bool) {
	if len(b) < memoMinBytes {
		return workflow.Draft{}, false
	}
	h := maphash.Bytes(m.seed, b)
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.hash == h && e.body == string(b) {
			// A copy: the caller may edit what it gets.
			return e.draft.Clone(), true
		}
	}
	return workflow.Draft{}, false
}

// put keeps d as the decoding of b. d must not be changed afterwards.
func (m *draftMemo) put(b []byte, d workflow.Draft) {
	if len(b) < memoMinBytes || len(b) > memoTotalBytes/4 {
		return
	}
	h := maphash.Bytes(m.seed, b)
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if e.hash == h && e.body == string(b) {
			return
		}
	}
	m.entries = append(m.entries, memoEntry{hash: h, body: string(b), draft: d})
	m.bytes += len(b)
	for m.bytes > memoTotalBytes {
		m.bytes -= len(m.entries[0].body)
		m.entries = m.entries[1:]
	}
}
