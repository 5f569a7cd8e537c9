package tiledb

import (
	"context"
	"encoding/base64"
	"net/http"

	"github.com/conduit-tf/terraform-provider-conduit/internal/client"
)

const (
	defaultEndpoint = "https://api.tiledb.com"
	// apiKeyHeader carries the API token.
	apiKeyHeader = "X-TILEDB-REST-API-KEY"
)

// Service is the TileDB Cloud API as users configure it: the provider's
// tiledb block and its environment variables.
var Service = client.Service{
	Block:       "tiledb",
	Name:        "TileDB",
	Description: "TileDB Cloud API, for the resource `conduit_tiledb_credential`, the list resource `conduit_tiledb_credential` and the data source `conduit_tiledb_credentials`.",
	Settings: []client.Setting{
		{Attr: "endpoint", Env: []string{"TILEDB_REST_HOST"}, Kind: client.Endpoint,
			Description: "API host; paths start with `/v2`.", Default: defaultEndpoint},
		{Attr: "api_key", Env: []string{"TILEDB_REST_TOKEN"}, Sensitive: true,
			Description: "API token sent as `" + apiKeyHeader + "`."},
		{Attr: "username", Env: []string{"TILEDB_REST_USERNAME"},
			Description: "HTTP basic user, used when no api_key is set."},
		{Attr: "password", Env: []string{"TILEDB_REST_PASSWORD"}, Sensitive: true,
			Description: "HTTP basic password."},
		{Attr: "namespace", Env: []string{"TILEDB_NAMESPACE"}, Scope: true,
			Description: "Default namespace for resources."},
	},
	Credentials: [][]string{{"api_key"}, {"username", "password"}},
	Connect:     client.Connector(Connect),
}

// Connect builds the API from the tiledb settings: the API token, else HTTP
// basic authentication.
func Connect(s *client.Resolved, o client.Options) (*API, error) {
	if !s.HasCredentials() {
		return nil, s.NoCredentials()
	}
	cfg := client.Config{Options: o, Service: s.Block(), BaseURL: host(s.Endpoint(defaultEndpoint)),
		DecodeError: DecodeError, SecretHeaders: []string{apiKeyHeader}}
	if key := s.Get("api_key"); key != "" {
		cfg.Secrets = []string{key}
		cfg.Auth = client.AuthenticatorFunc(func(_ context.Context, r *http.Request) error {
			r.Header.Set(apiKeyHeader, key)
			return nil
		})
	} else {
		cfg.Secrets = []string{s.Get("password")}
		basic := base64.StdEncoding.EncodeToString([]byte(s.Get("username") + ":" + s.Get("password")))
		cfg.Auth = client.AuthenticatorFunc(func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Basic "+basic)
			return nil
		})
	}
	c, err := client.New(cfg)
	return &API{c: c}, err
}
