package auth0

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

// Service is the Auth0 Management API as users configure it: the provider's
// auth0 block and its environment variables.
var Service = client.Service{
	Block:       "auth0",
	Name:        "Auth0",
	Description: "Auth0 Management API, for the resource `conduit_org_connection`, the list resource `conduit_org_connection` and the data source `conduit_org_connections`.",
	Settings: []client.Setting{
		{Attr: "domain", Env: []string{"AUTH0_DOMAIN"}, Kind: client.Host, Required: true,
			Description: "Tenant domain, e.g. `acme.eu.auth0.com`."},
		{Attr: "api_token", Env: []string{"AUTH0_API_TOKEN"}, Sensitive: true,
			Description: "Management API token; wins over client credentials."},
		{Attr: "client_id", Env: []string{"AUTH0_CLIENT_ID"},
			Description: "Client id for the client-credentials grant."},
		{Attr: "client_secret", Env: []string{"AUTH0_CLIENT_SECRET"}, Sensitive: true,
			Description: "Client secret for the client-credentials grant."},
		{Attr: "endpoint", Env: []string{"AUTH0_ENDPOINT"}, Kind: client.Endpoint,
			Description: "Scheme and host override; `/api/v2` is appended.", Default: "https://{domain}"},
		{Attr: "audience", Env: []string{"AUTH0_AUDIENCE"}, Kind: client.URL,
			Description: "Token audience.", Default: "https://{domain}/api/v2/"},
	},
	Credentials: [][]string{{"api_token"}, {"client_id", "client_secret"}},
	Connect:     client.Connector(Connect),
}

// Connect builds the API from the auth0 settings: a static token, or the
// client-credentials grant with one token shared by every request.
func Connect(s *client.Resolved, o client.Options) (*API, error) {
	token, id, secret := s.Get("api_token"), s.Get("client_id"), s.Get("client_secret")
	switch {
	case s.Set("client_id") != s.Set("client_secret") && token == "":
		return nil, s.Incomplete(s.Describe("client_id", "client_secret") + " must be set together")
	case !s.HasCredentials():
		return nil, s.NoCredentials()
	case !s.Set("domain") && !s.Set("endpoint"):
		return nil, s.Incomplete("has no domain: set " + s.Describe("domain"))
	case token == "" && !s.Set("domain") && !s.Set("audience"):
		return nil, s.Incomplete("the client-credentials grant needs " + s.Describe("domain") + " or " + s.Describe("audience"))
	}
	if token != "" && (id != "" || secret != "") {
		s.Warn("api_token", "Auth0 client credentials ignored",
			fmt.Sprintf("Both an API token (%s) and client credentials are set; the API token is used.", s.Value("api_token").Source))
	}
	root := strings.TrimRight(s.Endpoint("https://"+s.Get("domain")), "/")
	cfg := client.Config{Options: o, Service: s.Block(), BaseURL: root + "/api/v2", DecodeError: DecodeError}
	if token != "" {
		cfg.Auth, cfg.Secrets = client.BearerToken(token), []string{token}
		return newAPI(cfg)
	}
	audience := s.Get("audience")
	if audience == "" {
		audience = "https://" + s.Get("domain") + "/api/v2/"
	}
	tokenClient, err := client.New(client.Config{Options: o, Service: s.Block(), BaseURL: root, DecodeError: decodeTokenError, Secrets: []string{secret}})
	if err != nil {
		return nil, err
	}
	cfg.Auth = &client.OAuthTokenSource{TokenClient: tokenClient, ClientID: id, ClientSecret: secret, Audience: audience}
	cfg.Secrets = []string{secret}
	return newAPI(cfg)
}

func newAPI(cfg client.Config) (*API, error) {
	c, err := client.New(cfg)
	if err != nil {
		return nil, err
	}
	return &API{c: c}, nil
}

// decodeTokenError reads the token endpoint's `{error, error_description}`
// when DecodeError finds no message.
func decodeTokenError(status int, body []byte) (string, string, []client.FieldError) {
	msg, code, _ := DecodeError(status, body)
	if msg != "" {
		return msg, code, nil
	}
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(body, &e) == nil {
		return e.Description, e.Error, nil
	}
	return "", "", nil
}
