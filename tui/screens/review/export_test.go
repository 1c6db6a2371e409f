package review

// What flow_test.go, in package review_test, needs from the inside.
var (
	Submit     = submit
	Reviewer   = reviewer
	OpenDetail = openDetail
)

const PID1 = pid1
