package main

import (
	"runtime/debug"
	"strings"
)

// versionLine is what plugpub --version prints, from the build info the Go
// toolchain stamps into the binary: the module version ("(devel)" for a
// build from a checkout), then the commit, its time and whether the tree
// had uncommitted changes, when the build recorded them, and the Go version.
//
//	plugpub (devel) 80ed4f7a1b2c 2026-12-02T15:40:11Z modified go1.26.8
func versionLine(bi *debug.BuildInfo, ok bool) string {
	if !ok || bi == nil {
		return "plugpub (unknown version: built without module information)"
	}
	parts := []string{"plugpub"}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	parts = append(parts, v)
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		parts = append(parts, rev[:min(len(rev), 12)])
	}
	if t := settings["vcs.time"]; t != "" {
		parts = append(parts, t)
	}
	if settings["vcs.modified"] == "true" {
		parts = append(parts, "modified")
	}
	if bi.GoVersion != "" {
		parts = append(parts, bi.GoVersion)
	}
	return strings.Join(parts, " ")
}
