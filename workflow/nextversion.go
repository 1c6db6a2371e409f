package workflow

// NextVersion suggests the version 新建版本 offers: the patch after the
// highest existing version (1.2.3 → 1.2.4), carrying into the minor and
// the major part past MaxSemVerPart (1.2.999 → 1.3.0, 1.999.999 → 2.0.0),
// and 1.0.0 for a plugin without versions. Versions strictly increase, so
// this is the lowest version AddVersion accepts. When the highest is
// 999.999.999 nothing is free and it is returned unchanged, for AddVersion
// to refuse with its own message.
func NextVersion(all []Version) SemVer {
	if len(all) == 0 {
		return SemVer{Major: 1}
	}
	top := all[0].SemVer
	for _, v := range all[1:] {
		if top.Less(v.SemVer) {
			top = v.SemVer
		}
	}
	switch {
	case top.Patch < MaxSemVerPart:
		top.Patch++
	case top.Minor < MaxSemVerPart:
		top.Minor, top.Patch = top.Minor+1, 0
	case top.Major < MaxSemVerPart:
		top.Major, top.Minor, top.Patch = top.Major+1, 0, 0
	}
	return top
}
