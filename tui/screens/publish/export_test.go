package publish

import (
	"plugpub/tui/common"
)

// What flow_test.go, in package publish_test, needs from the inside.
var (
	Setup = setup
	Open  = open
	Rows  = rows
)

const PID = pid

func (m *Model) Context() *common.Context { return m.ctx }
