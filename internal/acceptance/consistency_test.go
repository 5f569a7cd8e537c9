package acceptance_test

import (
	"encoding/json"
	"fmt"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/conduit-tf/terraform-provider-conduit/internal/acctest"
)

// stateObject is one state resource as a kind sees it.
type stateObject struct {
	address string
	key     string
	name    string
	tainted bool
	fields  map[string]string
	// placeholder: a create with an unknown outcome, not resolved yet.
	placeholder bool
}

func stateObjects(st *tfjson.State, k kind) []stateObject {
	var out []stateObject
	for _, r := range resources(st) {
		if r.Type != k.typ || r.Mode != tfjson.ManagedResourceMode {
			continue
		}
		a := r.AttributeValues
		out = append(out, stateObject{
			address: r.Address, key: k.key(a), name: str(a["name"]), tainted: r.Tainted,
			fields: k.stateFields(a), placeholder: k.serverIDs && str(a["id"]) == "",
		})
	}
	return out
}

type sandboxObject struct {
	key    string
	name   string
	fields map[string]string
}

func sandboxObjects(sb *acctest.Sandbox, k kind) []sandboxObject {
	var out []sandboxObject
	for key, raw := range sb.Objects(k.vendor) {
		if !k.owns(key) {
			continue
		}
		var o map[string]any
		_ = json.Unmarshal(raw, &o)
		out = append(out, sandboxObject{key: key, name: str(o["name"]), fields: k.objectFields(o)})
	}
	return out
}

// checkExact compares the state with the sandbox object by object, for each
// kind: every state resource is one sandbox object with the same key fields,
// and the sandbox holds no object the state does not know.
func checkExact(st *tfjson.State, sb *acctest.Sandbox, ks []kind) []string {
	var problems []string
	for _, k := range ks {
		objs := map[string]sandboxObject{}
		for _, o := range sandboxObjects(sb, k) {
			objs[o.key] = o
		}
		seen := map[string]string{}
		for _, s := range stateObjects(st, k) {
			if s.placeholder {
				problems = append(problems, fmt.Sprintf("%s: %s is still a placeholder (empty id)", k.typ, s.address))
				continue
			}
			if other, ok := seen[s.key]; ok {
				problems = append(problems, fmt.Sprintf("%s: %s and %s are both %s", k.typ, other, s.address, s.key))
				continue
			}
			seen[s.key] = s.address
			o, ok := objs[s.key]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: state has %s (%s), the sandbox does not", k.typ, s.address, s.key))
				continue
			}
			for f, v := range s.fields {
				if o.fields[f] != v {
					problems = append(problems, fmt.Sprintf("%s: %s (%s) field %s: state %q, sandbox %q", k.typ, s.address, s.key, f, v, o.fields[f]))
				}
			}
		}
		for key := range objs {
			if _, ok := seen[key]; !ok {
				problems = append(problems, fmt.Sprintf("%s: the sandbox has %s, which the state does not know (orphan or duplicate)", k.typ, key))
			}
		}
	}
	sort.Strings(problems)
	return problems
}

// checkNoOrphans is the check right after a failed apply, before any
// refresh: every sandbox object is known to the state, by key or (for
// server-assigned ids) by a placeholder of its name, and no name is held by
// two objects. A state entry whose object is gone is allowed: a request that
// timed out may have deleted it, and the next refresh drops it.
func checkNoOrphans(st *tfjson.State, sb *acctest.Sandbox, ks []kind) []string {
	var problems []string
	for _, k := range ks {
		known, pending := map[string]bool{}, map[string]bool{}
		for _, s := range stateObjects(st, k) {
			if s.placeholder {
				pending[s.name] = true
			} else {
				known[s.key] = true
			}
		}
		names := map[string][]string{}
		for _, o := range sandboxObjects(sb, k) {
			names[o.name] = append(names[o.name], o.key)
			if !known[o.key] && !pending[o.name] {
				problems = append(problems, fmt.Sprintf("%s: the sandbox has %s (%q), which the state does not know", k.typ, o.key, o.name))
			}
		}
		for name, keys := range names {
			// Natural keys cannot repeat; server-assigned ids can, under one name.
			if k.serverIDs && len(keys) > 1 {
				sort.Strings(keys)
				problems = append(problems, fmt.Sprintf("%s: %d objects named %q: %v (a create was sent twice)", k.typ, len(keys), name, keys))
			}
		}
	}
	sort.Strings(problems)
	return problems
}
