package versori

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// org answers 400 for an id that is not a ULID, 404 for an unknown
// organisation (assumption: the spec declares no status for it), and
// returns false then.
func (e *Emulator) org(w http.ResponseWriter, r *http.Request) (string, bool) {
	if !pathULIDs(w, r, "organisation_id") {
		return "", false
	}
	org := r.PathValue("organisation_id")
	if !e.orgs[org] {
		notFound(w, "organisation", org)
		return "", false
	}
	return org, true
}

// lookup finds the path's connection; an unknown one is 404 (spec GetConnection).
func (e *Emulator) lookup(w http.ResponseWriter, r *http.Request) (*connection, bool) {
	if !pathULIDs(w, r, "organisation_id", "connection_id") {
		return nil, false
	}
	org, ok := e.org(w, r)
	if !ok {
		return nil, false
	}
	id := r.PathValue("connection_id")
	c := e.connections[id]
	if c == nil || c.OrganisationID != org {
		notFound(w, "connection", id)
		return nil, false
	}
	return c, true
}

// unknownProtocol: the spec has create operations for http and bigquery only.
func (e *Emulator) unknownProtocol(w http.ResponseWriter, r *http.Request) {
	notFound(w, "protocol", r.PathValue("protocol"))
}

// environments validates a create or PUT environments list: items with an
// id repeat stored environments (PUT only), items without one are
// EnvironmentCreate. Names are unique within the connection (spec Environment.name).
func (e *Emulator) environments(f *fieldErrors, org string, items []json.RawMessage, stored map[string]*environment, defaults []variable, now string) ([]*environment, []*environment, []*credential) {
	var list, created []*environment
	var creds []*credential
	names := map[string]bool{}
	seen := map[string]bool{}
	for i, raw := range items {
		p := at("environments", i)
		var probe map[string]json.RawMessage
		if json.Unmarshal(raw, &probe) != nil || probe == nil {
			f.add(p, "must be an object")
			continue
		}
		var env *environment
		if _, hasID := probe["id"]; hasID && stored != nil {
			env = checkRepeated(f, p, raw, stored, seen)
		} else {
			var made []*credential
			env, made = e.newEnvironment(f, p, org, raw, defaults, now)
			creds = append(creds, made...)
			if env != nil {
				created = append(created, env)
			}
		}
		if env == nil {
			continue
		}
		if names[env.Name] && env.Name != "" {
			f.add(join(p, "name"), "environment name %q is already used in this connection", env.Name)
		}
		names[env.Name] = true
		list = append(list, env)
	}
	return list, created, creds
}

func (e *Emulator) create(protocol string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in connectionInput
		if !decodeBody(w, r, &in) {
			return
		}
		e.mu.Lock()
		defer e.mu.Unlock()
		org, ok := e.org(w, r)
		if !ok {
			return
		}
		var f fieldErrors
		// Required: HTTPConnectionCreate {name, baseUrl, authSchemeConfigs,
		// environments}; BigQueryConnectionCreate {name, environments}.
		if protocol == "http" {
			checkShape(&f, "create http", in, "name", "baseUrl", "authSchemeConfigs", "environments")
		} else {
			checkShape(&f, "create bigquery", in, "name", "environments")
		}
		checkScalars(&f, in)
		now := timestamp(emu.Now())
		c := &connection{ID: newULID(), OrganisationID: org, Protocol: protocol, CreatedAt: now, UpdatedAt: now,
			AuthSchemeConfigs: []authScheme{}, EnvironmentVariables: []variable{}, Environments: []*environment{}}
		if in.AuthSchemeConfigs != nil {
			for i, raw := range *in.AuthSchemeConfigs {
				c.AuthSchemeConfigs = append(c.AuthSchemeConfigs, e.scheme(&f, at("authSchemeConfigs", i), org, raw))
			}
		}
		if in.EnvironmentVariables != nil {
			c.EnvironmentVariables = variables(&f, "environmentVariables", *in.EnvironmentVariables)
		}
		var creds []*credential
		if in.Environments != nil {
			c.Environments, _, creds = e.environments(&f, org, *in.Environments, nil, c.EnvironmentVariables, now)
		}
		if f.write(w) {
			return
		}
		c.Name = *in.Name
		if in.BaseURL != nil {
			c.BaseURL = *in.BaseURL
		}
		if in.DatasetID != nil {
			c.DatasetID = *in.DatasetID
		}
		for _, cr := range creds {
			e.credentials[cr.ID] = cr
		}
		// A new connection's first version is a draft (spec: "created in a
		// draft state"); its name and description are assumptions.
		c.Versions = []version{{ID: newULID(), Name: "v1", Description: "Initial version", IsLatest: true, IsDefault: true, CreatedAt: now, UpdatedAt: now}}
		e.connections[c.ID] = c
		emu.WriteJSON(w, http.StatusCreated, e.view(c))
	}
}

func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.lookup(w, r); ok {
		emu.WriteJSON(w, http.StatusOK, e.view(c))
	}
}

// replace is UpdateConnection (PUT): id, organisationId, name, protocol and
// baseUrl/datasetId are required and replaced; the lists replace the stored
// ones when present and are kept when omitted (the field descriptions say
// "if set, will overwrite"). Listed environments with an id must exist and
// be repeated unchanged; ones without are created; stored ones not listed
// are deleted.
func (e *Emulator) replace(w http.ResponseWriter, r *http.Request) {
	var in connectionInput
	if !decodeBody(w, r, &in) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(w, r)
	if !ok {
		return
	}
	var f fieldErrors
	// The body's protocol picks HTTPConnectionUpdate or BigQueryConnectionUpdate.
	protocol := c.Protocol
	if in.Protocol != nil && (*in.Protocol == "http" || *in.Protocol == "bigquery") {
		protocol = *in.Protocol
	}
	if protocol == "http" {
		checkShape(&f, "update http", in, "id", "organisationId", "name", "protocol", "baseUrl")
	} else {
		checkShape(&f, "update bigquery", in, "id", "organisationId", "name", "protocol", "datasetId")
	}
	checkScalars(&f, in)
	if in.ID != nil && requireULID(&f, "id", in.ID) && *in.ID != c.ID {
		f.add("id", "must match the connection id in the path")
	}
	if in.OrganisationID != nil && requireULID(&f, "organisationId", in.OrganisationID) && *in.OrganisationID != c.OrganisationID {
		f.add("organisationId", "must match the organisation id in the path")
	}
	switch {
	case in.Protocol == nil:
	case *in.Protocol != "http" && *in.Protocol != "bigquery":
		f.add("protocol", "must be one of http, bigquery")
	case *in.Protocol != c.Protocol:
		// The protocol is part of the create path (assumption: no change in place).
		f.add("protocol", "cannot be changed from %s", c.Protocol)
	}
	now := timestamp(emu.Now())
	schemes := c.AuthSchemeConfigs
	if in.AuthSchemeConfigs != nil {
		schemes = []authScheme{}
		for i, raw := range *in.AuthSchemeConfigs {
			schemes = append(schemes, e.scheme(&f, at("authSchemeConfigs", i), c.OrganisationID, raw))
		}
	}
	defaults := c.EnvironmentVariables
	if in.EnvironmentVariables != nil {
		defaults = variables(&f, "environmentVariables", *in.EnvironmentVariables)
	}
	stored := map[string]*environment{}
	for _, env := range c.Environments {
		stored[env.ID] = env
	}
	envs, created := c.Environments, []*environment(nil)
	var creds []*credential
	if in.Environments != nil {
		envs, created, creds = e.environments(&f, c.OrganisationID, *in.Environments, stored, defaults, now)
	}
	if f.write(w) {
		return
	}
	oldVars := c.EnvironmentVariables
	c.Name, c.AuthSchemeConfigs, c.EnvironmentVariables, c.Environments = *in.Name, schemes, defaults, envs
	c.BaseURL, c.DatasetID = "", ""
	if in.BaseURL != nil {
		c.BaseURL = *in.BaseURL
	}
	if in.DatasetID != nil {
		c.DatasetID = *in.DatasetID
	}
	for _, cr := range creds {
		e.credentials[cr.ID] = cr
	}
	if in.EnvironmentVariables != nil {
		propagate(c, oldVars, created, now)
	}
	touch(c, nil)
	emu.WriteJSON(w, http.StatusOK, e.view(c))
}

// propagate applies a change of the connection's environment variables to
// its existing environments: new or changed values are set in each, and a
// removed variable is removed where it still has the old default value.
// (HTTPConnectionUpdate.environmentVariables: "This action will be performed
// on all the connection environments as well"; how overrides fare is an
// assumption.)
func propagate(c *connection, old []variable, skip []*environment, now string) {
	oldMap := map[string]string{}
	for _, v := range old {
		oldMap[v.Name] = v.Value
	}
	newMap := map[string]bool{}
	for _, v := range c.EnvironmentVariables {
		newMap[v.Name] = true
	}
	for _, env := range c.Environments {
		if containsEnv(skip, env) {
			continue
		}
		changed := false
		for _, v := range c.EnvironmentVariables {
			if prev, ok := oldMap[v.Name]; ok && prev == v.Value {
				continue
			}
			changed = setVariable(env, v) || changed
		}
		kept := env.Variables[:0:0]
		for _, v := range env.Variables {
			if prev, ok := oldMap[v.Name]; ok && !newMap[v.Name] && prev == v.Value {
				changed = true
				continue
			}
			kept = append(kept, v)
		}
		env.Variables = kept
		if changed {
			env.UpdatedAt = now
		}
	}
}

func containsEnv(list []*environment, env *environment) bool {
	for _, x := range list {
		if x == env {
			return true
		}
	}
	return false
}

func setVariable(env *environment, v variable) bool {
	for i := range env.Variables {
		if env.Variables[i].Name == v.Name {
			if env.Variables[i].Value == v.Value {
				return false
			}
			env.Variables[i].Value = v.Value
			return true
		}
	}
	env.Variables = append(env.Variables, v)
	return true
}

// remove is DeleteConnection: 204; 404 for an unknown connection; 409 while
// in use unless force=true (v1alpha1 DeleteConnection), or 412 when the
// connection was marked with that status (v1 DeleteConnection).
func (e *Emulator) remove(w http.ResponseWriter, r *http.Request) {
	force := false
	switch v := r.URL.Query().Get("force"); v {
	case "", "false":
	case "true":
		force = true
	default:
		// force is `type: boolean`; only its two JSON spellings are taken (assumption).
		writeError(w, http.StatusBadRequest, "invalid query parameter force", "", []fieldError{{"force", "must be true or false"}})
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(w, r)
	if !ok {
		return
	}
	if c.inUse != 0 && !force {
		writeError(w, c.inUse, fmt.Sprintf("connection %s is in use by another product", c.ID),
			"delete it with force=true to remove it anyway", nil)
		return
	}
	delete(e.connections, c.ID)
	w.WriteHeader(http.StatusNoContent)
}
