package versori

import "encoding/json"

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

// AuthSchemeConfig is discriminated by SchemeType: none, api-key {name, in},
// basic-auth, oauth2 {authorizeUrl, tokenUrl, scopes, flows},
// google-service-account, hmac {name, in, algorithm, digestInputs}.
type AuthSchemeConfig struct {
	SchemeType   string          `json:"schemeType"`
	Name         string          `json:"name,omitempty"`
	In           string          `json:"in,omitempty"`
	Algorithm    string          `json:"algorithm,omitempty"`
	DigestInputs []string        `json:"digestInputs,omitempty"`
	AuthorizeURL string          `json:"authorizeUrl,omitempty"`
	TokenURL     string          `json:"tokenUrl,omitempty"`
	Scopes       []Scope         `json:"scopes,omitempty"`
	Flows        json.RawMessage `json:"flows,omitempty"`
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

// EnvironmentCredential binds an organisation credential (ID) to an
// environment with the auth scheme it is used for. Credential is only in answers.
type EnvironmentCredential struct {
	ID               string           `json:"id"`
	AuthSchemeConfig AuthSchemeConfig `json:"authSchemeConfig"`
	Credential       *Credential      `json:"credential,omitempty"`
}

// EnvironmentCredentials are the credentials actions and triggers use.
type EnvironmentCredentials struct {
	Action  []EnvironmentCredential `json:"action"`
	Trigger []EnvironmentCredential `json:"trigger"`
}

// Environment is one environment of a connection.
type Environment struct {
	ID          string                  `json:"id,omitempty"`
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

// CreateInput is the body of POST /o/{org}/protocols/{protocol}/connections.
// The bigquery endpoint takes only name, datasetId and environments.
type CreateInput struct {
	Name                 string             `json:"name"`
	BaseURL              string             `json:"baseUrl,omitempty"`
	DatasetID            string             `json:"datasetId,omitempty"`
	AuthSchemeConfigs    []AuthSchemeConfig `json:"authSchemeConfigs,omitempty"`
	Environments         []Environment      `json:"environments"`
	EnvironmentVariables []Variable         `json:"environmentVariables,omitempty"`
}

// ReplaceInput is the body of PUT /o/{org}/connections/{id}. The three lists
// are always sent (empty rather than omitted) so the PUT states the whole
// object: the API leaves an omitted list untouched. Environments may only
// repeat existing ones unchanged (with their id) or add new ones (without).
type ReplaceInput struct {
	ID                   string             `json:"id"`
	OrganisationID       string             `json:"organisationId"`
	Name                 string             `json:"name"`
	Protocol             string             `json:"protocol"`
	AuthSchemeConfigs    []AuthSchemeConfig `json:"authSchemeConfigs"`
	Environments         []Environment      `json:"environments"`
	BaseURL              string             `json:"baseUrl,omitempty"`
	DatasetID            string             `json:"datasetId,omitempty"`
	EnvironmentVariables []Variable         `json:"environmentVariables"`
}

// EnvironmentInput is the body of PUT …/environments/{env_id}. A nil
// Variables leaves the variables unchanged; an empty one deletes them all.
type EnvironmentInput struct {
	ID          string                  `json:"id"`
	Name        string                  `json:"name"`
	Credentials *EnvironmentCredentials `json:"credentials,omitempty"`
	Variables   *[]Variable             `json:"variables,omitempty"`
}

// AsInput returns the environment as a request repeats it: read-only parts
// (timestamps, the expanded credential) left out.
func (e Environment) AsInput() Environment {
	out := Environment{ID: e.ID, Name: e.Name, Variables: append([]Variable{}, e.Variables...)}
	if e.Credentials != nil {
		out.Credentials = &EnvironmentCredentials{Action: stripCredentials(e.Credentials.Action), Trigger: stripCredentials(e.Credentials.Trigger)}
	}
	return out
}

func stripCredentials(in []EnvironmentCredential) []EnvironmentCredential {
	out := make([]EnvironmentCredential, len(in))
	for i, c := range in {
		out[i] = EnvironmentCredential{ID: c.ID, AuthSchemeConfig: c.AuthSchemeConfig}
	}
	return out
}

// Page is one answer of the list endpoint.
type Page struct {
	TotalCount  int          `json:"totalCount"`
	Next        string       `json:"next,omitempty"`
	Prev        string       `json:"prev,omitempty"`
	Connections []Connection `json:"connections"`
}
