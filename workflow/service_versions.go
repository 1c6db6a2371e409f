package workflow

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"plugpub/workflow/i18n"
)

// CreatePlugin registers a plugin owned by as.
func (s *Service) CreatePlugin(ctx context.Context, as, id, name string) (Plugin, error) {
	id, err := ParsePluginID(id)
	if err != nil {
		return Plugin{}, err
	}
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n < 1 || n > 40 {
		return Plugin{}, invalidf("plugin name must be 1–40 characters, got %d", n)
	}
	var out Plugin
	err = s.store.Update(ctx, id, func(txn Txn) (Change, error) {
		u, err := s.actor(txn, as)
		if err != nil {
			return Change{}, err
		}
		if v := UserOffer(u).Get(ActCreate); !v.Allowed {
			return Change{}, v.Err()
		}
		if _, ok, err := txn.Plugin(); err != nil {
			return Change{}, err
		} else if ok {
			return Change{}, illegalf("plugin %s already exists", id)
		}
		now := s.clock()
		out = Plugin{ID: id, Name: name, Owner: u.Name, CreatedAt: now, UpdatedBy: u.Name, UpdatedAt: now}
		return Change{Actor: u.Name, At: now, Plugin: &out, Events: []Event{
			{At: now, Actor: u.Name, PluginID: id, Entity: EntityPlugin, Action: ActCreate, To: "created"},
		}}, nil
	})
	out.Rev = 1
	return out, err
}

// AddVersion adds a version in 开发中; versions strictly increase.
func (s *Service) AddVersion(ctx context.Context, as, pluginID, ver string) (Version, error) {
	sv, err := ParseSemVer(ver)
	if err != nil {
		return Version{}, err
	}
	var out Version
	err = s.updateAsMember(ctx, as, pluginID, func(txn Txn, u User, p Plugin) (Change, error) {
		if v := PluginOffer(u, PluginFacts{Plugin: p}).Get(ActAddVer); !v.Allowed {
			return Change{}, v.Err()
		}
		vs, err := txn.Versions()
		if err != nil {
			return Change{}, err
		}
		for _, v := range vs {
			if v.SemVer.Compare(sv) >= 0 {
				return Change{}, invalidf("version %s must be newer than every existing version; %s already exists", sv, v.SemVer)
			}
		}
		now := s.clock()
		out = Version{PluginID: pluginID, SemVer: sv, State: VersionDev, CreatedAt: now, UpdatedBy: u.Name, UpdatedAt: now}
		return s.change(u, now, &p, Change{Versions: []Version{out}, Events: []Event{
			{Entity: EntityVersion, Key: sv.String(), Action: ActAddVer, To: string(VersionDev)},
		}}), nil
	})
	out.Rev = 1
	return out, err
}

// VersionAct takes a 版本管理 action on one version: submit, withdraw,
// approve, reject (reason required), return, online, offline.
func (s *Service) VersionAct(ctx context.Context, as, pluginID, ver string, act Action, reason string, expect int64) (Version, error) {
	sv, err := ParseSemVer(ver)
	if err != nil {
		return Version{}, err
	}
	reason = strings.TrimSpace(reason)
	if act == ActReject {
		if err := ValidateReason(reason); err != nil {
			return Version{}, err
		}
	}
	var out Version
	err = s.updateAsMember(ctx, as, pluginID, func(txn Txn, u User, p Plugin) (Change, error) {
		what := i18n.T("version %s", sv.String())
		if v := permitted(act, anyRole(VersionMachine, act), u, p, what); !v.Allowed {
			return Change{}, v.Err()
		}
		f, err := factsIn(txn, pluginID)
		if err != nil {
			return Change{}, err
		}
		vs := f.Versions
		i := slices.IndexFunc(vs, func(v Version) bool { return v.SemVer == sv })
		if i < 0 {
			return Change{}, notFoundf("plugin %s has no version %s", pluginID, sv)
		}
		v := vs[i]
		if err := stale(what, v.Rev, expect, v.UpdatedBy, v.UpdatedAt); err != nil {
			return Change{}, err
		}
		if vd := VersionOffer(u, f, v).Get(act); !vd.Allowed {
			return Change{}, vd.Err()
		}
		to, _ := Next(VersionMachine, v.State, act, anyRole(VersionMachine, act))
		now := s.clock()
		c := Change{}
		switch act {
		case ActSubmit:
			v.SubmittedBy = u.Name
			v.Reason = ""
		case ActReject:
			v.Reason = reason
		case ActOnline:
			for _, o := range vs {
				if o.State != VersionOnline {
					continue
				}
				o.State, o.UpdatedBy, o.UpdatedAt = VersionOffline, u.Name, now
				c.Versions = append(c.Versions, o)
				c.Events = append(c.Events, Event{Entity: EntityVersion, Key: o.SemVer.String(), Action: ActSupersede,
					From: string(VersionOnline), To: string(VersionOffline), Reason: "version " + sv.String() + " went online"})
			}
		}
		from := v.State
		v.State, v.UpdatedBy, v.UpdatedAt = to, u.Name, now
		c.Versions = append(c.Versions, v)
		c.Events = append(c.Events, Event{Entity: EntityVersion, Key: sv.String(), Action: act, From: string(from), To: string(to), Reason: reasonFor(act, reason)})
		out = v
		return s.change(u, now, &p, c), nil
	})
	out.Rev++
	return out, err
}

func reasonFor(act Action, reason string) string {
	if act == ActReject {
		return reason
	}
	return ""
}

// inReview is the states of which a plugin has at most one version.
func inReview(v Version) bool {
	return v.State == VersionAuditing || v.State == VersionApproved || v.State == VersionRejected
}
