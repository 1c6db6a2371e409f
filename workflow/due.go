package workflow

import "time"

// ReviewZone is where the plugin center works: weekends are counted there,
// whatever the local zone of the terminal.
var ReviewZone = time.FixedZone("CST", 8*60*60)

// DueAt is the review SLA 预计一个工作日: submitted plus 24 hours of working
// days, weekends skipped. A submission made on a weekend starts its clock on
// Monday at 00:00.
func DueAt(submitted time.Time) time.Time {
	t := submitted.In(ReviewZone)
	t = skipWeekend(t)
	d := t.AddDate(0, 0, 1)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func skipWeekend(t time.Time) time.Time {
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		y, m, d := t.Date()
		t = time.Date(y, m, d+1, 0, 0, 0, 0, t.Location())
	}
	return t
}
