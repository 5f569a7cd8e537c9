package versori

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/sandbox/emu"
)

// envInput is an environment in a request; ID set means an existing one.
type envInput struct {
	ID          string          `json:"id,omitempty"`
	Name        string          `json:"name"`
	Credentials *envCredentials `json:"credentials,omitempty"`
	Variables   *[]variable     `json:"variables,omitempty"`
}

// connectionInput is the create and PUT body. Pointers tell omitted from empty:
// the lists, "if set, overwrite" the stored ones; omitted they are kept.
type connectionInput struct {
	ID                   *string       `json:"id"`
	OrganisationID       *string       `json:"organisationId"`
	Name                 *string       `json:"name"`
	Protocol             *string       `json:"protocol"`
	BaseURL              *string       `json:"baseUrl"`
	DatasetID            *string       `json:"datasetId"`
	AuthSchemeConfigs    *[]authScheme `json:"authSchemeConfigs"`
	Environments         *[]envInput   `json:"environments"`
	EnvironmentVariables *[]variable   `json:"environmentVariables"`
}

func notFound(w http.ResponseWriter, what, id string) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("%s %s not found", what, id), "", nil)
}

// org answers 404 and returns false when the organisation is unknown.
func (e *Emulator) org(w http.ResponseWriter, r *http.Request) (string, bool) {
	org := r.PathValue("organisation_id")
	if !e.orgs[org] {
		notFound(w, "organisation", org)
		return "", false
	}
	return org, true
}

func (e *Emulator) lookup(w http.ResponseWriter, r *http.Request) (*connection, bool) {
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

func (e *Emulator) unknownProtocol(w http.ResponseWriter, r *http.Request) {
	notFound(w, "protocol", r.PathValue("protocol"))
}

// checkCommon validates the fields create and PUT share.
func (e *Emulator) checkCommon(f *fieldErrors, org, protocol string, in connectionInput) {
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		f.add("name", "is required")
	} else if len(*in.Name) > 255 {
		f.add("name", "must be at most 255 characters")
	}
	switch protocol {
	case "http":
		if in.BaseURL == nil || *in.BaseURL == "" {
			f.add("baseUrl", "is required for http connections")
		} else if !absoluteURL(*in.BaseURL) {
			f.add("baseUrl", "must be an absolute http(s) URL")
		}
		if in.DatasetID != nil {
			f.add("datasetId", "is not allowed for http connections")
		}
	case "bigquery":
		if in.DatasetID == nil || *in.DatasetID == "" {
			f.add("datasetId", "is required for bigquery connections")
		} else if !datasetID.MatchString(*in.DatasetID) {
			f.add("datasetId", "must be of the form <project>.<dataset>")
		}
		if in.BaseURL != nil {
			f.add("baseUrl", "is not allowed for bigquery connections")
		}
		if in.AuthSchemeConfigs != nil && len(*in.AuthSchemeConfigs) > 0 {
			f.add("authSchemeConfigs", "is not allowed for bigquery connections")
		}
		if in.EnvironmentVariables != nil && len(*in.EnvironmentVariables) > 0 {
			f.add("environmentVariables", "is not allowed for bigquery connections")
		}
	}
	if in.AuthSchemeConfigs != nil {
		for i, s := range *in.AuthSchemeConfigs {
			f.scheme(fmt.Sprintf("authSchemeConfigs[%d]", i), s)
		}
	}
	if in.EnvironmentVariables != nil {
		f.variables("environmentVariables", *in.EnvironmentVariables)
	}
	if in.Environments != nil {
		names := map[string]bool{}
		for i, env := range *in.Environments {
			p := fmt.Sprintf("environments[%d]", i)
			if strings.TrimSpace(env.Name) == "" {
				f.add(p+".name", "is required")
			} else if names[env.Name] {
				f.add(p+".name", "environment name %q is already used in this connection", env.Name)
			}
			names[env.Name] = true
			if env.Variables != nil {
				f.variables(p+".variables", *env.Variables)
			}
			e.checkCredentials(f, p, org, env.Credentials)
		}
	}
}

func (e *Emulator) create(protocol string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in connectionInput
		if !decode(w, r, &in) {
			return
		}
		e.mu.Lock()
		defer e.mu.Unlock()
		org, ok := e.org(w, r)
		if !ok {
			return
		}
		var f fieldErrors
		for _, x := range []struct {
			field string
			set   bool
		}{{"id", in.ID != nil}, {"organisationId", in.OrganisationID != nil}, {"protocol", in.Protocol != nil}} {
			if x.set {
				f.add(x.field, "must not be set on create")
			}
		}
		e.checkCommon(&f, org, protocol, in)
		if in.Environments != nil {
			for i, env := range *in.Environments {
				if env.ID != "" {
					f.add(fmt.Sprintf("environments[%d].id", i), "must not be set on create")
				}
			}
		}
		if f.write(w) {
			return
		}
		now := timestamp(emu.Now())
		c := &connection{ID: newULID(), OrganisationID: org, Name: *in.Name, Protocol: protocol, CreatedAt: now, UpdatedAt: now,
			AuthSchemeConfigs: []authScheme{}, EnvironmentVariables: []variable{}, Environments: []*environment{}}
		if in.BaseURL != nil {
			c.BaseURL = *in.BaseURL
		}
		if in.DatasetID != nil {
			c.DatasetID = *in.DatasetID
		}
		if in.AuthSchemeConfigs != nil {
			c.AuthSchemeConfigs = *in.AuthSchemeConfigs
		}
		if in.EnvironmentVariables != nil {
			c.EnvironmentVariables = *in.EnvironmentVariables
		}
		if in.Environments != nil {
			for _, env := range *in.Environments {
				c.Environments = append(c.Environments, newEnvironment(env, c.EnvironmentVariables, now))
			}
		}
		c.Versions = []version{{ID: newULID(), Name: "v1", Description: "Initial version", IsLatest: true, IsDefault: true, CreatedAt: now, UpdatedAt: now}}
		e.connections[c.ID] = c
		emu.WriteJSON(w, http.StatusCreated, e.view(c))
	}
}

// newEnvironment starts from the connection's environment variables, which
// the environment's own variables override.
func newEnvironment(in envInput, defaults []variable, now string) *environment {
	env := &environment{ID: newULID(), Name: in.Name, CreatedAt: now, UpdatedAt: now, Variables: []variable{}}
	if in.Credentials != nil {
		env.Credentials = *in.Credentials
	}
	own := map[string]bool{}
	if in.Variables != nil {
		for _, v := range *in.Variables {
			own[v.Name] = true
		}
	}
	for _, v := range defaults {
		if !own[v.Name] {
			env.Variables = append(env.Variables, v)
		}
	}
	if in.Variables != nil {
		env.Variables = append(env.Variables, *in.Variables...)
	}
	if env.Credentials.Action == nil {
		env.Credentials.Action = []binding{}
	}
	if env.Credentials.Trigger == nil {
		env.Credentials.Trigger = []binding{}
	}
	return env
}

func (e *Emulator) get(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.lookup(w, r); ok {
		emu.WriteJSON(w, http.StatusOK, e.view(c))
	}
}

// replace is the PUT: name, protocol, baseUrl/datasetId are required and
// replaced; the three lists replace the stored ones when present. Listed
// environments with an id must exist and be repeated unchanged; ones without
// an id are created; stored ones not listed are deleted.
func (e *Emulator) replace(w http.ResponseWriter, r *http.Request) {
	var in connectionInput
	if !decode(w, r, &in) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(w, r)
	if !ok {
		return
	}
	var f fieldErrors
	switch {
	case in.ID == nil || *in.ID == "":
		f.add("id", "is required")
	case *in.ID != c.ID:
		f.add("id", "must match the connection id in the path")
	}
	switch {
	case in.OrganisationID == nil || *in.OrganisationID == "":
		f.add("organisationId", "is required")
	case *in.OrganisationID != c.OrganisationID:
		f.add("organisationId", "must match the organisation id in the path")
	}
	switch {
	case in.Protocol == nil || *in.Protocol == "":
		f.add("protocol", "is required")
	case *in.Protocol != "http" && *in.Protocol != "bigquery":
		f.add("protocol", "must be one of http, bigquery")
	case *in.Protocol != c.Protocol:
		f.add("protocol", "cannot be changed from %s", c.Protocol)
	}
	e.checkCommon(&f, c.OrganisationID, c.Protocol, in)
	stored := map[string]*environment{}
	for _, env := range c.Environments {
		stored[env.ID] = env
	}
	if in.Environments != nil {
		seen := map[string]bool{}
		for i, env := range *in.Environments {
			if env.ID == "" {
				continue
			}
			p := fmt.Sprintf("environments[%d]", i)
			cur := stored[env.ID]
			switch {
			case cur == nil:
				f.add(p+".id", "environment %s does not exist in this connection; new environments have no id", env.ID)
			case seen[env.ID]:
				f.add(p+".id", "environment %s is listed twice", env.ID)
			case !sameEnvironment(env, cur):
				f.add(p, "existing environments can only be repeated unchanged; use UpdateEnvironment to edit environment %s", env.ID)
			}
			seen[env.ID] = true
		}
	}
	if f.write(w) {
		return
	}

	now := timestamp(emu.Now())
	oldVars := c.EnvironmentVariables
	c.Name = *in.Name
	c.BaseURL, c.DatasetID = "", ""
	if in.BaseURL != nil {
		c.BaseURL = *in.BaseURL
	}
	if in.DatasetID != nil {
		c.DatasetID = *in.DatasetID
	}
	if in.AuthSchemeConfigs != nil {
		c.AuthSchemeConfigs = *in.AuthSchemeConfigs
	}
	if in.EnvironmentVariables != nil {
		c.EnvironmentVariables = *in.EnvironmentVariables
	}
	var created []*environment
	if in.Environments != nil {
		next := make([]*environment, 0, len(*in.Environments))
		for _, env := range *in.Environments {
			if env.ID != "" {
				next = append(next, stored[env.ID])
				continue
			}
			ne := newEnvironment(env, c.EnvironmentVariables, now)
			created = append(created, ne)
			next = append(next, ne)
		}
		c.Environments = next
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
// (The docs say the change "will be performed on all the connection
// environments"; how overrides fare is unconfirmed.)
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

func (e *Emulator) remove(w http.ResponseWriter, r *http.Request) {
	force := false
	if v := r.URL.Query().Get("force"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "invalid query parameter force", err.Error(), []fieldError{{"force", "must be true or false"}})
			return
		}
		force = b
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	c, ok := e.lookup(w, r)
	if !ok {
		return
	}
	if c.inUse && !force {
		writeError(w, http.StatusConflict, fmt.Sprintf("connection %s is in use by one or more integrations", c.ID),
			"delete it with force=true to remove it anyway", nil)
		return
	}
	delete(e.connections, c.ID)
	w.WriteHeader(http.StatusNoContent)
}

func (e *Emulator) findEnvironment(w http.ResponseWriter, r *http.Request) (*connection, int, bool) {
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

// updateEnvironment is UpdateEnvironment: name is replaced, credentials when
// present (a credential's schemeType cannot change in place), variables when
// present (absent = unchanged, [] = delete all).
func (e *Emulator) updateEnvironment(w http.ResponseWriter, r *http.Request) {
	var in envInput
	if !decode(w, r, &in) {
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
	switch {
	case in.ID == "":
		f.add("id", "is required")
	case in.ID != env.ID:
		f.add("id", "must match the environment id in the path")
	}
	if strings.TrimSpace(in.Name) == "" {
		f.add("name", "is required")
	}
	for j, other := range c.Environments {
		if j != idx && other.Name == in.Name {
			f.add("name", "environment name %q is already used in this connection", in.Name)
		}
	}
	if in.Variables != nil {
		f.variables("variables", *in.Variables)
	}
	if in.Credentials != nil {
		e.checkCredentials(&f, "", c.OrganisationID, in.Credentials)
		for _, list := range []struct {
			name     string
			cur, new []binding
		}{{"action", env.Credentials.Action, in.Credentials.Action}, {"trigger", env.Credentials.Trigger, in.Credentials.Trigger}} {
			for j, b := range list.new {
				for _, old := range list.cur {
					if old.ID == b.ID && old.AuthSchemeConfig.SchemeType != b.AuthSchemeConfig.SchemeType {
						f.add(fmt.Sprintf("credentials.%s[%d].authSchemeConfig.schemeType", list.name, j),
							"cannot be changed from %s to %s; replace the environment instead", old.AuthSchemeConfig.SchemeType, b.AuthSchemeConfig.SchemeType)
					}
				}
			}
		}
	}
	for i := range f {
		f[i].Field = strings.TrimPrefix(f[i].Field, ".")
	}
	if f.write(w) {
		return
	}
	env.Name = in.Name
	if in.Credentials != nil {
		env.Credentials = *in.Credentials
		if env.Credentials.Action == nil {
			env.Credentials.Action = []binding{}
		}
		if env.Credentials.Trigger == nil {
			env.Credentials.Trigger = []binding{}
		}
	}
	if in.Variables != nil {
		env.Variables = append([]variable{}, *in.Variables...)
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
