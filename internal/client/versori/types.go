package versori

import (
	"encoding/json"
)

// Protocols the Connect API can create connections for; the protocol is part
// of the create path and cannot change afterwards.
const (
	ProtocolHTTP     = "http"
	ProtocolBigQuery = "bigquery"
)

// Variable is one `{name, value}` pair; the API keeps variables as lists.
type Variable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Scope is one OAuth 2 scope of an oauth2 auth scheme.
type Scope struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// CredentialRef names an existing organisation credential: the spec's
// InferredReference `{id}`. Reads that carry a whole Credential decode into
// it too, keeping only the id.
type CredentialRef struct {
	ID string `json:"id"`
}

// OAuth2Flows are the flows an oauth2 scheme supports; at least one is set.
type OAuth2Flows struct {
	ClientCredentials *struct{}                `json:"clientCredentials,omitempty"`
	AuthorizationCode *OAuth2AuthorizationCode `json:"authorizationCode,omitempty"`
}

// OAuth2AuthorizationCode names the credential holding the client id and
// secret. The spec types it as a full Credential and notes that create and
// update need only its id, which is all this sends.
type OAuth2AuthorizationCode struct {
	ApplicationCredential CredentialRef `json:"applicationCredential"`
}

// AuthSchemeConfig is discriminated by SchemeType: none, api-key {name, in},
// basic-auth, oauth2 {authorizeUrl, tokenUrl, scopes, flows},
// google-service-account, hmac {name, in, algorithm, digestInputs}.
type AuthSchemeConfig struct {
	SchemeType   string       `json:"schemeType"`
	Name         string       `json:"name,omitempty"`
	In           string       `json:"in,omitempty"`
	Algorithm    string       `json:"algorithm,omitempty"`
	DigestInputs []string     `json:"digestInputs,omitempty"`
	AuthorizeURL string       `json:"authorizeUrl,omitempty"`
	TokenURL     string       `json:"tokenUrl,omitempty"`
	Scopes       []Scope      `json:"scopes,omitempty"`
	Flows        *OAuth2Flows `json:"flows,omitempty"`
}

// MarshalJSON sends exactly the fields of the scheme type, all of which the
// spec requires, lists included when empty (an oauth2 scheme without scopes
// still sends `scopes: []`). An unknown type sends whatever is set.
func (s AuthSchemeConfig) MarshalJSON() ([]byte, error) {
	type plain AuthSchemeConfig
	switch s.SchemeType {
	case "none", "basic-auth", "google-service-account":
		return json.Marshal(struct {
			SchemeType string `json:"schemeType"`
		}{s.SchemeType})
	case "api-key":
		return json.Marshal(struct {
			SchemeType string `json:"schemeType"`
			Name       string `json:"name"`
			In         string `json:"in"`
		}{s.SchemeType, s.Name, s.In})
	case "hmac":
		return json.Marshal(struct {
			SchemeType   string   `json:"schemeType"`
			Name         string   `json:"name"`
			In           string   `json:"in"`
			Algorithm    string   `json:"algorithm"`
			DigestInputs []string `json:"digestInputs"`
		}{s.SchemeType, s.Name, s.In, s.Algorithm, nonNil(s.DigestInputs)})
	case "oauth2":
		flows := s.Flows
		if flows == nil {
			flows = &OAuth2Flows{}
		}
		return json.Marshal(struct {
			SchemeType   string       `json:"schemeType"`
			AuthorizeURL string       `json:"authorizeUrl"`
			TokenURL     string       `json:"tokenUrl"`
			Scopes       []Scope      `json:"scopes"`
			Flows        *OAuth2Flows `json:"flows"`
		}{s.SchemeType, s.AuthorizeURL, s.TokenURL, nonNil(s.Scopes), flows})
	}
	return json.Marshal(plain(s))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ConnectionSummary is the connection as embedded in a credential usage.
type ConnectionSummary struct {
	ID             string `json:"id"`
	OrganisationID string `json:"organisationId"`
	Name           string `json:"name"`
	Protocol       string `json:"protocol"`
	CreatedAt      string `json:"createdAt,omitempty"`
	UpdatedAt      string `json:"updatedAt,omitempty"`
}

// CredentialUsage names an environment that references a credential.
type CredentialUsage struct {
	Environment struct {
		ID         string             `json:"id"`
		Name       string             `json:"name"`
		Slug       string             `json:"slug"`
		Connection *ConnectionSummary `json:"connection,omitempty"`
		CreatedAt  string             `json:"createdAt,omitempty"`
		UpdatedAt  string             `json:"updatedAt,omitempty"`
	} `json:"environment"`
}

// Credential is an organisation-level secret holder; its data is redacted on read.
type Credential struct {
	ID        string            `json:"id"`
	Type      string            `json:"type"`
	Name      string            `json:"name"`
	Usages    []CredentialUsage `json:"usages,omitempty"`
	Errors    []string          `json:"errors,omitempty"`
	Data      json.RawMessage   `json:"data,omitempty"`
	CreatedAt string            `json:"createdAt,omitempty"`
	UpdatedAt string            `json:"updatedAt,omitempty"`
}

// EnvironmentCredential is how an environment uses an organisation
// credential: the binding has an id of its own (ID), the auth scheme, and the
// expanded Credential with the credential's id (seed 002; spec EnvironmentCredential).
type EnvironmentCredential struct {
	ID               string           `json:"id"`
	AuthSchemeConfig AuthSchemeConfig `json:"authSchemeConfig"`
	Credential       *Credential      `json:"credential,omitempty"`
}

// CredentialID is the organisation credential's id, "" when the answer
// leaves the credential out (the spec requires it).
func (c EnvironmentCredential) CredentialID() string {
	if c.Credential == nil {
		return ""
	}
	return c.Credential.ID
}

// EnvironmentCredentials are the credentials actions and triggers use.
type EnvironmentCredentials struct {
	Action  []EnvironmentCredential `json:"action"`
	Trigger []EnvironmentCredential `json:"trigger"`
}

// Environment is one environment of a connection, as the API answers it.
type Environment struct {
	ID          string                  `json:"id"`
	Name        string                  `json:"name"`
	Credentials *EnvironmentCredentials `json:"credentials,omitempty"`
	Variables   []Variable              `json:"variables"`
	CreatedAt   string                  `json:"createdAt,omitempty"`
	UpdatedAt   string                  `json:"updatedAt,omitempty"`
}

// Version is one version of a connection.
type Version struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	IsLatest    bool   `json:"isLatest"`
	IsDefault   bool   `json:"isDefault"`
	CreatedAt   string `json:"createdAt,omitempty"`
	UpdatedAt   string `json:"updatedAt,omitempty"`
	PublishedAt string `json:"publishedAt,omitempty"`
}

// Connection is the API's full view of a connection.
type Connection struct {
	ID                   string             `json:"id"`
	OrganisationID       string             `json:"organisationId"`
	Name                 string             `json:"name"`
	Protocol             string             `json:"protocol"`
	AuthSchemeConfigs    []AuthSchemeConfig `json:"authSchemeConfigs"`
	EnvironmentVariables []Variable         `json:"environmentVariables"`
	Environments         []Environment      `json:"environments"`
	Versions             []Version          `json:"versions,omitempty"`
	CreatedAt            string             `json:"createdAt,omitempty"`
	UpdatedAt            string             `json:"updatedAt,omitempty"`
	BaseURL              string             `json:"baseUrl,omitempty"`
	DatasetID            string             `json:"datasetId,omitempty"`
}

// EnvironmentCredentialCreate binds an existing organisation credential to a
// new environment: the spec's EnvironmentCredentialCreate with an
// InferredReference.
type EnvironmentCredentialCreate struct {
	AuthSchemeConfig AuthSchemeConfig `json:"authSchemeConfig"`
	Credential       CredentialRef    `json:"credential"`
}

// EnvironmentCredentialsCreate are a new environment's credentials.
type EnvironmentCredentialsCreate struct {
	Action  []EnvironmentCredentialCreate `json:"action"`
	Trigger []EnvironmentCredentialCreate `json:"trigger"`
}

// EnvironmentCreate is a new environment, in a create or PUT body. The spec
// requires name, credentials and variables: the lists are sent even when empty.
type EnvironmentCreate struct {
	Name        string                       `json:"name"`
	Credentials EnvironmentCredentialsCreate `json:"credentials"`
	Variables   []Variable                   `json:"variables"`
}

// MarshalJSON sends the required lists as [] rather than null.
func (e EnvironmentCreate) MarshalJSON() ([]byte, error) {
	type plain EnvironmentCreate
	e.Credentials.Action, e.Credentials.Trigger = nonNil(e.Credentials.Action), nonNil(e.Credentials.Trigger)
	e.Variables = nonNil(e.Variables)
	return json.Marshal(plain(e))
}

// EnvironmentCredentialUpdate names an existing binding by its own id (not
// the credential's) with the auth scheme it should have.
type EnvironmentCredentialUpdate struct {
	ID               string           `json:"id"`
	AuthSchemeConfig AuthSchemeConfig `json:"authSchemeConfig"`
}

// EnvironmentCredentialsUpdate reorders an environment's bindings or edits
// their auth schemes; the spec allows nothing else (no new credential, no
// schemeType change).
type EnvironmentCredentialsUpdate struct {
	Action  []EnvironmentCredentialUpdate `json:"action"`
	Trigger []EnvironmentCredentialUpdate `json:"trigger"`
}

// EnvironmentUpdate is the body of PUT …/environments/{env_id}, and an
// existing environment repeated in a connection PUT. A nil Variables leaves
// the variables unchanged; an empty one deletes them all.
type EnvironmentUpdate struct {
	ID          string                        `json:"id"`
	Name        string                        `json:"name"`
	Credentials *EnvironmentCredentialsUpdate `json:"credentials,omitempty"`
	Variables   *[]Variable                   `json:"variables,omitempty"`
}

// EnvironmentUpdateOrCreate is one item of a connection PUT's environments:
// an existing environment repeated unchanged (Update) or a new one (Create).
type EnvironmentUpdateOrCreate struct {
	Update *EnvironmentUpdate
	Create *EnvironmentCreate
}

// MarshalJSON writes whichever form is set.
func (e EnvironmentUpdateOrCreate) MarshalJSON() ([]byte, error) {
	if e.Update != nil {
		return json.Marshal(e.Update)
	}
	return json.Marshal(e.Create)
}

// AsUpdate returns the environment as a connection PUT repeats it unchanged:
// bindings by their own ids, read-only parts left out.
func (e Environment) AsUpdate() EnvironmentUpdate {
	vars := append([]Variable{}, e.Variables...)
	creds := &EnvironmentCredentialsUpdate{Action: []EnvironmentCredentialUpdate{}, Trigger: []EnvironmentCredentialUpdate{}}
	if e.Credentials != nil {
		for _, c := range e.Credentials.Action {
			creds.Action = append(creds.Action, EnvironmentCredentialUpdate{ID: c.ID, AuthSchemeConfig: c.AuthSchemeConfig})
		}
		for _, c := range e.Credentials.Trigger {
			creds.Trigger = append(creds.Trigger, EnvironmentCredentialUpdate{ID: c.ID, AuthSchemeConfig: c.AuthSchemeConfig})
		}
	}
	return EnvironmentUpdate{ID: e.ID, Name: e.Name, Credentials: creds, Variables: &vars}
}

// CreateInput is what a create sends. Create writes the body of the
// protocol's operation: CreateHTTPConnection {name, baseUrl,
// authSchemeConfigs, environments, environmentVariables?} or
// CreateBigQueryConnection {name, datasetId, environments}, the required
// lists as [] when empty.
type CreateInput struct {
	Name                 string
	BaseURL              string
	DatasetID            string
	AuthSchemeConfigs    []AuthSchemeConfig
	Environments         []EnvironmentCreate
	EnvironmentVariables []Variable
}

func (in CreateInput) body(protocol string) any {
	if protocol == ProtocolBigQuery {
		return struct {
			Name         string              `json:"name"`
			DatasetID    string              `json:"datasetId,omitempty"`
			Environments []EnvironmentCreate `json:"environments"`
		}{in.Name, in.DatasetID, nonNil(in.Environments)}
	}
	return struct {
		Name                 string              `json:"name"`
		BaseURL              string              `json:"baseUrl"`
		AuthSchemeConfigs    []AuthSchemeConfig  `json:"authSchemeConfigs"`
		Environments         []EnvironmentCreate `json:"environments"`
		EnvironmentVariables []Variable          `json:"environmentVariables,omitempty"`
	}{in.Name, in.BaseURL, nonNil(in.AuthSchemeConfigs), nonNil(in.Environments), in.EnvironmentVariables}
}

// ReplaceInput is the body of PUT /o/{org}/connections/{id}. The lists are
// always sent (empty rather than omitted) so the PUT states the whole
// object; environmentVariables and baseUrl only for http, datasetId only for
// bigquery, as HTTPConnectionUpdate and BigQueryConnectionUpdate define them.
// Environments may only repeat existing ones unchanged or add new ones.
type ReplaceInput struct {
	ID                   string
	OrganisationID       string
	Name                 string
	Protocol             string
	AuthSchemeConfigs    []AuthSchemeConfig
	Environments         []EnvironmentUpdateOrCreate
	BaseURL              string
	DatasetID            string
	EnvironmentVariables []Variable
}

// MarshalJSON writes the protocol's update body.
func (in ReplaceInput) MarshalJSON() ([]byte, error) {
	type common struct {
		ID                string                      `json:"id"`
		OrganisationID    string                      `json:"organisationId"`
		Name              string                      `json:"name"`
		Protocol          string                      `json:"protocol"`
		AuthSchemeConfigs []AuthSchemeConfig          `json:"authSchemeConfigs"`
		Environments      []EnvironmentUpdateOrCreate `json:"environments"`
	}
	c := common{in.ID, in.OrganisationID, in.Name, in.Protocol, nonNil(in.AuthSchemeConfigs), nonNil(in.Environments)}
	if in.Protocol == ProtocolBigQuery {
		return json.Marshal(struct {
			common
			DatasetID string `json:"datasetId"`
		}{c, in.DatasetID})
	}
	return json.Marshal(struct {
		common
		BaseURL              string     `json:"baseUrl"`
		EnvironmentVariables []Variable `json:"environmentVariables"`
	}{c, in.BaseURL, nonNil(in.EnvironmentVariables)})
}

// Page is one answer of the list endpoint.
type Page struct {
	TotalCount  int          `json:"totalCount"`
	Next        string       `json:"next,omitempty"`
	Prev        string       `json:"prev,omitempty"`
	Connections []Connection `json:"connections"`
}
