package versori

import (
	"encoding/json"
	"sort"
	"strings"
)

// Wire views: what GET answers. Environment credentials carry the expanded,
// redacted organisation credential (seed 002, spec EnvironmentCredential).

type credentialView struct {
	ID        string                     `json:"id"`
	Type      string                     `json:"type"`
	Name      string                     `json:"name"`
	Usages    []usageView                `json:"usages"`
	Errors    []string                   `json:"errors"`
	Data      map[string]json.RawMessage `json:"data"`
	CreatedAt string                     `json:"createdAt"`
	UpdatedAt string                     `json:"updatedAt"`
}

type usageView struct {
	Environment struct {
		ID         string            `json:"id"`
		Name       string            `json:"name"`
		Slug       string            `json:"slug"`
		Connection connectionSummary `json:"connection"`
		CreatedAt  string            `json:"createdAt"`
		UpdatedAt  string            `json:"updatedAt"`
	} `json:"environment"`
}

type connectionSummary struct {
	ID             string `json:"id"`
	OrganisationID string `json:"organisationId"`
	Name           string `json:"name"`
	Protocol       string `json:"protocol"`
	CreatedAt      string `json:"createdAt"`
	UpdatedAt      string `json:"updatedAt"`
}

type bindingView struct {
	ID               string          `json:"id"`
	AuthSchemeConfig any             `json:"authSchemeConfig"`
	Credential       *credentialView `json:"credential,omitempty"`
}

type environmentView struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Credentials struct {
		Action  []bindingView `json:"action"`
		Trigger []bindingView `json:"trigger"`
	} `json:"credentials"`
	Variables []variable `json:"variables"`
	CreatedAt string     `json:"createdAt"`
	UpdatedAt string     `json:"updatedAt"`
}

type connectionView struct {
	connection
	AuthSchemeConfigs []any             `json:"authSchemeConfigs"`
	Environments      []environmentView `json:"environments"`
}

func (e *Emulator) view(c *connection) connectionView {
	v := connectionView{connection: *c, Environments: make([]environmentView, 0, len(c.Environments)),
		AuthSchemeConfigs: make([]any, 0, len(c.AuthSchemeConfigs))}
	for _, s := range c.AuthSchemeConfigs {
		v.AuthSchemeConfigs = append(v.AuthSchemeConfigs, e.schemeView(s))
	}
	if v.EnvironmentVariables == nil {
		v.EnvironmentVariables = []variable{}
	}
	if v.Versions == nil {
		v.Versions = []version{}
	}
	for _, env := range c.Environments {
		v.Environments = append(v.Environments, e.envView(env))
	}
	return v
}

// schemeView expands an authorization-code flow's application credential:
// the spec reuses the full Credential there on reads (its TODO says create
// and update need only the id).
func (e *Emulator) schemeView(s authScheme) any {
	if s.Flows == nil || s.Flows.AuthorizationCode == nil {
		return s
	}
	raw, _ := json.Marshal(s)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	if cr := e.credentials[s.Flows.AuthorizationCode.ApplicationCredential.ID]; cr != nil {
		m["flows"].(map[string]any)["authorizationCode"] = map[string]any{"applicationCredential": e.credentialView(cr)}
	}
	return m
}

func (e *Emulator) envView(env *environment) environmentView {
	v := environmentView{ID: env.ID, Name: env.Name, Variables: env.Variables, CreatedAt: env.CreatedAt, UpdatedAt: env.UpdatedAt}
	if v.Variables == nil {
		v.Variables = []variable{}
	}
	v.Credentials.Action = e.bindingViews(env.Credentials.Action)
	v.Credentials.Trigger = e.bindingViews(env.Credentials.Trigger)
	return v
}

func (e *Emulator) bindingViews(in []binding) []bindingView {
	out := make([]bindingView, 0, len(in))
	for _, b := range in {
		bv := bindingView{ID: b.ID, AuthSchemeConfig: e.schemeView(b.AuthSchemeConfig)}
		if cr := e.credentials[b.Credential.ID]; cr != nil {
			cv := e.credentialView(cr)
			bv.Credential = &cv
		}
		out = append(out, bv)
	}
	return out
}

// secretData are the credential data fields the spec says are redacted on
// read (CredentialDataString.value, …Binary.valueBase64, …BasicAuth.password,
// …OAuth2Client.clientSecret, …OAuth2Token.clientSecret/accessToken/refreshToken).
var secretData = map[string]bool{"value": true, "valueBase64": true, "password": true,
	"clientSecret": true, "accessToken": true, "refreshToken": true}

// redacted is what a secret reads as; the spec does not say (assumption).
var redacted = json.RawMessage(`"<redacted>"`)

// credentialView never carries a secret: secret keys are kept, values redacted.
func (e *Emulator) credentialView(cr *credential) credentialView {
	v := credentialView{ID: cr.ID, Type: cr.Type, Name: cr.Name, Usages: e.usages(cr.ID), Errors: []string{},
		Data: map[string]json.RawMessage{}, CreatedAt: cr.CreatedAt, UpdatedAt: cr.UpdatedAt}
	for k, val := range cr.Data {
		if secretData[k] {
			val = redacted
		}
		v.Data[k] = val
	}
	return v
}

// usages lists the environments that bind a credential (spec CredentialUsages).
func (e *Emulator) usages(credID string) []usageView {
	out := []usageView{}
	ids := make([]string, 0, len(e.connections))
	for id := range e.connections {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		c := e.connections[id]
		for _, env := range c.Environments {
			if !uses(env, credID) {
				continue
			}
			var u usageView
			u.Environment.ID, u.Environment.Name, u.Environment.Slug = env.ID, env.Name, slug(env.Name)
			u.Environment.CreatedAt, u.Environment.UpdatedAt = env.CreatedAt, env.UpdatedAt
			u.Environment.Connection = connectionSummary{c.ID, c.OrganisationID, c.Name, c.Protocol, c.CreatedAt, c.UpdatedAt}
			out = append(out, u)
		}
	}
	return out
}

func uses(env *environment, credID string) bool {
	for _, b := range append(append([]binding{}, env.Credentials.Action...), env.Credentials.Trigger...) {
		if b.Credential.ID == credID {
			return true
		}
	}
	return false
}

// slug is "the kebab-case name of the Environment" (spec CredentialUsageEnvironment.slug).
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
