package main

// termbg sets Lip Gloss's background before bubbletea's init would ask the
// terminal for it and wait up to 5 s for an answer; see its package comment.
import _ "early.invalid/termbg"
