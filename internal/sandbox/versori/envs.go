package versori

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// envCreateInput is the spec's EnvironmentCreate: name, credentials and
// variables are all required.
type envCreateInput struct {
	Name        *string          `json:"name"`
	Credentials *json.RawMessage `json:"credentials"`
	Variables   *[]variableInput `json:"variables"`
}

// envUpdateInput is EnvironmentUpdate: id and name are required; omitted
// credentials or variables are left as they are.
type envUpdateInput struct {
	ID          *string          `json:"id"`
	Name        *string          `json:"name"`
	Credentials *json.RawMessage `json:"credentials"`
	Variables   *[]variableInput `json:"variables"`
}

// credsInput is EnvironmentCredentialsCreate or …Update: two optional lists.
type credsInput struct {
	Action  *[]json.RawMessage `json:"action"`
	Trigger *[]json.RawMessage `json:"trigger"`
}

func (c credsInput) lists() []struct {
	name  string
	items *[]json.RawMessage
} {
	return []struct {
		name  string
		items *[]json.RawMessage
	}{{"action", c.Action}, {"trigger", c.Trigger}}
}

// credCreateInput is EnvironmentCredentialCreate: an auth scheme and a
// credential to create or an existing one's reference, both required.
type credCreateInput struct {
	AuthSchemeConfig json.RawMessage `json:"authSchemeConfig"`
	Credential       json.RawMessage `json:"credential"`
}

// credentialCreateInput is CredentialCreate: name, type and data required.
type credentialCreateInput struct {
	Name *string                     `json:"name"`
	Type *string                     `json:"type"`
	Data *map[string]json.RawMessage `json:"data"`
}

// credUpdateInput is EnvironmentCredentialUpdate: the binding's own id and its auth scheme.
type credUpdateInput struct {
	ID               *string         `json:"id"`
	AuthSchemeConfig json.RawMessage `json:"authSchemeConfig"`
}

// newEnvironment validates an EnvironmentCreate and builds the environment
// it makes, with the credentials it creates inline; nothing is stored yet.
// The environment starts from the connection's environment variables, which
// its own override (spec ConnectionBase.environmentVariables: "default
// variables initialised in every connection environment").
func (e *Emulator) newEnvironment(f *fieldErrors, p, org string, raw json.RawMessage, defaults []variable, now string) (*environment, []*credential) {
	var in envCreateInput
	if !strict(f, p, raw, &in) {
		return nil, nil
	}
	env := &environment{ID: newULID(), CreatedAt: now, UpdatedAt: now, Variables: []variable{},
		Credentials: envCredentials{Action: []binding{}, Trigger: []binding{}}}
	switch {
	case in.Name == nil:
		f.add(join(p, "name"), "is required")
	case strings.TrimSpace(*in.Name) == "":
		f.add(join(p, "name"), "must not be empty")
	default:
		env.Name = *in.Name
	}
	var own []variable
	if in.Variables == nil {
		f.add(join(p, "variables"), "is required")
	} else {
		own = variables(f, join(p, "variables"), *in.Variables)
	}
	var created []*credential
	if in.Credentials == nil {
		f.add(join(p, "credentials"), "is required")
	} else {
		env.Credentials.Action, env.Credentials.Trigger, created = e.createBindings(f, join(p, "credentials"), org, *in.Credentials, now)
	}
	names := map[string]bool{}
	for _, v := range own {
		names[v.Name] = true
	}
	for _, v := range defaults {
		if !names[v.Name] {
			env.Variables = append(env.Variables, v)
		}
	}
	env.Variables = append(env.Variables, own...)
	return env, created
}

func (e *Emulator) createBindings(f *fieldErrors, p, org string, raw json.RawMessage, now string) (action, trigger []binding, created []*credential) {
	var in credsInput
	if !strict(f, p, raw, &in) {
		return nil, nil, nil
	}
	out := map[string][]binding{"action": {}, "trigger": {}}
	for _, list := range in.lists() {
		if list.items == nil {
			continue
		}
		seen := map[string]bool{}
		for i, item := range *list.items {
			ip := at(join(p, list.name), i)
			var c credCreateInput
			if !strict(f, ip, item, &c) {
				continue
			}
			if c.AuthSchemeConfig == nil {
				f.add(join(ip, "authSchemeConfig"), "is required")
				continue
			}
			s := e.scheme(f, join(ip, "authSchemeConfig"), org, c.AuthSchemeConfig)
			cr, isNew := e.bindingCredential(f, join(ip, "credential"), org, c.Credential, now)
			if cr == nil {
				continue
			}
			if seen[cr.ID] {
				f.add(join(ip, "credential.id"), "credential %s is listed twice", cr.ID)
			}
			seen[cr.ID] = true
			checkCompatible(f, ip, cr, s)
			if isNew {
				created = append(created, cr)
			}
			out[list.name] = append(out[list.name], binding{ID: newULID(), AuthSchemeConfig: s, Credential: credRef{cr.ID}})
		}
	}
	return out["action"], out["trigger"], created
}

// bindingCredential reads CredentialCreateOrReference: `{id}` names an
// organisation credential; `{name, type, data}` makes a new one.
func (e *Emulator) bindingCredential(f *fieldErrors, p, org string, raw json.RawMessage, now string) (*credential, bool) {
	var probe map[string]json.RawMessage
	if raw == nil || json.Unmarshal(raw, &probe) != nil || probe == nil {
		f.add(p, "is required: an existing credential's {id} or a new credential's {name, type, data}")
		return nil, false
	}
	if _, ref := probe["id"]; ref {
		var in struct {
			ID *string `json:"id"`
		}
		if !strict(f, p, raw, &in) || !requireULID(f, join(p, "id"), in.ID) {
			return nil, false
		}
		cr := e.credentials[*in.ID]
		if cr == nil || cr.Org != org {
			f.add(join(p, "id"), "credential %s not found in organisation %s", *in.ID, org)
			return nil, false
		}
		return cr, false
	}
	var in credentialCreateInput
	if !strict(f, p, raw, &in) {
		return nil, false
	}
	before := len(*f)
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		f.add(join(p, "name"), "is required")
	}
	switch {
	case in.Type == nil:
		f.add(join(p, "type"), "is required")
	case !slices.Contains(CredentialTypes, *in.Type):
		f.add(join(p, "type"), "must be one of %s", strings.Join(CredentialTypes, ", "))
	}
	if in.Data == nil {
		f.add(join(p, "data"), "is required")
	}
	if len(*f) > before {
		return nil, false
	}
	return &credential{ID: newULID(), Org: org, Type: *in.Type, Name: *in.Name, Data: *in.Data, CreatedAt: now, UpdatedAt: now}, true
}

// checkRepeated validates an EnvironmentUpdate inside a connection PUT: the
// spec lets that list "only specify existing environments (without edits)".
func checkRepeated(f *fieldErrors, p string, raw json.RawMessage, stored map[string]*environment, seen map[string]bool) *environment {
	var in envUpdateInput
	if !strict(f, p, raw, &in) || !requireULID(f, join(p, "id"), in.ID) {
		return nil
	}
	cur := stored[*in.ID]
	switch {
	case cur == nil:
		f.add(join(p, "id"), "environment %s does not exist in this connection; new environments have no id", *in.ID)
	case seen[cur.ID]:
		f.add(join(p, "id"), "environment %s is listed twice", cur.ID)
	case in.Name == nil:
		f.add(join(p, "name"), "is required")
	case !unchanged(in, cur):
		f.add(p, "existing environments can only be repeated unchanged; use UpdateEnvironment to edit environment %s", cur.ID)
	default:
		seen[cur.ID] = true
		return cur
	}
	return nil
}

// unchanged compares a repeated environment with the stored one: omitted
// credentials or variables count as unchanged; variables in any order
// (assumption), credentials in the same order with the same auth schemes.
func unchanged(in envUpdateInput, cur *environment) bool {
	if *in.Name != cur.Name {
		return false
	}
	if in.Variables != nil {
		var f fieldErrors
		if vars := variables(&f, "", *in.Variables); len(f) > 0 || !sameVariables(vars, cur.Variables) {
			return false
		}
	}
	if in.Credentials == nil {
		return true
	}
	var creds struct {
		Action  *[]credUpdateInput `json:"action"`
		Trigger *[]credUpdateInput `json:"trigger"`
	}
	if json.Unmarshal(*in.Credentials, &creds) != nil {
		return false
	}
	for _, l := range []struct {
		in  *[]credUpdateInput
		cur []binding
	}{{creds.Action, cur.Credentials.Action}, {creds.Trigger, cur.Credentials.Trigger}} {
		if l.in == nil {
			continue
		}
		if len(*l.in) != len(l.cur) {
			return false
		}
		for i, b := range *l.in {
			if b.ID == nil || *b.ID != l.cur[i].ID || !sameScheme(b.AuthSchemeConfig, l.cur[i].AuthSchemeConfig) {
				return false
			}
		}
	}
	return true
}

func sameScheme(raw json.RawMessage, s authScheme) bool {
	var got authScheme
	if json.Unmarshal(raw, &got) != nil {
		return false
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(s)
	return string(a) == string(b)
}

func sameVariables(a, b []variable) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]string{}
	for _, v := range a {
		m[v.Name] = v.Value
	}
	for _, v := range b {
		if w, ok := m[v.Name]; !ok || w != v.Value {
			return false
		}
	}
	return true
}

// updateBindings applies EnvironmentCredentialsUpdate: the spec lets it
// change "only the order and the AuthSchemeConfig of each
// EnvironmentCredential", and not a schemeType. A list left out is kept.
func (e *Emulator) updateBindings(f *fieldErrors, p, org string, raw json.RawMessage, cur envCredentials) envCredentials {
	var in credsInput
	if !strict(f, p, raw, &in) {
		return cur
	}
	out := map[string][]binding{"action": cur.Action, "trigger": cur.Trigger}
	for _, list := range in.lists() {
		if list.items == nil {
			continue
		}
		lp := join(p, list.name)
		had := map[string]binding{}
		for _, b := range out[list.name] {
			had[b.ID] = b
		}
		next := []binding{}
		for i, item := range *list.items {
			ip := at(lp, i)
			var c credUpdateInput
			if !strict(f, ip, item, &c) || !requireULID(f, join(ip, "id"), c.ID) {
				continue
			}
			old, ok := had[*c.ID]
			if !ok {
				f.add(join(ip, "id"), "is not a credential of this environment's %s list; add credentials by replacing the environment", list.name)
				continue
			}
			delete(had, *c.ID)
			if c.AuthSchemeConfig == nil {
				f.add(join(ip, "authSchemeConfig"), "is required")
				continue
			}
			s := e.scheme(f, join(ip, "authSchemeConfig"), org, c.AuthSchemeConfig)
			if s.SchemeType != "" && s.SchemeType != old.AuthSchemeConfig.SchemeType {
				f.add(join(ip, "authSchemeConfig.schemeType"), "cannot be changed from %s to %s; add a new credential and delete the old one",
					old.AuthSchemeConfig.SchemeType, s.SchemeType)
			}
			checkCompatible(f, ip, e.credentials[old.Credential.ID], s)
			next = append(next, binding{ID: old.ID, AuthSchemeConfig: s, Credential: old.Credential})
		}
		for id := range had {
			f.add(lp, "must list every credential of the environment (missing %s): credentials can only be reordered here", id)
		}
		out[list.name] = next
	}
	return envCredentials{Action: out["action"], Trigger: out["trigger"]}
}

func (e *Emulator) findEnvironment(w http.ResponseWriter, r *http.Request) (*connection, int, bool) {
	if !pathULIDs(w, r, "environment_id") {
		return nil, 0, false
	}
	c, ok := e.lookup(w, r)
	if !ok {
		return nil, 0, false
	}
	id := r.PathValue("environment_id")
	for i, env := range c.Environments {
		if env.ID == id {
			return c, i, true
		}
	}
	notFound(w, "environment", id)
	return nil, 0, false
}

func (e *Emulator) getEnvironment(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, i, ok := e.findEnvironment(w, r); ok {
		emu.WriteJSON(w, http.StatusOK, e.envView(c.Environments[i]))
	}
}

// updateEnvironment is UpdateEnvironment: name is replaced; credentials when
// present (reorder and auth scheme edits only); variables when present
// (absent = unchanged, [] = delete all, as EnvironmentUpdate.variables says).
func (e *Emulator) updateEnvironment(w http.ResponseWriter, r *http.Request) {
	var in envUpdateInput
	if !decodeBody(w, r, &in) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, idx, ok := e.findEnvironment(w, r)
	if !ok {
		return
	}
	env := c.Environments[idx]
	var f fieldErrors
	if requireULID(&f, "id", in.ID) && *in.ID != env.ID {
		f.add("id", "must match the environment id in the path")
	}
	switch {
	case in.Name == nil:
		f.add("name", "is required")
	case strings.TrimSpace(*in.Name) == "":
		f.add("name", "must not be empty")
	default:
		// Names are unique within a connection (spec Environment.name).
		for j, other := range c.Environments {
			if j != idx && other.Name == *in.Name {
				f.add("name", "environment name %q is already used in this connection", *in.Name)
			}
		}
	}
	var vars []variable
	if in.Variables != nil {
		vars = variables(&f, "variables", *in.Variables)
	}
	creds := env.Credentials
	if in.Credentials != nil {
		creds = e.updateBindings(&f, "credentials", c.OrganisationID, *in.Credentials, env.Credentials)
	}
	if f.write(w) {
		return
	}
	env.Name, env.Credentials = *in.Name, creds
	if in.Variables != nil {
		env.Variables = vars
	}
	touch(c, env)
	emu.WriteJSON(w, http.StatusOK, e.envView(env))
}

func (e *Emulator) deleteEnvironment(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c, idx, ok := e.findEnvironment(w, r)
	if !ok {
		return
	}
	c.Environments = append(c.Environments[:idx:idx], c.Environments[idx+1:]...)
	touch(c, nil)
	w.WriteHeader(http.StatusNoContent)
}

func notFound(w http.ResponseWriter, what, id string) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("%s %s not found", what, id), "", nil)
}
